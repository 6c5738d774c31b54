"""Runs stages over documents. The same :class:`Pipeline` serves the CLI, the API and Dask.

A stage is any callable ``stage(doc) -> None`` with a ``name`` attribute; it reads and writes the
:class:`~rasad.document.Document`. Stages are built once per pipeline (lexicons, knowledge base and models
are loaded then) and hold no per-document state, so a pipeline can be pickled to Dask workers.

A stage that raises on one document leaves an error record on that document (``doc.errors``) and the
remaining stages still run: one bad article never crashes a batch.
"""

from __future__ import annotations

import importlib
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from rasad.document import Document


class Stage(Protocol):
    name: str

    def __call__(self, doc: Document) -> None: ...


# The default order. Each entry is "name": "module:factory"; a factory takes the shared resources
# (``Resources``) and returns the stage. Import is lazy so that a disabled stage costs nothing.
DEFAULT_STAGES: dict[str, str] = {
    "normalize": "rasad.text.normalize:NormalizeStage",
    "zwnj": "rasad.text.zwnj:ZwnjStage",
    "spacing": "rasad.text.normalize:SpacingStage",
    "structure": "rasad.text.structure:StructureStage",
    "sentences": "rasad.text.sentences:SentenceStage",
    "tokens": "rasad.text.tokens:TokenStage",
    "repeats": "rasad.extract.repeats:RepeatStage",
    "sources": "rasad.extract.sources:SourceStage",
    "entities": "rasad.extract.entities:EntityStage",
    "quotes": "rasad.extract.quotes:QuoteStage",
    "dates": "rasad.extract.dates:DateStage",
    "events": "rasad.extract.events:EventStage",
}


@dataclass
class Resources:
    """What stages share and load once: the knowledge base, lexicons, models. Loaded lazily."""

    options: dict[str, Any] = field(default_factory=dict)
    _cache: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, loader: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = loader()
        return self._cache[key]

    @property
    def kb(self) -> Any:
        from rasad.kb import KnowledgeBase

        return self.get("kb", lambda: KnowledgeBase.load(self.options.get("kb_path")))


def optional_kb(resources: Resources | None) -> Any:
    """The shared knowledge base, or None when there are no resources or it cannot be loaded: stages that
    can work from the document alone (outlets reported unknown, speakers from the text) degrade, not fail."""
    if resources is None:
        return None
    try:
        return resources.kb
    except Exception:  # noqa: BLE001 - a missing or broken KB must not stop the stages that can do without
        return None


def _load_factory(spec: str) -> Callable[[Resources], Stage] | None:
    module_name, _, attr = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:  # the stage is not built yet: skip it, do not hide real import errors
            return None
        raise
    return getattr(module, attr, None)


class Pipeline:
    def __init__(self, stages: list[Stage]) -> None:
        self.stages = stages

    @classmethod
    def default(
        cls,
        disable: Iterable[str] = (),
        only: Iterable[str] | None = None,
        **options: Any,
    ) -> Pipeline:
        disabled = set(disable)
        wanted = list(only) if only is not None else list(DEFAULT_STAGES)
        unknown = (disabled | set(wanted)) - set(DEFAULT_STAGES)
        if unknown:
            raise ValueError(f"unknown stage(s): {', '.join(sorted(unknown))}; known: {', '.join(DEFAULT_STAGES)}")
        resources = Resources(options)
        stages: list[Stage] = []
        for name, spec in DEFAULT_STAGES.items():
            if name in disabled or name not in wanted:
                continue
            factory = _load_factory(spec)
            if factory is None:
                continue
            stage = factory(resources)
            stage.name = name
            stages.append(stage)
        return cls(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        timings = doc.meta.setdefault("timings_ms", {}) if doc.meta.get("_timed") else None
        for stage in self.stages:
            t0 = time.perf_counter()
            try:
                stage(doc)
            except Exception as exc:  # noqa: BLE001 - one stage's failure must not end the batch
                doc.errors.append(
                    {
                        "stage": stage.name,
                        "error": f"{type(exc).__name__}: {exc}",
                        "trace": traceback.format_exc(limit=3),
                    }
                )
            if timings is not None:
                timings[stage.name] = round((time.perf_counter() - t0) * 1000, 3)
        return doc

    def pipe(self, docs: Iterable[Any]) -> Iterator[Any]:
        """Run over documents; anything that is not a Document (e.g. a ReadError) passes through."""
        for doc in docs:
            yield self(doc) if isinstance(doc, Document) else doc


def analyze_text(text: str, **kw: Any) -> Document:
    """Convenience: analyse one raw text with the default pipeline (title and metadata as keywords)."""
    from rasad.ingest.text import document_from_text

    return Pipeline.default()(document_from_text(text, **kw))
