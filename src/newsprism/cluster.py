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

An article joins the open story whose nearer half of members (its two most similar, for a story of up
to four; its one member, for a story of one) have the highest mean similarity, when that mean reaches
``threshold``; else it starts a story whose id is its own. Half, not two: with two, a story that grew
large takes any article resembling two of its members, and chains from one event to the next (on
AllSides-NeuS, a story of 201 articles, one of them every day of a month of US politics). A story
spans at most ``window_days``: it is open to an article when, with it, its articles lie within that
many days of each other; a developing story that runs longer continues as a new one.

Candidates come from one ANN index (usearch) per time bucket of ``window_days``, searched in the
article's bucket and the two beside it; buckets more than ``horizon_days`` behind the newest article
leave memory once none of the latest ``OPEN_ARRIVALS`` articles came to them, so the time per article
and the memory stay flat as a corpus grows, and an archive read out of date order keeps the weeks it
still sends articles to.

At the end of each ``add`` the stories that grew are refined, each with its ``NEIGHBOURS`` nearest
stories (the ones its new articles scored best with), so that the result depends less on the order
the articles came in:

1. re-home: each article moves to the story whose two best members it scores highest with, if that
   beats its own story's and reaches ``threshold``; one that no longer reaches it in its own story
   starts a story of its own (a few rounds, k-means-like);
2. split: a story of ``SPLIT_MIN`` or more articles is cut in two (again and again) where its
   articles form two weakly linked groups: the second eigenvalue of the normalised Laplacian of
   their *local* similarities (``similarity_matrix(local=True)``: features every member holds weigh
   nothing, so "rehab" stops linking Tara Reid's stay with Lindsay Lohan's) is below ``split_level``,
   with at least ``PART_MIN`` articles each side; then re-home again;
3. merge: two stories whose mean similarity reaches ``merge_floor`` join when, in the local
   similarities of their union, the mean link between them is at least ``merge_ratio`` times the
   weaker story's own mean link, and the split would not cut the union again.

