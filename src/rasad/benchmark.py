"""`rasad bench`: end-to-end throughput of the pipeline on a corpus.

Reports articles/s, MB/s (UTF-8 bytes of raw text), peak resident memory and mean milliseconds per
stage. Reading is timed apart from analysis, so the numbers describe the pipeline. Timings on shared
machines are noisy: compare ratios measured in the same run, not absolute numbers across runs.
"""

from __future__ import annotations

import platform
import resource
import time
from pathlib import Path
from typing import Any

from rasad.document import Document
from rasad.ingest import ReadError, read_paths
from rasad.pipeline import Pipeline

EXAMPLE_CANDIDATES = ("../shared/examples/aleppo-joint-hq.txt", "shared/examples/aleppo-joint-hq.txt")


def find_example() -> Path | None:
    here = Path(__file__).resolve()
    for base in [Path.cwd(), *Path.cwd().parents, *here.parents]:
        for rel in ("shared/examples/aleppo-joint-hq.txt", "examples/aleppo-joint-hq.txt"):
            p = base / rel
            if p.is_file():
                return p
    sample = Path(__file__).parent / "data" / "sample" / "aleppo-joint-hq.txt"
    return sample if sample.is_file() else None


def default_corpus() -> list[str]:
    ex = find_example()
    if ex is None:
        raise FileNotFoundError("no corpus given and the example article was not found; pass files to bench")
    return [str(ex)]


def default_peer_text() -> list[str]:
    """The UD sentences in ../shared/data/text (correct ZWNJ; never used to build the lexicon)."""
    for base in [Path.cwd(), *Path.cwd().parents]:
        d = base / "shared" / "data" / "text"
        if d.is_dir():
            return [str(p) for p in sorted(d.glob("*.txt"))]
    return []


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_bench(paths: list[str], pipeline: Pipeline | None = None, repeat: int = 1, copies: int = 1) -> dict[str, Any]:
    t_load = time.perf_counter()
    pipe = pipeline or Pipeline.default()
    raw_docs: list[Document] = []
    errors = 0
    for item in read_paths(paths):
        if isinstance(item, ReadError):
            errors += 1
            continue
        raw_docs.append(item)
    load_s = time.perf_counter() - t_load
    if not raw_docs:
        raise ValueError("no readable article in the corpus")
    # warm-up: lazy loads (KB, models) happen once, outside the timed loop
    pipe(Document(raw=raw_docs[0].raw, title=raw_docs[0].title, published=raw_docs[0].published))
    stage_ms: dict[str, float] = {}
    n = 0
    nbytes = 0
    nchars = 0
    stage_errors = 0
    t0 = time.perf_counter()
    for _ in range(repeat):
        for _copy in range(copies):
            for src in raw_docs:
                doc = Document(raw=src.raw, title=src.title, published=src.published, outlet=src.outlet, meta={"_timed": True})
                pipe(doc)
                n += 1
                nbytes += len(src.raw.encode("utf-8"))
                nchars += len(src.raw)
                stage_errors += bool(doc.errors)
                for k, v in doc.meta.get("timings_ms", {}).items():
                    stage_ms[k] = stage_ms.get(k, 0.0) + v
    elapsed = time.perf_counter() - t0
    return {
        "corpus": paths,
        "articles": n,
        "distinct_articles": len(raw_docs),
        "read_errors": errors,
        "articles_with_stage_errors": stage_errors,
        "seconds": round(elapsed, 3),
        "articles_per_s": round(n / elapsed, 1),
        "mb_per_s": round(nbytes / elapsed / 1e6, 3),
        "chars_per_s": round(nchars / elapsed),
        "mean_article_kb": round(nbytes / n / 1024, 2),
        "stage_ms_per_article": {k: round(v / n, 3) for k, v in stage_ms.items()},
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "startup_s": round(load_s, 3),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
