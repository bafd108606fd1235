"""URLs: failure without network, success against a local server."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsprism.errors import NetworkError
from newsprism.ingest import read_article, read_articles

PAGE = b"""<!DOCTYPE html><html><head><title>Local story</title>
<meta property="og:site_name" content="Local News"></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Local story</h1>
<p>The council said on Tuesday that the bridge would reopen next month after repairs were finished.</p>
<p>Engineers found cracks in two supports last year, and the bridge has been closed since then.</p>
</article><footer>Contact us</footer></body></html>"""


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path != "/story":
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet server
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_url() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/story"
    with pytest.raises(NetworkError, match="could not fetch URL: .*save the page and pass the file instead"):
        read_article(url)
    result = read_articles([url])
    assert result.articles == []
    assert result.failures[0].source == url
    assert result.failures[0].message.startswith("could not fetch URL")


def test_url_success(server: str) -> None:
    [article] = read_article(f"{server}/story")
    assert article.source == f"{server}/story"
    assert article.url == f"{server}/story"
    assert article.text.startswith("The council said on Tuesday")
    assert "Sport" not in article.text and "Contact us" not in article.text
    assert article.title == "Local story"
    assert article.outlet == "Local News"


def test_http_error(server: str) -> None:
    with pytest.raises(NetworkError, match="HTTP 404"):
        read_article(f"{server}/missing")
