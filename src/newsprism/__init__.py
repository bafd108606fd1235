"""newsprism: compare how news sources report the same event.

The public API mirrors the CLI: ``read_articles`` -> ``analyze_articles`` -> ``compare_articles``
-> ``render_report``. Names are imported lazily so that ``import newsprism`` stays cheap.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"

_API = {
    "read_articles": "newsprism.ingest",
    "analyze_articles": "newsprism.analyze",
    "compare_articles": "newsprism.compare",
    "CompareOptions": "newsprism.compare",
    "render_report": "newsprism.report",
    "resolve_entities": "newsprism.resolve",
    "reporting_chains": "newsprism.dedup",
    "cluster_stories": "newsprism.cluster",
    "ClusterOptions": "newsprism.cluster",
    "StoryClusterer": "newsprism.cluster",
    "open_store": "newsprism.store",
    "ingest_corpus": "newsprism.corpus",
    "iter_articles": "newsprism.ingest.stream",
}
__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'newsprism' has no attribute {name!r}")
