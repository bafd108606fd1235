"""Copies and syndicated wire text: which articles form one reporting chain.

Two articles are copies when the word 5-gram shingles they share make up at least half of the
shorter one's (a wire story republished with a different intro or a cut ending still counts).
A story holds a few dozen articles, so ``reporting_chains`` compares every pair exactly. A corpus
holds too many for that: ``CopyIndex`` finds candidates with MinHash LSH over the same shingles and
confirms each on the text with the same containment test.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .model import Article
from .util import DisjointSet

WORD = re.compile(r"\w+")
SHINGLE = 5
COPY_THRESHOLD = 0.5
"""Shingle containment from which two articles are copies."""
LSH_THRESHOLD = 0.3
"""Jaccard similarity the LSH index aims at: two texts of similar length with containment 0.5 have
Jaccard 1/3, so candidates start a little below it; the exact containment test decides."""
NUM_PERM = 128
MINHASH_SCHEME = "affine32"  # stored signatures are only comparable under the scheme that made them


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


def reporting_chains(articles: Sequence[Article], *, threshold: float = COPY_THRESHOLD) -> list[list[str]]:
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


@dataclass
class CopyUpdate:
    """What ``CopyIndex.add`` found: the chain of each article it changed, and the new articles' signatures."""

    chains: dict[str, str] = field(default_factory=dict)
    signatures: dict[str, bytes] = field(default_factory=dict)


class CopyIndex:
    """Reporting chains over a stream of articles: MinHash LSH candidates, confirmed by shingle containment.

    A chain is named by its first article's id. An article that copies articles of two chains joins
    them into the older one, and ``add`` reports the older articles whose chain changed. Signatures
    (``CopyUpdate.signatures``) are kept by the caller and handed back to ``restore`` on a later run,
    so that nothing is re-hashed.

    Does not find a copy whose Jaccard similarity to its original is far below ``lsh_threshold``,
    such as a two-paragraph extract of a long article.

    Args:
        texts: Returns the texts of earlier articles by id (those added in earlier runs), to confirm
            candidates; articles of the current ``add`` call are confirmed from memory.
        threshold: The shingle containment from which two articles are copies.
        lsh_threshold: The Jaccard similarity the LSH index is tuned for.
        num_perm: MinHash permutations.

    Example:
        >>> index = CopyIndex(lambda ids: {})
        >>> text = "The storm hit the coast on Monday and cut power to ten thousand homes, officials said."
        >>> update = index.add([Article("a", text), Article("b", "Breaking: " + text)])
        >>> update.chains
        {'a': 'a', 'b': 'a'}
    """

    def __init__(
        self,
        texts: Callable[[Sequence[str]], Mapping[str, str]],
        *,
        threshold: float = COPY_THRESHOLD,
        lsh_threshold: float = LSH_THRESHOLD,
        num_perm: int = NUM_PERM,
    ) -> None:
        from datasketch import MinHashLSH

        self._texts = texts
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
        self._chain: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._rank: dict[str, int] = {}  # insertion order: the older chain survives a merge
        self._permutations: Any = None

    def __len__(self) -> int:
        return len(self._chain)

    def restore(self, rows: Iterable[tuple[str, str | None, bytes]]) -> None:
        """Load articles of earlier runs: ``(id, chain id or None, signature)``, in insertion order."""
        import numpy as np

        dtype = self._minhash_of(None).hashvalues.dtype
        for article_id, chain, signature in rows:
            self._insert(article_id, chain or article_id, self._minhash_of(np.frombuffer(signature, dtype=dtype)))

    def add(self, articles: Sequence[Article]) -> CopyUpdate:
        """Index new articles (distinct ids, none added before) and return the chains found or changed."""
        update = CopyUpdate()
        local: dict[str, set[str]] = {}
        for article in articles:
            grams = shingles(article.text)
            local[article.id] = grams
            minhash = self._minhash(grams)
            update.signatures[article.id] = minhash.hashvalues.tobytes()
            copies = self._confirmed(grams, self._lsh.query(minhash), local) if grams else []
            self._insert(article.id, article.id, minhash)
            update.chains[article.id] = article.id
            for other in copies:
                for member, chain in self._join(article.id, other).items():
                    update.chains[member] = chain
        return update

    def chain(self, article_id: str) -> str:
        """Return the id of the chain an indexed article belongs to."""
        return self._chain[article_id]

    def _confirmed(self, grams: set[str], candidates: list[Any], local: dict[str, set[str]]) -> list[str]:
        """The candidates whose text really shares ``threshold`` of its shingles with ``grams``."""
        missing = [c for c in candidates if c not in local]
        earlier = self._texts(missing) if missing else {}
        sets = {c: local[c] if c in local else shingles(earlier.get(c, "")) for c in candidates}
        return [c for c in candidates if containment(grams, sets[c]) >= self.threshold]

    def _insert(self, article_id: str, chain: str, minhash: Any) -> None:
        self._lsh.insert(article_id, minhash)
        self._rank[article_id] = len(self._rank)
        self._chain[article_id] = chain
        self._members.setdefault(chain, []).append(article_id)

    def _join(self, a: str, b: str) -> dict[str, str]:
        """Merge the chains of ``a`` and ``b`` into the older one; return the members whose chain changed."""
        keep, drop = sorted((self._chain[a], self._chain[b]), key=lambda c: self._rank[c])
        if keep == drop:
            return {}
        moved = self._members.pop(drop)
        self._members[keep].extend(moved)
        for member in moved:
            self._chain[member] = keep
        return dict.fromkeys(moved, keep)

    def _minhash(self, grams: set[str]) -> Any:
        minhash = self._minhash_of(None)
        minhash.update_batch([g.encode("utf-8") for g in grams])
        return minhash

    def _minhash_of(self, hashvalues: Any) -> Any:
        """A MinHash with these hash values (empty when None), sharing the index's permutations (slow to make)."""
        from datasketch import MinHash

        if self._permutations is None:
            self._permutations = MinHash(num_perm=self.num_perm, scheme=MINHASH_SCHEME).permutations
        return MinHash(num_perm=self.num_perm, hashvalues=hashvalues, permutations=self._permutations, scheme=MINHASH_SCHEME)
