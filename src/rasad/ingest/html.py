"""HTML pages: main text and metadata with trafilatura, a plain-text fallback when it finds nothing.

Broken or truncated HTML still yields whatever text it has; a page with no text is a clear error.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rasad.document import Document
from rasad.ingest.decode import decode_bytes
from rasad.ingest.errors import DecodeError

_TAGS = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>|<[^>]+>", re.S | re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", re.I)


def decode_html(data: bytes, name: str) -> str:
    m = _META_CHARSET.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii", "ignore").lower()
        try:
            return data.decode({"windows-1256": "cp1256"}.get(enc, enc))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, name)[0]


def html_to_document(html: str, url: str | None = None, name: str = "<html>", **meta: Any) -> Document:
    import trafilatura

    text = None
    md: dict[str, Any] = {}
    try:
        text = trafilatura.extract(
            html, url=url, include_comments=False, include_tables=False, favor_recall=True, deduplicate=False
        )
        meta_obj = trafilatura.extract_metadata(html, default_url=url)
        if meta_obj is not None:
            md = {k: getattr(meta_obj, k, None) for k in ("title", "date", "sitename", "author", "url")}
    except Exception as exc:  # noqa: BLE001 - trafilatura on broken markup: fall back, record why
        meta["extract_warning"] = f"trafilatura failed: {type(exc).__name__}: {exc}"
    method = "trafilatura"
    if not text or not text.strip():
        text = _plain_text(html)
        method = "fallback"
    if not text.strip():
        raise DecodeError(f"{name}: no article text found in the HTML")
    paragraphs = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    return Document(
        raw=paragraphs,
        title=md.get("title") or None,
        published=md.get("date") or None,
        outlet=md.get("sitename") or None,
        url=md.get("url") or url,
        source_path=name,
        meta={**meta, "format": "html", "extraction": method},
    )


def _plain_text(html: str) -> str:
    import html as htmllib

    body = _TAGS.sub("\n", html)
    return htmllib.unescape(re.sub(r"\n\s*\n+", "\n\n", body)).strip()


def read_html_file(path: str | Path) -> Document:
    p = Path(path)
    html = decode_html(p.read_bytes(), str(p))
    doc = html_to_document(html, name=str(p))
    doc.id = p.stem
    return doc
