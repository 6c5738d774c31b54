"""Terminal rendering with Rich. Persian is right-to-left: terminals without bidi support show it
reversed, so text is reordered to visual order with python-bidi when writing to such a terminal
(``--bidi``/``--no-bidi`` to choose; the default reorders unless RASAD_BIDI=0 says the terminal does bidi)."""

from __future__ import annotations

import os
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rasad.document import Document


def _visual(s: str, bidi: bool) -> str:
    if not bidi or not s:
        return s
    from bidi import get_display

    return "\n".join(get_display(line) for line in s.split("\n"))


def _want_bidi(bidi: bool | None) -> bool:
    if bidi is not None:
        return bidi
    return os.environ.get("RASAD_BIDI", "1") not in ("0", "no", "false")


def print_document(doc: Document, bidi: bool | None = None, console: Console | None = None) -> None:
    console = console or Console()
    b = _want_bidi(bidi)

    def rtl(s: str) -> Text:
        return Text(_visual(s, b), justify="right")

    console.rule(rtl(doc.title or doc.id))
    meta = [f"id={doc.id}"] + [f"{k}={v}" for k, v in (("published", doc.published), ("outlet", doc.outlet)) if v]
    console.print(" ".join(meta), style="dim")
    zf = doc.meta.get("zwnj_fixed") or []
    if zf:
        console.print(rtl("ZWNJ: " + "، ".join(after for _, after in zf[:30])), style="cyan")
    sent_by_par: dict[int, list[str]] = {}
    for s in doc.spans("sentences"):
        sent_by_par.setdefault(s.attrs.get("paragraph", 0), []).append(doc.span_text(s))
    for i, p in enumerate(doc.spans("paragraphs")):
        title = f"{p.label} {i + 1}"
        body = Text(justify="right")
        for j, sent in enumerate(sent_by_par.get(i, [doc.span_text(p)])):
            body.append(f"[{j + 1}] ", style="dim")
            body.append(_visual(sent, b) + "\n")
        console.print(Panel(body, title=title, title_align="right"))
    for r in doc.spans("repeats"):
        console.print(rtl(f"↻ repeated passage ({r.attrs.get('words')} words): {doc.span_text(r)[:80]}…"), style="yellow")
    _table(console, "sources", ["role", "outlet", "known"], [
        [s.label, _visual(str(s.attrs.get("name", doc.span_text(s))), b), str(s.attrs.get("known", ""))]
        for s in doc.spans("sources")
    ])
    _table(console, "entities", ["type", "name", "code", "kb"], [
        [e.type, _visual(e.name, b), e.code or "", e.kb_id or ""] for e in doc.entities
    ])
    _table(console, "quotes", ["speaker", "cue", "quotation", "repeat"], [
        [
            _visual(str(q.attrs.get("speaker_name") or "?"), b),
            _visual(str(q.attrs.get("cue", "")), b),
            _visual(doc.span_text(q)[:35] + ("…" if q.end - q.start > 35 else ""), b),
            "" if q.attrs.get("repeat_of") is None else f"of #{q.attrs['repeat_of'] + 1}",
        ]
        for q in doc.spans("quotes")
    ])
    _table(console, "events", ["type", "mode", "actor", "recipient", "place", "trigger"], [
        [
            str(e.attrs.get("type")), str(e.attrs.get("mode") or ""), ",".join(e.attrs.get("actor") or []),
            ",".join(e.attrs.get("recipient") or []), _visual(str(e.attrs.get("place") or ""), b),
            _visual(doc.span_text(e), b),
        ]
        for e in doc.spans("events")
    ])
    _table(console, "dates", ["expression", "value"], [
        [_visual(doc.span_text(d), b), str(d.attrs.get("value") or "unresolved")] for d in doc.spans("dates")
    ])
    for e in doc.errors:
        console.print(f"[red]stage {e.get('stage')} failed:[/red] {e.get('error')}")


def _table(console: Console, title: str, cols: list[str], rows: list[list[str]]) -> None:
    if not rows:
        return
    t = Table(title=title, title_justify="left")
    for c in cols:
        # cells are cut in logical order before reordering: wrapping a reordered line would put its
        # visual lines in the wrong order
        t.add_column(c, no_wrap=True, min_width=len(c))
    for i in range(len(cols)):
        # never crop: a cropped visual-order cell loses the start of its text
        t.columns[i].min_width = max([t.columns[i].min_width or 0] + [len(r[i]) for r in rows])
    for r in rows:
        t.add_row(*r)
    console.print(t)


def print_scores(result: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    if "tasks" not in result:
        console.print_json(data=result)
        return
    t = Table(title=f"rasad eval: {result.get('articles')} articles")
    for c in ("task", "n", "P", "R", "F1", "accuracy / other"):
        t.add_column(c)
    for name, s in result["tasks"].items():
        def f(v: Any) -> str:
            return "–" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)

        other = ", ".join(f"{k}={f(v)}" for k, v in s.items() if k not in ("precision", "recall", "f1", "n"))
        t.add_row(name, str(s.get("n")), f(s.get("precision")), f(s.get("recall")), f(s.get("f1")), other)
    console.print(t)
    for e in result.get("errors", [])[:20]:
        console.print(f"[red]{e.get('id')}[/red]: {e.get('error')}")


def print_bench(result: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    t = Table(title="rasad bench")
    t.add_column("measure")
    t.add_column("value")
    for k, v in result.items():
        if k in ("stage_ms_per_article", "peers"):
            continue
        t.add_row(k, str(v))
    console.print(t)
    st = Table(title="ms per article, by stage")
    st.add_column("stage")
    st.add_column("ms")
    for k, v in result.get("stage_ms_per_article", {}).items():
        st.add_row(k, f"{v:.3f}")
    console.print(st)
    if result.get("peers"):
        console.print_json(data=result["peers"])
