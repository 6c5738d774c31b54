"""Issue 5: tagging throughput of the neural tagger (onnxruntime, one thread) vs the CRF's pass 1, in one
process on the same sentences (PEYMA dev); CPU time, best of ``--repeat``. Features included (both taggers
start from token keys).

    PYTHONPATH=src OMP_NUM_THREADS=1 nice -n 10 /tmp/torchenv/bin/python benchmarks/neural_ner_speed.py \
        --onnx /tmp/nn/prejk/ner-neural.onnx

Needs onnxruntime and python-crfsuite (the torch venv has both; the project venv has onnxruntime only when
installed with the neural option).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from neural_ner_runtime import NeuralTagger  # same folder

from rasad.extract.ner_crf import CRFTagger, FeatureResources, read_conll, token_key

PEYMA = Path("/work/shared/data/ner/peyma")


def main() -> None:
    from rasad.kb import KnowledgeBase

    ap = argparse.ArgumentParser()
    ap.add_argument("--onnx", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch", type=int, default=32)
    args = ap.parse_args()
    res = FeatureResources.load(KnowledgeBase.load())
    sents = [[token_key(t) for t, _ in s] for s in read_conll(PEYMA / "dev.txt")]
    tokens = sum(map(len, sents))
    neural = NeuralTagger(args.onnx, res)
    crf = CRFTagger(None, res)
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, fn in (
            ("neural_batched", lambda: neural.tag_many(sents, batch=args.batch)),
            ("neural_per_sentence", lambda: [neural.tag(s) for s in sents]),
            ("crf_pass1", lambda: [crf.tag(s) for s in sents]),
        ):
            neural._char_cache.clear()
            crf.features._cache.clear()
            t0 = time.process_time()
            fn()
            dt = time.process_time() - t0
            best[name] = min(best.get(name, dt), dt)
    print(json.dumps({"tokens": tokens, "tokens_per_cpu_s": {k: round(tokens / v) for k, v in best.items()}}))


if __name__ == "__main__":
    main()