Refinement is bounded by the stories touched and their neighbours (at most the latest
``REFINE_MEMBERS`` articles of each), so it keeps the time per article flat. It may move articles
that earlier calls assigned: ``take_moves`` hands their new assignments over (``newsprism ingest``
stores them with the batch, in the same transaction).
"""

from __future__ import annotations

import bisect
import itertools
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
NEIGHBOURS = 4  # nearest other stories refined with a story that grew
REFINE_MEMBERS = 200  # a story's latest articles (still in memory) that refinement looks at
REHOME_ROUNDS = 3
SPLIT_MIN = 6  # the smallest story that may be split
PART_MIN = 3  # the smallest part a split may cut off
OPEN_ARRIVALS = 2000  # a bucket behind the horizon stays open while one of the latest this many articles came to it


@dataclass(frozen=True)
class ClusterOptions:
    """How articles are grouped.

    The threshold, block weights and refinement levels are the configuration tuned on ECB+ train+dev
    by ``scripts/tune_cluster.py``. The time options are set, not tuned (ECB+ has no dates): a week is
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
    window_days: int = 7  # a story's articles lie within this many days of each other
    horizon_days: int = 60  # stories this far behind the newest article are closed and leave memory
    candidates: int = 32  # nearest articles looked up per article
    refine: bool = True  # re-home, split and merge the stories touched at the end of each ``add``
    split_level: float = 0.3  # split a story whose local similarity graph has a Fiedler eigenvalue below this
    merge_ratio: float = 0.4  # merge two stories linked at least this much relative to their own cohesion
    merge_floor: float = 0.15  # ... and whose mean similarity reaches this

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
        return _open_to(day, [self.first, self.last], window)


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
        self._published: dict[str, date | None] = {}  # article id -> date, for every article seen
        self._arrival: dict[str, int] = {}  # article id -> rank of arrival: a story lists its articles in this order
        self._moves: dict[str, str] = {}  # article id -> story id, articles of earlier calls that refinement moved
        self._cuts: dict[tuple[str, ...], tuple[float, np.ndarray]] = {}  # see _cut
        self._touched: dict[int | None, int] = {}  # bucket -> arrival rank of the last article dated in it

    def add(self, articles: Sequence[Article], analyses: Sequence[Analysis | None] | None = None) -> list[Assignment]:
        """Assign each article, in order, to an open story or a new one (named after the article), then refine.

        An article already assigned is not assigned again. ``analyses[i]``, when given, is the
        analysis of ``articles[i]`` (its entity mentions give the names block). The assignments
        returned are those after refinement; articles of earlier calls that it moved are left for
        ``take_moves``.
        """
        vectors = article_vectors(articles, analyses, self.options)
        grown: dict[str, set[str]] = {}
        fresh = set()
        for article, vector in zip(articles, vectors):
            if article.id in self._story_of:
                continue
            best, near = self._best_story(vector, article.published or self._newest)
            story_id = best or article.id
            self._insert(article.id, story_id, vector, article.published)
            fresh.add(article.id)
            grown.setdefault(story_id, set()).update(near)
        if self.options.refine:
            self._cuts.clear()
            for story_id in sorted(grown, key=lambda s: self._started(s) if s in self._stories else -1):
                if story_id in self._stories:  # not merged away meanwhile
                    near = sorted((s for s in grown[story_id] - {story_id} if s in self._stories), key=self._started)
                    self._refine([story_id, *near])
            self._cuts.clear()
        for article_id in fresh:
            self._moves.pop(article_id, None)
        self._close_old_buckets()
        return [Assignment(a.id, self._story_of[a.id], v, self._published.get(a.id, a.published)) for a, v in zip(articles, vectors)]

    def take_moves(self) -> list[Assignment]:
        """The articles of earlier ``add`` calls that refinement has moved since the last call, with their new stories."""
        moves, self._moves = self._moves, {}
        return [Assignment(a, story_id, self._vectors.get(self._key_of.get(a, -1)), self._published[a])  # type: ignore[arg-type]
                for a, story_id in moves.items()]

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
        """Every story so far, in the order they started, with its articles in the order they arrived."""
        return tuple(Story(id=s.id, article_ids=tuple(s.members), first_published=s.first, last_published=s.last) for s in self._stories.values())

    def _best_story(self, vector: np.ndarray, day: date | None) -> tuple[str | None, list[str]]:
        """The open story whose two nearest members are nearest on average, if that reaches the
        threshold, and the ``NEIGHBOURS`` best-scored open stories.

        The index only proposes stories: each is then scored exactly against the articles the index
        found in it and its latest ``MEMBERS_SCORED`` articles still in memory.
        """
        found: dict[str, set[int]] = {}
        for bucket in self._buckets_near(day):
            for key in self._buckets[bucket].nearest(vector, self.options.candidates):
                found.setdefault(self._story_of[self._keys[key]], set()).add(key)
        best, best_score = None, self.options.threshold
        scored = []
        for story_id in sorted(found):  # sorted: a tie goes the same way on every run
            story = self._stories[story_id]
            if not story.open_to(day, self.options.window_days):
                continue
            latest = (self._key_of[m] for m in story.members[-MEMBERS_SCORED:] if m in self._key_of)
            keys = sorted(found[story_id].union(latest))
            scores = sv.similarities(vector, np.stack([self._vectors[k] for k in keys]))
            score = float(np.sort(scores)[-_joined(len(keys)) :].mean())
            scored.append((-score, story_id))
            if score >= best_score:
                best, best_score = story_id, score
        return best, [story_id for _, story_id in sorted(scored)[:NEIGHBOURS]]

    def _started(self, story_id: str) -> int:
        return self._arrival[self._stories[story_id].members[0]]

    # -- refinement -------------------------------------------------------------------------------

    def _refine(self, story_ids: list[str]) -> None:
        """Re-home, split, re-home and merge the articles of these stories (the first one grew, the others are its neighbours)."""
        members = [[m for m in self._stories[s].members if m in self._key_of][-REFINE_MEMBERS:] for s in story_ids]
        ids = [m for group in members for m in group]
        if len(ids) < 2:
            return
        label = np.array([n for n, group in enumerate(members) for _ in group])
        vectors = np.stack([self._vectors[self._key_of[m]] for m in ids])
        days = [self._published[m] for m in ids]
        similarity = sv.similarity_matrix(vectors)
        label = self._rehome(similarity, label, days)
        label = self._split(ids, vectors, label)
        label = self._rehome(similarity, label, days)
        label = self._merge(ids, similarity, vectors, label, days)
        self._relabel(story_ids, ids, label)

    def _rehome(self, similarity: np.ndarray, label: np.ndarray, days: list[date | None]) -> np.ndarray:
        label = label.copy()
        threshold, window = self.options.threshold, self.options.window_days
        ranked_all = np.argsort(-similarity, axis=1, kind="stable")  # each row's articles, most similar first
        for _ in range(REHOME_ROUNDS):
            moved = False
            for i in range(len(label)):
                ranked = ranked_all[i][ranked_all[i] != i]
                stories, values = label[ranked], similarity[i, ranked]
                # each story's score: the mean of its two most similar articles (its one article's, for a story of one)
                names, first = np.unique(stories, return_index=True)
                rest = np.ones(len(ranked), bool)
                rest[first] = False
                seconds, second = np.unique(stories[rest], return_index=True)
                scores = values[first]
                at = np.searchsorted(names, seconds)
                scores[at] = (scores[at] + values[rest][second]) / 2
                own = label[i]
                at_own = int(np.searchsorted(names, own))
                own_score = scores[at_own] if at_own < len(names) and names[at_own] == own else threshold
                target = None
                for j in np.argsort(-scores, kind="stable"):
                    if scores[j] < threshold or scores[j] <= own_score:
                        break
                    if names[j] != own and _open_to(days[i], [days[m] for m in np.flatnonzero(label == names[j])], window):
                        target = names[j]
                        break
                if target is None and own_score < threshold:
                    target = label.max() + 1  # no longer reaches the threshold in its story: a story of its own
                if target is not None:
                    label[i], moved = target, True
            if not moved:
                break
        return label

    def _split(self, ids: list[str], vectors: np.ndarray, label: np.ndarray) -> np.ndarray:
        label = label.copy()
        queue = sorted(set(label.tolist()), reverse=True)
        while queue:
            members = np.flatnonzero(label == queue.pop())
            if len(members) < SPLIT_MIN:
                continue
            eigenvalue, side = self._cut(ids, vectors, members)
            if eigenvalue < self.options.split_level and min(side.sum(), (~side).sum()) >= PART_MIN:
                new = label.max() + 1
                label[members[side != side[0]]] = new  # the part holding the earliest article keeps the story
                queue += [label[members[0]], new]
        return label

    def _merge(self, ids: list[str], similarity: np.ndarray, vectors: np.ndarray, label: np.ndarray, days: list[date | None]) -> np.ndarray:
        label = label.copy()
        window = self.options.window_days
        while True:
            stories = sorted(set(label.tolist()), key=lambda s: int(np.flatnonzero(label == s)[0]))
            best = None
            for x, y in itertools.combinations(stories, 2):
                a, b = np.flatnonzero(label == x), np.flatnonzero(label == y)
                if len(a) + len(b) < 3 or similarity[np.ix_(a, b)].mean() < self.options.merge_floor:
                    continue
                if _apart([days[i] for i in a], [days[i] for i in b], window):
                    continue
                union = np.concatenate([a, b])
                local = sv.similarity_matrix(vectors[union], local=True)
                side = np.arange(len(union)) < len(a)
                ratio = local[np.ix_(side, ~side)].mean() / min(_cohesion(local, side), _cohesion(local, ~side))
                if ratio < self.options.merge_ratio:
                    continue
                if len(union) >= SPLIT_MIN:
                    eigenvalue, cut = self._cut(ids, vectors, union, local)
                    if eigenvalue < self.options.split_level and min(cut.sum(), (~cut).sum()) >= PART_MIN:
                        continue  # the split would cut the union again
                if best is None or ratio > best[0]:
                    best = (ratio, x, y)
            if best is None:
                return label
            label[label == best[2]] = best[1]

    def _cut(self, ids: list[str], vectors: np.ndarray, rows: np.ndarray, local: np.ndarray | None = None) -> tuple[float, np.ndarray]:
        """``_fiedler`` of the local similarities of these rows, remembered for the rest of the ``add`` call
        (the groups refined in one call overlap: a story is often checked as the neighbour of several)."""
        key = tuple(ids[i] for i in rows)
        if key not in self._cuts:
            self._cuts[key] = _fiedler(sv.similarity_matrix(vectors[rows], local=True) if local is None else local)
        return self._cuts[key]

    def _relabel(self, story_ids: list[str], ids: list[str], label: np.ndarray) -> None:
        """Make the stories what ``label`` says.

        A story keeps its id where its first article went (where most of its articles went, when
        that one is not among them); a part without an id gets that of its earliest article that
        names no story yet.
        """
        position = {article_id: i for i, article_id in enumerate(ids)}
        before = np.array([story_ids.index(self._story_of[a]) for a in ids])
        names: dict[int, str] = {}
        for n, story_id in enumerate(story_ids):
            if story_id in position:
                home = int(label[position[story_id]])
            elif (before == n).any():
                home = Counter(label[before == n].tolist()).most_common(1)[0][0]
            else:
                continue  # none of its articles is still in memory
            if home not in names:
                names[home] = story_id
        for n in sorted(set(label.tolist()) - set(names), key=lambda n: int(np.flatnonzero(label == n)[0])):
            members = [ids[i] for i in np.flatnonzero(label == n)]
            names[n] = next((m for m in members if m not in self._stories), f"{members[0]}~{len(self._stories)}")
            self._stories[names[n]] = _Story(names[n], [])
        changed = set()
        for article_id, n in zip(ids, label.tolist()):
            old, new = self._story_of[article_id], names[n]
            if old != new:
                self._stories[old].members.remove(article_id)
                bisect.insort(self._stories[new].members, article_id, key=self._arrival.__getitem__)
                self._story_of[article_id] = self._moves[article_id] = new
                changed |= {old, new}
        for story_id in changed:
            story = self._stories[story_id]
            if not story.members:
                del self._stories[story_id]
                continue
            dates = [d for d in (self._published[m] for m in story.members) if d is not None]
            story.first, story.last = (min(dates), max(dates)) if dates else (None, None)

    def _insert(self, article_id: str, story_id: str, vector: np.ndarray | None, published: date | None) -> None:
        story = self._stories.get(story_id)
        if story is None:
            story = self._stories[story_id] = _Story(story_id, [])
        story.members.append(article_id)
        self._published[article_id] = published
        self._arrival[article_id] = len(self._arrival)
        if published is not None:
            story.first = min(story.first or published, published)
            story.last = max(story.last or published, published)
            self._newest = max(self._newest or published, published)
        self._story_of[article_id] = story_id
        day = published or self._newest
        bucket_key = self._bucket_key(day)
        self._touched[bucket_key] = len(self._arrival)
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
        """A bucket far behind the newest date that no article has come to lately: an archive read out of date order
        keeps the weeks it still sends articles to open, a stream in date order leaves its past behind."""
        if bucket_key is None or self._newest is None:
            return False
        behind = (self._newest.toordinal() - self.options.horizon_days) // self.options.window_days > bucket_key
        return behind and len(self._arrival) - self._touched.get(bucket_key, -OPEN_ARRIVALS) >= OPEN_ARRIVALS

    def _close_old_buckets(self) -> None:
        for bucket_key in [k for k in self._buckets if self._is_closed(k)]:
            for key in self._buckets.pop(bucket_key).keys:
                del self._key_of[self._keys.pop(key)], self._vectors[key]


