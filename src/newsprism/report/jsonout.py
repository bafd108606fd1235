"""The JSON report: the machine-readable form of a :class:`~newsprism.model.Comparison`.

The layout is a contract (see ``docs/comparison.schema.json`` and ``docs/report.md``): fields may be
added, never renamed or dropped. Every span carries its article id and ``[start, end)`` offsets into
that article's ``text``; statements and quote variants also carry the span's text, so that
``articles[i].text[start:end] == text`` holds, which :func:`check_spans` verifies.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

from newsprism import __version__
from newsprism.model import Article, Comparison, Entity, to_dict

SCHEMA_VERSION = 2  # 2: claims (sub-sentence units, each with its fact), statements' parts, boilerplate


def comparison_to_json(comparison: Comparison) -> dict[str, Any]:
    """Convert a comparison to the JSON report's data.

    Args:
        comparison: The comparison to convert.

    Returns:
        A dict of JSON-ready values (str, int, float, bool, None, list, dict); dates are ISO
        strings and infinite or NaN numbers are None.
    """
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "generator": f"newsprism {__version__}",
        "articles": [_article_json(a, n) for n, a in enumerate(comparison.articles, start=1)],
        "independence": [list(chain) for chain in comparison.independence],
        "entities": [_entity_json(e) for e in comparison.entities],
        "claims": to_dict(list(comparison.claims)),
        "facts": to_dict(list(comparison.facts)),
        "quotes": to_dict(list(comparison.quotes)),
        "timeline": to_dict(list(comparison.timeline)),
        "summary": to_dict(list(comparison.summary)),
        "notes": list(comparison.notes),
        "boilerplate": to_dict(list(comparison.boilerplate)),
    }
    return _jsonable(data)


def dumps(comparison: Comparison, *, indent: int | None = 2) -> str:
    """Return the JSON report of a comparison as a string (UTF-8 text, not ASCII-escaped).

    Args:
        comparison: The comparison to serialise.
        indent: Indentation passed to :func:`json.dumps`; None for one line.
    """
    return json.dumps(comparison_to_json(comparison), indent=indent, ensure_ascii=False, allow_nan=False)


def _article_json(article: Article, number: int) -> dict[str, Any]:
    """Return one article's JSON record; ``number`` is its 1-based citation number ([1], [2] ...)."""
    return {
        "id": article.id,
        "number": number,
        "label": article.label,
        "outlet": article.outlet,
        "title": article.title,
        "authors": list(article.authors),
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "language": article.language,
        "source": article.source,
        "meta": to_dict(dict(article.meta)),
        "text": article.text,
    }


def _entity_json(entity: Entity) -> dict[str, Any]:
    """Return one entity's JSON record, with ``aliases_by_article`` filled in from mentions if absent."""
    data = to_dict(entity)
    if not data.get("aliases_by_article"):
        data["aliases_by_article"] = _aliases_from_mentions(entity)
    return data


def _aliases_from_mentions(entity: Entity) -> dict[str, list[str]]:
    """Return, per article id, the distinct surface forms of an entity's mentions in first-seen order."""
    by_article: dict[str, list[str]] = {}
    for mention in entity.mentions:
        forms = by_article.setdefault(mention.article, [])
        if mention.text not in forms:
            forms.append(mention.text)
    return by_article


def _jsonable(value: Any) -> Any:
    """Make ``to_dict`` output strictly JSON-safe: non-finite floats become None, unknown objects str."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)


# --- span checks -------------------------------------------------------------------------------


def check_spans(data: dict[str, Any]) -> list[str]:
    """Check every span of a JSON report against its article's text.

    Statements (of facts and of their differences), claims and quote variants must satisfy
    ``text[start:end] == span["text"]``; citations (summary, timeline), claims' parts, boilerplate and entity mentions must lie
    inside their article's text (and match their ``text`` when they have one); every article id
    referred to must exist.

    Args:
        data: A JSON report, as returned by :func:`comparison_to_json` or read back with ``json.load``.

    Returns:
        One human-readable line per problem found; empty when all spans are consistent.
    """
    texts = {a.get("id"): a.get("text", "") for a in data.get("articles", [])}
    problems: list[str] = []
    for where, span, needs_text in _iter_spans(data):
        problems.extend(_check_span(where, span, texts, needs_text))
    for i, chain in enumerate(data.get("independence", [])):
        problems.extend(f"independence[{i}]: unknown article {aid!r}" for aid in chain if aid not in texts)
    return problems


def _iter_spans(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """Yield ``(where, span, needs_text)`` for every span-like record of a JSON report."""
    for i, fact in enumerate(data.get("facts", [])):
        for j, statement in enumerate(fact.get("statements", [])):
            yield f"facts[{i}].statements[{j}]", statement, True
        for j, difference in enumerate(fact.get("differences", [])):
            for k, span in enumerate(difference.get("spans", [])):
                yield f"facts[{i}].differences[{j}].spans[{k}]", span, True
    for i, group in enumerate(data.get("quotes", [])):
        for j, variant in enumerate(group.get("variants", [])):
            yield f"quotes[{i}].variants[{j}]", variant, True
    for section in ("summary", "timeline"):
        for i, item in enumerate(data.get(section, [])):
            for j, citation in enumerate(item.get("citations", [])):
                yield f"{section}[{i}].citations[{j}]", citation, False
    for i, entity in enumerate(data.get("entities", [])):
        for j, mention in enumerate(entity.get("mentions", [])):
            yield f"entities[{i}].mentions[{j}]", mention, False
    for i, claim in enumerate(data.get("claims", [])):
        yield f"claims[{i}]", claim, True
        for j, (start, end) in enumerate(claim.get("parts", [])):
            yield f"claims[{i}].parts[{j}]", {"article": claim.get("article"), "start": start, "end": end}, False
    for i, item in enumerate(data.get("boilerplate", [])):
        yield f"boilerplate[{i}]", item, False


def _check_span(where: str, span: dict[str, Any], texts: dict[str, str], needs_text: bool) -> list[str]:
    """Return the problems of one span (empty list when it is consistent)."""
    article, start, end = span.get("article"), span.get("start"), span.get("end")
    if article not in texts:
        return [f"{where}: unknown article {article!r}"]
    if not (isinstance(start, int) and isinstance(end, int)):
        return [f"{where}: start/end must be integers, got {start!r}, {end!r}"]
    text = texts[article]
    if not 0 <= start <= end <= len(text):
        return [f"{where}: span [{start}:{end}] is outside article {article!r} (length {len(text)})"]
    expected = span.get("text")
    if expected is None:
        return [f"{where}: span has no text"] if needs_text else []
    actual = text[start:end]
    if actual != expected:
        return [f"{where}: article {article!r} text[{start}:{end}] is {actual!r}, span text is {expected!r}"]
    return []
