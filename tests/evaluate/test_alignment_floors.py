"""Quality floors of the alignment decision on real judgements (nanco, qa-align, basil dev).

Each floor sits a little under the figure measured when it was set (see docs/eval.md), and each eval
must also beat its MiniLM-cosine baseline run in the same call. Raise a floor when the decision
improves; never lower one to make a change pass.
"""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_nanco_floor(dataset):
    from newsprism.evaluate.nanco import evaluate_nanco

    result = evaluate_nanco(dataset("discord-questions"))  # measured 2026-11-23: 0.777 (test Qs), 0.920 (validation)
    assert result["validation_balanced_accuracy"] >= 0.91
    assert result["balanced_accuracy"] >= 0.77
    assert result["balanced_accuracy"] >= result["baseline"]["balanced_accuracy"] + 0.05


def test_qa_align_floor(dataset):
    from newsprism.evaluate.qa_align import evaluate_qa_align

    result = evaluate_qa_align(dataset("qa-align"))  # measured 2026-11-22: F1 0.670 (baseline 0.553)
    assert result["gold"] == 1203
    assert result["f1"] >= 0.65
    assert result["f1"] >= result["baseline"]["f1"] + 0.10
