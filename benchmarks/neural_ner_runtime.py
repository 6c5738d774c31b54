"""An optional neural NER tagger (issue 5): a BiLSTM over word, character and categorical-feature
embeddings, run with onnxruntime; BIO-constrained Viterbi in numpy. No torch at run time.

The model is trained by ``benchmarks/neural_ner.py`` (torch, a separate venv; see docs/NER-NEURAL.md) and
exported to ONNX with its vocabularies in a JSON file beside it. Its categorical inputs are the CRF's
strongest non-lexical features (:func:`categorical`), computed with rasad's own feature resources, so
training and tagging see the same inputs. It did not beat the CRF (docs/NER-NEURAL.md), so it lives here,
not in the package: a ready runtime if a better network is trained (it reproduces the torch model's dev
F1 exactly from the exported ONNX file). Needs onnxruntime and numpy (the torch venv has both).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rasad.extract import ner_crf
from rasad.extract.ner_crf import MODEL_DIR, FeatureResources, gazetteer_tags

ONNX_PATH = MODEL_DIR / "ner-neural.onnx"  # where an integrated model would ship
PAD, UNK = 0, 1


def categorical(res: FeatureResources, keys: Sequence[str]) -> list[list[str]]:
    """Per token, the categorical features the neural tagger embeds (summed as a bag): shape, length,
    frequency class, the three cluster ids, the first-name flag, KB gazetteer and names-table B/I tags."""
    gaz = gazetteer_tags(keys, res.gazetteer, res.first)
    tg = gazetteer_tags(keys, res.names, res.names_first, "t")
    out: list[list[str]] = []
    for i, k in enumerate(keys):
        f = [f"s={ner_crf._shape(k)}", f"n={min(len(k), 10)}", f"f={res.freq.get(k, -1)}"]
        cl = res.clusters.get(k)
        if cl:
            f += [f"ca={cl[0]}", f"cb={cl[1]}", f"cc={cl[2]}"]
        if k in res.first_names:
            f.append("fn")
        f += gaz[i] + tg[i]
        out.append(f)
    return out


def bio_constraints(labels: Sequence[str]) -> tuple[Any, Any]:
    """``trans[i, j]`` 0 when label j may follow label i, -inf otherwise (an I-X only after B-X or I-X);
    ``start``: no I- on the first token."""
    import numpy as np

    n = len(labels)
    trans = np.zeros((n, n), dtype=np.float32)
    start = np.zeros(n, dtype=np.float32)
    for j, lj in enumerate(labels):
        if lj.startswith("I-"):
            start[j] = -np.inf
            for i, li in enumerate(labels):
                if li == "O" or li[2:] != lj[2:]:
                    trans[i, j] = -np.inf
    return trans, start


def viterbi(logp: Any, trans: Any, start: Any) -> list[int]:
    """Best label path under the constraints (log-probabilities [tokens, labels])."""
    t = logp.shape[0]
    score = start + logp[0]
    back = []
    for i in range(1, t):
        cand = score[:, None] + trans
        arg = cand.argmax(0)
        back.append(arg)
        score = cand[arg, range(len(arg))] + logp[i]
    best = [int(score.argmax())]
    for arg in reversed(back):
        best.append(int(arg[best[-1]]))
    return best[::-1]


class NeuralTagger:
    """:meth:`tag` one sentence of token keys, :meth:`tag_many` a batch (faster: sentences of one length
    run together)."""

    def __init__(self, model_path: Path | None = None, res: FeatureResources | None = None) -> None:
        import numpy as np
        import onnxruntime as ort

        self.np = np
        self.path = model_path or ONNX_PATH
        meta = json.loads(self.path.with_suffix(".json").read_text(encoding="utf-8"))
        self.labels: list[str] = meta["labels"]
        self.max_chars: int = meta["max_chars"]
        self.max_cats: int = meta["max_cats"]
        self.words = {w: i for i, w in enumerate(meta["words"])}
        self.chars = {c: i for i, c in enumerate(meta["chars"])}
        self.cats = {c: i for i, c in enumerate(meta["cats"])}
        self.res = res or FeatureResources.load()
        opts = ort.SessionOptions()
        # One thread: the pipeline parallelises by process, and the machine is shared.
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(self.path), opts, providers=["CPUExecutionProvider"])
        self.trans, self.start = bio_constraints(self.labels)
        self._char_cache: dict[str, list[int]] = {}

    def _chars(self, key: str) -> list[int]:
        hit = self._char_cache.get(key)
        if hit is None:
            ids = [self.chars.get(c, UNK) for c in key[: self.max_chars]]
            hit = ids + [PAD] * (self.max_chars - len(ids))
            if len(self._char_cache) > 200_000:
                self._char_cache.clear()
            self._char_cache[key] = hit
        return hit

    def tag(self, keys: Sequence[str]) -> list[str]:
        return self.tag_many([keys])[0]

    def tag_many(self, sentences: Sequence[Sequence[str]], batch: int = 32) -> list[list[str]]:
        np = self.np
        out: list[list[str]] = [[] for _ in sentences]
        # Equal lengths per batch: the BiLSTM then never reads padding.
        by_len: dict[int, list[int]] = {}
        for i, s in enumerate(sentences):
            if s:
                by_len.setdefault(len(s), []).append(i)
        for n, idx in by_len.items():
            for b in range(0, len(idx), batch):
                group = idx[b : b + batch]
                words = np.zeros((len(group), n), dtype=np.int64)
                chars = np.zeros((len(group), n, self.max_chars), dtype=np.int64)
                cats = np.zeros((len(group), n, self.max_cats), dtype=np.int64)
                for r, i in enumerate(group):
                    keys = sentences[i]
                    words[r] = [self.words.get(k, UNK) for k in keys]
                    chars[r] = [self._chars(k) for k in keys]
                    for j, feats in enumerate(categorical(self.res, keys)):
                        ids = [c for c in (self.cats.get(x, UNK) for x in feats) if c != UNK][: self.max_cats]
                        cats[r, j, : len(ids)] = ids
                logp = self.session.run(None, {"words": words, "chars": chars, "cats": cats})[0]
                for r, i in enumerate(group):
                    out[i] = [self.labels[j] for j in viterbi(logp[r], self.trans, self.start)]
        return out
