"""The terminal report (rich): what a journalist reads first, in about a minute.

Sections, in order, each left out when empty: header, Sources, Notes, Summary, Corroborated,
Differences, Only in one source, Quotes, People and organisations, Timeline. Articles are cited by
their number in the Sources table ("[1]"). The helpers above the rendering code (article numbers,
reporting chains, groupings) are shared with the Markdown report so that both say the same thing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from io import StringIO

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from newsprism.model import (
    Article,
    Citation,
    Comparison,
    Difference,
    Entity,
    Fact,
    QuoteGroup,
    QuoteVariant,
    Statement,
)

STATEMENT_LIMIT = 300
"""Statements longer than this many characters are cut at a word boundary (text and Markdown views)."""

SIDE_BY_SIDE_MAX = 4
"""Up to this many wordings are shown in side-by-side columns; more are listed one per row."""

SOURCES_TABLE_MIN_WIDTH = 90
"""Narrower consoles get the sources as a list instead of a table."""

COLUMN_MIN_WIDTH = 28
"""Side-by-side wordings need about this many columns each; with fewer they are stacked."""

SECTION_TITLES = (
    "Sources",
    "Notes",
    "Summary",
    "Corroborated",
    "Differences",
    "Only in one source",
    "Quotes",
    "People and organisations",
    "Timeline",
)

QUOTE_STATUS_ORDER = {"variant": 0, "identical": 1, "single-source": 2}
QUOTE_MARKS = "\"'“”‘’«»„"

# --- shared helpers (also used by the Markdown report) ------------------------------------------


def article_numbers(comparison: Comparison) -> dict[str, int]:
    """Return each article's 1-based number, the one citation markers use ("[1]")."""
    return {a.id: n for n, a in enumerate(comparison.articles, start=1)}


def article_names(comparison: Comparison) -> dict[str, str]:
    """Return a short name per article id: its label, with "#n" added when two articles share it."""
    counts = Counter(a.label for a in comparison.articles)
    return {
        a.id: a.label if counts[a.label] == 1 else f"{a.label} #{n}"
        for n, a in enumerate(comparison.articles, start=1)
    }


def plural(count: int, noun: str) -> str:
    """Return "1 article", "2 articles"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def independent_source_count(comparison: Comparison) -> int:
    """Return the number of independent reporting chains; an article in no chain counts as one."""
    known = {a.id for a in comparison.articles}
    chains = [chain for chain in comparison.independence if any(aid in known for aid in chain)]
    covered = {aid for chain in chains for aid in chain}
    return len(chains) + sum(1 for a in comparison.articles if a.id not in covered)


def chain_descriptions(comparison: Comparison) -> dict[str, str]:
    """Describe each article's reporting chain: "independent", "copy of #2", "independent; copied by #3".

    The origin of a chain of several articles is its earliest-published member (the first listed
    when no member is dated earlier than it).
    """
    numbers = article_numbers(comparison)
    by_id = {a.id: a for a in comparison.articles}
    described = {a.id: "independent" for a in comparison.articles}
    for chain in comparison.independence:
        members = [aid for aid in dict.fromkeys(chain) if aid in by_id]
        if len(members) < 2:
            continue
        origin = _chain_origin(members, by_id)
        copies = [m for m in members if m != origin]
        described[origin] = "independent; copied by " + ", ".join(f"#{numbers[m]}" for m in copies)
        for member in copies:
            described[member] = f"copy of #{numbers[origin]}"
    return described


def _chain_origin(members: Sequence[str], by_id: dict[str, Article]) -> str:
    """Return the member published first; the first listed one if none is dated earlier."""
    origin = members[0]
    for member in members[1:]:
        date, first = by_id[member].published, by_id[origin].published
        if date is not None and (first is None or date < first):
            origin = member
    return origin


def wire_credits(article: Article) -> str:
    """Return the wire agencies an article credits (``meta["wire"]``, a string or a list), comma-joined."""
    wire = article.meta.get("wire")
    if not wire:
        return ""
    if isinstance(wire, str):
        return wire
    if isinstance(wire, Iterable):
        return ", ".join(str(w) for w in wire if w)
    return str(wire)


def source_row(article: Article, number: int, chains: dict[str, str]) -> dict[str, str]:
    """Return the Sources table's cells for one article, keyed by column header."""
    return {
        "#": str(number),
        "Outlet": article.label,
        "Byline": ", ".join(article.authors) or "no byline",
        "Published": article.published.isoformat() if article.published else "date unknown",
        "Title": clean(article.title or ""),
        "Language": article.language or "",
        "Reporting chain": chains.get(article.id, "independent"),
        "Wire": wire_credits(article),
    }


