"""Turn files and URLs into ``Article`` records: format dispatch, metadata overrides, batch error handling."""

from __future__ import annotations

import dataclasses
import io
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newsprism.errors import InputError
from newsprism.ingest.decode import decode_bytes, normalise_newlines, read_file_bytes
from newsprism.ingest.html import looks_like_html, parse_html
from newsprism.ingest.language import detect_language
from newsprism.ingest.metadata import (
    ArticleFields,
    apply_overrides,
    is_sidecar,
    load_sidecar,
    parse_run_date,
    split_authors,
)
from newsprism.ingest.records import Record, iter_csv, looks_like_json, parse_json_document, parse_jsonl
from newsprism.ingest.text import fields_from_plain_text, find_wire
from newsprism.ingest.url import Fetched, fetch_url, is_url
from newsprism.model import Article, Failure, content_id

log = logging.getLogger(__name__)

STAGE = "ingest"
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".jsonlines"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})


@dataclass
class ReadResult:
    """What a batch read produced: the articles, and the inputs (or records) that could not be read."""

    articles: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def read_articles(
    sources: Iterable[str | os.PathLike[str]],
    *,
    outlet: str | None = None,
    published: date | str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ReadResult:
    """Read many inputs, recording each one that fails instead of stopping.

    A source may be a file (.txt, .html, .json, .jsonl, .csv, ...), a folder (its files are read, in name
    order, skipping hidden files and ``.meta.json`` sidecars) or an http(s) URL. In a JSON list or
    JSONL file each bad record is a failure of its own and the other records are still read.

    Args:
        sources: Paths and URLs.
        outlet: The outlet for every article, overriding what the inputs say.
        published: The publication date for every article (a date or "YYYY-MM-DD"), overriding the inputs.
        progress: Called with 1 after each source (a folder counts as one), to advance a progress bar.

    Returns:
        The articles read, in input order, and one ``Failure`` per input or record that could not be read.

    Raises:
        InputError: ``published`` is a string that is not a date (a run option error, not an input's).
    """
    run_date = parse_run_date(published)
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]  # one path given where a list was meant: read it, not its characters
    result = ReadResult()
    for source in sources:
        for item in _expand(source, result):
            articles, failures = _read_source(item, outlet=outlet, published=run_date)
            result.articles.extend(articles)
            result.failures.extend(failures)
        if progress is not None:
            progress(1)
    log.info("read %d article(s); %d input(s) failed", len(result.articles), len(result.failures))
    return result


def read_article(
    source: str | os.PathLike[str], *, outlet: str | None = None, published: date | str | None = None
) -> list[Article]:
    """Read one input: a file or an http(s) URL. A JSON list or JSONL file gives several articles.

    Args:
        source: A path or URL.
        outlet: The outlet to set, overriding what the input and its sidecar say.
        published: The publication date to set (a date or "YYYY-MM-DD"), overriding the input.

    Returns:
        The input's articles (one for a text or HTML file).

    Raises:
        InputError: The input cannot be read, or one of its records is bad (``read_articles`` goes on
            past bad records instead).
        NetworkError: A URL cannot be fetched.
    """
    run_date = parse_run_date(published)
    name = os.fspath(source)
    articles = []
    for record in load_records(name):
        if record.error is not None:
            raise record.error
        assert record.fields is not None
        articles.append(build_article(record.fields, record.source, outlet=outlet, published=run_date))
    return articles


def article_from_text(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    authors: Iterable[str] | str = (),
    published: date | str | None = None,
    source: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Article:
    """Make an ``Article`` from its body text and what is known about it.

    The text is taken as the body (no headline detection; ``read_article`` does that for files).
    Newlines are normalised and surrounding whitespace stripped; the id is ``content_id(text)``,
    the language is detected, and wire-agency hints found in the text go to ``meta["wire"]``.

    Args:
        text: The article's body.
        title: The headline.
        outlet: The publication's name.
        url: The article's address.
        authors: Author names (a single "A and B" string is split).
        published: The publication date, as a date or an ISO string.
        source: Where the text came from (a path or URL).
        meta: Extra information to keep (captions, credits, ...).

    Returns:
        The article.

    Raises:
        InputError: The text is empty, or ``published`` is not a date.
    """
    body = normalise_newlines(text).strip()
    if not body:
        raise InputError(f"{source}: the article has no text" if source else "the article has no text")
    names = split_authors(authors) if isinstance(authors, str) else tuple(a.strip() for a in authors if a.strip())
    extra = dict(meta or {})
    if "wire" not in extra:
        wire = find_wire(body)
        if wire:
            extra["wire"] = wire
    return Article(
        id=content_id(body),
        text=body,
        title=title.strip() if title and title.strip() else None,
        outlet=outlet.strip() if outlet and outlet.strip() else None,
        url=url or None,
        authors=names,
        published=parse_run_date(published),
        language=detect_language(body),
        source=source,
        meta=extra,
    )


def _expand(source: str | os.PathLike[str], result: ReadResult) -> Iterator[str]:
    """Yield the inputs a source stands for: itself, or a folder's files; record what is skipped."""
    name = os.fspath(source)
    if is_url(name):
        yield name
        return
    path = Path(name)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".") and not is_sidecar(p))
        if not files:
            result.failures.append(Failure(name, STAGE, "the folder has no files to read"))
        yield from (os.fspath(p) for p in files)
        return
    if is_sidecar(name) and Path(name[: -len(".meta.json")]).is_file():
        log.info("skipping %s: it is the metadata of %s", name, name[: -len(".meta.json")])
        return
    yield name


