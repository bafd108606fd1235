"""Read articles stored as records: a .json object or list, .jsonl/.ndjson lines, or .csv/.tsv rows."""

from __future__ import annotations

import csv
import itertools
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsprism.errors import InputError
from newsprism.ingest.decode import normalise_newlines
from newsprism.ingest.metadata import ArticleFields, parse_date, split_authors
from newsprism.ingest.text import find_wire

log = logging.getLogger(__name__)

TEXT_KEYS = ("text", "body", "content", "maintext", "body-paragraphs", "body_paragraphs", "paragraphs", "article")
TITLE_KEYS = ("title", "headline")
OUTLET_KEYS = ("outlet", "source", "site", "sitename", "site_name", "publisher", "source_domain")
AUTHOR_KEYS = ("authors", "author", "byline")
DATE_KEYS = ("published", "date", "date_publish", "publication_date", "datePublished", "published_at", "pubDate")
URL_KEYS = ("url", "link", "uri")
LIST_KEYS = ("articles", "items", "records", "data")
"""Keys of a wrapper object whose value is the list of records: ``{"articles": [...]}``."""
MAX_CSV_FIELD = 64 * 1024 * 1024

_LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")


@dataclass(frozen=True)
class Record:
    """One record of a JSON input: where it is, and its fields or why it could not be read."""

    source: str
    fields: ArticleFields | None = None
    error: InputError | None = None


def looks_like_json(text: str) -> bool:
    """Tell whether ``text`` starts like JSON (an object or a list)."""
    return text.lstrip()[:1] in ("{", "[")


