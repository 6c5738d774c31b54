"""`rasad eval --ner FILE`: entity-level P/R/F1 on CoNLL files, CoNLL-2003 conventions.

An entity is correct when its token span and its type both equal a gold entity's. The tagger is the one the
pipeline's entities stage uses (:class:`rasad.extract.entities.Recognizer`: the CRF with knowledge-base
gazetteer and cluster features). The corpora have no GPE type (PEYMA and Arman tag countries as LOC), so a
predicted GPE is scored as LOC when the gold file has no GPE tag.
"""

from __future__ import annotations

from collections import Counter
from typing import Any


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "n": tp + fn}


def score(gold: list[list[str]], pred: list[list[str]]) -> dict[str, Any]:
    """Entity-level scores of predicted BIO sequences against gold ones (same tokenisation)."""
    from rasad.extract.ner_crf import spans_from_bio

    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    tokens = 0
    for g, p in zip(gold, pred, strict=True):
        tokens += len(g)
        gs = set(spans_from_bio(g))
        ps = set(spans_from_bio(p))
        for x in gs & ps:
            tp[x[2]] += 1
        for x in ps - gs:
            fp[x[2]] += 1
        for x in gs - ps:
            fn[x[2]] += 1
    types = sorted(set(tp) | set(fp) | set(fn))
    micro = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    del micro["n"]  # FORMAT.md: micro is precision, recall, f1; per type also gives n (gold entities)
    return {
        "micro": micro,
        "per_type": {t: prf(tp[t], fp[t], fn[t]) for t in types},
        "tokens": tokens,
    }


def run(paths: list[str], recognizer: Any = None, doc_pass: bool = False) -> dict[str, Any]:
    """Score the pipeline's recogniser on CoNLL files; the JSON of FORMAT.md's ``--ner`` output.

    By default the sentence-level tagger the pipeline runs is scored. ``doc_pass`` scores the CRF's
    optional second, document-level pass instead (not in the default pipeline: on news about half the names it adds are wrong; docs/NER.md).
    """
    from rasad.extract.entities import Recognizer
    from rasad.extract.ner_crf import DOC_WINDOW, read_conll, token_key

    rec = recognizer or Recognizer.default()
    # A file's sentences are articles one after another, without boundaries: the tagger's second pass
    # (document features) reads the sentences near each one as its document.
    tag_doc = None
    if doc_pass:
        tag_doc = getattr(rec, "tag_document", None) or getattr(getattr(rec, "crf", None), "tag_document", None)
        if tag_doc is None:
            raise ValueError("this recogniser has no document-level pass")
    gold: list[list[str]] = []
    pred: list[list[str]] = []
    for path in paths:
        sents = read_conll(path)
        has_gpe = any(tag.endswith("-GPE") for s in sents for _, tag in s)
        keys = [[token_key(t) for t, _ in s] for s in sents]
        tagged = tag_doc(keys, window=DOC_WINDOW) if tag_doc else [rec.tag(k) for k in keys]
        for s, tags in zip(sents, tagged, strict=True):
            if not has_gpe:
                tags = [t[:-3] + "LOC" if t.endswith("-GPE") else t for t in tags]
            gold.append([t for _, t in s])
            pred.append(tags)
    return score(gold, pred)
