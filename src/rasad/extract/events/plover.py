"""PLOVER export (:func:`to_plover`) and the type confusion of matched events (:func:`type_confusion`)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from rasad.document import Document

from .modality import occurred

Sig = tuple[str, frozenset[str], frozenset[str]]


def _codes(v: Any) -> frozenset[str]:
    if v is None:
        return frozenset()
    if isinstance(v, str):
        v = [v]
    return frozenset(str(c).strip().upper() for c in v if str(c).strip())


def signature(d: dict[str, Any]) -> Sig:
    """What an event is matched by (../shared/gold/FORMAT.md): its type, actor set and recipient set, from a
    gold entry or a layer span's attrs alike. `rasad eval` and the learned components' labels both use it."""
    return str(d.get("type") or "").strip().upper(), _codes(d.get("actor")), _codes(d.get("recipient"))


# ----------------------------------------------------------------------------------------------
PLOVER_FIELDS = (
    "id",
    "date",
    "event",
    "mode",
    "context",
    "actor",
    "actor_sector",
    "recipient",
    "recipient_sector",
    "event_loc",
    "event_text",
    "trigger",
    "source",
    "reported_by",
    "negated",
    "modality",
    "doc_id",
    "url",
    "publisher",
)


def to_plover(doc: Document) -> list[dict[str, Any]]:
    """PLOVER-JSON records of the document's events (the manual's field names, one record an event).

    ``actor``/``recipient`` are ';'-joined codes (the PLOVER convention for a single actor field),
    ``event_text`` the sentence; ``source`` is the outlet, ``reported_by`` the quoted speaker's name.
    """
    quotes = doc.spans("quotes")
    ents = {e.id: e for e in doc.entities}
    out = []
    for i, ev in enumerate(doc.spans("events")):
        a = ev.attrs
        if not occurred(a.get("modality")):
            continue  # PLOVER records acts; a denial stays in the document's events layer
        s0, s1 = a.get("sentence") or [ev.start, ev.end]
        rb = a.get("reported_by")
        speaker = None
        if isinstance(rb, int) and 0 <= rb < len(quotes):
            speaker = quotes[rb].attrs.get("speaker_name")

        def sector(ids: list[str], given: list[str] | None) -> str | None:
            if given:  # the participants' sectors the events stage recorded (a mention's role first)
                return ";".join(given)
            secs = [(ents[x].attrs or {}).get("sector") for x in ids if x in ents]
            return ";".join(s for s in secs if s) or None

        out.append(
            {
                "id": f"{doc.id}-{i}",
                "date": a.get("date"),
                "event": a.get("type"),
                "mode": a.get("mode"),
                "context": a.get("context"),
                "actor": ";".join(a.get("actor", [])),
                "actor_sector": sector(a.get("actor_entities", []), a.get("actor_sectors")),
                "recipient": ";".join(a.get("recipient", [])),
                "recipient_sector": sector(a.get("recipient_entities", []), a.get("recipient_sectors")),
                "event_loc": a.get("place"),
                "event_text": doc.text[s0:s1],
                "trigger": a.get("trigger"),
                "source": doc.outlet,
                "reported_by": speaker,
                "negated": bool(a.get("negated")),
                "modality": a.get("modality"),
                "doc_id": doc.id,
                "url": doc.url,
                "publisher": doc.outlet,
            }
        )
    return out


# -- development measure: type accuracy and confusion matrix ---------------------------------------------
def type_confusion(docs_and_gold: list[tuple[Document, list[dict[str, Any]]]]) -> dict[str, Any]:
    """Pairs gold and predicted events that share actor and recipient sets (one-to-one, same sentence
    not required) and counts their types: the accuracy of the type given the participants."""
    conf: Counter[tuple[str, str]] = Counter()
    for doc, gold in docs_and_gold:
        preds = [
            (str(p.attrs.get("type")), frozenset(p.attrs.get("actor", [])), frozenset(p.attrs.get("recipient", [])))
            for p in doc.spans("events")
            if occurred(p.attrs.get("modality"))
        ]
        used: set[int] = set()
        for g in gold:
            ga, gr = frozenset(g.get("actor") or []), frozenset(g.get("recipient") or [])
            cands = [j for j, p in enumerate(preds) if j not in used and p[1] == ga and p[2] == gr]
            if not cands:
                continue
            j = next((j for j in cands if preds[j][0] == g["type"]), cands[0])
            used.add(j)
            conf[(g["type"], preds[j][0])] += 1
    n = sum(conf.values())
    right = sum(v for (g, p), v in conf.items() if g == p)
    return {"matched": n, "accuracy": round(right / n, 4) if n else None, "confusion": conf}


def main(argv: list[str]) -> None:
    """``python -m rasad.extract.events GOLD.jsonl``: type accuracy on participant-matched events."""
    from rasad.evaluation.articles import load_document
    from rasad.pipeline import Pipeline

    try:
        pipe = Pipeline.default()
    except Exception as exc:  # noqa: BLE001 - an unfinished upstream stage must not stop the measure
        print(f"default pipeline failed ({type(exc).__name__}); running without entities", file=sys.stderr)
        pipe = Pipeline.default(disable=["entities"])
    pairs = []
    for path in argv:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                art = json.loads(line)
                pairs.append((pipe(load_document(Path(path), art)), art.get("events") or []))
    res = type_confusion(pairs)
    conf = res["confusion"]
    types = sorted({t for pair in conf for t in pair})
    print(json.dumps({"matched": res["matched"], "type_accuracy": res["accuracy"]}))
    print("gold\\pred\t" + "\t".join(t[:4] for t in types))
    for g in types:
        print(g[:9] + "\t" + "\t".join(str(conf.get((g, p), "")) for p in types))
