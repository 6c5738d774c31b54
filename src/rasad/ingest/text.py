"""Plain text and Markdown articles in the example's layout.

A ``#``/``##`` title line (optional), blank-line separated paragraphs, a closing «منبع: …» line. The whole
file is the raw text (title line included), so every fact can be shown where it stands in the file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from rasad.document import Document
from rasad.ingest.decode import decode_bytes
from rasad.ingest.errors import DecodeError

# One article file larger than this is refused: news articles are kilobytes; a huge .txt is an archive
# that belongs in JSONL/WARC, which are streamed record by record.
MAX_ARTICLE_BYTES = 20 * 1024 * 1024


def document_from_text(text: str, **meta: Any) -> Document:
    known = {k: meta.pop(k) for k in ("id", "title", "published", "url", "outlet", "source_path") if k in meta}
    return Document(raw=text, meta=meta, **known)


def read_text_file(path: str | Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Document:
    p = Path(path)
    size = os.path.getsize(p)
    if size > max_bytes:
        raise DecodeError(
            f"{p}: {size / 1e6:.1f} MB is too large for one article (limit {max_bytes / 1e6:.0f} MB); "
            "split it, or give it as JSONL (one article a line), which is streamed"
        )
    text, enc = decode_bytes(p.read_bytes(), str(p))
    return Document(raw=text, id=p.stem, source_path=str(p), meta={"encoding": enc, "format": "text"})
