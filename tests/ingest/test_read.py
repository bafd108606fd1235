"""Batches, run options, sidecars and article_from_text."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.ingest import ReadResult, article_from_text, read_article, read_articles
from newsprism.model import content_id

STORY = "Storm hits coast\n\nBy Jane Doe\n\nThe storm hit the coast on Monday, officials said."


def test_sidecar_overrides_and_run_options_override_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    sidecar = {"outlet": "LBC", "title": "Better title", "authors": ["Ann Lee"], "published": "3 July 2025",
               "url": "https://example.com/a"}
    (tmp_path / "story.txt.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    [article] = read_article(path)
    assert (article.outlet, article.title, article.authors) == ("LBC", "Better title", ("Ann Lee",))
    assert article.published == date(2025, 7, 3)
    assert article.url == "https://example.com/a"
    [article] = read_article(path, outlet="Other", published="2025-07-05")
    assert article.outlet == "Other"
    assert article.published == date(2025, 7, 5)
    assert article.title == "Better title"


def test_bad_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    (tmp_path / "story.txt.meta.json").write_text("{oops", encoding="utf-8")
    with pytest.raises(InputError, match="meta.json is not valid JSON"):
        read_article(path)


def test_bad_published_option(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    with pytest.raises(InputError, match="not a date"):
        read_article(path, published="last Blursday")
    with pytest.raises(InputError, match="not a date"):
        read_articles([path], published="2025-13-45")
    assert read_article(path, published=date(2025, 1, 2))[0].published == date(2025, 1, 2)


def test_batch_continues_after_bad_files(tmp_path: Path, examples_dir: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    seen: list[int] = []
    result = read_articles(
        [examples_dir / "lbc.txt", tmp_path / "missing.txt", tmp_path / "empty.txt", tmp_path / "binary.txt",
         str(examples_dir / "afp-wire.txt")],
        outlet="Somewhere",
        progress=seen.append,
    )
    assert isinstance(result, ReadResult)
    assert [a.label for a in result.articles] == ["Somewhere", "Somewhere"]
    assert result.articles[1].source == str(examples_dir / "afp-wire.txt")
    names = ("missing.txt", "empty.txt", "binary.txt")
    assert [f.source for f in result.failures] == [str(tmp_path / n) for n in names]
    messages = [f.message for f in result.failures]
    # the failure's source names the file, so its message does not repeat the path
    assert messages[0].startswith("file not found")
    assert messages[1] == "the file is empty"
    assert messages[2] == "this looks like a binary file, not text"
    assert all(f.stage == "ingest" for f in result.failures)
    assert seen == [1, 1, 1, 1, 1]


def test_folder_is_read_in_name_order_without_sidecars(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second story.\n\nMore text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First story.\n\nMore text.", encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text('{"outlet": "A"}', encoding="utf-8")
    (tmp_path / ".hidden").write_text("nope", encoding="utf-8")
    result = read_articles([tmp_path])
    assert [a.text.split(".")[0] for a in result.articles] == ["First story", "Second story"]
    assert result.articles[0].outlet == "A"
    assert result.failures == []
    # a sidecar passed along with its file (e.g. by a shell glob) is not read as an article
    result = read_articles([tmp_path / "a.txt", tmp_path / "a.txt.meta.json"])
    assert len(result.articles) == 1 and result.failures == []


def test_a_single_source_is_not_split_into_characters(examples_dir: Path) -> None:
    result = read_articles(str(examples_dir / "lbc.txt"))  # type: ignore[arg-type]
    assert len(result.articles) == 1 and result.failures == []


def test_article_from_text() -> None:
    article = article_from_text(
        "  The storm hit the coast, Reuters reported.\r\nIt rained.  ",
        title="Storm",
        outlet="Example",
        authors="Jane Doe and John Smith",
        published="2025-07-03",
        source="paste",
        meta={"note": 1},
    )
    assert article.text == "The storm hit the coast, Reuters reported.\nIt rained."
    assert article.id == content_id(article.text)
    assert article.authors == ("Jane Doe", "John Smith")
    assert article.published == date(2025, 7, 3)
    assert article.language == "en"
    assert article.meta == {"note": 1}
    with pytest.raises(InputError):
        article_from_text("   ")


def test_same_text_same_id_across_formats(tmp_path: Path) -> None:
    body = "The storm hit the coast on Monday, officials said.\n\nIt rained all day."
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"text": body.replace("\n\n", "\n")}), encoding="utf-8")
    result = read_articles([tmp_path / "a.txt", tmp_path / "a.json"])
    assert result.articles[0].id == result.articles[1].id
