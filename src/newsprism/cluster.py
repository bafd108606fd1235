"""Group articles into stories, the articles that report one event (corpus mode), incrementally.

An article is compared with others by a weighted sum of block cosines (the vector layout is in
``_story_vectors.py``):

- ``words``: the content words of headline and body, weighted by how rare they are in English
  (wordfreq's Zipf scale): a fixed IDF, so a vector never changes as the corpus grows, and
  ``restore`` needs nothing but the stored vectors;
- ``title``: the headline's words (the lead when there is no headline);
- ``names``: entity names, from ``Analysis.mentions`` when given, else runs of capitalised words;
- ``embedding``: the static model distilled from MiniLM, off by default: tuned on ECB+, it only
  lost, as it groups articles by topic and look-alike events share their topic.

An article joins the open story whose two most similar members (its one member, for a story of one)
have the highest mean similarity, when that mean reaches ``threshold``; else it starts a story whose
id is its own. A story is open to articles dated within ``window_days`` of its first and last
article. Candidates come from one ANN index (usearch) per time bucket of ``window_days``, searched in
the article's bucket and the two beside it; buckets more than ``horizon_days`` behind the newest
article leave memory, so the time per article and the memory stay flat as a corpus grows.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from . import _story_vectors as sv
from .model import Analysis, Article, Story

if TYPE_CHECKING:
    from .backends.embedders import Embedder

log = logging.getLogger(__name__)

MEMBERS_SCORED = 50  # a story's latest articles scored against each newcomer (besides those the index finds)


@dataclass(frozen=True)
class ClusterOptions:
    """How articles are grouped.

    The threshold and block weights are the configuration tuned on ECB+ train+dev by
    ``scripts/tune_cluster.py``. The time options are set, not tuned (ECB+ has no dates): a week is
    the usual life of a news story, and two months behind the newest article a story is closed.
    A changed block weight changes the vectors: stored vectors are only comparable under the options
    that made them.
    """

    threshold: float = 0.225  # join when the mean similarity of the two best members reaches this
    words: float = 1.0  # block weights (0 leaves the block out of the vector)
    title: float = 0.25
    names: float = 0.25
    embedding: float = 0.0
    embedder: str = "static"
    window_days: int = 7  # a story takes articles dated up to this many days from its first and last
    horizon_days: int = 60  # stories this far behind the newest article are closed and leave memory
    candidates: int = 32  # nearest articles looked up per article

    def sparse_weights(self) -> dict[str, float]:
        return {"words": self.words, "title": self.title, "names": self.names}


@dataclass(frozen=True)
class Assignment:
    """Where one article went: its story and the vector the clusterer compared it by (kept by the caller for ``restore``)."""

    article_id: str
    story_id: str
    vector: np.ndarray = field(compare=False)
    published: date | None = None


@dataclass
class _Story:
    id: str
    members: list[str]
    first: date | None = None
    last: date | None = None

    def open_to(self, day: date | None, window: int) -> bool:
        if day is None:
            return True
        return (self.last is None or (day - self.last).days <= window) and (self.first is None or (self.first - day).days <= window)


class _Bucket:
    """An ANN index over the sketches of one time bucket's vectors."""

    def __init__(self) -> None:
        from usearch.index import Index

        # f32, and a search beam far above the default 64: usearch's defaults lose recall on some data.
        self.index = Index(ndim=sv.SKETCH_DIMS, metric="ip", dtype="f32", expansion_search=256)
        self.keys: list[int] = []

    def add(self, key: int, vector: np.ndarray) -> None:
        self.keys.append(key)
        self.index.add(key, sv.sketch(vector), threads=1)  # one thread: the graph, hence the result, is deterministic

    def nearest(self, vector: np.ndarray, count: int) -> list[int]:
        return [int(k) for k in self.index.search(sv.sketch(vector), count, threads=1).keys] if self.keys else []


