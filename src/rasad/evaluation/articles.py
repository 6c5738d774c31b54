"""`rasad eval GOLD...`: scores the default pipeline against gold articles in ../shared/gold/FORMAT.md.

Every rule of FORMAT.md's "Matching" section is implemented here, in one function per task, so that a
score means the same on every gold set. Conventions FORMAT.md leaves open are stated in the docstrings
and in docs/BENCHMARKS.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasad.document import Document, Entity
from rasad.pipeline import Pipeline

TASKS = ("title", "sources", "zwnj", "repeats", "quotes", "mentions", "entities", "events", "dates")

ZWNJ = "\u200c"
# Letters that never join the next letter: a ZWNJ after them changes nothing visible (FORMAT.md).
NON_JOINING = set("اآأإدذرزژوؤۀةء")
_NOT_WORDCHAR = re.compile(r"[^\w]|_")


# -- string keys ------------------------------------------------------------------------------------
class Keys:
    """Normalised comparison keys, cached (gold strings repeat a lot)."""

    def __init__(self) -> None:
        from rasad.text.normalize import NormalizeStage

        self._norm = NormalizeStage()
        self._cache: dict[str, str] = {}

    def norm(self, s: str) -> str:
        return self._norm.normalize_string(s)

    def key(self, s: str | None) -> str:
        """Normalised, with ZWNJ, spaces and punctuation ignored (FORMAT.md's general rule)."""
        if not s:
            return ""
        k = self._cache.get(s)
        if k is None:
            k = _NOT_WORDCHAR.sub("", self.norm(s).replace(ZWNJ, ""))
            self._cache[s] = k
        return k


def canonical_zwnj(word: str) -> str:
    """Drop ZWNJs that follow non-joining letters: either form is accepted (FORMAT.md, zwnj)."""
    out = []
    for i, ch in enumerate(word):
        if ch == ZWNJ and i > 0 and word[i - 1] in NON_JOINING:
            continue
        out.append(ch)
    return "".join(out)


# -- scores -----------------------------------------------------------------------------------------
@dataclass
class PRF:
    tp_pred: int = 0  # predictions that matched
    pred: int = 0
    tp_gold: int = 0  # gold items that were matched
    gold: int = 0
    extra: dict[str, list[int]] = field(default_factory=dict)  # name -> [correct, total]

    def add(self, tp_pred: int, pred: int, tp_gold: int, gold: int) -> None:
        self.tp_pred += tp_pred
        self.pred += pred
        self.tp_gold += tp_gold
        self.gold += gold

    def count(self, name: str, ok: bool) -> None:
        c = self.extra.setdefault(name, [0, 0])
        c[0] += int(ok)
        c[1] += 1

    def result(self) -> dict[str, Any]:
        if self.gold == 0 and self.pred == 0:
            out: dict[str, Any] = {"precision": None, "recall": None, "f1": None, "n": 0}
        else:
            p = self.tp_pred / self.pred if self.pred else 0.0
            r = self.tp_gold / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "n": self.gold}
        if self.gold == 0:
            out.update({"precision": None, "recall": None, "f1": None, "n": 0})
        for name, (c, t) in self.extra.items():
            out[name] = round(c / t, 4) if t else None
        return out


@dataclass
class Accuracy:
    correct: int = 0
    n: int = 0

    def add(self, ok: bool) -> None:
        self.correct += int(ok)
        self.n += 1

    def result(self) -> dict[str, Any]:
        return {"accuracy": round(self.correct / self.n, 4) if self.n else None, "n": self.n}


# -- gold files -------------------------------------------------------------------------------------
def iter_gold(paths: Iterable[str]) -> Iterator[tuple[Path, dict[str, Any] | None, str | None]]:
    """``(gold_file, article, error)``: one JSON object, a JSON list, or JSON Lines."""
    for p in map(Path, paths):
        try:
            raw = p.read_text("utf-8-sig")
        except OSError as exc:
            yield p, None, f"{p}: {exc}"
            continue
        stripped = raw.strip()
        if not stripped:
            yield p, None, f"{p}: empty gold file"
            continue
        try:
            data = json.loads(stripped)
            items = data if isinstance(data, list) else [data]
            for it in items:
                yield p, it, None
            continue
        except json.JSONDecodeError:
            pass
        for lineno, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                yield p, json.loads(line), None
            except json.JSONDecodeError as exc:
                yield p, None, f"{p}:{lineno}: invalid JSON: {exc.msg}"


