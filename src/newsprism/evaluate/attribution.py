"""Scoring attributions (who said what) against gold spans, by the protocol of ``newsprism eval polnear``.

An attribution is a content, a source (speaker) and a cue, each a list of ``(start, end)`` character
spans. Spans are compared as sets of the positions of alphanumeric characters.

Protocol:
* **Class** of an item, from its content extent (first start to last end): *direct* when it starts
  with an opening double quote and, after trailing ``.,;:!?)``, ends with a closing one; *mixed*
  when it contains a double quote mark otherwise; *indirect* when it has none. NYT text writes
  ``\u0060\u0060`` and ``''`` as quote marks. Gold and predictions are classed by the same rule.
* **Matching**: for each criterion, candidate pairs (gold, prediction) that meet it are matched
  one-to-one, greedily by the Jaccard index of their content positions, highest first.
  *exact*: the content extents are equal after trimming whitespace, quote marks and ``.,;:!?()-``
  at both ends; *half*: they share at least 50% of the gold's positions and 50% of the prediction's;
  *any*: they share at least one position.
* **Subsets** (direct, direct+mixed, all): true positives are matches whose gold is in the subset;
  false negatives are unmatched gold items of the subset; false positives are unmatched predictions
  whose own class is in the subset. A prediction matched to a gold item outside the subset counts
  neither way.
* **Speaker accuracy**: among *any* matches whose gold has a source, the share whose predicted
  speaker shares a position with it.
* **Who-said-what (e2e)**: a match counts only if the speaker is right too (overlapping the gold
  source; or both empty); precision and recall over the same denominators as above.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Spans = tuple[tuple[int, int], ...]
OPENING = ("\u201c", '"', "``", "\u201e", "\u00ab")
CLOSING = ("\u201d", '"', "''", "\u00bb")
TRIM = set(" \t\r\n\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e.,;:!?()-")
CRITERIA = ("exact", "half", "any")
SUBSETS = {"direct": {"direct"}, "direct_mixed": {"direct", "mixed"}, "all": {"direct", "mixed", "indirect"}}
DOUBLE_QUOTE = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb]|``|''")


@dataclass(frozen=True)
class Attribution:
    """One attribution: content, source and cue spans (character offsets into the article text)."""

    content: Spans
    source: Spans = ()
    cue: Spans = ()


def extent(spans: Spans) -> tuple[int, int]:
    return (min(s for s, _ in spans), max(e for _, e in spans))


def classify(text: str, spans: Spans) -> str:
    """Return "direct", "mixed" or "indirect" from the content extent's quote marks."""
    start, end = extent(spans)
    piece = text[start:end].strip()
    tail = piece.rstrip(".,;:!?) \n")
    if piece.startswith(OPENING) and tail.endswith(CLOSING) and len(tail) > 2:
        return "direct"
    return "mixed" if DOUBLE_QUOTE.search(piece) else "indirect"


def positions(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """The positions of alphanumeric characters inside ``spans``."""
    return frozenset(i for s, e in spans for i in range(max(0, s), min(e, len(text))) if text[i].isalnum())


def trimmed_extent(text: str, spans: Spans) -> tuple[int, int]:
    start, end = extent(spans)
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def _meets(criterion: str, text: str, g: Attribution, p: Attribution, gp: frozenset[int], pp: frozenset[int]) -> bool:
    shared = len(gp & pp)
    if criterion == "any":
        return shared > 0
    if criterion == "half":
        return bool(gp) and bool(pp) and shared >= 0.5 * len(gp) and shared >= 0.5 * len(pp)
    return trimmed_extent(text, g.content) == trimmed_extent(text, p.content)


def match(text: str, gold: Sequence[Attribution], predicted: Sequence[Attribution], criterion: str) -> list[tuple[int, int]]:
    """Match gold and predicted items one-to-one under ``criterion``, greedily by content Jaccard."""
    gpos = [positions(text, g.content) for g in gold]
    ppos = [positions(text, p.content) for p in predicted]
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            if gpos[i] & ppos[j] or criterion == "exact":
                if _meets(criterion, text, g, p, gpos[i], ppos[j]):
                    union = len(gpos[i] | ppos[j]) or 1
                    candidates.append((len(gpos[i] & ppos[j]) / union, i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def speaker_right(text: str, g: Attribution, p: Attribution) -> bool:
    if not g.source:
        return not p.source
    return bool(positions(text, g.source) & positions(text, p.source))


@dataclass
class Tally:
    """Counts for one subset and criterion, summed over articles."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    e2e_tp: int = 0

    def figures(self) -> dict[str, float]:
        return {
            **_prf(self.tp, self.fp, self.fn),
            **{f"e2e_{k}": v for k, v in _prf(self.e2e_tp, self.fp + (self.tp - self.e2e_tp), self.fn + (self.tp - self.e2e_tp)).items()},
        }


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


class AttributionScorer:
    """Accumulates the counts of the protocol over articles; ``result()`` gives the flat figures."""

    def __init__(self) -> None:
        self.tallies = {(s, c): Tally() for s in SUBSETS for c in CRITERIA}
        self.speaker = {s: [0, 0] for s in SUBSETS}  # right, total
        self.counts = {s: [0, 0] for s in SUBSETS}  # gold, predicted

    def add(self, text: str, gold: Sequence[Attribution], predicted: Sequence[Attribution]) -> None:
        gold_class = [classify(text, g.content) for g in gold]
        pred_class = [classify(text, p.content) for p in predicted]
        for subset, classes in SUBSETS.items():
            self.counts[subset][0] += sum(c in classes for c in gold_class)
            self.counts[subset][1] += sum(c in classes for c in pred_class)
        for criterion in CRITERIA:
            pairs = match(text, gold, predicted, criterion)
            matched_g = {i for i, _ in pairs}
            matched_p = {j for _, j in pairs}
            for subset, classes in SUBSETS.items():
                tally = self.tallies[(subset, criterion)]
                for i, j in pairs:
                    if gold_class[i] in classes:
                        tally.tp += 1
                        right = speaker_right(text, gold[i], predicted[j])
                        tally.e2e_tp += right
                        if criterion == "any" and gold[i].source:
                            self.speaker[subset][0] += right
                            self.speaker[subset][1] += 1
                tally.fn += sum(1 for i, c in enumerate(gold_class) if c in classes and i not in matched_g)
                tally.fp += sum(1 for j, c in enumerate(pred_class) if c in classes and j not in matched_p)

    def result(self) -> dict[str, float]:
        """Flat figures: ``all.half.f1``, ``direct.any.precision``, ``all.e2e.any.f1``, ``all.speaker_accuracy``..."""
        out: dict[str, float] = {}
        for (subset, criterion), tally in self.tallies.items():
            for key, value in tally.figures().items():
                if key.startswith("e2e_"):
                    out[f"{subset}.e2e.{criterion}.{key[4:]}"] = value
                else:
                    out[f"{subset}.{criterion}.{key}"] = value
        for subset, (right, total) in self.speaker.items():
            out[f"{subset}.speaker_accuracy"] = round(right / total, 4) if total else 0.0
            out[f"{subset}.gold"] = self.counts[subset][0]
            out[f"{subset}.predicted"] = self.counts[subset][1]
        return out
