"""Stream articles from any mix of sources, one at a time, for corpus ingest.

``iter_articles`` takes files, folders, URLs, JSONL/CSV record files, RSS/Atom feeds, OPML lists of
feeds and WARC archives, and yields an ``Article`` or a ``Skipped`` record (a ``Failure`` with a
countable reason) for each thing it meets. Record files and archives are read record by record and
folders file by file, so a corpus of any size is never held in memory. Single files (.txt, .html,
.json) go through the same readers as ``newsprism compare``; a .json list is read whole, so large
corpora belong in JSONL.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsprism.errors import InputError, NetworkError
from newsprism.ingest.decode import read_file_bytes
from newsprism.ingest.feeds import (
    FEED_SUFFIXES,
    OPML_SUFFIXES,
    looks_like_feed,
    looks_like_opml,
    parse_feed,
    parse_opml,
)
from newsprism.ingest.metadata import ArticleFields, is_sidecar, parse_run_date
from newsprism.ingest.reader import (
    CSV_SUFFIXES,
    JSONL_SUFFIXES,
    build_article,
    fields_from_fetched,
    load_records,
)
from newsprism.ingest.records import Record, iter_csv, iter_jsonl
from newsprism.ingest.url import fetch_url, is_url
from newsprism.ingest.warc import is_warc, iter_warc
from newsprism.model import Article, Failure

log = logging.getLogger(__name__)

STAGE = "ingest"
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
"""The largest article kept (5 MB of text); anything larger is a dump or a mistake, not a news article."""

# Reasons a skipped input is counted under, found from the readers' messages (first match wins).
REASONS = (
    ("not an RSS or Atom feed", "not a feed"),
    ("not an OPML file", "not a feed list"),
    ("lists no feeds", "not a feed list"),
    ("not an HTML page", "non-HTML WARC record"),
    ("HTTP status", "HTTP error"),
    ("too large", "too large"),
    ("is not JSON", "bad JSON line"),
    ("not valid JSON", "bad JSON file"),
    ("not a CSV row", "bad CSV row"),
    ("no article text", "no text"),
    ("has no text", "no text"),
    ("is empty", "no text"),
)


@dataclass(frozen=True)
class Skipped(Failure):
    """An input that was not ingested, and the short ``reason`` it is counted under ("no text", "too large")."""

    reason: str = "unreadable"


@dataclass(frozen=True)
class _Options:
    outlet: str | None
    published: date | None
    fetch: bool
    max_bytes: int


def iter_articles(
    sources: Iterable[str | os.PathLike[str]],
    *,
    outlet: str | None = None,
    published: date | str | None = None,
    fetch: bool = True,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> Iterator[Article | Skipped]:
    """Yield the articles of many sources, one by one, and a ``Skipped`` record for each input that is not one.

    A source is a path or an http(s) URL: a folder (read recursively, in name order, hidden files
    and ``.meta.json`` sidecars left out), a ``.jsonl``/``.ndjson`` or ``.csv``/``.tsv`` record file,
    an RSS/Atom feed (``.rss``, ``.atom``, ``.xml``, or a URL that answers with one), an ``.opml``
    list of feeds, a ``.warc``/``.warc.gz`` archive, or a single .txt, .html or .json article. Feed
    entries that carry only a teaser are fetched from their link when ``fetch`` is on. Articles not
    in English are skipped (the analysis is English-only); so are articles over ``max_bytes``.

    Does not drop duplicates: the store does that by content id.

    Args:
        sources: Paths and URLs, in any mix.
        outlet: The outlet for every article, overriding what the inputs say.
        published: The publication date for every article (a date or "YYYY-MM-DD").
        fetch: Whether to fetch pages over the network (URLs, feeds' links and OPML feeds).
        max_bytes: The largest article (text, in UTF-8 bytes) or single file kept.

    Yields:
        Articles and ``Skipped`` records, in input order.

    Raises:
        InputError: ``published`` is not a date.
    """
    options = _Options(outlet, parse_run_date(published), fetch, max_bytes)
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    for source in sources:
        yield from _source(os.fspath(source), options)


COUNTED_WARC_BYTES = 1 << 30  # a larger archive is not read twice just to know how long the run is


def count_items(sources: Iterable[str | os.PathLike[str]]) -> int | None:
    """How many items (articles or skipped inputs) ``iter_articles`` will yield, when that is known without reading
    the articles: a line per JSONL line, a row per CSV line, a page per WARC page record, one per other file; None
    when a source is a URL, a feed or an OPML list (their length is known only once fetched and parsed)."""
    total = 0
    for source in ([sources] if isinstance(sources, (str, os.PathLike)) else sources):
        name = os.fspath(source)
        if is_url(name):
            return None
        path = Path(name)
        files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)) if path.is_dir() else [path]
        for file in files:
            counted = _count_file(os.fspath(file))
            if counted is None:
                return None
            total += counted
    return total


def _count_file(name: str) -> int | None:
    lower = name.lower()
    suffix = Path(lower).suffix
    try:
        if is_warc(lower):
            return _count_warc(name) if os.stat(name).st_size <= COUNTED_WARC_BYTES else None
        if suffix in JSONL_SUFFIXES or suffix in CSV_SUFFIXES:
            with open(name, "rb") as fh:
                lines = sum(1 for line in fh if line.strip())
            return max(0, lines - 1) if suffix in CSV_SUFFIXES else lines  # a CSV's first line is its header
        if suffix in OPML_SUFFIXES or suffix in FEED_SUFFIXES:
            return None
    except OSError:
        return 1  # unreadable: one skipped input
    return 0 if is_sidecar(Path(name)) and Path(name[: -len(".meta.json")]).is_file() else 1


def _count_warc(name: str) -> int | None:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    try:
        with open(name, "rb") as fh:
            for record in ArchiveIterator(fh, arc2warc=True):
                count += record.rec_type in ("response", "resource")
    except (OSError, ArchiveLoadFailed):
        return count + 1  # what was read, and the error record that ends it
    return count


def skip_reason(exc: InputError) -> str:
    """Return the reason an input error is counted under in the ingest summary."""
    if isinstance(exc, NetworkError):
        return "fetch failed"
    message = str(exc)
    return next((reason for needle, reason in REASONS if needle in message), "unreadable")


def _skip(source: str, exc: InputError) -> Skipped:
    message = str(exc)
    for name in (source, source.split("#", 1)[0], source.rsplit(":", 1)[0]):  # the source already says where
        if message.startswith(f"{name}: "):
            message = message[len(name) + 2 :]
            break
    log.info("skipped %s: %s", source, message)
    return Skipped(source, STAGE, message, reason=skip_reason(exc))


def _source(name: str, options: _Options) -> Iterator[Article | Skipped]:
    if is_url(name):
        yield from _guarded(name, _url(name, options))
        return
    path = Path(name)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
        for file in files:
            if not (is_sidecar(file) and file.with_name(file.name[: -len(".meta.json")]).is_file()):
                yield from _guarded(os.fspath(file), _file(os.fspath(file), options))
        return
    yield from _guarded(name, _file(name, options))


def _guarded(name: str, items: Iterator[Article | Skipped]) -> Iterator[Article | Skipped]:
    """Yield from one source's reader; an error that ends it becomes a ``Skipped`` record, and the stream goes on."""
    try:
        yield from items
    except OSError as exc:
        yield _skip(name, InputError(f"{name}: the file cannot be read ({exc.strerror or exc})"))
    except InputError as exc:
        yield _skip(name, exc)
    except Exception as exc:  # noqa: BLE001 - a library's or our bug must not end the ingest of everything else
        log.exception("unexpected error reading %s", name)
        yield Skipped(name, STAGE, f"unexpected error ({type(exc).__name__}: {exc})", reason="unexpected error")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _file(name: str, options: _Options) -> Iterator[Article | Skipped]:
    """Read one file by its kind: a container of many records, or a single article."""
    lower = name.lower()
    suffix = Path(lower).suffix
    if is_warc(lower):
        yield from _records(iter_warc(name), options)
    elif suffix in JSONL_SUFFIXES:
        with open(name, encoding="utf-8-sig", errors="replace") as lines:
            yield from _records(iter_jsonl(lines, name), options)
    elif suffix in CSV_SUFFIXES:
        with open(name, encoding="utf-8-sig", errors="replace", newline="") as lines:
            yield from _records(iter_csv(lines, name), options)
    elif suffix in OPML_SUFFIXES or suffix in FEED_SUFFIXES:
        yield from _xml(read_file_bytes(name), name, options)
    else:
        yield from _single(name, options)


def _single(name: str, options: _Options) -> Iterator[Article | Skipped]:
    size = os.stat(name).st_size
    if size > options.max_bytes:
        raise InputError(f"{name}: the file is too large ({_mb(size)}; the limit is {_mb(options.max_bytes)})")
    yield from _records(load_records(name), options)


def _xml(data: bytes, name: str, options: _Options) -> Iterator[Article | Skipped]:
    """Read an OPML list (each of its feeds in turn) or a feed."""
    if looks_like_opml(data) or Path(name.lower()).suffix in OPML_SUFFIXES:
        for feed in parse_opml(data, name):
            yield from _source(feed, options)
        return
    yield from _feed_entries(parse_feed(data, name), options)


def _url(url: str, options: _Options) -> Iterator[Article | Skipped]:
    """Fetch a URL: a feed or a feed list is read entry by entry, anything else as one page."""
    if not options.fetch:
        yield Skipped(url, STAGE, "fetching is off (--no-fetch)", reason="fetch off")
        return
    fetched = fetch_url(url)
    if looks_like_feed(fetched.data) or looks_like_opml(fetched.data):
        yield from _xml(fetched.data, url, options)
    else:
        yield _article(fields_from_fetched(fetched, url), url, options)


def _feed_entries(records: list[Record], options: _Options) -> Iterator[Article | Skipped]:
    """Yield a feed's articles, fetching the page of each entry that carries only a teaser."""
    for record in records:
        fields = record.fields
        if fields is not None and not fields.meta.get("full_text") and fields.url:
            record = _fetch_entry(record.source, fields, options)
        yield from _records([record], options)


def _fetch_entry(source: str, entry: ArticleFields, options: _Options) -> Record:
    """The page behind a teaser entry, with the feed's outlet and, where the page lacks them, its metadata."""
    if not options.fetch:
        return Record(source, error=InputError(f"{source}: the feed entry has no article text, only a teaser; fetching is off"))
    assert entry.url is not None
    try:
        page = fields_from_fetched(fetch_url(entry.url), entry.url)
    except InputError as exc:
        return Record(source, error=exc)
    page.outlet = entry.outlet or page.outlet  # the feed's title names the outlet; a page often gives only its domain
    page.title = page.title or entry.title
    page.published = page.published or entry.published
    page.authors = page.authors or entry.authors
    page.meta["feed_entry"] = source
    return Record(source, fields=page)


def _records(records: Iterable[Record], options: _Options) -> Iterator[Article | Skipped]:
    for record in records:
        if record.error is not None:
            yield _skip(record.source, record.error)
            continue
        assert record.fields is not None
        try:
            article = _article(record.fields, record.source, options)
        except InputError as exc:
            article = _skip(record.source, exc)
        yield article


def _article(fields: ArticleFields, source: str, options: _Options) -> Article | Skipped:
    return _checked(build_article(fields, source, outlet=options.outlet, published=options.published), options)


def _checked(article: Article, options: _Options) -> Article | Skipped:
    """The article, or why it is skipped: too large, or not in English."""
    source = article.source or article.id
    size = len(article.text.encode("utf-8"))
    if size > options.max_bytes:
        return Skipped(source, STAGE, f"the article is too large ({_mb(size)} of text; the limit is {_mb(options.max_bytes)})", reason="too large")
    if article.language not in (None, "en", "unknown"):
        message = f"written in {article.language!r}; newsprism analyses English only"
        return Skipped(source, STAGE, message, reason="not English")
    return article


def _mb(size: int) -> str:
    return f"{size / 2**20:.0f} MB" if size >= 2**20 else f"{size / 2**10:.0f} KB"
