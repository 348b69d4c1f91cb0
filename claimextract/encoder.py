"""The sentence encoder: text in, one L2-normalised vector per sentence out.

A small transformer (MiniLM-L6, 384 dimensions; docs/decisions/0006-sentence-encoder.md)
run with onnxruntime, its WordPiece tokenizer with `tokenizers`. Two graphs ship in
`data/`, int8-quantized, sharing one tokenizer:

- `encoder.onnx`, the untuned encoder: mean-pooled embeddings for comparing sentences
  (a claim against earlier fact-checks, a claim against a source's passages);
- `checkworthiness.onnx`, the encoder fine-tuned for check-worthiness: the same kind of
  embeddings plus the classifier's `logit`, which `claimextract.checkworthiness`
  calibrates into a score.

Sessions load on first use, once per file and process. Sentences are tokenized and
truncated to `max_length` tokens, then run `batch_size` at a time (sorted by length, so that
little padding is needed); the default runs them one at a time, see `BATCH_SIZE`. Each run
uses one thread, and `threads` runs go at once: the calling thread and a small pool of
worker threads take the next sentence until none is left. A sentence's numbers come out the
same whichever thread runs it and whatever runs beside it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import onnxruntime
    from tokenizers import Tokenizer

DATA = Path(__file__).resolve().parent / "data"
ENCODER_PATH = DATA / "encoder.onnx"
CHECKWORTHINESS_PATH = DATA / "checkworthiness.onnx"
TOKENIZER_PATH = DATA / "tokenizer.json"

MAX_LENGTH = 96
# One sentence a run: the int8 graphs quantize activations with scales taken from each run's
# input, so in a batch a sentence's numbers would depend on its neighbours (and on their
# padding). Alone, a sentence gets the same vector and score in any article.
BATCH_SIZE = 1
# Runs at once, one thread each. Single-threaded runs side by side beat one run split over
# two threads: a sentence is too small a job to share, the threads spend their time waiting
# on each other.
THREADS = 2

Vectors = npt.NDArray[np.float32]


class SentenceEncoder:
    """One ONNX graph and its tokenizer. `embed` gives unit vectors; `logits` the
    classifier output when the graph has one."""

    def __init__(
        self,
        model_path: str | Path,
        tokenizer_path: str | Path = TOKENIZER_PATH,
        *,
        max_length: int = MAX_LENGTH,
        batch_size: int = BATCH_SIZE,
        threads: int = THREADS,
    ) -> None:
        self.model_path = Path(model_path)
        self.tokenizer_path = Path(tokenizer_path)
        self.max_length = max_length
        self.batch_size = batch_size
        self.threads = threads
        self._session: onnxruntime.InferenceSession | None = None
        self._tokenizer: Tokenizer | None = None
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._pool_pid = 0

    # -- loading ------------------------------------------------------------------------

    def _load(self) -> tuple[onnxruntime.InferenceSession, Tokenizer]:
        with self._lock:
            if self._session is None or self._tokenizer is None:
                import onnxruntime
                from tokenizers import Tokenizer

                tokenizer = Tokenizer.from_file(str(self.tokenizer_path))
                tokenizer.no_padding()
                tokenizer.enable_truncation(self.max_length)
                options = onnxruntime.SessionOptions()
                # Every run on the thread that calls it; parallelism comes from `_parallel`.
                options.intra_op_num_threads = 1
                options.inter_op_num_threads = 1
                options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
                options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
                options.log_severity_level = 3
                self._session = onnxruntime.InferenceSession(
                    str(self.model_path), options, providers=["CPUExecutionProvider"]
                )
                self._tokenizer = tokenizer
            return self._session, self._tokenizer

    def _workers(self) -> ThreadPoolExecutor:
        """The pool of `threads - 1` helpers, made again in a process forked after it was
        made (threads do not survive a fork)."""
        with self._lock:
            if self._pool is None or self._pool_pid != os.getpid():
                self._pool = ThreadPoolExecutor(
                    max_workers=max(self.threads - 1, 1), thread_name_prefix="encoder"
                )
                self._pool_pid = os.getpid()
            return self._pool

    def _parallel(self, jobs: Sequence[list[int]], work: Callable[[list[int]], None]) -> None:
        """`work(job)` for every job, `threads` at a time: the calling thread and the pool's
        threads each take the next job until none is left."""
        helpers = min(self.threads, len(jobs)) - 1
        if helpers <= 0:
            for job in jobs:
                work(job)
            return
        pending = iter(jobs)
        taking = threading.Lock()

        def drain() -> None:
            while True:
                with taking:
                    job = next(pending, None)
                if job is None:
                    return
                work(job)

        pool = self._workers()
        futures = [pool.submit(drain) for _ in range(helpers)]
        try:
            drain()
        finally:
            for future in futures:
                future.result()

    @property
    def outputs(self) -> list[str]:
        session, _ = self._load()
        return [o.name for o in session.get_outputs()]

    @property
    def has_logit(self) -> bool:
        return "logit" in self.outputs

    # -- running ------------------------------------------------------------------------

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """WordPiece ids, [CLS] and [SEP] included, truncated to `max_length`."""
        _, tokenizer = self._load()
        return [list(e.ids) for e in tokenizer.encode_batch(list(texts))]

    def run(self, texts: Sequence[str]) -> tuple[Vectors, npt.NDArray[np.float32] | None]:
        """Embeddings (n x dimensions, unit length; zero for an empty input list) and, if
        the graph has a classifier, its logits (n)."""
        if isinstance(texts, str):
            raise TypeError("run() takes a sequence of texts; wrap a single text in a list")
        session, _ = self._load()
        ids = self.token_ids(texts)
        with_logit = self.has_logit
        width = session.get_outputs()[0].shape[-1]
        if not isinstance(width, int):  # the graph does not state it: one run tells
            width = int(session.run(None, _feed([[0]])[1])[0].shape[-1])
        embeddings = np.zeros((len(ids), width), dtype=np.float32)
        logits = np.zeros(len(ids), dtype=np.float32) if with_logit else None
        # Longest first, so that no thread is left with a long sentence at the end.
        order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
        chunks = [order[s : s + self.batch_size] for s in range(0, len(order), self.batch_size)]

        def work(chunk: list[int]) -> None:
            mask, feed = _feed([ids[i] for i in chunk])
            outputs = session.run(None, feed)
            embeddings[chunk] = _mean_pool(np.asarray(outputs[0], dtype=np.float32), mask)
            if logits is not None:
                logits[chunk] = np.asarray(outputs[1], dtype=np.float32).reshape(-1)

        self._parallel(chunks, work)
        return _normalise(embeddings), logits

    def embed(self, texts: Sequence[str]) -> Vectors:
        """One unit vector per text: cosine similarity is a dot product."""
        return self.run(texts)[0]

    def logits(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        if not self.has_logit:
            raise ValueError(f"{self.model_path.name} has no classifier output")
        logits = self.run(texts)[1]
        assert logits is not None
        return logits


def _feed(
    rows: Sequence[list[int]],
) -> tuple[npt.NDArray[np.int64], dict[str, npt.NDArray[np.int64]]]:
    """The attention mask and the graph's inputs for `rows` of token ids, padded to the
    longest."""
    longest = max(len(row) for row in rows)
    input_ids = np.zeros((len(rows), longest), dtype=np.int64)
    mask = np.zeros((len(rows), longest), dtype=np.int64)
    for r, row in enumerate(rows):
        input_ids[r, : len(row)] = row
        mask[r, : len(row)] = 1
    return mask, {"input_ids": input_ids, "attention_mask": mask}


def _mean_pool(hidden: Vectors, mask: npt.NDArray[np.int64]) -> Vectors:
    weights = mask[:, :, None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    counts = np.maximum(weights.sum(axis=1), 1e-9)
    pooled: Vectors = (summed / counts).astype(np.float32)
    return pooled


def _normalise(vectors: Vectors) -> Vectors:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    normalised: Vectors = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return normalised


@lru_cache(maxsize=4)
def _cached(path: Path) -> SentenceEncoder:
    return SentenceEncoder(path)


def load_encoder(path: str | Path | None = None) -> SentenceEncoder:
    """The encoder at `path`, by default the untuned sentence encoder; one per file and
    process (the session itself loads on first use)."""
    return _cached(Path(path).resolve() if path is not None else ENCODER_PATH)


def embed(texts: Sequence[str]) -> Vectors:
    """Unit sentence embeddings from the untuned encoder."""
    return load_encoder().embed(texts)
