"""Small helpers shared by several stages."""

from __future__ import annotations

import bisect
import re
from collections.abc import Hashable, Iterable, Sequence
from typing import Generic, TypeVar

from .model import Span

K = TypeVar("K", bound=Hashable)


class DisjointSet(Generic[K]):
    """Union-find over hashable keys, with path halving; ``groups`` keeps first-seen order."""

    def __init__(self, keys: Iterable[K] = ()) -> None:
        self.parent: dict[K, K] = {k: k for k in keys}

    def find(self, key: K) -> K:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: K, b: K) -> K:
        """Join the sets of ``a`` and ``b``; ``a``'s root becomes the root of both."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
        return ra

    def groups(self) -> list[list[K]]:
        out: dict[K, list[K]] = {}
        for key in self.parent:
            out.setdefault(self.find(key), []).append(key)
        return list(out.values())


def sentence_index(sentences: Sequence[Span], offset: int) -> int:
    """Return the index of the sentence holding character ``offset``.

    An offset between two sentences goes to the next one, one past the last to the last; 0 if there
    are no sentences.
    """
    if not sentences:
        return 0
    index = max(0, bisect.bisect_right(sentences, offset, key=lambda s: s.start) - 1)
    if offset >= sentences[index].end:
        index += 1
    return min(index, len(sentences) - 1)


POSSESSIVE = re.compile(r"['’]s?$")


def strip_possessive(text: str) -> str:
    """``text`` without a trailing possessive ('s, ’s, or a bare ' or ’): "Putin's" -> "Putin"."""
    return POSSESSIVE.sub("", text)
