"""Near-duplicate detection, measured on pairs built from the Fars corpus (/work/shared/data/news).

Positives (a copy of an article that the store must put in the article's copy cluster):
- ``republish``: the same text under another outlet's dateline, re-typed with Arabic ي/ك or without ZWNJ;
- ``edit``: a light edit: one paragraph of several dropped, or ~5 % of the words replaced, or a sentence
  added, or the last paragraph cut short.
Negatives (different stories that must not be clustered as copies):
- ``same-topic``: for each article, the other article of the same category with the most content words in
  common (exact Jaccard) — the hardest "different story on the same topic" the corpus offers.

Every original is ingested first (normalise stage only, as ingest does before clustering), then every
variant; a positive is found when the variant joins its original's copy cluster, a negative is a false
positive when the two originals share one.

    .venv/bin/python benchmarks/dedup_eval.py [--limit N] [--seed S] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from rasad.document import Document
from rasad.pipeline import Pipeline
from rasad.store import SQLiteStore

CORPUS = Path("/work/shared/data/news/fars-news.jsonl")
DATELINES = [
    "به گزارش ایرنا،",
    "به گزارش خبرگزاری مهر،",
    "به گزارش ایسنا،",
    "تسنیم:",
    "به گزارش باشگاه خبرنگاران جوان،",
]
FILLER = "در همین حال برخی کارشناسان معتقدند این موضوع در ماه‌های آینده اهمیت بیشتری خواهد یافت."


def _republish(text: str, rnd: random.Random) -> str:
    body = re.sub(r"^\s*خبرگزار[یي] فارس\s*:\s*", "", text)
    body = rnd.choice(DATELINES) + " " + body
    if rnd.random() < 0.5:
        body = body.replace("ی", "ي").replace("ک", "ك")
    else:
        body = body.replace("\u200c", " " if rnd.random() < 0.5 else "")
    return body


def _edit(text: str, rnd: random.Random) -> str:
    paras = [p for p in text.split("\n\n") if p.strip()]
    kind = rnd.choice(["drop", "words", "add", "cut"])
    if kind == "drop" and len(paras) >= 4:
        del paras[rnd.randrange(1, len(paras))]
        return "\n\n".join(paras)
    if kind == "add":
        paras.insert(rnd.randrange(1, len(paras) + 1), FILLER)
        return "\n\n".join(paras)
    if kind == "cut" and len(paras) >= 3:
        last = paras[-1].split()
        paras[-1] = " ".join(last[: max(1, len(last) // 2)])
        return "\n\n".join(paras)
    words = text.split(" ")
    for _ in range(max(1, len(words) // 20)):
        words[rnd.randrange(len(words))] = rnd.choice(["همچنین", "اما", "نیز", "گفت", "کرد", "است"])
    return " ".join(words)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=1200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    recs = [json.loads(ln) for ln in CORPUS.open(encoding="utf-8")][: args.limit]
    # Articles of a few words are not articles; the corpus has some headline-only records.
    recs = [r for r in recs if len(r["text"].split()) >= 40]
    # The corpus holds a few exact duplicates (one article under two ids): they are copies, not negatives.
    seen: set[str] = set()
    unique = []
    for r in recs:
        if r["text"] not in seen:
            seen.add(r["text"])
            unique.append(r)
    exact_duplicates = len(recs) - len(unique)
    recs = unique
    pipe = Pipeline.default(only=["normalize", "spacing"])
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "d.db")
        ids: dict[str, int] = {}
        t0 = time.perf_counter()
        docs = []
        for r in recs:
            d = pipe(
                Document(raw=r["text"], id=r["id"], title=r["title"], published=r["published"], outlet="فارس")
            )
            docs.append(d)
        for i in range(0, len(docs), 200):
            for d, res in zip(docs[i : i + 200], store.write_batch(docs[i : i + 200]), strict=True):
                ids[d.id] = res.article_id
        originals_in_copy_clusters = store.conn.execute(
            "SELECT COUNT(*) FROM cluster_members WHERE level = 'copy'"
        ).fetchone()[0]

        positives: list[tuple[str, str, str]] = []  # (kind, original id, variant id)
        variants = []
        for r in recs:
            for kind, fn in (("republish", _republish), ("edit", _edit)):
                vid = f"{r['id']}~{kind}"
                d = pipe(Document(raw=fn(r["text"], rnd), id=vid, title=r["title"], outlet="x"))
                variants.append(d)
                positives.append((kind, r["id"], vid))
        for i in range(0, len(variants), 200):
            for d, res in zip(variants[i : i + 200], store.write_batch(variants[i : i + 200]), strict=True):
                ids[d.id] = res.article_id
        elapsed = time.perf_counter() - t0

        def cluster(aid: int) -> int | None:
            row = store.conn.execute(
                "SELECT cluster_id FROM cluster_members WHERE article_id = ? AND level = 'copy'", (aid,)
            ).fetchone()
            return row[0] if row else None

        found = defaultdict(lambda: [0, 0])
        for kind, oid, vid in positives:
            co, cv = cluster(ids[oid]), cluster(ids[vid])
            found[kind][0] += co is not None and co == cv
            found[kind][1] += 1

        # Hard negatives: nearest other article of the same category by exact content-word Jaccard.
        an = store.analyzer
        words = {r["id"]: set(an.keys(an.normalise(r["text"]))) for r in recs}
        by_cat = defaultdict(list)
        for r in recs:
            by_cat[r.get("category") or ""].append(r["id"])
        negatives = set()
        for _cat, members in by_cat.items():
            for a in members:
                best = max(
                    (b for b in members if b != a),
                    key=lambda b: len(words[a] & words[b]) / len(words[a] | words[b]),
                    default=None,
                )
                if best:
                    negatives.add(tuple(sorted((a, best))))
        fp = 0
        fp_examples = []
        for a, b in negatives:
            ca, cb = cluster(ids[a]), cluster(ids[b])
            if ca is not None and ca == cb:
                fp += 1
                fp_examples.append((a, b))
        tp = sum(v[0] for v in found.values())
        n_pos = sum(v[1] for v in found.values())
        # Predicted positives: every positive found, every negative clustered.
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / n_pos if n_pos else 0.0
        result = {
            "date": time.strftime("%Y-%m-%d"),
            "articles": len(recs),
            "exact_duplicates_removed": exact_duplicates,
            "positives": {
                k: {"found": v[0], "of": v[1], "recall": round(v[0] / v[1], 4)} for k, v in found.items()
            },
            "negatives": len(negatives),
            "false_positives": fp,
            "false_positive_examples": fp_examples[:10],
            "originals_already_in_copy_clusters": originals_in_copy_clusters,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "negative_specificity": round(1 - fp / len(negatives), 4) if negatives else None,
            "store_seconds": round(elapsed, 1),
        }
        store.close()
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        print()


if __name__ == "__main__":
    main()