class StoryClusterer:
    """Incremental story clustering: ``add`` articles as they come, ``restore`` from stored assignments.

    Example:
        >>> clusterer = StoryClusterer()
        >>> a = Article(id="a1", text="Wildfire forces evacuation of Paradise, California, officials said.")
        >>> [x.story_id for x in clusterer.add([a])]
        ['a1']
    """

    def __init__(self, options: ClusterOptions | None = None) -> None:
        self.options = options or ClusterOptions()
        self.dim = sv.vector_dim(_embedder(self.options).dim if self.options.embedding > 0 else 0)
        self._stories: dict[str, _Story] = {}
        self._story_of: dict[str, str] = {}  # article id -> story id, for every article seen
        self._keys: dict[int, str] = {}  # index key -> article id, for the articles still in memory
        self._key_of: dict[str, int] = {}
        self._vectors: dict[int, np.ndarray] = {}
        self._buckets: dict[int | None, _Bucket] = {}
        self._newest: date | None = None

    def add(self, articles: Sequence[Article], analyses: Sequence[Analysis | None] | None = None) -> list[Assignment]:
        """Assign each article, in order, to an open story or a new one (story id = id of its first article).

        An article already assigned keeps its story. ``analyses[i]``, when given, is the analysis
        of ``articles[i]`` (its entity mentions give the names block).
        """
        vectors = article_vectors(articles, analyses, self.options)
        out = []
        for article, vector in zip(articles, vectors):
            story_id = self._story_of.get(article.id)
            if story_id is None:
                story_id = self._best_story(vector, article.published or self._newest) or article.id
                self._insert(article.id, story_id, vector, article.published)
            out.append(Assignment(article.id, story_id, vector, article.published))
        self._close_old_buckets()
        return out

    def restore(self, assignments: Iterable[Assignment]) -> None:
        """Rebuild the state from stored assignments, in the order they were made.

        An assignment without a vector, or with one these options do not make (another width), keeps
        its story membership but is not compared with new articles; the latter is logged.
        """
        mismatched = 0
        for a in assignments:
            if a.article_id in self._story_of:
                continue
            vector = None if a.vector is None else np.ascontiguousarray(a.vector, dtype=np.float32)
            if vector is not None and vector.shape != (self.dim,):
                mismatched += 1
                vector = None
            self._insert(a.article_id, a.story_id, vector, a.published)
        if mismatched:
            log.warning("%d stored vector(s) are not %d wide (made under other clustering options): "
                        "their articles keep their stories but are not compared with new ones", mismatched, self.dim)
        self._close_old_buckets()

    def stories(self) -> tuple[Story, ...]:
        """Every story so far, in the order they started, with its articles in the order they joined."""
        return tuple(Story(id=s.id, article_ids=tuple(s.members), first_published=s.first, last_published=s.last) for s in self._stories.values())

    def _best_story(self, vector: np.ndarray, day: date | None) -> str | None:
        """The open story whose two nearest members are nearest on average, if that reaches the threshold.

        The index only proposes stories: each is then scored exactly against the articles the index
        found in it and its latest ``MEMBERS_SCORED`` articles still in memory.
        """
        found: dict[str, set[int]] = {}
        for bucket in self._buckets_near(day):
            for key in self._buckets[bucket].nearest(vector, self.options.candidates):
                found.setdefault(self._story_of[self._keys[key]], set()).add(key)
        best, best_score = None, self.options.threshold
        for story_id in sorted(found):  # sorted: a tie goes the same way on every run
            story = self._stories[story_id]
            if not story.open_to(day, self.options.window_days):
                continue
            latest = (self._key_of[m] for m in story.members[-MEMBERS_SCORED:] if m in self._key_of)
            keys = sorted(found[story_id].union(latest))
            scores = sv.similarities(vector, np.stack([self._vectors[k] for k in keys]))
            score = float(np.sort(scores)[-2:].mean())
            if score >= best_score:
                best, best_score = story_id, score
        return best

    def _insert(self, article_id: str, story_id: str, vector: np.ndarray | None, published: date | None) -> None:
        story = self._stories.get(story_id)
        if story is None:
            story = self._stories[story_id] = _Story(story_id, [])
        story.members.append(article_id)
        if published is not None:
            story.first = min(story.first or published, published)
            story.last = max(story.last or published, published)
            self._newest = max(self._newest or published, published)
        self._story_of[article_id] = story_id
        day = published or self._newest
        bucket_key = self._bucket_key(day)
        if vector is None or self._is_closed(bucket_key):
            return  # nothing to compare, or too old to be joined by anything still to come: membership only
        key = len(self._story_of)  # unique: one per article ever seen
        self._keys[key] = article_id
        self._key_of[article_id] = key
        self._vectors[key] = vector
        if bucket_key not in self._buckets:
            self._buckets[bucket_key] = _Bucket()
        self._buckets[bucket_key].add(key, vector)

    def _bucket_key(self, day: date | None) -> int | None:
        return None if day is None else day.toordinal() // self.options.window_days

    def _buckets_near(self, day: date | None) -> list[int | None]:
        if day is None:
            return list(self._buckets)
        centre = self._bucket_key(day)
        assert centre is not None
        return [k for k in (None, centre - 1, centre, centre + 1) if k in self._buckets]

    def _is_closed(self, bucket_key: int | None) -> bool:
        if bucket_key is None or self._newest is None:
            return False
        return (self._newest.toordinal() - self.options.horizon_days) // self.options.window_days > bucket_key

    def _close_old_buckets(self) -> None:
        for bucket_key in [k for k in self._buckets if self._is_closed(k)]:
            for key in self._buckets.pop(bucket_key).keys:
                del self._key_of[self._keys.pop(key)], self._vectors[key]


