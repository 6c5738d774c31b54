"""CPU time of the ``sources`` and ``quotes`` stages per 4 KB article (issue 4).

The default pipeline runs over the first N articles of a JSONL corpus up to the stage before ``sources``,
plus ``entities`` (the quote stage reads its mentions; ``entities`` does not read ``sources``). Those
documents are frozen (pickled with ``--save``, re-read with ``--load``) so that old and new code can be
timed, and their outputs compared, on the same input while other stages change. Then ``sources`` and
``quotes`` run alone, in pipeline order, on fresh copies: ``time.process_time``, best of ``--repeat``
passes. ms per 4 KB = time × 4096 / article UTF-8 bytes, pooled over all articles and as a median.

``--dump FILE`` writes the ``sources`` and ``quotes`` layers of every article as JSON lines, for an
identical-output check (``cmp`` two dumps); with ``--against``, ``--dump-against FILE`` writes the other
tree's layers from the same run (the same knowledge base and lexicons: the KB changes under a running
session, so dumps from two runs can differ for that reason alone). ``--profile`` prints a cProfile of one
pass.

    OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python benchmarks/quotes_speed.py --save /tmp/q-frozen.pkl
    OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python benchmarks/quotes_speed.py --load /tmp/q-frozen.pkl

``--instructions`` runs the two stages once over the articles (``--skip`` first, ``-n`` of them, copies
made beforehand, after one uncounted warm-up pass over the same articles) inside ``functools.reduce``,
and nothing else there, so that callgrind counts only them;
an instruction count does not move with the machine's load (CPU time here varies by ±15 %):

    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=functools_reduce \
        .venv/bin/python benchmarks/quotes_speed.py --load /tmp/q-frozen.pkl --skip 300 -n 60 --instructions
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import functools
import importlib.util
import itertools
import json
import pickle
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from rasad.document import Document
from rasad.ingest import read_paths
from rasad.pipeline import DEFAULT_STAGES, Pipeline, Resources

CORPUS = Path("/work/shared/data/news/fars-news.jsonl")


def frozen_documents(path: Path, limit: int) -> list[Document]:
    """The first ``limit`` articles through every stage before ``sources``, then ``entities``."""
    names = list(DEFAULT_STAGES)
    before = names[: names.index("sources")] + ["entities"]
    pipe = Pipeline.default(only=before)
    docs = [d for d in itertools.islice(read_paths([str(path)]), limit) if isinstance(d, Document)]
    return [pipe(d) for d in docs]


def run_once(
    stage_sets: list[list[Any]], docs: list[Document]
) -> list[tuple[list[list[float]], list[Document]]]:
    """Per-document CPU seconds of each stage, in order, on copies of ``docs`` (copying not timed), for
    each set of stages. The sets take turns on each document (the order alternates), so that a change of
    machine load hits them alike."""
    out: list[tuple[list[list[float]], list[Document]]] = [([], []) for _ in stage_sets]
    clock = time.process_time
    for n, doc in enumerate(docs):
        order = range(len(stage_sets)) if n % 2 == 0 else reversed(range(len(stage_sets)))
        for k in order:
            d = copy.deepcopy(doc)
            row = []
            for st in stage_sets[k]:
                t0 = clock()
                st(d)
                row.append(clock() - t0)
            out[k][0].append(row)
            out[k][1].append(d)
    return out


def load_stages(src: Path, resources: Resources) -> list[Any]:
    """``sources`` and ``quotes`` as the modules in ``src/rasad/extract`` of another checkout define them
    (the rest of rasad is this one's), for a same-process comparison."""
    mods = {}
    saved = sys.modules["rasad.extract.sources"]
    try:
        for name in ("sources", "quotes"):
            spec = importlib.util.spec_from_file_location(
                f"_other_{name}", src / "rasad" / "extract" / f"{name}.py"
            )
            assert spec is not None and spec.loader is not None
            mod = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = mod
            spec.loader.exec_module(mod)
            mods[name] = mod
            if name == "sources":
                sys.modules["rasad.extract.sources"] = mod  # the other quotes.py imports the other helpers
    finally:
        sys.modules["rasad.extract.sources"] = saved
    stages = [mods["sources"].SourceStage(resources), mods["quotes"].QuoteStage(resources)]
    for st, name in zip(stages, ("sources", "quotes"), strict=True):
        st.name = name
    return stages


def summary(rows: list[list[float]], nbytes: list[int], names: list[str]) -> dict[str, Any]:
    times = [sum(r) for r in rows]
    pooled = sum(times) * 1000 * 4096 / sum(nbytes)
    median = statistics.median(t * 1000 * 4096 / b for t, b in zip(times, nbytes, strict=True) if b)
    return {
        "articles": len(rows),
        "kb_per_article": round(sum(nbytes) / len(rows) / 1024, 2),
        "ms_per_article": round(sum(times) * 1000 / len(rows), 3),
        "ms_per_4kb_pooled": round(pooled, 3),
        "ms_per_4kb_median": round(median, 3),
        "ms_per_article_by_stage": {
            name: round(sum(r[i] for r in rows) * 1000 / len(rows), 3) for i, name in enumerate(names)
        },
    }


def dump(path: Path, docs: list[Document]) -> None:
    """The ``sources`` and ``quotes`` layers of ``docs`` as JSON lines (for ``cmp``)."""
    with open(path, "w", encoding="utf-8") as fh:
        for d in docs:
            rec = {
                "id": d.id,
                "sources": [s.to_json() for s in d.spans("sources")],
                "quotes": [s.to_json() for s in d.spans("quotes")],
            }
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("-n", "--limit", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--save", type=Path, help="pickle the frozen input documents here")
    ap.add_argument("--load", type=Path, help="read frozen input documents from here")
    ap.add_argument("--dump", type=Path, help="write the sources and quotes layers as JSON lines")
    ap.add_argument("--against", type=Path, help="src/ of another checkout: time its two stages alongside")
    ap.add_argument("--dump-against", type=Path, help="with --against: dump the other tree's layers here")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--skip", type=int, default=0, help="leave out the first SKIP articles")
    ap.add_argument("--instructions", action="store_true", help="one untimed pass for callgrind, see above")
    ap.add_argument("--sort", default="tottime", help="cProfile sort key")
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args(argv)

    if args.load:
        with open(args.load, "rb") as fh:
            docs: list[Document] = pickle.load(fh)
    else:
        docs = frozen_documents(args.corpus, args.limit)
    if args.save:
        with open(args.save, "wb") as fh:
            pickle.dump(docs, fh)
    docs = docs[args.skip : args.skip + args.limit]

    pipe = Pipeline.default(only=["sources", "quotes"])
    if args.instructions:
        # one uncounted pass over the same articles first: lazy loads (the KB, lexicons, the KB's
        # everyday words, which the first article needing them read inside the counted part: a quarter
        # of a 60-article count) and the stages' cross-document caches, as in the timed runs' best pass
        for d in docs:
            warm = copy.deepcopy(d)
            for st in pipe.stages:
                st(warm)
        copies = [copy.deepcopy(d) for d in docs]

        def one(_acc: None, d: Document) -> None:
            for st in pipe.stages:
                st(d)

        functools.reduce(one, copies, None)
        return 0
    stage_sets = [pipe.stages]
    if args.against:
        stage_sets.append(load_stages(args.against, Resources({})))
    # warm-up: lexicons and the KB are loaded lazily by the first document
    run_once(stage_sets, docs[:5])

    nbytes = [len(d.text.encode("utf-8")) for d in docs]
    names = [st.name for st in pipe.stages]
    best: list[list[list[float]] | None] = [None for _ in stage_sets]
    out_docs: list[list[Document]] = [[] for _ in stage_sets]
    for _ in range(args.repeat):
        for k, (rows, copies) in enumerate(run_once(stage_sets, docs)):
            if best[k] is None or sum(map(sum, rows)) < sum(map(sum, best[k] or [])):
                best[k] = rows
            out_docs[k] = copies
    result = summary(best[0] or [], nbytes, names)
    result["repeat"] = args.repeat
    if args.against:
        other = summary(best[1] or [], nbytes, names)
        result = {
            "this": result,
            "against": other,
            "ratio": round(result["ms_per_4kb_pooled"] / other["ms_per_4kb_pooled"], 3),
        }
    print(json.dumps(result, ensure_ascii=False))

    for path, k in ((args.dump, 0), (args.dump_against if args.against else None, 1)):
        if path:
            dump(path, out_docs[k])
    if args.profile:
        prof = cProfile.Profile()
        copies = [copy.deepcopy(d) for d in docs]
        prof.enable()
        for d in copies:
            for st in pipe.stages:
                st(d)
        prof.disable()
        pstats.Stats(prof, stream=sys.stdout).sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