def source_rows(comparison: Comparison) -> tuple[list[str], list[dict[str, str]]]:
    """Return the Sources table: its headers (Language and Wire only when some article has one) and rows."""
    chains = chain_descriptions(comparison)
    rows = [source_row(a, n, chains) for n, a in enumerate(comparison.articles, start=1)]
    optional = {"Language", "Wire"}
    headers = [h for h in (rows[0] if rows else {}) if h not in optional or any(r[h] for r in rows)]
    return headers, rows


def clean(text: str) -> str:
    """Collapse runs of whitespace (newlines included) to single spaces."""
    return " ".join(text.split())


def truncate(text: str, limit: int = STATEMENT_LIMIT) -> str:
    """Return ``text`` with whitespace collapsed, cut at a word boundary with "…" if longer than ``limit``."""
    text = clean(text)
    cut = _cut(text, limit)
    return cut if cut == text else cut[:-1].rstrip(" ,;:") + "…"


def unique_numbers(article_ids: Iterable[str], numbers: dict[str, int]) -> list[int | None]:
    """Return the distinct article numbers of some article ids, in first-seen order (None if unknown)."""
    return list(dict.fromkeys(numbers.get(aid) for aid in article_ids))


def markers(article_ids: Iterable[str], numbers: dict[str, int]) -> str:
    """Return citation markers, e.g. "[1] [3]"; "[?]" for an article not in the comparison."""
    return " ".join(f"[{n}]" if n is not None else "[?]" for n in unique_numbers(article_ids, numbers))


def citation_ids(citations: Iterable[Citation]) -> list[str]:
    """Return the article ids of some citations."""
    return [c.article for c in citations]


def fact_articles(fact: Fact) -> list[str]:
    """Return the distinct article ids of a fact's statements, in order."""
    return list(dict.fromkeys(s.article for s in fact.statements))


def outlets_with_markers(article_ids: Iterable[str], names: dict[str, str], numbers: dict[str, int]) -> str:
    """Return "AFP [1], LBC [2]" for some article ids."""
    return ", ".join(f"{names.get(aid, aid)} {markers([aid], numbers)}" for aid in dict.fromkeys(article_ids))


def corroborated_facts(comparison: Comparison) -> list[Fact]:
    """Return the corroborated facts, best corroborated (most independent sources) first."""
    facts = [f for f in comparison.facts if f.status == "corroborated" and f.statements]
    return sorted(facts, key=lambda f: -f.independent_sources)


def differing_facts(comparison: Comparison) -> list[Fact]:
    """Return the facts whose sources disagree: conflicts first, then other differences."""
    conflicts = [f for f in comparison.facts if f.status == "conflicts" and f.statements]
    differs = [f for f in comparison.facts if f.status == "differs" and f.statements]
    return conflicts + differs


@dataclass(frozen=True)
class MarkedSentence:
    """A sentence of an article with the parts to mark (offsets into ``text``), and the articles carrying them."""

    text: str
    marks: tuple[tuple[int, int], ...]
    carriers: tuple[str, ...]


