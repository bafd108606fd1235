"""Claim alignment: which claims of two articles state the same thing.

Similarity proposes; a learned scorer decides. For every pair of claims from two articles the
features below are computed at once as matrices; a logistic model (``aligner.json``, fitted on the
annotated stories of facts-dev by ``scripts/train_aligner.py``, which says how) turns them into the
probability that the two claims share a fact. A claim links to its likeliest match in each other
article when that probability passes the model's threshold. A shared topic or shared names alone do
not reach it: the claims' own words, their sentences and their values (figures, dates) must agree too.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

from ..analyze.numbers import compatible, same_quantity
from ..errors import ModelError
from ..util import DisjointSet
from .claims import ClaimRecord

ALIGNER = Path(__file__).with_name("aligner.json")
DETAIL_KINDS = frozenset({"time", "place", "attribution", "reason", "description", "item"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
FEATURES = (
    "reading_cosine",  # MiniLM cosine of the two propositions
    "focus_cosine",  # MiniLM cosine of the two claims' own words
    "parent_cosine",  # cosine of the clauses they detail (a detail of two different events is two facts)
    "entity_overlap",  # Jaccard of the resolved entities they name
    "word_overlap",  # Jaccard of the content words of their own words
    "reading_word_overlap",
    "rare_word_overlap",  # the shared words' weight when each word weighs by how few claims of the story use it
    "same_kind",  # both a time, both a place, both a clause ...
    "same_predicate",  # the same verb lemma
    "same_figure",  # a number of the same kind with a compatible value
    "same_slot_number",  # a number of the same kind (the value may differ)
    "time_overlap",  # resolved dates that overlap
    "time_clash",  # resolved dates that cannot be the same day
    "other_speaker",  # put in two different people's mouths
    "best_in_row",  # each is the other's best match in its article (by reading cosine)
    "best_in_column",
    "short",  # one of them has fewer than three content words: little evidence either way
    "cosine_if_short",  # the reading cosine of a short claim, which says less than a long one's
    "sentence_cosine",  # cosine of the two sentences: the context that says whether it is the same event
    "detail_match",  # two details of one kind (times, places) of clauses about the same thing
)
# A detail links only to a claim that can state the same kind of thing: a time to a time or to a clause
# whose own words hold a time ("the call took place on Thursday"), a place to a place or a clause naming
# one, a figure to a claim with a figure. Without it, two details read with the same clause look alike.
DETAIL_NEEDS = {"time": "times", "place": "places", "item": "numbers"}


def feature_matrices(
    records: Sequence[ClaimRecord], readings: np.ndarray, focuses: np.ndarray, sentences: np.ndarray
) -> dict[str, np.ndarray]:
    """Every feature of ``FEATURES`` for every pair of records, as an N x N matrix.

    Args:
        records: the claims of all articles.
        readings: unit vectors of their readings, one row each.
        focuses: unit vectors of their own words.
        sentences: unit vectors of their sentences.
    """
    cos = readings @ readings.T
    parents = np.array([r.parent if r.parent is not None else r.index for r in records])
    parent_cos = cos[parents][:, parents]
    kinds = np.array([r.kind for r in records])
    predicates = np.array([r.predicate for r in records])
    speakers = np.array([r.speaker or "" for r in records])
    short = np.array([len(r.words) < 3 for r in records])
    figures, slots = _number_relations(records)
    overlap, clash = _time_relations(records)
    best_row, best_col = _best_per_article(records, cos)
    features = {
        "reading_cosine": cos,
        "focus_cosine": focuses @ focuses.T,
        "parent_cosine": parent_cos,
        "entity_overlap": overlap_matrix([r.entities for r in records]),
        "word_overlap": overlap_matrix([r.words for r in records]),
        "reading_word_overlap": overlap_matrix([r.reading_words for r in records]),
        "same_kind": (kinds[:, None] == kinds[None, :]).astype(float),
        "same_predicate": ((predicates[:, None] == predicates[None, :]) & (predicates[:, None] != "")).astype(float),
        "same_figure": figures,
        "same_slot_number": slots,
        "time_overlap": overlap,
        "time_clash": clash,
        "other_speaker": ((speakers[:, None] != speakers[None, :]) & (speakers[:, None] != "") & (speakers[None, :] != "")).astype(float),
        "best_in_row": best_row,
        "best_in_column": best_col,
        "short": (either_short := (short[:, None] | short[None, :]).astype(float)),
        "cosine_if_short": either_short * cos,
        "rare_word_overlap": overlap_matrix([r.reading_words for r in records], rare_first=True),
        "sentence_cosine": sentences @ sentences.T,
        "detail_match": (kinds[:, None] == kinds[None, :]) * np.isin(kinds, list(DETAIL_KINDS))[:, None] * parent_cos,
    }
    features["compatible"] = compatible_kinds(records)
    return features


def compatible_kinds(records: Sequence[ClaimRecord]) -> np.ndarray:
    """1 where two claims can state the same thing by their kinds (see ``DETAIL_NEEDS``), else 0."""
    n = len(records)
    kinds = np.array([r.kind for r in records])
    ok = np.ones((n, n))
    for kind, need in DETAIL_NEEDS.items():
        holds = np.array([r.kind == kind or bool(_values(r, need)) for r in records])
        ok *= np.where((kinds == kind)[:, None] & ~holds[None, :], 0.0, 1.0)
        ok *= np.where((kinds == kind)[None, :] & ~holds[:, None], 0.0, 1.0)
    return ok


def _values(record: ClaimRecord, need: str) -> tuple:
    if need == "places":
        return tuple(m for _, label, m in record.named if label in PLACE_LABELS and record.start <= m.start < record.end)
    return getattr(record, need)


def overlap_matrix(sets: list[frozenset[str]], *, rare_first: bool = False) -> np.ndarray:
    """Jaccard index of every pair of sets (0 where either is empty).

    With ``rare_first`` it is weighted: each item weighs log(N / number of sets that hold it), so two claims
    sharing the story's rare words ("Qeshm", "subpoena") share more than two sharing its common ones.
    """
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for i, items in enumerate(sets):
        for item in items:
            rows.append(i)
            cols.append(vocabulary.setdefault(item, len(vocabulary)))
    members = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sets), max(1, len(vocabulary))))
    weighted = members
    if rare_first:
        frequency = np.asarray(members.sum(axis=0)).ravel()
        weighted = members @ sparse.diags(np.log((len(sets) + 1) / (frequency + 1)))
    shared = (weighted @ members.T).toarray()
    sizes = np.asarray(weighted.sum(axis=1)).ravel()
    union = sizes[:, None] + sizes[None, :] - shared
    return np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)


def _number_relations(records: Sequence[ClaimRecord]) -> tuple[np.ndarray, np.ndarray]:
    n = len(records)
    figures, slots = np.zeros((n, n)), np.zeros((n, n))
    counted = [r for r in records if any(x.unit for x in r.numbers)]
    for a in counted:
        for b in counted:
            if a.index >= b.index or a.article == b.article:
                continue
            pairs = [(x, y) for x in a.numbers for y in b.numbers if x.unit and same_quantity(x, y)]
            if pairs:
                slots[a.index, b.index] = slots[b.index, a.index] = 1.0
            if any(compatible(x, y) for x, y in pairs):
                figures[a.index, b.index] = figures[b.index, a.index] = 1.0
    return figures, slots


def _time_relations(records: Sequence[ClaimRecord]) -> tuple[np.ndarray, np.ndarray]:
    n = len(records)
    overlap, clash = np.zeros((n, n)), np.zeros((n, n))
    dated = [(r, [t for t in r.times if t.resolved]) for r in records]
    dated = [(r, ts) for r, ts in dated if ts]
    for a, xs in dated:
        for b, ys in dated:
            if a.index >= b.index or a.article == b.article:
                continue
            same = any(x.start_date <= y.end_date and y.start_date <= x.end_date for x in xs for y in ys)  # type: ignore[operator]
            (overlap if same else clash)[a.index, b.index] = 1.0
            (overlap if same else clash)[b.index, a.index] = 1.0
    return overlap, clash


def _best_per_article(records: Sequence[ClaimRecord], cos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """best_row[i, j]: j is i's best match among j's article's claims; best_col the same seen from j."""
    n = len(records)
    best_row = np.zeros((n, n))
    articles = np.array([r.article for r in records])
    for article in dict.fromkeys(articles):
        cols = np.flatnonzero(articles == article)
        if cols.size:
            best = cols[np.argmax(cos[:, cols], axis=1)]
            best_row[np.arange(n), best] = 1.0
    return best_row, best_row.T.copy()


