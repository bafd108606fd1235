"""Read web archives (WARC/ARC, gzipped or not) record by record: warcio to iterate, trafilatura to extract.

Only ``response`` and ``resource`` records can hold pages; requests, metadata, ``warcinfo`` and
revisits are passed over silently. A page record that is not HTML or plain text (an image, a
PDF, a script), not an HTTP 200 answer, or larger than the size limit becomes a ``Record`` with
an error, so that the caller can count it as skipped and go on.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from typing import Any

from newsprism.errors import InputError
from newsprism.ingest.decode import MAX_BYTES
from newsprism.ingest.reader import fields_from_fetched
from newsprism.ingest.records import Record
from newsprism.ingest.url import Fetched

log = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def is_warc(name: str) -> bool:
    """Tell whether a path names a web archive by its suffix."""
    return name.lower().endswith(WARC_SUFFIXES)


def iter_warc(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Iterator[Record]:
    """Yield a ``Record`` for each page record of a web archive, reading one record at a time.

    Args:
        path: A .warc, .warc.gz, .arc or .arc.gz file.
        max_bytes: The largest page read; a larger one becomes an error record.

    Yields:
        Records named ``PATH#URI``: the page's article fields, or the reason it is not an article.
        A damaged archive ends with one error record saying where it broke off.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = os.fspath(path)
    count = 0
    try:
        with open(name, "rb") as fh:
            for record in ArchiveIterator(fh, arc2warc=True):
                if record.rec_type not in ("response", "resource"):
                    continue
                count += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"record-{count}"
                yield _page(record, f"{name}#{uri}", uri, max_bytes)
    except OSError as exc:
        yield Record(name, error=InputError(f"{name}: the archive cannot be read ({exc.strerror or exc})"))
    except ArchiveLoadFailed as exc:
        yield Record(name, error=InputError(f"{name}: not a readable WARC file after {count} page record(s) ({exc})"))


def _page(record: Any, source: str, uri: str, max_bytes: int) -> Record:
    """Turn one response/resource record into article fields, or into an error that says why not."""
    headers = record.http_headers
    if headers is not None and headers.get_statuscode() not in ("200", None):
        return Record(source, error=InputError(f"{source}: HTTP status {headers.get_statuscode()}, not a page"))
    content_type = (headers.get_header("Content-Type") if headers is not None else None) or (
        record.rec_headers.get_header("Content-Type") or ""
    )
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime and mime not in PAGE_TYPES:
        return Record(source, error=InputError(f"{source}: not an HTML page ({mime})"))
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return Record(source, error=InputError(f"{source}: the page is too large (over {max_bytes / 2**20:.0f} MB)"))
    charset = _CHARSET.search(content_type)
    fetched = Fetched(data, uri, mime or "text/html", charset.group(1) if charset else None)
    try:
        fields = fields_from_fetched(fetched, source)
    except InputError as exc:
        return Record(source, error=exc)
    if record.rec_headers.get_header("WARC-Date"):
        fields.meta["warc_date"] = record.rec_headers.get_header("WARC-Date")
    return Record(source, fields=fields)
