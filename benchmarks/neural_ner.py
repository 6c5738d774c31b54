"""Issue 5: a small neural NER tagger (BiLSTM over words, characters and the CRF's categorical features),
trained on CPU, compared with the CRF on PEYMA dev.

Runs in a separate venv with torch (never the project's)::

    python3.11 -m venv /tmp/torchenv && /tmp/torchenv/bin/pip install torch==2.13.0 numpy onnx onnxruntime
    .venv/bin/python benchmarks/neural_ner_prep.py -o /tmp/nn/data.pkl        # rasad's features (project venv)
    PYTHONPATH=src OMP_NUM_THREADS=1 nice -n 10 /tmp/torchenv/bin/python benchmarks/neural_ner.py \
        --data /tmp/nn/data.pkl --out /tmp/nn/run1 [--pretrained] [--no-cats] [--hidden 128] [--epochs 12]

Model: word embedding (random, or initialised from an SVD of the PPMI matrix of the unlabelled text's words
against their left/right neighbours, as ``build_clusters`` computes before k-means) + a character CNN +
a summed bag of embeddings of the categorical features (shape, frequency class, cluster ids at 3
granularities, KB gazetteer and Arman-names B/I tags) → one BiLSTM layer → softmax; decoding is a BIO-
constrained Viterbi over the log-probabilities (an I-X only after B-X or I-X). Trained on PEYMA train,
the epoch kept is the best on dev (dev is the tuning set; the test split is never read here).

``--jackknife K`` also writes per-token label probabilities for train (each of K blocks tagged by a model
trained on the other blocks) and dev (the model trained on all of train): extra CRF features for the
ensemble (``benchmarks/neural_ner_crf.py``).
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import torch
from neural_ner_runtime import bio_constraints  # noqa: E402  (sibling script; benchmarks/ is on sys.path)
from torch import nn

from rasad.evaluation.ner import score

PAD, UNK = 0, 1
MAX_CHARS = 16
MAX_CATS = 16


class Vocab:
    def __init__(self, items: list[str]) -> None:
        self.items = ["<pad>", "<unk>", *items]
        self.index = {w: i for i, w in enumerate(self.items)}

    def __call__(self, x: str) -> int:
        return self.index.get(x, UNK)

    def __len__(self) -> int:
        return len(self.items)


def ppmi_svd(sents: list[list[str]], vocab: Vocab, dims: int, contexts: int = 1500, seed: int = 0) -> np.ndarray:
    """Word vectors: SVD of the positive PMI of each word with the most frequent words one position left
    and right (the representation ``build_clusters`` clusters), scaled to unit rows × 0.5."""
    counts: Counter[str] = Counter(w for s in sents for w in s)
    ctx = {w: i for i, (w, _) in enumerate(counts.most_common(contexts))}
    m = np.zeros((len(vocab), 2 * contexts), dtype=np.float32)
    for s in sents:
        ids = [vocab(w) for w in s]
        for i, wi in enumerate(ids):
            if wi == UNK:
                continue
            if i > 0 and (c := ctx.get(s[i - 1])) is not None:
                m[wi, c] += 1
            if i + 1 < len(s) and (c := ctx.get(s[i + 1])) is not None:
                m[wi, contexts + c] += 1
    total = m.sum()
    row = m.sum(1, keepdims=True) + 1e-9
    col = m.sum(0, keepdims=True) + 1e-9
    with np.errstate(divide="ignore"):
        pmi = np.log(m * total / (row * col))
    pmi[~np.isfinite(pmi)] = 0
    pmi = np.maximum(pmi, 0)
    torch.manual_seed(seed)
    u, s_, _ = torch.svd_lowrank(torch.from_numpy(pmi), q=dims, niter=4)
    vec = (u * s_.sqrt()).numpy()
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    vec *= 0.5
    vec[PAD] = 0
    return vec.astype(np.float32)


class Tagger(nn.Module):
    def __init__(
        self,
        n_words: int,
        n_chars: int,
        n_cats: int,
        n_labels: int,
        word_dim: int = 100,
        char_dim: int = 32,
        char_filters: int = 64,
        cat_dim: int = 48,
        hidden: int = 128,
        dropout: float = 0.5,
        use_cats: bool = True,
        use_chars: bool = True,
    ) -> None:
        super().__init__()
        self.use_cats, self.use_chars = use_cats, use_chars
        self.word = nn.Embedding(n_words, word_dim, padding_idx=PAD)
        size = word_dim
        if use_chars:
            self.char = nn.Embedding(n_chars, char_dim, padding_idx=PAD)
            self.conv = nn.Conv1d(char_dim, char_filters, 3, padding=1)
            size += char_filters
        if use_cats:
            self.cat = nn.Embedding(n_cats, cat_dim, padding_idx=PAD)
            size += cat_dim
        self.drop = nn.Dropout(dropout)
        self.lstm = nn.LSTM(size, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, n_labels)

    def forward(self, words: torch.Tensor, chars: torch.Tensor, cats: torch.Tensor) -> torch.Tensor:
        """Log-probabilities [B, T, labels] (padding positions included; the caller masks them)."""
        b, t = words.shape
        parts = [self.word(words)]
        if self.use_chars:
            c = self.char(chars.reshape(b * t, MAX_CHARS)).transpose(1, 2)  # [BT, dim, L]
            parts.append(torch.relu(self.conv(c)).max(dim=2).values.reshape(b, t, -1))
        if self.use_cats:
            parts.append(self.cat(cats).sum(dim=2))
        x = self.drop(torch.cat(parts, dim=2))
        h, _ = self.lstm(x)
        return torch.log_softmax(self.out(self.drop(h)), dim=2)


def viterbi(logp: np.ndarray, trans: np.ndarray, start: np.ndarray) -> list[int]:
    t, n = logp.shape
    score_ = start + logp[0]
    back = np.zeros((t, n), dtype=np.int64)
    for i in range(1, t):
        cand = score_[:, None] + trans
        back[i] = cand.argmax(0)
        score_ = cand.max(0) + logp[i]
    best = [int(score_.argmax())]
    for i in range(t - 1, 0, -1):
        best.append(int(back[i, best[-1]]))
    return best[::-1]


def encode(
    split: dict[str, Any], wv: Vocab, cv: Vocab, kv: Vocab, lv: dict[str, int]
) -> list[tuple[list[int], list[list[int]], list[list[int]], list[int]]]:
    out = []
    for keys, tags, cats in zip(split["keys"], split["tags"], split["cats"], strict=True):
        w = [wv(k) for k in keys]
        ch = [([cv(c) for c in k[:MAX_CHARS]] + [PAD] * MAX_CHARS)[:MAX_CHARS] for k in keys]
        ca = [([kv(x) for x in f if kv(x) != UNK][:MAX_CATS] + [PAD] * MAX_CATS)[:MAX_CATS] for f in cats]
        out.append((w, ch, ca, [lv.get(t, lv['O']) for t in tags]))
    return out


def batches(
    data: list[Any], size: int, shuffle: bool, rng: random.Random
) -> list[tuple[list[int], tuple[torch.Tensor, ...]]]:
    # Sentences of one length per batch: the backward LSTM never reads padding, as at tagging time
    # (ner_neural.NeuralTagger batches the same way).
    by_len: dict[int, list[int]] = {}
    for i, x in enumerate(data):
        by_len.setdefault(len(x[0]), []).append(i)
    groups = [idx[i : i + size] for _, idx in sorted(by_len.items()) for i in range(0, len(idx), size)]
    if shuffle:
        rng.shuffle(groups)
    out = []
    for g in groups:
        t = max(len(data[i][0]) for i in g)
        w = torch.zeros(len(g), t, dtype=torch.long)
        ch = torch.zeros(len(g), t, MAX_CHARS, dtype=torch.long)
        ca = torch.zeros(len(g), t, MAX_CATS, dtype=torch.long)
        y = torch.full((len(g), t), -100, dtype=torch.long)
        for r, i in enumerate(g):
            n = len(data[i][0])
            w[r, :n] = torch.tensor(data[i][0])
            ch[r, :n] = torch.tensor(data[i][1])
            ca[r, :n] = torch.tensor(data[i][2])
            y[r, :n] = torch.tensor(data[i][3])
        out.append((g, (w, ch, ca, y)))
    return out


def predict(model: Tagger, data: list[Any], rng: random.Random) -> list[np.ndarray]:
    """Per sentence, log-probabilities [len, labels]."""
    model.eval()
    res: list[np.ndarray] = [np.zeros(0)] * len(data)
    with torch.no_grad():
        for g, (w, ch, ca, _) in batches(data, 64, False, rng):
            lp = model(w, ch, ca).numpy()
            for r, i in enumerate(g):
                res[i] = lp[r, : len(data[i][0])]
    return res


def decode(logps: list[np.ndarray], labels: list[str]) -> list[list[str]]:
    trans, start = bio_constraints(labels)
    return [[labels[j] for j in viterbi(lp, trans, start)] if len(lp) else [] for lp in logps]


def train_model(
    train: list[Any],
    dev: list[Any] | None,
    dev_tags: list[list[str]] | None,
    sizes: dict[str, int],
    labels: list[str],
    args: argparse.Namespace,
    pretrained: np.ndarray | None,
    singletons: set[int],
    log: list[dict[str, Any]],
    epochs: int | None = None,
) -> tuple[Tagger, int]:
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    model = Tagger(
        sizes["words"],
        sizes["chars"],
        sizes["cats"],
        len(labels),
        word_dim=args.word_dim,
        hidden=args.hidden,
        dropout=args.dropout,
        use_cats=not args.no_cats,
        use_chars=not args.no_chars,
    )
    if pretrained is not None:
        model.word.weight.data.copy_(torch.from_numpy(pretrained))
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.NLLLoss(ignore_index=-100)
    best_f, best_state, best_epoch = -1.0, None, 0
    sing = torch.tensor(sorted(singletons)) if singletons else None
    for epoch in range(1, (epochs or args.epochs) + 1):
        model.train()
        t0 = time.process_time()
        total = 0.0
        for _, (w, ch, ca, y) in batches(train, args.batch, True, rng):
            if sing is not None and args.word_dropout > 0:
                # Words seen once in training become <unk> at random, so <unk> learns what unseen names look like.
                drop = torch.isin(w, sing) & (torch.rand(w.shape) < args.word_dropout)
                w = w.masked_fill(drop, UNK)
            opt.zero_grad()
            lp = model(w, ch, ca)
            loss = loss_fn(lp.reshape(-1, lp.shape[-1]), y.reshape(-1))
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += float(loss.detach())
        entry: dict[str, Any] = {"epoch": epoch, "loss": round(total, 2), "cpu_s": round(time.process_time() - t0, 1)}
        if dev is not None and dev_tags is not None:
            pred = decode(predict(model, dev, rng), labels)
            sc = score(dev_tags, pred)
            entry["dev_f1"] = sc["micro"]["f1"]
            if sc["micro"]["f1"] > best_f:
                best_f, best_epoch = sc["micro"]["f1"], epoch
                best_state = {k: v.clone() for k, v in model.state_dict().items()}
        log.append(entry)
        print(json.dumps(entry), flush=True)
    if best_state is not None:
        model.load_state_dict(best_state)
    return model, best_epoch or (epochs or args.epochs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--word-dim", type=int, default=100)
    ap.add_argument("--dropout", type=float, default=0.5)
    ap.add_argument("--word-dropout", type=float, default=0.3)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pretrained", action="store_true", help="PPMI-SVD word vectors from the unlabelled text")
    ap.add_argument("--no-cats", action="store_true")
    ap.add_argument("--no-chars", action="store_true")
    ap.add_argument("--jackknife", type=int, default=0, help="blocks for jack-knifed train probabilities")
    ap.add_argument("--onnx", action="store_true", help="export the dev-best model to ONNX")
    args = ap.parse_args()
    torch.set_num_threads(1)
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.data, "rb") as fh:
        data = pickle.load(fh)
    tr, dv = data["train"], data["dev"]
    wc: Counter[str] = Counter(k for s in tr["keys"] for k in s)
    if args.pretrained:
        uc: Counter[str] = Counter(k for s in data["unlabelled"] for k in s)
        words = sorted((w for w, c in uc.items() if c >= 3 or wc[w] >= 2), key=lambda w: (-uc[w], w))
    else:
        words = sorted((w for w, c in wc.items() if c >= 2), key=lambda w: (-wc[w], w))
    wv = Vocab(words)
    cv = Vocab(sorted({c for s in tr["keys"] for k in s for c in k}))
    kv = Vocab(sorted({x for s in tr["cats"] for f in s for x in f}))
    labels = sorted({t for s in tr["tags"] for t in s})
    label_index = {t: i for i, t in enumerate(labels)}
    singletons = {wv(w) for w, c in wc.items() if c == 1 and wv(w) != UNK}
    pretrained = ppmi_svd(data["unlabelled"], wv, args.word_dim) if args.pretrained else None
    train_enc, dev_enc = encode(tr, wv, cv, kv, label_index), encode(dv, wv, cv, kv, label_index)
    sizes = {"words": len(wv), "chars": len(cv), "cats": len(kv)}
    log: list[dict[str, Any]] = []
    t0 = time.process_time()
    model, best_epoch = train_model(train_enc, dev_enc, dv["tags"], sizes, labels, args, pretrained, singletons, log)
    rng = random.Random(0)
    dev_lp = predict(model, dev_enc, rng)
    sc = score(dv["tags"], decode(dev_lp, labels))
    result = {
        "args": {k: str(v) for k, v in vars(args).items()},
        "best_epoch": best_epoch,
        "dev": sc,
        "train_cpu_s": round(time.process_time() - t0, 1),
        "sizes": sizes,
        "params": sum(p.numel() for p in model.parameters()),
        "log": log,
    }
    print(json.dumps({"best_epoch": best_epoch, "dev_micro": sc["micro"],
                      "per_type": {t: v["f1"] for t, v in sc["per_type"].items()}}), flush=True)
    torch.save(model.state_dict(), args.out / "model.pt")
    with open(args.out / "vocab.json", "w", encoding="utf-8") as fh:
        json.dump({"words": wv.items, "chars": cv.items, "cats": kv.items, "labels": labels}, fh, ensure_ascii=False)
    if args.jackknife:
        # Per-token probabilities for the CRF ensemble: train jack-knifed, dev from the full model.
        k = args.jackknife
        block = math.ceil(len(train_enc) / k)
        train_lp: list[np.ndarray] = [np.zeros(0)] * len(train_enc)
        for f in range(k):
            held = range(f * block, min((f + 1) * block, len(train_enc)))
            rest = [x for i, x in enumerate(train_enc) if not f * block <= i < (f + 1) * block]
            fold_log: list[dict[str, Any]] = []
            m, _ = train_model(rest, None, None, sizes, labels, args, pretrained, singletons, fold_log, best_epoch)
            lp = predict(m, [train_enc[i] for i in held], rng)
            for i, x in zip(held, lp, strict=True):
                train_lp[i] = x
        with open(args.out / "probs.pkl", "wb") as fh:
            pickle.dump({"labels": labels, "train": [np.exp(x) for x in train_lp], "dev": [np.exp(x) for x in dev_lp]}, fh)
        result["jackknife_train"] = score(tr["tags"], decode(train_lp, labels))["micro"]
    if args.onnx:
        export_onnx(model, args.out / "ner-neural.onnx")
        meta = {"words": wv.items, "chars": cv.items, "cats": kv.items, "labels": labels,
                "max_chars": MAX_CHARS, "max_cats": MAX_CATS, "dev_f1": sc["micro"]["f1"], "args": result["args"]}
        with open(args.out / "ner-neural.json", "w", encoding="utf-8") as fh:
            json.dump(meta, fh, ensure_ascii=False, separators=(",", ":"))
    with open(args.out / "result.json", "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=1)


def export_onnx(model: Tagger, path: Path) -> None:
    model.eval()
    w = torch.ones(2, 5, dtype=torch.long)
    ch = torch.ones(2, 5, MAX_CHARS, dtype=torch.long)
    ca = torch.ones(2, 5, MAX_CATS, dtype=torch.long)
    torch.onnx.export(
        model,
        (w, ch, ca),
        str(path),
        input_names=["words", "chars", "cats"],
        output_names=["logp"],
        dynamic_axes={"words": {0: "b", 1: "t"}, "chars": {0: "b", 1: "t"}, "cats": {0: "b", 1: "t"}, "logp": {0: "b", 1: "t"}},
        opset_version=17,
        dynamo=False,
    )


if __name__ == "__main__":
    main()
