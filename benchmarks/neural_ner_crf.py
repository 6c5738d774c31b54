"""Issue 5, the cheap ensemble: the neural tagger's per-token label probabilities as extra CRF features.

Run with the project venv after ``benchmarks/neural_ner.py --jackknife 2`` (which writes ``probs.pkl``:
jack-knifed probabilities for PEYMA train, the full model's for dev)::

    OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python benchmarks/neural_ner_crf.py --probs /tmp/nn/pre/probs.pkl \
        -o /tmp/nn/ens [--baseline]

Trains the pass-1 CRF exactly as ``rasad train ner`` does (same features, Arman names gazetteer, c1 0.1,
c2 0.05, 150 iterations) on PEYMA train, plus, per token, the neural tagger's best label, its probability
bin, and the neighbours' best labels; scores PEYMA dev. ``--baseline`` also trains the CRF without them in
the same run (the comparison).
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path
from typing import Any

import numpy as np

from rasad.evaluation.ner import score
from rasad.extract.commands import DEFAULT_NAMES_FROM
from rasad.extract.ner_crf import (
    FeatureResources,
    Featurizer,
    _core_names,
    names_table,
    read_conll,
    token_key,
)

PEYMA = Path("/work/shared/data/ner/peyma")


def neural_features(probs: np.ndarray, labels: list[str], rich: bool = False) -> list[list[str]]:
    """Per token: ``nn=`` best label, ``nb=`` label and probability bin, ``nt=`` its entity type, and the
    best label of the tokens either side (``rich``: also every label with probability ≥ 0.1, binned)."""
    best = probs.argmax(1)
    out: list[list[str]] = []
    for i in range(len(probs)):
        lab = labels[best[i]]
        p = float(probs[i, best[i]])
        f = [f"nn={lab}", f"nb={lab}:{min(int(p * 5), 4)}", f"nt={lab[2:] or 'O'}"]
        for d in (-1, 1):
            j = i + d
            if 0 <= j < len(probs):
                f.append(f"{d}nn={labels[best[j]]}")
        if rich:
            # Every label the network gives ≥ 0.1, with its probability bin: the runner-up readings too.
            f += [f"np={labels[j]}:{min(int(probs[i, j] * 5), 4)}" for j in np.nonzero(probs[i] >= 0.1)[0]]
        out.append(f)
    return out


def train_and_tag(
    res: FeatureResources,
    train: list[list[tuple[str, str]]],
    dev: list[list[tuple[str, str]]],
    extra_train: list[list[list[str]]] | None,
    extra_dev: list[list[list[str]]] | None,
    model: Path,
) -> list[list[str]]:
    import pycrfsuite

    fz = Featurizer(res)
    trainer = pycrfsuite.Trainer(verbose=False)
    for k, sent in enumerate(train):
        feats = fz.sentence([token_key(t) for t, _ in sent])
        if extra_train is not None:
            for f, x in zip(feats, extra_train[k], strict=True):
                f.extend(x)
        trainer.append(feats, [g for _, g in sent])
    trainer.set_params({"c1": 0.1, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True})
    trainer.train(str(model))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    out = []
    for k, sent in enumerate(dev):
        feats = fz.sentence([token_key(t) for t, _ in sent])
        if extra_dev is not None:
            for f, x in zip(feats, extra_dev[k], strict=True):
                f.extend(x)
        out.append(list(tagger.tag(feats)))
    return out


def main() -> None:
    from rasad.kb import KnowledgeBase

    ap = argparse.ArgumentParser()
    ap.add_argument("--probs", type=Path, help="probs.pkl of neural_ner.py --jackknife (none: baseline only)")
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--rich", action="store_true", help="also every label with probability >= 0.1")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    probs: dict[str, Any] = {"labels": [], "train": [], "dev": []}
    if args.probs:
        with open(args.probs, "rb") as fh:
            probs = pickle.load(fh)
    labels = probs["labels"]
    train, dev = read_conll(PEYMA / "train.txt"), read_conll(PEYMA / "dev.txt")
    res = FeatureResources.load(KnowledgeBase.load())
    res.set_names(_core_names(names_table(s for f in DEFAULT_NAMES_FROM for s in read_conll(f))))
    gold = [[g for _, g in s] for s in dev]
    result: dict[str, Any] = {}
    runs = ([("ensemble", True)] if args.probs else []) + ([("baseline", False)] if args.baseline or not args.probs else [])
    for name, with_nn in runs:
        t0 = time.process_time()
        pred = train_and_tag(
            res,
            train,
            dev,
            [neural_features(p, labels, args.rich) for p in probs["train"]] if with_nn else None,
            [neural_features(p, labels, args.rich) for p in probs["dev"]] if with_nn else None,
            args.out / f"{name}.crfsuite",
        )
        sc = score(gold, pred)
        result[name] = {"dev": sc, "cpu_s": round(time.process_time() - t0, 1)}
        print(name, json.dumps({"micro": sc["micro"], "per_type": {t: v["f1"] for t, v in sc["per_type"].items()}}), flush=True)
    with open(args.out / "result.json", "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=1)


if __name__ == "__main__":
    main()
