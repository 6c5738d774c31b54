"""Search latency over a large store: p50/p95 of `Store.search` at 100k and 1M articles.

The articles are synthesised (the pipeline is not run): each is ``--words`` words drawn from the Fars
corpus' search keys with their corpus frequencies, so common and rare words are as common and rare as in
real news. Rows go straight into ``articles`` and the FTS index (the text is already normalised keys);
outlets and dates are spread so the filters have something to select.

Queries (fixed seed): single words from three frequency bands (top 100, 100–2000, rare), two-word AND
queries, two-word phrases taken from the corpus, and the same words with an outlet or a date filter.

    .venv/bin/python benchmarks/search_bench.py --sizes 100000 1000000 --db /tmp/search-bench.db
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import time
from collections import Counter
from pathlib import Path

from rasad.store import SearchFilters, SQLiteStore

CORPUS = Path("/work/shared/data/news/fars-news.jsonl")
OUTLETS = ["فارس", "ایرنا", "مهر", "ایسنا", "تسنیم", "همشهری", "کیهان", "شرق", "اعتماد", "جام جم"]


def vocabulary(store: SQLiteStore) -> tuple[list[str], list[int], list[list[str]]]:
    an = store.analyzer
    counts: Counter[str] = Counter()
    docs = []
    for ln in CORPUS.open(encoding="utf-8"):
        keys = an.keys(an.normalise(json.loads(ln)["text"]))
        counts.update(keys)
        docs.append(keys)
    words, freqs = zip(*counts.most_common(), strict=True)
    return list(words), list(freqs), docs


def fill(
    store: SQLiteStore, upto: int, words: list[str], freqs: list[int], n_words: int, rnd: random.Random
) -> None:
    have = store.count()
    outlet_ids = []
    for name in OUTLETS:
        store.conn.execute("INSERT OR IGNORE INTO outlets(name) VALUES (?)", (name,))
        outlet_ids.append(store.conn.execute("SELECT id FROM outlets WHERE name = ?", (name,)).fetchone()[0])
    batch = 5000
    an = store.analyzer
    cum = list(itertools.accumulate(freqs))  # choices() would re-add the weights on every call
    t0 = time.perf_counter()
    while have < upto:
        n = min(batch, upto - have)
        rows, fts = [], []
        for i in range(have, have + n):
            text = " ".join(rnd.choices(words, cum_weights=cum, k=n_words))
            title = " ".join(rnd.choices(words, cum_weights=cum, k=8))
            day = f"20{10 + i % 12:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            rows.append((i + 1, f"s{i}", f"h{i}", title, day, outlet_ids[i % len(outlet_ids)], text))
            fts.append((i + 1, title, text, an.pairs_text(title.split()), an.pairs_text(text.split())))
        store.conn.execute("BEGIN")
        store.conn.executemany(
            "INSERT INTO articles(id, doc_id, content_hash, title, published, outlet_id, raw, text, analysed_at)"
            " VALUES (?,?,?,?,?,?,'',?, '')",
            rows,
        )
        store.fts_insert_many(fts)  # the text is already keys: index them as they are
        store.conn.execute("COMMIT")
        have += n
        if have % 100_000 == 0:
            print(f"  {have} rows, {have / (time.perf_counter() - t0):.0f} rows/s", flush=True)


def queries(
    words: list[str], docs: list[list[str]], rnd: random.Random, n: int = 60
) -> list[tuple[str, str, SearchFilters]]:
    top, mid, rare = words[:100], words[100:2000], words[2000:20000]
    out: list[tuple[str, str, SearchFilters]] = []
    for _ in range(n):
        out.append(("common word", rnd.choice(top), SearchFilters()))
        out.append(("mid word", rnd.choice(mid), SearchFilters()))
        out.append(("rare word", rnd.choice(rare), SearchFilters()))
        out.append(("two words", f"{rnd.choice(mid)} {rnd.choice(mid)}", SearchFilters()))
        d = rnd.choice([d for d in docs if len(d) > 5])
        i = rnd.randrange(len(d) - 2)
        out.append(("phrase", f'"{d[i]} {d[i + 1]}"', SearchFilters()))
        out.append(("word+outlet", rnd.choice(mid), SearchFilters(outlet=rnd.choice(OUTLETS))))
        out.append(
            ("word+dates", rnd.choice(mid), SearchFilters(date_from="2015-01-01", date_to="2015-06-30"))
        )
    return out


def measure(store: SQLiteStore, qs: list[tuple[str, str, SearchFilters]]) -> dict[str, object]:
    for _, q, f in qs[:20]:  # warm the page cache as a running server would be
        store.search(q, f)
    by_kind: dict[str, list[float]] = {}
    cpu: list[float] = []
    for kind, q, f in qs:
        t0, c0 = time.perf_counter(), time.process_time()
        store.search(q, f, limit=10)
        by_kind.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
        # CPU time: what the query costs, without the waits of a machine shared with other jobs
        cpu.append((time.process_time() - c0) * 1000)
    every = [x for v in by_kind.values() for x in v]

    def pct(v: list[float], p: float) -> float:
        return round(statistics.quantiles(v, n=100)[int(p) - 1], 2)

    return {
        "queries": len(every),
        "p50_ms": pct(every, 50),
        "p95_ms": pct(every, 95),
        "max_ms": round(max(every), 1),
        "cpu_p50_ms": pct(cpu, 50),
        "cpu_p95_ms": pct(cpu, 95),
        "by_kind_p50_p95_ms": {k: [pct(v, 50), pct(v, 95)] for k, v in by_kind.items()},
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--db", default="/tmp/rasad-search-bench.db")
    ap.add_argument("--words", type=int, default=250)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    store = SQLiteStore(args.db)
    words, freqs, docs = vocabulary(store)
    qs = queries(words, docs, random.Random(args.seed + 1))
    results = []
    for size in sorted(args.sizes):
        fill(store, size, words, freqs, args.words, rnd)
        res = {"articles": size, "db_bytes": Path(args.db).stat().st_size, **measure(store, qs)}
        results.append(res)
        print(json.dumps(res, ensure_ascii=False), flush=True)
    store.close()


if __name__ == "__main__":
    main()
