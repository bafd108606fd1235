"""Read saved web pages: the main text and metadata, through trafilatura."""

from __future__ import annotations

import logging
import re
from typing import Any

from newsprism.errors import InputError
from newsprism.ingest.metadata import ArticleFields, parse_date, split_authors
from newsprism.ingest.text import parse_plain_text, plain_text_meta

log = logging.getLogger(__name__)

MIN_WORDS = 5
"""Fewer words than this is a menu or a stub, not an article."""

_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
_HTML_TAG = re.compile(r"</(?:p|div|article|span|a|li|section)>|<(?:meta|link|script|br)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Tell whether ``text`` is an HTML page rather than prose (which may mention a tag or two)."""
    head = text[:5000]
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith("<") and len(_HTML_TAG.findall(head)) >= 3


def parse_html(html: str, *, name: str = "page", url: str | None = None) -> ArticleFields:
    """Extract an article from an HTML page: main text (no menus or footers), title, authors, date, site.

    Args:
        html: The page's markup.
        name: What to call the page in error messages (its path or URL).
        url: The page's address, when known; helps trafilatura and fills ``url``.

    Returns:
        The article fields; ``outlet`` is the site's name and ``text`` is paragraphs joined by blank lines.

    Raises:
        InputError: trafilatura finds no main text in the page.
    """
    doc = _extract(html, url, name)
    raw_text = (doc.get("text") or "").strip()
    if len(raw_text.split()) < MIN_WORDS:
        raise InputError(
            f"{name}: no article text found in this web page; "
            "copy the article's text into a .txt file and pass that instead"
        )
    title = _clean(doc.get("title"))
    paragraphs = [line.strip() for line in raw_text.split("\n") if line.strip()]
    if title and paragraphs and _same_text(paragraphs[0], title) and len(paragraphs) > 1:
        paragraphs = paragraphs[1:]
    parsed = parse_plain_text("\n\n".join(paragraphs), detect_title=False)
    meta: dict[str, Any] = {"format": "html", **plain_text_meta(parsed)}
    if _clean(doc.get("description")):
        meta["description"] = _clean(doc.get("description"))
    return ArticleFields(
        text=parsed.body,
        title=title,
        outlet=_clean(doc.get("sitename")),
        url=_clean(doc.get("url")) or url,
        authors=split_authors(doc.get("author")) or parsed.authors,
        published=parse_date(doc.get("date")),
        meta=meta,
    )


def _extract(html: str, url: str | None, name: str) -> dict[str, Any]:
    """Run trafilatura and return its findings as a dict (empty when it finds nothing)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
        )
    except Exception as exc:  # noqa: BLE001 - trafilatura raises assorted errors on broken markup
        log.debug("trafilatura failed", exc_info=True)
        raise InputError(f"{name}: could not read the web page ({exc})") from exc
    if doc is None:
        return {}
    if isinstance(doc, dict):
        return doc
    return doc.as_dict() if hasattr(doc, "as_dict") else vars(doc)


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _same_text(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()

    return norm(a) == norm(b)
