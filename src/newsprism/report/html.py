"""The HTML report: one self-contained page that shows a comparison with the articles side by side.

Each article's text is split at every span the report points at (fact statements, differing parts,
citations, quote wordings, entity mentions), so that any span is a run of whole ``<span>`` elements
carrying their character offsets: a citation mark highlights exactly the cited characters. The page
has no external resources: CSS and JavaScript are inline, a Content-Security-Policy allows only the
report's own script (by hash) and no network requests, and the JSON report is embedded for tools.
Article text is always escaped (Jinja2 autoescape); links are made only from http(s) addresses.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import TYPE_CHECKING, Any

from newsprism import __version__
from newsprism.model import Article, Citation, Comparison, Difference, Fact, QuoteGroup
from newsprism.report.jsonout import comparison_to_json
from newsprism.report.text import (
    QUOTE_MARKS,
    alias_line,
    article_names,
    article_numbers,
    clean,
    corroborated_facts,
    difference_verdict,
    differing_facts,
    fact_counts,
    header_line,
    plural,
    quote_meta,
    quote_text,
    sorted_entities,
    sorted_quotes,
    source_rows,
    speaker_name,
    spoken_quotes,
)

if TYPE_CHECKING:
    from jinja2 import Environment

STATUS_ORDER = ("conflicts", "differs", "corroborated", "single-source")
"""Fact statuses, strongest first: a stretch of text in several facts shows the strongest."""

STATUS_HELP = {
    "corroborated": "reported by two or more independent sources",
    "single-source": "reported by one independent source only",
    "differs": "the sources report it differently (scope, wording or attribution)",
    "conflicts": "the sources' statements cannot both be true",
}
"""What each status means, in the legend's order."""

_STRIP = QUOTE_MARKS + ".,;:!?()[]—–-"  # around a word, not part of it when wordings are aligned


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch ``[start, end)`` of an article's text that no span boundary cuts."""

    start: int
    end: int
    text: str
    facts: tuple[str, ...] = ()
    status: str | None = None
    differing: bool = False
    lead: bool = False  # the first stretch of a statement: the keyboard's stop for it
    boilerplate: bool = False  # a dateline, advert or credit: not the story, shown greyed


@dataclass(frozen=True, slots=True)
class AlignedWords:
    """One column of a word-by-word alignment: ``op`` is difflib's (equal, replace, insert, delete)."""

    op: str
    first: str
    second: str


def render_html(comparison: Comparison, *, home_url: str | None = None) -> str:
    """Render a comparison as one self-contained HTML page.

    The page makes no network requests and runs no script but its own, so it can be opened offline
    or sent as one file. Does not fetch or embed images from the articles.

    Args:
        comparison: The comparison to report.
        home_url: A link shown above the report ("All stories"), for pages served by ``newsprism serve``.

    Returns:
        The HTML document, ending with a newline.
    """
    script = asset("report.js")
    context = {
        **_report_context(comparison),
        "css": asset("report.css"),
        "script": script,
        "csp": _policy(script),
        "home_url": home_url,
    }
    return jinja_environment().get_template("report.html.j2").render(context) + "\n"


