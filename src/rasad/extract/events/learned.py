"""A learned keep/drop filter over the events the rules code (issue 6).

The rules find a trigger, code its roles and modality; every blind gold set showed that most of their
wrong events are over-firings (predictions, intentions, topic nouns, background) that no one rule names.
This module scores each coded event that occurred with a maximum-entropy classifier (python-crfsuite on
one-item sequences, as the NER model is trained) and drops it when the model thinks it is no gold event.
It never adds an event, never changes a type or a role: a dropped event is only removed from the layer.

Features are computed from the event span and its document only (``features``), the same way at
training (``rasad train events``, :mod:`.training`) and tagging time. Measured results: docs/EVENTS.md.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from rasad.document import Document, Span
from rasad.extract.ner_crf import MODEL_DIR

from .actors import _GROUP_CODES, _INTL
from .grammar import words_of
from .modality import occurred
from .plover import signature

MODEL_PATH = MODEL_DIR / "events-keep.crfsuite"
KEEP, DROP = "keep", "drop"
# Off by default: on the held-out folds it did not raise F1 (docs/EVENTS.md); pipeline option ``events_model``.
USE_MODEL = False
# An event is dropped only when the model gives it less than this probability of being a gold event.
THRESHOLD = 0.5

# Words that announce no act or a reported one: the model sees them as such wherever they are in the
# sentence (a bag over the whole sentence would let rare words decide).
_CUES = frozenset(
    "خواهد خواهند قرار باید نباید اگر چنانچه احتمال ممکن می‌تواند قصد تمایل آماده آمادگی خواستار درخواست "
    "گفت افزود کرد اعلام گفته تاکید تأکید ادعا مدعی اتهام متهم هشدار تهدید پیش گذشته سال سالهای سال‌های "
    "برای تا پس پیش از در درباره مورد پیرامون طی که بود بوده است شد شده گزارش نقل منابع ".split()
)


def _code_class(code: str) -> str:
    if code in _GROUP_CODES:
        return "group"
    if code in _INTL:
        return "intl"
    return "state" if len(code) == 3 and code.isupper() else "other"


def _bucket(n: int, top: int) -> str:
    return str(min(n, top))


def features(doc: Document, ev: Span, events: list[Span], sentences: list[Span]) -> dict[str, float]:
    """The classifier's features of one coded event (strings as names, all with weight 1)."""
    a = ev.attrs
    text = doc.text
    f: list[str] = []
    etype = str(a.get("type"))
    f += [f"t={etype}", f"tm={etype}/{a.get('mode')}", f"mod={a.get('modality')}"]
    trig = str(a.get("trigger") or "")
    tw = trig.split()
    f += [f"trig={trig}", f"trig0={tw[0] if tw else ''}", f"trigN={len(tw)}"]
    quoted = a.get("reported_by") is not None
    f += [f"quote={quoted}", f"quote_t={etype}/{quoted}"]
    actors = list(a.get("actor") or [])
    recips = list(a.get("recipient") or [])
    f += [f"na={_bucket(len(actors), 3)}", f"nr={_bucket(len(recips), 2)}", f"t_nr={etype}/{_bucket(len(recips), 1)}"]
    f += [f"ac={_code_class(c)}" for c in actors] + [f"rc={_code_class(c)}" for c in recips]
    f += [f"a={c}" for c in actors] + [f"r={c}" for c in recips]
    if set(actors) & set(recips):
        f.append("self")
    f.append(f"ae={bool(a.get('actor_entities'))}")
    f.append(f"re={bool(a.get('recipient_entities'))}")
    f += [f"as={s}" for s in a.get("actor_sectors") or []]
    f.append(f"place={a.get('place') is not None}")
    sent = a.get("sentence") or [ev.start, ev.end]
    s0, s1 = int(sent[0]), int(sent[1])
    k = next((i for i, s in enumerate(sentences) if s.start == s0), 0)
    f.append(f"sent={_bucket(k, 4)}")
    para = sentences[k].attrs.get("paragraph", 0) if sentences else 0
    f.append(f"para={_bucket(int(para or 0), 3)}")
    # where the trigger sits in its sentence: a final verb is the clause's main predicate
    rest = text[ev.end : s1].strip(" .،")
    f.append(f"final={len(rest) < 3}")
    f.append(f"pos={min(4, int(5 * (ev.start - s0) / max(1, s1 - s0)))}")
    before = [w for _, _, w in words_of(text, s0, ev.start)]
    after = [w for _, _, w in words_of(text, ev.end, s1)]
    for i, w in enumerate(reversed(before[-3:])):
        f.append(f"w-{i + 1}={w}")
    for i, w in enumerate(after[:2]):
        f.append(f"w+{i + 1}={w}")
    f += [f"cue<{w}" for w in set(before) & _CUES]
    f += [f"cue>{w}" for w in set(after[:6]) & _CUES]
    # how crowded: events in this sentence, of this type in the document
    same_sent = sum(1 for e in events if e.attrs.get("sentence") == sent)
    same_type = sum(1 for e in events if e.attrs.get("type") == etype)
    f += [f"nsent={_bucket(same_sent, 3)}", f"ntype={_bucket(same_type, 3)}", f"nev={_bucket(len(events), 6)}"]
    own_date = bool(a.get("date")) and str(a.get("date"))[:10] != (doc.published or "")[:10]
    f.append(f"own_date={own_date}")
    # (sorted: the cue words come from sets, whose order changes between runs; the model file must not)
    return {name: 1.0 for name in sorted(f)}


def doc_features(doc: Document) -> list[tuple[Span, dict[str, float]]]:
    """Every event of ``doc`` that occurred, with its features (denied and hypothetical ones are no acts
    and are left to the rules)."""
    events = [e for e in doc.spans("events") if occurred(e.attrs.get("modality"))]
    sentences = doc.spans("sentences")
    return [(e, features(doc, e, events, sentences)) for e in events]


class KeepModel:
    """The trained keep/drop classifier; ``filter(doc)`` removes the events it scores below the threshold."""

    def __init__(self, path: Path = MODEL_PATH, threshold: float = THRESHOLD) -> None:
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path))
        self.threshold = threshold

    def keep_probability(self, feats: dict[str, float]) -> float:
        self.tagger.set([feats])
        return float(self.tagger.marginal(KEEP, 0))

    def filter(self, doc: Document) -> int:
        """Drop the events of ``doc`` the model does not keep; returns how many it dropped."""
        drop = {id(e) for e, f in doc_features(doc) if self.keep_probability(f) < self.threshold}
        if drop:
            layer = doc.layer("events")
            layer[:] = [e for e in layer if id(e) not in drop]
        return len(drop)


def label_events(doc: Document, gold: list[dict[str, Any]]) -> list[tuple[dict[str, float], str]]:
    """Training items of one article: each event that occurred, ``keep`` when it matches a gold event by
    type, actor set and recipient set (one-to-one, in text order, as `rasad eval` counts), else ``drop``."""

    left = Counter(signature(g) for g in gold)
    out = []
    for ev, f in doc_features(doc):
        s = signature(ev.attrs)
        if left[s] > 0:
            left[s] -= 1
            out.append((f, KEEP))
        else:
            out.append((f, DROP))
    return out
