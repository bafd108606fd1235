"""Independence: how many independent sources state a claim.

Articles that copy one another (the same wire story, lightly edited) form one reporting chain
(``dedup.reporting_chains``). Within a fact, two claims in (nearly) the same words are one source for
that claim even when the rest of their articles differ: the second outlet took that sentence from the
first or from a common wire. Direct quotations are the exception: two outlets quoting the same words of
a speaker each heard or read them.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..dedup import reporting_chains, shingles
from ..model import Article
from ..util import DisjointSet
from .claims import QUOTE_CHARS, ClaimRecord

SAME_WORDING = 0.9  # share of word trigrams the shorter claim shares with the other: copied, not retold
MIN_COPIED_WORDS = 15  # shorter claims recur by chance or from a shared wire lead; outlets that share one still each report it

__all__ = ["independent_sources", "reporting_chains"]


def independent_sources(members: Sequence[ClaimRecord], chain_of: dict[str, int]) -> int:
    """The number of independent sources behind the claims of one fact."""
    sources = DisjointSet(chain_of[m.article] for m in members)
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if chain_of[a.article] != chain_of[b.article] and copied(a, b):
                sources.union(chain_of[a.article], chain_of[b.article])
    return len(sources.groups())


def copied(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Two claims in nearly the same words, neither a direct quotation."""
    if a.text[:1] in QUOTE_CHARS or b.text[:1] in QUOTE_CHARS:
        return False
    x, y = shingles(a.text, 3), shingles(b.text, 3)
    if min(len(a.text.split()), len(b.text.split())) < MIN_COPIED_WORDS or not x or not y:
        return False
    return len(x & y) / min(len(x), len(y)) >= SAME_WORDING


def chains_of(articles: Sequence[Article], threshold: float) -> tuple[list[list[str]], dict[str, int]]:
    """The reporting chains of the articles, and each article's chain number."""
    chains = reporting_chains(articles, threshold=threshold)
    return chains, {aid: i for i, chain in enumerate(chains) for aid in chain}
