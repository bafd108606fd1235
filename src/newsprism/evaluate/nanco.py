"""NAnCo (Discord Questions): do two sources' answers to one question say the same thing?

Protocol of the source repository (salesforce/discord_questions, ``NAnCo.ipynb``): every pair of
answers to a question, labelled 1 when both are in the same ``cluster_global`` group; a threshold is
chosen per validation question (Q2, Q3, Q5, Q6) to maximise balanced accuracy and the thresholds are
averaged; the figure is the balanced accuracy per test question (Q4, Q7, Q8, Q9), averaged.

**Ours is the shipped claim aligner, untouched** (``shipped_scores``): each paragraph is analysed as
``compare`` analyses an article, each answer becomes one claim of it, and the probability that two answers
state the same thing comes from the functions ``compare`` chains. It is scored by the protocol (threshold
from the validation questions) and at the aligner's own threshold.

Beside it: the MiniLM cosine of the two answers (the baseline), and a score built for this data
(``fitted_here``, weights chosen on the validation questions):

- the answers' cosine, **standardised within the question** (all answers share the question's topic, so
  the raw cosine of two different answers is high or low depending on the question; its z-score is not);
- **second-order agreement**: the correlation of the two answers' similarity profiles to every other
  answer (two answers that resemble the same others say the same thing, even in different words);
- the cosine of the sentences the answers come from (context for one-word answers), standardised too;
- second-order agreement of the answers **read in their sentence**: MiniLM's token vectors of the answer's
  words, computed over the whole sentence, averaged (so "security" in a sentence about policing and in one
  about a China pact are different answers);
- the sum is standardised once more, and a pair whose answers quote **different numbers** (neither answer's
  numbers contain the other's: "two years" / "three years", "July 2024" / "April 2025") loses one
  standard deviation.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import InputError
from ..model import Span
from .scoring import balanced_accuracy, best_threshold, memoised
from .shipped import (
    Analysed,
    Memoised,
    analyse_texts,
    probabilities,
    records_of,
    span_claim,
)

if TYPE_CHECKING:
    from ..backends.embedders import Embedder

DEFAULT_DATA = Path("..") / "shared" / "data" / "discord-questions"
VALIDATION = ("Q2", "Q3", "Q5", "Q6")
TEST = ("Q4", "Q7", "Q8", "Q9")
WEIGHTS = (1.0, 0.5, 0.3, 1.0)  # answer cosine, second-order agreement, context cosine, in-context agreement (set on VALIDATION)
NUMBER_CONFLICT = 1.0  # standard deviations taken off a pair quoting different numbers (set on VALIDATION)
SENTENCE = re.compile(r"[^.!?]+[.!?]*")
NUMBER = re.compile(r"\d[\d,.]*|[A-Za-z]+")
NUMBER_WORDS = dict(zip(
    ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "hundred", "thousand", "million", "billion"],
    (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 100, 1e3, 1e6, 1e9),
))  # no "one": "one of the", "no one" are not quantities

EmbedSpans = Callable[[Sequence[str], Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answers: tuple[str, ...]
    contexts: tuple[str, ...]  # the sentence of the paragraph that holds each answer
    groups: tuple[int, ...]  # the gold group of each answer
    paragraphs: tuple[str, ...] = ()  # the paragraph each answer was taken from

    def pairs(self) -> tuple[list[tuple[int, int]], np.ndarray]:
        pairs = list(itertools.combinations(range(len(self.answers)), 2))
        return pairs, np.array([self.groups[i] == self.groups[j] for i, j in pairs])


def load_nanco(data: Path) -> dict[str, Question]:
    """The questions of ``nanco_dataset.json`` in ``data``, by id (Q2 … Q9)."""
    path = data / "nanco_dataset.json"
    if not path.is_file():
        raise InputError(f"{path} not found: --data must be a discord-questions folder holding nanco_dataset.json.")
    out = {}
    for record in json.loads(path.read_text(encoding="utf-8")):
        answers = record["answers"]
        qid = answers[0]["qid"]
        out[qid] = Question(
            qid, record["question"], tuple(a["Answer"] for a in answers),
            tuple(context_sentence(a["Paragraph"], a["Answer"]) for a in answers),
            tuple(int(a["cluster_global"]) for a in answers), tuple(a["Paragraph"] for a in answers),
        )
    return out


def context_sentence(paragraph: str, answer: str) -> str:
    """The sentence of ``paragraph`` that holds ``answer`` (the answer itself when it cannot be found)."""
    at = paragraph.lower().find(answer.lower())
    if at < 0:
        return answer
    for m in SENTENCE.finditer(paragraph):
        if m.start() <= at < m.end():
            return m.group().strip()
    return answer


def numbers_in(text: str) -> frozenset[float]:
    """The numbers written in ``text``, as digits ("2024", "1st", "1,500") or words ("two", "million")."""
    out = set()
    for m in NUMBER.finditer(text):
        word = m.group()
        if word[0].isdigit():
            try:
                out.add(float(word.replace(",", "").rstrip(".")))
            except ValueError:  # "1.2.3"
                pass
        elif word.lower() in NUMBER_WORDS:
            out.add(float(NUMBER_WORDS[word.lower()]))
    return frozenset(out)


def number_conflicts(answers: Sequence[str], pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """1 for each pair whose answers both quote numbers and neither's numbers contain the other's, else 0."""
    found = [numbers_in(a) for a in answers]
    return np.array([
        float(bool(found[i] and found[j]) and not (found[i] <= found[j] or found[j] <= found[i])) for i, j in pairs
    ])


def span_encoder(model) -> EmbedSpans:
    """``encode(contexts, spans)``: each span's token vectors from a sentence-transformers ``model`` run over its context, averaged.

    A span not found in its context (or cut off by the model's length limit) is read on its own.
    """

    def encode(contexts: Sequence[str], spans: Sequence[str]) -> np.ndarray:
        texts = [c if s.lower() in c.lower() else s for c, s in zip(contexts, spans)]
        tokens = model.encode(list(texts), output_value="token_embeddings", show_progress_bar=False)
        out = []
        for text, span, vectors in zip(texts, spans, tokens):
            start = text.lower().find(span.lower())
            offsets = model.tokenizer(text, return_offsets_mapping=True, truncation=True, max_length=model.max_seq_length)["offset_mapping"]
            inside = [k for k, (a, b) in enumerate(offsets) if b > a and a < start + len(span) and b > start]
            vectors = np.asarray(vectors.cpu() if hasattr(vectors, "cpu") else vectors, dtype=np.float32)
            out.append(vectors[inside].mean(axis=0) if inside else vectors.mean(axis=0))
        out = np.stack(out) if out else np.zeros((0, model.get_sentence_embedding_dimension()), dtype=np.float32)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)

    return encode


def _standardise(x: np.ndarray) -> np.ndarray:
    return (x - x.mean()) / x.std() if x.std() > 0 else x - x.mean()


def second_order(similarity: np.ndarray) -> np.ndarray:
    """Correlation of each pair of rows of a similarity matrix, ignoring the diagonal."""
    s = similarity.astype(float).copy()
    np.fill_diagonal(s, np.nan)
    z = (s - np.nanmean(s, axis=1, keepdims=True)) / (np.nanstd(s, axis=1, keepdims=True) + 1e-9)
    with np.errstate(invalid="ignore", divide="ignore"):  # a row that resembles every other answer equally
        return np.nan_to_num(np.corrcoef(np.nan_to_num(z)))


def _similarities(texts: Sequence[str], question: Question, embed: Callable[[Sequence[str]], np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The cosine matrix of ``texts``, and its entries for every answer pair (in ``Question.pairs`` order)."""
    vectors = embed(list(texts))
    matrix = vectors @ vectors.T
    rows, cols = np.array(question.pairs()[0]).T
    return matrix, matrix[rows, cols]


def pair_scores(
    question: Question, embed: Callable[[Sequence[str]], np.ndarray], embed_spans: EmbedSpans, weights: Sequence[float] = WEIGHTS
) -> np.ndarray:
    """Our same-answer score for every answer pair of ``question`` (in ``Question.pairs`` order).

    ``embed_spans(contexts, answers)`` gives each answer's vector as read in its context sentence.
    """
    pairs = question.pairs()[0]
    rows, cols = np.array(pairs).T
    matrix, cos = _similarities(question.answers, question, embed)
    _, context = _similarities(question.contexts, question, embed)
    spans = embed_spans(question.contexts, question.answers)
    features = (cos, second_order(matrix)[rows, cols], context, second_order(spans @ spans.T)[rows, cols])
    score = _standardise(sum(w * _standardise(f) for w, f in zip(weights, features)))
    return score - NUMBER_CONFLICT * number_conflicts(question.answers, pairs)


def baseline_scores(question: Question, embed: Callable[[Sequence[str]], np.ndarray]) -> np.ndarray:
    return _similarities(question.answers, question, embed)[1]


def protocol(questions: dict[str, Question], score: Callable[[Question], np.ndarray]) -> dict:
    """Thresholds per validation question, averaged; balanced accuracy per test question, averaged."""
    missing = [q for q in VALIDATION + TEST if q not in questions]
    if missing:
        raise InputError(f"NAnCo data lacks questions {', '.join(missing)}.")
    scored = {qid: (score(questions[qid]), questions[qid].pairs()[1]) for qid in VALIDATION + TEST}
    threshold = float(np.mean([best_threshold(*scored[q], metric=balanced_accuracy) for q in VALIDATION]))
    per_question = {q: round(balanced_accuracy(y, s >= threshold), 4) for q, (s, y) in scored.items()}
    return {
        "balanced_accuracy": round(float(np.mean([per_question[q] for q in TEST])), 4),
        "validation_balanced_accuracy": round(float(np.mean([per_question[q] for q in VALIDATION])), 4),
        "per_question": per_question,
        "threshold": round(threshold, 4),
    }


def shipped_scores(question: Question, analysed: dict[str, Analysed], embedder: Embedder) -> np.ndarray:
    """The shipped aligner's probability that two answers state the same thing (the likelier of its two
    directions), for every answer pair in ``Question.pairs`` order.

    Each paragraph is an article as ``compare`` analyses it, holding its answers as its only claims (an
    answer not found in its paragraph is the whole paragraph).
    """
    paragraphs = list(dict.fromkeys(question.paragraphs))
    claims: dict[str, list] = {p: [] for p in paragraphs}
    order = []
    for answer, paragraph in zip(question.answers, question.paragraphs):
        item = analysed[paragraph]
        at = item.article.text.lower().find(answer.lower())
        span = Span(at, at + len(answer)) if at >= 0 and answer.strip() else Span(0, len(item.article.text))
        order.append((paragraph, len(claims[paragraph])))
        claims[paragraph].append(span_claim((span,), item.analysis, item.doc))
    articles = [analysed[p].article for p in paragraphs]
    records = records_of(articles, [replace(analysed[p].analysis, claims=tuple(claims[p])) for p in paragraphs])
    first = dict(zip(paragraphs, np.cumsum([0] + [len(claims[p]) for p in paragraphs])))
    index = np.array([first[p] + k for p, k in order])
    probability = probabilities(records, embedder)[np.ix_(index, index)]
    rows, cols = np.array(question.pairs()[0]).T
    return np.maximum(probability[rows, cols], probability[cols, rows])


def evaluate_nanco(data: Path, *, baseline: bool = True) -> dict:
    """The shipped aligner on NAnCo; with ``baseline``, the MiniLM-cosine baseline and the score fitted here."""
    from ..backends.embedders import get_embedder
    from ..compare.align import load_aligner

    questions = load_nanco(data)
    embedder = get_embedder()
    paragraphs = list(dict.fromkeys(p for q in questions.values() for p in q.paragraphs))
    analysed = dict(zip(paragraphs, analyse_texts(paragraphs, "nanco")))
    once = Memoised(embedder)
    scores = {qid: shipped_scores(questions[qid], analysed, once) for qid in VALIDATION + TEST if qid in questions}
    results = protocol(questions, lambda q: scores[q.id])
    shipped = load_aligner().threshold
    at_shipped = {qid: round(balanced_accuracy(questions[qid].pairs()[1], scores[qid] >= shipped), 4) for qid in TEST}
    results["at_shipped_threshold"] = {"balanced_accuracy": round(float(np.mean(list(at_shipped.values()))), 4),
                                       "threshold": shipped, "per_question": at_shipped}
    if baseline:
        embed = memoised(embedder.encode)
        results["baseline"] = protocol(questions, lambda q: baseline_scores(q, embed))
        results["fitted_here"] = protocol(questions, lambda q: pair_scores(q, embed, span_encoder(embedder.model)))
    return results
