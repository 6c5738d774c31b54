"""Ingest: read, analyse and store articles in committed batches; safe to kill and to run again.

An article already stored (same content hash) is skipped without analysis unless ``reanalyse`` is set, in
which case it is analysed again and updated in place; an article whose URL is stored with other content
(an edited page) is analysed and replaces the stored version. So a run killed at any moment is resumed
by running the same command again.

With ``workers > 1`` documents are analysed by a pool of processes while this process alone reads the
input, skips what is stored and writes the batches (SQLite has one writer). Results are taken back in
input order and at most a few documents per worker are in flight, so memory does not grow with the corpus
and storage order (article ids, "who published first" ties) is the same as with one process. The
crash-safety argument is unchanged: only committed batches exist, and workers hold nothing durable.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
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


def default_workers() -> int:
    """One analysing process per core but one (the writer and the reader need some), at least 1."""
    return max(1, min(8, (os.cpu_count() or 1) - 1))


# -- worker side: the pipeline is built once per process, in the pool's initializer ------------------------
_WORKER_PIPELINE: Callable[[Document], Any] | None = None


def _exit_with_parent(parent: int) -> None:
    """A killed ingest (kill -9) cannot stop its pool, and a worker blocked on its queue would wait
    forever: each worker watches its parent and leaves when it is gone."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _init_worker(factory: Callable[[], Callable[[Document], Any]], parent: int) -> None:
    import threading

    global _WORKER_PIPELINE  # noqa: PLW0603 - one pipeline per worker process, built once (a cache)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    _WORKER_PIPELINE = factory()


def _analyse(doc: Document) -> Document:
    assert _WORKER_PIPELINE is not None
    _WORKER_PIPELINE(doc)
    return doc


def _keep(pipeline: Callable[[Document], Any]) -> Callable[[Document], Any]:
    """Factory for a worker when the caller gave a (picklable) pipeline rather than a factory."""
    return pipeline


def ingest(
    store: SQLiteStore,
    items: Iterable[Document | ReadError],
    pipeline: Callable[[Document], Any] | None,
    batch_size: int = 100,
    reanalyse: bool = False,
    args: dict[str, Any] | None = None,
    on_item: Callable[[IngestSummary], None] | None = None,
    workers: int = 1,
    pipeline_factory: Callable[[], Callable[[Document], Any]] | None = None,
) -> IngestSummary:
    """Store ``items``; ``pipeline`` (e.g. ``Pipeline.default()``) analyses each new document first.

    ``workers > 1`` analyses in that many processes, each building its pipeline with ``pipeline_factory``
    (a picklable callable, e.g. ``functools.partial(Pipeline.default, only=[...])``) or, without one, from
    a pickled copy of ``pipeline``.
    """
    run_id = store.start_run(args or {})
    summary = IngestSummary(run_id)
    t0 = time.perf_counter()
    docs: list[Document] = []
    errors: list[ReadError] = []
    pending: set[str] = set()  # hashes in flight or in the open batch: a second copy is not analysed
    unchanged = 0
    pool: ProcessPoolExecutor | None = None
    inflight: deque[Future[Document]] = deque()
    if workers > 1 and (pipeline is not None or pipeline_factory is not None):
        import functools
        import multiprocessing

        factory = pipeline_factory or functools.partial(_keep, pipeline)
        # spawn, not fork: the parent may run threads (the progress bar) and holds an open database.
        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(factory, os.getpid()),
        )
    max_inflight = 4 * workers

    def flush() -> None:
        nonlocal unchanged
        if docs or errors:
            for r in store.write_batch(docs, errors, run_id):
                summary.added += r.status == "added"
                summary.updated += r.status == "updated"
                summary.copies += r.copy_cluster is not None
        if unchanged:
            store.count_unchanged(run_id, unchanged)
        for d in docs:
            pending.discard(d.meta["content_hash"])
        docs.clear()
        errors.clear()
        unchanged = 0

    def take(doc: Document) -> None:
        summary.stage_errors += bool(doc.errors)
        docs.append(doc)
        if len(docs) + len(errors) >= batch_size:
            flush()

    def tick() -> None:
        if on_item:
            summary.seconds = time.perf_counter() - t0
            on_item(summary)

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
                elif pool is not None:
                    pending.add(h)
                    inflight.append(pool.submit(_analyse, item))
                    while len(inflight) >= max_inflight or (inflight and inflight[0].done()):
                        take(inflight.popleft().result())
                else:
                    if pipeline is not None:
                        pipeline(item)
                    pending.add(h)
                    take(item)
            if len(docs) + len(errors) >= batch_size or unchanged >= 10 * batch_size:
                flush()
            tick()
        while inflight:
            take(inflight.popleft().result())
            tick()
        flush()
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if pool is not None:
            for f in inflight:
                f.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
        summary.seconds = time.perf_counter() - t0
        try:
            store.finish_run(run_id, status)
        except Exception:  # noqa: BLE001 - the database may be what failed; the original error matters more
            pass
    return summary
