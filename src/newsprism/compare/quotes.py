"""Who said what: one utterance across articles, its variants, and its speaker.

Quotes come from the analysis (direct, mixed and indirect). Two quotes of different articles are
one utterance when their contents are close in meaning and their speakers are not two different
entities; an unnamed speaker needs a closer wording.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import combinations

from ..analyze.speakers import SPEAKING_ROLES, names_the_speaker
from ..backends.embedders import Embedder
from ..model import Analysis, Article, Quote, QuoteGroup, QuoteVariant
from ..resolve import Resolution
from ..util import DisjointSet
from .claims import QUOTE_CHARS

SPEAKER_NOUNS = SPEAKING_ROLES | {"ministry", "he", "she", "they", "we", "i", "who"}
SPEAKER_LABELS = frozenset({"PERSON", "ORG"})


def quote_groups(
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    resolution: Resolution,
    chain_of: dict[str, int],
    emb: Embedder,
    threshold: float,
) -> list[QuoteGroup]:
    items: list[tuple[Article, Quote, str | None]] = []
    for article, analysis in zip(articles, analyses):
        for q in analysis.quotes:
            speaker = _speaker_entity(article, analysis, q, resolution)
            if _is_said_by_someone(q, speaker):
                items.append((article, q, speaker))
    if not items:
        return []
    vectors = emb.encode([_bare(a.text[q.content.start : q.content.end]) for a, q, _ in items])
    groups = DisjointSet(range(len(items)))
    for i, j in combinations(range(len(items)), 2):
        (ai, _, si), (aj, _, sj) = items[i], items[j]
        if ai.id == aj.id or (si and sj and si != sj):
            continue
        similarity = float(vectors[i] @ vectors[j])
        if similarity >= threshold + (0.0 if si and sj else 0.2):
            groups.union(i, j)
    names = resolution.by_id()
    out = []
    for members in groups.groups():
        members.sort()
        group = [items[k] for k in members]
        # one variant per article: the longest when an article quotes the utterance twice
        per_article: dict[str, tuple[Article, Quote, str | None]] = {}
        for entry in group:
            kept = per_article.get(entry[0].id)
            if kept is None or (entry[1].content.end - entry[1].content.start) > (kept[1].content.end - kept[1].content.start):
                per_article[entry[0].id] = entry
        variants = tuple(_variant(a, q) for a, q, _ in per_article.values())
        named = Counter(s for _, _, s in group if s)  # the speaker most of its variants name (first on a tie)
        speaker_entity = named.most_common(1)[0][0] if named else None
        speaker = names[speaker_entity].name if speaker_entity else next((q.speaker_text for _, q, _ in group if q.speaker_text), None)
        out.append(QuoteGroup(f"q{len(out) + 1}", speaker, _quote_status(variants, chain_of), variants, speaker_entity))
    out.sort(key=lambda g: ({"variant": 0, "identical": 1, "single-source": 2}[g.status], -len(g.variants)))
    return [QuoteGroup(f"q{i + 1}", g.speaker, g.status, g.variants, g.speaker_entity) for i, g in enumerate(out)]


def _is_said_by_someone(quote: Quote, speaker_entity: str | None) -> bool:
    """Keep, for the report, what a person or organisation said; drop stances of things
    ("the conversation touched on ...", "a letter cited ...") that attribution also finds."""
    if quote.kind == "direct" or speaker_entity is not None:
        return True
    words = set(re.findall(r"[a-z]+", (quote.speaker_text or "").lower()))
    return bool(words & SPEAKER_NOUNS) or any(c.isupper() for c in (quote.speaker_text or "")[1:])


def _speaker_entity(article: Article, analysis: Analysis, quote: Quote, resolution: Resolution) -> str | None:
    if quote.speaker is None and not quote.speaker_text:
        return None
    if quote.speaker is not None:
        inside = [m for m in analysis.mentions if quote.speaker.start <= m.start and m.end <= quote.speaker.end
                  and names_the_speaker(article.text, quote.speaker, m)]
        # the person named in "Kremlin aide Yuri Ushakov", not the organisation
        for m in sorted(inside, key=lambda m: (m.label != "PERSON", -m.start)):
            if m.label not in SPEAKER_LABELS:
                continue
            eid = resolution.entity_for(article.id, m)
            if eid:
                return eid
    return resolution.entity_named(quote.speaker_text)


def _variant(article: Article, quote: Quote) -> QuoteVariant:
    cue = article.text[quote.cue.start : quote.cue.end] if quote.cue else None
    return QuoteVariant(
        article.id, quote.content.start, quote.content.end, article.text[quote.content.start : quote.content.end], quote.kind, cue, quote.speaker_text
    )


def _bare(text: str) -> str:
    return " ".join(text.strip(QUOTE_CHARS + " ,.").split())


def _quote_status(variants: Sequence[QuoteVariant], chain_of: dict[str, int]) -> str:
    if len({chain_of[v.article] for v in variants}) < 2:
        return "single-source"
    texts = {re.sub(r"\W+", " ", v.text.lower()).strip() for v in variants}
    return "identical" if len(texts) == 1 else "variant"


