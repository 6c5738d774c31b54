"""Helpers shared by the events tests (pytest puts this folder on sys.path: the tests are no package)."""

from __future__ import annotations

from rasad.extract.events import occurred
from rasad.ingest.text import document_from_text
from rasad.pipeline import Pipeline

Sig = tuple[str, frozenset[str], frozenset[str]]


def sigs(text: str, pipe: Pipeline) -> set[Sig]:
    """(type, actor set, recipient set) of the events of ``text`` that happened (as `rasad eval` counts them)."""
    doc = pipe(document_from_text(text))
    return {
        (e["type"], frozenset(e["actor"]), frozenset(e["recipient"]))
        for e in (s.attrs for s in doc.spans("events"))
        if occurred(e.get("modality"))
    }
