"""The ``newsprism compare`` command on good and bad input (real models, files built in the test)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import cli

pytestmark = pytest.mark.model

GERMAN = (
    "Der russische Präsident Wladimir Putin hat dem US-Präsidenten Donald Trump in einem Telefonat gesagt, "
    "dass Russland seine Ziele in der Ukraine nicht aufgeben werde. Das Gespräch dauerte fast eine Stunde, "
    "und die beiden sprachen auch über die Lage im Nahen Osten."
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def pair(tmp_path, example_articles):
    """The example pair written as plain files (body only) into a temporary folder."""
    paths = []
    for article in example_articles:
        path = tmp_path / f"{article.label}.txt"
        path.write_text(article.text, encoding="utf-8")
        paths.append(str(path))
    return paths


def _json(result) -> dict:
    assert result.exit_code == 0, result.output
    start = result.stdout.index("{")
    return json.loads(result.stdout[start:])


def test_cli_help_lists_examples(runner):
    result = runner.invoke(cli, ["compare", "--help"])
    assert result.exit_code == 0
    assert "newsprism compare examples/putin-trump-call/*.txt" in result.output


def test_cli_compare_text_report(runner, pair):
    result = runner.invoke(cli, ["compare", *pair, "--width", "120"])
    assert result.exit_code == 0, result.output
    for heading in ("Sources", "Summary", "Corroborated", "Only in one source", "Quotes", "People and organisations"):
        assert heading in result.stdout


def test_cli_compare_writes_md_and_json(runner, pair, tmp_path, schema):
    import jsonschema

    md, js = tmp_path / "r.md", tmp_path / "r.json"
    assert runner.invoke(cli, ["compare", *pair, "--format", "md", "-o", str(md)]).exit_code == 0
    assert runner.invoke(cli, ["compare", *pair, "--format", "json", "-o", str(js)]).exit_code == 0
    data = json.loads(js.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    markdown = md.read_text(encoding="utf-8")
    assert markdown.startswith("#")
    assert all(s["text"][:40] in markdown for s in data["summary"])


def test_cli_missing_file_is_skipped_with_a_message(runner, pair, tmp_path):
    result = runner.invoke(cli, ["compare", *pair, str(tmp_path / "nope.txt"), "--format", "json"])
    data = _json(result)
    assert len(data["articles"]) == 2
    assert "nope.txt" in result.stderr and "not found" in result.stderr


def test_cli_only_bad_inputs_is_an_error(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    result = runner.invoke(cli, ["compare", str(empty), str(binary)])
    assert result.exit_code != 0
    assert "empty" in result.stderr
    assert "binary" in result.stderr


def test_cli_reads_legacy_encodings(runner, tmp_path, example_articles):
    afp, lbc = example_articles
    cp = tmp_path / "cp1252.txt"
    cp.write_bytes(afp.text.replace("Zelenskyy", "Zelenskyy’s café").encode("cp1252", errors="replace"))
    u16 = tmp_path / "utf16.txt"
    u16.write_bytes(lbc.text.encode("utf-16"))  # with BOM
    data = _json(runner.invoke(cli, ["compare", str(cp), str(u16), "--format", "json"]))
    texts = [a["text"] for a in data["articles"]]
    assert any("café" in t for t in texts)
    assert any("Yury Ushakov" in t for t in texts)
    assert any(f["status"] == "corroborated" for f in data["facts"])


def test_cli_non_english_article_warns_and_still_reports(runner, pair, tmp_path):
    german = tmp_path / "de.txt"
    german.write_text(GERMAN, encoding="utf-8")
    data = _json(runner.invoke(cli, ["compare", *pair, str(german), "--format", "json"]))
    assert len(data["articles"]) == 3
    assert any("not in English" in n and "de" in n for n in data["notes"])


def test_cli_one_article_says_nothing_to_compare(runner, pair):
    data = _json(runner.invoke(cli, ["compare", pair[0], "--format", "json"]))
    assert len(data["articles"]) == 1
    assert any("nothing to compare" in n for n in data["notes"])
    assert data["facts"] and all(f["status"] == "single-source" for f in data["facts"])


def test_cli_same_article_twice_counts_once(runner, pair, tmp_path):
    twin = tmp_path / "twin.txt"
    twin.write_text(Path(pair[0]).read_text(encoding="utf-8"), encoding="utf-8")
    data = _json(runner.invoke(cli, ["compare", *pair, str(twin), "--format", "json"]))
    assert len(data["articles"]) == 2
    assert any("same article" in n and "counted once" in n for n in data["notes"])


def test_cli_bad_published_date(runner, pair):
    result = runner.invoke(cli, ["compare", *pair, "--published", "last tuesday"])
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in result.output


def test_cli_published_resolves_weekdays(runner, pair):
    data = _json(runner.invoke(cli, ["compare", *pair, "--published", "2025-07-03", "--format", "json"]))
    assert any(t["date"] == "2025-07-03" for t in data["timeline"])  # "Thursday" in the AFP report


@pytest.mark.slow
def test_cli_fifty_articles(runner, tmp_path, example_articles):
    """50 articles, each a different selection of the example paragraphs under its own outlet name."""
    rng = random.Random(7)
    paragraphs = [p for a in example_articles for p in a.text.split("\n") if len(p.split()) > 8]
    paths = []
    for k in range(50):
        chosen = rng.sample(paragraphs, 4)
        path = tmp_path / f"outlet{k:02d}.txt"
        path.write_text("\n\n".join(chosen), encoding="utf-8")
        paths.append(str(path))
    data = _json(runner.invoke(cli, ["compare", *paths, "--format", "json"]))
    assert 40 <= len(data["articles"]) <= 50  # identical selections are counted once
    assert sum(len(c) for c in data["independence"]) == len(data["articles"])
    assert any(f["independent_sources"] >= 2 for f in data["facts"])
    assert data["summary"]
