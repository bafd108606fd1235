"""The data model: every record newsprism reads, computes or reports.

Spans are character offsets into ``Article.text``; no record copies text it can point at, except
where the JSON report carries the span's text for the reader's convenience (``text[start:end]``).
Records are frozen dataclasses; ``to_dict`` gives the JSON form used by the report and the store.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

FactStatus = Literal["corroborated", "single-source", "differs", "conflicts"]
QuoteKind = Literal["direct", "indirect", "mixed"]
QuoteStatus = Literal["identical", "variant", "single-source"]
DifferenceKind = Literal["number", "date", "entity", "negation", "wording", "attribution"]


def content_id(text: str) -> str:
    """Return the id of an article: the first 16 hex digits of the SHA-256 of its normalised text.

    Whitespace is collapsed first, so the same article read from a .txt and from a JSON record
    gets the same id.
    """
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One news article: its body text and what is known about it.

    ``text`` is the body only (no headline, byline or picture captions; those go to ``title``,
    ``authors`` and ``meta``). ``source`` says where it was read from (a path or URL).
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    language: str | None = None
    source: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def label(self) -> str:
        """A short human name for the article: its outlet, else its source's file name, else its id."""
        if self.outlet:
            return self.outlet
        if self.source:
            name = self.source.rstrip("/").rsplit("/", 1)[-1]
            return name.rsplit(".", 1)[0] if "." in name else name
        return self.id[:8]


@dataclass(frozen=True)
class Span:
    """A character range ``[start, end)`` of one article's text."""

    start: int
    end: int

    def text(self, article_text: str) -> str:
        return article_text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Mention:
    """An entity mention found by NER: ``label`` is spaCy's (PERSON, ORG, GPE, NORP, ...)."""

    start: int
    end: int
    text: str
    label: str
    sentence: int


@dataclass(frozen=True)
class Quote:
    """A reported utterance: what was said (``content``), who said it, and the cue ("said", "according to")."""

    content: Span
    kind: QuoteKind
    speaker: Span | None = None
    cue: Span | None = None
    speaker_text: str | None = None  # the speaker as resolved in the article (a pronoun's antecedent)
    sentence: int = 0


@dataclass(frozen=True)
class Number:
    """A quantity: ``low``/``high`` bound the value the text allows ("at least eight" -> 8, inf).

    ``value`` is the number as written (8 for "at least eight", 200 for "hundreds"); ``unit`` the
    counted thing's head noun ("people", "hour") when found.
    """

    start: int
    end: int
    text: str
    value: float
    low: float
    high: float
    unit: str | None = None
    qualifier: str | None = None
    sentence: int = 0


@dataclass(frozen=True)
class TimeExpression:
    """A time expression and what it refers to.

    ``start_date``/``end_date`` are the resolved interval (equal for a single day); both are None when
    it cannot be resolved, e.g. "Thursday" in an article whose publication date is unknown, and then
    ``note`` says why.
    """

    start: int
    end: int
    text: str
    start_date: date | None = None
    end_date: date | None = None
    reference: date | None = None
    note: str | None = None
    sentence: int = 0

    @property
    def resolved(self) -> bool:
        return self.start_date is not None


@dataclass(frozen=True)
class Claim:
    """One atomic proposition of a sentence: a predicate with its arguments, or a detail of one.

    ``parts`` are the claim's own characters, possibly discontiguous ("Mr. Grimm, ..., was expected to
    be indicted" without the apposition between), and ``start``/``end`` span them; ``context`` the
    words of the clause a detail belongs to, which a reader needs to read it ("Putin told Trump" for
    "on Thursday"). The sentence stays the unit of display. ``kind`` says what the claim is: a
    ``clause`` (also "X said"), the ``content`` of reported speech, an ``attribution`` ("according to X"),
    a ``time``, a ``place``, a ``reason``, a ``description`` (an apposition or title) or an ``item`` (one
    figure of a list). ``parent`` is the index, among the
    article's claims, of the claim a detail belongs to. ``attribution`` is the speaker text when the
    claim is reported speech; ``negated_terms`` the words a negation applies to ("discuss" in "did
    not discuss"); ``predicate`` the lemma of the claim's verb (or of the verb it modifies).
    """

    start: int
    end: int
    sentence: int
    negated: bool = False
    attribution: str | None = None
    negated_terms: tuple[str, ...] = ()
    kind: str = "clause"
    parts: tuple[Span, ...] = ()
    context: tuple[Span, ...] = ()
    predicate: str = ""
    parent: int | None = None


