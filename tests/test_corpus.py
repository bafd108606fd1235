"""Corpus ingest: batches, duplicates, copies, stories, resuming after Ctrl-C or a killed process."""

from __future__ import annotations

import json
from collections import Counter
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from newsprism.corpus import IngestOptions, UnknownStory, ingest_corpus, story_comparison
from newsprism.model import content_id
from newsprism.store import open_store

from .corpus_fakes import FakeClusterer, fake_analyze

TESTS = Path(__file__).resolve().parent
TOPICS = ["Bridge", "Floods", "Election", "Strike", "Wildfire", "Summit"]
OUTLETS = ["Daily", "Courier", "Gazette", "Herald"]
VOCABULARY = """council mayor river budget vote night police crowd city minister report week water road school fire
plan talks deal union workers wages army border trade court judge rain storm coast village farm market price tax""".split()


def corpus_records(n: int, seed: int = 7) -> list[dict]:
    """``n`` small articles on a few topics; every seventh one republishes an earlier one under a new intro."""
    rng = random.Random(seed)
    records: list[dict] = []
    for i in range(n):
        topic = TOPICS[i % len(TOPICS)]
        if i % 7 == 6:
            original = records[i - 6]
            text = f"Republished from another outlet, item {i}. " + original["text"]
        else:
            words = [rng.choice(VOCABULARY) for _ in range(45)]
            text = f"{topic} report {i} from Springfield. " + " ".join(words) + "."
        records.append({"title": f"{topic} news {i}", "text": text, "outlet": OUTLETS[i % len(OUTLETS)],
                        "published": f"2025-07-{1 + i % 28:02d}"})
    return records


def write_jsonl(path: Path, records: list[dict], extra_lines: tuple[str, ...] = ()) -> Path:
    path.write_text("\n".join([json.dumps(r) for r in records] + list(extra_lines)) + "\n", encoding="utf-8")
    return path


def ingest(sources, db: Path, **kw):
    kw.setdefault("analyzer", fake_analyze)
    kw.setdefault("clusterer", FakeClusterer())
    with open_store(db) as store:
        return ingest_corpus(sources, store, **kw)


def dump(db: Path) -> dict[str, list[tuple]]:
    """Everything a store holds that does not depend on when it was written."""
    queries = {
        "articles": "SELECT n, id, text, title, outlet, url, authors, published, language, source, meta, chain, minhash"
                    " FROM articles ORDER BY n",
        "analyses": "SELECT * FROM analyses ORDER BY article_id",
        "entities": "SELECT * FROM entities ORDER BY article_id, name, label",
        "memberships": "SELECT article_id, story_id, vector, published FROM story_articles ORDER BY rowid",
        "stories": "SELECT id, title, size, sources, independent, outlets, entities, first_published, last_published"
                   " FROM stories ORDER BY id",
        "search": "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'springfield' ORDER BY rowid",
    }
    conn = sqlite3.connect(db)
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        conn.close()


def test_corpus_ingest_stores_copies_and_stories(tmp_path: Path) -> None:
    records = corpus_records(42)
    records[3]["text"] += " POISON"
    source = write_jsonl(tmp_path / "corpus.jsonl", records + [records[0]], ("{bad json", json.dumps({"title": "x"})))
    clusterer = FakeClusterer()
    summary = ingest([source], tmp_path / "news.db", clusterer=clusterer, options=IngestOptions(batch_size=8))
    assert summary.stored == 41 and summary.duplicates == 1
    assert summary.skipped == {"analysis failed": 1, "bad JSON line": 1, "no text": 1}
    assert summary.copies == 6 and summary.new_stories == len(TOPICS)
    assert summary.examples["bad JSON line"][0].source.endswith("corpus.jsonl:44")
    with open_store(tmp_path / "news.db") as store:
        stats = store.stats()
        assert (stats.articles, stats.analysed, stats.stories, stats.copies) == (41, 41, len(TOPICS), 12)
        [run] = store.runs()
        assert (run.status, run.stored, run.duplicates, run.skipped["bad JSON line"]) == ("done", 41, 1, 1)
        ids = {r["title"]: content_id(r["text"]) for r in records}
        copy, original = store.article(ids["Bridge news 6"]), store.article(ids["Bridge news 0"])
        assert copy.text.endswith(original.text)
        assert store.chains([copy.id, original.id]) == {copy.id: original.id, original.id: original.id}
        bridge = next(s for s in store.stories() if s.title == "Bridge news 0")
        # six reporting chains from two outlets: two independent sources, never more than the sources
        assert bridge.size == 7 and bridge.independent == 2 == bridge.sources == len({r["outlet"] for r in records[::6]})
        assert store.story(bridge.id).article_ids[0] == original.id


