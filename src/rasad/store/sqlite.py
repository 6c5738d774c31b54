"""The embedded store: one SQLite file (WAL), the schema of :mod:`rasad.store.schema`, FTS5 search.

Writes happen in batches, one transaction each (:meth:`SQLiteStore.write_batch`): an article, its layers,
its index entry and its cluster links are committed together or not at all, so a killed ingest loses at
most the batch in flight and never leaves half an article.

An article is identified by its content hash *or* its URL: writing it again updates the stored row in
place (same ``articles.id``), its layers, index entry and clusters being replaced.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rasad.cluster import minhash
from rasad.cluster.stories import StoryRule, same_story
from rasad.document import Document, Span
from rasad.ingest.errors import ReadError
from rasad.store.analyzer import Analyzer
from rasad.store.base import PutResult, SearchFilters, SearchHit
from rasad.store.schema import migrate

# Layers with a table of their own (columns worth querying); any other layer goes to `spans`.
TYPED_LAYERS = ("sentences", "mentions", "quotes", "events", "sources")
# Recomputable in microseconds and ~10x the size of everything else: not stored.
SKIPPED_LAYERS = frozenset({"tokens"})
# The full-text index is split by article id into shards of FTS_SHARD articles (``fts_0000``, ``fts_0001``…).
# FTS5's bm25() counts, on every query, the articles holding each query term by walking the term's whole
# doclist: for a word in most articles that is linear in the archive (~75 ms per million articles). The
# search ranks the newest matches (search.RANK_WINDOW) and finds them in the newest shard for any common
# word, so that walk is bounded by the shard's size, not the archive's; bm25 then uses the statistics of
# the shard (50k articles: close to global ones for any word common enough to matter).
FTS_SHARD = 50_000
# Besides the keys, each shard indexes the pairs of adjacent keys ("a_b") of the title and of the body: a
# phrase becomes a lookup of its pairs (a phrase of pair tokens for 3+ words) instead of a position check
# in every article holding all its words, which for common words was linear in the archive too.
FTS_COLUMNS = "title, body, title_pairs, body_pairs"
FTS_TOKENIZE = "unicode61 tokenchars '_'"
FTS_RANK = "bm25(3.0, 1.0, 3.0, 1.0)"  # a word in the title counts three times one in the body
FTS_LAYOUT = f"shards{FTS_SHARD}+pairs"  # a database indexed another way is re-indexed when opened


_DOC_COLUMNS = (
    "a.id, a.doc_id, a.title, a.published, a.url, a.source_path, a.raw, a.text, a.doc,"
    " (SELECT name FROM outlets o WHERE o.id = a.outlet_id) AS outlet"
)


def _shard_name(k: int) -> str:
    return f"fts_{k:04d}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _span_rows(aid: int, spans: list[Any], keys: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """Rows ``(article, index, start, end, label, *attrs[keys], attrs-json)`` of one span layer."""
    return [
        (aid, i, s.start, s.end, s.label, *(s.attrs.get(k) for k in keys), _json(s.attrs))
        for i, s in enumerate(spans)
    ]


def _json(v: Any) -> str | None:
    return json.dumps(v, ensure_ascii=False) if v else None


def _match_key(name: str) -> str:
    from rasad.kb import match_key

    return match_key(name)


def content_hash(doc: Document) -> str:
    """The identity an article had when it arrived.

    ``Document.content_hash`` covers the title, which the normalise stage rewrites; ingest records the
    hash before analysis in ``meta["content_hash"]`` so that a re-read article is recognised.
    """
    return str(doc.meta.get("content_hash") or doc.content_hash)


class SQLiteStore:
    """The default store. ``SQLiteStore(path)`` creates or opens (and migrates) the database."""

    def __init__(
        self,
        path: str | Path,
        analyzer: Analyzer | None = None,
        story_rule: StoryRule | None = None,
        migrate_to: int | None = None,
    ) -> None:
        self.path = str(path)
        # Autocommit mode: transactions are begun and committed explicitly, one per batch.
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute(
            "PRAGMA synchronous=NORMAL"
        )  # WAL+NORMAL: durable at each checkpoint, never corrupt
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA cache_size=-65536")
        # Reads through the OS page cache without copying into SQLite's own (helps searches of big files).
        self.conn.execute("PRAGMA mmap_size=268435456")
        self.story_rule = story_rule or StoryRule()
        self._stop = minhash.stopwords()
        self.migrated = migrate(self.conn, upto=migrate_to)
        self.analyzer = analyzer or self._analyzer()
        self._ensure_fts()

    # -- setup --------------------------------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM store_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO store_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def _analyzer(self) -> Analyzer:
        """The analyzer this database was indexed with.

        The protected names (from the KB) are frozen into the database when it is created: the KB changes
        often, and keys that changed under a contentless index would need a full re-index on every open.
        """
        saved = self._meta("analyzer_names")
        if saved is not None:
            return Analyzer(names=json.loads(saved))
        analyzer = Analyzer()
        self._set_meta("analyzer_names", json.dumps(sorted(analyzer.names), ensure_ascii=False))
        return analyzer

    def _ensure_fts(self) -> None:
        """Create the index, or rebuild it when the analyzer's keys or the index layout changed.

        The index is contentless (the text is already stored once in ``articles``): deleting an entry
        needs the exact keys it was indexed with, which only the same analyzer version reproduces. A
        database of an older layout (one ``articles_fts`` table) is re-indexed in committed chunks; if
        that is interrupted the next open starts it again.
        """
        self._shards = self._list_shards()
        want = f"{self.analyzer.version}/{FTS_LAYOUT}"
        if self._shards and self._meta("fts_analyzer") == want:
            return
        if not self._shards and self._meta("fts_analyzer") == want and not self.count():
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            if self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'").fetchone():
                self.conn.execute("DROP TABLE articles_fts")  # the layout before shards
            for k in self._shards:
                self.conn.execute(f"DROP TABLE {_shard_name(k)}")
            self._shards = []
            self._set_meta("fts_analyzer", "rebuilding")
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT id, title, text FROM articles WHERE id > ? ORDER BY id LIMIT 5000", (last,)
            ).fetchall()
            if not rows:
                break
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for row in rows:
                    self._fts_insert(row["id"], row["title"], row["text"])
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            last = int(rows[-1]["id"])
        for k in self._shards:
            self.optimize_fts(k)
        self._set_meta("fts_analyzer", want)

    def refresh_shards(self) -> None:
        """See shards another connection created (an ingest running beside a search server): the list is
        read again when the schema changed, which costs one pragma per call."""
        version = self.conn.execute("PRAGMA schema_version").fetchone()[0]
        if version != self._schema_version:
            self._shards = self._list_shards()

    def _list_shards(self) -> list[int]:
        self._schema_version = self.conn.execute("PRAGMA schema_version").fetchone()[0]
        rows = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'fts_[0-9][0-9][0-9][0-9]'"
        ).fetchall()
        return sorted(int(r[0][4:]) for r in rows)

    @property
    def fts_shards(self) -> list[str]:
        """Names of the index shards, oldest articles first."""
        return [_shard_name(k) for k in self._shards]

    def _shard(self, rowid: int) -> str:
        k = rowid // FTS_SHARD
        if k not in self._shards:
            name = _shard_name(k)
            self.conn.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING fts5({FTS_COLUMNS}, content='',"
                f' tokenize="{FTS_TOKENIZE}")'
            )
            self.conn.execute(f"INSERT INTO {name}({name}, rank) VALUES ('rank', '{FTS_RANK}')")
            self._shards = self._list_shards()
        return _shard_name(k)

    def optimize_fts(self, shard: int | None = None) -> None:
        """Merge a shard's index segments into one (all shards when ``None``): faster queries after bulk
        loading. Ingest does it to a shard once articles have moved on to the next one."""
        for k in self._shards if shard is None else [shard]:
            name = _shard_name(k)
            self.conn.execute(f"INSERT INTO {name}({name}) VALUES ('optimize')")

    def fts_count(self, match: str) -> int:
        """How many articles the FTS5 expression ``match`` finds, over every shard."""
        return sum(
            self.conn.execute(f"SELECT COUNT(*) FROM {n} WHERE {n} MATCH ?", (match,)).fetchone()[0]  # noqa: S608
            for n in self.fts_shards
        )

    def _fts_values(self, rowid: int, title: str | None, text: str) -> tuple[Any, ...]:
        an = self.analyzer
        tk, bk = an.keys(an.normalise(title or "")), an.keys(text)
        return rowid, " ".join(tk), " ".join(bk), an.pairs_text(tk), an.pairs_text(bk)

    def _fts_insert(self, rowid: int, title: str | None, text: str) -> None:
        self.fts_insert_keys(*self._fts_values(rowid, title, text))

    def fts_insert_keys(self, rowid: int, title: str, body: str, title_pairs: str, body_pairs: str) -> None:
        """Index one article from its keys (space separated) and key pairs (``Analyzer.pairs_text``)."""
        self.fts_insert_many([(rowid, title, body, title_pairs, body_pairs)])

    def fts_insert_many(self, rows: Sequence[tuple[int, str, str, str, str]]) -> None:
        """Index articles given as ``fts_insert_keys`` arguments (bulk loading: one statement per shard)."""
        i = 0
        while i < len(rows):
            k = rows[i][0] // FTS_SHARD
            j = i
            while j < len(rows) and rows[j][0] // FTS_SHARD == k:
                j += 1
            new = k not in self._shards
            name = self._shard(rows[i][0])
            # A shard is full once an article of the next one arrives: merge its segments, once.
            if new and k - 1 in self._shards:
                self.optimize_fts(k - 1)
            self.conn.executemany(
                f"INSERT INTO {name}(rowid, title, body, title_pairs, body_pairs) VALUES (?, ?, ?, ?, ?)",  # noqa: S608
                rows[i:j],
            )
            i = j

    def _fts_delete(self, rowid: int, title: str | None, text: str) -> None:
        name = _shard_name(rowid // FTS_SHARD)
        if rowid // FTS_SHARD not in self._shards:
            return
        self.conn.execute(
            f"INSERT INTO {name}({name}, rowid, title, body, title_pairs, body_pairs)"  # noqa: S608
            " VALUES ('delete', ?, ?, ?, ?, ?)",
            self._fts_values(rowid, title, text),
        )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest runs --------------------------------------------------------------------------------
    def start_run(self, args: dict[str, Any]) -> int:
        # A run still 'running' was killed: say so (SQLite has one writer, so it is not still going).
        self.conn.execute("UPDATE ingest_runs SET status = 'interrupted' WHERE status = 'running'")
        cur = self.conn.execute(
            "INSERT INTO ingest_runs(started, args) VALUES (?, ?)",
            (_now(), json.dumps(args, ensure_ascii=False)),
        )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str = "done") -> None:
        self.conn.execute(
            "UPDATE ingest_runs SET finished = ?, status = ? WHERE id = ?", (_now(), status, run_id)
        )

    def count_unchanged(self, run_id: int, n: int) -> None:
        self.conn.execute(
            "UPDATE ingest_runs SET unchanged = unchanged + ?, items = items + ? WHERE id = ?", (n, n, run_id)
        )

    # -- writing ------------------------------------------------------------------------------------
    def lookup(self, content_hash: str, url: str | None) -> int | None:
        row = self.conn.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        if row is None and url:
            row = self.conn.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()
        return int(row[0]) if row else None

    def write_batch(
        self, docs: Sequence[Document], errors: Sequence[ReadError] = (), run_id: int | None = None
    ) -> list[PutResult]:
        """Store analysed documents and read errors in one transaction."""
        results: list[PutResult] = []
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.refresh_shards()  # under the write lock: no other writer can add one now
            for doc in docs:
                results.append(self._put(doc, run_id))
            for err in errors:
                self.conn.execute(
                    "INSERT INTO ingest_errors(run_id, source, error, at) VALUES (?, ?, ?, ?)",
                    (run_id, err.source, err.error, _now()),
                )
            if run_id is not None:
                added = sum(r.status == "added" for r in results)
                self.conn.execute(
                    "UPDATE ingest_runs SET items = items + ?, added = added + ?, updated = updated + ?,"
                    " errors = errors + ? WHERE id = ?",
                    (len(docs) + len(errors), added, len(results) - added, len(errors), run_id),
                )
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return results

    def _outlet_id(self, doc: Document) -> int | None:
        name = doc.outlet
        kb_id = None
        for s in doc.spans("sources"):
            if s.label == "publisher":
                name = s.attrs.get("name") or name
                kb_id = s.attrs.get("outlet_id")
                break
        if not name:
            return None
        row = self.conn.execute("SELECT id, kb_id FROM outlets WHERE name = ?", (name,)).fetchone()
        if row:
            if kb_id and not row["kb_id"]:
                self.conn.execute("UPDATE outlets SET kb_id = ? WHERE id = ?", (kb_id, row["id"]))
            return int(row["id"])
        return int(
            self.conn.execute("INSERT INTO outlets(name, kb_id) VALUES (?, ?)", (name, kb_id)).lastrowid or 0
        )

    def _put(self, doc: Document, run_id: int | None) -> PutResult:
        text = doc.text or doc.raw
        chash = content_hash(doc)
        existing = self.lookup(chash, doc.url)
        blob = self._doc_blob(doc)
        values = (
            doc.id,
            chash,
            doc.url or None,
            doc.title,
            doc.published,
            self._outlet_id(doc),
            doc.source_path,
            doc.raw,
            text,
            blob,
            len(doc.errors),
            run_id,
            _now(),
        )
        if existing is None:
            cur = self.conn.execute(
                "INSERT INTO articles(doc_id, content_hash, url, title, published, outlet_id, source_path, raw, text,"
                " doc, stage_errors, ingest_run, analysed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                values,
            )
            aid = int(cur.lastrowid or 0)
            status = "added"
        else:
            aid = existing
            old = self.conn.execute("SELECT title, text FROM articles WHERE id = ?", (aid,)).fetchone()
            self._fts_delete(aid, old["title"], old["text"])
            self._clear_children(aid)
            # The URL of another stored row may be this one's: keep the first claim rather than fail.
            url = doc.url or None
            if (
                url
                and self.conn.execute(
                    "SELECT 1 FROM articles WHERE url = ? AND id != ?", (url, aid)
                ).fetchone()
            ):
                url = None
            self.conn.execute(
                "UPDATE articles SET doc_id=?, content_hash=?, url=COALESCE(?, url), title=?, published=?, outlet_id=?,"
                " source_path=?, raw=?, text=?, doc=?, stage_errors=?, ingest_run=?, analysed_at=? WHERE id=?",
                (*values[:2], url, *values[3:], aid),
            )
            status = "updated"
        self._fts_insert(aid, doc.title, text)
        self._write_layers(aid, doc)
        copy_c, story_c = self._cluster(aid, doc, text)
        return PutResult(aid, status, copy_c, story_c)

    @staticmethod
    def _doc_blob(doc: Document) -> bytes:
        data = doc.to_json()
        del data["raw"], data["text"]  # columns of their own
        data["layers"] = {k: v for k, v in data["layers"].items() if k not in SKIPPED_LAYERS}
        return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 6)

    def _clear_children(self, aid: int) -> None:
        for table in (
            "sentences",
            "entities",
            "mentions",
            "quotes",
            "events",
            "source_chains",
            "spans",
            "minhash",
        ):
            self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))  # noqa: S608 - fixed names
        self.conn.execute("DELETE FROM lsh_bands WHERE article_id = ?", (aid,))
        clusters = [
            r[0]
            for r in self.conn.execute("SELECT cluster_id FROM cluster_members WHERE article_id = ?", (aid,))
        ]
        self.conn.execute("DELETE FROM cluster_members WHERE article_id = ?", (aid,))
        for cid in clusters:
            self._refresh_cluster(cid)

    def _write_layers(self, aid: int, doc: Document) -> None:
        c = self.conn
        text = doc.text
        c.executemany(
            'INSERT INTO sentences(article_id, idx, start, "end") VALUES (?,?,?,?)',
            [(aid, i, s.start, s.end) for i, s in enumerate(doc.spans("sentences"))],
        )
        c.executemany(
            "INSERT OR REPLACE INTO entities(article_id, ent_id, name, name_key, type, kb_id, code, attrs)"
            " VALUES (?,?,?,?,?,?,?,?)",
            [
                (aid, e.id, e.name, _match_key(e.name), e.type, e.kb_id, e.code, _json(e.attrs))
                for e in doc.entities
            ],
        )
        c.executemany(
            'INSERT INTO mentions(article_id, idx, start, "end", label, entity, kind, kb_id, attrs)'
            " VALUES (?,?,?,?,?,?,?,?,?)",
            _span_rows(aid, doc.spans("mentions"), ("entity", "kind", "kb_id")),
        )
        quotes = []
        for i, s in enumerate(doc.spans("quotes")):
            speaker_name = s.attrs.get("speaker_name")
            ent = doc.entity(s.attrs.get("speaker"))
            key_name = ent.name if ent else speaker_name
            quotes.append(
                (
                    aid,
                    i,
                    s.start,
                    s.end,
                    s.label,
                    text[s.start : s.end],
                    s.attrs.get("speaker"),
                    speaker_name,
                    _match_key(key_name) if key_name else None,
                    s.attrs.get("cue"),
                    _json(s.attrs),
                )
            )
        c.executemany(
            'INSERT INTO quotes(article_id, idx, start, "end", label, text, speaker, speaker_name, speaker_key, cue,'
            " attrs) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            quotes,
        )
        c.executemany(
            'INSERT INTO events(article_id, idx, start, "end", type, trigger, date, place, attrs) VALUES (?,?,?,?,?,?,?,?,?)',
            [
                (
                    aid,
                    i,
                    s.start,
                    s.end,
                    s.attrs.get("type") or s.label or None,
                    s.attrs.get("trigger") or text[s.start : s.end],
                    s.attrs.get("date"),
                    s.attrs.get("place"),
                    _json(s.attrs),
                )
                for i, s in enumerate(doc.spans("events"))
            ],
        )
        c.executemany(
            'INSERT INTO source_chains(article_id, idx, start, "end", role, name, outlet_kb_id, cue, attrs)'
            " VALUES (?,?,?,?,?,?,?,?,?)",
            _span_rows(aid, doc.spans("sources"), ("name", "outlet_id", "cue")),
        )
        rows = []
        for name, spans in doc.layers.items():
            if name in TYPED_LAYERS or name in SKIPPED_LAYERS:
                continue
            rows.extend((aid, name, i, s.start, s.end, s.label, _json(s.attrs)) for i, s in enumerate(spans))
        c.executemany(
            'INSERT INTO spans(article_id, layer, idx, start, "end", label, attrs) VALUES (?,?,?,?,?,?,?)',
            rows,
        )

    # -- clusters -----------------------------------------------------------------------------------
    def _cluster(self, aid: int, doc: Document, text: str) -> tuple[int | None, int | None]:
        keys = self.analyzer.keys(text)
        sigs = minhash.article_signatures(keys, self._stop)
        self.conn.execute(
            "INSERT INTO minhash(article_id, shingles, words) VALUES (?,?,?)",
            (aid, minhash.to_blob(sigs.copy), minhash.to_blob(sigs.story)),
        )
        if len(keys) < minhash.MIN_WORDS:
            # A dateline and a caption: every photo report looks alike; too little text to call copies.
            return None, None
        copy_bands = minhash.bands(sigs.copy, minhash.COPY_THRESHOLD, "copy")
        story_bands = minhash.bands(sigs.story, minhash.STORY_THRESHOLD, "story")
        copy_match = self._best_match(aid, copy_bands, "shingles", sigs.copy, minhash.COPY_THRESHOLD)
        copy_cluster = None
        if copy_match:
            copy_cluster = self._join(aid, copy_match[0], "copy", copy_match[1])
        story_cluster = None
        if copy_cluster is not None:
            # A copy of an article is in that article's story.
            row = self.conn.execute(
                "SELECT cluster_id FROM cluster_members WHERE article_id = ? AND level = 'story'",
                (copy_match[0],),
            ).fetchone()
            if row:
                story_cluster = self._add_member(row[0], aid, "story", copy_match[1])
        if story_cluster is None:
            story_match = self._story_match(aid, doc, story_bands, sigs.story)
            if story_match is None and copy_match:
                story_match = copy_match
            if story_match:
                story_cluster = self._join(aid, story_match[0], "story", story_match[1])
        self.conn.executemany(
            "INSERT INTO lsh_bands(key, article_id) VALUES (?,?)",
            [(k, aid) for k in copy_bands + story_bands],
        )
        return copy_cluster, story_cluster

    def _candidates(self, aid: int, band_keys: list[int], limit: int = 100) -> list[int]:
        """Stored articles sharing at least one band key, those sharing most first."""
        if not band_keys:
            return []
        q = ",".join("?" * len(band_keys))
        rows = self.conn.execute(
            f"SELECT article_id, COUNT(*) AS n FROM lsh_bands WHERE key IN ({q})"  # noqa: S608
            " GROUP BY article_id ORDER BY n DESC LIMIT ?",
            (*band_keys, limit),
        ).fetchall()
        return [r[0] for r in rows if r[0] != aid]

    def _signatures(self, ids: list[int], column: str) -> dict[int, Any]:
        if not ids:
            return {}
        q = ",".join("?" * len(ids))
        rows = self.conn.execute(f"SELECT article_id, {column} FROM minhash WHERE article_id IN ({q})", ids)  # noqa: S608
        return {r[0]: minhash.from_blob(r[1]) for r in rows}

    def _best_match(
        self, aid: int, band_keys: list[int], column: str, sig: Any, threshold: float
    ) -> tuple[int, float] | None:
        best: tuple[int, float] | None = None
        for other, osig in self._signatures(self._candidates(aid, band_keys), column).items():
            sim = minhash.jaccard(sig, osig)
            if sim >= threshold and (best is None or sim > best[1]):
                best = (other, sim)
        return best

    def _entity_keys(self, ids: list[int]) -> dict[int, set[str]]:
        out: dict[int, set[str]] = {i: set() for i in ids}
        q = ",".join("?" * len(ids))
        for aid, key in self.conn.execute(
            f"SELECT article_id, COALESCE(kb_id, name_key) FROM entities WHERE article_id IN ({q})",
            ids,  # noqa: S608
        ):
            out[aid].add(key)
        return out

    def _story_match(
        self, aid: int, doc: Document, band_hashes: list[int], sig: Any
    ) -> tuple[int, float] | None:
        cands = self._candidates(aid, band_hashes)
        if not cands:
            return None
        ents = self._entity_keys([aid, *cands])
        mine = ents[aid]
        q = ",".join("?" * len(cands))
        published = dict(
            self.conn.execute(f"SELECT id, published FROM articles WHERE id IN ({q})", cands).fetchall()
        )  # noqa: S608
        best: tuple[int, float] | None = None
        for other, osig in self._signatures(cands, "words").items():
            sim = minhash.jaccard(sig, osig)
            if best is not None and sim <= best[1]:
                continue
            if same_story(sim, doc.published, published.get(other), mine, ents[other], self.story_rule):
                best = (other, sim)
        return best

    def _join(self, aid: int, other: int, level: str, sim: float) -> int:
        row = self.conn.execute(
            "SELECT cluster_id FROM cluster_members WHERE article_id = ? AND level = ?", (other, level)
        ).fetchone()
        if row:
            cid = int(row[0])
        else:
            cid = int(self.conn.execute("INSERT INTO clusters(level) VALUES (?)", (level,)).lastrowid or 0)
            self.conn.execute(
                "INSERT INTO cluster_members(cluster_id, article_id, level, similarity) VALUES (?,?,?,NULL)",
                (cid, other, level),
            )
        return self._add_member(cid, aid, level, sim)

    def _add_member(self, cid: int, aid: int, level: str, sim: float | None) -> int:
        self.conn.execute(
            "INSERT OR REPLACE INTO cluster_members(cluster_id, article_id, level, similarity) VALUES (?,?,?,?)",
            (cid, aid, level, sim),
        )
        self._refresh_cluster(cid)
        return cid

    def _refresh_cluster(self, cid: int) -> None:
        """Size and earliest member (who published first: earliest date, then first stored)."""
        row = self.conn.execute(
            "SELECT a.id, (SELECT COUNT(*) FROM cluster_members WHERE cluster_id = ?) FROM cluster_members m"
            " JOIN articles a ON a.id = m.article_id WHERE m.cluster_id = ?"
            " ORDER BY a.published IS NULL, a.published, a.id LIMIT 1",
            (cid, cid),
        ).fetchone()
        if row is None or row[1] < 2:
            # A cluster of one is no cluster (its other member was re-analysed into another one).
            self.conn.execute("DELETE FROM cluster_members WHERE cluster_id = ?", (cid,))
            self.conn.execute("DELETE FROM clusters WHERE id = ?", (cid,))
            return
        self.conn.execute(
            "UPDATE clusters SET earliest_article = ?, size = ? WHERE id = ?", (row[0], row[1], cid)
        )

    def cluster_of(self, article_id: int, level: str = "copy") -> dict[str, Any] | None:
        """The article's cluster: members (id, outlet, published, similarity) and the earliest one."""
        row = self.conn.execute(
            "SELECT c.id, c.earliest_article, c.size FROM cluster_members m JOIN clusters c ON c.id = m.cluster_id"
            " WHERE m.article_id = ? AND m.level = ?",
            (article_id, level),
        ).fetchone()
        if row is None:
            return None
        members = self.conn.execute(
            "SELECT a.id, a.doc_id, o.name AS outlet, a.published, m.similarity FROM cluster_members m"
            " JOIN articles a ON a.id = m.article_id LEFT JOIN outlets o ON o.id = a.outlet_id"
            " WHERE m.cluster_id = ? ORDER BY a.published IS NULL, a.published, a.id",
            (row[0],),
        ).fetchall()
        first = next(m for m in members if m["id"] == row[1])
        return {
            "cluster": row[0],
            "level": level,
            "size": row[2],
            "earliest": {
                "article_id": first["id"],
                "doc_id": first["doc_id"],
                "outlet": first["outlet"],
                "published": first["published"],
            },
            "members": [dict(m) for m in members],
        }

    # -- reading ------------------------------------------------------------------------------------
    def get_document(self, article_id: int) -> Document | None:
        row = self.conn.execute(
            f"SELECT {_DOC_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,)
        ).fetchone()
        return None if row is None else self._to_document(row)

    @staticmethod
    def _to_document(row: sqlite3.Row) -> Document:
        data = json.loads(zlib.decompress(row["doc"]).decode("utf-8")) if row["doc"] else {}
        data["raw"] = row["raw"]
        data["text"] = row["text"]
        # The columns are the truth for metadata (a row written by an older schema may have no blob).
        for key, col in (("id", "doc_id"), ("title", "title"), ("published", "published"), ("url", "url")):
            data[key] = row[col]
        data["outlet"] = data.get("outlet") or row["outlet"]
        data.setdefault("source_path", row["source_path"])
        doc = Document.from_json(data)
        if "tokens" not in doc.layers and row["text"]:
            from rasad.text.tokens import tokenize

            doc.layers["tokens"] = [Span(s, e, k) for s, e, k in tokenize(doc.text)]
        return doc

    def iter_documents(self) -> Iterator[tuple[int, Document]]:
        last = 0
        while True:  # keyset pages: bounded memory, no long-lived cursor over a changing table
            rows = self.conn.execute(
                f"SELECT {_DOC_COLUMNS} FROM articles a WHERE a.id > ? ORDER BY a.id LIMIT 500",
                (last,),  # noqa: S608
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield int(row["id"]), self._to_document(row)
            last = int(rows[-1]["id"])

    def count(self, table: str = "articles") -> int:
        if not table.isidentifier():
            raise ValueError(table)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])  # noqa: S608

    def runs(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM ingest_runs ORDER BY id")]

    # -- search -------------------------------------------------------------------------------------
    def search(
        self, query: str, filters: SearchFilters | None = None, limit: int = 10, offset: int = 0
    ) -> list[SearchHit]:
        from rasad.store.search import run_search

        return run_search(self, query, filters or SearchFilters(), limit, offset)
