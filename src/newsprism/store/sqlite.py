"""The SQLite store: one file in WAL mode, every statement parameterised (see ``newsprism.store``)."""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, NamedTuple, Protocol

import numpy as np

from newsprism.errors import NewsprismError
from newsprism.model import Analysis, Article, Comparison, Story
from newsprism.store.codec import decode, encode
from newsprism.store.schema import MIGRATIONS

log = logging.getLogger(__name__)

STORY_ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT")
STORY_ENTITIES = 5
_CHUNK = 500  # ids per "IN (...)" query, well under SQLite's limit on parameters
_FTS_TOKEN = re.compile(r'"[^"]*"\*?|[^\s"]+')


class StoreError(NewsprismError):
    """The store cannot be opened or used: missing, not a newsprism store, or made by a newer version."""


class AssignmentLike(Protocol):
    """What ``assign_stories`` needs of a story assignment (``cluster.Assignment`` fits)."""

    @property
    def article_id(self) -> str: ...
    @property
    def story_id(self) -> str: ...
    @property
    def vector(self) -> Any: ...
    @property
    def published(self) -> date | None: ...


class Membership(NamedTuple):
    """A stored story assignment: the fields of ``cluster.Assignment``, in its order."""

    article_id: str
    story_id: str
    vector: np.ndarray | None
    published: date | None


@dataclass(frozen=True)
class StorySummary:
    """A story as listed: its size, its outlets and how many independent reports it holds."""

    id: str
    title: str | None
    size: int
    sources: int
    independent: int
    outlets: tuple[str, ...]
    entities: tuple[str, ...]
    first_published: date | None
    last_published: date | None
    updated: str
    facts: dict[str, int] | None = None  # facts per status of its cached comparison; None until it is compared

    @property
    def conflicting(self) -> bool:
        """Whether its sources conflict on some fact (known once the story is compared)."""
        return bool(self.facts and self.facts.get("conflicts"))


@dataclass(frozen=True)
class SearchHit:
    """An article that matches a full-text query; ``snippet`` marks the matched words with [brackets]."""

    article_id: str
    title: str | None
    outlet: str | None
    published: date | None
    story_id: str | None
    snippet: str


@dataclass(frozen=True)
class IngestRun:
    """One ``newsprism ingest`` run as logged: a run still "running" after it ended was killed."""

    id: int
    started: str
    finished: str | None
    status: str
    sources: tuple[str, ...]
    stored: int
    duplicates: int
    skipped: dict[str, int]


@dataclass(frozen=True)
class StoreStats:
    """Counts of what the store holds."""

    path: str
    schema_version: int
    articles: int
    analysed: int
    stories: int
    multi_source_stories: int
    copies: int  # articles that belong to a reporting chain of two or more
    comparisons: int
    runs: int