def test_corpus_reingesting_changes_nothing(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "corpus.jsonl", corpus_records(30))
    db = tmp_path / "news.db"
    ingest([source], db, options=IngestOptions(batch_size=8))
    before = dump(db)
    clusterer = FakeClusterer()
    again = ingest([source], db, clusterer=clusterer)
    assert (again.stored, again.duplicates, again.copies, again.new_stories) == (0, 30, 0, 0)
    assert clusterer.restored == 30
    assert dump(db) == before


def test_corpus_later_runs_continue_copies_and_stories(tmp_path: Path) -> None:
    records = corpus_records(40)
    first = write_jsonl(tmp_path / "first.jsonl", records[:20])
    second = write_jsonl(tmp_path / "second.jsonl", records[20:])
    both = write_jsonl(tmp_path / "both.jsonl", records)
    ingest([first], tmp_path / "two-runs.db", options=IngestOptions(batch_size=8))
    later = ingest([second], tmp_path / "two-runs.db", options=IngestOptions(batch_size=8))
    assert later.copies == 3  # items 20, 27, 34 copy articles of the first run or of this one
    ingest([both], tmp_path / "one-run.db", options=IngestOptions(batch_size=8))
    split, whole = dump(tmp_path / "two-runs.db"), dump(tmp_path / "one-run.db")
    strip = lambda rows: [row[1:9] + row[11:] for row in rows]  # noqa: E731 - the source file differs, nothing else
    assert strip(split["articles"]) == strip(whole["articles"])
    for table in ("analyses", "memberships", "stories", "entities"):
        assert split[table] == whole[table]


def test_corpus_stores_the_moves_of_refined_stories(tmp_path: Path) -> None:
    from newsprism.cluster import StoryClusterer

    from .test_cluster import rehab

    records = [{"title": a.title, "text": a.text, "published": "2024-03-04"} for a in rehab()]
    db = tmp_path / "news.db"
    summary = ingest([write_jsonl(tmp_path / "rehab.jsonl", records)], db, clusterer=StoryClusterer(), options=IngestOptions(batch_size=2))
    assert summary.stored == 6
    with open_store(db) as store:
        stories = [store.story(s.id) for s in store.stories()]
        assert sorted(len(s.article_ids) for s in stories) == [3, 3]  # the first batch put Lohan with Reid; a later one moved her
        for story in stories:
            articles = store.story_articles(story.id)
            assert len({a.title.split()[1] for a in articles}) == 1 and story.id in {a.id for a in articles}
        resumed = StoryClusterer()
        resumed.restore(store.memberships())
    assert {frozenset(s.article_ids) for s in resumed.stories()} == {frozenset(s.article_ids) for s in stories}


def test_corpus_copy_of_two_chains_merges_them(tmp_path: Path) -> None:
    a = "The council approved the budget for the new bridge on Monday after a long and bitter debate among members."
    b = "Police closed the coast road on Tuesday after the storm brought down power lines across three villages."
    records = [{"title": "A", "text": a}, {"title": "B", "text": b}]
    ingest([write_jsonl(tmp_path / "one.jsonl", records)], tmp_path / "news.db")
    ingest([write_jsonl(tmp_path / "two.jsonl", [{"title": "AB", "text": a + " " + b}])], tmp_path / "news.db")
    with open_store(tmp_path / "news.db") as store:
        ids = [content_id(a), content_id(b), content_id(a + " " + b)]
        assert store.chains(ids) == dict.fromkeys(ids, ids[0])  # B's chain joined A's, the older one


