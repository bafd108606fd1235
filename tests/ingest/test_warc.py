"""WARC archives written with warcio inside the tests."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsprism.ingest.warc import is_warc, iter_warc

PARAGRAPHS = [
    "Floods swept through the eastern districts of the city on Tuesday, forcing hundreds of families from their homes.",
    "The mayor said emergency crews had rescued at least forty people from rooftops and stranded cars overnight.",
    "Forecasters warned that more rain was expected before the weekend and urged residents to stay indoors.",
]
PAGE = (
    "<html><head><title>Floods hit the city</title><meta name='author' content='Ann Lee'></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Floods hit the city</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article><footer>Copyright Example</footer></body></html>"
)


def write_warc(path: Path, records: list[tuple[str, str, bytes, str]], *, gzip: bool = True) -> Path:
    """Write (url, content type, body, HTTP status) response records, each after its request record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for url, content_type, body, status in records:
            request = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                                          http_headers=headers))  # a length: no temp file
    return path


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_reads_html_responses_only(tmp_path: Path, gzip: bool) -> None:
    path = write_warc(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), [
        ("https://example.org/floods", "text/html; charset=utf-8", PAGE.encode("utf-8"), "200 OK"),
        ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200), "200 OK"),
        ("https://example.org/gone", "text/html", b"<html><body>Not found</body></html>", "404 Not Found"),
    ], gzip=gzip)
    page, image, missing = list(iter_warc(path))
    assert page.source == f"{path}#https://example.org/floods"
    assert page.fields.title == "Floods hit the city"
    assert page.fields.text.split("\n\n") == PARAGRAPHS  # navigation and footer left out
    assert page.fields.url == "https://example.org/floods" and page.fields.meta["warc_date"]
    assert image.fields is None and "not an HTML page (image/png)" in str(image.error)
    assert missing.fields is None and "HTTP status 404" in str(missing.error)


def test_warc_declared_charset_is_used(tmp_path: Path) -> None:
    page = PAGE.replace("forty people", "forty people near the café").encode("cp1252")
    path = write_warc(tmp_path / "latin.warc.gz", [("https://example.org/cafe", "text/html; charset=windows-1252", page, "200 OK")])
    [record] = iter_warc(path)
    assert "near the café" in record.fields.text


def test_warc_oversized_and_textless_pages_are_errors(tmp_path: Path) -> None:
    big = ("<html><body><article>" + "<p>" + "word " * 300_000 + "</p></article></body></html>").encode()
    path = write_warc(tmp_path / "big.warc.gz", [
        ("https://example.org/big", "text/html", big, "200 OK"),
        ("https://example.org/menu", "text/html", b"<html><body><nav>Home</nav></body></html>", "200 OK"),
    ])
    big_record, menu = iter_warc(path, max_bytes=1_000_000)
    assert "too large" in str(big_record.error)
    assert "no article text" in str(menu.error)


def test_warc_damaged_archive_ends_with_an_error(tmp_path: Path) -> None:
    good = write_warc(tmp_path / "good.warc", [("https://example.org/floods", "text/html", PAGE.encode(), "200 OK")], gzip=False)
    damaged = tmp_path / "damaged.warc"
    damaged.write_bytes(good.read_bytes() + b"\x00garbage" * 10)
    records = list(iter_warc(damaged))
    assert records[0].fields is not None
    assert records[-1].error is not None and "not a readable WARC file" in str(records[-1].error)
    not_warc = tmp_path / "notes.warc"
    not_warc.write_text("hello", encoding="utf-8")
    [only] = iter_warc(not_warc)
    assert "not a readable WARC file after 0" in str(only.error)


def test_warc_suffixes() -> None:
    assert is_warc("a.warc") and is_warc("A.WARC.GZ") and is_warc("old.arc.gz")
    assert not is_warc("a.warc.txt")
