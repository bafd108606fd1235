"""QA-Align: which facts do two news sentences share?

Each example of the dev gold (Brook Weiss et al. 2021) is a pair of sentences from different articles,
each decomposed into QA-SRL propositions (a question and its answer about one predicate, "Who was
killed? — a man"); annotators aligned the propositions that state the same fact. The task scored here:
for every candidate pair (a proposition of sentence 1, a proposition of sentence 2), are they the same
fact? Precision, recall and F1 over the gold aligned pairs (an alignment of two propositions to one
counts as two pairs).

**Ours is the shipped aligner, untouched.** Each sentence is analysed as ``compare`` analyses an article;
each proposition becomes one claim of it, whose characters are its predicate and its answer
(``shipped.span_claim``); the two sentences' claim records, features and probabilities come from the
functions ``compare`` chains, and a pair is aligned when ``compare`` would link it (``align.links``: each
claim's likeliest match in the other sentence, at the shipped threshold). The aligner was fitted on news
stories (facts-dev), not on this data, so its probability is also scored at a threshold chosen by
**two-fold cross-validation** (the sentence pairs split in two folds by topic, a stable hash; each fold cut
where F1 is best on the other).

Beside it, same folds: the MiniLM cosine of the two propositions (question + answer) over a threshold
(the baseline), and a logistic model fitted here on QA-Align's own propositions (``fitted_here``: the
propositions', answers' and predicates' cosines, same question word, answer word overlap, mutual best
match), which says how far a decision made for this data gets.
"""

from __future__ import annotations

import ast
import csv
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import InputError
from .scoring import best_threshold, memoised, prf
from .shipped import (
    Analysed,
    Memoised,
    analyse_texts,
    merged_parts,
    probabilities,
    records_of,
    span_claim,
    texts_to_embed,
)

if TYPE_CHECKING:
    from ..backends.embedders import Embedder
    from ..compare.claims import ClaimRecord

DEFAULT_DATA = Path("..") / "shared" / "data" / "qa-align"
GOLD_FILE = "qaalign_dev_gold_official.csv"
FEATURES = ("proposition_cosine", "answer_cosine", "predicate_cosine", "same_question_word", "answer_overlap", "mutual_best")


@dataclass(frozen=True)
class Proposition:
    id: str
    predicate: str
    question: str
    answer: str
    verb_index: int = -1  # the predicate's token in its sentence
    answer_tokens: tuple[int, int] = (0, 0)  # the answer's tokens [start, end) in its sentence

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
    tokens: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # each sentence's tokens


def load_qa_align(data: Path) -> list[SentencePair]:
    """The sentence pairs of the dev gold CSV in ``data``."""
    path = data / GOLD_FILE
    if not path.is_file():
        raise InputError(f"{path} not found: --data must be a qa-align folder holding {GOLD_FILE}.")
    with open(path, encoding="utf-8", newline="") as fh:
        return [_pair(row) for row in csv.DictReader(fh)]


def _pair(row: dict[str, str]) -> SentencePair:
    def props(column: str) -> tuple[Proposition, ...]:
        return tuple(
            Proposition(q["qa_uuid"], q["verb"], q["question"], q["answer"], int(q.get("verb_idx", -1)), _token_range(q.get("answer_range", "")))
            for q in ast.literal_eval(row[column])
        )

    gold = frozenset(
        (a["qa_uuid"], b["qa_uuid"]) for item in ast.literal_eval(row["alignments"]) for a in item["sent1"] for b in item["sent2"]
    )
    topic = row.get("topic") or row["key"].split("~!~")[0]
    tokens = (tuple(row.get("tokens_1", "").split()), tuple(row.get("tokens_2", "").split()))
    return SentencePair(row["key"], zlib.crc32(topic.encode()) % 2, props("qas_1"), props("qas_2"), gold, tokens)


def _token_range(text: str) -> tuple[int, int]:
    """ "21:23" -> (21, 23); the first range when an answer has several; (0, 0) when there is none."""
    try:
        start, end = text.split("~!~")[0].split(":")
        return int(start), int(end)
    except ValueError:
        return 0, 0


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