def parse_json_document(text: str, name: str) -> list[Record]:
    """Read a .json input: one article object, a list of them, or ``{"articles": [...]}``.

    Args:
        text: The decoded file.
        name: The input's path, used in sources (``name#2`` for the second record) and messages.

    Returns:
        One ``Record`` per article, each holding fields or an error.

    Raises:
        InputError: The file is not valid JSON, or holds neither an object nor a list.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise InputError(f"{name}: the file is not valid JSON ({where}: {exc.msg})") from exc
    if isinstance(data, dict):
        items = _wrapped_list(data)
        if items is None:
            return [_record(data, source=name, where=f"{name}: the record")]
        data = items
    if not isinstance(data, list):
        kind = type(data).__name__
        raise InputError(f"{name}: the file must hold a JSON object or a list of objects, not a {kind}")
    if not data:
        raise InputError(f"{name}: the JSON list is empty: no articles")
    return [_record(item, source=f"{name}#{i}", where=f"{name}: record {i}") for i, item in enumerate(data, 1)]


def parse_jsonl(text: str, name: str) -> list[Record]:
    """Read a .jsonl/.ndjson input: one JSON object per line; blank lines are skipped.

    Args:
        text: The decoded file.
        name: The input's path, used in sources (``name:3`` for line 3) and messages.

    Returns:
        One ``Record`` per non-blank line; a line that is not JSON gets an error, the rest still read.

    Raises:
        InputError: No line holds anything.
    """
    records = list(iter_jsonl(text.split("\n"), name))
    if not records:
        raise InputError(f"{name}: the file is empty")
    return records


def iter_jsonl(lines: Iterable[str], name: str) -> Iterator[Record]:
    """Yield one ``Record`` per non-blank line of a JSONL input, reading the lines as they come.

    Args:
        lines: The input's lines (a text file object streams them).
        name: The input's path, used in sources (``name:3`` for line 3) and messages.
    """
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        source, where = f"{name}:{lineno}", f"{name}: line {lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Record(source, error=InputError(f"{where} is not JSON ({exc.msg})"))
            continue
        yield _record(obj, source=source, where=where)


def iter_csv(lines: Iterable[str], name: str) -> Iterator[Record]:
    """Yield one ``Record`` per row of a CSV input with a header row (the column names of the JSON keys).

    Columns are matched like JSON keys (``text``/``body``, ``title``, ``outlet``, ``authors``,
    ``published``, ``url``); authors in one cell are split at ";" and "and". A tab-separated file
    (``.tsv``) is read the same way.

    Args:
        lines: The input's lines, opened with ``newline=""`` so quoted cells may hold newlines.
        name: The input's path, used in sources (``name#3`` for the third row) and messages.
    """
    delimiter = "\t" if name.lower().endswith(".tsv") else ","
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_FIELD))  # the default (128 KB) is below a long article
    reader = csv.DictReader(lines, delimiter=delimiter)
    for number in itertools.count(1):
        source, where = f"{name}#{number}", f"{name}: row {number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # one malformed row; the reader goes on at the next line
            yield Record(source, error=InputError(f"{where} is not a CSV row ({exc})"))
            continue
        yield _record({key.strip(): value for key, value in row.items() if isinstance(key, str)}, source=source, where=where)


def fields_from_record(obj: Any, where: str = "record") -> ArticleFields:
    """Turn one JSON article object into article fields.

    Args:
        obj: The decoded JSON value; must be an object with a text field (see ``TEXT_KEYS``).
        where: How to name the record in error messages ("file.jsonl: line 3").

    Returns:
        The fields; a body given as a list of paragraphs (or of lists of sentences) is joined with
        blank lines between paragraphs and spaces between sentences.

    Raises:
        InputError: ``obj`` is not an object or has no text.
    """
    if not isinstance(obj, dict):
        raise InputError(f"{where} is not a JSON object (it is a {type(obj).__name__})")
    text = _join_body(_first(obj, TEXT_KEYS))
    if not text:
        raise InputError(f"{where} has no article text (expected a non-empty text, body, content or maintext)")
    meta: dict[str, Any] = {"format": "json"}
    wire = find_wire(text)
    if wire:
        meta["wire"] = wire
    if isinstance(obj.get("id"), (str, int)):
        meta["record_id"] = obj["id"]
    return ArticleFields(
        text=text,
        title=_string(_first(obj, TITLE_KEYS)),
        outlet=_outlet(_first(obj, OUTLET_KEYS)),
        url=_string(_first(obj, URL_KEYS)),
        authors=split_authors(_first(obj, AUTHOR_KEYS)),
        published=_date(_first(obj, DATE_KEYS), where),
        language=_language(obj.get("language") or obj.get("lang")),
        meta=meta,
    )


def _record(obj: Any, *, source: str, where: str) -> Record:
    try:
        return Record(source, fields=fields_from_record(obj, where))
    except InputError as exc:
        return Record(source, error=exc)


def _wrapped_list(data: dict[str, Any]) -> list[Any] | None:
    if _first(data, TEXT_KEYS) is not None:
        return None
    for key in LIST_KEYS:
        if isinstance(data.get(key), list):
            return data[key]
    return None


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = obj.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _join_body(value: Any) -> str:
    """Join a body given as a string, a list of paragraphs, or a list of lists of sentences."""
    if isinstance(value, str):
        return normalise_newlines(value).strip()
    if not isinstance(value, list):
        return ""
    paragraphs = []
    for item in value:
        if isinstance(item, list):
            item = " ".join(s.strip() for s in item if isinstance(s, str) and s.strip())
        if isinstance(item, str) and item.strip():
            paragraphs.append(normalise_newlines(item).strip())
    return "\n\n".join(paragraphs)


def _string(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _outlet(value: Any) -> str | None:
    if isinstance(value, dict):  # schema.org publisher: {"@type": "Organization", "name": "..."}
        value = value.get("name")
    return _string(value)


def _date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        log.warning("%s: cannot read the date %r; leaving it unknown", where, value)
    return parsed


def _language(value: Any) -> str | None:
    if isinstance(value, str) and _LANGUAGE_CODE.match(value.strip().lower()):
        return value.strip().lower()
    return None