def single_source_groups(comparison: Comparison) -> list[tuple[str, list[MarkedSentence]]]:
    """The sentences that make single-source claims, grouped by article in article order, each with those claims
    marked: a reader sees which part of a sentence only one source has, in its context."""
    numbers = article_numbers(comparison)
    facts = {f.id: f for f in comparison.facts}
    by_sentence: dict[tuple[str, tuple[int, int]], list[tuple[int, int]]] = {}
    carriers: dict[tuple[str, tuple[int, int]], list[str]] = {}
    for claim in comparison.claims:
        fact = facts.get(claim.fact)
        if fact is None or fact.status != "single-source":
            continue
        key = (claim.article, claim.sentence)
        by_sentence.setdefault(key, []).extend(claim.parts)
        carriers.setdefault(key, []).extend(fact_articles(fact))
    claimed = {c.fact for c in comparison.claims}
    for fact in comparison.facts:  # a comparison made without claims (an older store): its statements as they are
        if fact.status == "single-source" and fact.statements and fact.id not in claimed:
            s = fact.statements[0]
            by_sentence.setdefault((s.article, (s.start, s.end)), []).append((s.start, s.end))
            carriers.setdefault((s.article, (s.start, s.end)), []).extend(fact_articles(fact))
    groups: dict[str, list[MarkedSentence]] = {}
    for (article_id, (start, end)), parts in sorted(by_sentence.items(), key=lambda kv: (numbers.get(kv[0][0], 0), kv[0][1])):
        text = comparison.article(article_id).text[start:end]
        marks = sorted((max(0, s - start), min(end, e) - start) for s, e in set(parts))
        shown = _cut(text)
        marks = [(a, min(b, len(shown))) for a, b in marks if a < len(shown)]  # a long sentence is cut, marks with it
        carried = tuple(dict.fromkeys(carriers[(article_id, (start, end))]))
        groups.setdefault(article_id, []).append(MarkedSentence(shown, tuple(marks), carried))
    return list(groups.items())


def in_context(comparison: Comparison, statement: Statement) -> MarkedSentence:
    """A statement shown in its sentence, its claim's words marked (a claim alone, "Ushakov said", says little)."""
    for claim in comparison.claims:
        if claim.article == statement.article and any(s <= statement.start and statement.end <= e for s, e in claim.parts):
            start, end = claim.sentence
            text = comparison.article(claim.article).text[start:end]
            shown = _cut(text)
            marks = [(s - start, min(e - start, len(shown))) for s, e in claim.parts if s - start < len(shown)]
            return MarkedSentence(shown, tuple(marks), (statement.article,))
    shown = _cut(statement.text)
    return MarkedSentence(shown, ((0, len(shown)),), (statement.article,))


def _cut(text: str, limit: int = STATEMENT_LIMIT) -> str:
    """``text`` cut at a word boundary (or at ``limit`` when the last space is early) with "…" when longer than
    ``limit``; unlike ``truncate`` it keeps the spacing, so that offsets into the text stay valid."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut >= limit * 0.6 else limit] + "…"


def difference_verdict(difference: Difference) -> str:
    """Return "CONFLICT" for a contradiction, else a word on what kind of non-contradiction it is."""
    if difference.conflict:
        return "CONFLICT"
    return {"wording": "different wording", "attribution": "different attribution"}.get(
        difference.kind, "different scope"
    )


def sorted_quotes(comparison: Comparison) -> list[QuoteGroup]:
    """Return the quote groups with variant wordings first, then identical, then single-source ones."""
    groups = [g for g in comparison.quotes if g.variants]
    return sorted(groups, key=lambda g: QUOTE_STATUS_ORDER.get(g.status, 3))


def quote_status_label(group: QuoteGroup, names: dict[str, str], numbers: dict[str, int]) -> str:
    """Return a short status line for a quote group, e.g. "identical in AFP [1], LBC [2]"."""
    outlets = outlets_with_markers((v.article for v in group.variants), names, numbers)
    if group.status == "variant":
        return f"variant wordings in {outlets}"
    if group.status == "identical":
        return f"identical in {outlets}"
    return f"single source: only in {outlets}"


def quote_text(variant: QuoteVariant) -> str:
    """Return a variant's wording, in quotation marks when it is a direct quote."""
    text = clean(variant.text)
    if variant.kind == "direct" and text and text[0] not in QUOTE_MARKS:
        return f"“{text}”"
    return text


def quote_meta(variant: QuoteVariant, group: QuoteGroup) -> str:
    """Return how an article reports a quote: kind, cue, and its speaker wording when articles name them differently."""
    parts = [variant.kind]
    if variant.cue:
        parts.append(f"cue: {clean(variant.cue)}")
    speakers = {clean(v.speaker_text) for v in group.variants if v.speaker_text}
    if variant.speaker_text and len(speakers) > 1:
        parts.append(f"speaker: {clean(variant.speaker_text)}")
    return " · ".join(parts)


def speaker_name(group: QuoteGroup) -> str:
    """Return a quote group's speaker, or "Unattributed"."""
    return clean(group.speaker) if group.speaker else "Unattributed"


