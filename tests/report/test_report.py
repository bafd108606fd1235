"""Tests of the text, Markdown and JSON reports, on a small hand-made comparison of a fictional flood."""

from __future__ import annotations

import json
import re
from datetime import date
from io import StringIO
from pathlib import Path

import jsonschema
import pytest
from rich.console import Console

from newsprism.model import (
    Article,
    Citation,
    Comparison,
    Difference,
    Entity,
    EntityMention,
    Fact,
    QuoteGroup,
    QuoteVariant,
    Statement,
    SummarySentence,
    TimelineEntry,
)
from newsprism.report import FORMATS, check_spans, comparison_to_json, print_report, render_report

SCHEMA_PATH = Path(__file__).parents[2] / "docs" / "comparison.schema.json"
ANSI = re.compile(r"\x1b\[")
SECTIONS = (
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

GAZETTE = (
    "Floods hit the town of Millbrook on Tuesday. At least eight people died and 300 homes were "
    'evacuated. Mayor Ana Ruiz said: "We have never seen water rise this fast." The river peaked at '
    '6.2 metres on Wednesday. Emergency crews from Dover arrived overnight. "Stay off the roads," police said.'
)
VALLEY = (
    "Floods hit the town of Millbrook on Tuesday. At least eight people died and 300 homes were "
    'evacuated. Mayor Ana Ruiz said: "We have never seen water rise this fast." Emergency crews from '
    "Dover arrived overnight."
)
NORTHERN = (
    "Floods struck Millbrook on Tuesday, officials said. Twelve people were killed in the town. "
    "Mayor Anna Ruiz told reporters the water had risen faster than ever before. The river peaked at "
    '5.1 metres on Wednesday. "The dam is safe," engineer Tom Hale said. "Stay off the roads," police said.'
)


def stmt(article: Article, phrase: str) -> Statement:
    """Return the statement of ``phrase`` in an article, offsets found with str.find."""
    start = article.text.find(phrase)
    assert start >= 0, phrase
    return Statement(article.id, start, start + len(phrase), phrase)


def variant(article: Article, phrase: str, kind: str, cue: str | None, speaker: str | None = None) -> QuoteVariant:
    """Return a quote variant of ``phrase`` in an article."""
    s = stmt(article, phrase)
    return QuoteVariant(s.article, s.start, s.end, s.text, kind, cue, speaker)  # type: ignore[arg-type]


def cite(article: Article, phrase: str) -> Citation:
    """Return a citation of ``phrase`` in an article."""
    s = stmt(article, phrase)
    return Citation(s.article, s.start, s.end)


def mention(article: Article, phrase: str) -> EntityMention:
    """Return an entity mention of ``phrase`` in an article."""
    s = stmt(article, phrase)
    return EntityMention(s.article, s.start, s.end, s.text)


@pytest.fixture(scope="module")
def articles() -> tuple[Article, Article, Article]:
    a = Article(
        "gazette",
        GAZETTE,
        title="Deadly floods hit Millbrook",
        outlet="Riverside Gazette",
        url="https://gazette.example/floods",
        authors=("Maria Lopez",),
        published=date(2024, 3, 13),
        language="en",
        meta={"wire": ["AP"]},
    )
    b = Article("valley", VALLEY, title="Millbrook floods", outlet="Valley Daily", published=date(2024, 3, 14))
    c = Article("northern", NORTHERN, title="Floods | Northern Post live", outlet="Northern Post", language="en")
    return a, b, c


@pytest.fixture(scope="module")
def comparison(articles: tuple[Article, Article, Article]) -> Comparison:
    a, b, c = articles
    floods = "Floods hit the town of Millbrook on Tuesday."
    toll_a = "At least eight people died and 300 homes were evacuated."
    toll_c = "Twelve people were killed in the town."
    crews = "Emergency crews from Dover arrived overnight."
    facts = (
        Fact(
            "f1",
            "corroborated",
            2,
            (stmt(a, floods), stmt(b, floods), stmt(c, "Floods struck Millbrook on Tuesday, officials said.")),
            score=0.9,
        ),
        Fact(
            "f2",
            "differs",
            2,
            (stmt(a, toll_a), stmt(c, toll_c)),
            (Difference("number", "at least 8 vs 12 dead", (stmt(a, "At least eight"), stmt(c, "Twelve"))),),
        ),
        Fact(
            "f3",
            "conflicts",
            2,
            (stmt(a, "The river peaked at 6.2 metres on Wednesday."), stmt(c, "The river peaked at 5.1 metres")),
            (Difference("number", "6.2 m vs 5.1 m", (stmt(a, "6.2 metres"), stmt(c, "5.1 metres")), True),),
            score=float("inf"),
        ),
        Fact("f4", "single-source", 1, (stmt(a, crews), stmt(b, crews))),
        Fact("f5", "single-source", 1, (stmt(c, '"The dam is safe," engineer Tom Hale said.'),)),
    )
    ruiz_quote = "We have never seen water rise this fast."
    quotes = (
        QuoteGroup(
            "q1",
            "Ana Ruiz",
            "variant",
            (
                variant(a, ruiz_quote, "direct", "said", "Mayor Ana Ruiz"),
                variant(b, ruiz_quote, "direct", "said", "Mayor Ana Ruiz"),
                variant(c, "the water had risen faster than ever", "indirect", "told reporters", "Mayor Anna Ruiz"),
            ),
            speaker_entity="e1",
        ),
        QuoteGroup(
            "q2",
            "police",
            "identical",
            (variant(a, "Stay off the roads,", "direct", "said"), variant(c, "Stay off the roads,", "direct", "said")),
        ),
        QuoteGroup("q3", "Tom Hale", "single-source", (variant(c, "The dam is safe,", "direct", "said"),)),
    )
    entities = (
        Entity(
            "e1",
            "Ana Ruiz",
            "PERSON",
            ("Ana Ruiz", "Anna Ruiz"),
            (mention(a, "Ana Ruiz"), mention(b, "Ana Ruiz"), mention(c, "Anna Ruiz")),
            {"gazette": ("Ana Ruiz",), "valley": ("Ana Ruiz",), "northern": ("Anna Ruiz",)},
        ),
        Entity("e2", "Millbrook", "GPE", ("Millbrook",), tuple(mention(x, "Millbrook") for x in (a, b, c))),
    )
    return Comparison(
        articles=(a, b, c),
        independence=(("gazette", "valley"), ("northern",)),
        entities=entities,
        facts=facts,
        quotes=quotes,
        timeline=(
            TimelineEntry("2024-03-12", "Floods hit Millbrook", (cite(a, floods), cite(c, "Floods struck Millbrook"))),
        ),
        summary=(
            SummarySentence(
                "Floods hit Millbrook on Tuesday; the death toll differs between sources.",
                (cite(a, floods), cite(c, toll_c)),
            ),
        ),
        notes=("Articles #1 and #2 are near-duplicates of one report.",),
    )


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def squash(text: str) -> str:
    """Collapse whitespace, so that wrapped lines compare as one."""
    return " ".join(text.split())


def test_schema_is_valid_draft_2020_12(schema: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)


def test_json_validates_against_schema(comparison: Comparison, schema: dict) -> None:
    data = comparison_to_json(comparison)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["schema_version"] == 2
    assert data["generator"].startswith("newsprism ")
    assert data["facts"][2]["score"] is None  # inf -> null
    assert data["articles"][0]["published"] == "2024-03-13"
    assert data["articles"][2]["published"] is None
    assert data["articles"][0]["label"] == "Riverside Gazette"
    assert data["entities"][1]["aliases_by_article"]["northern"] == ["Millbrook"]  # filled in from mentions
    assert data["quotes"][0]["speaker_entity"] == "e1"
    assert data["facts"][2]["differences"][0]["conflict"] is True


def test_json_string_round_trips(comparison: Comparison, schema: dict) -> None:
    data = json.loads(render_report(comparison, "json"))
    assert data == comparison_to_json(comparison)
    jsonschema.Draft202012Validator(schema).validate(data)


def test_schema_rejects_bad_status_and_negative_offset(comparison: Comparison, schema: dict) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    data = comparison_to_json(comparison)
    data["facts"][0]["status"] = "maybe"
    assert not validator.is_valid(data)
    data = comparison_to_json(comparison)
    data["quotes"][0]["variants"][0]["start"] = -1
    assert not validator.is_valid(data)
    data = comparison_to_json(comparison)
    del data["articles"][0]["text"]
    assert not validator.is_valid(data)


def test_spans_are_consistent(comparison: Comparison) -> None:
    assert check_spans(comparison_to_json(comparison)) == []


def test_check_spans_reports_problems(comparison: Comparison) -> None:
    data = comparison_to_json(comparison)
    data["facts"][0]["statements"][0]["start"] += 1
    data["quotes"][0]["variants"][0]["article"] = "nowhere"
    data["summary"][0]["citations"][0]["end"] = 10_000
    problems = check_spans(data)
    assert len(problems) == 3
    assert any(p.startswith("facts[0].statements[0]") for p in problems)
    assert any("unknown article 'nowhere'" in p for p in problems)
    assert any(p.startswith("summary[0].citations[0]") and "outside" in p for p in problems)


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_every_section_heading_in_order(comparison: Comparison, fmt: str) -> None:
    out = render_report(comparison, fmt)
    positions = [out.find(title) for title in SECTIONS]
    assert -1 not in positions, dict(zip(SECTIONS, positions, strict=True))
    assert positions == sorted(positions)
    if fmt == "md":
        for title in SECTIONS:
            assert f"## {title}\n" in out


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_variants_aliases_and_markers(comparison: Comparison, fmt: str) -> None:
    out = squash(render_report(comparison, fmt, width=160))
    assert "We have never seen water rise this fast." in out
    assert "the water had risen faster than ever" in out
    assert "Ana Ruiz" in out and "Anna Ruiz" in out
    assert "Northern Post: Anna Ruiz" in out
    assert "[1]" in out and "[3]" in out
    assert "CONFLICT" in out and "different scope" in out
    assert "2 independent sources" in out
    assert "copy of #1" in out
    assert "date unknown" in out
    assert "near-duplicates" in out
    assert "2024-03-12" in out


def test_text_layout(comparison: Comparison) -> None:
    out = render_report(comparison, "text", width=100)
    assert out.startswith("newsprism report: 3 articles, 2 independent sources")
    assert all(len(line) <= 100 for line in out.splitlines())
    assert all(line == line.rstrip() for line in out.splitlines())
    flat = squash(out)
    assert "Floods hit Millbrook on Tuesday; the death toll differs between sources. [1] [3]" in flat
    assert "one source carried by 2 copies of one report" in flat
    assert "AP" in flat  # wire credit


def test_narrow_console_stacks_tables(comparison: Comparison) -> None:
    out = render_report(comparison, "text", width=50)
    assert all(len(line) <= 50 for line in out.splitlines())
    assert "[1] Riverside Gazette · Maria Lopez · 2024-03-13" in out
    assert "│ Riverside Gazette [1]" in out  # wordings stacked, one box row per outlet


def test_markdown_links_and_escapes(comparison: Comparison) -> None:
    md = render_report(comparison, "md")
    assert '<a id="source-1"></a>1' in md
    assert "[[1]](#source-1)" in md and "[[3]](#source-3)" in md
    assert "Floods \\| Northern Post live" in md
    assert "> “We have never seen water rise this fast.”" in md
    assert "](<https://gazette.example/floods>)" in md
    assert "speaker: Mayor Anna Ruiz" in md  # speakers named differently across articles


def test_markdown_table_rows_match_their_headers(comparison: Comparison) -> None:
    md = render_report(comparison, "md")
    columns = None
    for line in md.splitlines():
        if not line.startswith("|"):
            columns = None
            continue
        count = len(re.split(r"(?<!\\)\|", line))
        columns = columns or count
        assert count == columns, line


def test_same_content_in_all_formats(comparison: Comparison) -> None:
    text = squash(render_report(comparison, "text", width=250))
    md = squash(render_report(comparison, "md"))
    data = comparison_to_json(comparison)
    for fact in data["facts"]:
        shown_one = fact["status"] == "single-source"  # corroborated facts show each article's wording
        for statement in fact["statements"][:1] if shown_one else fact["statements"]:
            head = squash(statement["text"])[:40]
            assert head in text, head
            assert head in md, head
    for group in data["quotes"]:
        for v in group["variants"]:
            assert v["text"].strip(' ,"') in text
            assert v["text"].strip(' ,"') in md
    for entity in data["entities"]:
        assert entity["name"] in text and entity["name"] in md
    for entry in data["timeline"]:
        assert entry["text"] in text and entry["text"] in md
    for sentence in data["summary"]:
        assert sentence["text"] in text and sentence["text"] in md


def test_long_statement_truncated_in_text_not_json(articles: tuple[Article, ...]) -> None:
    body = ("The water kept rising through the night while volunteers filled sandbags. " * 6).strip()
    article = Article("long", body, outlet="Gazette")
    fact = Fact("f", "single-source", 1, (stmt(article, body),))
    comparison = Comparison((article,), (("long",),), (), (fact,), (), (), ())
    text = render_report(comparison, "text")
    assert "…" in text
    assert body not in squash(text)
    assert comparison_to_json(comparison)["facts"][0]["statements"][0]["text"] == body


def test_unknown_format_raises(comparison: Comparison) -> None:
    with pytest.raises(ValueError, match="text, json, md, html"):
        render_report(comparison, "pdf")
    assert FORMATS == ("text", "json", "md", "html")


def test_single_article_with_note(schema: dict) -> None:
    article = Article("solo", "Only one report exists.", outlet="Solo News")
    comparison = Comparison((article,), (), (), (), (), (), (), notes=("Only one article: nothing to compare.",))
    for fmt in FORMATS:
        out = render_report(comparison, fmt)
        assert "Only one article: nothing to compare." in out
    text = render_report(comparison, "text")
    assert "1 article, 1 independent source" in text
    assert "Corroborated" not in text and "Quotes" not in text
    data = comparison_to_json(comparison)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert check_spans(data) == []


def test_empty_comparison_renders() -> None:
    comparison = Comparison((), (), (), (), (), (), ())
    for fmt in FORMATS:
        assert render_report(comparison, fmt)


def test_no_ansi_without_color(comparison: Comparison) -> None:
    assert not ANSI.search(render_report(comparison, "text", color=False))
    assert ANSI.search(render_report(comparison, "text", color=True))


def test_print_report_to_console(comparison: Comparison) -> None:
    buffer = StringIO()
    console = Console(file=buffer, width=120, color_system=None, force_terminal=False)
    print_report(comparison, console)
    assert "People and organisations" in buffer.getvalue()


def test_markup_in_article_text_is_not_interpreted() -> None:
    body = "Officials said [bold]nothing[/bold] about :warning: the *levee* <b>today</b>."
    article = Article("m", body, outlet="Odd [red]Outlet")
    fact = Fact("f", "single-source", 1, (stmt(article, body),))
    comparison = Comparison((article,), (), (), (fact,), (), (), ())
    text = render_report(comparison, "text", width=200)
    assert "[bold]nothing[/bold]" in text and ":warning:" in text and "Odd [red]Outlet" in text
    md = render_report(comparison, "md")
    assert "\\*levee\\*" in md and "&lt;b>" in md


def test_nationalities_stay_in_json_not_in_the_entity_list(comparison: Comparison) -> None:
    import dataclasses

    article = comparison.articles[0]
    norp = Entity("russian", "Russianish", "NORP", ("Russianish",), (EntityMention(article.id, 0, 5, article.text[:5]),))
    with_norp = dataclasses.replace(comparison, entities=comparison.entities + (norp,))
    assert "Russianish" not in render_report(with_norp, "text", width=200)
    assert "Russianish" not in render_report(with_norp, "md")
    assert any(e["name"] == "Russianish" for e in comparison_to_json(with_norp)["entities"])


def test_the_entity_table_counts_the_quotes_each_entity_speaks(comparison: Comparison) -> None:
    md = render_report(comparison, "md")
    header = next(line for line in md.splitlines() if line.startswith("| Name"))
    assert "| Quotes |" in header
    ruiz = next(line for line in md.splitlines() if line.startswith("| **Ana Ruiz**"))
    assert ruiz.split("|")[4].strip() == "1"  # q1 is hers (speaker_entity e1)
    millbrook = next(line for line in md.splitlines() if line.startswith("| **Millbrook**"))
    assert millbrook.split("|")[4].strip() == ""
    html = render_report(comparison, "html")
    assert 'title="Highlight what Ana Ruiz is quoted as saying">1</button>' in html
