"""The HTML report of the example pair in a real browser: highlights, legend, citation jumps, fact details."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.model


@pytest.fixture
def report(page: Page, open_report, example_comparison) -> dict:
    """Open the example pair's report; return the JSON report embedded in it."""
    open_report(example_comparison)
    return json.loads(page.locator("#newsprism-data").text_content())


def cited_text(data: dict, number: int, citations: list[dict]) -> str:
    """The characters of article ``number`` that some citations cover, in text order (overlaps counted once)."""
    article = data["articles"][number - 1]
    covered = sorted({i for c in citations if c["article"] == article["id"] for i in range(c["start"], c["end"])})
    return "".join(article["text"][i] for i in covered)


def test_report_page_shows_articles_highlights_and_legend(page: Page, report: dict, requests_made, tmp_path) -> None:
    for number, article in enumerate(report["articles"], start=1):
        assert page.locator(f"#a{number}").text_content() == article["text"]  # offsets survive rendering
    statuses = {f["status"] for f in report["facts"]}
    for status in statuses:
        expect(page.locator(f".text .seg.s-{status}").first).to_be_visible()
    legend = page.get_by_role("list", name="Legend: what the highlight colours mean")
    for status in ("corroborated", "single-source", "differs", "conflicts"):
        count = sum(f["status"] == status for f in report["facts"])
        expect(legend).to_contain_text(f"{status} ({count})")
    expect(page.locator("#quotes .col.replace").first).to_be_visible()  # a variant quote, aligned word by word
    shot = tmp_path / "report.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 50_000
    assert requests_made == [page.url]  # the report file itself, nothing else


def test_citation_mark_scrolls_to_and_highlights_the_cited_characters(page: Page, report: dict) -> None:
    sentence = next(s for s in report["summary"] if any(c["article"] == report["articles"][1]["id"] for c in s["citations"]))
    index = report["summary"].index(sentence)
    mark = page.locator("#summary li").nth(index).locator("a.cite", has_text="[2]")
    mark.click()
    highlighted = page.locator("#a2 .seg.hl")
    expect(highlighted.first).to_be_in_viewport()
    assert "".join(highlighted.all_text_contents()) == cited_text(report, 2, sentence["citations"])
    assert page.locator(".seg.hl").count() == highlighted.count()  # nothing else stays highlighted
    expect(page.locator("#announce")).to_contain_text("Highlighted")


def test_clicking_a_fact_shows_its_counterparts_and_what_differs(page: Page, report: dict) -> None:
    fact = next(f for f in report["facts"] if f["differences"] and len({s["article"] for s in f["statements"]}) > 1)
    first = fact["statements"][0]
    number = next(n for n, a in enumerate(report["articles"], start=1) if a["id"] == first["article"])
    page.locator(f'#a{number} .seg[data-f~="{fact["id"]}"]').first.click()
    panel = page.locator("#fact-panel")
    expect(panel).to_be_visible()
    for statement in fact["statements"]:
        expect(panel).to_contain_text(" ".join(statement["text"].split())[:60])
    for difference in fact["differences"]:
        expect(panel).to_contain_text(difference["kind"])
    other = 3 - number
    expect(page.locator(f'#a{other} .seg.peer[data-f~="{fact["id"]}"]').first).to_be_visible()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()


def test_keyboard_reaches_a_fact(page: Page, report: dict) -> None:
    segment = page.locator('#a1 .seg[tabindex="0"]').first
    segment.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#fact-panel")).to_be_visible()
    page.locator("#fact-panel .jump").first.click()  # a statement in the panel jumps to its text
    expect(page.locator(".seg.hl").first).to_be_in_viewport()


def test_entity_button_highlights_every_mention(page: Page, report: dict) -> None:
    entity = next(e for e in report["entities"] if len(e["aliases_by_article"]) == 2 and e["label"] == "PERSON")
    page.locator("#entities button", has_text=entity["name"]).first.click()
    for number in (1, 2):
        assert "".join(page.locator(f"#a{number} .seg.hl").all_text_contents()) == cited_text(report, number, entity["mentions"])


def test_narrow_screen_stacks_the_articles(page: Page, report: dict) -> None:
    first, second = page.locator(".article").nth(0), page.locator(".article").nth(1)
    wide = first.bounding_box(), second.bounding_box()
    assert wide[0]["y"] == wide[1]["y"] and wide[1]["x"] > wide[0]["x"]
    page.set_viewport_size({"width": 390, "height": 800})
    narrow = first.bounding_box(), second.bounding_box()
    assert narrow[1]["y"] >= narrow[0]["y"] + narrow[0]["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_print_hides_the_controls(page: Page, report: dict) -> None:
    page.locator('#a1 .seg[tabindex="0"]').first.click()
    page.emulate_media(media="print")
    expect(page.locator("#fact-panel")).to_be_hidden()
    expect(page.locator("#download-json")).to_be_hidden()
    expect(page.locator("#a2")).to_be_visible()


def test_download_json_is_the_embedded_report(page: Page, report: dict, tmp_path) -> None:
    with page.expect_download() as download:
        page.locator("#download-json").click()
    path = tmp_path / "report.json"
    download.value.save_as(path)
    assert json.loads(path.read_text(encoding="utf-8")) == report