def entity_aliases(entity: Entity) -> dict[str, tuple[str, ...]]:
    """Return the names each article uses for an entity, from ``aliases_by_article`` or its mentions."""
    if entity.aliases_by_article:
        return {aid: tuple(names) for aid, names in entity.aliases_by_article.items()}
    by_article: dict[str, list[str]] = {}
    for mention in entity.mentions:
        forms = by_article.setdefault(mention.article, [])
        if mention.text not in forms:
            forms.append(mention.text)
    return {aid: tuple(forms) for aid, forms in by_article.items()}


NATIONALITY = "NORP"  # "Russian", "American": adjectives of a group, left to the JSON


def sorted_entities(comparison: Comparison) -> list[Entity]:
    """Return the people, organisations and places, most mentioned first (ties by name)."""
    shown = [e for e in comparison.entities if e.label != NATIONALITY]
    return sorted(shown, key=lambda e: (-len(e.mentions), e.name.casefold()))


def spoken_quotes(comparison: Comparison) -> dict[str, list[QuoteGroup]]:
    """The quote groups each entity speaks (by ``QuoteGroup.speaker_entity``), by entity id."""
    out: dict[str, list[QuoteGroup]] = {}
    for group in comparison.quotes:
        if group.speaker_entity and group.variants:
            out.setdefault(group.speaker_entity, []).append(group)
    return out


def alias_line(entity: Entity, names: dict[str, str], numbers: dict[str, int]) -> str:
    """Return how each outlet names an entity: "AFP: Zelenskyy · LBC: Zelensky".

    When every outlet uses the same names, they are given once: "Zelensky (AFP, LBC)".
    """
    aliases = entity_aliases(entity)
    if not aliases:
        return ", ".join(entity.aliases)
    order = sorted(aliases, key=lambda aid: numbers.get(aid, len(numbers) + 1))
    if len(order) > 1 and len({aliases[aid] for aid in order}) == 1:
        outlets = ", ".join(names.get(aid, aid) for aid in order)
        return f"{', '.join(aliases[order[0]])} ({outlets})"
    return " · ".join(f"{names.get(aid, aid)}: {', '.join(aliases[aid])}" for aid in order)


def fact_counts(comparison: Comparison) -> str:
    """Return e.g. "4 facts: 2 corroborated, 1 conflicts, 1 single-source" ("" when there are none)."""
    if not comparison.facts:
        return ""
    counts = Counter(f.status for f in comparison.facts)
    order = ("corroborated", "differs", "conflicts", "single-source")
    detail = ", ".join(f"{counts[s]} {s}" for s in order if counts[s])
    return f"{plural(len(comparison.facts), 'fact')}: {detail}"


def header_line(comparison: Comparison) -> str:
    """Return "3 articles, 2 independent sources"."""
    return (
        f"{plural(len(comparison.articles), 'article')}, "
        f"{plural(independent_source_count(comparison), 'independent source')}"
    )


# --- rich rendering ------------------------------------------------------------------------------

STYLE_HEADING = "bold cyan"
STYLE_MARKER = "cyan"
STYLE_META = "dim"
STYLE_STATUS = {
    "corroborated": "green",
    "differs": "yellow",
    "conflicts": "bold red",
    "single-source": "magenta",
    "variant": "yellow",
    "identical": "green",
}


def render_text(comparison: Comparison, *, width: int = 100, color: bool = False) -> str:
    """Render the terminal report to a string.

    Args:
        comparison: The comparison to report.
        width: Line width in characters.
        color: Keep ANSI colour codes; when False the result is plain text.

    Returns:
        The report, lines stripped of trailing spaces, ending with a newline.
    """
    buffer = StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="truecolor" if color else None,
        force_terminal=color,
        force_jupyter=False,
        force_interactive=False,
        legacy_windows=False,
        highlight=False,
        markup=False,
        emoji=False,
    )
    print_report(comparison, console)
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    return "\n".join(lines).strip("\n") + "\n"


def print_report(comparison: Comparison, console: Console) -> None:
    """Print the report to a rich console (coloured when the console supports it).

    Args:
        comparison: The comparison to report.
        console: Where to print; its width is used for wrapping.
    """
    for renderable in build_report(comparison):
        console.print(renderable)


