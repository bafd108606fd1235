"""Binary decision metrics shared by the alignment evaluations (nanco, qa-align, basil)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np


def prf(gold: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    """Precision, recall and F1 of the positive class, with the counts behind them."""
    gold, predicted = np.asarray(gold, dtype=bool), np.asarray(predicted, dtype=bool)
    tp = int((gold & predicted).sum())
    p = tp / predicted.sum() if predicted.sum() else 0.0
    r = tp / gold.sum() if gold.sum() else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(float(p), 4), "recall": round(float(r), 4), "f1": round(float(f), 4),
            "gold": int(gold.sum()), "predicted": int(predicted.sum())}


def balanced_accuracy(gold: np.ndarray, predicted: np.ndarray) -> float:
    """Mean of the true-positive and true-negative rates (0.5 = chance, whatever the class balance)."""
    gold, predicted = np.asarray(gold, dtype=bool), np.asarray(predicted, dtype=bool)
    tpr = predicted[gold].mean() if gold.any() else 0.0
    tnr = (~predicted[~gold]).mean() if (~gold).any() else 0.0
    return float(tpr + tnr) / 2


def f1_of(gold: np.ndarray, predicted: np.ndarray) -> float:
    return prf(gold, predicted)["f1"]


def best_threshold(scores: np.ndarray, gold: np.ndarray, metric: Callable[[np.ndarray, np.ndarray], float] = f1_of) -> float:
    """The score threshold (predict ``score >= t``) that maximises ``metric`` on these scores.

    Ties go to the highest threshold, the more conservative decision.
    """
    scores = np.asarray(scores, dtype=float)
    candidates = np.unique(scores)
    if len(candidates) > 400:  # quantiles are plenty to find the optimum, and keep this linear
        candidates = np.unique(np.quantile(scores, np.linspace(0, 1, 401)))
    values = [metric(gold, scores >= t) for t in candidates]
    best = max(values)
    return float(max(t for t, v in zip(candidates, values) if v == best))


def memoised(embed: Callable[[Sequence[str]], np.ndarray]) -> Callable[[Sequence[str]], np.ndarray]:
    """Embed each distinct text once (ours and the baseline embed the same answers)."""
    memo: dict[str, np.ndarray] = {}

    def encode(texts: Sequence[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in memo]
        if new:
            memo.update(zip(new, embed(new)))
        return np.stack([memo[t] for t in texts])

    return encode
