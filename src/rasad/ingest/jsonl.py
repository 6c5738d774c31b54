"""JSON Lines: one article a line, read as a stream (memory stays bounded whatever the file's size).

Fields: ``text`` (required; ``body``/``content`` accepted), ``title``, ``id``, ``url``, ``published``
(``date``/``pubDate`` accepted), ``outlet`` (``source``/``site`` accepted); the rest is kept in ``meta``.
A bad line is a :class:`ReadError` naming ``path:line``; the next line is read.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rasad.document import Document
from rasad.ingest.errors import ReadError

_ALIASES = {
    "text": ("text", "body", "content", "article"),
    "title": ("title", "headline"),
    "published": ("published", "date", "pubDate", "published_at", "datetime"),
    "outlet": ("outlet", "source", "site", "publisher"),
    "url": ("url", "link"),
    "id": ("id", "guid", "uid"),
}


def record_to_document(rec: dict[str, Any], where: str) -> Document | ReadError:
    if not isinstance(rec, dict):
        return ReadError(where, "a JSON object was expected")
    found: dict[str, Any] = {}
    used: set[str] = set()
    for field, names in _ALIASES.items():
        for n in names:
            if n in rec and rec[n] not in (None, ""):
                found[field] = rec[n]
                used.add(n)
                break
    text = found.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadError(where, "no article text (field 'text')")
    meta = {k: v for k, v in rec.items() if k not in used}
    return Document(
        raw=text,
        id=str(found["id"]) if "id" in found else "",
        title=str(found["title"]) if "title" in found else None,
        published=str(found["published"]) if "published" in found else None,
        outlet=str(found["outlet"]) if "outlet" in found else None,
        url=str(found["url"]) if "url" in found else None,
        source_path=where,
        meta={**meta, "format": "jsonl"},
    )


def read_jsonl(path: str | Path) -> Iterator[Document | ReadError]:
    p = Path(path)
    with open(p, "rb") as fh:
        head = fh.read(4)
        fh.seek(0)
        enc = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
        reader = codecs.getreader(enc)(fh, errors="strict")
        lineno = 0
        while True:
            where = f"{p}:{lineno + 1}"
            try:
                line = reader.readline()
            except UnicodeDecodeError as exc:
                yield ReadError(where, f"not UTF-8: {exc}; the rest of the file is skipped")
                return
            if not line:
                return
            lineno += 1
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ReadError(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
                continue
            yield record_to_document(rec, where)


def read_json(path: str | Path) -> Iterator[Document | ReadError]:
    """A .json file: one article object, or a list of them."""
    p = Path(path)
    try:
        data = json.loads(p.read_text("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield ReadError(str(p), f"invalid JSON: {exc}")
        return
    items = data if isinstance(data, list) else [data]
    for i, rec in enumerate(items):
        yield record_to_document(rec, f"{p}[{i}]" if isinstance(data, list) else str(p))