def build_report(comparison: Comparison) -> list[RenderableType]:
    """Return the report as rich renderables, one section after another, empty sections left out."""
    out: list[RenderableType] = list(_header(comparison))
    for title, builder in zip(SECTION_TITLES, _SECTION_BUILDERS, strict=True):
        body = builder(comparison)
        if body:
            out.append(Text())
            out.append(Rule(Text(title, style=STYLE_HEADING), align="left", style=STYLE_META))
            out.extend(body)
    return out


def _header(comparison: Comparison) -> list[RenderableType]:
    """Return the title line and the counts of facts and quotes."""
    title = Text.assemble(("newsprism report: ", "bold"), (header_line(comparison), "bold"))
    extra = [fact_counts(comparison)]
    if comparison.quotes:
        extra.append(plural(len(comparison.quotes), "quote"))
    detail = " · ".join(e for e in extra if e)
    return [title, Text(detail, style=STYLE_META)] if detail else [title]


def _marker_text(article_ids: Iterable[str], numbers: dict[str, int]) -> Text:
    """Return citation markers as styled text."""
    return Text(markers(article_ids, numbers), style=STYLE_MARKER)


def _bullets(items: Sequence[Text], bullet: str = "•") -> Table:
    """Return a bulleted list with hanging indentation."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row(Text(bullet), item)
    return grid


class _ByWidth:
    """A renderable that shows ``wide`` when there are at least ``min_width`` columns, else ``narrow``."""

    def __init__(self, min_width: int, wide: RenderableType, narrow: RenderableType) -> None:
        self.min_width = min_width
        self.wide = wide
        self.narrow = narrow

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.wide if options.max_width >= self.min_width else self.narrow


def _data_table(headers: Sequence[str], no_wrap: Iterable[str] = ()) -> Table:
    """Return an empty table with the given headers, long cells wrapped (never cut)."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
    keep = set(no_wrap)
    for header in headers:
        table.add_column(header, overflow="fold", no_wrap=header in keep)
    return table


def _sources(comparison: Comparison) -> list[RenderableType]:
    """Return the Sources table."""
    headers, rows = source_rows(comparison)
    if not rows:
        return []
    table = _data_table(headers, no_wrap=("#", "Published"))
    for row in rows:
        cells = [Text(row[h]) for h in headers]
        if row["Published"] == "date unknown":
            cells[headers.index("Published")].stylize(STYLE_META)
        table.add_row(*cells)
    narrow = Table.grid()
    narrow.add_column(overflow="fold")
    for row in rows:
        narrow.add_row(_source_block(row))
    return [_ByWidth(SOURCES_TABLE_MIN_WIDTH, table, narrow)]


def _source_block(row: dict[str, str]) -> Text:
    """Return one source as a few lines, for consoles too narrow for the Sources table."""
    block = Text.assemble((f"[{row['#']}] ", STYLE_MARKER), (row["Outlet"], "bold"))
    for key in ("Byline", "Published", "Language"):
        if row[key]:
            block.append(f" · {row[key]}")
    if row["Title"]:
        block.append(f"\n{row['Title']}")
    chain = row["Reporting chain"] + (f" · wire: {row['Wire']}" if row["Wire"] else "")
    block.append(f"\n{chain}", style=STYLE_META)
    return block


def _notes(comparison: Comparison) -> list[RenderableType]:
    """Return the notes, as warnings."""
    notes = [Text(clean(n), style="yellow") for n in comparison.notes if n.strip()]
    return [_bullets(notes, bullet="!")] if notes else []


def _summary(comparison: Comparison) -> list[RenderableType]:
    """Return the summary sentences, each followed by its citation markers."""
    numbers = article_numbers(comparison)
    items = []
    for sentence in comparison.summary:
        line = Text(clean(sentence.text))
        if sentence.citations:
            line.append(" ").append_text(_marker_text(citation_ids(sentence.citations), numbers))
        items.append(line)
    return [_bullets(items)] if items else []


