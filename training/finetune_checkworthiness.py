"""Fine-tune the sentence encoder for check-worthiness (training venv only: needs PyTorch).

    /work/train-venv/bin/python training/finetune_checkworthiness.py \
        ../shared/data/checkworthiness --base BASE_DIR --out WORK_DIR

BASE_DIR holds the files of sentence-transformers/all-MiniLM-L6-v2 (model.safetensors,
config.json, tokenizer.json; see docs/decisions/0006-sentence-encoder.md for where they come
from and their hashes). The classifier is the encoder, mean pooling over the tokens (the
pooling the encoder was trained with), dropout and one linear unit; binary cross-entropy.
After each epoch the weights and the logits of the `tune` split go to WORK_DIR; the epoch
with the best average precision on `tune` is the one exported (training/export_onnx.py).
dev-test is not read here.

Deterministic: fixed seeds, deterministic algorithms, one process.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import save_file
from sklearn.metrics import average_precision_score, f1_score
from tokenizers import Tokenizer
from torch import nn
from transformers import BertConfig, BertModel

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data as datasets  # noqa: E402

SEED = 20240101
MAX_LENGTH = 96


class Classifier(nn.Module):
    """Encoder + mean pooling + one logit."""

    def __init__(self, encoder: BertModel, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(encoder.config.hidden_size, 1)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor):
        hidden = self.encoder(
            input_ids=input_ids,
            attention_mask=attention_mask,
            token_type_ids=torch.zeros_like(input_ids),
        ).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return hidden, self.head(self.dropout(pooled)).squeeze(-1)


def load_encoder(base: Path) -> BertModel:
    config = BertConfig.from_json_file(str(base / "config.json"))
    encoder = BertModel(config, add_pooling_layer=False)
    from safetensors.torch import load_file

    state = load_file(str(base / "model.safetensors"))
    state = {k.removeprefix("bert."): v for k, v in state.items()}
    missing, unexpected = encoder.load_state_dict(state, strict=False)
    unexpected = [k for k in unexpected if not k.startswith("pooler.") and "position_ids" not in k]
    missing = [k for k in missing if "position_ids" not in k]
    if missing or unexpected:
        raise SystemExit(f"weights do not fit: missing {missing}, unexpected {unexpected}")
    return encoder


def tokenizer_for(base: Path) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_LENGTH)
    return tokenizer


def batches(ids: list[list[int]], order: list[int], size: int):
    """Padded (input_ids, attention_mask, positions) batches in the given order."""
    for start in range(0, len(order), size):
        chunk = order[start : start + size]
        width = max(len(ids[i]) for i in chunk)
        input_ids = torch.zeros((len(chunk), width), dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        for row, i in enumerate(chunk):
            input_ids[row, : len(ids[i])] = torch.tensor(ids[i])
            mask[row, : len(ids[i])] = 1
        yield input_ids, mask, chunk


def length_grouped_order(lengths: list[int], size: int, rng: random.Random) -> list[int]:
    """Shuffled, then sorted by length within groups of 50 batches, then batches shuffled:
    little padding, still random."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    group = size * 50
    out: list[list[int]] = []
    for start in range(0, len(order), group):
        chunk = sorted(order[start : start + group], key=lambda i: lengths[i])
        out.extend(chunk[j : j + size] for j in range(0, len(chunk), size))
    rng.shuffle(out)
    return [i for b in out for i in b]


@torch.no_grad()
def predict(model: Classifier, ids: list[list[int]], size: int = 128) -> np.ndarray:
    model.eval()
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    out = np.zeros(len(ids))
    for input_ids, mask, chunk in batches(ids, order, size):
        out[chunk] = model(input_ids, mask)[1].numpy()
    model.train()
    return out


