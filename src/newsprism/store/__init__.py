"""The store: everything corpus mode keeps, in one SQLite file. The only code that writes SQL.

Open it with ``open_store(path)``; a ``Store`` is a context manager. The file is in WAL mode, so
readers (``newsprism stories``, the web UI) work while an ingest writes. ``PRAGMA user_version`` is
the schema version; opening a store applies the migrations of ``store.schema`` that it lacks.
Article ids are content hashes, so storing the same article again changes nothing.

Reading::

    with open_store("newsprism.db", create=False) as store:
        store.stats()                                  # StoreStats: articles, stories, copies, ...
        store.stories(since=date(2025, 7, 1), min_sources=2, outlet="AFP", query="ceasefire",
                      limit=50, offset=0)              # [StorySummary], newest first
        story = store.story(story_id)                  # model.Story (article ids oldest first) or None
        store.story_summary(story_id)                  # StorySummary (size, outlets, ...) or None
        store.story_articles(story_id)                 # [Article], oldest first
        store.article(article_id)                      # Article or None; store.articles(ids) -> [Article]
        store.analysis(article_id)                     # Analysis or None; store.analyses(ids) -> [Analysis]
        store.chains(ids)                              # {article id: chain id}: copies share a chain
        store.search('"prisoner exchange" putin')      # [SearchHit] (FTS5 over title and text), best first
        store.comparison(story_id)                     # cached Comparison, or None if absent or stale
        store.runs()                                   # [IngestRun]: the ingest log, newest first

Writing (``newsprism.corpus.ingest_corpus`` does all of this; each call is one transaction, and
``with store.transaction():`` groups several so that all or none are committed)::

    store.add_articles(articles, analyses)             # -> ids that were new
    store.save_copies({article_id: chain_id}, {article_id: minhash_bytes})
    store.assign_stories(assignments)                  # cluster.Assignment-like records
    store.save_comparison(story_id, comparison)        # cached until the story's articles change
    store.start_run(sources) / store.update_run(run_id, stored=..., duplicates=..., skipped=...)

A story's ``sources`` counts distinct outlets (an article whose outlet is unknown counts as one);
``independent`` counts reporting chains, so ten copies of one wire dispatch count once. A ``Store``
belongs to one thread; open one per thread (opening is cheap).
"""

from __future__ import annotations

from newsprism.store.sqlite import (
    IngestRun,
    Membership,
    SearchHit,
    Store,
    StoreError,
    StoreStats,
    StorySummary,
    open_store,
)

__all__ = [
    "IngestRun",
    "Membership",
    "SearchHit",
    "Store",
    "StoreError",
    "StoreStats",
    "StorySummary",
    "open_store",
]
