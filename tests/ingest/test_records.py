"""JSON and JSONL records."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.ingest import read_article, read_articles

ONE = {
    "title": "Storm hits coast",
    "text": "The storm hit the coast on Monday, officials said.",
    "source": "Example News",
    "author": "Jane Doe and John Smith",
    "date": "2025-07-03",
    "url": "https://example.com/storm",
}
TWO = {
    "headline": "Second story",
    "body": ["First paragraph of the second story.", "Second paragraph."],
    "authors": ["Ann Lee"],
    "date_publish": "2025-07-04 10:00:00",
}


def test_json_list(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([ONE, TWO]), encoding="utf-8")
    first, second = read_article(path)
    assert first.title == "Storm hits coast"
    assert first.outlet == "Example News"
    assert first.authors == ("Jane Doe", "John Smith")
    assert first.published == date(2025, 7, 3)
    assert first.url == "https://example.com/storm"
    assert first.source == f"{path}#1"
    assert second.text == "First paragraph of the second story.\n\nSecond paragraph."
    assert second.published == date(2025, 7, 4)
    assert second.source == f"{path}#2"


def test_json_single_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(ONE), encoding="utf-8")
    [article] = read_article(path)
    assert article.source == str(path)


def test_basil_style_sentences(tmp_path: Path) -> None:
    record = {"title": "T", "body-paragraphs": [["One.", "Two."], ["Three."]], "source": "fox"}
    path = tmp_path / "basil.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    [article] = read_article(path)
    assert article.text == "One. Two.\n\nThree."


def test_jsonl_with_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps(ONE), json.dumps(TWO), "{not json", "", json.dumps({"title": "no text"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_articles([path])
    assert [a.title for a in result.articles] == ["Storm hits coast", "Second story"]
    assert [a.source for a in result.articles] == [f"{path}:1", f"{path}:2"]
    assert len(result.failures) == 2
    bad, empty = result.failures
    assert bad.source == f"{path}:3" and bad.message.startswith("line 3 is not JSON") and bad.stage == "ingest"
    assert empty.source == f"{path}:5" and empty.message.startswith("line 5 has no article text")


def test_read_article_is_strict_about_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(ONE) + "\n[1, 2]\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"feed\.jsonl: line 2 is not a JSON object"):
        read_article(path)


def test_invalid_json_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"text": "unterminated', encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        read_article(path)


def test_jsonl_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "feed.dump"
    path.write_text(json.dumps(ONE) + "\n" + json.dumps(TWO) + "\n", encoding="utf-8")
    assert len(read_article(path)) == 2


def test_csv_rows_are_records(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    path.write_text(
        'title,text,outlet,authors,published,url\n'
        '"Storm hits coast","The storm hit the coast on Monday,\nofficials said.",Example News,"Jane Doe; John Smith",2025-07-03,https://example.com/s\n'
        'No text,,Example News,,,\n', encoding="utf-8")
    result = read_articles([path])
    [article] = result.articles
    assert article.title == "Storm hits coast" and article.text == "The storm hit the coast on Monday,\nofficials said."
    assert article.authors == ("Jane Doe", "John Smith") and article.published == date(2025, 7, 3)
    assert article.source == f"{path}#1"
    [failure] = result.failures
    assert failure.source == f"{path}#2" and "no article text" in failure.message


def test_tsv_and_long_cells(tmp_path: Path) -> None:
    path = tmp_path / "articles.tsv"
    body = "word " * 100_000  # over the csv module's default cell limit
    path.write_text(f"headline\tbody\nLong one\t{body}\n", encoding="utf-8")
    [article] = read_article(path)
    assert article.title == "Long one" and len(article.text.split()) == 100_000
