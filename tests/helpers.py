"""Helpers shared by tests (pytest puts this folder on sys.path: the tests are no package)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rasad.document import Document
from rasad.extract.events import occurred
from rasad.extract.events.plover import signature
from rasad.ingest.text import document_from_text
from rasad.pipeline import Pipeline

Sig = tuple[str, frozenset[str], frozenset[str]]


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """One default pipeline for the tests that analyse short texts: building one loads the KB and the CRF
    (~7 s), which `rasad.pipeline.analyze_text` does on every call. A pipeline keeps no state between
    documents, so sharing it changes no result."""
    return Pipeline.default()


def analyze(text: str, **kw: Any) -> Document:
    """`rasad.pipeline.analyze_text` on the shared default pipeline."""
    return default_pipeline()(document_from_text(text, **kw))


def sigs(text: str, pipe: Pipeline) -> set[Sig]:
    """(type, actor set, recipient set) of the events of ``text`` that happened (as `rasad eval` counts them)."""
    doc = pipe(document_from_text(text))
    return {signature(s.attrs) for s in doc.spans("events") if occurred(s.attrs.get("modality"))}


def analyse(pipe: Pipeline, text: str, **meta: Any) -> Document:
    """``text`` through ``pipe`` (the `entities_pipe` fixture), failing the test on any stage error."""
    doc = pipe(document_from_text(text, **meta))
    assert doc.errors == []
    return doc