def cluster_stories(articles: Sequence[Article], analyses: Sequence[Analysis | None] | None = None,
                    options: ClusterOptions | None = None) -> tuple[Story, ...]:
    """Group articles into stories in one call, taking them in the order given (sort a stream by date first).

    Each story's ``title`` is its first article's, and ``entities`` its most frequent names.

    Example:
        >>> from newsprism.model import Article
        >>> a = Article(id="a", title="Quake hits Qeshm island", text="A 5.6 magnitude quake hit Qeshm Island on Sunday.")
        >>> b = Article(id="b", title="Qeshm Island quake injures five", text="The 5.6 magnitude quake struck Qeshm Island.")
        >>> [s.article_ids for s in cluster_stories([a, b])]
        [('a', 'b')]
    """
    clusterer = StoryClusterer(options)
    clusterer.add(articles, analyses)
    by_id = {a.id: a for a in articles}
    names = {a.id: Counter(sv.names(a, an)) for a, an in zip(articles, analyses or [None] * len(articles))}
    out = []
    for story in clusterer.stories():
        counts: Counter[str] = sum((names[i] for i in story.article_ids), Counter())
        entities = tuple(name for name, _ in counts.most_common(5))
        out.append(Story(story.id, story.article_ids, by_id[story.id].title, story.first_published, story.last_published, entities))
    return tuple(out)


def article_vectors(articles: Sequence[Article], analyses: Sequence[Analysis | None] | None = None,
                    options: ClusterOptions | None = None) -> np.ndarray:
    """The clustering vectors of ``articles``, one float32 row each (``_story_vectors.py`` has the layout)."""
    options = options or ClusterOptions()
    analyses = analyses if analyses is not None else [None] * len(articles)
    if len(analyses) != len(articles):
        raise ValueError(f"{len(articles)} articles but {len(analyses)} analyses")
    embeddings = None
    if options.embedding > 0:
        embeddings = _embedder(options).encode([sv.full_text(a) for a in articles]) * np.float32(np.sqrt(options.embedding))
    return sv.article_vectors(articles, analyses, options.sparse_weights(), embeddings)


def _embedder(options: ClusterOptions) -> Embedder:
    from .backends.embedders import get_embedder

    return get_embedder(options.embedder)