def _read_source(
    name: str, *, outlet: str | None, published: date | None
) -> tuple[list[Article], list[Failure]]:
    """Read one input; every problem becomes a Failure instead of an exception."""
    articles: list[Article] = []
    failures: list[Failure] = []
    try:
        records = load_records(name)
    except InputError as exc:
        log.info("%s", exc)
        return [], [_failure(name, exc, name)]
    except Exception as exc:  # noqa: BLE001 - a bug or a library error must not end the batch
        log.exception("unexpected error reading %s", name)
        return [], [Failure(name, STAGE, f"unexpected error ({type(exc).__name__}: {exc})")]
    for record in records:
        try:
            if record.error is not None:
                raise record.error
            assert record.fields is not None
            articles.append(build_article(record.fields, record.source, outlet=outlet, published=published))
        except InputError as exc:
            log.info("%s", exc)
            failures.append(_failure(record.source, exc, name))
    return articles, failures


def _failure(source: str, exc: InputError, name: str) -> Failure:
    """Make the Failure for an error, its message without the "path: " prefix the source already gives."""
    message = str(exc)
    for prefix in (f"{source}: ", f"{name}: "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
            break
    return Failure(source, STAGE, message)


def load_records(name: str) -> list[Record]:
    """Read a file or URL into records (fields or per-record errors), with its sidecar applied.

    Raises:
        InputError: The input as a whole cannot be read.
    """
    if is_url(name):
        return [Record(name, fields=_load_url(name))]
    decoded = decode_bytes(read_file_bytes(name), name)
    sidecar = load_sidecar(name)
    records = _parse(decoded.text, name)
    for record in records:
        if record.fields is not None:
            record.fields.meta.setdefault("encoding", decoded.encoding)
            apply_overrides(record.fields, sidecar)
    return records


def _parse(text: str, name: str) -> list[Record]:
    """Parse decoded text in the format its file name, or else its content, points to."""
    kind = _format(name, text)
    log.debug("%s: reading as %s", name, kind)
    if kind == "json":
        return parse_json_document(text, name)
    if kind == "jsonl":
        return parse_jsonl(text, name)
    if kind == "csv":
        return list(iter_csv(io.StringIO(text, newline=""), name))
    if kind == "html":
        return [Record(name, fields=parse_html(text, name=name))]
    fields = fields_from_plain_text(text)
    fields.meta = {"format": "text", **fields.meta}
    return [Record(name, fields=fields)]


def _format(name: str, text: str) -> str:
    """Return "json", "jsonl", "csv", "html" or "text" for an input."""
    suffix = Path(name).suffix.lower()
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        return "html"
    if suffix not in TEXT_SUFFIXES and looks_like_json(text):
        return _json_kind(text)
    return "text"


def _json_kind(text: str) -> str:
    """Tell a JSON document from JSON lines (several objects, one per line)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) > 1 and all(line.lstrip().startswith("{") and line.rstrip().endswith("}") for line in lines):
        return "jsonl"
    return "json"


def _load_url(url: str) -> ArticleFields:
    """Fetch a URL and read it as a web page (or as plain text when the server says so)."""
    return fields_from_fetched(fetch_url(url), url)


def fields_from_fetched(fetched: Fetched, name: str) -> ArticleFields:
    """Read a fetched page (from the web or a WARC archive) as HTML, or as plain text when its type says so.

    Args:
        fetched: The page's bytes, address, content type and declared charset.
        name: What to call the page in error messages.

    Raises:
        InputError: The page is empty, binary, or holds no article text.
    """
    text = _decode_fetched(fetched.data, fetched.charset, name)
    if fetched.content_type == "text/plain" and not looks_like_html(text):
        fields = fields_from_plain_text(text)
        fields.meta = {"format": "text", **fields.meta}
        fields.url = fetched.url
        return fields
    return parse_html(text, name=name, url=fetched.url)


def _decode_fetched(data: bytes, charset: str | None, url: str) -> str:
    if charset:
        try:
            text = normalise_newlines(data.decode(charset))
        except (LookupError, UnicodeDecodeError):
            log.debug("%s: declared charset %s does not fit; guessing", url, charset)
        else:
            if text.strip():
                return text
    return decode_bytes(data, url, what="page").text


def build_article(
    fields: ArticleFields, source: str, *, outlet: str | None = None, published: date | None = None
) -> Article:
    """Make the Article from the fields a format reader parsed, ``outlet`` and ``published`` overriding them.

    Raises:
        InputError: The fields hold no text.
    """
    article = article_from_text(
        fields.text,
        title=fields.title,
        outlet=outlet or fields.outlet,
        url=fields.url,
        authors=fields.authors,
        published=published or fields.published,
        source=source,
        meta=fields.meta,
    )
    if fields.language:
        article = dataclasses.replace(article, language=fields.language)
    return article

