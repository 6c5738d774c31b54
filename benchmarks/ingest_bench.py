"""Ingest throughput end to end: JSONL → reader → pipeline → store (index, layers, clusters), batches of 100.

The corpus is synthesised from the Fars articles (/work/shared/data/news): each synthetic article is a
real article with its paragraphs shuffled, one paragraph swapped in from another article and a number
changed, so texts are distinct (new content hashes) but realistic in length, orthography and layers, and
some are near-copies of others (the copy clusters get work too).

Reported: articles/s, DB bytes per article, and peak RSS sampled at 10 % steps (flat = memory does not
grow with the corpus).

    .venv/bin/python benchmarks/ingest_bench.py --n 100000 [--workers 2] [--only normalize spacing ...]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from rasad.pipeline import Pipeline
from rasad.store import SQLiteStore
from rasad.store.ingest import ingest

CORPUS = Path("/work/shared/data/news/fars-news.jsonl")


def synthesise(n: int, seed: int = 11) -> Iterator[str]:
    base = [json.loads(ln) for ln in CORPUS.open(encoding="utf-8")]
    rnd = random.Random(seed)
    for i in range(n):
        r = dict(rnd.choice(base))
        paras = [p for p in r["text"].split("\n\n") if p.strip()]
        head, rest = paras[0], paras[1:]
        rnd.shuffle(rest)
        other = rnd.choice(base)["text"].split("\n\n")
        rest.insert(rnd.randrange(len(rest) + 1), rnd.choice(other))
        r["text"] = "\n\n".join([head, *rest, f"کد خبر {i}"])
        r["id"] = f"syn{i}"
        r["url"] = f"https://synthetic.example/{i}"
        yield json.dumps(r, ensure_ascii=False)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _vmrss_mb(pid: str) -> float:
    try:
        for ln in open(f"/proc/{pid}/status", encoding="ascii"):
            if ln.startswith("VmRSS:"):
                return int(ln.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def current_rss_mb() -> float:
    """Resident memory now (VmRSS) of this process and its analysing workers: the peak alone cannot show
    a curve."""
    total = _vmrss_mb("self")
    for children in Path("/proc/self/task").glob("*/children"):
        for pid in children.read_text().split():
            total += _vmrss_mb(pid)
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--only", nargs="*", default=None, help="pipeline stages (default: all)")
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--dir", default=None)
    ap.add_argument("--workers", type=int, default=1, help="analysing processes (ingest --workers)")
    ap.add_argument("--sample", type=int, default=0, help="log a sample every N items (default n/10)")
    args = ap.parse_args()
    tmp = Path(args.dir or tempfile.mkdtemp(prefix="rasad-ingest-"))
    src = tmp / "corpus.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for line in synthesise(args.n):
            fh.write(line + "\n")
    import functools

    from rasad.ingest import read_paths

    factory = functools.partial(Pipeline.default, only=args.only)
    pipe = factory() if args.workers == 1 else None
    db = tmp / "bench.db"
    store = SQLiteStore(db)
    steps: list[dict[str, float]] = []
    mark = args.sample or max(1, args.n // 10)

    def on_item(s) -> None:  # noqa: ANN001
        if s.items % mark == 0 and (not steps or steps[-1]["items"] != s.items):
            steps.append(
                {
                    "items": s.items,
                    "seconds": round(s.seconds, 1),
                    "items_per_s": round(s.rate, 2),
                    "rss_mb": round(current_rss_mb(), 1),
                    "peak_rss_mb": round(rss_mb(), 1),
                    "cpu_s": round(time.process_time(), 1),
                    "db_mb": round(sum(p.stat().st_size for p in tmp.glob("bench.db*")) / 2**20, 1),
                }
            )
            print(json.dumps(steps[-1]), flush=True)

    t0 = time.perf_counter()
    summary = ingest(
        store,
        read_paths([src]),
        pipe,
        batch_size=args.batch,
        on_item=on_item,
        workers=args.workers,
        pipeline_factory=factory,
    )
    elapsed = time.perf_counter() - t0
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = db.stat().st_size
    copies = store.conn.execute("SELECT COUNT(*) FROM cluster_members WHERE level = 'copy'").fetchone()[0]
    store.close()
    print(
        json.dumps(
            {
                "date": time.strftime("%Y-%m-%d"),
                "articles": summary.added,
                "stages": pipe.names if pipe else args.only or "all",
                "workers": args.workers,
                "seconds": round(elapsed, 1),
                "articles_per_s": round(summary.added / elapsed, 1),
                "db_bytes": size,
                "db_bytes_per_article": round(size / max(1, summary.added)),
                "in_copy_clusters": copies,
                "rss_mb_steps": [s["rss_mb"] for s in steps],
                "errors": summary.errors,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
