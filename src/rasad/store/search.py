"""Full-text search: FTS5 over analyzer keys, BM25 ranking, filters, snippets cut from the stored text.

The query goes through the same :class:`~rasad.store.analyzer.Analyzer` as the indexed text, so a word
typed with or without ZWNJ, with Arabic ي/ك, or in another inflection finds the same articles. Snippets
are made in Python from the normalised text (the index holds keys, not text): the window of words with
the most query matches, the matches marked.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Any

from rasad.store.analyzer import WORD_RE, QueryPart
from rasad.store.base import SearchFilters, SearchHit
from rasad.text.tokens import LETTERS

if TYPE_CHECKING:
    from rasad.store.sqlite import SQLiteStore

SNIPPET_WORDS = 32
RANK_WINDOW = 2000
# With a filter the walk must pass over the matches the filter rejects (ten times more for one outlet in
# ten), each one looked up in `articles`, so the window is smaller: 1M articles, one outlet of ten, p50
# 164 ms at 2000 → 34 ms at 500 (first layout); with shards, 335k articles, CPU p50 of word+outlet 24 ms
# at 500 → 13 ms at 250, word+dates 30 → 16 ms. A filtered query ranks its newest 250 matches.
RANK_WINDOW_FILTERED = 250
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
        # only acts that occurred: a denied or hypothetical event is stored (with its modality) but is
        # not an article "with" that event
        where.append(
            "EXISTS (SELECT 1 FROM events v WHERE v.article_id = a.id AND v.type = ?"
            " AND coalesce(json_extract(v.attrs, '$.modality'), '') NOT IN ('denied', 'hypothetical'))"
        )
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
        # Each shard returns only its best ``offset + limit`` of the window part it holds (SQLite sorts, in
        # C) and how many matches that part had, which tells what the next shard must still supply.
        top = offset + limit
        walked = 0
        cands: list[Any] = []
        store.refresh_shards()
        for name in reversed(store.fts_shards):
            need = window - walked
            if need <= 0:
                break
            if not where:
                inner = (
                    f"SELECT rowid AS id, rank AS score FROM {name} WHERE {name} MATCH ?"  # noqa: S608
                    " ORDER BY rowid DESC LIMIT ?"
                )
                args: tuple[Any, ...] = (match, need)
            else:
                inner = (
                    f"SELECT f.rowid AS id, f.rank AS score FROM {name} f JOIN articles a ON a.id = f.rowid"  # noqa: S608
                    f" WHERE {name} MATCH ? AND " + " AND ".join(where) + " ORDER BY f.rowid DESC LIMIT ?"
                )
                args = (match, *params, need)
            part = store.conn.execute(
                f"WITH w AS MATERIALIZED ({inner}) SELECT id, score, (SELECT COUNT(*) FROM w) AS n"  # noqa: S608
                " FROM w ORDER BY score, id DESC LIMIT ?",
                (*args, top),
            ).fetchall()
            if part:
                walked += part[0]["n"]
                cands += part
        rows = sorted(cands, key=lambda r: (r["score"], -r["id"]))[offset:top]
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


def _word_finder(keys: frozenset[str]) -> re.Pattern[str]:
    """Where a word whose key is one of ``keys`` may begin: its first two letters (ZWNJ between them
    allowed) at the start of a word. Stemming only cuts or replaces a word's ending (at least two letters
    remain), so every such word is found; candidates are then keyed to be sure."""
    alts = sorted({"\u200c?".join(map(re.escape, k[:2])) for k in keys if k}, key=len, reverse=True)
    return re.compile(rf"(?<![{LETTERS}\u200c0-9۰-۹A-Za-z])(?:{'|'.join(alts)})", re.IGNORECASE)


_FINDERS: dict[frozenset[str], re.Pattern[str]] = {}


def _hits(store: SQLiteStore, text: str, wanted: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Character spans of the words of ``text`` that make up a wanted word or phrase, in text order."""
    keys = frozenset(k for phrase in wanted for k in phrase)
    if not keys:
        return []
    finder = _FINDERS.get(keys)
    if finder is None:
        if len(_FINDERS) > 256:  # bounded: one per recent query
            _FINDERS.clear()
        finder = _FINDERS[keys] = _word_finder(keys)
    key = store.analyzer.key
    firsts = {phrase[0] for phrase in wanted}
    out: set[tuple[int, int]] = set()
    for m in finder.finditer(text):
        w = WORD_RE.match(text, m.start())
        if w is None:
            continue
        k = key(w.group())
        if k not in firsts:
            continue
        for phrase in wanted:
            if phrase[0] != k:
                continue
            spans = [w.span()]
            if len(phrase) > 1:
                nxt = itertools.islice(WORD_RE.finditer(text, w.end()), len(phrase) - 1)
                for want, x in zip(phrase[1:], nxt, strict=False):
                    if key(x.group()) != want:
                        break
                    spans.append(x.span())
            if len(spans) == len(phrase):
                out.update(spans)
    return sorted(out)


def make_snippet(
    store: SQLiteStore, text: str, parts: list[QueryPart], width: int = SNIPPET_WORDS
) -> tuple[str, list[tuple[int, int]]]:
    """About ``width`` words around the densest run of matched words, matches between ``MARK`` characters.

    Only the words that may match are looked at (a regex over the text finds them), not every word of
    the article: snippets are made for each page of results and were a third of a query's time.
    """
    first_word = WORD_RE.search(text)
    if first_word is None:
        return "", []
    hits = _hits(store, text, [p.keys for p in parts if not p.negated])
    begin = first_word.start()
    if hits:
        # The window of text holding the most matches, measured in characters (width words' worth).
        span = width * len(text) / (text.count(" ") + 1)
        best, best_i, j = 0, 0, 0
        for i, (hs, _) in enumerate(hits):
            while j < len(hits) and hits[j][0] < hs + span:
                j += 1
            if j - i > best:
                best, best_i = j - i, i
        # A little context before the first match of the run.
        cut = text.rfind(" ", begin, max(begin, int(hits[best_i][0] - span / 8)))
        w = WORD_RE.search(text, cut + 1) if cut > 0 else None
        begin = w.start() if w is not None and w.start() <= hits[best_i][0] else begin
    words = [m.span() for m in itertools.islice(WORD_RE.finditer(text, begin), width)]
    s0, e0 = words[0][0], words[-1][1]
    out: list[str] = ["…" if s0 > first_word.start() else ""]
    marks: list[tuple[int, int]] = []
    pos = s0
    for ws, we in hits:
        if ws < s0 or we > e0:
            continue
        out.append(text[pos:ws])
        start = sum(len(x) for x in out)
        out.append(MARK[0] + text[ws:we] + MARK[1])
        marks.append((start + 1, start + 1 + we - ws))
        pos = we
    out.append(text[pos:e0])
    if WORD_RE.search(text, e0) is not None:
        out.append("…")
    return "".join(out).replace("\n", " "), marks