class Store:
    """A newsprism store; open one with ``open_store``. Not shared between threads: open one per thread."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self._conn = conn
        self.path = path

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (a running transaction is rolled back)."""
        self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: all are committed together at the end, or none if an exception (or Ctrl-C) escapes.

        Writes outside a ``transaction`` block are each committed at once; a block inside another joins it.
        """
        if self._conn.in_transaction:
            yield
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # -- articles and analyses -------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article], analyses: Iterable[Analysis] = ()) -> list[str]:
        """Store articles not stored yet, with their analyses; an article already stored is left as it is.

        Returns:
            The ids of the articles that were new, in the order given.
        """
        by_id = {a.article_id: a for a in analyses}
        added: list[str] = []
        now = _now()
        with self.transaction():
            for a in articles:
                cursor = self._conn.execute(
                    "INSERT INTO articles (id, text, title, outlet, url, authors, published, language, source, meta, added)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                    (a.id, a.text, a.title, a.outlet, a.url, json.dumps(list(a.authors)), _iso(a.published),
                     a.language, a.source, json.dumps(a.meta, ensure_ascii=False, default=str), now),
                )
                if cursor.rowcount == 1:
                    added.append(a.id)
            self.save_analyses(by_id[i] for i in added if i in by_id)
        return added

    def save_analyses(self, analyses: Iterable[Analysis]) -> None:
        """Store (or replace) the analyses of stored articles, and the entity mentions they count."""
        with self.transaction():
            for analysis in analyses:
                self._conn.execute(
                    "INSERT INTO analyses (article_id, data) VALUES (?, ?)"
                    " ON CONFLICT (article_id) DO UPDATE SET data = excluded.data",
                    (analysis.article_id, encode(analysis)),
                )
                self._conn.execute("DELETE FROM entities WHERE article_id = ?", (analysis.article_id,))
                counts = Counter((" ".join(m.text.split()), m.label) for m in analysis.mentions)
                self._conn.executemany(
                    "INSERT INTO entities (article_id, name, label, mentions) VALUES (?, ?, ?, ?)",
                    [(analysis.article_id, name, label, n) for (name, label), n in counts.items() if name],
                )

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Return those of ``ids`` that are stored."""
        return {row[0] for row in self._select_in("SELECT id FROM articles WHERE id IN ({})", ids)}

    def article(self, article_id: str) -> Article | None:
        """Return a stored article, or None."""
        row = self._conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def articles(self, ids: Sequence[str]) -> list[Article]:
        """Return the stored articles among ``ids``, in the order of ``ids``."""
        found = {row["id"]: _article(row) for row in self._select_in("SELECT * FROM articles WHERE id IN ({})", ids)}
        return [found[i] for i in ids if i in found]

    def analysis(self, article_id: str) -> Analysis | None:
        """Return the stored analysis of an article, or None."""
        row = self._conn.execute("SELECT data FROM analyses WHERE article_id = ?", (article_id,)).fetchone()
        return decode(Analysis, row[0]) if row else None

    def analyses(self, ids: Sequence[str]) -> list[Analysis]:
        """Return the stored analyses of the articles ``ids``, in the order of ``ids``."""
        rows = self._select_in("SELECT article_id, data FROM analyses WHERE article_id IN ({})", ids)
        found = {row[0]: row[1] for row in rows}
        return [decode(Analysis, found[i]) for i in ids if i in found]

    # -- copies ------------------------------------------------------------------------------------

    def save_copies(self, chains: Mapping[str, str], signatures: Mapping[str, bytes] | None = None) -> None:
        """Set articles' reporting chains (article id -> chain id) and MinHash signatures; refresh their stories."""
        signatures = signatures or {}
        with self.transaction():
            self._conn.executemany(
                "UPDATE articles SET chain = ?, minhash = COALESCE(?, minhash) WHERE id = ?",
                [(chain, signatures.get(aid), aid) for aid, chain in chains.items()],
            )
            rows = self._select_in("SELECT DISTINCT story_id FROM story_articles WHERE article_id IN ({})", list(chains))
            for story_id in {row[0] for row in rows}:
                self._refresh_story(story_id)

    def chains(self, ids: Iterable[str]) -> dict[str, str]:
        """Return the reporting chain (the id of its first article) of each of the stored articles ``ids``."""
        rows = self._select_in("SELECT id, chain FROM articles WHERE chain IS NOT NULL AND id IN ({})", ids)
        return {row[0]: row[1] for row in rows}

    def copy_signatures(self) -> Iterator[tuple[str, str | None, bytes]]:
        """Yield ``(article id, chain id, MinHash signature)`` of every article that has one, in insertion order."""
        yield from self._conn.execute("SELECT id, chain, minhash FROM articles WHERE minhash IS NOT NULL ORDER BY n")

    # -- stories -------------------------------------------------------------------------------------

    def assign_stories(self, assignments: Iterable[AssignmentLike]) -> None:
        """Put articles into stories (moving them if they were in another) and refresh the stories touched.

        A story that changes loses its cached comparison.
        """
        touched: set[str] = set()
        with self.transaction():
            for a in assignments:
                old = self._conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (a.article_id,)).fetchone()
                if old:
                    touched.add(old[0])
                vector = None if a.vector is None else np.asarray(a.vector, dtype=np.float32).tobytes()
                self._conn.execute(
                    "INSERT INTO story_articles (article_id, story_id, vector, published) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, vector = excluded.vector,"
                    " published = excluded.published",
                    (a.article_id, a.story_id, vector, _iso(a.published)),
                )
                touched.add(a.story_id)
            for story_id in sorted(touched):
                self._refresh_story(story_id)

    def memberships(self) -> Iterator[Membership]:
        """Yield every stored story assignment, in the order they were first made (to restore a clusterer)."""
        for article_id, story_id, vector, published in self._conn.execute(
            "SELECT article_id, story_id, vector, published FROM story_articles ORDER BY rowid"
        ):
            array = None if vector is None else np.frombuffer(vector, dtype=np.float32).copy()
            yield Membership(article_id, story_id, array, _date(published))

    def stories(
        self,
        *,
        since: date | None = None,
        min_sources: int | None = None,
        min_independent: int | None = None,
        outlet: str | None = None,
        query: str | None = None,
        entity: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StorySummary]:
        """List stories, newest first (by their latest article's date; undated ones last).

        Args:
            since: Only stories with an article published on or after this date.
            min_sources: Only stories reported by at least this many outlets.
            min_independent: Only stories told by at least this many independent sources.
            outlet: Only stories with an article from this outlet: its name or web domain, any case ("Mothership",
                "mothership.sg"; see ``outlet_key``).
            query: Only stories with an article matching this full-text query (see ``search``).
            entity: Only stories naming this person, organisation or place however written ("Yury Ushakov" finds
                "Yuri Ushakov" and "Ushakov"; see ``resolve.same_entity_names``).
            limit: At most this many stories.
            offset: Skip this many first (for paging).
        """
        where: list[str] = []
        params: list[Any] = []
        if since is not None:
            where.append("s.last_published >= ?")
            params.append(since.isoformat())
        if min_sources is not None:
            where.append("s.sources >= ?")
            params.append(min_sources)
        if min_independent is not None:
            where.append("s.independent >= ?")
            params.append(min_independent)
        if outlet:
            where.append("EXISTS (SELECT 1 FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
                         " WHERE sa.story_id = s.id AND (a.outlet = ? COLLATE NOCASE OR outlet_key(a.outlet) = ?))")
            params += [outlet, outlet_key(outlet) or None]  # a key of nothing matches nothing
        if query is not None:
            where.append("s.id IN (SELECT sa.story_id FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid"
                         " JOIN story_articles sa ON sa.article_id = a.id WHERE articles_fts MATCH ?)")
            params.append(fts_query(query))
        if entity is not None:
            where.append("s.id IN (SELECT sa.story_id FROM entities e JOIN story_articles sa ON sa.article_id = e.article_id"
                         " WHERE e.name IN (SELECT value FROM json_each(?)))")
            params.append(json.dumps(sorted(self._names_of(entity)), ensure_ascii=False))
        sql = _STORY_ROWS + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY s.last_published IS NULL, s.last_published DESC, s.seq DESC LIMIT ? OFFSET ?"
        return [_story_summary(row) for row in self._conn.execute(sql, (*params, limit, offset))]

    def story(self, story_id: str) -> Story | None:
        """Return a story with its article ids (oldest first), or None when there is no such story."""
        row = self._conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return None
        return Story(
            id=row["id"],
            article_ids=tuple(a.id for a in self.story_articles(story_id)),
            title=row["title"],
            first_published=_date(row["first_published"]),
            last_published=_date(row["last_published"]),
            entities=tuple(json.loads(row["entities"])),
        )

    def story_summary(self, story_id: str) -> StorySummary | None:
        """Return the listing record of one story, or None."""
        row = self._conn.execute(_STORY_ROWS + " WHERE s.id = ?", (story_id,)).fetchone()
        return _story_summary(row) if row else None

    def story_articles(self, story_id: str) -> list[Article]:
        """Return the articles of a story, oldest first (undated ones last, then in insertion order)."""
        rows = self._conn.execute(
            "SELECT a.* FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?"
            " ORDER BY a.published IS NULL, a.published, a.n",
            (story_id,),
        )
        return [_article(row) for row in rows]

    # -- search --------------------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Find articles whose title or text holds every word of ``query``, best match first.

        Words are matched whole, case and accents ignored; ``"two words"`` is a phrase and ``word*`` a
        prefix. No other FTS5 syntax is interpreted, so any user input is safe.
        """
        match = fts_query(query)
        if not match:
            return []
        rows = self._conn.execute(
            "SELECT a.id, a.title, a.outlet, a.published, sa.story_id,"
            " snippet(articles_fts, 1, '[', ']', '…', 16) AS snip"
            " FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid"
            " LEFT JOIN story_articles sa ON sa.article_id = a.id"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
            (match, limit, offset),
        )
        return [SearchHit(r[0], r[1], r[2], _date(r[3]), r[4], r[5]) for r in rows]

    # -- comparisons ---------------------------------------------------------------------------------

    def comparison(self, story_id: str) -> Comparison | None:
        """Return the cached comparison of a story, or None when there is none or the story has changed since."""
        row = self._conn.execute("SELECT articles, data FROM comparisons WHERE story_id = ?", (story_id,)).fetchone()
        if row is None or json.loads(row[0]) != self._story_ids(story_id):
            return None
        return decode(Comparison, row[1])

    def save_comparison(self, story_id: str, comparison: Comparison, *, article_ids: Sequence[str] | None = None) -> None:
        """Cache the comparison of a story, valid while the story holds the same articles.

        Args:
            story_id: The story.
            comparison: Its comparison.
            article_ids: The story's articles when the comparison was computed (by default those it
                compares; a comparison may leave out duplicates or articles it could not analyse).
        """
        ids = sorted(article_ids if article_ids is not None else (a.id for a in comparison.articles))
        with self.transaction():
            self._conn.execute(
                "INSERT INTO comparisons (story_id, articles, data, created, facts) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (story_id) DO UPDATE SET articles = excluded.articles, data = excluded.data,"
                " created = excluded.created, facts = excluded.facts",
                (story_id, json.dumps(ids), encode(comparison), _now(), json.dumps(Counter(f.status for f in comparison.facts))),
            )

    # -- ingest log ----------------------------------------------------------------------------------

    def start_run(self, sources: Sequence[str]) -> int:
        """Log the start of an ingest run; returns its id."""
        with self.transaction():
            cursor = self._conn.execute(
                "INSERT INTO ingest_runs (started, status, sources) VALUES (?, 'running', ?)", (_now(), json.dumps(list(sources)))
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def update_run(
        self, run_id: int, *, stored: int, duplicates: int, skipped: Mapping[str, int], status: str = "running"
    ) -> None:
        """Record a run's progress (inside the batch's transaction) or its end (status "done" or "interrupted")."""
        finished = None if status == "running" else _now()
        with self.transaction():
            self._conn.execute(
                "UPDATE ingest_runs SET stored = ?, duplicates = ?, skipped = ?, status = ?, finished = ? WHERE id = ?",
                (stored, duplicates, json.dumps(dict(skipped)), status, finished, run_id),
            )

    def runs(self, limit: int = 20) -> list[IngestRun]:
        """Return the latest ingest runs, newest first."""
        rows = self._conn.execute("SELECT * FROM ingest_runs ORDER BY id DESC LIMIT ?", (limit,))
        return [
            IngestRun(r["id"], r["started"], r["finished"], r["status"], tuple(json.loads(r["sources"])), r["stored"],
                      r["duplicates"], json.loads(r["skipped"]))
            for r in rows
        ]

    def story_count(self) -> int:
        """How many stories the store holds (what ``stories(min_independent=1)`` lists without a limit)."""
        return int(self._conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0])

    def stats(self) -> StoreStats:
        """Count what the store holds."""
        def count(sql: str) -> int:
            return int(self._conn.execute(sql).fetchone()[0])

        return StoreStats(
            path=self.path,
            schema_version=count("PRAGMA user_version"),
            articles=count("SELECT COUNT(*) FROM articles"),
            analysed=count("SELECT COUNT(*) FROM analyses"),
            stories=self.story_count(),
            multi_source_stories=count("SELECT COUNT(*) FROM stories WHERE sources > 1"),
            copies=count("SELECT COUNT(*) FROM articles WHERE chain IN "
                         "(SELECT chain FROM articles WHERE chain IS NOT NULL GROUP BY chain HAVING COUNT(*) > 1)"),
            comparisons=count("SELECT COUNT(*) FROM comparisons"),
            runs=count("SELECT COUNT(*) FROM ingest_runs"),
        )

    # -- internals -----------------------------------------------------------------------------------

    def _select_in(self, sql: str, ids: Iterable[str]) -> Iterator[sqlite3.Row]:
        """Run ``sql`` (with one ``IN ({})``) over ``ids`` in chunks."""
        ids = list(dict.fromkeys(ids))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            yield from self._conn.execute(sql.format(", ".join("?" * len(chunk))), chunk)

    def _names_of(self, entity: str) -> set[str]:
        """The stored names that may name ``entity``: those sharing the beginning of its last word are read, then
        matched by ``resolve.same_entity_names``."""
        # here: only an entity filter needs the name rules
        from newsprism.resolve import same_entity_names

        words = entity.split()
        stem = words[-1][:4].lower() if words else ""
        rows = self._conn.execute("SELECT DISTINCT name FROM entities WHERE instr(lower(name), ?) > 0", (stem,))
        candidates = {row[0] for row in rows}
        if len(words) > 1 or "." in entity or entity.isupper():  # a country's other forms share no letters ("U.S.")
            candidates |= {row[0] for row in self._conn.execute("SELECT DISTINCT name FROM entities WHERE label = 'GPE'")}
        return same_entity_names(entity, candidates)

    def _story_ids(self, story_id: str) -> list[str]:
        rows = self._conn.execute("SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY article_id", (story_id,))
        return [row[0] for row in rows]

    def _refresh_story(self, story_id: str) -> None:
        """Recompute a story's row from its articles (or delete it when it has none); drop its cached comparison."""
        # here: resolve loads spaCy's types, which listing stories does not need
        from newsprism.resolve import leading_names

        self._conn.execute("DELETE FROM comparisons WHERE story_id = ?", (story_id,))
        members = self._conn.execute(
            "SELECT a.id, a.title, substr(a.text, 1, 200) AS lead, a.outlet, a.chain, a.published FROM story_articles sa"
            " JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? ORDER BY a.n",
            (story_id,),
        ).fetchall()
        if not members:
            self._conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
            return
        outlets = Counter(m["outlet"] for m in members if m["outlet"])
        dates = sorted(m["published"] for m in members if m["published"])
        first = next((m for m in members if m["id"] == story_id), members[0])
        counts = [tuple(row) for row in self._conn.execute(
            "SELECT e.name, COUNT(DISTINCT e.article_id), SUM(e.mentions) FROM entities e"
            " JOIN story_articles sa ON sa.article_id = e.article_id"
            f" WHERE sa.story_id = ? AND e.label IN ({', '.join('?' * len(STORY_ENTITY_LABELS))}) GROUP BY e.name",
            (story_id, *STORY_ENTITY_LABELS),
        )]
        entities = leading_names(counts, STORY_ENTITIES)  # "Putin" and "Vladimir Putin" are one name
        self._conn.execute(
            "INSERT INTO stories (id, title, size, sources, independent, outlets, entities, first_published,"
            " last_published, updated, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " (SELECT COALESCE(MAX(seq), 0) + 1 FROM stories))"
            " ON CONFLICT (id) DO UPDATE SET title = excluded.title, size = excluded.size, sources = excluded.sources,"
            " independent = excluded.independent, outlets = excluded.outlets, entities = excluded.entities,"
            " first_published = excluded.first_published, last_published = excluded.last_published,"
            " updated = excluded.updated, seq = excluded.seq",
            (
                story_id,
                _headline(members) or _lead(first["lead"]),
                len(members),
                len(outlets) + sum(1 for m in members if not m["outlet"]),
                _independent(members),
                json.dumps([name for name, _ in outlets.most_common()], ensure_ascii=False),
                json.dumps(entities, ensure_ascii=False),
                dates[0] if dates else None,
                dates[-1] if dates else None,
                _now(),
            ),
        )


