"""The ingest stage: read articles from text, HTML, JSON/JSONL files and URLs into ``Article`` records.

``read_articles`` reads a batch and records a ``Failure`` for each input it cannot read;
``read_article`` reads one input and raises ``InputError``/``NetworkError`` with a clear message.
"""

from __future__ import annotations

from newsprism.ingest.language import detect_language
from newsprism.ingest.reader import ReadResult, article_from_text, read_article, read_articles

__all__ = ["ReadResult", "article_from_text", "detect_language", "read_article", "read_articles"]
