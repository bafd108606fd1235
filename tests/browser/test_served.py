"""``newsprism serve`` in a real browser: the stories list, a story's report, the API docs, all offline."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from newsprism.serve import create_app


@pytest.mark.model
def test_served_story_page(page: Page, requests_made, serve_app, make_store, example_comparison, tmp_path) -> None:
    base = serve_app(create_app(make_store(example_comparison)))
    page.goto(f"{base}/")
    story = page.locator("table a").first
    expect(story).to_have_attribute("href", f"/stories/{example_comparison.articles[0].id}")
    story.click()
    expect(page.locator("#a1 .seg.s-corroborated").first).to_be_visible()
    page.locator("#summary a.cite").last.click()
    expect(page.locator(".seg.hl").first).to_be_in_viewport()
    shot = tmp_path / "served-story.png"
    page.screenshot(path=shot)
    assert shot.stat().st_size > 20_000
    page.get_by_role("link", name="All stories").click()
    expect(page).to_have_url(f"{base}/")
    assert all(url.startswith(base) for url in requests_made), requests_made


def test_served_api_docs_work_offline(page: Page, requests_made, serve_app, make_store) -> None:
    base = serve_app(create_app(make_store()))
    page.goto(f"{base}/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("newsprism")
    expect(page.locator(".swagger-ui").get_by_text("/api/stories/{story_id}/comparison")).to_be_visible()
    assert all(url.startswith(base) for url in requests_made), requests_made