# A story as listed, with the fact counts of its cached comparison (none until it is compared).
_STORY_ROWS = "SELECT s.*, c.facts FROM stories s LEFT JOIN comparisons c ON c.story_id = s.id"


def _headline(members: Sequence[sqlite3.Row]) -> str | None:
    """The headline that best represents a story: of its articles' titles of four words or more (a page's section name,
    "Categories", is none), the one whose words the most other articles hold in their titles and leads; the earliest
    on a tie. Linear in the story's size: each word counts the articles holding it once."""
    def words(text: str | None) -> set[str]:
        return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if len(w) > 3}

    titles = [m for m in members if len((m["title"] or "").split()) >= 4]
    if not titles:
        return next((m["title"] for m in members if m["title"]), None)
    bags = {m["id"]: words(m["title"]) | words(m["lead"]) for m in members}
    holding = Counter(w for bag in bags.values() for w in bag)
    return max(titles, key=lambda t: sum(holding[w] - (w in bags[t["id"]]) for w in words(t["title"])))["title"]


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu"})


def outlet_key(outlet: str | None) -> str:
    """An outlet's name or web domain reduced to one key: "Mothership", "mothership.sg" and "https://www.mothership.sg"
    -> "mothership"; "The Straits Times" and "straitstimes.com" -> "straitstimes"; "bbc.co.uk" -> "bbc"."""
    text = (outlet or "").strip().lower()
    text = re.sub(r"^[a-z]+://", "", text).split("/")[0]
    if "." in text and " " not in text:
        labels = [label for label in text.split(".") if label and label != "www"]
        if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
            return labels[-3]
        return labels[-2] if len(labels) >= 2 else "".join(labels)
    return re.sub(r"[^0-9a-z]+", "", re.sub(r"^the\s+", "", text))


