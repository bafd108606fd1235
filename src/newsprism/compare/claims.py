"""The claims of a story's articles, as the records the later steps compare.

Each ``Analysis.claims`` entry becomes a ``ClaimRecord``: its own words (the focus, what the report
colours), its reading (the whole proposition, what is embedded and compared), and what it names:
resolved entities, numbers, times, the speaker it is attributed to. Claims in boilerplate (adverts,
"Also read" links, credits) were already left out by the analysis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Analysis, Article, Mention, Number, Statement, TimeExpression
from ..resolve import Resolution

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d+")
QUOTE_CHARS = "\"“”«»„'‘’`"
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"})


@dataclass
class ClaimRecord:
    """One claim of one article, with what the comparison needs to know about it."""

    index: int
    article: str
    start: int
    end: int
    text: str  # the focus: the claim's own words (its parts joined by a space)
    reading: str  # the proposition as a reader needs it (the focus plus the clause it details)
    kind: str
    predicate: str
    parent: int | None  # index (among all records) of the claim this one details
    negated_terms: tuple[str, ...]
    attribution: str | None
    speaker: str | None  # the entity id of the attribution's person, when it names one
    entities: frozenset[str]
    words: frozenset[str]  # content words of the focus
    reading_words: frozenset[str]
    numbers: tuple[Number, ...]
    times: tuple[TimeExpression, ...]
    position: int  # sentence index in its article
    parts: tuple[tuple[int, int], ...] = ()  # the claim's own characters, as (start, end) ranges
    source_text: str = ""  # its article's text (the same string, not a copy)
    sentence_span: tuple[int, int] | None = None
    named: tuple[tuple[str, str, Mention], ...] = ()  # (entity id, label, mention) of each named mention
    in_article: frozenset[str] = frozenset()  # the entities its whole article names
    vector: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @property
    def sentence(self) -> str:
        """The text of its sentence."""
        return self.source_text[self.sentence_span[0] : self.sentence_span[1]] if self.sentence_span else ""


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words of ``text`` that are not stop words."""
    return frozenset(w for w in (m.group().lower() for m in WORD.finditer(text)) if w not in STOP_WORDS and len(w) > 2)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared items over all items (0 when either set is empty)."""
    return len(a & b) / len(a | b) if a and b else 0.0


def claim_records(articles: Sequence[Article], analyses: Sequence[Analysis], resolution: Resolution) -> list[ClaimRecord]:
    """The records of every claim of every article, in article order then text order."""
    out: list[ClaimRecord] = []
    label_of = {e.id: e.label for e in resolution.entities}
    for article, analysis in zip(articles, analyses):
        in_article = frozenset(eid for m in analysis.mentions if (eid := resolution.entity_for(article.id, m)))
        first = len(out)
        for claim in analysis.claims:
            parts = tuple((p.start, p.end) for p in claim.parts) or ((claim.start, claim.end),)
            pieces = sorted(set(parts) | {(p.start, p.end) for p in claim.context})
            lo, hi = min(p[0] for p in pieces), max(p[1] for p in pieces)
            inside = lambda x, ps=parts: any(s <= x.start and x.end <= e for s, e in ps)
            in_reading = lambda x, s=lo, e=hi: s <= x.start and x.end <= e
            named = tuple(
                (eid, label_of[eid], m)
                for m in analysis.mentions
                if in_reading(m) and m.label in NAMED_LABELS and (eid := resolution.entity_for(article.id, m))
            )
            text = " ".join(article.text[s:e] for s, e in parts)
            reading = " ".join(article.text[s:e] for s, e in pieces)
            out.append(
                ClaimRecord(
                    index=len(out), article=article.id, start=claim.start, end=claim.end, text=text, reading=reading,
                    kind=claim.kind, predicate=claim.predicate,
                    parent=None if claim.parent is None else first + claim.parent,
                    negated_terms=claim.negated_terms, attribution=claim.attribution,
                    speaker=resolution.entity_named(claim.attribution, "PERSON"),
                    entities=frozenset(eid for eid, _, _ in named), words=content_words(text),
                    reading_words=content_words(reading),
                    numbers=tuple(n for n in analysis.numbers if inside(n)),
                    times=tuple(t for t in analysis.times if inside(t)),
                    position=claim.sentence, parts=parts, source_text=article.text, named=named,
                    sentence_span=_sentence_span(analysis, claim.sentence), in_article=in_article,
                )
            )
    return out


def _sentence_span(analysis: Analysis, index: int) -> tuple[int, int] | None:
    if 0 <= index < len(analysis.sentences):
        return analysis.sentences[index].start, analysis.sentences[index].end
    return None



def statement_of(claim: ClaimRecord) -> Statement:
    """The claim as a statement: its longest contiguous part, with every part it has (a nested clause or
    apposition between them is not part of it)."""
    start, end = max(claim.parts, key=lambda p: p[1] - p[0])
    parts = claim.parts if len(claim.parts) > 1 else ()
    return Statement(claim.article, start, end, claim.source_text[start:end], parts)
