"""Full-text search: FTS5 over analyzer keys, BM25 ranking, filters, snippets cut from the stored text.

The query goes through the same :class:`~rasad.store.analyzer.Analyzer` as the indexed text, so a word
typed with or without ZWNJ, with Arabic ي/ك, or in another inflection finds the same articles. Snippets
are made in Python from the normalised text (the index holds keys, not text): the window of words with
the most query matches, the matches marked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rasad.store.analyzer import QueryPart
from rasad.store.base import SearchFilters, SearchHit

if TYPE_CHECKING:
    from rasad.store.sqlite import SQLiteStore

SNIPPET_WORDS = 32
RANK_WINDOW = 2000
# With a filter the walk must pass over the matches the filter rejects (ten times more for one outlet in
# ten), so the window is smaller: 1M articles, one outlet of ten, p50 164 ms at 2000 → 34 ms at 500.
RANK_WINDOW_FILTERED = 500
MARK = ("«", "»")


def _filter_sql(store: SQLiteStore, f: SearchFilters) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.outlet:
        where.append("a.outlet_id IN (SELECT id FROM outlets WHERE name = ? OR kb_id = ?)")
        params += [f.outlet, f.outlet]
    if f.date_from:
        where.append("a.published >= ?")
        params.append(f.date_from)
    if f.date_to:
        where.append("a.published <= ?")
        params.append(f.date_to + "\uffff")  # inclusive of any time on that day
    if f.entity:
        from rasad.kb import match_key

        where.append(
            "EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.id AND (e.name_key = ? OR e.kb_id = ?))"
        )
        params += [match_key(f.entity), f.entity]
    if f.event_type:
        where.append("EXISTS (SELECT 1 FROM events v WHERE v.article_id = a.id AND v.type = ?)")
        params.append(f.event_type)
    if f.speaker:
        from rasad.kb import match_key

        where.append("EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id AND q.speaker_key = ?)")
        params.append(match_key(f.speaker))
    return where, params


def run_search(store: SQLiteStore, query: str, f: SearchFilters, limit: int, offset: int) -> list[SearchHit]:
    parts = store.analyzer.parse_query(query)
    match = store.analyzer.to_fts(parts)
    where, params = _filter_sql(store, f)
    if match is None:
        if not where:
            return []
        # Filters alone: newest first.
        sql = (
            "SELECT a.id, 0.0 AS score FROM articles a WHERE "
            + " AND ".join(where)
            + " ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?"
        )
        rows = store.conn.execute(sql, (*params, limit, offset)).fetchall()
    else:
        # Ranking every match of a common word costs time linear in the archive (~0.3 s per 100k articles
        # for a word in most of them). FTS5 walks matches in rowid order cheaply, so the newest
        # ``RANK_WINDOW`` matches are ranked by BM25 instead: exact whenever a query has fewer matches
        # than that, and "the best of the latest" otherwise. The walk goes through the index shards newest
        # first and stops when the window is full, so a common word touches one shard (see FTS_SHARD).
        window = max(RANK_WINDOW_FILTERED if where else RANK_WINDOW, offset + limit)
        cands: list[Any] = []
        for name in reversed(store.fts_shards):
            need = window - len(cands)
            if need <= 0:
                break
            if not where:
                sql = (
                    f"SELECT rowid AS id, rank AS score FROM {name} WHERE {name} MATCH ?"  # noqa: S608
                    " ORDER BY rowid DESC LIMIT ?"
                )
                cands += store.conn.execute(sql, (match, need)).fetchall()
            else:
                sql = (
                    f"SELECT f.rowid AS id, f.rank AS score FROM {name} f JOIN articles a ON a.id = f.rowid"  # noqa: S608
                    f" WHERE {name} MATCH ? AND " + " AND ".join(where) + " ORDER BY f.rowid DESC LIMIT ?"
                )
                cands += store.conn.execute(sql, (match, *params, need)).fetchall()
        rows = sorted(cands, key=lambda r: (r["score"], -r["id"]))[offset : offset + limit]
    if not rows:
        return []
    ids = [int(r["id"]) for r in rows]
    q = ",".join("?" * len(ids))
    info = {
        r["id"]: r
        for r in store.conn.execute(
            "SELECT a.id, a.doc_id, a.title, a.url, a.published, a.text, o.name AS outlet FROM articles a"
            f" LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id IN ({q})",  # noqa: S608
            ids,
        )
    }
    hits = []
    for r in rows:
        a = info[r["id"]]
        snippet, marks = make_snippet(store, a["text"], parts)
        hits.append(
            SearchHit(
                article_id=a["id"],
                doc_id=a["doc_id"],
                title=a["title"],
                url=a["url"],
                outlet=a["outlet"],
                published=a["published"],
                score=-float(r["score"]),
                snippet=snippet,
                highlights=marks,
            )
        )
    return hits


def make_snippet(
    store: SQLiteStore, text: str, parts: list[QueryPart], width: int = SNIPPET_WORDS
) -> tuple[str, list[tuple[int, int]]]:
    """The ``width``-word window with the most matched words, matches between ``MARK`` characters."""
    words = store.analyzer.keys_with_spans(text)
    if not words:
        return "", []
    wanted = [p.keys for p in parts if not p.negated]
    hit = [False] * len(words)
    keys = [w[2] for w in words]
    for phrase in wanted:
        n = len(phrase)
        for i in range(len(keys) - n + 1):
            if tuple(keys[i : i + n]) == phrase:
                for j in range(i, i + n):
                    hit[j] = True
    # Best window by a running count of matched words.
    best_start, best, cur = 0, -1, 0
    for i in range(len(words)):
        cur += hit[i]
        if i >= width:
            cur -= hit[i - width]
        start = max(0, i - width + 1)
        if cur > best:
            best, best_start = cur, start
    first, last = best_start, min(len(words), best_start + width) - 1
    s0, e0 = words[first][0], words[last][1]
    out: list[str] = ["…" if first > 0 else ""]
    marks: list[tuple[int, int]] = []
    pos = s0
    for i in range(first, last + 1):
        ws, we, _ = words[i]
        if hit[i]:
            out.append(text[pos:ws])
            start = sum(len(x) for x in out)
            out.append(MARK[0] + text[ws:we] + MARK[1])
            marks.append((start + 1, start + 1 + we - ws))
            pos = we
    out.append(text[pos:e0])
    if last < len(words) - 1:
        out.append("…")
    return "".join(out).replace("\n", " "), marks
