"""CPU time of the CRF's two passes (issue 5: recognition + linking ≥ 20k tokens/s per core).

The default pipeline runs over the first N articles of a JSONL corpus up to the stage before ``entities``;
the sentences' token keys are taken as ``EntityStage`` takes them (``text_key`` of the word, number, Latin
and punctuation tokens), one article = one document (``window=None``). Timed with ``time.process_time``,
each article's best of ``--repeat`` passes, the variants interleaved per article so that they meet the
same machine:

- ``pass1``: ``CRFTagger.tag`` per sentence (what the pipeline ran before the second pass);
- ``two_passes``: ``CRFTagger.tag_document`` (pass 1 + document features + the selective second pass);
- ``add_only``: ``tag_document(add_only=True)``, what ``Recognizer(doc_pass=True)`` runs (this module only);
- with ``--stage``: the whole ``entities`` stage (recognition + linking) as the pipeline runs it, with the
  recogniser's ``doc_pass`` off (``stage``) and on (``stage_doc_pass``).

``--against FILE`` times another ``ner_crf.py`` (e.g. an older commit's: ``git show REV:src/rasad/extract/
ner_crf.py > /tmp/old_ner_crf.py``) on the same sentences and models, and checks its tags are the same:

    OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python benchmarks/ner_speed.py -n 150 --repeat 3 --stage \\
        --against /tmp/old_ner_crf.py
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

from rasad.extract import ner_crf
from rasad.extract.entities import _TOKEN_KINDS, sentence_tokens  # what the stage tags
from rasad.extract.ner_crf import text_key
from rasad.ingest.text import document_from_text
from rasad.kb import KnowledgeBase
from rasad.pipeline import Pipeline

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "fars-news.jsonl"


def load_module(path: Path) -> Any:
    """Another ner_crf.py, reading the models (and their data files) of this checkout."""
    spec = importlib.util.spec_from_file_location("ner_crf_against", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["ner_crf_against"] = mod
    spec.loader.exec_module(mod)
    for name in ("MODEL_DIR", "MODEL_PATH", "CLUSTERS_PATH", "NAMES_PATH", "ORG_HEADS_PATH"):
        if hasattr(mod, name):
            setattr(mod, name, getattr(ner_crf, name))
    return mod


def sentence_keys(doc: Any) -> list[list[str]]:
    """The token keys of each sentence, as ``EntityStage`` hands them to the recogniser."""
    toks = [t for t in doc.spans("tokens") if t.label in _TOKEN_KINDS]
    parts = sentence_tokens(toks, doc.spans("sentences"))
    return [[text_key(doc.text[t.start : t.end]) for t in p] for p in parts]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("-n", "--limit", type=int, default=150)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--against", type=Path, help="another ner_crf.py to time alongside")
    ap.add_argument("--stage", action="store_true", help="also time the entities stage (recognition + linking)")
    args = ap.parse_args()

    pipe = Pipeline.default()
    at = pipe.names.index("entities")
    before = Pipeline(pipe.stages[:at])
    with args.corpus.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.limit), fh, strict=False)]
    docs = [before(document_from_text(t)) for t in texts]
    sents = [sentence_keys(d) for d in docs]
    n_tok = sum(len(k) for d in sents for k in d)

    kb = KnowledgeBase.load()
    mods = {"this": ner_crf}
    if args.against:
        mods["against"] = load_module(args.against)
    # Both taggers read the same resources (this module's KB gazetteer, clusters, names): the comparison is
    # of the tagging code, and the tags must match when only speed changed.
    res = ner_crf.FeatureResources.load(kb)
    taggers = {k: m.CRFTagger(None, res) for k, m in mods.items()}
    # Each variant is a function of one article; per pass, every article is run by each variant back to back,
    # and each article keeps its best time per variant (the load of a shared machine changes within a pass).
    runs: dict[str, Any] = {}
    for k, t in taggers.items():
        runs[f"{k}.pass1"] = lambda i, t=t: [t.tag(s) for s in sents[i]]
        runs[f"{k}.two_passes"] = lambda i, t=t: t.tag_document(sents[i])
    runs["this.add_only"] = lambda i, t=taggers["this"]: t.tag_document(sents[i], add_only=True)
    if args.stage:
        stage = pipe.stages[at]

        def run_stage(i: int, doc_pass: bool) -> None:
            stage.recognizer.doc_pass = doc_pass
            d = docs[i]
            d.layers.pop("mentions", None)
            d.entities.clear()
            stage(d)

        runs["this.stage"] = lambda i: run_stage(i, False)
        runs["this.stage_doc_pass"] = lambda i: run_stage(i, True)

    best = {name: [float("inf")] * len(docs) for name in runs}
    results: dict[str, list[Any]] = {name: [None] * len(docs) for name in runs}
    for _ in range(args.repeat):
        for i in range(len(docs)):
            for name, fn in runs.items():
                t0 = time.process_time()
                results[name][i] = fn(i)
                best[name][i] = min(best[name][i], time.process_time() - t0)
    total = {name: sum(b) for name, b in best.items()}
    out: dict[str, Any] = {"articles": len(docs), "tokens": n_tok, "repeat": args.repeat}
    out["tokens_per_s"] = {name: round(n_tok / b) for name, b in total.items()}
    if args.against:
        out["same_tags"] = {
            p: results[f"this.{p}"] == results[f"against.{p}"] for p in ("pass1", "two_passes")
        }
        out["ratio_two_passes"] = round(total["against.two_passes"] / total["this.two_passes"], 3)
    if args.stage:
        out["ratio_stage_doc_pass"] = round(total["this.stage"] / total["this.stage_doc_pass"], 3)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