def resolve_path(gold_file: Path, rel: str) -> Path | None:
    """A ``path`` is relative to the gold file; also tried against its parent folders and the cwd."""
    cands = [gold_file.parent / rel]
    cands += [parent / rel for parent in gold_file.resolve().parents]
    cands += [Path.cwd() / rel, gold_file.parent / Path(rel).name]
    for c in cands:
        if c.is_file():
            return c
    return None


def load_document(gold_file: Path, art: dict[str, Any]) -> Document:
    from rasad.ingest.html import read_html_file
    from rasad.ingest.text import read_text_file

    meta = {k: art[k] for k in ("published", "url", "outlet") if art.get(k)}
    if isinstance(art.get("text"), str):
        doc = Document(raw=art["text"], id=str(art.get("id", "")))
    elif isinstance(art.get("path"), str):
        p = resolve_path(gold_file, art["path"])
        if p is None:
            raise FileNotFoundError(f"article path {art['path']!r} not found relative to {gold_file}")
        doc = read_html_file(p) if p.suffix.lower() in (".html", ".htm") else read_text_file(p)
        doc.id = str(art.get("id", doc.id))
    else:
        raise ValueError("gold article has neither 'text' nor 'path'")
    for k, v in meta.items():
        setattr(doc, k, str(v))
    if "published" in art and art["published"] is None:
        doc.published = None
    return doc


