"""Inputs for the neural NER experiment (issue 5), computed with rasad's own feature code.

Run with the project venv (it needs the KB and rasad's tokenisation):

    .venv/bin/python benchmarks/neural_ner_prep.py -o /tmp/nn/data.pkl [--test]

Writes a pickle with, per split, the sentences as token keys, gold tags and per-token *categorical*
features (the CRF's strongest non-lexical ones: shape, frequency class, the three cluster ids, first-name
flag, KB gazetteer ``g…`` and Arman-names ``t…`` B/I tags), plus unlabelled token-key sentences (Fars
News + the training tokens, as ``rasad train ner`` uses for the clusters) for pretraining word vectors.
The torch side (``benchmarks/neural_ner.py``) runs in a separate venv and only reads this file.
The test split is only read with ``--test`` (one final number).
"""

from __future__ import annotations

import argparse
import pickle
from pathlib import Path
from typing import Any

from neural_ner_runtime import categorical  # benchmarks/ (the script's folder) is on sys.path

from rasad.extract.ner_crf import FeatureResources, read_conll, token_key

PEYMA = Path("/work/shared/data/ner/peyma")


def split(res: FeatureResources, path: Path) -> dict[str, Any]:
    sents = read_conll(path)
    keys = [[token_key(t) for t, _ in s] for s in sents]
    return {
        "keys": keys,
        "tags": [[g for _, g in s] for s in sents],
        "cats": [categorical(res, k) for k in keys],
    }


def main() -> None:
    from rasad.extract.commands import DEFAULT_CLUSTER_CONLL, DEFAULT_NEWS, _unlabelled
    from rasad.kb import KnowledgeBase

    ap = argparse.ArgumentParser()
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--test", action="store_true", help="also the test split (final number only)")
    args = ap.parse_args()
    res = FeatureResources.load(KnowledgeBase.load())
    data: dict[str, Any] = {"train": split(res, PEYMA / "train.txt"), "dev": split(res, PEYMA / "dev.txt")}
    if args.test:
        data["test"] = split(res, PEYMA / "test.txt")
    # Unlabelled text: as `rasad train ner` builds the clusters from (train + dev + Arman train tokens).
    data["unlabelled"] = list(
        _unlabelled(DEFAULT_NEWS, [PEYMA / "train.txt", PEYMA / "dev.txt", *DEFAULT_CLUSTER_CONLL])
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "wb") as fh:
        pickle.dump(data, fh)
    print({k: len(v["keys"]) if isinstance(v, dict) else len(v) for k, v in data.items()})


if __name__ == "__main__":
    main()
