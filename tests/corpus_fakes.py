"""A fast stand-in analyzer and clusterer for corpus tests (also imported by the ingest subprocess in the crash test).

The clusterer puts an article into the story of the first earlier article whose title starts with the same
word; its vector encodes that word, so that ``restore`` rebuilds exactly the same state from the store.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from newsprism.model import Analysis, Article, Claim, Failure, Mention, Span


@dataclass(frozen=True)
class FakeAssignment:
    article_id: str
    story_id: str
    vector: np.ndarray
    published: date | None


@dataclass
class FakeResult:
    ok: list[Analysis] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)


class FakeClusterer:
    def __init__(self) -> None:
        self.story_of: dict[float, str] = {}
        self.restored = 0

    def add(self, articles: Sequence[Article], analyses: Sequence[Analysis | None] | None = None) -> list[FakeAssignment]:
        assert analyses is not None and len(analyses) == len(articles)
        out = []
        for article in articles:
            key = (article.title or article.text).split()[0].lower()
            vector = np.array([zlib.crc32(key.encode()) % 1000, 1.0], dtype=np.float32)
            story = self.story_of.setdefault(float(vector[0]), article.id)
            out.append(FakeAssignment(article.id, story, vector, article.published))
        return out

    def take_moves(self) -> list[FakeAssignment]:
        return []  # this fake never moves an article once placed

    def restore(self, assignments: Iterable[FakeAssignment]) -> None:
        for a in assignments:
            self.story_of.setdefault(float(a.vector[0]), a.story_id)
            self.restored += 1


def fake_analyze(articles: Sequence[Article], delay: float = 0.0) -> FakeResult:
    """One mention per capitalised word; an article whose text holds POISON fails, as a broken one would."""
    result = FakeResult()
    for article in articles:
        time.sleep(delay)
        if "POISON" in article.text:
            result.failed.append(Failure(article.source or article.id, "analyze", "ValueError: poisoned"))
            continue
        words = [w for w in article.text.split() if w[:1].isupper()]
        mentions = tuple(Mention(0, len(w), w.strip(".,"), "PERSON", 0) for w in words[:3])
        end = len(article.text.split(".")[0])  # one claim: the first sentence
        claims = (Claim(0, end, 0, parts=(Span(0, end),)),) if end else ()
        result.ok.append(Analysis(article_id=article.id, sentences=(Span(0, end),) if end else (), mentions=mentions,
                                  claims=claims, language=article.language))
    return result


def slow_analyze(articles: Sequence[Article]) -> FakeResult:
    return fake_analyze(articles, delay=0.004)
