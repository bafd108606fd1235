"""The SQLite store: schema and migrations, round trips of the model records, stories, search, caching."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from newsprism.model import (
    Analysis,
    Article,
    Claim,
    Comparison,
    Entity,
    EntityMention,
    Mention,
    Number,
    Quote,
    Span,
    TimeExpression,
    content_id,
)
from newsprism.store import StoreError, open_store
from newsprism.store import schema as store_schema


@dataclass(frozen=True)
class Assign:
    article_id: str
    story_id: str
    vector: np.ndarray
    published: date | None


def make_article(text: str, outlet: str | None = "AFP", published: date | None = date(2025, 7, 3), **kw) -> Article:
    return Article(id=content_id(text), text=text, outlet=outlet, published=published, title=kw.pop("title", text[:20]),
                   authors=("Jane Doe",), language="en", source="corpus.jsonl:1", meta={"wire": ["AFP"]}, **kw)


def make_analysis(article: Article) -> Analysis:
    return Analysis(
        article_id=article.id,
        sentences=(Span(0, len(article.text)),),
        mentions=(Mention(0, 5, "Putin", "PERSON", 0), Mention(10, 15, "Putin", "PERSON", 0), Mention(20, 26, "Kremlin", "ORG", 0)),
        quotes=(Quote(Span(1, 4), "direct", speaker=Span(0, 1), cue=None, speaker_text="he", sentence=0),),
        claims=(Claim(0, 10, 0, negated=True, attribution="he", negated_terms=("discuss",)),),
        numbers=(Number(0, 13, "at least eight", 8.0, 8.0, float("inf"), "people", "at least", 0),),
        times=(TimeExpression(0, 8, "Thursday", date(2025, 7, 3), date(2025, 7, 3), date(2025, 7, 4), None, 0),),
        language="en",
    )


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path / "news.db") as s:
        yield s


TEXTS = [
    "Putin told Trump in a call on Thursday that Moscow would not give up its aims in Ukraine.",
    "The Kremlin said the call lasted almost an hour and covered the Middle East as well.",
    "Floods in Valencia killed at least eight people, officials said on Friday.",
]


def test_store_is_wal_with_a_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(store_schema.MIGRATIONS)
    conn.close()


def test_store_applies_only_missing_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "news.db"
    open_store(path).close()
    extra = "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
    monkeypatch.setattr(store_schema, "MIGRATIONS", (*store_schema.MIGRATIONS, extra))
    monkeypatch.setattr("newsprism.store.sqlite.MIGRATIONS", store_schema.MIGRATIONS)
    with open_store(path) as s:
        assert s.stats().schema_version == len(store_schema.MIGRATIONS)
    open_store(path).close()  # applied once: a second CREATE TABLE would fail


def run_sql(path: Path, statement: str) -> Path:
    conn = sqlite3.connect(path)
    conn.execute(statement)
    conn.close()
    return path


def test_store_drops_comparisons_cached_by_the_sentence_level_compare(tmp_path: Path) -> None:
    """Schema 2: comparisons cached by an older newsprism (whole sentences, report schema 1) are computed again."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(store_schema.V1 + "PRAGMA user_version = 1;")
    conn.execute("INSERT INTO comparisons (story_id, articles, data, created) VALUES ('s1', '[]', '{}', '2026-11-01')")
    conn.commit()
    conn.close()
    with open_store(path) as s:
        assert s.stats().comparisons == 0
        assert s.stats().schema_version == len(store_schema.MIGRATIONS)