def _corroborated(comparison: Comparison) -> list[RenderableType]:
    """Return one item per corroborated fact: each article's wording in its sentence, how many sources."""
    numbers, names = article_numbers(comparison), article_names(comparison)
    items = []
    style = f"underline {STYLE_STATUS['corroborated']}"
    for fact in corroborated_facts(comparison):
        line = _marked(in_context(comparison, fact.statements[0]), style)
        for other in other_wordings(fact):
            line.append("\n")
            line.append(f"{outlets_with_markers([other.article], names, numbers)}: ", style=STYLE_META)
            line.append_text(_marked(in_context(comparison, other), style))
        line.append("\n")
        line.append(outlets_with_markers(fact_articles(fact), names, numbers), style=STYLE_META)
        line.append(" · ")
        line.append(plural(fact.independent_sources, "independent source"), style=STYLE_STATUS["corroborated"])
        items.append(line)
    return [_bullets(items)] if items else []


def _marked(sentence: MarkedSentence, style: str) -> Text:
    """A sentence with its marked parts in ``style``."""
    line, at = Text(), 0
    for start, end in sentence.marks:
        line.append(sentence.text[at:start])
        line.append(sentence.text[max(at, start) : end], style=style)
        at = max(at, end)
    line.append(sentence.text[at:])
    return line


def other_wordings(fact: Fact) -> list[Statement]:
    """How the other articles word a fact: one statement per article besides the first one's."""
    seen = {fact.statements[0].article}
    others = []
    for statement in fact.statements[1:]:
        if statement.article not in seen:
            seen.add(statement.article)
            others.append(statement)
    return others


def _differences(comparison: Comparison) -> list[RenderableType]:
    """Return each differing or conflicting fact: its statements side by side, then what differs."""
    numbers, names = article_numbers(comparison), article_names(comparison)
    out: list[RenderableType] = []
    for fact in differing_facts(comparison):
        if out:
            out.append(Text())
        out.append(_fact_status_line(fact))
        cells = [(_statement_header(s, names, numbers), Text(truncate(s.text))) for s in fact.statements]
        out.append(_side_by_side(cells))
        lines = [_difference_text(d, names, numbers) for d in fact.differences]
        if lines:
            out.append(_bullets(lines, bullet="-"))
    return out


def _fact_status_line(fact: Fact) -> Text:
    """Return "CONFLICT · 2 independent sources" or "DIFFERS · ..." for a fact."""
    label = "CONFLICT" if fact.status == "conflicts" else "DIFFERS"
    return Text.assemble(
        (label, STYLE_STATUS.get(fact.status, "")),
        (f" · {plural(fact.independent_sources, 'independent source')}", STYLE_META),
    )


def _statement_header(statement: Statement, names: dict[str, str], numbers: dict[str, int]) -> Text:
    """Return the column header of one statement: "AFP [1]"."""
    return Text(outlets_with_markers([statement.article], names, numbers), style="bold")


def _difference_text(difference: Difference, names: dict[str, str], numbers: dict[str, int]) -> Text:
    """Return one typed difference: kind, detail, verdict and the differing spans per outlet."""
    verdict = difference_verdict(difference)
    line = Text.assemble((difference.kind, "bold"), ": ", clean(difference.detail), " — ")
    line.append(verdict, style="bold red" if difference.conflict else "yellow")
    if difference.spans:
        spans = " · ".join(f"{names.get(s.article, s.article)}: “{clean(s.text)}”" for s in difference.spans)
        line.append(f" ({spans})", style=STYLE_META)
    return line


def _side_by_side(cells: Sequence[tuple[Text, Text]]) -> RenderableType:
    """Return wordings side by side, one column each; one per row when there are many or space is short."""
    stacked = Table(box=box.SQUARE, show_header=False, show_lines=True, expand=True)
    stacked.add_column(overflow="fold", ratio=1)
    for header, body in cells:
        stacked.add_row(Text.assemble(header, "\n", body))
    if len(cells) > SIDE_BY_SIDE_MAX:
        return stacked
    table = Table(box=box.SQUARE, show_lines=True, expand=True)
    for header, _ in cells:
        table.add_column(header, overflow="fold", ratio=1)
    table.add_row(*(body for _, body in cells))
    return _ByWidth(COLUMN_MIN_WIDTH * len(cells), table, stacked)


