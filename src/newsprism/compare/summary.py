"""A merged extractive summary: the main event first, then what the sources corroborate, then where they differ.

Each summary sentence is one article's own sentence (so its first citation is that sentence's exact
span), chosen because independent sources corroborate most of what it says. Its other citations go
claim by claim: for each corroborated claim of the sentence, the words of each other article that state
that claim, never a whole article that happens to share the topic. A sentence whose claims other
sources do not state is not put in a merged summary. The differences and conflicts follow, each as a
sentence giving both values with their citations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Analysis, Article, Citation, Fact, SummarySentence
from .claims import ClaimRecord

WORD = re.compile(r"\w+")
PRONOUNS = frozenset({"he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "their", "its", "we", "i"})
MIN_CORROBORATED = 0.8  # share of a sentence's claim text (characters) that independent sources must state for it to be summarised
MAX_REPEAT = 0.6  # a sentence sharing more of its words with one already chosen adds nothing (MMR-style)
LEAD_SENTENCES = 2  # news puts the main event in the first sentences ...
MIN_CORROBORATED_LEAD = 0.3  # ... with details that one outlet alone gives, so a lead needs less of it corroborated


@dataclass
class _Candidate:
    article: str
    start: int
    end: int
    text: str
    corroborated: float  # share of the claim text that two or more independent sources state
    sources: int
    position: int
    citations: tuple[Citation, ...]


def summarize(
    facts: Sequence[Fact],
    records: Sequence[ClaimRecord],
    articles: dict[str, Article],
    analyses: Sequence[Analysis],
    *,
    max_sentences: int = 6,
) -> list[SummarySentence]:
    """Up to ``max_sentences`` cited sentences: the main event, the best-corroborated claims, the differences."""
    differing = [f for f in facts if f.status in ("differs", "conflicts")]
    room = max(1, max_sentences - min(len(differing), max_sentences // 3))
    candidates = _candidates(facts, records, articles, analyses)
    chosen = _choose(candidates, room)
    order = list(articles)
    lead, rest = chosen[:1], sorted(chosen[1:], key=lambda c: (order.index(c.article), c.start))
    out = [SummarySentence(c.text, c.citations) for c in lead + rest]
    for fact in differing[: max_sentences - len(out)]:
        out.append(_difference_sentence(fact, articles))
    return out


def _candidates(
    facts: Sequence[Fact], records: Sequence[ClaimRecord], articles: dict[str, Article], analyses: Sequence[Analysis]
) -> list[_Candidate]:
    fact_of = {(s.article, s.start): f for f in facts for s in f.statements}
    by_sentence: dict[tuple[str, int], list[ClaimRecord]] = {}
    for r in records:
        by_sentence.setdefault((r.article, r.position), []).append(r)
    out = []
    for analysis in analyses:
        article = articles[analysis.article_id]
        for index, span in enumerate(analysis.sentences):
            claims = by_sentence.get((article.id, index), [])
            text = article.text[span.start : span.end]
            if not claims or not _stands_alone(text):
                continue
            total = sum(len(c.text) for c in claims)
            backed, citations, sources = 0, [Citation(article.id, span.start, span.end)], 1
            for claim in claims:
                fact = fact_of.get((claim.article, _main_start(claim)))
                if fact is None or fact.status != "corroborated" or fact.independent_sources < 2:
                    continue
                backed += len(claim.text)
                sources = max(sources, fact.independent_sources)
                citations += [Citation(s.article, s.start, s.end) for s in fact.statements if s.article != article.id]
            share = backed / max(1, total)
            if share >= (MIN_CORROBORATED_LEAD if index < LEAD_SENTENCES else MIN_CORROBORATED):
                out.append(_Candidate(article.id, span.start, span.end, text, share, sources, index, tuple(dict.fromkeys(citations))))
    return out


def _main_start(claim: ClaimRecord) -> int:
    """Where the claim's statement starts: its longest part (see ``facts.statement_of``)."""
    return max(claim.parts, key=lambda p: p[1] - p[0])[0]


def _choose(candidates: list[_Candidate], room: int) -> list[_Candidate]:
    """The lead sentence that best states the main event first, then the best corroborated, no near-repeats."""
    rank = lambda c: (-c.sources, -c.corroborated, c.position)
    leads = sorted((c for c in candidates if c.position < LEAD_SENTENCES), key=rank)
    ranked = leads[:1] + sorted((c for c in candidates if c not in leads[:1]), key=rank)
    chosen: list[_Candidate] = []
    seen: list[set[str]] = []
    for c in ranked:
        words = set(WORD.findall(c.text.lower()))
        if any(len(words & w) / max(1, len(words)) > MAX_REPEAT for w in seen):
            continue
        chosen.append(c)
        seen.append(words)
        if len(chosen) == room:
            break
    return chosen


def _difference_sentence(fact: Fact, articles: dict[str, Article]) -> SummarySentence:
    """"Sources differ (number): A: "at least eight people"; B: "hundreds of civilians"." with both values cited."""
    difference = fact.differences[0] if fact.differences else None
    spans = difference.spans if difference and difference.spans else fact.statements
    values = "; ".join(f"{articles[s.article].label}: \u201c{s.text}\u201d" for s in spans)
    verb = "conflict" if fact.status == "conflicts" else "differ"
    kind = f" ({difference.kind})" if difference else ""
    return SummarySentence(f"Sources {verb}{kind}: {values}.", tuple(Citation(s.article, s.start, s.end) for s in spans))


def _stands_alone(text: str) -> bool:
    """A sentence a reader can take out of its article: capitalised, no leading pronoun."""
    first = text.split(" ", 1)[0].strip(",\"“'").lower()
    return (text[:1].isupper() or text[:1] in "\"“") and first not in PRONOUNS
