"""The web app through FastAPI's TestClient: pages, JSON API, errors, limits and the token."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import jsonschema
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsprism.cli import cli
from newsprism.errors import NewsprismError
from newsprism.model import Article, Comparison, content_id
from newsprism.report import comparison_to_json
from newsprism.serve import ServeOptions, create_app
from newsprism.serve.guard import TokenGuard, check_bind

FLOOD = ("Floods hit Millbrook on Tuesday; eight people died.", "Floods struck Millbrook on Tuesday, killing twelve.")


@pytest.fixture
def flood() -> Comparison:
    """A plain two-outlet story, dated, beside the hostile one (undated, one outlet)."""
    articles = tuple(
        Article(content_id(text), text, title=f"Millbrook floods ({outlet})", outlet=outlet, published=date(2024, 3, day))
        for text, outlet, day in zip(FLOOD, ("Gazette", "Northern Post"), (12, 13), strict=True)
    )
    return Comparison(articles, (), (), (), (), (), ())


@pytest.fixture
def db(make_store, hostile_comparison, flood):
    return make_store(hostile_comparison, flood)


@pytest.fixture
def client(db) -> TestClient:
    return TestClient(create_app(db))


def test_stories_page_lists_newest_first_and_escapes(client, flood, hostile_comparison) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.text.index("Millbrook floods") < page.text.index("&lt;svg onload")  # dated first, markup shown as text
    assert "<svg" not in page.text
    assert f'href="/stories/{flood.articles[0].id}"' in page.text
    row = next(line for line in page.text.splitlines() if "Millbrook floods" in line)
    assert "0 corroborated · 0 single-source" in row  # its cached comparison's fact counts


def test_stories_filters_and_search(client, flood) -> None:
    assert "Millbrook" not in client.get("/", params={"q": "officials"}).text.split("Matching articles")[0]
    found = client.get("/", params={"q": "twelve"}).text
    assert "Millbrook floods" in found and "Matching articles" in found and "[twelve]" in found
    assert "No stories match" in client.get("/", params={"outlet": "nobody"}).text
    blank_form = client.get("/", params={"q": "", "outlet": "", "since": "", "min_sources": ""})
    assert blank_form.status_code == 200 and "Millbrook floods" in blank_form.text
    bad = client.get("/", params={"since": "yesterday"})
    assert bad.status_code == 400 and "&#39;yesterday&#39; is not a valid since" in bad.text
    assert "Millbrook" in client.get("/", params={"since": "2024-03-13", "min_sources": "2"}).text
    api = client.get("/api/stories", params={"since": "2024-03-13", "min_sources": 2}).json()
    assert [s["id"] for s in api["stories"]] == [flood.articles[0].id]  # the hostile story is undated
    assert sorted(api["stories"][0]["outlets"]) == ["Gazette", "Northern Post"]
    assert client.get("/api/stories", params={"min_sources": 3}).json()["stories"] == []
    assert [s["size"] for s in client.get("/api/stories", params={"outlet": "gazette"}).json()["stories"]] == [2]
    assert len(client.get("/api/stories").json()["stories"]) == 2


def test_story_page_is_the_html_report(client, hostile_comparison) -> None:
    story = hostile_comparison.articles[0].id
    page = client.get(f"/stories/{story}")
    assert page.status_code == 200
    assert 'id="newsprism-data"' in page.text and 'class="cite"' in page.text
    assert '<a href="/">' in page.text


def test_story_api_and_comparison_contract(client, hostile_comparison, schema) -> None:
    story = hostile_comparison.articles[0].id
    detail = client.get(f"/api/stories/{story}").json()
    assert set(detail["article_ids"]) == {a.id for a in hostile_comparison.articles}
    data = client.get(f"/api/stories/{story}/comparison").json()
    jsonschema.validate(data, schema)
    assert data == comparison_to_json(hostile_comparison)


def test_article_page_and_api(client, hostile_comparison) -> None:
    evil = hostile_comparison.articles[0]
    page = client.get(f"/articles/{evil.id}")
    assert page.status_code == 200 and "&lt;script&gt;window.__pwned" in page.text and 'href="javascript:' not in page.text
    data = client.get(f"/api/articles/{evil.id}").json()
    assert data["text"] == evil.text and data["outlet"] == evil.outlet
    hits = client.get("/api/articles", params={"q": "photo shared"}).json()["articles"]
    assert {h["article_id"] for h in hits} == {a.id for a in hostile_comparison.articles}


@pytest.mark.parametrize(
    "path",
    ["/stories/nope", "/articles/nope", "/api/stories/nope", "/api/stories/nope/comparison", "/api/articles/nope",
     "/stories/..%2F..%2Fetc%2Fpasswd", "/docs/..%2F..%2Fsetup.py", "/static/../pyproject.toml"],
)
def test_unknown_things_are_404_with_a_message(client, path) -> None:
    response = client.get(path)
    assert response.status_code == 404
    message = response.json()["detail"] if path.startswith("/api/") else response.text
    assert "Traceback" not in message and ("No " in message or "Not Found" in message or "no story" in message)


def test_bad_parameters_are_422_with_a_message(client) -> None:
    response = client.get("/api/stories", params={"limit": 0, "since": "yesterday"})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "limit" in detail and "since" in detail


@pytest.mark.parametrize(
    "body",
    [
        {"articles": [{"text": "only one"}]},
        {"articles": [{"text": "a", "url": "https://x.example/"}, {"text": "b"}]},
        {"articles": [{"title": "no text"}, {"text": "b"}]},
        {"articles": [{"text": "x"}] * 21},
        {"nothing": True},
    ],
)
def test_compare_api_rejects_bad_bodies(client, body) -> None:
    response = client.post("/api/compare", json=body)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Invalid request: ")


def test_compare_reports_unreadable_inputs(client) -> None:
    response = client.post("/api/compare", json={"articles": [{"url": "ftp://x.example/a"}, {"text": "   "}]})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "Only 0 of the articles could be read" in detail and "not an http(s) address" in detail
    page = client.post("/compare", data={"text": "one article only", "urls": ""})
    assert page.status_code == 400 and "Send between 2 and 20 articles" in page.text


def test_request_body_limit(make_store) -> None:
    client = TestClient(create_app(make_store(), options=ServeOptions(max_body_bytes=2000)))
    response = client.post("/api/compare", json={"articles": [{"text": "x" * 3000}, {"text": "y"}]})
    assert response.status_code == 413
    assert response.json()["detail"]
    upload = client.post("/compare", files={"files": ("big.txt", b"z" * 5000, "text/plain")})
    assert upload.status_code == 413
    chunked = client.post("/api/compare", content=(b" " * 1000 for _ in range(3)),
                          headers={"content-type": "application/json"})  # no Content-Length: counted as it comes
    assert chunked.status_code == 413 and "2,000 bytes" in chunked.json()["detail"]


def test_missing_store_is_a_clear_error_and_compare_still_works(tmp_path) -> None:
    client = TestClient(create_app(tmp_path / "absent.db"))
    response = client.get("/api/stories")
    assert response.status_code == 503
    assert "newsprism ingest" in response.json()["detail"]
    assert "newsprism ingest" in client.get("/").text
    assert client.get("/compare").status_code == 200
    assert not (tmp_path / "absent.db").exists()


def test_internal_errors_hide_the_traceback(db, monkeypatch) -> None:
    from newsprism.store import Store

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(Store, "stories", broken)
    client = TestClient(create_app(db), raise_server_exceptions=False)
    response = client.get("/api/stories")
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal error; the server's log has the details."}
    assert "secret detail" not in client.get("/").text


def test_token_is_checked_on_every_request(db) -> None:
    client = TestClient(create_app(db, token="s3cret"))
    for path in ("/", "/api/stories", "/docs", "/openapi.json", "/compare"):
        response = client.get(path)
        assert response.status_code == 401, path
        assert "token" in response.json()["detail"]
    assert client.get("/api/stories", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/api/stories", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert client.post("/api/compare?token=s3cret", json={}).status_code == 422  # past the guard


def test_token_in_the_address_becomes_a_cookie(db) -> None:
    client = TestClient(create_app(db, token="s3cret"))
    response = client.get("/api/stories?limit=5&token=s3cret", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/api/stories?limit=5"
    assert "HttpOnly" in response.headers["set-cookie"] and "s3cret" not in response.headers["set-cookie"]
    assert client.get("/api/stories").status_code == 200  # the cookie now carries it


def test_token_redirect_stays_on_this_site() -> None:
    sent = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "//evil.example/x", "raw_path": b"//evil.example/x",
             "query_string": b"token=s3cret", "headers": []}
    # In a thread of its own: Playwright's sync API keeps an event loop running in the main thread
    # when the browser tests ran first.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, TokenGuard(None, "s3cret")(scope, receive, send)).result()
    assert sent[0]["status"] == 303
    assert dict(sent[0]["headers"])[b"location"] == b"/evil.example/x"  # not "//evil.example/x", another host


def test_check_bind() -> None:
    for host in ("127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"):
        check_bind(host, None)
    check_bind("0.0.0.0", "s3cret")
    with pytest.raises(NewsprismError, match="--token"):
        check_bind("0.0.0.0", None)
    with pytest.raises(NewsprismError):
        check_bind("192.168.1.5", "")


def test_cli_serve_refuses_a_public_address_without_a_token(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("NEWSPRISM_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0
    assert "--token" in str(result.exception)


def test_security_headers_and_page_policy(client) -> None:
    response = client.get("/")
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "default-src &#39;none&#39;" in response.text and "<script" not in response.text


def test_openapi_docs_are_served_offline(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/comparison", "/api/articles",
                 "/api/articles/{article_id}", "/api/compare"):
        assert path in paths
    docs = client.get("/docs").text
    assert "/docs/swagger-ui-bundle.js" in docs and "cdn." not in docs
    bundle = client.get("/docs/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and bundle.headers["content-type"].startswith("text/javascript")


@pytest.mark.model
def test_compare_api_and_page_with_real_articles(client, example_articles, schema) -> None:
    bodies = [{"text": a.text, "outlet": a.outlet, "title": a.title} for a in example_articles]
    data = client.post("/api/compare", json={"articles": bodies}).json()
    jsonschema.validate(data, schema)
    assert len(data["articles"]) == 2 and data["facts"]
    first, second = example_articles
    page = client.post(
        "/compare",
        data={"text": first.text, "urls": "ftp://nowhere.example/x"},
        files={"files": ("lbc.txt", second.text.encode("utf-8"), "text/plain")},
    )
    assert page.status_code == 200
    assert 'class="seg s-corroborated' in page.text
    assert "skipped ftp://nowhere.example/x" in page.text  # the unreadable input, noted
