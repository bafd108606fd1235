"""Copies and syndicated wire text: which articles form one reporting chain.

Two articles are copies when the word 5-gram shingles they share make up at least half of the
shorter one's (a wire story republished with a different intro or a cut ending still counts).
A story holds a few dozen articles, so every pair is compared exactly; corpus mode will add MinHash
LSH candidates in front of the same confirmation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Article
from .util import DisjointSet

WORD = re.compile(r"\w+")
SHINGLE = 5


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Return the set of lower-cased word ``size``-grams of ``text`` (the words themselves if shorter)."""
    words = WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set that the two sets have in common."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def reporting_chains(articles: Sequence[Article], *, threshold: float = 0.5) -> list[list[str]]:
    """Group article ids into reporting chains: each article alone, unless it is a copy of another.

    Args:
        articles: the articles (distinct ids).
        threshold: the shingle containment above which two articles are copies.
    Returns:
        Chains as lists of article ids, in the order the articles were given.
    """
    sets = {a.id: shingles(a.text) for a in articles}
    chains = DisjointSet(a.id for a in articles)
    for i, a in enumerate(articles):
        for b in articles[i + 1 :]:
            if containment(sets[a.id], sets[b.id]) >= threshold:
                chains.union(a.id, b.id)
    return chains.groups()
