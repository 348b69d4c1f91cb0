"""Export the encoders to ONNX and quantize them to int8 (training venv only).

    /work/train-venv/bin/python training/export_onnx.py --base BASE_DIR --work WORK_DIR

Writes, in WORK_DIR/onnx/:
- `checkworthiness-fp32.onnx`, `checkworthiness.onnx` (int8): the fine-tuned encoder of the
  best epoch (WORK_DIR/training.json), inputs `input_ids`, `attention_mask` (int64,
  batch x tokens), outputs `last_hidden_state` (batch x tokens x 384) and `logit` (batch);
- `encoder-fp32.onnx`, `encoder.onnx` (int8): the untuned base encoder, output
  `last_hidden_state` only (mean-pooled and normalised by `claimextract.encoder`).

Mean pooling happens at run time, in numpy, so that both files share one code path; the
classifier head is part of the fine-tuned graph. Weights are quantized dynamically
(onnxruntime `quantize_dynamic`, int8 weights, activations quantized per batch).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from onnxruntime.quantization.shape_inference import quant_pre_process
from safetensors.torch import load_file
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from finetune_checkworthiness import Classifier, load_encoder  # noqa: E402

OPSET = 17


class BaseEncoder(nn.Module):
    def __init__(self, encoder: nn.Module) -> None:
        super().__init__()
        self.encoder = encoder

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.encoder(
            input_ids=input_ids,
            attention_mask=attention_mask,
            token_type_ids=torch.zeros_like(input_ids),
        ).last_hidden_state


def eager(encoder: nn.Module) -> nn.Module:
    # The plain attention graph exports cleanly at any opset; scaled_dot_product_attention
    # computes the same thing.
    encoder.config._attn_implementation = "eager"
    return encoder


def export(module: nn.Module, outputs: list[str], path: Path) -> None:
    module.eval()
    ids = torch.tensor([[101, 2023, 2003, 1037, 3231, 102, 0], [101, 7592, 102, 0, 0, 0, 0]])
    mask = (ids != 0).long()
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}}
    axes["last_hidden_state"] = {0: "batch", 1: "tokens"}
    if "logit" in outputs:
        axes["logit"] = {0: "batch"}
    with torch.no_grad():
        torch.onnx.export(
            module,
            (ids, mask),
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=outputs,
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
            do_constant_folding=True,
        )
    check(module, path)


def check(module: nn.Module, path: Path) -> None:
    """The fp32 graph must compute what PyTorch computes, on a batch of other shapes."""
    import numpy as np
    import onnxruntime

    generator = torch.Generator().manual_seed(0)
    ids = torch.randint(1000, 30000, (3, 21), generator=generator)
    ids[:, 0], ids[0, -1] = 101, 102
    mask = torch.ones_like(ids)
    mask[1, 9:] = 0
    mask[2, 4:] = 0
    with torch.no_grad():
        expected = module(ids, mask)
    expected = expected if isinstance(expected, tuple) else (expected,)
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    got = session.run(None, {"input_ids": ids.numpy(), "attention_mask": mask.numpy()})
    for want, have in zip(expected, got, strict=True):
        gap = float(np.max(np.abs(want.numpy() - have)))
        if gap > 1e-4:
            raise SystemExit(f"{path.name}: ONNX differs from PyTorch by {gap:.2e}")
    print(f"{path.name}: matches PyTorch")


def quantize(fp32: Path, int8: Path) -> None:
    """int8 weights, one scale per output channel: with one scale per tensor the untuned
    encoder's embeddings drift to a mean cosine of 0.95 from fp32's, with one per channel
    they stay at 0.99 (docs/decisions/0006-sentence-encoder.md)."""
    prepared = fp32.with_suffix(".prep.onnx")
    quant_pre_process(str(fp32), str(prepared), skip_symbolic_shape=True)
    quantize_dynamic(str(prepared), str(int8), weight_type=QuantType.QInt8, per_channel=True)
    prepared.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--epoch", type=int, default=0, help="default: the best on tune")
    parser.add_argument("--skip-base", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(1)
    out = args.work / "onnx"
    out.mkdir(exist_ok=True)

    epoch = args.epoch or json.loads((args.work / "training.json").read_text())["best_epoch"]
    classifier = Classifier(eager(load_encoder(args.base)))
    classifier.load_state_dict(load_file(str(args.work / f"epoch{epoch}.safetensors")))
    export(classifier, ["last_hidden_state", "logit"], out / "checkworthiness-fp32.onnx")
    quantize(out / "checkworthiness-fp32.onnx", out / "checkworthiness.onnx")
    print(f"exported epoch {epoch}")
    if not args.skip_base:
        export(
            BaseEncoder(eager(load_encoder(args.base))),
            ["last_hidden_state"],
            out / "encoder-fp32.onnx",
        )
        quantize(out / "encoder-fp32.onnx", out / "encoder.onnx")
    for path in sorted(out.glob("*.onnx")):
        print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
