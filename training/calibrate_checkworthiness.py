"""Choose int8 or fp32, the calibration and the threshold; write the runtime files.

    /work/train-venv/bin/python training/calibrate_checkworthiness.py \
        ../shared/data/checkworthiness --base BASE_DIR --work WORK_DIR --out claimextract/data

Every choice is made on the `tune` split (whole training debates held out of fine-tuning,
training/data.py), with the shipped ONNX graphs run by `claimextract.encoder`, exactly as
the application runs them:
1. int8 is kept if its best F1 on `tune` is within 0.01 of fp32's;
2. Platt scaling and isotonic regression are compared by 5-fold cross-validation on `tune`
   (Brier score); the better one is refitted on all of `tune`;
3. the threshold is the best F1 on calibrated `tune` scores, averaged over +-0.02;
4. a small head over the logit plus structural signals (quantities, dates, kind) is
   measured the same way, and reported;
5. only then is dev-test scored, once, and its figures stored with the model.

Writes OUT/checkworthiness.onnx, OUT/encoder.onnx, OUT/tokenizer.json and
OUT/checkworthiness.json, and checks that the untuned encoder's int8 embeddings stay
within cosine 0.99 of fp32's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    average_precision_score,
    brier_score_loss,
    f1_score,
    log_loss,
    precision_recall_fscore_support,
)
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data as datasets  # noqa: E402

from claimextract import checkworthiness as cw  # noqa: E402
from claimextract.dates import find_dates  # noqa: E402
from claimextract.encoder import MAX_LENGTH, SentenceEncoder  # noqa: E402
from claimextract.kinds import classify_kind  # noqa: E402
from claimextract.quantities import find_quantities  # noqa: E402

THRESHOLDS = np.round(np.arange(0.10, 0.901, 0.01), 2)
KINDS = ("statistic", "prediction", "causal", "event", "quote", "attribution", "other")


def best_threshold(labels: np.ndarray, scores: np.ndarray) -> float:
    f1 = np.array([f1_score(labels, scores >= t, zero_division=0) for t in THRESHOLDS])
    smooth = np.convolve(f1, np.ones(5) / 5, mode="same")
    return float(THRESHOLDS[int(np.argmax(smooth))])


def prf(labels: np.ndarray, scores: np.ndarray, threshold: float) -> dict[str, float]:
    p, r, f, _ = precision_recall_fscore_support(
        labels, scores >= threshold, average="binary", zero_division=0
    )
    return {"precision": round(float(p), 4), "recall": round(float(r), 4), "f1": round(float(f), 4)}


def fit_calibration(method: str, logits: np.ndarray, labels: np.ndarray) -> dict:
    if method == "platt":
        lr = LogisticRegression(C=1e6, max_iter=1000).fit(logits[:, None], labels)
        return {"method": "platt", "a": float(lr.coef_[0, 0]), "b": float(lr.intercept_[0])}
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(logits, labels)
    return {
        "method": "isotonic",
        "x": [round(float(v), 5) for v in iso.X_thresholds_],
        "y": [round(float(v), 5) for v in iso.y_thresholds_],
    }


def cross_validated(method: str, logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    out = np.zeros(len(labels))
    for fit_idx, held_idx in StratifiedKFold(5, shuffle=True, random_state=0).split(logits, labels):
        calibration = cw.Calibration(fit_calibration(method, logits[fit_idx], labels[fit_idx]))
        out[held_idx] = calibration(logits[held_idx])
    return out


def expected_calibration_error(labels: np.ndarray, scores: np.ndarray, bins: int = 10) -> float:
    edges = np.minimum((scores * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        inside = edges == b
        if inside.any():
            total += inside.mean() * abs(scores[inside].mean() - labels[inside].mean())
    return float(total)


def structural(texts: list[str]) -> np.ndarray:
    rows = []
    for text in texts:
        quantities = find_quantities(text)
        kind = classify_kind(text, speaker=None, quantities=quantities)
        rows.append(
            [float(bool(quantities)), float(bool(find_dates(text)))]
            + [float(kind == k) for k in KINDS]
        )
    return np.array(rows)


def head_gain(logits: np.ndarray, texts: list[str], labels: np.ndarray) -> dict[str, float]:
    """Cross-validated AP and best F1 on `tune`: logit alone vs logit + structural signals."""
    features = {
        "logit": logits[:, None],
        "logit+structure": np.hstack([logits[:, None], structural(texts)]),
    }
    out = {}
    for name, x in features.items():
        oof = np.zeros(len(labels))
        for fit_idx, held_idx in StratifiedKFold(5, shuffle=True, random_state=0).split(x, labels):
            lr = LogisticRegression(C=1.0, max_iter=1000).fit(x[fit_idx], labels[fit_idx])
            oof[held_idx] = lr.predict_proba(x[held_idx])[:, 1]
        t = best_threshold(labels, oof)
        out[f"{name} AP"] = round(float(average_precision_score(labels, oof)), 4)
        out[f"{name} F1"] = prf(labels, oof, t)["f1"]
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--no-dev-test", action="store_true", help="a dry run: dev-test unread")
    args = parser.parse_args()
    onnx = args.work / "onnx"
    tokenizer = args.base / "tokenizer.json"
    splits, record = datasets.load_splits(args.data)
    tune = splits["tune"]
    tune_labels = np.array(tune.labels)

    # 1. int8 or fp32
    runs = {}
    for name in ("checkworthiness-fp32.onnx", "checkworthiness.onnx"):
        logits = SentenceEncoder(onnx / name, tokenizer, max_length=MAX_LENGTH).logits(tune.texts)
        t = best_threshold(tune_labels, 1 / (1 + np.exp(-logits)))
        runs[name] = (logits, prf(tune_labels, 1 / (1 + np.exp(-logits)), t)["f1"])
        ap = average_precision_score(tune_labels, logits)
        print(f"{name}: tune AP {ap:.4f}, best F1 {runs[name][1]:.4f}")
    int8 = runs["checkworthiness-fp32.onnx"][1] - runs["checkworthiness.onnx"][1] < 0.01
    chosen = "checkworthiness.onnx" if int8 else "checkworthiness-fp32.onnx"
    logits = runs[chosen][0].astype(np.float64)
    print(f"shipping {chosen}")

    # 2. calibration
    comparison = {}
    for method in ("platt", "isotonic"):
        oof = cross_validated(method, logits, tune_labels)
        comparison[method] = {
            "brier": round(float(brier_score_loss(tune_labels, oof)), 5),
            "log_loss": round(float(log_loss(tune_labels, np.clip(oof, 1e-6, 1 - 1e-6))), 5),
            "ece": round(expected_calibration_error(tune_labels, oof), 5),
        }
    method = min(comparison, key=lambda m: (comparison[m]["brier"], m != "platt"))
    calibration_spec = fit_calibration(method, logits, tune_labels)
    calibration = cw.Calibration(calibration_spec)
    print(f"calibration on tune (5-fold CV): {comparison}; chosen {method}")

    # 3. threshold
    tune_scores = calibration(logits)
    threshold = best_threshold(tune_labels, tune_scores)
    print(f"threshold {threshold}: tune {prf(tune_labels, tune_scores, threshold)}")

    # 4. structural head, measured only
    gain = head_gain(logits, tune.texts, tune_labels)
    print(f"structural head on tune (5-fold CV): {gain}")

    # copy the runtime files
    args.out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(onnx / chosen, args.out / "checkworthiness.onnx")
    shutil.copyfile(onnx / "encoder.onnx", args.out / "encoder.onnx")
    shutil.copyfile(tokenizer, args.out / "tokenizer.json")

    # the untuned encoder: int8 against fp32
    sample = tune.texts[::10]
    fp32 = SentenceEncoder(onnx / "encoder-fp32.onnx", tokenizer).embed(sample)
    quantized = SentenceEncoder(args.out / "encoder.onnx", tokenizer).embed(sample)
    cosine = (fp32 * quantized).sum(axis=1)
    print(
        f"encoder int8 vs fp32 cosine on {len(sample)} sentences: "
        f"min {cosine.min():.4f}, mean {cosine.mean():.4f}"
    )
    if cosine.min() <= 0.99:
        print("WARNING: int8 embeddings drift from fp32")

    # 5. dev-test, once; dev as a sanity check
    meta = {
        "format": cw.FORMAT_VERSION,
        "model": "checkworthiness.onnx",
        "tokenizer": "tokenizer.json",
        "max_length": MAX_LENGTH,
        "calibration": calibration_spec,
        "threshold": threshold,
    }
    (args.out / "checkworthiness.json").write_text(json.dumps(meta, indent=1) + "\n")
    model = cw.CheckworthinessModel.from_file(args.out / "checkworthiness.json")
    figures: dict[str, object] = {"tune": prf(tune_labels, tune_scores, threshold)}
    for split in ("dev",) if args.no_dev_test else ("dev", "dev-test"):
        labels = np.array(splits[split].labels)
        figures[split] = prf(labels, np.array(model.score(splits[split].texts)), threshold)
        print(f"{split} at {threshold}: {figures[split]}")
    training = json.loads((args.work / "training.json").read_text())
    meta["training"] = {
        k: training.get(k)
        for k in (
            "seed",
            "max_length",
            "epochs",
            "batch_size",
            "lr",
            "warmup",
            "history",
            "best_epoch",
            "train_seconds",
        )
    }
    meta["data"] = record
    meta["selection"] = {
        "int8": bool(int8),
        "tune_best_f1": {k: v[1] for k, v in runs.items()},
        "calibration_cv": comparison,
        "structural_head_cv": gain,
        "encoder_int8_cosine": {
            "min": round(float(cosine.min()), 5),
            "mean": round(float(cosine.mean()), 5),
        },
    }
    meta["figures"] = figures
    meta["sha256"] = {
        name: sha256(args.out / name)
        for name in ("checkworthiness.onnx", "encoder.onnx", "tokenizer.json")
    }
    (args.out / "checkworthiness.json").write_text(json.dumps(meta, indent=1) + "\n")
    for name in ("checkworthiness.onnx", "encoder.onnx", "tokenizer.json", "checkworthiness.json"):
        print(f"{name}: {(args.out / name).stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
