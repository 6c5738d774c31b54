"""Export tables of the store as JSONL, CSV or Parquet, streamed (memory stays flat with the store's size).

Kinds: ``articles``, ``quotes``, ``entities``, ``events``. Events are exported as PLOVER records by
``rasad.extract.events.to_plover(doc)`` when that function exists; otherwise from the events table.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from rasad.store.sqlite import SQLiteStore

KINDS = ("articles", "quotes", "entities", "events")
FORMATS = ("jsonl", "csv", "parquet")

_QUERIES = {
    "articles": (
        "SELECT a.id AS article_id, a.doc_id, a.url, a.title, a.published, o.name AS outlet, a.content_hash, a.text,"
        " (SELECT cluster_id FROM cluster_members m WHERE m.article_id = a.id AND m.level = 'copy') AS copy_cluster,"
        " (SELECT cluster_id FROM cluster_members m WHERE m.article_id = a.id AND m.level = 'story') AS story_cluster"
        " FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id > ? ORDER BY a.id LIMIT ?"
    ),
    "quotes": (
        'SELECT q.article_id, a.doc_id, q.idx, q.label, q.text, q.speaker, q.speaker_name, q.cue, q.start, q."end",'
        " q.attrs, a.published, o.name AS outlet FROM quotes q JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN outlets o ON o.id = a.outlet_id WHERE q.article_id BETWEEN ? AND ? ORDER BY q.article_id, q.idx"
    ),
    "entities": (
        "SELECT e.article_id, a.doc_id, e.ent_id, e.name, e.type, e.kb_id, e.code, e.attrs,"
        " (SELECT COUNT(*) FROM mentions m WHERE m.article_id = e.article_id AND m.entity = e.ent_id) AS mentions"
        " FROM entities e JOIN articles a ON a.id = e.article_id WHERE e.article_id BETWEEN ? AND ?"
        " ORDER BY e.article_id, e.ent_id"
    ),
    "events": (
        'SELECT v.article_id, a.doc_id, v.idx, v.type, v.trigger, v.date, v.place, v.start, v."end", v.attrs,'
        " a.published, o.name AS outlet FROM events v JOIN articles a ON a.id = v.article_id"
        " LEFT JOIN outlets o ON o.id = a.outlet_id WHERE v.article_id BETWEEN ? AND ? ORDER BY v.article_id, v.idx"
    ),
}


def _plover() -> Any:
    try:
        from rasad.extract.events import to_plover
    except ImportError:
        return None
    return to_plover


def iter_rows(store: SQLiteStore, kind: str, page: int = 2000) -> Iterator[dict[str, Any]]:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; one of {', '.join(KINDS)}")
    if kind == "events" and (to_plover := _plover()) is not None:
        for aid, doc in store.iter_documents():
            out = to_plover(doc)
            for rec in [out] if isinstance(out, dict) else (out or []):
                yield {"article_id": aid, **rec}
        return
    sql = _QUERIES[kind]
    last = 0
    while True:
        if kind == "articles":
            rows = store.conn.execute(sql, (last, page)).fetchall()
        else:
            # Page by article, so one article's rows never straddle two pages.
            ids = store.conn.execute(
                "SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, page)
            ).fetchall()
            if not ids:
                return
            rows = store.conn.execute(sql, (ids[0][0], ids[-1][0])).fetchall()
            last = ids[-1][0]
            if not rows:
                continue
        if not rows:
            return
        for r in rows:
            d = dict(r)
            if d.get("attrs"):
                d["attrs"] = json.loads(d["attrs"])
            yield d
        if kind == "articles":
            last = rows[-1]["article_id"]


def _flat(v: Any) -> Any:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v


def export(store: SQLiteStore, kind: str, fmt: str, out: str | Path | IO[str]) -> int:
    """Write all rows of ``kind`` to ``out`` (a path; a text stream for jsonl/csv); returns the row count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    rows = iter_rows(store, kind)
    if fmt == "parquet":
        return _parquet(rows, Path(str(out)))
    fh: IO[str]
    own = not hasattr(out, "write")
    fh = open(out, "w", encoding="utf-8", newline="") if own else out  # type: ignore[arg-type, assignment]  # noqa: SIM115
    n = 0
    try:
        if fmt == "jsonl":
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
                n += 1
        else:
            writer: csv.DictWriter[str] | None = None
            for r in rows:
                if writer is None:
                    writer = csv.DictWriter(fh, fieldnames=list(r), extrasaction="ignore")
                    writer.writeheader()
                writer.writerow({k: _flat(v) for k, v in r.items()})
                n += 1
    finally:
        if own:
            fh.close()
    return n


def _parquet(rows: Iterator[dict[str, Any]], path: Path, chunk: int = 5000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    schema = None
    n = 0
    buf: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal writer, schema
        if not buf:
            return
        cols = {k: [_flat(r.get(k)) for r in buf] for k in (schema.names if schema else buf[0].keys())}
        table = pa.Table.from_pydict(cols, schema=schema)
        if writer is None:
            # A column that is empty in the first chunk is text: later chunks must fit the schema.
            schema = pa.schema(
                [pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in table.schema]
            )
            table = table.cast(schema)
            writer = pq.ParquetWriter(str(path), schema)
        writer.write_table(table)
        buf.clear()

    try:
        for r in rows:
            buf.append(r)
            n += 1
            if len(buf) >= chunk:
                flush()
        flush()
        if writer is None:  # nothing to write: still leave a valid (empty) file
            pq.write_table(pa.table({}), str(path))
    finally:
        if writer is not None:
            writer.close()
    return n