def _independent(members: Sequence[sqlite3.Row]) -> int:
    """Independent sources: the outlets that originate a reporting chain of the story (the outlet of each chain's
    earliest article here; one of unknown outlet counts as its own). An outlet with two chains counts once, one
    that only copies another's dispatch not at all, so the count never exceeds the story's sources."""
    origins: dict[str, sqlite3.Row] = {}
    for m in members:  # in the order the articles were stored
        origins.setdefault(m["chain"] or m["id"], m)
    return len({m["outlet"] or m["id"] for m in origins.values()})


def open_store(path: str | os.PathLike[str], *, create: bool = True) -> Store:
    """Open (or create) the store at ``path`` and bring its schema up to date. See ``newsprism.store``.

    Args:
        path: The SQLite file (":memory:" for a throw-away store).
        create: Create the file when it does not exist; when False a missing file is an error.

    Raises:
        StoreError: No store at ``path`` (with ``create=False``), the file is not a newsprism store,
            or it was written by a newer newsprism.
    """
    name = os.fspath(path)
    if not create and name != ":memory:" and not os.path.isfile(name):
        raise StoreError(f"no newsprism store at {name}; create one with: newsprism ingest SOURCES --db {name}")
    try:
        conn = sqlite3.connect(name, isolation_level=None, timeout=30.0)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")  # a commit reported as stored survives a crash of the machine too
        conn.execute("PRAGMA foreign_keys = ON")
        conn.create_function("outlet_key", 1, outlet_key, deterministic=True)
        _migrate(conn, name)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{name} is not a newsprism store ({exc})") from exc
    return Store(conn, name)


