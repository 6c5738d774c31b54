"""CPU time of the ``events`` stage per 4 KB article (issue 6: "event coding adds ≤ 2 ms per 4 KB article").

The default pipeline runs over the first N articles of a JSONL corpus up to the stage before ``events``;
then ``events`` runs alone on each document, ``time.process_time``, best of ``--repeat`` passes, the stages
interleaved per pass so that old and new code meet the same machine. ms per 4 KB = time × 4096 / article
UTF-8 bytes, pooled over all articles and as a median over articles.

``--against PATH`` times another events stage on the same documents: the package folder
``src/rasad/extract/events/`` of an older commit (or its ``__init__.py``), or the single ``events.py`` of
commits before the package split (2026-11-29), extracted with its ``data/`` folder beside it
(``git archive REV src/rasad/extract | tar -x -C /tmp/old``):

    OMP_NUM_THREADS=1 taskset -c 1 .venv/bin/python benchmarks/events_speed.py -n 600 --repeat 3 \\
        --against /tmp/old/src/rasad/extract/events
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from rasad.ingest.text import document_from_text
from rasad.pipeline import Pipeline

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "fars-news.jsonl"


def load_events_module(path: Path) -> Any:
    """The module at ``path``: a single ``events.py``, or a package (its folder or ``__init__.py``)."""
    if path.is_dir():
        path = path / "__init__.py"
    package = path.name == "__init__.py"
    spec = importlib.util.spec_from_file_location(
        "events_against", path, submodule_search_locations=[str(path.parent)] if package else None
    )
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["events_against"] = mod
    spec.loader.exec_module(mod)
    return mod


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("-n", "--limit", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--against", type=Path, help="another events package (folder) or events.py to time alongside")
    args = ap.parse_args()

    pipe = Pipeline.default()
    at = pipe.names.index("events")
    before_events = Pipeline(pipe.stages[:at])
    stages = {"this": pipe.stages[at]}
    if args.against:
        stages["against"] = load_events_module(args.against).EventStage()
    with args.corpus.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.limit), fh, strict=False)]
    docs = [before_events(document_from_text(t)) for t in texts]
    sizes = [max(1, len(d.text.encode("utf-8"))) for d in docs]

    best = {k: [float("inf")] * len(docs) for k in stages}
    for _ in range(args.repeat):
        for k, stage in stages.items():
            for i, d in enumerate(docs):
                d.layers["events"] = []
                t0 = time.process_time()
                stage(d)
                best[k][i] = min(best[k][i], time.process_time() - t0)
    out: dict[str, Any] = {"articles": len(docs), "repeat": args.repeat}
    for k in stages:
        per = [b * 1000 * 4096 / s for b, s in zip(best[k], sizes, strict=True)]
        out[k] = {
            "ms_per_4kb_median": round(statistics.median(per), 3),
            "ms_per_4kb_pooled": round(sum(best[k]) * 1000 * 4096 / sum(sizes), 3),
        }
    if args.against:
        out["ratio"] = round(out["this"]["ms_per_4kb_pooled"] / out["against"]["ms_per_4kb_pooled"], 3)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