# -- the evaluator ----------------------------------------------------------------------------------
class Evaluator:
    def __init__(self, pipeline: Pipeline | None = None) -> None:
        self.pipeline = pipeline or Pipeline.default()
        self.keys = Keys()
        self._kb: Any = None
        self.scores: dict[str, Any] = {
            "title": Accuracy(),
            "sources": PRF(),
            "zwnj": Accuracy(),
            "repeats": PRF(),
            "quotes": PRF(),
            "mentions": PRF(),
            "entities": PRF(),
            "events": PRF(),
            "dates": Accuracy(),
        }
        self.articles = 0
        self.errors: list[dict[str, str]] = []
        self.details: list[dict[str, Any]] = []

    @property
    def kb(self) -> Any:
        if self._kb is None:
            try:
                from rasad.kb import KnowledgeBase

                self._kb = KnowledgeBase.load()
            except Exception:  # noqa: BLE001 - no KB means names match only by surface text
                self._kb = False
        return self._kb or None

    # names ----------------------------------------------------------------------------------------
    def entity_names(self, doc: Document, ent: Entity) -> set[str]:
        names = {self.keys.key(ent.name)}
        kb = self.kb
        if kb is not None and ent.kb_id:
            e = kb.get(ent.kb_id)
            if e is not None:
                names.update(self.keys.key(n) for n in e.all_names())
        for m in doc.spans("mentions"):
            if m.attrs.get("entity") == ent.id:
                names.add(self.keys.key(doc.span_text(m)))
        names.discard("")
        return names

    def names(self, gold_name: str, doc: Document, ent: Entity | None, surface: Iterable[str] = ()) -> bool:
        g = self.keys.key(gold_name)
        if not g:
            return False
        if ent is not None and g in self.entity_names(doc, ent):
            return True
        return any(g == self.keys.key(s) for s in surface if s)

    def outlet_names(self, name: str, outlet_id: str | None) -> set[str]:
        out = {self.keys.key(name)}
        kb = self.kb
        if kb is not None:
            e = kb.get(outlet_id) if outlet_id else None
            cands = [e] if e is not None else kb.lookup(name, "outlets")
            for c in cands:
                out.update(self.keys.key(n) for n in c.all_names())
        out.discard("")
        return out

    # run ------------------------------------------------------------------------------------------
    def run(self, paths: Iterable[str]) -> dict[str, Any]:
        for gold_file, art, err in iter_gold(paths):
            if err or art is None:
                self.errors.append({"id": str(gold_file), "error": err or "unreadable"})
                continue
            aid = str(art.get("id", "?"))
            try:
                doc = self.pipeline(load_document(gold_file, art))
            except Exception as exc:  # noqa: BLE001 - one bad gold article must not stop the run
                self.errors.append({"id": aid, "error": f"{type(exc).__name__}: {exc}"})
                continue
            self.articles += 1
            for e in doc.errors:
                self.errors.append({"id": aid, "error": f"stage {e.get('stage')}: {e.get('error')}"})
            detail: dict[str, Any] = {"id": aid}
            for task in TASKS:
                if task in art or (task == "zwnj" and isinstance(art.get("zwnj"), dict)):
                    try:
                        detail[task] = getattr(self, f"score_{task}")(doc, art[task])
                    except Exception as exc:  # noqa: BLE001 - a malformed gold item is reported, not fatal
                        self.errors.append({"id": aid, "error": f"scoring {task}: {type(exc).__name__}: {exc}"})
            self.details.append(detail)
        return self.result()

    def result(self) -> dict[str, Any]:
        tasks = {name: s.result() for name, s in self.scores.items()}
        return {"articles": self.articles, "tasks": tasks, "errors": self.errors}

    # tasks ----------------------------------------------------------------------------------------
    def score_title(self, doc: Document, gold: str) -> bool:
        ok = self.keys.key(doc.title or "") == self.keys.key(gold)
        self.scores["title"].add(ok)
        return ok

    def predicted_chain(self, doc: Document) -> list[tuple[str, str | None]]:
        chain: list[tuple[str, str | None]] = []
        seen: set[str] = set()
        for s in sorted(doc.spans("sources"), key=lambda s: (s.start, s.end)):
            name = s.attrs.get("name") or doc.span_text(s)
            k = self.keys.key(name)
            if k and k not in seen:
                seen.add(k)
                chain.append((name, s.attrs.get("outlet_id")))
        return chain

    def score_sources(self, doc: Document, gold: list[str]) -> dict[str, Any]:
        """Set P/R/F1 over outlets (one-to-one) and whole-chain exactness (in order)."""
        pred = self.predicted_chain(doc)
        pred_names = [self.outlet_names(n, oid) for n, oid in pred]
        gold_keys = [self.keys.key(g) for g in gold]
        used: set[int] = set()
        tp = 0
        for g in gold_keys:
            for i, names in enumerate(pred_names):
                if i not in used and g in names:
                    used.add(i)
                    tp += 1
                    break
        exact = len(pred) == len(gold) and all(g in names for g, names in zip(gold_keys, pred_names, strict=False))
        sc: PRF = self.scores["sources"]
        sc.add(tp, len(pred), tp, len(gold))
        sc.count("exact", exact)
        return {"pred": [n for n, _ in pred], "exact": exact}

    def score_zwnj(self, doc: Document, gold: dict[str, list[str]]) -> dict[str, Any]:
        """``fixed`` words must appear; ``unchanged`` ones must appear with no malformed variant added."""
        text = canonical_zwnj(doc.text)
        raw_norm = canonical_zwnj(self.keys.norm(doc.raw))
        wrong: list[str] = []
        for w in gold.get("fixed", []) or []:
            ok = _has_word(text, canonical_zwnj(self.keys.norm(w)))
            self.scores["zwnj"].add(ok)
            if not ok:
                wrong.append(w)
        for w in gold.get("unchanged", []) or []:
            wn = canonical_zwnj(self.keys.norm(w))
            ok = _has_word(text, wn) and not any(
                _has_word(text, v) and not _has_word(raw_norm, v) for v in malformed_variants(wn)
            )
            self.scores["zwnj"].add(ok)
            if not ok:
                wrong.append(w)
        return {"wrong": wrong}

    def score_repeats(self, doc: Document, gold: list[str]) -> dict[str, Any]:
        """A flagged later copy matches a gold passage when it starts with the gold's opening words."""
        preds = [self.keys.key(doc.span_text(s)) for s in doc.spans("repeats")]
        used: set[int] = set()
        tp = 0
        for g in gold:
            gk = self.keys.key(g)
            for i, pk in enumerate(preds):
                if i not in used and gk and gk in pk[: len(gk) + 40]:
                    used.add(i)
                    tp += 1
                    break
        self.scores["repeats"].add(tp, len(preds), tp, len(gold))
        return {"pred": len(preds), "matched": tp}

    def score_quotes(self, doc: Document, gold: list[dict[str, Any]]) -> dict[str, Any]:
        preds = doc.spans("quotes")
        keyed = [self.keys.key(doc.span_text(q)) for q in preds]
        used: set[int] = set()
        sc: PRF = self.scores["quotes"]
        missed: list[str] = []

        def matches(g: dict[str, Any], i: int) -> bool:
            q = preds[i]
            if g.get("repeat") and q.attrs.get("repeat_of") is None:
                return False
            starts = self.keys.key(g.get("starts", ""))
            cue = self.keys.key(g.get("cue", ""))
            # the quotation starts with `starts`; a cue phrase inside its first words is tolerated
            window = keyed[i][: len(starts) + len(cue) + 12]
            if not starts or not (keyed[i].startswith(starts) or starts in window):
                return False
            ent = doc.entity(q.attrs.get("speaker"))
            surface = [q.attrs.get("speaker_name", ""), q.attrs.get("speaker_text", "")]
            return self.names(g.get("speaker", ""), doc, ent, surface if ent is None else surface[1:])

        order = sorted(range(len(gold)), key=lambda j: not gold[j].get("repeat"))
        for j in order:
            g = gold[j]
            cands = [i for i in range(len(preds)) if i not in used and matches(g, i)]
            # a gold first occurrence prefers a prediction that is not flagged as a repeat
            cands.sort(key=lambda i: preds[i].attrs.get("repeat_of") is not None)
            if cands:
                i = cands[0]
                used.add(i)
                sc.count("cue_accuracy", self.keys.key(preds[i].attrs.get("cue", "")) == self.keys.key(g.get("cue", "")))
            else:
                missed.append(g.get("starts", ""))
        sc.add(len(used), len(preds), len(used), len(gold))
        return {"pred": len(preds), "matched": len(used), "missed": missed}

    def score_mentions(self, doc: Document, gold: list[dict[str, Any]]) -> dict[str, Any]:
        """Distinct (surface, entity) pairs. Gold lists are partial (often only the people), so precision
        counts the predicted pairs whose surface text the gold lists."""
        by_text: dict[str, set[str | None]] = {}
        for m in doc.spans("mentions"):
            by_text.setdefault(self.keys.key(doc.span_text(m)), set()).add(m.attrs.get("entity"))
        tp_gold = 0
        gold_texts: dict[str, list[str]] = {}
        for g in gold:
            tk = self.keys.key(g.get("text", ""))
            gold_texts.setdefault(tk, []).append(g.get("entity", ""))
            ents = by_text.get(tk, set())
            if any(self.names(g.get("entity", ""), doc, doc.entity(e)) for e in ents if e):
                tp_gold += 1
        pred = tp_pred = 0
        for tk, ents in by_text.items():
            if tk not in gold_texts:
                continue
            for e in ents:
                pred += 1
                ent = doc.entity(e) if e else None
                if ent is not None and any(self.names(gn, doc, ent) for gn in gold_texts[tk]):
                    tp_pred += 1
        self.scores["mentions"].add(tp_pred, pred, tp_gold, len(gold))
        return {"matched": tp_gold}

    def score_entities(self, doc: Document, gold: list[dict[str, Any]]) -> dict[str, Any]:
        preds = [e for e in doc.entities if e.type in ("PER", "ORG", "LOC", "GPE")]
        used: set[int] = set()
        missed = []
        for g in gold:
            hit = None
            for i, e in enumerate(preds):
                if i in used or e.type != g.get("type"):
                    continue
                code = g.get("code")
                if code:
                    if (e.code or "").upper() == str(code).upper():
                        hit = i
                        break
                    continue
                if self.names(g.get("name", ""), doc, e):
                    hit = i
                    break
            if hit is None:
                missed.append(g.get("name"))
            else:
                used.add(hit)
        self.scores["entities"].add(len(used), len(preds), len(used), len(gold))
        return {"pred": len(preds), "matched": len(used), "missed": missed}

    def score_events(self, doc: Document, gold: list[dict[str, Any]]) -> dict[str, Any]:
        preds = doc.spans("events")
        sc: PRF = self.scores["events"]

        def codes(v: Any) -> frozenset[str]:
            return frozenset(str(c).upper() for c in (v or []))

        used: set[int] = set()
        for g in gold:
            for i, e in enumerate(preds):
                a = e.attrs
                if i in used or a.get("type") != g.get("type"):
                    continue
                if codes(a.get("actor")) != codes(g.get("actor")) or codes(a.get("recipient")) != codes(g.get("recipient")):
                    continue
                used.add(i)
                if g.get("mode") is not None:
                    sc.count("mode_accuracy", (a.get("mode") or None) == g.get("mode"))
                gp, pp = g.get("place"), a.get("place")
                if gp is None or pp is None:
                    sc.count("place_accuracy", gp is None and pp is None)
                else:
                    kb = self.kb
                    same = self.keys.key(gp) == self.keys.key(pp) or (kb is not None and kb.names_same(gp, pp))
                    sc.count("place_accuracy", bool(same))
                break
        sc.extra.setdefault("mode_accuracy", [0, 0])
        sc.extra.setdefault("place_accuracy", [0, 0])
        sc.add(len(used), len(preds), len(used), len(gold))
        return {"pred": len(preds), "matched": len(used)}

    def score_dates(self, doc: Document, gold: list[dict[str, Any]]) -> dict[str, Any]:
        """The expression is found by text (either containing the other); its ISO value must be exact, and an
        unresolvable one must be reported unresolved (value null)."""
        preds = [(self.keys.key(doc.span_text(s)), s.attrs) for s in doc.spans("dates")]
        used: set[int] = set()
        wrong = []
        for g in gold:
            gk = self.keys.key(g.get("text", ""))
            ok = False
            for i, (pk, attrs) in enumerate(preds):
                if i in used or not gk or not (gk == pk or gk in pk or (pk and pk in gk)):
                    continue
                used.add(i)
                value = attrs.get("value") if attrs.get("resolved", attrs.get("value") is not None) else None
                ok = (value is None and g.get("value") is None) or (
                    value is not None and g.get("value") is not None and str(value) == str(g["value"])
                )
                break
            self.scores["dates"].add(ok)
            if not ok:
                wrong.append(g.get("text"))
        return {"wrong": wrong}


def _has_word(text: str, word: str) -> bool:
    if not word:
        return False
    return re.search(rf"(?<![\w\u200c]){re.escape(word)}(?![\w\u200c])", text) is not None


def malformed_variants(word: str) -> list[str]:
    """Forms of a correct word with a ZWNJ wrongly inserted, a space turned into ZWNJ, or a ZWNJ lost."""
    out = []
    for i in range(1, len(word)):
        a, b = word[i - 1], word[i]
        if a.isalpha() and b.isalpha() and a not in NON_JOINING:
            out.append(word[:i] + ZWNJ + word[i:])
    if " " in word:
        out.append(canonical_zwnj(word.replace(" ", ZWNJ)))
    if ZWNJ in word:
        out.append(word.replace(ZWNJ, ""))
    return out


def run(paths: list[str], pipeline: Pipeline | None = None) -> dict[str, Any]:
    return Evaluator(pipeline).run(paths)