def test_corpus_ctrl_c_keeps_committed_batches_and_resumes(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "corpus.jsonl", corpus_records(50))
    ingest([source], tmp_path / "whole.db", options=IngestOptions(batch_size=8))

    calls = []

    def interrupt_at_30(summary) -> None:  # called after each input: Ctrl-C while the fourth batch fills
        calls.append(1)
        if len(calls) == 30:
            raise KeyboardInterrupt

    db = tmp_path / "news.db"
    with pytest.raises(KeyboardInterrupt):
        ingest([source], db, options=IngestOptions(batch_size=8), progress=interrupt_at_30)
    with open_store(db) as store:
        assert store.stats().articles == 24  # three whole batches; the fourth was rolled back
        assert store.runs()[0].status == "interrupted" and store.runs()[0].stored == 24
    resumed = ingest([source], db, options=IngestOptions(batch_size=8))
    assert (resumed.stored, resumed.duplicates) == (26, 24)
    assert dump(db) == dump(tmp_path / "whole.db")


def test_corpus_sigkill_mid_ingest_then_resume_equals_one_run(tmp_path: Path) -> None:
    """``newsprism ingest`` in a subprocess, killed with SIGKILL mid-ingest, run again: the same store as one run."""
    source = write_jsonl(tmp_path / "corpus.jsonl", corpus_records(300))
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"
    command = [sys.executable, "-c", INGEST_WITH_FAKES, str(TESTS), "ingest", str(source), "--batch-size", "16", "--no-fetch"]
    subprocess.run([*command, "--db", str(whole)], check=True, capture_output=True, timeout=300)
    with subprocess.Popen([*command, "--db", str(killed)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        try:
            stored = wait_for_articles(killed, at_least=64, process=process)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
    assert 64 <= stored < 300, "the ingest was not killed mid-way; slow the fake analyzer down"
    with open_store(killed) as store:  # whole batches only, each with its analysis and story
        stats = store.stats()
        assert stats.articles % 16 == 0 and stats.analysed == stats.articles
        assert len(list(store.memberships())) == stats.articles
    subprocess.run([*command, "--db", str(killed)], check=True, capture_output=True, timeout=300)
    assert dump(killed) == dump(whole)


INGEST_WITH_FAKES = """
import sys
sys.path.insert(0, sys.argv.pop(1))
import corpus_fakes
import newsprism.corpus as corpus
corpus._default_analyzer = lambda: corpus_fakes.slow_analyze
corpus._default_clusterer = corpus_fakes.FakeClusterer
from newsprism.cli import main
sys.argv[0] = "newsprism"
main()
"""


def wait_for_articles(db: Path, *, at_least: int, process: subprocess.Popen) -> int:
    """Poll the store (as another reader would) until it holds ``at_least`` articles; return the count."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else "ingest ended early"
        if db.exists():
            try:
                conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
                count = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                conn.close()
            except sqlite3.OperationalError:  # the schema is not there yet
                count = 0
            if count >= at_least:
                return count
        time.sleep(0.02)
    pytest.fail("the ingest stored nothing in two minutes")


def test_corpus_story_comparison_is_cached_until_the_story_grows(tmp_path: Path) -> None:
    records = corpus_records(14)
    db = tmp_path / "news.db"
    ingest([write_jsonl(tmp_path / "a.jsonl", records[:7])], db)
    embedder = CountingEmbedder()
    with open_store(db) as store:
        bridge = next(s for s in store.stories() if s.title == "Bridge news 0")
        first = story_comparison(store, bridge.id, embedder=embedder)
        assert len(first.articles) == 2 and embedder.calls == 1
        assert story_comparison(store, bridge.id, embedder=embedder) == first and embedder.calls == 1
        with pytest.raises(UnknownStory, match="no story with id 'nope'.*newsprism stories"):
            story_comparison(store, "nope")
    ingest([write_jsonl(tmp_path / "b.jsonl", records[7:])], db)
    with open_store(db) as store:
        grown = story_comparison(store, bridge.id, embedder=embedder)
        assert len(grown.articles) == 3 and embedder.calls == 2


class CountingEmbedder:
    name = "counting"

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts):
        self.calls += 1
        vectors = np.ones((len(texts), 8), dtype=np.float32)
        return vectors / np.sqrt(8)


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's default analyzer, clusterer and embedder replaced by the fast fakes."""
    import newsprism.compare
    import newsprism.corpus

    monkeypatch.setattr(newsprism.corpus, "_default_analyzer", lambda: fake_analyze)
    monkeypatch.setattr(newsprism.corpus, "_default_clusterer", FakeClusterer)
    monkeypatch.setattr(newsprism.compare, "resolve_embedder", lambda _name: CountingEmbedder())


def invoke(*args: str):
    from click.testing import CliRunner

    from newsprism.cli import cli

    return CliRunner().invoke(cli, list(args))


def test_cli_ingest_stories_report(tmp_path: Path, fake_pipeline: None) -> None:
    source = write_jsonl(tmp_path / "corpus.jsonl", corpus_records(20), ("{bad", json.dumps({"text": "   "})))
    db = str(tmp_path / "news.db")
    result = invoke("ingest", str(source), "--db", db)
    assert result.exit_code == 0, result.output
    for line in ("stored", "20", "copies of an earlier article", "skipped: bad JSON line", "skipped: no text", "corpus.jsonl:21: line 21 is not JSON"):
        assert line in result.stdout
    again = invoke("ingest", str(source), "--db", db)
    assert re.search(r"duplicates \(already stored\)\s*│\s*20\s*│", again.stdout)

    new_stories = int(re.search(r"new stories\s*│\s*(\d+)", result.stdout).group(1))
    every = json.loads(invoke("stories", "--db", db, "--all", "--limit", "1000", "--format", "json").stdout)
    assert new_stories == len(every) > 0  # what ingest says it made is what `stories` lists
    listed = invoke("stories", "--db", db, "--format", "json")
    stories = json.loads(listed.stdout)
    assert [s["title"] for s in stories][:3] == ["Floods news 1", "Bridge news 0", "Summit news 5"]  # July 20, 19, 18
    assert {"id", "size", "sources", "independent", "outlets", "last_published"} <= set(stories[0])
    text = invoke("stories", "--db", db, "--min-sources", "2", "--since", "2025-07-15")
    assert text.exit_code == 0 and "Stories, newest first" in text.stdout
    assert "No stories match." in invoke("stories", "--db", db, "--outlet", "Nobody").stdout
    assert "No stories match." in invoke("stories", "--db", db, "--entity", "Nobody Known").stdout
    tsv = invoke("stories", "--db", db, "--format", "tsv").stdout.splitlines()
    assert tsv[0].split("\t") == ["id", "latest", "articles", "sources", "independent", "corroborated", "single_source",
                                  "conflicting", "outlets", "title"]
    assert [line.split("\t")[0] for line in tsv[1:]] == [s["id"] for s in stories]
    table = invoke("stories", "--db", db).stdout  # piped (not a terminal): ids still whole, ready for `report`
    assert all(s["id"] in table for s in stories)

    story_id = stories[0]["id"]
    report = invoke("report", story_id, "--db", db, "--format", "json")
    assert report.exit_code == 0, report.output
    assert {a["id"] for a in json.loads(report.stdout)["articles"]} >= {story_id}
    md = tmp_path / "story.md"
    assert invoke("report", story_id, "--db", db, "--format", "md", "-o", str(md)).exit_code == 0
    assert md.read_text(encoding="utf-8").startswith("#")
    compared = next(s for s in json.loads(invoke("stories", "--db", db, "--format", "json").stdout) if s["id"] == story_id)
    facts = json.loads(report.stdout)["facts"]
    assert compared["facts"] == dict(Counter(f["status"] for f in facts))  # counted once compared
    row = next(line.split("\t") for line in invoke("stories", "--db", db, "--format", "tsv").stdout.splitlines() if line.startswith(story_id))
    assert row[5] == str(compared["facts"].get("corroborated", 0)) and row[7] == str(compared["facts"].get("conflicts", 0))


def test_cli_corpus_errors_are_clear(tmp_path: Path, fake_pipeline: None) -> None:
    from newsprism.cli import main

    missing = str(tmp_path / "missing.db")
    for args in (["stories", "--db", missing], ["report", "abc", "--db", missing]):
        code, err = run_main(main, args)
        assert code == 1 and "no newsprism store at" in err and "newsprism ingest" in err
    assert not (tmp_path / "missing.db").exists()
    db = str(tmp_path / "news.db")
    invoke("ingest", str(write_jsonl(tmp_path / "c.jsonl", corpus_records(3))), "--db", db)
    code, err = run_main(main, ["report", "0123456789abcdef", "--db", db])
    assert code == 1 and "no story with id '0123456789abcdef'" in err
    bad_date = invoke("stories", "--db", db, "--since", "July")
    assert bad_date.exit_code == 2 and "--since" in bad_date.output


def run_main(main, args: list[str]) -> tuple[int, str]:
    """Run the console entry point (which turns errors into messages) and return its exit code and stderr."""
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "argv", ["newsprism", *args])
        with pytest.raises(SystemExit) as exit_info:
            main()
    return int(exit_info.value.code), err.getvalue()


@pytest.mark.parametrize("command", ["ingest", "stories", "report"])
def test_cli_corpus_help_has_examples(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0 and "Examples:" in result.output and f"newsprism {command}" in result.output


@pytest.mark.model
@pytest.mark.slow
def test_cli_corpus_run_end_to_end(tmp_path: Path) -> None:
    """The README's corpus run with the real pipeline (spaCy, the story clusterer, MiniLM): files, a feed, a WARC."""
    pytest.importorskip("newsprism.cluster", reason="the story clusterer (newsprism.cluster) has not landed yet")
    from .ingest.test_feeds import RSS
    from .ingest.test_warc import PAGE, write_warc

    examples = TESTS.parent / "examples" / "putin-trump-call"
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    write_warc(tmp_path / "crawl.warc.gz", [("https://example.org/floods", "text/html", PAGE.encode(), "200 OK"),
                                            ("https://example.org/logo.png", "image/png", b"\x89PNG" + bytes(64), "200 OK")])
    db = str(tmp_path / "news.db")
    pair = [str(p) for p in sorted(examples.glob("*.txt"))]
    result = invoke("ingest", *pair, str(tmp_path / "news.rss"), str(tmp_path / "crawl.warc.gz"), "--db", db, "--no-fetch")
    assert result.exit_code == 0, result.output
    assert re.search(r"stored\s*│\s*4\b", result.stdout) and "non-HTML WARC record" in result.stdout
    stories = json.loads(invoke("stories", "--db", db, "--all", "--format", "json").stdout)
    call = next(s for s in stories if "LBC" in s["outlets"])
    assert call["size"] == 2 and call["sources"] == 2 and len(stories) == 3  # the call; the storm; the floods
    told_twice = json.loads(invoke("stories", "--db", db, "--format", "json").stdout)
    assert [s["id"] for s in told_twice] == [call["id"]]  # by default, stories two independent sources tell
    report = invoke("report", call["id"], "--db", db, "--format", "json")
    assert report.exit_code == 0, report.output
    assert len(json.loads(report.stdout)["articles"]) == 2
