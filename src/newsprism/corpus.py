"""Corpus mode: ingest a stream of articles into the store, find the copies, group the stories.

``ingest_corpus`` reads the sources as a stream (``ingest.stream.iter_articles``) and works in
batches: drop articles already stored (content-hash ids), analyse the rest, find which copy an
earlier article (``dedup.CopyIndex``: MinHash LSH, confirmed on the text), put each in a story
(``cluster.StoryClusterer``, which may also move earlier articles between the stories the batch
touched), and commit the batch (articles, analyses, chains, stories and moves, progress) in one
transaction. A crash or Ctrl-C therefore loses at most the batch in flight, never anything counted as
stored, and never leaves a half-written batch; running the same command again resumes, since the
stored articles are recognised and skipped. The copy index and the clusterer are rebuilt
from the store at the start of each run.

``story_comparison`` compares the articles of one stored story, caching the result in the store
until the story grows.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from newsprism.dedup import COPY_THRESHOLD, CopyIndex
from newsprism.errors import NewsprismError
from newsprism.ingest.stream import Skipped, iter_articles
from newsprism.model import Analysis, Article, Comparison

if TYPE_CHECKING:
    from newsprism.analyze import AnalyzeResult
    from newsprism.backends.embedders import Embedder
    from newsprism.store import Store

    Analyzer = Callable[[Sequence[Article]], AnalyzeResult]

log = logging.getLogger(__name__)

EXAMPLES_PER_REASON = 3
MAX_ANALYZE_WORKERS = 4  # each worker holds its own spaCy model (about 300 MB)


class Clusterer(Protocol):
    """What ingest needs of a story clusterer (``cluster.StoryClusterer`` is the default).

    ``take_moves`` hands over the earlier articles that ``add`` moved to other stories (``StoryClusterer``
    refines the stories a batch touched); ingest stores those moves with the batch, in its transaction.
    """

    def add(self, articles: Sequence[Article], analyses: Sequence[Analysis | None] | None = None) -> list[Any]: ...
    def take_moves(self) -> list[Any]: ...
    def restore(self, assignments: Iterable[Any]) -> None: ...


class UnknownStory(NewsprismError, KeyError):
    """No story has the id asked for."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class IngestOptions:
    """How ``ingest_corpus`` reads and batches.

    Attributes:
        batch_size: Articles analysed and committed together; a crash loses at most one batch of work.
        copy_threshold: Shingle containment from which two articles are copies.
        fetch: Fetch pages over the network (URLs, teaser-only feed entries, feeds of an OPML list).
        outlet: The outlet of every article, overriding the inputs.
        published: The publication date of every article, overriding the inputs.
    """

    batch_size: int = 64
    copy_threshold: float = COPY_THRESHOLD
    fetch: bool = True
    outlet: str | None = None
    published: date | None = None


@dataclass
class IngestSummary:
    """What an ingest run did: counts, and the first few skipped inputs of each reason."""

    stored: int = 0
    duplicates: int = 0
    copies: int = 0
    new_stories: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[Skipped]] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def seen(self) -> int:
        """Inputs met so far: stored, duplicate or skipped (the batch in flight not yet counted)."""
        return self.stored + self.duplicates + sum(self.skipped.values())

    def skip(self, skipped: Skipped) -> None:
        self.skipped[skipped.reason] += 1
        examples = self.examples.setdefault(skipped.reason, [])
        if len(examples) < EXAMPLES_PER_REASON:
            examples.append(skipped)


