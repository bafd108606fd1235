"""Plain-text articles: headline, byline, captions, wire hints."""

from __future__ import annotations

from pathlib import Path

from newsprism.ingest import read_article
from newsprism.ingest.text import find_wire, parse_byline, parse_plain_text, split_caption

LBC_TITLE = "Vladimir Putin tells Donald Trump Russia will ‘pursue its goals’ in Ukraine despite call to end war"


def test_lbc_example(examples_dir: Path) -> None:
    [article] = read_article(examples_dir / "lbc.txt")
    assert article.title == LBC_TITLE
    assert article.authors == ("Frankie Elliott",)
    assert article.text.startswith("Vladimir Putin told US president")
    assert "Picture: Alamy" not in article.text
    assert "By Frankie Elliott" not in article.text
    assert article.meta["credits"] == ["Alamy"]
    assert len(article.meta["captions"]) == 1
    assert article.meta["captions"][0].startswith("According to Kremlin aide Yury Ushakov, President Trump urged")
    assert article.language == "en"
    assert article.source == str(examples_dir / "lbc.txt")
    assert article.label == "LBC"  # from the sidecar lbc.txt.meta.json
    assert "wire" not in article.meta


def test_lbc_body_keeps_original_characters(examples_dir: Path) -> None:
    [article] = read_article(examples_dir / "lbc.txt")
    assert '"Russia will continue to pursue its goals"' in article.text
    assert "\n\n" in article.text and "\n\n\n" not in article.text


def test_afp_example_has_no_title_and_a_wire_hint(examples_dir: Path) -> None:
    [article] = read_article(examples_dir / "afp-wire.txt")
    assert article.title is None
    assert article.meta["wire"] == ["AFP"]
    assert article.text.startswith("Russian President Vladimir Putin told U.S. President Donald Trump")
    assert article.authors == ()
    assert article.language == "en"


def test_single_newline_paragraphs_become_blank_line_separated() -> None:
    parsed = parse_plain_text("First sentence here.\nSecond paragraph here.")
    assert parsed.title is None
    assert parsed.body == "First sentence here.\n\nSecond paragraph here."


def test_title_rules() -> None:
    assert parse_plain_text("Storm hits coast\n\nThe storm hit the coast.").title == "Storm hits coast"
    assert parse_plain_text("Storm hits coast").title is None  # the only paragraph
    assert parse_plain_text("The storm hit the coast.\n\nMore text.").title is None
    assert parse_plain_text('He said "go."\n\nMore text.').title is None
    # a hard-wrapped first sentence is not a headline
    assert parse_plain_text("The storm that hit the coast on\nMonday killed two.\n\nMore.").title is None
    # a headline directly followed by the body on the next line
    parsed = parse_plain_text("Storm hits coast\nThe storm hit the coast.\n\nMore text.")
    assert parsed.title == "Storm hits coast"
    assert parsed.body == "The storm hit the coast.\n\nMore text."


def test_markdown_heading_is_the_title() -> None:
    parsed = parse_plain_text("# Storm hits coast\n\nThe storm hit the coast.")
    assert parsed.title == "Storm hits coast"
    assert parsed.body == "The storm hit the coast."


def test_bylines() -> None:
    assert parse_byline("By Frankie Elliott") == (("Frankie Elliott",), None)
    assert parse_byline("By Jane Doe and John Smith") == (("Jane Doe", "John Smith"), None)
    assert parse_byline("By Jane Doe, Reuters") == (("Jane Doe",), "Reuters")
    assert parse_byline("By Jane Doe, Political Correspondent") == (("Jane Doe",), None)
    assert parse_byline("By Ahmed al-Sharif in Kyiv") == (("Ahmed al-Sharif",), None)
    assert parse_byline("By the end of the day, talks had stalled")[0] == ()
    assert parse_byline("By Monday, prices had risen")[0] == ()


def test_byline_agency_goes_to_wire() -> None:
    parsed = parse_plain_text("Storm hits coast\n\nBy Jane Doe, Reuters\n\nThe storm hit the coast.")
    assert parsed.authors == ("Jane Doe",)
    assert parsed.wire == ["Reuters"]
    assert parsed.body == "The storm hit the coast."


def test_captions() -> None:
    assert split_caption("Smoke over Kyiv (Photo by Sergei Supinsky/AFP)") == ("Smoke over Kyiv", "Sergei Supinsky/AFP")
    assert split_caption("Putin spoke by phone. Photo: Getty Images") == ("Putin spoke by phone.", "Getty Images")
    assert split_caption("Firefighters at the scene. Getty Images") == ("Firefighters at the scene.", "Getty Images")
    assert split_caption("The minister spoke to Reuters.") is None
    assert split_caption('"We will win," Zelensky told AFP') is None
    assert split_caption("It was over. Zelensky told AFP") is None
    assert split_caption("Rescuers in Kyiv. Sergei Supinsky/AFP via Getty Images") == (
        "Rescuers in Kyiv.",
        "Sergei Supinsky/AFP via Getty Images",
    )
    assert split_caption("He said that was all. He left.") is None


def test_trailing_reporting_line() -> None:
    parsed = parse_plain_text("The storm hit.\n\nIt rained.\n\nReporting by Jane Doe; Editing by Bob Roe")
    assert parsed.body == "The storm hit.\n\nIt rained."
    assert parsed.authors == ("Jane Doe",)
    assert parsed.reporting == "Reporting by Jane Doe; Editing by Bob Roe"


def test_find_wire() -> None:
    assert find_wire("KYIV (AP) — Officials told Reuters. Agence France-Presse said.") == ["AP", "Reuters", "AFP"]
    assert find_wire("According to the Associated Press, it rained.") == ["AP"]
    assert find_wire("Nothing to see here, apart from a map.") == []