def best_f1(labels: np.ndarray, logits: np.ndarray) -> tuple[float, float]:
    best = (0.0, 0.0)
    for t in np.quantile(logits, np.linspace(0.3, 0.95, 66)):
        f = f1_score(labels, logits >= t)
        best = max(best, (float(f), float(t)))
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--warmup", type=float, default=0.1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0, help="train on the first N only")
    args = parser.parse_args()

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)

    splits, record = datasets.load_splits(args.data)
    print(json.dumps(record), flush=True)
    tokenizer = tokenizer_for(args.base)
    fit = splits["fit"]
    if args.limit:
        fit = datasets.Split(fit.texts[: args.limit], fit.labels[: args.limit])
    fit_ids = [e.ids for e in tokenizer.encode_batch(fit.texts)]
    fit_labels = torch.tensor(fit.labels, dtype=torch.float32)
    tune_ids = [e.ids for e in tokenizer.encode_batch(splits["tune"].texts)]
    tune_labels = np.array(splits["tune"].labels)

    model = Classifier(load_encoder(args.base))
    model.train()
    head = {"head.weight", "head.bias"}
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {
            "params": [
                p
                for n, p in model.named_parameters()
                if n not in head and not any(k in n for k in no_decay)
            ],
            "weight_decay": 0.01,
        },
        {
            "params": [
                p
                for n, p in model.named_parameters()
                if n not in head and any(k in n for k in no_decay)
            ],
            "weight_decay": 0.0,
        },
        {"params": [model.head.weight, model.head.bias], "weight_decay": 0.0, "lr": args.lr * 10},
    ]
    optimizer = torch.optim.AdamW(groups, lr=args.lr)
    steps_per_epoch = (len(fit_ids) + args.batch_size - 1) // args.batch_size
    total = steps_per_epoch * args.epochs
    warmup = int(total * args.warmup)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda s: (s + 1) / warmup if s < warmup else max(0.0, (total - s) / (total - warmup)),
    )
    loss_fn = nn.BCEWithLogitsLoss()
    rng = random.Random(SEED)
    lengths = [len(i) for i in fit_ids]
    history = []
    start = time.time()
    step = 0
    for epoch in range(1, args.epochs + 1):
        order = length_grouped_order(lengths, args.batch_size, rng)
        running = 0.0
        for input_ids, mask, chunk in batches(fit_ids, order, args.batch_size):
            _, logits = model(input_ids, mask)
            loss = loss_fn(logits, fit_labels[chunk])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            running += loss.item()
            if step % 50 == 0:
                elapsed = time.time() - start
                print(
                    f"epoch {epoch} step {step}/{total} loss {running / 50:.4f} "
                    f"{elapsed:.0f}s elapsed, eta {elapsed / step * (total - step):.0f}s",
                    flush=True,
                )
                running = 0.0
        tune_logits = predict(model, tune_ids)
        ap = float(average_precision_score(tune_labels, tune_logits))
        f1, threshold = best_f1(tune_labels, tune_logits)
        history.append(
            {
                "epoch": epoch,
                "tune_ap": round(ap, 4),
                "tune_best_f1": round(f1, 4),
                "seconds": round(time.time() - start),
            }
        )
        print(json.dumps(history[-1]), flush=True)
        save_file(
            {k: v.contiguous() for k, v in model.state_dict().items()},
            str(args.out / f"epoch{epoch}.safetensors"),
        )
        np.save(args.out / f"epoch{epoch}-tune-logits.npy", tune_logits)
    best = max(history, key=lambda h: h["tune_ap"])
    summary = {
        "base": str(args.base),
        "seed": SEED,
        "max_length": MAX_LENGTH,
        "epochs": args.epochs,
        "batch_size": args.batch_size,
        "lr": args.lr,
        "warmup": args.warmup,
        "threads": args.threads,
        "history": history,
        "best_epoch": best["epoch"],
        "train_seconds": round(time.time() - start),
        "data": record,
    }
    (args.out / "training.json").write_text(json.dumps(summary, indent=2))
    print(f"best epoch {best['epoch']}: {best}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
