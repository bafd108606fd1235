"""Articles sent to the compare page or API: pasted text or HTML, uploaded files, or http(s) addresses.

Nothing here reads a path: text arrives in the request, and URLs are fetched by the ingest stage
(with its time and size limits). Failures name the input and say why, and the rest is still read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsprism.errors import InputError
from newsprism.ingest import article_from_text, read_article
from newsprism.ingest.decode import decode_bytes
from newsprism.ingest.html import looks_like_html, parse_html
from newsprism.ingest.text import fields_from_plain_text
from newsprism.ingest.url import is_url
from newsprism.model import Article, Failure

MIN_ARTICLES = 2
MAX_ARTICLES = 20
SEPARATOR = "---"
"""On the compare page, a line holding only this separates pasted articles."""


@dataclass(frozen=True)
class ArticleInput:
    """One article as sent: ``text`` (plain text or HTML), a file's ``data`` or a ``url``, and what is known of it."""

    text: str | None = None
    url: str | None = None
    data: bytes | None = None
    name: str = "pasted"
    title: str | None = None
    outlet: str | None = None
    published: date | None = None


def read_inputs(inputs: list[ArticleInput]) -> tuple[list[Article], list[Failure]]:
    """Make articles from the inputs, recording each one that cannot be read instead of stopping.

    Raises:
        InputError: Fewer than 2 or more than 20 inputs.
    """
    if not MIN_ARTICLES <= len(inputs) <= MAX_ARTICLES:
        raise InputError(f"Send between {MIN_ARTICLES} and {MAX_ARTICLES} articles to compare; got {len(inputs)}.")
    articles: list[Article] = []
    failures: list[Failure] = []
    for item in inputs:
        try:
            articles.extend(_read(item))
        except InputError as exc:
            failures.append(Failure(item.name, "ingest", str(exc)))
    return articles, failures


def split_pasted(text: str, urls: str, files: list[tuple[str, bytes]]) -> list[ArticleInput]:
    """Turn the compare page's fields into inputs: pasted articles split at ``---`` lines, one URL a line, files."""
    inputs = [
        ArticleInput(text=chunk, name=f"pasted article {n}")
        for n, chunk in enumerate((c for c in _chunks(text) if c.strip()), start=1)
    ]
    inputs += [ArticleInput(url=line.strip(), name=line.strip()) for line in urls.splitlines() if line.strip()]
    inputs += [ArticleInput(data=data, name=name) for name, data in files if data.strip()]
    return inputs


def _chunks(text: str) -> list[str]:
    chunks, current = [], []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip() == SEPARATOR:
            chunks.append("\n".join(current))
            current = []
        else:
            current.append(line)
    return [*chunks, "\n".join(current)]


def _read(item: ArticleInput) -> list[Article]:
    if item.url is not None:
        if not is_url(item.url):
            raise InputError(f"{item.url!r} is not an http(s) address")
        return read_article(item.url.strip(), outlet=item.outlet, published=item.published)
    text = decode_bytes(item.data, item.name).text if item.data is not None else item.text or ""
    fields = parse_html(text, name=item.name) if looks_like_html(text) else fields_from_plain_text(text)
    return [
        article_from_text(
            fields.text,
            title=item.title or fields.title,
            outlet=item.outlet or fields.outlet,
            url=fields.url,
            authors=fields.authors,
            published=item.published or fields.published,
            source=item.name,
            meta=fields.meta,
        )
    ]
