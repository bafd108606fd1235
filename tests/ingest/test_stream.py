"""Streaming many kinds of sources at once, with every kind of bad input (all built here; no network)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from newsprism.errors import InputError, NetworkError
from newsprism.ingest import stream
from newsprism.ingest.stream import Skipped, iter_articles, skip_reason
from newsprism.ingest.url import Fetched
from newsprism.model import Article

from .test_feeds import ATOM, RSS
from .test_warc import PAGE, write_warc

GERMAN = (
    "Der russische Präsident Wladimir Putin hat dem US-Präsidenten Donald Trump in einem Telefonat gesagt, "
    "dass Russland seine Ziele in der Ukraine nicht aufgeben werde. Das Gespräch dauerte fast eine Stunde."
)


def story(n: int) -> str:
    return (f"Story {n}: the council approved the budget for the new bridge on Monday after a long debate, "
            f"and the mayor said work would start in the spring. It is item number {n} of the test.")


def kinds(items: list) -> tuple[list[Article], Counter[str]]:
    articles = [i for i in items if isinstance(i, Article)]
    reasons = Counter(i.reason for i in items if isinstance(i, Skipped))
    return articles, reasons


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of every kind of input, good and bad."""
    root = tmp_path / "corpus"
    (root / "pages").mkdir(parents=True)
    lines = [json.dumps({"text": story(1), "outlet": "Daily", "title": "One", "published": "2025-07-03"}),
             "{this is not json",
             json.dumps({"title": "no text here"}),
             json.dumps({"text": GERMAN, "outlet": "Zeitung"}),
             "",
             json.dumps({"text": "big " * (6 * 1024 * 1024 // 4), "outlet": "Huge"}),
             json.dumps({"text": story(2), "outlet": "Daily"})]
    (root / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "table.csv").write_text(
        'title,text,outlet,authors,published\n"Three","' + story(3) + '",Courier,"Ann Lee; Bo Chan",2025-07-04\n'
        '"Empty","",Courier,,\n', encoding="utf-8")
    (root / "pages" / "a.txt").write_text("Bridge vote\n\n" + story(4), encoding="utf-8")
    (root / "pages" / "a.txt.meta.json").write_text(json.dumps({"outlet": "Gazette"}), encoding="utf-8")
    (root / "pages" / "b.html").write_text(PAGE, encoding="utf-8")
    (root / "pages" / ".hidden.txt").write_text(story(99), encoding="utf-8")
    (root / "pages" / "empty.txt").write_text("   \n", encoding="utf-8")
    (root / "news.rss").write_text(RSS, encoding="utf-8")
    (root / "broken.rss").write_text("<html><body><p>This page is not a feed.</p></body></html>", encoding="utf-8")
    write_warc(root / "crawl.warc.gz", [("https://example.org/floods", "text/html", PAGE.replace("Tuesday", "Wednesday").encode(), "200 OK"),
                                        ("https://example.org/logo.png", "image/png", b"\x89PNG" + bytes(64), "200 OK")])
    return root


def test_stream_reads_every_kind_and_counts_every_bad_input(corpus: Path) -> None:
    articles, reasons = kinds(list(iter_articles([corpus], fetch=False)))  # no text: JSON, CSV, .txt, 2 feed entries
    assert reasons == Counter({"bad JSON line": 1, "no text": 5, "not English": 1, "too large": 1, "not a feed": 1,
                               "non-HTML WARC record": 1})
    by_source = {Path(a.source.split("#")[0].split(":")[0]).name: a for a in articles}
    assert set(by_source) == {"records.jsonl", "table.csv", "a.txt", "b.html", "news.rss", "crawl.warc.gz"}
    assert [a.outlet for a in articles if "records.jsonl" in a.source] == ["Daily", "Daily"]
    assert by_source["table.csv"].authors == ("Ann Lee", "Bo Chan") and by_source["table.csv"].title == "Three"
    assert by_source["a.txt"].outlet == "Gazette" and by_source["a.txt"].title == "Bridge vote"
    assert by_source["news.rss"].outlet == "Example News"
    assert by_source["crawl.warc.gz"].url == "https://example.org/floods"
    assert not any("99" in a.text for a in articles)  # hidden files are left out


def test_stream_skips_a_50_mb_article_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, instant to make
    monkeypatch.setattr(stream, "load_records", lambda name: pytest.fail("the file was read"))
    [skipped] = iter_articles([huge])
    assert skipped.reason == "too large" and "50 MB" in skipped.message and skipped.source == str(huge)


def test_stream_is_lazy(tmp_path: Path) -> None:
    files = []
    for n in range(3):
        path = tmp_path / f"{n}.txt"
        path.write_text(story(n), encoding="utf-8")
        files.append(path)
    pulled = []

    def sources():
        for path in files:
            pulled.append(path)
            yield path

    items = iter_articles(sources())
    first = next(items)
    assert first.source == str(files[0]) and pulled == files[:1]


def test_stream_opml_reads_its_feeds_and_counts_bad_ones(tmp_path: Path) -> None:
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "atom.xml").write_text(ATOM, encoding="utf-8")
    (tmp_path / "page.xml").write_text("<html><body>not a feed</body></html>", encoding="utf-8")
    opml = tmp_path / "subs.opml"
    opml.write_text('<opml version="2.0"><body><outline xmlUrl="news.rss"/><outline xmlUrl="atom.xml"/>'
                    '<outline xmlUrl="page.xml"/><outline xmlUrl="missing.rss"/></body></opml>', encoding="utf-8")
    articles, reasons = kinds(list(iter_articles([opml], fetch=False)))
    assert [a.outlet for a in articles] == ["Example News", "Atom Times"]
    assert reasons == Counter({"no text": 2, "not a feed": 1, "unreadable": 1})  # two RSS entries lack text; a missing file


def test_stream_fetches_feeds_and_teaser_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = {
        "https://example.org/rss": Fetched(RSS.encode(), "https://example.org/rss", "application/rss+xml", "utf-8"),
        "https://example.org/teaser": Fetched(PAGE.encode(), "https://example.org/teaser", "text/html", "utf-8"),
        "https://example.org/article": Fetched(PAGE.replace("Tuesday", "Monday").encode(), "https://example.org/article", "text/html", None),
    }

    def fake_fetch(url: str) -> Fetched:
        if url not in pages:
            raise NetworkError("could not fetch URL: the server answered HTTP 404 Not Found; save the page and pass the file instead")
        return pages[url]

    monkeypatch.setattr(stream, "fetch_url", fake_fetch)
    items = list(iter_articles(["https://example.org/rss", "https://example.org/article", "https://example.org/missing"]))
    articles, reasons = kinds(items)
    assert [a.url for a in articles] == ["https://example.org/storm", "https://example.org/teaser", "https://example.org/article"]
    teaser = articles[1]
    assert teaser.title == "Floods hit the city" and teaser.outlet == "Example News"  # the feed fills what the page lacks
    assert teaser.meta["feed_entry"] == "https://example.org/rss#2"
    assert reasons == Counter({"no text": 1, "fetch failed": 1})
    off = kinds(list(iter_articles(["https://example.org/rss"], fetch=False)))
    assert off[1] == Counter({"fetch off": 1})


def test_stream_run_options(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(story(1), encoding="utf-8")
    [article] = iter_articles(path, outlet="Wire", published="2025-07-05")
    assert article.outlet == "Wire" and article.published.isoformat() == "2025-07-05"
    with pytest.raises(InputError, match="not a date"):
        next(iter_articles([path], published="yesterday-ish"))


@pytest.mark.parametrize(("message", "reason"), [
    ("x.jsonl: line 3 is not JSON (Expecting value)", "bad JSON line"),
    ("x.jsonl: line 5 has no article text (expected ...)", "no text"),
    ("page.html: no article text found in this web page; ...", "no text"),
    ("a.txt: the file is empty", "no text"),
    ("feed.rss: not an RSS or Atom feed", "not a feed"),
    ("a.warc#u: not an HTML page (image/png)", "non-HTML WARC record"),
    ("a.txt: file not found; check the path", "unreadable"),
])
def test_stream_skip_reasons(message: str, reason: str) -> None:
    assert skip_reason(InputError(message)) == reason


def test_stream_survives_a_reader_bug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "b.txt").write_text(story(1), encoding="utf-8")

    def broken(data: bytes, name: str):
        raise RuntimeError("boom")

    monkeypatch.setattr(stream, "parse_feed", broken)
    articles, reasons = kinds(list(iter_articles([tmp_path / "a.rss", tmp_path / "b.txt"])))
    assert reasons == Counter({"unexpected error": 1}) and len(articles) == 1


def test_count_items_knows_the_length_of_files_folders_and_archives(tmp_path):
    from newsprism.ingest.stream import count_items

    from .test_warc import PAGE, write_warc

    (tmp_path / "corpus.jsonl").write_text('{"text": "one"}\n\n{"text": "two"}\n{bad line\n', encoding="utf-8")
    (tmp_path / "rows.csv").write_text("title,text\nA,one\nB,two\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "a.txt").write_text("An article.", encoding="utf-8")
    (tmp_path / "folder" / ".hidden.txt").write_text("Left out.", encoding="utf-8")
    write_warc(tmp_path / "crawl.warc.gz", [("https://example.org/a", "text/html", PAGE.encode(), "200 OK"),
                                            ("https://example.org/b", "text/html", PAGE.encode(), "200 OK")])
    sources = [str(tmp_path / n) for n in ("corpus.jsonl", "rows.csv", "folder", "crawl.warc.gz")]
    assert count_items(sources) == 3 + 2 + 1 + 2
    items = list(iter_articles(sources, fetch=False))
    assert len(items) == count_items(sources)  # the bar's total is what the stream yields
    assert count_items([*sources, "https://example.org/feed.rss"]) is None  # a URL's length is unknown