def _first_column(x: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    return lambda rows: rows[:, 0]  # a score used as it is (the proposition cosine, the aligner's probability)


def token_offsets(tokens: Sequence[str], text: str) -> list[tuple[int, int] | None]:
    """Each token's characters in ``text``, found in order (None for a token not found)."""
    out: list[tuple[int, int] | None] = []
    at = 0
    for token in tokens:
        k = text.find(token, at)
        if k < 0:
            out.append(None)
            continue
        out.append((k, k + len(token)))
        at = k + len(token)
    return out


def proposition_ranges(proposition: Proposition, offsets: Sequence[tuple[int, int] | None]) -> list[tuple[int, int]]:
    """The characters of a proposition's predicate and answer tokens."""
    wanted = [proposition.verb_index, *range(*proposition.answer_tokens)]
    return [r for k in wanted if 0 <= k < len(offsets) and (r := offsets[k]) is not None]


def shipped_decisions(pairs: Sequence[SentencePair], embedder: Embedder) -> tuple[np.ndarray, np.ndarray]:
    """For every candidate pair (pairs in order, first-major): the shipped aligner's probability (the likelier
    of its two directions) and whether ``compare`` links the two claims at the shipped threshold."""
    from ..compare.align import links, load_aligner

    texts = list(dict.fromkeys(" ".join(t) for p in pairs for t in p.tokens))
    analysed = dict(zip(texts, analyse_texts(texts, "qa-align")))
    stories = [_claim_records(p, analysed) for p in pairs]
    once = Memoised(embedder)
    once.encode([t for records in stories for t in texts_to_embed(records)])  # one batch; the rest are look-ups
    threshold = load_aligner().threshold
    scores, linked = [], []
    for pair, records in zip(pairs, stories):
        n, m = len(pair.first), len(pair.second)
        if not n or not m:
            continue
        probability = probabilities(records, once)
        scores.append(np.maximum(probability[:n, n:], probability[n:, :n].T).ravel())
        chosen = np.zeros((n, m), dtype=bool)
        for i, j, _ in links(records, probability, threshold):
            chosen[i, j - n] = True
        linked.append(chosen.ravel())
    return np.concatenate(scores), np.concatenate(linked)


def _claim_records(pair: SentencePair, analysed: dict[str, Analysed]) -> list[ClaimRecord]:
    """The two sentences as ``compare`` sees them, each holding its propositions as its only claims."""
    articles, analyses = [], []
    for tokens, propositions in zip(pair.tokens, (pair.first, pair.second)):
        item = analysed[" ".join(tokens)]
        text = item.article.text
        offsets = token_offsets(tokens, text)
        claims = tuple(span_claim(merged_parts(proposition_ranges(p, offsets) or [(0, len(text))], text), item.analysis, item.doc)
                       for p in propositions)
        articles.append(item.article)
        analyses.append(replace(item.analysis, claims=claims))
    return records_of(articles, analyses)


def evaluate_qa_align(data: Path, *, baseline: bool = True) -> dict:
    """The shipped aligner on the QA-Align dev gold; with ``baseline``, the MiniLM-cosine baseline and a model fitted here."""
    from ..backends.embedders import get_embedder

    pairs = load_qa_align(data)
    embedder = get_embedder()
    embed = memoised(embedder.encode)
    embed([t for p in pairs for prop in p.first + p.second for t in (prop.text, prop.answer, prop.predicate)])  # one batch
    blocks = [features(p, embed) for p in pairs]
    x = np.vstack([b[0] for b in blocks if len(b[1])])
    y = np.concatenate([b[1] for b in blocks])
    folds = np.concatenate([np.full(len(b[1]), p.fold) for p, b in zip(pairs, blocks)])
    probability, linked = shipped_decisions(pairs, embedder)
    results = {"sentence_pairs": len(pairs), "candidate_pairs": len(y), **prf(y, linked),
               "cross_validated": prf(y, cross_validated(probability[:, None], y, folds, _first_column))}
    if baseline:
        results["baseline"] = prf(y, cross_validated(x, y, folds, _first_column))
        results["fitted_here"] = prf(y, cross_validated(x, y, folds, _logistic))
    return results
