"""Readable views of an analysed Document, shared by the CLI, the API and exports.

``analysis(doc)`` is what `rasad analyze --format json` prints: every span with its text and the raw-text
range it came from (``orig``), grouped by layer, plus entities and errors. ``Document.to_json`` (``--full``)
is the lossless form.
"""

from __future__ import annotations

from typing import Any

from rasad.document import Document, Span

# Layers shown by default; tokens are many and only asked for with include_tokens.
SHOWN_LAYERS = ("title", "paragraphs", "sentences", "repeats", "sources", "mentions", "quotes", "dates", "events")


def span_view(doc: Document, span: Span) -> dict[str, Any]:
    o0, o1 = doc.original(span)
    out: dict[str, Any] = {"text": doc.span_text(span), "start": span.start, "end": span.end, "orig": [o0, o1]}
    if span.label:
        out["label"] = span.label
    out.update(span.attrs)
    return out


def analysis(doc: Document, include_tokens: bool = False) -> dict[str, Any]:
    layers = list(SHOWN_LAYERS) + [k for k in doc.layers if k not in SHOWN_LAYERS and k != "tokens"]
    if include_tokens:
        layers.append("tokens")
    out: dict[str, Any] = {
        "id": doc.id,
        "title": doc.title,
        "published": doc.published,
        "url": doc.url,
        "outlet": doc.outlet,
        "source_path": doc.source_path,
        "content_hash": doc.content_hash,
        "text": doc.text,
    }
    for name in layers:
        if name in doc.layers:
            # the title layer is shown as "title_span": "title" is the metadata string
            out["title_span" if name == "title" else name] = [span_view(doc, s) for s in doc.layers[name]]
    out["entities"] = [e.to_json() for e in doc.entities]
    zf = doc.meta.get("zwnj_fixed")
    if zf:
        out["zwnj_fixed"] = zf
    out["errors"] = doc.errors
    return out
