"""What is known about an article besides its text: dates, authors, and ``<file>.meta.json`` sidecars."""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsprism.errors import InputError

log = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta.json"
SIDECAR_KEYS = ("outlet", "title", "authors", "published", "url")

_BY_PREFIX = re.compile(r"^\s*(?:written\s+)?by\s+", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*;\s*|\s+and\s+|\s+&\s+|\s*\|\s*", re.IGNORECASE)


@dataclass
class ArticleFields:
    """The parts of an article a format reader found, before they become an ``Article``."""

    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def parse_date(value: Any) -> date | None:
    """Return the calendar date ``value`` names, or None when it names none.

    Accepts ``date``/``datetime`` objects, ISO 8601 strings ("2025-07-03", "2025-07-03T18:00:00Z")
    and, through dateparser (offline), common written forms ("3 July 2025", "July 3, 2025").
    Strings without a day, month and year are not dates here.

    Args:
        value: A date, a datetime or a string; anything else gives None.

    Returns:
        The date, or None.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    iso = _parse_iso(text)
    if iso is not None:
        return iso
    return _parse_written_date(text)


def parse_run_date(value: date | str | None) -> date | None:
    """Return the ``published`` run option as a date.

    Args:
        value: None, a date, or a date string (ISO "2025-07-03" preferred).

    Returns:
        The date, or None when ``value`` is None or blank.

    Raises:
        InputError: ``value`` is a string that is not a date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise InputError(f"published date {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-07-03")
    return parsed


def split_authors(value: Any) -> tuple[str, ...]:
    """Return the author names in ``value``: a string ("A; B", "By A and B") or a list of strings or objects.

    Args:
        value: A byline string, a list of names, or schema.org-style ``{"name": ...}`` objects.

    Returns:
        The distinct names in order, without "By".
    """
    if value is None:
        return ()
    items = value if isinstance(value, (list, tuple)) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if not isinstance(item, str):
            continue
        for part in _AUTHOR_SPLIT.split(_BY_PREFIX.sub("", item.strip())):
            name = part.strip(" ,.\t\n")
            if name and name not in names:
                names.append(name)
    return tuple(names)


def sidecar_path(path: str | os.PathLike[str]) -> Path:
    """Return the sidecar path for an input file: ``lbc.txt`` -> ``lbc.txt.meta.json``."""
    return Path(os.fspath(path) + SIDECAR_SUFFIX)


def is_sidecar(path: str | os.PathLike[str]) -> bool:
    """Tell whether ``path`` is itself a metadata sidecar (its name ends in ``.meta.json``)."""
    return os.fspath(path).lower().endswith(SIDECAR_SUFFIX)


def load_sidecar(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read the sidecar beside ``path``, if any, into article field values.

    Args:
        path: The input file (not the sidecar).

    Returns:
        A dict with any of ``outlet``, ``title``, ``authors`` (tuple), ``published`` (date), ``url``;
        empty when there is no sidecar.

    Raises:
        InputError: The sidecar exists but is not a JSON object, or its date is not a date.
    """
    side = sidecar_path(path)
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"metadata file {side} is not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise InputError(f"metadata file {side} must hold one JSON object, like {{\"outlet\": \"LBC\"}}")
    unknown = sorted(set(data) - set(SIDECAR_KEYS))
    if unknown:
        log.warning("metadata file %s: ignoring unknown keys %s", side, ", ".join(unknown))
    return _sidecar_values(data, side)


def apply_overrides(fields: ArticleFields, values: dict[str, Any]) -> None:
    """Set each non-empty value of ``values`` (``outlet``, ``title``, ...) on ``fields``."""
    for key, value in values.items():
        if value is not None and value != ():
            setattr(fields, key, value)


def _sidecar_values(data: dict[str, Any], side: Path) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in ("outlet", "title", "url"):
        if isinstance(data.get(key), str) and data[key].strip():
            values[key] = data[key].strip()
    if data.get("authors") is not None:
        values["authors"] = split_authors(data["authors"])
    if data.get("published") is not None:
        published = parse_date(data["published"])
        if published is None:
            value = data["published"]
            raise InputError(f"metadata file {side}: published {value!r} is not a date; use YYYY-MM-DD")
        values["published"] = published
    return values


def _parse_iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _parse_written_date(text: str) -> date | None:
    if len(text) > 60 or not re.search(r"\d", text):
        return None
    import dateparser

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    try:
        parsed = dateparser.parse(text, settings=settings)  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed is not None else None
