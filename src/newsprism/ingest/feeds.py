"""Read RSS and Atom feeds (feedparser) and OPML lists of feeds.

A feed entry becomes a ``Record`` of article fields: the entry's full text (``content:encoded``
or a long description), title, link, date and authors, and the feed's title as the outlet. Many
feeds carry only a teaser; such an entry is marked ``meta["full_text"] = False`` so that the
caller can fetch the page at its link instead. Nothing here touches the network.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path
from typing import Any

from newsprism.errors import InputError
from newsprism.ingest.metadata import split_authors
from newsprism.ingest.records import Record
from newsprism.ingest.text import fields_from_plain_text
from newsprism.ingest.url import is_url

log = logging.getLogger(__name__)

FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
OPML_SUFFIXES = frozenset({".opml"})
FULL_TEXT_WORDS = 80
"""An entry with fewer words than this carries a teaser, not the article."""

_BLOCK_TAGS = frozenset("p div li blockquote h1 h2 h3 h4 h5 h6 pre tr figcaption section article".split())
_FEED_START = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_OPML_START = re.compile(rb"<opml\b", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+")


def looks_like_feed(data: bytes) -> bool:
    """Tell whether ``data`` starts like an RSS, RDF or Atom document."""
    return bool(_FEED_START.search(data[:4096]))


def looks_like_opml(data: bytes) -> bool:
    """Tell whether ``data`` starts like an OPML document."""
    return bool(_OPML_START.search(data[:4096]))


def parse_feed(data: bytes, name: str) -> list[Record]:
    """Read an RSS or Atom feed into one ``Record`` per entry.

    Args:
        data: The feed's bytes (never a URL: feedparser would fetch it).
        name: The feed's path or URL, used in sources (``name#3`` for the third entry) and messages.

    Returns:
        The entries' records; an entry with no text at all gets an error, the rest are still read.

    Raises:
        InputError: ``data`` is not a feed.
    """
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.version and not parsed.entries:
        why = f" ({parsed.bozo_exception})" if parsed.get("bozo_exception") else ""
        raise InputError(f"{name}: not an RSS or Atom feed{why}")
    outlet = _text(parsed.feed.get("title"))
    if not parsed.entries:
        log.info("%s: the feed has no entries", name)
    return [_entry_record(entry, f"{name}#{i}", outlet) for i, entry in enumerate(parsed.entries, 1)]


def parse_opml(data: bytes, name: str) -> list[str]:
    """Return the feeds an OPML subscription list names, in document order.

    Args:
        data: The OPML file's bytes.
        name: Its path (relative feed paths are resolved against its folder) or URL.

    Returns:
        Feed URLs and paths (``xmlUrl`` of every ``outline``, nested ones included).

    Raises:
        InputError: ``data`` is not an OPML document, or names no feed.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name}: not an OPML file ({exc})") from exc
    if root.tag.lower() != "opml":
        raise InputError(f"{name}: not an OPML file (its root element is <{root.tag}>)")
    feeds = [_feed_location(url.strip(), name) for url in root.xpath("//outline/@xmlUrl") if url.strip()]
    if not feeds:
        raise InputError(f"{name}: the OPML file lists no feeds (no outline with an xmlUrl)")
    return feeds


def _feed_location(url: str, opml: str) -> str:
    """A feed named in an OPML file: a URL as is, a ``file:`` URL or relative path as a local path."""
    if is_url(url) or is_url(opml):
        return url
    path = url.removeprefix("file://")
    return str(Path(opml).parent / path) if not Path(path).is_absolute() else path


def _entry_record(entry: Any, source: str, outlet: str | None) -> Record:
    link = _text(entry.get("link"))
    text = _entry_text(entry)
    if not text and not link:
        return Record(source, error=InputError(f"{source}: the feed entry has no text and no link"))
    fields = fields_from_plain_text(text, detect_title=False)
    fields.title = _text(entry.get("title"))
    fields.outlet = outlet
    fields.url = link
    fields.authors = _authors(entry) or fields.authors
    fields.published = _date(entry)
    fields.meta = {"format": "feed", "full_text": len(fields.text.split()) >= FULL_TEXT_WORDS, **fields.meta}
    return Record(source, fields=fields)


def _entry_text(entry: Any) -> str:
    """The entry's longest body: its content (``content:encoded``) or its description, as plain text."""
    bodies = [c.get("value", "") for c in entry.get("content", [])] + [entry.get("summary", "")]
    texts = [html_fragment_text(body) for body in bodies if body and body.strip()]
    return max(texts, key=len, default="")


def html_fragment_text(fragment: str) -> str:
    """Return the text of an HTML fragment, one paragraph per block element, separated by blank lines."""
    if "<" not in fragment:
        return fragment.strip()
    from lxml import html

    root = html.fragment_fromstring(fragment, create_parent="div")
    for element in list(root.iter()):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "style"):
            element.drop_tree()
        elif tag in _BLOCK_TAGS or tag == "br":
            element.tail = "\n\n" + (element.tail or "")
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", root.text_content()))
    return "\n\n".join(p for p in paragraphs if p)


def _authors(entry: Any) -> tuple[str, ...]:
    """Author names, without the e-mail addresses RSS puts beside them ("jane@x.org (Jane Doe)")."""
    names = [a.get("name", "") for a in entry.get("authors", []) if isinstance(a, dict)] or [entry.get("author", "")]
    cleaned = [_EMAIL.sub("", n).strip(" ()") for n in names if isinstance(n, str)]
    return split_authors([n for n in cleaned if n])


def _date(entry: Any) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(*parsed[:3]) if parsed else None


def _text(value: Any) -> str | None:
    return (" ".join(value.split()) or None) if isinstance(value, str) else None