@dataclass(frozen=True)
class Boilerplate:
    """A part of an article's text that is not the story: a dateline, an advert, an "Also read" link, a
    credit (``kind`` says which, see ``analyze.boilerplate.KINDS``). ``article`` is set in a comparison."""

    start: int
    end: int
    kind: str
    article: str = ""


@dataclass(frozen=True)
class Analysis:
    """What the analyze stage found in one article. All spans index ``Article.text``."""

    article_id: str
    sentences: tuple[Span, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    numbers: tuple[Number, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    language: str | None = None
    boilerplate: tuple[Boilerplate, ...] = ()  # kept out of every list above


@dataclass(frozen=True)
class Citation:
    """A pointer into an article: ``article`` id and character span."""

    article: str
    start: int
    end: int


@dataclass(frozen=True)
class EntityMention:
    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """One real-world person, organisation or place across all the articles of a comparison."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    mentions: tuple[EntityMention, ...]
    aliases_by_article: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Statement:
    """One article's wording of a fact: ``start``/``end`` its main run of words, ``parts`` every run of the
    claim as (start, end) when it has more than one ("Mr. Grimm" + "was expected to be indicted")."""

    article: str
    start: int
    end: int
    text: str
    parts: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Difference:
    """What differs between two statements of one fact, with the two spans that differ.

    ``scope`` is True when the difference is one of scope (a different time window or qualifier)
    rather than a contradiction.
    """

    kind: DifferenceKind
    detail: str
    spans: tuple[Statement, ...] = ()
    conflict: bool = False


@dataclass(frozen=True)
class Fact:
    """Statements from one or more articles that report the same thing, and what the sources say about it."""

    id: str
    status: FactStatus
    independent_sources: int
    statements: tuple[Statement, ...]
    differences: tuple[Difference, ...] = ()
    score: float = 0.0


@dataclass(frozen=True)
class StatedClaim:
    """One claim of one article in a comparison: its own characters (``parts``, spanned by ``start``/``end``),
    its sentence (the unit of display), what kind of claim it is, and the fact (``Fact.id``) it belongs to."""

    id: str
    article: str
    start: int
    end: int
    text: str
    parts: tuple[tuple[int, int], ...]
    sentence: tuple[int, int]
    kind: str
    fact: str


@dataclass(frozen=True)
class QuoteVariant:
    article: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    cue: str | None = None
    speaker_text: str | None = None


@dataclass(frozen=True)
class QuoteGroup:
    """One utterance as reported by one or more articles."""

    id: str
    speaker: str | None
    status: QuoteStatus
    variants: tuple[QuoteVariant, ...]
    speaker_entity: str | None = None


@dataclass(frozen=True)
class TimelineEntry:
    date: str  # ISO date, or "start/end" for an interval
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class SummarySentence:
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Comparison:
    """The comparison of the articles of one story: the report's whole content."""

    articles: tuple[Article, ...]
    independence: tuple[tuple[str, ...], ...]
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    quotes: tuple[QuoteGroup, ...]
    timeline: tuple[TimelineEntry, ...]
    summary: tuple[SummarySentence, ...]
    notes: tuple[str, ...] = ()  # things a reader should know: duplicates, a language warning, one article only
    boilerplate: tuple[Boilerplate, ...] = ()  # the parts of each article left out as not the story (greyed in HTML)
    claims: tuple[StatedClaim, ...] = ()  # every claim of every article, each with its fact

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)


@dataclass(frozen=True)
class Story:
    """The articles of one event, as grouped by clustering (corpus mode).

    ``id`` is the id of the story's first article, so it stays stable as the story grows.
    """

    id: str
    article_ids: tuple[str, ...]
    title: str | None = None
    first_published: date | None = None
    last_published: date | None = None
    entities: tuple[str, ...] = ()  # the main entities' names, most mentioned first


@dataclass(frozen=True)
class Failure:
    """One input that could not be read or processed, and why; batches record these and go on."""

    source: str
    stage: str
    message: str


def to_dict(record: Any) -> Any:
    """Convert a record (or nested records) to JSON-ready data: dates become ISO strings, tuples lists."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(x) for x in record]
    if isinstance(record, dict):
        return {str(k): to_dict(v) for k, v in record.items()}
    if isinstance(record, date):
        return record.isoformat()
    if isinstance(record, float) and record in (float("inf"), float("-inf")):
        return None
    return record