def ingest_corpus(
    sources: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    options: IngestOptions | None = None,
    analyzer: Analyzer | None = None,
    clusterer: Clusterer | None = None,
    progress: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Read, analyse, de-duplicate and cluster the articles of ``sources`` into ``store``.

    One bad input never stops the run: it is counted under its reason (``IngestSummary.skipped``).
    On Ctrl-C the batch in flight is rolled back, the run is logged as interrupted and
    ``KeyboardInterrupt`` propagates; everything counted in ``stored`` is committed.

    Args:
        sources: Paths and URLs (see ``iter_articles``).
        store: The store to write into.
        options: Batching and reading options.
        analyzer: Analyses a batch of articles; spaCy's English pipeline (``analyze_articles``) by default.
        clusterer: Assigns articles to stories; ``cluster.StoryClusterer()`` by default.
        progress: Called with the running summary after each input.

    Returns:
        The summary of the run.
    """
    options = options or IngestOptions()
    started = time.perf_counter()
    names = [os.fspath(s) for s in sources]
    summary = IngestSummary()
    run = _Run(store, store.start_run(names), summary, analyzer or _default_analyzer(), clusterer or _default_clusterer(),
               CopyIndex(lambda ids: {a.id: a.text for a in store.articles(ids)}, threshold=options.copy_threshold))
    run.restore()
    report = progress or (lambda _summary: None)
    try:
        for item in iter_articles(names, outlet=options.outlet, published=options.published, fetch=options.fetch):
            run.take(item)
            if len(run.batch) >= options.batch_size:
                run.commit()
            report(summary)
        run.commit()
    except KeyboardInterrupt:
        run.log("interrupted")
        raise
    finally:
        summary.seconds = time.perf_counter() - started
    run.log("done")
    report(summary)
    return summary


def story_comparison(store: Store, story_id: str, *, embedder: str | Embedder = "minilm", refresh: bool = False) -> Comparison:
    """Return the comparison of a stored story: the cached one while the story is unchanged, else a new one.

    Args:
        store: The store.
        story_id: The story's id.
        embedder: The sentence embedder ``compare_articles`` uses, by name or instance.
        refresh: Compute anew even when a cached comparison is valid.

    Raises:
        UnknownStory: No story has this id.
    """
    if store.story_summary(story_id) is None:
        raise UnknownStory(f"no story with id {story_id!r} in {store.path}; list them with: newsprism stories --db {store.path}")
    cached = None if refresh else store.comparison(story_id)
    if cached is not None:
        return cached
    from newsprism.compare import compare_articles

    articles = store.story_articles(story_id)
    ids = [a.id for a in articles]
    stored = store.analyses(ids)
    have = {a.article_id for a in stored}
    missing = [a for a in articles if a.id not in have]
    if missing:  # stored before this version, or not analysed: analyse them now rather than leave them out
        from newsprism.analyze import analyze_articles

        stored = [*stored, *analyze_articles(missing).ok]
    comparison = compare_articles(articles, analyses=stored, embedder=embedder)
    store.save_comparison(story_id, comparison, article_ids=ids)
    return comparison


class _Run:
    """The state of one ingest run: the batch being filled, the copy index, the clusterer, the counts."""

    def __init__(self, store: Store, run_id: int, summary: IngestSummary, analyzer: Analyzer, clusterer: Clusterer,
                 copies: CopyIndex) -> None:
        self.store = store
        self.run_id = run_id
        self.summary = summary
        self.stories_before = store.story_count()
        self.analyzer = analyzer
        self.clusterer = clusterer
        self.copies = copies
        self.batch: list[Article] = []
        self.seen: set[str] = set()

    def restore(self) -> None:
        """Rebuild the copy index and the clusterer from what earlier runs stored."""
        self.copies.restore(self.store.copy_signatures())
        self.clusterer.restore(self.store.memberships())
        log.info("restored %d article(s) from %s", len(self.copies), self.store.path)

    def take(self, item: Article | Skipped) -> None:
        if isinstance(item, Skipped):
            self.summary.skip(item)
        elif item.id in self.seen:
            self.summary.duplicates += 1
        else:
            self.seen.add(item.id)
            self.batch.append(item)

    def commit(self) -> None:
        """Analyse the batch and store it with its copies and stories, all in one transaction."""
        batch, self.batch = self.batch, []
        if not batch:
            return
        known = self.store.known_ids(a.id for a in batch)
        fresh = [a for a in batch if a.id not in known]
        analysed = self.analyzer(fresh) if fresh else None
        analyses = {a.article_id: a for a in analysed.ok} if analysed else {}
        for failure in analysed.failed if analysed else ():
            self.summary.skip(Skipped(failure.source, failure.stage, failure.message, reason="analysis failed"))
        articles = [a for a in fresh if a.id in analyses]
        copies = self.copies.add(articles)
        assignments = self.clusterer.add(articles, [analyses[a.id] for a in articles]) if articles else []
        moves = self.clusterer.take_moves()  # earlier articles the clusterer moved to other stories
        with self.store.transaction():
            self.store.add_articles(articles, analyses.values())
            self.store.save_copies(copies.chains, copies.signatures)
            self.store.assign_stories([*assignments, *moves])
            self.log("running", stored=len(articles), duplicates=len(known))
        self.summary.stored += len(articles)
        self.summary.duplicates += len(known)
        self.summary.copies += sum(1 for a in articles if copies.chains[a.id] != a.id)
        # the stories the store gained: refinement splits and merges stories after an article started one
        self.summary.new_stories = self.store.story_count() - self.stories_before

    def log(self, status: str, *, stored: int = 0, duplicates: int = 0) -> None:
        """Record the run's counts in the store, plus those of the batch being committed."""
        self.store.update_run(self.run_id, stored=self.summary.stored + stored, duplicates=self.summary.duplicates + duplicates,
                              skipped=self.summary.skipped, status=status)


def _default_analyzer() -> Analyzer:
    workers = min(MAX_ANALYZE_WORKERS, os.cpu_count() or 1)

    def analyze(articles: Sequence[Article]) -> AnalyzeResult:
        from newsprism.analyze import (
            analyze_articles,  # spaCy loads on the first new article, not before
        )

        return analyze_articles(articles, n_process=workers)

    return analyze


def _default_clusterer() -> Clusterer:
    from newsprism.cluster import StoryClusterer

    return StoryClusterer()