def _single_source(comparison: Comparison) -> list[RenderableType]:
    """Return the sentences with single-source claims, grouped by article, those claims underlined."""
    numbers, names = article_numbers(comparison), article_names(comparison)
    out: list[RenderableType] = []
    for article_id, sentences in single_source_groups(comparison):
        if out:
            out.append(Text())
        heading = Text(outlets_with_markers([article_id], names, numbers), style="bold")
        heading.append(f" · {plural(sum(len(s.marks) for s in sentences), 'claim')}", style=STYLE_META)
        out.append(heading)
        out.append(_bullets([_single_source_item(s, names, numbers) for s in sentences]))
    return out


def _single_source_item(sentence: MarkedSentence, names: dict[str, str], numbers: dict[str, int]) -> Text:
    """One sentence, its single-source claims underlined; says so when the one source is carried by copies."""
    line = _marked(sentence, f"underline {STYLE_STATUS['single-source']}")
    if len(sentence.carriers) > 1:
        copies = outlets_with_markers(sentence.carriers, names, numbers)
        line.append(f"\n(one source carried by {len(sentence.carriers)} copies of one report: {copies})", style=STYLE_META)
    return line


def _quotes(comparison: Comparison) -> list[RenderableType]:
    """Return the quote groups: variant wordings side by side, the others compactly."""
    numbers, names = article_numbers(comparison), article_names(comparison)
    out: list[RenderableType] = []
    compact: list[Text] = []
    for group in sorted_quotes(comparison):
        if group.status == "variant":
            out.extend(_variant_group(group, names, numbers))
        else:
            compact.append(_compact_quote(group, names, numbers))
    if compact:
        out.append(_bullets(compact))
    return out


def _variant_group(group: QuoteGroup, names: dict[str, str], numbers: dict[str, int]) -> list[RenderableType]:
    """Return a variant quote group: the speaker line and the wordings in one column per outlet."""
    title = Text.assemble((speaker_name(group), "bold"), " · ")
    title.append(quote_status_label(group, names, numbers), style=STYLE_STATUS["variant"])
    cells = []
    for variant in group.variants:
        body = Text(quote_text(variant))
        body.append("\n" + quote_meta(variant, group), style=STYLE_META)
        header = Text(outlets_with_markers([variant.article], names, numbers), style="bold")
        cells.append((header, body))
    return [title, _side_by_side(cells)]


def _compact_quote(group: QuoteGroup, names: dict[str, str], numbers: dict[str, int]) -> Text:
    """Return an identical or single-source quote group on one line."""
    variant = group.variants[0]
    style = STYLE_STATUS.get(group.status, STYLE_META)
    line = Text.assemble((speaker_name(group), "bold"), " · ", (quote_status_label(group, names, numbers), style))
    line.append(": ")
    line.append(quote_text(variant))
    line.append(f" ({quote_meta(variant, group)})", style=STYLE_META)
    return line


def _entities(comparison: Comparison) -> list[RenderableType]:
    """Return the entities table: name, type, mentions, quotes spoken and the names each outlet uses."""
    numbers, names = article_numbers(comparison), article_names(comparison)
    entities = sorted_entities(comparison)
    if not entities:
        return []
    spoken = spoken_quotes(comparison)
    table = _data_table(("Name", "Type", "Mentions", "Quotes", "As written"), no_wrap=("Type", "Mentions", "Quotes"))
    for entity in entities:
        table.add_row(
            Text(clean(entity.name), style="bold"),
            Text(entity.label, style=STYLE_META),
            Text(str(len(entity.mentions)), justify="right"),
            Text(str(len(spoken[entity.id])) if entity.id in spoken else "", justify="right"),
            Text(alias_line(entity, names, numbers)),
        )
    return [table]


def _timeline(comparison: Comparison) -> list[RenderableType]:
    """Return the timeline table: date, what happened, citation markers."""
    numbers = article_numbers(comparison)
    if not comparison.timeline:
        return []
    table = _data_table(("Date", "What", "Sources"), no_wrap=("Date",))
    for entry in comparison.timeline:
        table.add_row(Text(entry.date), Text(clean(entry.text)), _marker_text(citation_ids(entry.citations), numbers))
    return [table]


_SECTION_BUILDERS: tuple[Callable[[Comparison], list[RenderableType]], ...] = (
    _sources,
    _notes,
    _summary,
    _corroborated,
    _differences,
    _single_source,
    _quotes,
    _entities,
    _timeline,
)
