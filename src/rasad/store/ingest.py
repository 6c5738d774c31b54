"""Ingest: read, analyse and store articles in committed batches; safe to kill and to run again.

An article already stored (same content hash) is skipped without analysis unless ``reanalyse`` is set, in
which case it is analysed again and updated in place; an article whose URL is stored with other content
(an edited page) is analysed and replaces the stored version. So a run killed at any moment is resumed
by running the same command again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rasad.document import Document
from rasad.ingest.errors import ReadError
from rasad.store.sqlite import SQLiteStore


@dataclass
class IngestSummary:
    run_id: int
    items: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0
    stage_errors: int = 0
    seconds: float = 0.0
    copies: int = 0  # articles that joined a near-duplicate cluster
    error_samples: list[ReadError] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0

    def to_json(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "error_samples"}
        out["items_per_s"] = round(self.rate, 2)
        out["error_samples"] = [e.to_json() for e in self.error_samples]
        return out


def ingest(
    store: SQLiteStore,
    items: Iterable[Document | ReadError],
    pipeline: Callable[[Document], Any] | None,
    batch_size: int = 100,
    reanalyse: bool = False,
    args: dict[str, Any] | None = None,
    on_item: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Store ``items``; ``pipeline`` (e.g. ``Pipeline.default()``) analyses each new document first."""
    run_id = store.start_run(args or {})
    summary = IngestSummary(run_id)
    t0 = time.perf_counter()
    docs: list[Document] = []
    errors: list[ReadError] = []
    pending: set[str] = set()
    unchanged = 0

    def flush() -> None:
        nonlocal unchanged
        if docs or errors:
            for r in store.write_batch(docs, errors, run_id):
                summary.added += r.status == "added"
                summary.updated += r.status == "updated"
                summary.copies += r.copy_cluster is not None
        if unchanged:
            store.count_unchanged(run_id, unchanged)
        docs.clear()
        errors.clear()
        pending.clear()
        unchanged = 0

    status = "failed"
    try:
        for item in items:
            summary.items += 1
            if isinstance(item, ReadError):
                summary.errors += 1
                errors.append(item)
                if len(summary.error_samples) < 20:
                    summary.error_samples.append(item)
            else:
                h = item.meta.setdefault("content_hash", item.content_hash)
                if not reanalyse and (h in pending or store.lookup(h, None) is not None):
                    summary.unchanged += 1
                    unchanged += 1
                else:
                    if pipeline is not None:
                        pipeline(item)
                    summary.stage_errors += bool(item.errors)
                    docs.append(item)
                    pending.add(h)
            if len(docs) + len(errors) >= batch_size or unchanged >= 10 * batch_size:
                flush()
            if on_item:
                summary.seconds = time.perf_counter() - t0
                on_item(summary)
        flush()
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        summary.seconds = time.perf_counter() - t0
        try:
            store.finish_run(run_id, status)
        except Exception:  # noqa: BLE001 - the database may be what failed; the original error matters more
            pass
    return summary
