"""The store's schema, as a list of migrations: ``MIGRATIONS[i]`` takes a store from version i to i + 1.

``PRAGMA user_version`` holds the version a store is at; opening a store applies the migrations it
lacks, each in its own transaction. Append new migrations; never edit one that has shipped.
"""

from __future__ import annotations

V1 = """
CREATE TABLE articles (
    n INTEGER PRIMARY KEY,            -- stable row number: insertion order, and the full-text index's key
    id TEXT NOT NULL UNIQUE,          -- content hash (model.content_id)
    text TEXT NOT NULL,
    title TEXT,
    outlet TEXT,
    url TEXT,
    authors TEXT NOT NULL,            -- JSON list
    published TEXT,                   -- ISO date
    language TEXT,
    source TEXT,
    meta TEXT NOT NULL,               -- JSON object
    chain TEXT,                       -- id of the first article of its reporting chain (copies share it)
    minhash BLOB,                     -- MinHash signature (uint64) for near-duplicate search on later ingests
    added TEXT NOT NULL               -- UTC timestamp of the ingest
);
CREATE INDEX articles_chain ON articles (chain);
CREATE INDEX articles_outlet ON articles (outlet COLLATE NOCASE);

CREATE TABLE analyses (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    data TEXT NOT NULL                -- JSON of model.Analysis
);

CREATE TABLE entities (               -- named-entity mentions per article, counted by surface form
    article_id TEXT NOT NULL REFERENCES articles (id),
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, name, label)
) WITHOUT ROWID;
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,              -- id of the story's first article
    title TEXT,                       -- its first article's title, else the start of its text
    size INTEGER NOT NULL,            -- articles
    sources INTEGER NOT NULL,         -- distinct outlets (an article of unknown outlet counts as one)
    independent INTEGER NOT NULL,     -- outlets originating a reporting chain (see sqlite._independent)
    outlets TEXT NOT NULL,            -- JSON list, most articles first
    entities TEXT NOT NULL,           -- JSON list of the most mentioned names
    first_published TEXT,
    last_published TEXT,
    updated TEXT NOT NULL,
    seq INTEGER NOT NULL              -- bumped whenever the story changes: orders stories of one day
);
CREATE INDEX stories_recent ON stories (last_published DESC, seq DESC);
CREATE INDEX stories_seq ON stories (seq);

CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    story_id TEXT NOT NULL,
    vector BLOB,                      -- the clusterer's float32 vector, to restore it on the next ingest
    published TEXT
);
CREATE INDEX story_articles_story ON story_articles (story_id);

CREATE TABLE comparisons (
    story_id TEXT PRIMARY KEY,
    articles TEXT NOT NULL,           -- JSON list of the article ids compared, sorted
    data TEXT NOT NULL,               -- JSON of model.Comparison
    created TEXT NOT NULL
);

CREATE TABLE ingest_runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL,             -- running (or killed), done, interrupted
    sources TEXT NOT NULL,            -- JSON list
    stored INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    skipped TEXT NOT NULL DEFAULT '{}' -- JSON object: reason -> count
);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'n', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.n, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.n, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.n, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.n, new.title, new.text);
END;
"""

V2 = """
-- Comparisons cached before claims compared whole sentences (report schema 1), and the analyses they were
-- made from (one claim per sentence, no boilerplate): analyse and compare the stories again when asked.
DELETE FROM comparisons;
DELETE FROM analyses;
"""

V3 = """
-- How many facts of each status a cached comparison holds (JSON: status -> count), for the story list.
ALTER TABLE comparisons ADD COLUMN facts TEXT;
"""

MIGRATIONS: tuple[str, ...] = (V1, V2, V3)