class Aligner:
    """The learned pair scorer: a logistic model over ``FEATURES``, with its link threshold and the lower
    probability from which two claims whose values differ link (``value_links``)."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float, value_gate: float) -> None:
        missing = [f for f in FEATURES if f not in weights]
        if missing:
            raise ModelError(f"The aligner's weights lack {', '.join(missing)}; retrain it: python scripts/train_aligner.py")
        self.weights, self.bias, self.threshold, self.value_gate = weights, bias, threshold, value_gate

    def probabilities(self, features: dict[str, np.ndarray]) -> np.ndarray:
        """The probability that each pair states the same thing; 0 for pairs whose kinds cannot."""
        z = sum(self.weights[name] * features[name] for name in FEATURES) + self.bias
        return features["compatible"] / (1.0 + np.exp(-z))


@functools.lru_cache(maxsize=1)
def load_aligner(path: Path = ALIGNER) -> Aligner:
    """The shipped aligner (``aligner.json``). Raises ModelError when the file is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Aligner(data["weights"], data["bias"], data["threshold"], data["value_gate"])
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"Cannot read the claim aligner {path.name} ({exc}); reinstall newsprism or run scripts/train_aligner.py") from exc


def links(records: Sequence[ClaimRecord], probability: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """Pairs (i, j, p): j is i's likeliest match in j's article (or the reverse), with p over ``threshold``."""
    articles = np.array([r.article for r in records])
    best: dict[tuple[int, int], float] = {}
    for article in dict.fromkeys(articles):
        cols = np.flatnonzero(articles == article)
        rows = np.flatnonzero(articles != article)
        if not cols.size or not rows.size:
            continue
        sub = probability[np.ix_(rows, cols)]
        top = np.argmax(sub, axis=1)
        for row, (r, k) in enumerate(zip(rows, top)):
            p = float(sub[row, k])
            if p >= threshold:
                i, j = sorted((int(r), int(cols[k])))
                best[(i, j)] = max(best.get((i, j), 0.0), p)
    return [(i, j, p) for (i, j), p in best.items()]


def value_links(
    records: Sequence[ClaimRecord],
    probability: np.ndarray,
    gate: float,
    differ: Callable[[ClaimRecord, ClaimRecord], bool],
    same_event: Callable[[int, int], bool],
) -> list[tuple[int, int, float]]:
    """Pairs (i, j, p) of claims about one slot whose values differ (70 injured vs about 50 hurt).

    Two claims that give different values are less alike than two that agree, so the aligner rates them
    lower; a pair whose values differ links from the lower probability ``gate`` (the likeliest such pair of
    each claim in each other article), so that the difference is reported rather than two silent facts.
    Two details (a day, a figure of a list) differ only when the clauses they detail are about one event
    (``same_event``): "Monday" and "Saturday" of two different meetings are no difference. (A claim with no
    clause above it is judged on its own words.)
    """
    articles = np.array([r.article for r in records])
    valued = [r.index for r in records if r.numbers or r.times]

    def about_one_event(i: int, j: int) -> bool:
        a, b = records[i].parent, records[j].parent
        return a is None or b is None or same_event(a, b)

    out: dict[tuple[int, int], float] = {}
    for i in valued:
        for article in dict.fromkeys(articles):
            if article == records[i].article:
                continue
            peers = [j for j in valued if articles[j] == article and probability[i, j] >= gate
                     and about_one_event(i, j) and differ(records[i], records[j])]
            if peers:
                j = max(peers, key=lambda k: probability[i, k])
                out[(min(i, j), max(i, j))] = float(probability[i, j])
    return [(i, j, p) for (i, j), p in out.items()]


def group_links(records: Sequence[ClaimRecord], pairs: list[tuple[int, int, float]]) -> list[list[int]]:
    """Join linked claims into facts, likeliest links first.

    One claim may gather several claims of another article (one-to-many), but two articles may not
    both bring several claims to one fact: such chains drift from one topic to the next.
    """
    groups = DisjointSet(range(len(records)))
    members: dict[int, list[int]] = {k: [k] for k in range(len(records))}
    for i, j, _ in sorted(pairs, key=lambda link: -link[2]):
        ri, rj = groups.find(i), groups.find(j)
        if ri == rj:
            continue
        merged = members[ri] + members[rj]
        per_article: dict[str, int] = {}
        for k in merged:
            per_article[records[k].article] = per_article.get(records[k].article, 0) + 1
        if sum(1 for n in per_article.values() if n > 1) > 1:
            continue
        root = groups.union(ri, rj)
        members[root] = merged
    return groups.groups()