def test_store_refuses_newer_and_foreign_files(tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    open_store(newer).close()
    with pytest.raises(StoreError, match="newer newsprism"):
        open_store(run_sql(newer, "PRAGMA user_version = 99"))
    with pytest.raises(StoreError, match="not a newsprism store"):
        open_store(run_sql(tmp_path / "other.db", "CREATE TABLE t (x)"))
    text = tmp_path / "notes.txt"
    text.write_text("hello " * 200, encoding="utf-8")
    with pytest.raises(StoreError, match="not a newsprism store"):
        open_store(text)


def test_store_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no newsprism store at .*newsprism ingest"):
        open_store(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_store_round_trips_articles_and_analyses(store) -> None:
    articles = [make_article(t) for t in TEXTS]
    analyses = [make_analysis(a) for a in articles]
    assert store.add_articles(articles, analyses) == [a.id for a in articles]
    assert store.article(articles[0].id) == articles[0]
    assert store.article(articles[0].id).meta == {"wire": ["AFP"]}
    assert store.articles([articles[2].id, "nope", articles[0].id]) == [articles[2], articles[0]]
    assert store.analysis(articles[0].id) == analyses[0]
    assert store.analysis(articles[0].id).numbers[0].high == float("inf")
    assert store.analyses([a.id for a in articles]) == analyses
    assert store.article("nope") is None and store.analysis("nope") is None


def test_store_adding_again_changes_nothing(store) -> None:
    articles = [make_article(t) for t in TEXTS]
    store.add_articles(articles)
    before = store.stats()
    assert store.add_articles([replace(articles[0], title="Changed")]) == []
    assert store.stats() == before
    assert store.article(articles[0].id).title == articles[0].title
    assert store.known_ids([articles[1].id, "nope"]) == {articles[1].id}


def test_store_transaction_rolls_back_everything(store) -> None:
    articles = [make_article(t) for t in TEXTS]
    with pytest.raises(KeyboardInterrupt):
        with store.transaction():
            store.add_articles(articles[:2])
            store.save_copies({articles[0].id: articles[0].id})
            raise KeyboardInterrupt
    assert store.stats().articles == 0
    store.add_articles(articles[:1])
    assert store.stats().articles == 1


def test_store_stories_and_memberships(store) -> None:
    a, b, c = (make_article(t, outlet=o, published=d) for t, o, d in zip(
        TEXTS, ["AFP", "LBC", None], [date(2025, 7, 3), date(2025, 7, 4), date(2025, 7, 1)]))
    store.add_articles([a, b, c], [make_analysis(a), make_analysis(b), make_analysis(c)])
    store.save_copies({a.id: a.id, b.id: a.id, c.id: c.id})
    vectors = {x.id: np.arange(4, dtype=np.float32) + i for i, x in enumerate((a, b, c))}
    store.assign_stories([Assign(a.id, a.id, vectors[a.id], a.published), Assign(b.id, a.id, vectors[b.id], b.published),
                          Assign(c.id, c.id, vectors[c.id], c.published)])
    listed = store.stories()
    assert [s.id for s in listed] == [a.id, c.id]  # newest first
    first = listed[0]
    assert (first.size, first.sources, first.independent) == (2, 2, 1)  # two outlets, one reporting chain
    assert first.outlets == ("AFP", "LBC") or first.outlets == ("LBC", "AFP")
    assert first.entities[:2] == ("Putin", "Kremlin")
    assert (first.first_published, first.last_published) == (date(2025, 7, 3), date(2025, 7, 4))
    assert first.title == a.title
    story = store.story(a.id)
    assert story.article_ids == (a.id, b.id) and story.entities[0] == "Putin"
    assert [x.id for x in store.story_articles(a.id)] == [a.id, b.id]
    assert store.story("nope") is None
    memberships = list(store.memberships())
    assert [(m.article_id, m.story_id) for m in memberships] == [(a.id, a.id), (b.id, a.id), (c.id, c.id)]
    assert memberships[1].vector.dtype == np.float32 and np.array_equal(memberships[1].vector, vectors[b.id])
    assert memberships[0].published == date(2025, 7, 3)


def test_store_story_filters(store) -> None:
    a, b, c = (make_article(t, outlet=o, published=d) for t, o, d in zip(
        TEXTS, ["AFP", "LBC", "Reuters"], [date(2025, 7, 3), date(2025, 7, 4), date(2025, 6, 1)]))
    store.add_articles([a, b, c])
    store.assign_stories([Assign(a.id, a.id, np.zeros(2, np.float32), a.published),
                          Assign(b.id, a.id, np.zeros(2, np.float32), b.published),
                          Assign(c.id, c.id, np.zeros(2, np.float32), c.published)])
    assert [s.id for s in store.stories(since=date(2025, 7, 1))] == [a.id]
    assert [s.id for s in store.stories(min_sources=2)] == [a.id]
    assert [s.id for s in store.stories(outlet="reuters")] == [c.id]
    assert [s.id for s in store.stories(query="valencia floods")] == [c.id]
    assert [s.id for s in store.stories(limit=1, offset=1)] == [c.id]


def test_store_moving_an_article_updates_both_stories(store) -> None:
    a, b = make_article(TEXTS[0]), make_article(TEXTS[1], outlet="LBC")
    store.add_articles([a, b])
    store.assign_stories([Assign(a.id, a.id, np.zeros(2, np.float32), None), Assign(b.id, a.id, np.zeros(2, np.float32), None)])
    store.assign_stories([Assign(b.id, b.id, np.zeros(2, np.float32), None)])
    assert sorted((s.id, s.size) for s in store.stories()) == sorted([(a.id, 1), (b.id, 1)])
    store.assign_stories([Assign(a.id, b.id, np.zeros(2, np.float32), None)])
    assert [(s.id, s.size) for s in store.stories()] == [(b.id, 2)]


def test_store_search_is_safe_full_text(store) -> None:
    articles = [make_article(t) for t in TEXTS]
    store.add_articles(articles)
    hits = store.search("Kremlin hour")
    assert [h.article_id for h in hits] == [articles[1].id]
    assert "[Kremlin]" in hits[0].snippet and hits[0].outlet == "AFP"
    assert [h.article_id for h in store.search('"at least eight"')] == [articles[2].id]
    assert [h.article_id for h in store.search("valenc*")] == [articles[2].id]
    assert store.search("mOsCoW")[0].article_id == articles[0].id
    for hostile in ('AND OR NOT', '"unbalanced', "title:x", "x') OR 1=1; --", "NEAR(a b)", "*", "-", ""):
        store.search(hostile)  # FTS5 syntax and SQL are never interpreted
    assert store.search("") == []


def test_store_comparison_cache_is_invalidated_when_the_story_grows(store) -> None:
    a, b, c = (make_article(t) for t in TEXTS)
    store.add_articles([a, b, c])
    store.assign_stories([Assign(a.id, a.id, np.zeros(2, np.float32), None), Assign(b.id, a.id, np.zeros(2, np.float32), None)])
    mention = EntityMention(a.id, 0, 5, "Putin")
    comparison = Comparison(
        articles=(a, b), independence=((a.id,), (b.id,)),
        entities=(Entity("e1", "Putin", "PERSON", ("Putin",), (mention,), {a.id: ("Putin",)}),),
        facts=(), quotes=(), timeline=(), summary=(), notes=("a note",),
    )
    assert store.comparison(a.id) is None
    store.save_comparison(a.id, comparison)
    cached = store.comparison(a.id)
    assert cached == comparison and cached.entities[0].aliases_by_article == {a.id: ("Putin",)}
    (listed,) = store.stories(min_independent=1)
    assert listed.facts == {} and not listed.conflicting  # compared: counted (no facts here)
    store.assign_stories([Assign(c.id, a.id, np.zeros(2, np.float32), None)])
    assert store.comparison(a.id) is None
    assert store.stats().comparisons == 0
    assert store.story_summary(a.id).facts is None  # the story grew: not compared any more
    assert replace(listed, facts={"corroborated": 3, "conflicts": 1}).conflicting


def test_store_ingest_log(store) -> None:
    run = store.start_run(["a.jsonl", "feed.rss"])
    store.update_run(run, stored=3, duplicates=1, skipped={"no text": 2})
    [logged] = store.runs()
    assert (logged.status, logged.stored, logged.skipped, logged.finished) == ("running", 3, {"no text": 2}, None)
    store.update_run(run, stored=4, duplicates=1, skipped={"no text": 2}, status="done")
    [logged] = store.runs()
    assert logged.status == "done" and logged.finished and logged.sources == ("a.jsonl", "feed.rss")


def test_store_sql_is_parameterised(store) -> None:
    hostile = "x'); DROP TABLE articles; --"
    article = make_article("Robert'); DROP TABLE articles; -- said something today in the capital.", outlet=hostile, title=hostile)
    store.add_articles([article])
    assert store.article(article.id).outlet == hostile
    assert store.stories(outlet=hostile) == []
    assert store.stats().articles == 1


def test_store_untitled_story_is_named_by_its_lead(store) -> None:
    article = replace(make_article(" ".join(["The council approved the budget for the new bridge"] * 3)), title=None)
    store.add_articles([article])
    store.assign_stories([Assign(article.id, article.id, np.zeros(2, np.float32), None)])
    [listed] = store.stories()
    assert listed.title == "The council approved the budget for the new bridge The council approved the …"


def test_store_readers_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with open_store(path) as writer:
        writer.add_articles([make_article(TEXTS[0])])
        with writer.transaction():
            writer.add_articles([make_article(TEXTS[1])])
            started = time.monotonic()
            with open_store(path, create=False) as reader:  # WAL: the reader sees the last commit
                assert reader.stats().articles == 1
            assert time.monotonic() - started < 5
    with open_store(path, create=False) as reader:
        assert reader.stats().articles == 2


def test_store_stories_by_an_entity_however_written(store) -> None:
    texts = ["Yury Ushakov briefed reporters in the U.S. on the call.", "Ushakov said the call was long.",
             "Charles E. Grassley chairs the committee.", "Floods hit Valencia again."]
    names = [(("Yury Ushakov", "PERSON"), ("U.S.", "GPE")), (("Ushakov", "PERSON"),), (("Charles E. Grassley", "PERSON"),),
             (("Valencia", "GPE"),)]
    articles = [make_article(t) for t in texts]
    analyses = [Analysis(article_id=a.id, mentions=tuple(Mention(0, len(n), n, label, 0) for n, label in ns))
                for a, ns in zip(articles, names)]
    store.add_articles(articles, analyses)
    store.assign_stories([Assign(a.id, a.id, np.zeros(2, np.float32), a.published) for a in articles])
    ids = [a.id for a in articles]

    def found(entity: str) -> set[str]:
        return {s.id for s in store.stories(entity=entity)}

    assert found("Yuri Ushakov") == {ids[0], ids[1]}  # a transliteration, and the surname alone
    assert found("Chuck Grassley") == {ids[2]}  # a nickname and a middle initial
    assert found("United States") == {ids[0]}  # one country however written
    assert found("Putin") == set()


def test_independent_sources_never_exceed_sources(store) -> None:
    a, b, c = (make_article(t, outlet=o) for t, o in zip(TEXTS, ["AFP", "AFP", "LBC"]))
    store.add_articles([a, b, c])
    store.save_copies({a.id: a.id, b.id: b.id, c.id: a.id})  # AFP wrote two dispatches; LBC copied the first
    store.assign_stories([Assign(x.id, a.id, np.zeros(2, np.float32), x.published) for x in (a, b, c)])
    (story,) = store.stories()
    assert (story.sources, story.independent) == (2, 1)  # two chains, both AFP's: one independent source


def test_store_stories_by_outlet_name_or_domain(store) -> None:
    a, b = (make_article(t, outlet=o) for t, o in zip(TEXTS, ["mothership.sg", "The Straits Times"]))
    store.add_articles([a, b])
    store.assign_stories([Assign(x.id, x.id, np.zeros(2, np.float32), x.published) for x in (a, b)])
    for name in ("Mothership", "MOTHERSHIP.SG", "https://www.mothership.sg/"):
        assert [s.id for s in store.stories(outlet=name)] == [a.id]
    assert [s.id for s in store.stories(outlet="straitstimes.com")] == [b.id]
    assert store.stories(outlet="...") == [] and store.stories(outlet="Mother") == []
    assert [s.id for s in store.stories(min_independent=1)] and store.stories(min_independent=2) == []


def test_a_storys_title_is_its_most_representative_headline_never_a_section_name(store) -> None:
    titles = ["Categories", "Rain in Spain this week", "Floods kill eight in Valencia as rivers burst their banks",
              "Valencia floods: eight dead after rivers burst"]
    articles = [make_article(f"{t}. Floods in Valencia killed at least eight people on Friday.", title=t) for t in titles]
    store.add_articles(articles)
    store.assign_stories([Assign(a.id, articles[0].id, np.zeros(2, np.float32), a.published) for a in articles])
    (story,) = store.stories(min_independent=1)
    assert story.title == "Floods kill eight in Valencia as rivers burst their banks"