def _policy(script: str) -> str:
    """Return the page's policy: no requests, no plugins, only the one inline script (by hash) may run."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def _report_context(comparison: Comparison) -> dict[str, Any]:
    """Return what the report template shows, computed from the comparison."""
    numbers, names = article_numbers(comparison), article_names(comparison)
    spoken = spoken_quotes(comparison)
    headers, rows = source_rows(comparison)
    counts = {s: sum(1 for f in comparison.facts if f.status == s) for s in STATUS_ORDER}
    return {
        "version": __version__,
        "title": _page_title(comparison),
        "header": header_line(comparison),
        "fact_counts": fact_counts(comparison),
        "legend": [(status, counts[status], meaning) for status, meaning in STATUS_HELP.items()],
        "source_headers": headers,
        "sources": [(row, safe_url(a.url)) for a, row in zip(comparison.articles, rows, strict=True)],
        "notes": [clean(n) for n in comparison.notes if n.strip()],
        "summary": [(clean(s.text), _citation_marks(s.citations, numbers)) for s in comparison.summary],
        "articles": [_article_view(a, n, comparison) for n, a in enumerate(comparison.articles, start=1)],
        "fact_groups": _fact_views(comparison, numbers, names),
        "quotes": [_quote_view(g, numbers, names) for g in sorted_quotes(comparison)],
        "entities": [
            {
                "name": clean(e.name),
                "label": e.label,
                "mentions": len(e.mentions),
                "quotes": len(spoken.get(e.id, ())),
                "quote_spans": _spans_attr(((v.article, v.start, v.end) for g in spoken.get(e.id, ()) for v in g.variants), numbers),
                "aliases": alias_line(e, names, numbers),
                "spans": _spans_attr(((m.article, m.start, m.end) for m in e.mentions), numbers),
            }
            for e in sorted_entities(comparison)
        ],
        "timeline": [(t.date, clean(t.text), _citation_marks(t.citations, numbers)) for t in comparison.timeline],
        "data": comparison_to_json(comparison),
    }


def safe_url(url: str | None) -> str | None:
    """Return ``url`` if it is an http(s) address (never ``javascript:`` or ``data:``), else None."""
    if url and re.match(r"https?://[^\s<>\"']+$", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


# --- article text, cut into segments -------------------------------------------------------------


def segment_article(article: Article, comparison: Comparison) -> list[Segment]:
    """Cut an article's text at every span the report points at; each piece knows its facts.

    The pieces, in order, join up to exactly ``article.text``.
    """
    text, aid = article.text, article.id
    statements = [
        (start, end, f)
        for f in comparison.facts
        for s in f.statements
        if s.article == aid
        for start, end in (s.parts or ((s.start, s.end),))
        if start < end
    ]  # every part of a claim, so a sentence is coloured claim by claim (half green, half violet)
    differing = [(s.start, s.end) for f in comparison.facts for d in f.differences for s in d.spans if s.article == aid]
    greyed = [(b.start, b.end) for b in comparison.boilerplate if b.article == aid]
    cuts = {0, len(text)}
    for start, end in [*_article_spans(aid, comparison), *((s, e) for s, e, _ in statements), *greyed]:
        cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    leads = {(s.parts[0][0] if s.parts else s.start) for f in comparison.facts for s in f.statements if s.article == aid}
    bounds = sorted(cuts)
    segments = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        covering = [f for s, e, f in statements if s <= start and end <= e]
        segments.append(
            Segment(
                start,
                end,
                text[start:end],
                facts=tuple(dict.fromkeys(f.id for f in covering)),
                status=_strongest(f.status for f in covering),
                differing=any(s <= start and end <= e for s, e in differing),
                lead=start in leads,
                boilerplate=any(s <= start and end <= e for s, e in greyed),
            )
        )
    return segments


def _article_spans(article_id: str, comparison: Comparison) -> Iterator[tuple[int, int]]:
    """Yield every span of one article that the report shows or links to."""
    for fact in comparison.facts:
        yield from ((s.start, s.end) for s in fact.statements if s.article == article_id)
        yield from ((s.start, s.end) for d in fact.differences for s in d.spans if s.article == article_id)
    for item in (*comparison.summary, *comparison.timeline):
        yield from ((c.start, c.end) for c in item.citations if c.article == article_id)
    for group in comparison.quotes:
        yield from ((v.start, v.end) for v in group.variants if v.article == article_id)
    for entity in comparison.entities:
        yield from ((m.start, m.end) for m in entity.mentions if m.article == article_id)


def _strongest(statuses: Iterable[str]) -> str | None:
    """Return the strongest of some fact statuses (conflicts > differs > corroborated > single-source)."""
    present = set(statuses)
    return next((s for s in STATUS_ORDER if s in present), None)


def _article_view(article: Article, number: int, comparison: Comparison) -> dict[str, Any]:
    return {
        "number": number,
        "label": article.label,
        "title": clean(article.title or ""),
        "url": safe_url(article.url),
        "byline": ", ".join(article.authors),
        "published": article.published.isoformat() if article.published else "",
        "segments": segment_article(article, comparison),
    }


# --- citations and jumps -------------------------------------------------------------------------


def _spans_attr(spans: Iterable[tuple[str, int, int]], numbers: dict[str, int]) -> str:
    """Return spans as the page's script reads them: "1:459:570 2:12:40" (article number:start:end)."""
    return " ".join(f"{numbers[aid]}:{start}:{end}" for aid, start, end in spans if aid in numbers)


def _citation_marks(citations: Iterable[Citation], numbers: dict[str, int]) -> list[tuple[int, str]]:
    """Return one mark per cited article, ``(number, spans)``, in article order."""
    by_article: dict[str, list[tuple[str, int, int]]] = {}
    for c in citations:
        by_article.setdefault(c.article, []).append((c.article, c.start, c.end))
    marks = [(numbers[aid], _spans_attr(spans, numbers)) for aid, spans in by_article.items() if aid in numbers]
    return sorted(marks)


# --- facts ---------------------------------------------------------------------------------------


