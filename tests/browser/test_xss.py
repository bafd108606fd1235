"""Untrusted article text in a real browser: script, onerror, javascript: links and a huge line stay inert text.

The page is opened twice: as it is, and with its Content-Security-Policy bypassed, so that the escaping
itself is tested and not only the policy that backs it up.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from newsprism.report import render_report


@pytest.fixture(params=[False, True], ids=["with-csp", "csp-bypassed"])
def hostile_page(request, browser: Browser, hostile_comparison, tmp_path):
    """The hostile comparison's report, open; ``page.dialogs`` and ``page.requests`` record what it tried."""
    path = tmp_path / "hostile.html"
    path.write_text(render_report(hostile_comparison, "html"), encoding="utf-8")
    context = browser.new_context(bypass_csp=request.param, viewport={"width": 1200, "height": 800})
    page = context.new_page()
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    yield page, dialogs, requests
    context.close()


def touch_everything(page: Page) -> None:
    """Hover, click and focus what the report's script reacts to, so that every code path meets the hostile text."""
    for locator in (page.locator(".text .seg[data-f]"), page.locator("main [data-spans]")):
        for i in range(locator.count()):
            item = locator.nth(i)
            for event in ("mouseover", "focusin", "click"):
                item.dispatch_event(event)
            page.keyboard.press("Escape")


def test_hostile_markup_stays_text(hostile_page, hostile_comparison) -> None:
    page, dialogs, requests = hostile_page
    touch_everything(page)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert requests == [page.url]  # no <img src=x> fetched, nothing else either
    assert page.locator("#a1").text_content() == hostile_comparison.articles[0].text
    assert page.locator("img, svg, iframe, object, embed").count() == 0
    assert page.locator('[href^="javascript:" i]').count() == 0
    assert page.locator("body b, body i, body u").count() == 0


def test_fact_panel_copies_text_not_markup(hostile_page) -> None:
    page, dialogs, _ = hostile_page
    page.locator('#a1 .seg[data-f~="f2"]').first.click()
    panel = page.locator("#fact-panel")
    assert "<img src=x onerror=alert(5)>" in panel.text_content()
    assert panel.locator("img").count() == 0
    assert dialogs == []


def test_huge_line_wraps_inside_the_page(hostile_page) -> None:
    page, _, _ = hostile_page
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator(".article").first.bounding_box()
    assert box["x"] + box["width"] <= width
