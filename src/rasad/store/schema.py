"""The store's schema as numbered migrations: a database made by an older rasad opens in a newer one.

``PRAGMA user_version`` holds the number of the last migration applied. Migrations are only ever appended;
an applied one is never edited (a database in the field already ran it). Each runs in one transaction.

The SQL keeps to what SQLite and PostgreSQL share where it can (JSON as TEXT, no SQLite-only types), so
the PostgreSQL store can start from the same list; the FTS5 table is SQLite's own and is created by the
store (it depends on the analyzer version, see ``SQLiteStore._ensure_fts``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "articles, layers, entities, quotes, events, source chains, ingest runs",
        """
        CREATE TABLE outlets (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            kb_id TEXT
        );
        CREATE TABLE ingest_runs (
            id INTEGER PRIMARY KEY,
            started TEXT NOT NULL,
            finished TEXT,
            args TEXT,
            status TEXT NOT NULL DEFAULT 'running',
            items INTEGER NOT NULL DEFAULT 0,
            added INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE ingest_errors (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES ingest_runs(id),
            source TEXT NOT NULL,
            error TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE,
            url TEXT UNIQUE,
            title TEXT,
            published TEXT,
            outlet_id INTEGER REFERENCES outlets(id),
            source_path TEXT,
            raw TEXT NOT NULL,
            text TEXT NOT NULL,
            doc BLOB,
            stage_errors INTEGER NOT NULL DEFAULT 0,
            ingest_run INTEGER REFERENCES ingest_runs(id),
            analysed_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_outlet ON articles(outlet_id, published);
        CREATE TABLE sentences (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE entities (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            ent_id TEXT NOT NULL,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            type TEXT NOT NULL,
            kb_id TEXT,
            code TEXT,
            attrs TEXT,
            PRIMARY KEY (article_id, ent_id)
        );
        CREATE INDEX entities_key ON entities(name_key);
        CREATE INDEX entities_kb ON entities(kb_id);
        CREATE TABLE mentions (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT,
            entity TEXT,
            kind TEXT,
            kb_id TEXT,
            attrs TEXT,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE quotes (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT,
            text TEXT NOT NULL,
            speaker TEXT,
            speaker_name TEXT,
            speaker_key TEXT,
            cue TEXT,
            attrs TEXT,
            PRIMARY KEY (article_id, idx)
        );
        CREATE INDEX quotes_speaker ON quotes(speaker_key);
        CREATE TABLE events (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            type TEXT,
            trigger TEXT,
            date TEXT,
            place TEXT,
            attrs TEXT,
            PRIMARY KEY (article_id, idx)
        );
        CREATE INDEX events_type ON events(type);
        CREATE TABLE source_chains (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            role TEXT,
            name TEXT,
            outlet_kb_id TEXT,
            cue TEXT,
            attrs TEXT,
            PRIMARY KEY (article_id, idx)
        );
        -- every other layer (dates, repeats, what later stages add): stored without a store change
        CREATE TABLE spans (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT,
            attrs TEXT,
            PRIMARY KEY (article_id, layer, idx)
        );
        CREATE TABLE store_meta (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        """,
    ),
    (
        2,
        "near-duplicate and story clusters (MinHash LSH bands kept in the database)",
        """
        CREATE TABLE clusters (
            id INTEGER PRIMARY KEY,
            level TEXT NOT NULL,               -- 'copy' (republications, small edits) or 'story'
            earliest_article INTEGER REFERENCES articles(id),
            size INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE cluster_members (
            cluster_id INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            level TEXT NOT NULL,
            similarity REAL,
            PRIMARY KEY (article_id, level)
        );
        CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id);
        CREATE TABLE minhash (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            shingles BLOB NOT NULL,            -- signature over word shingles (copies)
            words BLOB NOT NULL                -- signature over content words (stories)
        );
        CREATE TABLE lsh_bands (
            key INTEGER NOT NULL,              -- hash of (level, band number, the band's rows)
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        );
        CREATE INDEX lsh_bands_key ON lsh_bands(key);
        CREATE INDEX lsh_bands_article ON lsh_bands(article_id);
        """,
    ),
]

LATEST = MIGRATIONS[-1][0]


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: sqlite3.Connection, upto: int | None = None, on_step: Callable[[int, str], None] | None = None
) -> list[int]:
    """Apply the migrations the database lacks (up to ``upto``); returns the versions applied.

    A database newer than this rasad is refused rather than guessed at.
    """
    have = current_version(conn)
    target = LATEST if upto is None else upto
    if have > LATEST:
        raise RuntimeError(f"database schema v{have} is newer than this rasad (v{LATEST}); upgrade rasad")
    applied = []
    for version, description, sql in MIGRATIONS:
        if version <= have or version > target:
            continue
        # executescript() commits first; run the statements inside our own transaction instead.
        conn.execute("BEGIN IMMEDIATE")
        try:
            for stmt in _statements(sql):
                conn.execute(stmt)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
        if on_step:
            on_step(version, description)
    return applied


def _statements(sql: str) -> list[str]:
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    out, buf = [], ""
    for line in lines:
        buf += line.split(" --")[0] + "\n"
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