def _fact_views(comparison: Comparison, numbers: dict[str, int], names: dict[str, str]) -> list[dict[str, Any]]:
    """Return the facts in the report's groups: differences (conflicts first), corroborated, single-source."""
    order = {aid: n for n, aid in enumerate(article_numbers(comparison))}
    single = sorted((f for f in comparison.facts if f.status == "single-source" and f.statements),
                    key=lambda f: (order.get(f.statements[0].article, len(order)), f.statements[0].start))
    groups = (
        ("differences", "Differences", differing_facts(comparison)),
        ("corroborated", "Corroborated", corroborated_facts(comparison)),
        ("single-source", "Only in one source", single),
    )
    return [
        {"key": key, "title": title, "facts": [_fact_view(f, numbers, names) for f in facts]}
        for key, title, facts in groups
        if facts
    ]


def _fact_view(fact: Fact, numbers: dict[str, int], names: dict[str, str]) -> dict[str, Any]:
    return {
        "id": fact.id,
        "status": fact.status,
        "sources": plural(fact.independent_sources, "independent source"),
        "statements": [_jump(s.article, s.start, s.end, clean(s.text), numbers, names) for s in fact.statements],
        "differences": [_difference_view(d, numbers, names) for d in fact.differences],
    }


def _difference_view(difference: Difference, numbers: dict[str, int], names: dict[str, str]) -> dict[str, Any]:
    return {
        "kind": difference.kind,
        "detail": clean(difference.detail),
        "verdict": difference_verdict(difference),
        "conflict": difference.conflict,
        "spans": [_jump(s.article, s.start, s.end, clean(s.text), numbers, names) for s in difference.spans],
    }


def _jump(article_id: str, start: int, end: int, text: str, numbers: dict[str, int], names: dict[str, str]) -> dict[str, Any]:
    """Return a wording with what its link needs: the outlet, the article number and the span."""
    return {
        "outlet": names.get(article_id, article_id),
        "number": numbers.get(article_id, 0),
        "text": text,
        "spans": _spans_attr([(article_id, start, end)], numbers),
    }


# --- quotes --------------------------------------------------------------------------------------


def align_words(first: str, second: str) -> list[AlignedWords]:
    """Align two wordings word by word; equal words get a column each, changed runs one column.

    Words are compared without case, quotation marks or surrounding punctuation.

    Example:
        >>> [(c.op, c.first, c.second) for c in align_words("will achieve the aims", "will pursue the aims")]
        [('equal', 'will', 'will'), ('replace', 'achieve', 'pursue'), ('equal', 'the', 'the'), ('equal', 'aims', 'aims')]
    """
    a, b = first.split(), second.split()
    matcher = SequenceMatcher(None, [_word_key(w) for w in a], [_word_key(w) for w in b], autojunk=False)
    columns = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            columns.extend(AlignedWords(op, x, y) for x, y in zip(a[i1:i2], b[j1:j2], strict=True))
        else:
            columns.append(AlignedWords(op, " ".join(a[i1:i2]), " ".join(b[j1:j2])))
    return columns


def _word_key(word: str) -> str:
    return word.strip(_STRIP).casefold() or word


def _quote_view(group: QuoteGroup, numbers: dict[str, int], names: dict[str, str]) -> dict[str, Any]:
    shown = group.variants if group.status == "variant" else group.variants[:1]
    variants = [
        {**_jump(v.article, v.start, v.end, quote_text(v), numbers, names), "meta": quote_meta(v, group)} for v in shown
    ]
    first = variants[0]
    return {
        "speaker": speaker_name(group),
        "status": group.status,
        "outlets": [(names.get(v.article, v.article), numbers.get(v.article)) for v in group.variants],
        "variants": variants,
        "alignments": [
            {"first": first, "second": other, "columns": align_words(clean(shown[0].text), clean(variant.text))}
            for other, variant in zip(variants[1:], shown[1:], strict=True)
        ],
    }


# --- page ----------------------------------------------------------------------------------------


def _page_title(comparison: Comparison) -> str:
    titles = [clean(a.title) for a in comparison.articles if a.title and a.title.strip()]
    return f"{titles[0]} — newsprism" if titles else "newsprism report"


@cache
def jinja_environment(package: str = "newsprism.report") -> Environment:
    """Return the Jinja2 environment of a package's ``templates`` folder (built once; autoescape always on)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def asset(name: str) -> str:
    """Return an inline asset (CSS or JS) of the report templates."""
    from importlib.resources import files

    return files("newsprism.report").joinpath("templates", name).read_text(encoding="utf-8")