def _migrate(conn: sqlite3.Connection, name: str) -> None:
    """Apply the migrations the store lacks, each in its own transaction."""
    if conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS):
        return  # up to date: readers never wait for the write lock an ingest holds
    while True:
        conn.execute("BEGIN IMMEDIATE")  # re-read the version under the write lock: another process may migrate
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version >= len(MIGRATIONS):
            conn.execute("ROLLBACK")
            if version > len(MIGRATIONS):
                raise StoreError(f"{name} was written by a newer newsprism (schema {version}); upgrade newsprism")
            return
        if version == 0 and conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]:
            conn.execute("ROLLBACK")
            raise StoreError(f"{name} is an SQLite file but not a newsprism store; pass another --db")
        log.info("%s: migrating the store from schema %d to %d", name, version, version + 1)
        try:
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1:d}")  # PRAGMA takes no parameters; an int
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (``sqlite3.complete_statement`` keeps triggers whole)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [s for s in statements if s]


def fts_query(text: str) -> str:
    """Turn user input into a safe FTS5 query: every word must match; "phrases" and prefix* are kept."""
    terms = []
    for token in _FTS_TOKEN.findall(text):
        prefix = token.endswith("*")
        word = token.rstrip("*").strip('"')
        if word.strip():
            terms.append('"' + word.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(terms)


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        outlet=row["outlet"],
        url=row["url"],
        authors=tuple(json.loads(row["authors"])),
        published=_date(row["published"]),
        language=row["language"],
        source=row["source"],
        meta=json.loads(row["meta"]),
    )


def _story_summary(row: sqlite3.Row) -> StorySummary:
    return StorySummary(
        id=row["id"],
        title=row["title"],
        size=row["size"],
        sources=row["sources"],
        independent=row["independent"],
        outlets=tuple(json.loads(row["outlets"])),
        entities=tuple(json.loads(row["entities"])),
        first_published=_date(row["first_published"]),
        last_published=_date(row["last_published"]),
        updated=row["updated"],
        facts=json.loads(row["facts"]) if row["facts"] else None,
    )


def _lead(text: str, limit: int = 80) -> str:
    """The start of an untitled article's text, cut at a word, to stand for its title."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
