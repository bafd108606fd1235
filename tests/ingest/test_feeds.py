"""RSS/Atom feeds and OPML lists, built in the tests (no network)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.ingest.feeds import html_fragment_text, looks_like_feed, looks_like_opml, parse_feed, parse_opml

BODY = " ".join(f"Sentence number {i} of the full article about the storm that hit the coast." for i in range(12))

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Example News</title>
  <link>https://example.org/</link>
  <item>
    <title>Storm hits the coast</title>
    <link>https://example.org/storm</link>
    <pubDate>Thu, 03 Jul 2025 10:00:00 GMT</pubDate>
    <author>jane@example.org (Jane Doe)</author>
    <description>A short teaser.</description>
    <content:encoded><![CDATA[<p>{BODY}</p><p>Picture: Alamy</p><p>Second paragraph of the <b>article</b>.</p>]]></content:encoded>
  </item>
  <item>
    <title>Only a teaser</title>
    <link>https://example.org/teaser</link>
    <description>Read more on our site.</description>
  </item>
  <item><title>Nothing at all</title></item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Times</title>
  <entry>
    <title>Atom story</title>
    <link href="https://atom.example/story"/>
    <id>urn:1</id>
    <updated>2025-07-04T08:00:00Z</updated>
    <author><name>John Smith</name></author>
    <content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_feeds_rss_entries_become_records() -> None:
    full, teaser, empty = parse_feed(RSS.encode(), "news.rss")
    fields = full.fields
    assert full.source == "news.rss#1"
    assert fields.title == "Storm hits the coast" and fields.outlet == "Example News"
    assert fields.url == "https://example.org/storm" and fields.published == date(2025, 7, 3)
    assert fields.authors == ("Jane Doe",)
    assert fields.text.startswith("Sentence number 0") and fields.text.endswith("Second paragraph of the article.")
    assert "Alamy" not in fields.text and fields.meta["credits"]  # caption credit taken out, as in .txt files
    assert fields.meta["full_text"] is True
    assert teaser.fields.meta["full_text"] is False and teaser.fields.url == "https://example.org/teaser"
    assert empty.fields is None and "no text and no link" in str(empty.error)


def test_feeds_atom() -> None:
    [entry] = parse_feed(ATOM.encode(), "atom.xml")
    assert entry.fields.title == "Atom story" and entry.fields.outlet == "Atom Times"
    assert entry.fields.authors == ("John Smith",) and entry.fields.published == date(2025, 7, 4)
    assert entry.fields.meta["full_text"] is True


@pytest.mark.parametrize("data", [b"<html><body><p>A web page</p></body></html>", b"just some text", b"<?xml version='1.0'?><note/>"])
def test_feeds_not_a_feed_is_an_input_error(data: bytes) -> None:
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        parse_feed(data, "page.xml")


def test_feeds_sniffing() -> None:
    assert looks_like_feed(RSS.encode()) and looks_like_feed(ATOM.encode())
    assert not looks_like_feed(b"<html></html>")
    assert looks_like_opml(b'<?xml version="1.0"?><opml version="2.0">')


def test_feeds_opml_lists_feeds(tmp_path: Path) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text("""<?xml version="1.0"?>
<opml version="2.0"><head><title>Subscriptions</title></head><body>
  <outline text="News"><outline text="Example" xmlUrl="feeds/news.rss"/>
    <outline text="Remote" xmlUrl="https://example.org/rss"/></outline>
  <outline text="Absolute" xmlUrl="file:///srv/feeds/atom.xml"/>
  <outline text="A folder without a feed"/>
</body></opml>""", encoding="utf-8")
    feeds = parse_opml(opml.read_bytes(), str(opml))
    assert feeds == [str(tmp_path / "feeds" / "news.rss"), "https://example.org/rss", "/srv/feeds/atom.xml"]


@pytest.mark.parametrize(("data", "message"), [
    (b"<rss version='2.0'><channel/></rss>", "not an OPML file"),
    (b"<opml><body><broken></opml>", "not an OPML file"),
    (b"<opml version='2.0'><body><outline text='x'/></body></opml>", "lists no feeds"),
])
def test_feeds_bad_opml(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_opml(data, "subs.opml")


def test_feeds_html_fragment_text() -> None:
    text = html_fragment_text("<p>One <i>two</i></p><ul><li>three</li></ul>four<br>five<script>x()</script>")
    assert text == "One two\n\nthree\n\nfour\n\nfive"
    assert html_fragment_text("plain words") == "plain words"