def _joined(scored: int) -> int:
    """How many of a story's ``scored`` members a newcomer's score averages: the nearer half, at least two."""
    return max(2, -(-scored // 2))


def _open_to(day: date | None, members: list[date | None], window: int) -> bool:
    """Whether a story of articles dated ``members`` takes an article dated ``day``: all within ``window`` days."""
    return day is None or _within([day, *members], window)


def _apart(first: list[date | None], second: list[date | None], window: int) -> bool:
    """Whether two stories of articles so dated would span more than ``window`` days together (undated ones are near anything)."""
    return not _within([*first, *second], window)


def _within(days: list[date | None], window: int) -> bool:
    """Whether the dated of ``days`` lie within ``window`` days of each other (undated ones are near anything)."""
    dates = [d for d in days if d is not None]
    return not dates or (max(dates) - min(dates)).days <= window


def _cohesion(local: np.ndarray, side: np.ndarray) -> float:
    """The mean similarity of two distinct articles of one side (infinite for a side of one)."""
    n = int(side.sum())
    if n < 2:
        return float("inf")
    block = local[np.ix_(side, side)]
    return float((block.sum() - np.trace(block)) / (n * (n - 1)))


def _fiedler(local: np.ndarray) -> tuple[float, np.ndarray]:
    """The second eigenvalue of the normalised Laplacian of a similarity graph, and the side of each node in its cut."""
    weights = np.clip(local, 0, None)
    np.fill_diagonal(weights, 0)
    scale = 1 / np.sqrt(np.maximum(weights.sum(axis=1), 1e-9))
    laplacian = np.eye(len(weights)) - scale[:, None] * weights * scale[None, :]
    values, vectors = np.linalg.eigh(laplacian)
    return float(values[1]), vectors[:, 1] * scale > 0


def cluster_stories(articles: Sequence[Article], analyses: Sequence[Analysis | None] | None = None,
                    options: ClusterOptions | None = None) -> tuple[Story, ...]:
    """Group articles into stories in one call, taking them in the order given (sort a stream by date first).

    Each story's ``title`` is its first article's (the one it is named after), and ``entities`` its most frequent names.

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
        first = story.id if story.id in story.article_ids else story.article_ids[0]  # refinement may have moved the first one
        out.append(Story(story.id, story.article_ids, by_id[first].title, story.first_published, story.last_published, entities))
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
