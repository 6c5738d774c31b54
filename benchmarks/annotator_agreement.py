"""Inter-annotator agreement between two gold files of the same articles (events and dates).

File A is treated as gold and file B as a prediction, scored with `rasad eval`'s own matchers
(``rasad.evaluation.articles.Evaluator.score_events`` / ``score_dates``, FORMAT.md "Matching"), so the
numbers are directly comparable with rasad's scores on A. Swapping A and B swaps precision and recall and
leaves F1 unchanged. Reported:

- events: P/R/F1 (type + actor set + recipient set equal), mode and place accuracy over matched pairs;
- type agreement: over pairs matched by actor set and recipient set alone (pairs that also agree on the
  type are taken first, so the figure is the best agreement any pairing allows);
- dates: accuracy of B's values on A's expressions (rasad eval's dates score) and exact-value agreement
  over the surface forms both annotators listed.

    .venv/bin/python benchmarks/annotator_agreement.py A.jsonl B.jsonl [--json] [--details]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from rasad.document import Document
from rasad.evaluation.articles import Evaluator, iter_gold, max_matching
from rasad.extract.events.plover import signature  # the key Evaluator.score_events matches by

Sig = tuple[str, frozenset[str], frozenset[str]]


def load(path: str | Path) -> dict[str, dict[str, Any]]:
    """Articles by id; a malformed file or an article without an id is an error (both files are gold)."""
    out: dict[str, dict[str, Any]] = {}
    for _, where, art, err in iter_gold([path]):
        if err is not None:
            raise ValueError(err)
        if not isinstance(art, dict) or "id" not in art:
            raise ValueError(f"{where}: every article must be a JSON object with an id")
        out[str(art["id"])] = art
    return out


def show(s: Sig) -> str:
    t, a, r = s
    return f"{t} {','.join(sorted(a))}" + (f"→{','.join(sorted(r))}" if r else " (symmetric)")


def as_prediction(art: dict[str, Any]) -> Document:
    """Annotator B's article as the Document a pipeline would have produced: its events as the events
    layer, its date expressions as dates spans over a text made of those expressions."""
    dates = [d for d in art.get("dates") or [] if isinstance(d, dict)]
    texts = [str(d.get("text") or "") for d in dates]
    doc = Document(raw="\n".join(texts) or " ", id=str(art.get("id", "")))
    pos = 0
    for d, t in zip(dates, texts, strict=True):
        doc.add("dates", pos, pos + len(t), "DATE", value=d.get("value"), resolved=d.get("value") is not None)
        pos += len(t) + 1
    for e in art.get("events") or []:
        doc.add("events", 0, 0, str(e.get("type") or ""), **e)
    return doc


class Agreement:
    def __init__(self) -> None:
        # A pass-through pipeline: the "prediction" is annotator B's file, nothing is analysed.
        self.ev = Evaluator(pipeline=lambda d: d)
        self.typed_pairs = 0  # pairs matched by actor + recipient sets
        self.typed_same = 0
        self.type_confusions: Counter[tuple[str, str]] = Counter()
        self.date_shared = 0
        self.date_shared_same = 0
        self.details: list[dict[str, Any]] = []
        self.missing: dict[str, list[str]] = {"only_in_a": [], "only_in_b": []}

    def add(self, aid: str, a: dict[str, Any], b: dict[str, Any]) -> None:
        doc = as_prediction(b)
        detail: dict[str, Any] = {"id": aid}
        if a.get("events") is not None:
            got = self.ev.score_events(doc, a["events"])
            ga = Counter(signature(e) for e in a["events"])
            gb = Counter(signature(e) for e in b.get("events") or [])
            only_a, only_b = ga - gb, gb - ga
            detail["events"] = {
                "a": len(a["events"]),
                "b": got["pred"],
                "matched": got["matched"],
                "only_a": [show(s) for s in only_a.elements()],
                "only_b": [show(s) for s in only_b.elements()],
            }
            self._types(only_a, only_b, detail["events"])
        if a.get("dates") is not None:
            gold = [d for d in a["dates"] if isinstance(d, dict)]
            wrong = self.ev.score_dates(doc, gold)["wrong"]
            keys = self.ev.keys
            bk = [keys.key(d.get("text")) for d in b.get("dates") or [] if isinstance(d, dict)]

            def same_form(i: int, j: int) -> bool:
                # score_dates's text rule (equal, or one containing the other), without the value
                gk = keys.key(gold[i].get("text"))
                return bool(gk and bk[j] and (gk == bk[j] or gk in bk[j] or bk[j] in gk))

            shared = len(max_matching(len(gold), len(bk), same_form))
            # every A expression score_dates accepts is also a shared form, so right <= shared
            right = len(gold) - len(wrong)
            self.date_shared += shared
            self.date_shared_same += right
            detail["dates"] = {
                "a": len(gold),
                "b": len(bk),
                "shared": shared,
                "same_value": right,
                "not_right": wrong,
            }
        self.details.append(detail)

    def _types(self, only_a: Counter[Sig], only_b: Counter[Sig], detail: dict[str, Any]) -> None:
        """Pairs with equal actor and recipient sets: the fully equal ones agree on the type; among the
        rest, each A event left over is paired with a B event of the same parties, if any."""
        full = detail["matched"]
        rest_b: Counter[tuple[frozenset[str], frozenset[str]]] = Counter()
        b_types: dict[tuple[frozenset[str], frozenset[str]], list[str]] = {}
        for (t, ac, rc), n in only_b.items():
            rest_b[(ac, rc)] += n
            b_types.setdefault((ac, rc), []).extend([t] * n)
        confused: list[str] = []
        for (t, ac, rc), n in sorted(only_a.items(), key=lambda kv: show(kv[0])):
            for _ in range(n):
                if rest_b[(ac, rc)] > 0:
                    rest_b[(ac, rc)] -= 1
                    tb = b_types[(ac, rc)].pop(0)
                    self.type_confusions[(t, tb)] += 1
                    confused.append(f"{show((t, ac, rc))} ~ B {tb}")
        self.typed_pairs += full + len(confused)
        self.typed_same += full
        detail["type_confusions"] = confused

    def result(self) -> dict[str, Any]:
        r = self.ev.result()["tasks"]

        def ratio(x: int, n: int) -> float | None:
            return round(x / n, 4) if n else None

        return {
            "articles": len(self.details),
            "events": r["events"] | {"b": self.ev.scores["events"].pred},
            "type_agreement": {
                "accuracy": ratio(self.typed_same, self.typed_pairs),
                "pairs": self.typed_pairs,
                "confusions": {f"{a}->{b}": n for (a, b), n in self.type_confusions.most_common()},
            },
            "dates": {
                "accuracy": r["dates"]["accuracy"],
                "n": r["dates"]["n"],
                "shared_forms": self.date_shared,
                "shared_agreement": ratio(self.date_shared_same, self.date_shared),
            },
            "unpaired_articles": self.missing,
        }


def compare(path_a: str | Path, path_b: str | Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    a, b = load(path_a), load(path_b)
    ag = Agreement()
    for aid, art in a.items():
        if aid in b:
            ag.add(aid, art, b[aid])
    ag.missing["only_in_a"] = sorted(set(a) - set(b))
    ag.missing["only_in_b"] = sorted(set(b) - set(a))
    return ag.result(), ag.details


def table(res: dict[str, Any]) -> str:
    def f(x: Any) -> str:
        return "-" if x is None else f"{x:.3f}"

    e, t, d = res["events"], res["type_agreement"], res["dates"]
    return "\n".join(
        [
            f"articles {res['articles']}",
            f"events  P {f(e['precision'])}  R {f(e['recall'])}  F1 {f(e['f1'])}  "
            f"(A {e['n']}, B {e['b']})  mode {f(e['mode_accuracy'])}  place {f(e['place_accuracy'])}",
            f"types   agreement {f(t['accuracy'])} over {t['pairs']} pairs with equal actor/recipient sets",
            f"dates   B right on A's forms {f(d['accuracy'])} (n {d['n']}); "
            f"same value on {d['shared_forms']} shared forms {f(d['shared_agreement'])}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("a", help="gold file A (treated as gold)")
    ap.add_argument("b", help="gold file B (treated as prediction)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--details", action="store_true", help="per-article disagreements too")
    args = ap.parse_args(argv)
    res, details = compare(args.a, args.b)
    if args.details:
        res["details"] = details
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        print(table(res))
        if args.details:
            for det in details:
                ev = det.get("events", {})
                if ev.get("only_a") or ev.get("only_b") or det.get("dates", {}).get("not_right"):
                    print(json.dumps(det, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
