"""QA-Align: which facts do two news sentences share?

Each example of the dev gold (Brook Weiss et al. 2021) is a pair of sentences from different articles,
each decomposed into QA-SRL propositions (a question and its answer about one predicate, "Who was
killed? — a man"); annotators aligned the propositions that state the same fact. The task scored here:
for every candidate pair (a proposition of sentence 1, a proposition of sentence 2), are they the same
fact? Precision, recall and F1 over the gold aligned pairs (an alignment of two propositions to one
counts as two pairs).

Only dev gold is here, so every threshold and weight is chosen by **two-fold cross-validation**: the
sentence pairs are split in two folds by topic (a stable hash), each fold is decided with what was
fitted on the other, and the figures pool both folds. The baseline gets the same treatment.

Baseline: MiniLM cosine of the two propositions (question + answer) over a threshold.
Ours: a logistic combination of the propositions' cosine, their answers' cosine, their predicates'
cosine, whether they ask the same question word, the answers' content-word overlap, and whether each
is the other's best match (the same one-to-one preference that ``compare`` applies to statements).
"""

from __future__ import annotations

import ast
import csv
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import InputError
from .scoring import best_threshold, memoised, prf

DEFAULT_DATA = Path("..") / "shared" / "data" / "qa-align"
GOLD_FILE = "qaalign_dev_gold_official.csv"
FEATURES = ("proposition_cosine", "answer_cosine", "predicate_cosine", "same_question_word", "answer_overlap", "mutual_best")


@dataclass(frozen=True)
class Proposition:
    id: str
    predicate: str
    question: str
    answer: str

    @property
    def text(self) -> str:
        return f"{self.question} {self.answer}"


@dataclass(frozen=True)
class SentencePair:
    key: str
    fold: int
    first: tuple[Proposition, ...]
    second: tuple[Proposition, ...]
    gold: frozenset[tuple[str, str]]  # aligned (first id, second id) pairs


def load_qa_align(data: Path) -> list[SentencePair]:
    """The sentence pairs of the dev gold CSV in ``data``."""
    path = data / GOLD_FILE
    if not path.is_file():
        raise InputError(f"{path} not found: --data must be a qa-align folder holding {GOLD_FILE}.")
    with open(path, encoding="utf-8", newline="") as fh:
        return [_pair(row) for row in csv.DictReader(fh)]


def _pair(row: dict[str, str]) -> SentencePair:
    def props(column: str) -> tuple[Proposition, ...]:
        return tuple(Proposition(q["qa_uuid"], q["verb"], q["question"], q["answer"]) for q in ast.literal_eval(row[column]))

    gold = frozenset(
        (a["qa_uuid"], b["qa_uuid"]) for item in ast.literal_eval(row["alignments"]) for a in item["sent1"] for b in item["sent2"]
    )
    topic = row.get("topic") or row["key"].split("~!~")[0]
    return SentencePair(row["key"], zlib.crc32(topic.encode()) % 2, props("qas_1"), props("qas_2"), gold)


def features(pair: SentencePair, embed: Callable[[Sequence[str]], np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """One row of FEATURES per candidate pair (first-major order), and the gold labels."""
    from ..compare import content_words, jaccard

    a, b = pair.first, pair.second
    if not a or not b:
        return np.zeros((0, len(FEATURES))), np.zeros(0, dtype=bool)

    def cosine(texts_a: list[str], texts_b: list[str]) -> np.ndarray:
        return embed(texts_a) @ embed(texts_b).T

    props = cosine([p.text for p in a], [p.text for p in b])
    answers = cosine([p.answer for p in a], [p.answer for p in b])
    predicates = cosine([p.predicate for p in a], [p.predicate for p in b])
    mutual = (props >= props.max(axis=1, keepdims=True)) & (props >= props.max(axis=0, keepdims=True))
    words_a, words_b = [content_words(p.answer) for p in a], [content_words(p.answer) for p in b]
    rows, labels = [], []
    for i, p in enumerate(a):
        for j, q in enumerate(b):
            overlap = jaccard(words_a[i], words_b[j])
            same_wh = p.question.split()[:1] == q.question.split()[:1]
            rows.append((props[i, j], answers[i, j], predicates[i, j], float(same_wh), overlap, float(mutual[i, j])))
            labels.append((p.id, q.id) in pair.gold)
    return np.array(rows, dtype=float), np.array(labels, dtype=bool)


def cross_validated(x: np.ndarray, y: np.ndarray, folds: np.ndarray, fit: Callable[[np.ndarray, np.ndarray], Callable[[np.ndarray], np.ndarray]]) -> np.ndarray:
    """Decisions for every row, each fold decided by a scorer fitted on the other folds (threshold included)."""
    decided = np.zeros(len(y), dtype=bool)
    for fold in np.unique(folds):
        train, held = folds != fold, folds == fold
        score = fit(x[train], y[train])
        threshold = best_threshold(score(x[train]), y[train])
        decided[held] = score(x[held]) >= threshold
    return decided


def _logistic(x: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(max_iter=1000).fit(x, y)
    return lambda rows: model.predict_proba(rows)[:, 1]


def _cosine_only(x: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    return lambda rows: rows[:, 0]


def evaluate_qa_align(data: Path, *, baseline: bool = True) -> dict:
    """Our proposition alignment on the QA-Align dev gold, with the MiniLM-cosine baseline's under ``baseline``."""
    from ..backends.embedders import get_embedder

    pairs = load_qa_align(data)
    embed = memoised(get_embedder().encode)
    embed([t for p in pairs for prop in p.first + p.second for t in (prop.text, prop.answer, prop.predicate)])  # one batch
    blocks = [features(p, embed) for p in pairs]
    x = np.vstack([b[0] for b in blocks if len(b[1])])
    y = np.concatenate([b[1] for b in blocks])
    folds = np.concatenate([np.full(len(b[1]), p.fold) for p, b in zip(pairs, blocks)])
    results = {"sentence_pairs": len(pairs), "candidate_pairs": int(len(y)), **prf(y, cross_validated(x, y, folds, _logistic))}
    if baseline:
        results["baseline"] = prf(y, cross_validated(x, y, folds, _cosine_only))
    return results
