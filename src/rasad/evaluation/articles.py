"""`rasad eval GOLD...`: scores the default pipeline against gold articles in ../shared/gold/FORMAT.md.

Every rule of FORMAT.md's "Matching" section is implemented here, in one method per task, so that a
score means the same on every gold set. Conventions FORMAT.md leaves open are stated in the docstrings
and, all together, in docs/EVAL.md ("How `rasad eval` matches").
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasad.document import Document, Entity

TASKS = ("title", "sources", "zwnj", "repeats", "quotes", "mentions", "entities", "events", "dates")
# Extra scores each PRF task reports beside precision/recall/f1/n (FORMAT.md, "Output of rasad eval").
PRF_EXTRAS: dict[str, tuple[str, ...]] = {
    "sources": ("exact",),
    "events": ("mode_accuracy", "place_accuracy"),
}
ENTITY_TYPES = ("PER", "ORG", "LOC", "GPE")

ZWNJ = "\u200c"
# Letters that never join the next letter: a ZWNJ after them changes nothing visible, so either form is
# accepted (the orthographies differ only invisibly).
NON_JOINING = set("اآأإدذرزژوؤۀةء")
_NOT_WORDCHAR = re.compile(r"[^\w]|_")
# How far (in key characters: no spaces, ZWNJ or punctuation) a predicted repeat may start before the gold
# opening words, and how long a speaker phrase next to a cue inside a quotation's first words may be.
REPEAT_SLACK = 40
CUE_SPEAKER_SLACK = 12


# -- string keys ------------------------------------------------------------------------------------
class Keys:
    """Normalised comparison keys, cached (gold strings repeat a lot)."""

    def __init__(self) -> None:
        from rasad.text.normalize import NormalizeStage

        self._norm = NormalizeStage()
        self._cache: dict[str, str] = {}

    def norm(self, s: str) -> str:
        return self._norm.normalize_string(s)

    def key(self, s: Any) -> str:
        """Normalised, with ZWNJ, spaces and punctuation ignored (FORMAT.md's general rule)."""
        if not s or not isinstance(s, str):
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
    extras: tuple[str, ...] = ()
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
        # FORMAT.md: a task with no gold items has n 0 and null scores (all of them, the extras too).
        if self.gold == 0:
            out: dict[str, Any] = {"precision": None, "recall": None, "f1": None}
        else:
            # No prediction at all is a score of 0, not an undefined one: the stage found nothing.
            p = self.tp_pred / self.pred if self.pred else 0.0
            r = self.tp_gold / self.gold
            f = 2 * p * r / (p + r) if p + r else 0.0
            out = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        for name in self.extras:
            c, t = self.extra.get(name, (0, 0))
            out[name] = round(c / t, 4) if t and self.gold else None
        out["n"] = self.gold
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


def max_matching(n_gold: int, n_pred: int, ok: Callable[[int, int], bool]) -> dict[int, int]:
    """One-to-one maximum matching gold -> prediction (Kuhn's augmenting paths).

    Greedy first-fit would make scores depend on the order of the gold list; a maximum matching does not.
    Candidates are tried in prediction order, so ties are resolved towards earlier predictions.
    """
    adj = [[j for j in range(n_pred) if ok(i, j)] for i in range(n_gold)]
    owner: dict[int, int] = {}  # pred -> gold

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(n_gold):
        augment(i, set())
    return {i: j for j, i in owner.items()}


# -- gold files -------------------------------------------------------------------------------------
def iter_gold(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str, Any, str | None]]:
    """``(gold_file, where, article, error)``: one JSON object, a JSON list, or JSON Lines."""
    for p in map(Path, paths):
        try:
            raw = p.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            yield p, str(p), None, f"{p}: {exc}"
            continue
        stripped = raw.strip()
        if not stripped:
            yield p, str(p), None, f"{p}: empty gold file"
            continue
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as whole_exc:
            lines = [(n, line) for n, line in enumerate(raw.splitlines(), 1) if line.strip()]
            parsed: list[tuple[int, Any, str | None]] = []
            for lineno, line in lines:
                try:
                    parsed.append((lineno, json.loads(line), None))
                except json.JSONDecodeError as exc:
                    parsed.append((lineno, None, f"{p}:{lineno}: invalid JSON: {exc.msg}"))
            if all(err for _, _, err in parsed) and len(parsed) > 1:
                # Not JSON Lines at all: one malformed (pretty-printed) JSON document, one error.
                yield p, str(p), None, f"{p}: invalid JSON: {whole_exc.msg} (line {whole_exc.lineno})"
                continue
            for lineno, art, err in parsed:
                yield p, f"{p}:{lineno}", art, err
            continue
        items = data if isinstance(data, list) else [data]
        for k, it in enumerate(items):
            yield p, f"{p}[{k}]" if isinstance(data, list) else str(p), it, None


def resolve_path(gold_file: Path, rel: str) -> Path | None:
    """A ``path`` is relative to the gold file; also tried against its parent folders and the cwd (gold
    sets are often moved with their texts one folder up, as ../shared/examples does)."""
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

    if isinstance(art.get("text"), str):
        doc = Document(raw=art["text"], id=str(art.get("id", "")))
    elif isinstance(art.get("path"), str):
        p = resolve_path(gold_file, art["path"])
        if p is None:
            raise FileNotFoundError(f"article path {art['path']!r} not found relative to {gold_file}")
        doc = read_html_file(p) if p.suffix.lower() in (".html", ".htm") else read_text_file(p)
        if "id" in art:
            doc.id = str(art["id"])
    else:
        raise ValueError("gold article has neither 'text' nor 'path'")
    # Metadata a reader would have: the date relative expressions resolve against, the outlet of a feed.
    for k in ("published", "url", "outlet"):
        if art.get(k):
            setattr(doc, k, str(art[k]))
    if "published" in art and art["published"] is None:
        doc.published = None  # the gold says it is unknown: do not use a date the HTML reader guessed
    return doc


def gold_value(art: dict[str, Any], task: str) -> Any:
    """The gold of one task, or None when the article does not score it (key absent or null)."""
    if task == "zwnj":
        z = art.get("zwnj")
        if z is None and ("zwnj.fixed" in art or "zwnj.unchanged" in art):
            # FORMAT.md's table writes the keys dotted; accept them flat as well as nested.
            z = {k: art[f"zwnj.{k}"] for k in ("fixed", "unchanged") if f"zwnj.{k}" in art}
        return z
    return art.get(task)


def _str_list(v: Any, what: str) -> list[str]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise TypeError(f"{what} must be a list of strings")
    return v


def _dict_list(v: Any, what: str) -> list[dict[str, Any]]:
    if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
        raise TypeError(f"{what} must be a list of objects")
    return v


# -- the evaluator ----------------------------------------------------------------------------------
class Evaluator:
    def __init__(self, pipeline: Callable[[Document], Any] | None = None, kb: Any = None) -> None:
        if pipeline is None:
            from rasad.pipeline import Pipeline

            pipeline = Pipeline.default()
        self.pipeline = pipeline
        self.keys = Keys()
        self._kb: Any = kb
        self.scores: dict[str, Any] = {
            t: Accuracy() if t in ("title", "zwnj", "dates") else PRF(extras=PRF_EXTRAS.get(t, ()))
            for t in TASKS
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
    @staticmethod
    def _kb_names(entry: Any) -> list[str]:
        # Ambiguous aliases need context to name the entry; a prediction already linked to it is that context.
        return [entry.name, *entry.aliases, *(entry.data.get("ambiguous_aliases") or [])]

    def _linked_entries(self, ent: Entity) -> list[Any]:
        kb = self.kb
        if kb is None:
            return []
        if ent.kb_id:
            e = kb.get(ent.kb_id)
            return [e] if e is not None else []
        # Not linked: its canonical name's KB entry of the same type, when there is exactly one.
        cands = [e for e in kb.lookup(ent.name) if e.type == ent.type]
        return cands if len(cands) == 1 else []

    def entity_names(self, doc: Document, ent: Entity) -> set[str]:
        """Keys of every name of ``ent``: canonical, KB aliases, and the surfaces the document links to it."""
        names = {self.keys.key(ent.name)}
        for e in self._linked_entries(ent):
            names.update(self.keys.key(n) for n in self._kb_names(e))
        for m in doc.spans("mentions"):
            if m.attrs.get("entity") == ent.id:
                names.add(self.keys.key(doc.span_text(m)))
        names.discard("")
        return names

    def entity_code(self, ent: Entity) -> str | None:
        if ent.code:
            return str(ent.code).upper()
        for e in self._linked_entries(ent):
            if e.kind == "countries" and e.code:
                return str(e.code).upper()
        return None

    def is_state(self, ent: Entity) -> bool:
        return ent.type == "GPE" or any(e.kind == "countries" for e in self._linked_entries(ent))

    def state_codes(self, gold_name: str) -> set[str]:
        """Actor codes of the countries a gold name names in the KB (empty: not a state's name)."""
        kb = self.kb
        if kb is None or not gold_name:
            return set()
        return {str(e.code).upper() for e in kb.lookup(gold_name, "countries") if e.code}

    def names(self, gold_name: Any, doc: Document, ent: Entity | None, surface: Iterable[Any] = ()) -> bool:
        """FORMAT.md: a gold name names a predicted entity when it equals its canonical name, a KB alias or
        a surface form the document links to it; for states the code decides. ``surface`` holds surface
        texts that match by themselves (titles and groups as speakers)."""
        g = self.keys.key(gold_name)
        if not g:
            return False
        if any(g == self.keys.key(s) for s in surface):
            return True
        if ent is None:
            return False
        if self.is_state(ent):
            codes = self.state_codes(gold_name)
            code = self.entity_code(ent)
            if codes and code:
                return code in codes
        return g in self.entity_names(doc, ent)

    def outlet_names(self, name: str, outlet_id: str | None, surface: str = "") -> set[str]:
        out = {self.keys.key(name), self.keys.key(surface)}
        kb = self.kb
        if kb is not None:
            e = kb.get(outlet_id) if outlet_id else None
            cands = [e] if e is not None else kb.lookup(name, "outlets")
            for c in cands:
                out.update(self.keys.key(n) for n in self._kb_names(c))
        out.discard("")
        return out

    # run ------------------------------------------------------------------------------------------
    def run(self, paths: Iterable[str | Path]) -> dict[str, Any]:
        for gold_file, where, art, err in iter_gold(paths):
            if err is not None:
                self.errors.append({"id": where, "error": err})
                continue
            if not isinstance(art, dict):
                self.errors.append(
                    {"id": where, "error": f"a gold article must be a JSON object, not {type(art).__name__}"}
                )
                continue
            if "id" not in art:
                # FORMAT.md requires an id; score the article anyway and say where it is.
                self.errors.append({"id": where, "error": "gold article has no 'id'"})
            aid = str(art.get("id", where))
            try:
                doc = load_document(gold_file, art)
                out = self.pipeline(doc)
                doc = out if isinstance(out, Document) else doc
            except Exception as exc:  # noqa: BLE001 - one bad gold article must not stop the run
                self.errors.append({"id": aid, "error": f"{type(exc).__name__}: {exc}"})
                continue
            self.articles += 1
            for e in doc.errors:
                self.errors.append({"id": aid, "error": f"stage {e.get('stage')}: {e.get('error')}"})
            detail: dict[str, Any] = {"id": aid}
            for task in TASKS:
                gold = gold_value(art, task)
                if gold is None:
                    continue
                try:
                    # A scorer computes everything first and adds to the totals last, so a malformed
                    # gold item leaves no partial counts behind.
                    detail[task] = getattr(self, f"score_{task}")(doc, gold)
                except Exception as exc:  # noqa: BLE001 - a malformed gold item is reported, not fatal
                    self.errors.append({"id": aid, "error": f"scoring {task}: {type(exc).__name__}: {exc}"})
            self.details.append(detail)
        return self.result()

    def result(self) -> dict[str, Any]:
        tasks = {name: s.result() for name, s in self.scores.items()}
        return {"articles": self.articles, "tasks": tasks, "errors": self.errors}

    # tasks ----------------------------------------------------------------------------------------
    def score_title(self, doc: Document, gold: Any) -> bool:
        if not isinstance(gold, str):
            raise TypeError("title must be a string")
        ok = self.keys.key(doc.title or "") == self.keys.key(gold)
        self.scores["title"].add(ok)
        return ok

    def predicted_chain(self, doc: Document) -> list[tuple[str, str | None, str]]:
        """``(name, outlet_id, surface)`` in order of appearance, each outlet once (its first attribution)."""
        chain: list[tuple[str, str | None, str]] = []
        seen: set[str] = set()
        for s in sorted(doc.spans("sources"), key=lambda s: (s.start, s.end)):
            surface = doc.span_text(s)
            name = s.attrs.get("name") or surface
            ident = s.attrs.get("outlet_id") or self.keys.key(name)
            if ident and ident not in seen:
                seen.add(ident)
                chain.append((name, s.attrs.get("outlet_id"), surface))
        return chain

    def _gold_chain(self, gold: list[str]) -> list[str]:
        """The gold chain with each outlet once (first occurrence), as the prediction is reduced."""
        out: list[str] = []
        seen: set[str] = set()
        kb = self.kb
        for g in gold:
            cands = kb.lookup(g, "outlets") if kb is not None else []
            ident = cands[0].id if len(cands) == 1 else self.keys.key(g)
            if ident and ident not in seen:
                seen.add(ident)
                out.append(g)
        return out

    def score_sources(self, doc: Document, gold: Any) -> dict[str, Any]:
        """Set P/R/F1 over outlets (one-to-one) and whole-chain exactness (in order)."""
        gold_chain = self._gold_chain(_str_list(gold, "sources"))
        pred = self.predicted_chain(doc)
        pred_names = [self.outlet_names(n, oid, surf) for n, oid, surf in pred]
        gold_keys = [self.keys.key(g) for g in gold_chain]
        m = max_matching(len(gold_keys), len(pred_names), lambda i, j: gold_keys[i] in pred_names[j])
        exact = len(pred) == len(gold_keys) and all(
            g in names for g, names in zip(gold_keys, pred_names, strict=False)
        )
        sc: PRF = self.scores["sources"]
        sc.add(len(m), len(pred), len(m), len(gold_keys))
        sc.count("exact", exact)
        return {"pred": [n for n, _, _ in pred], "exact": exact}

    def score_zwnj(self, doc: Document, gold: Any) -> dict[str, Any]:
        """Accuracy over ``fixed`` ∪ ``unchanged`` (each distinct word once): every word must appear in the
        normalised text; an ``unchanged`` word must also have no malformed variant that normalisation
        introduced (present in the output, absent from the raw text)."""
        if not isinstance(gold, dict):
            raise TypeError("zwnj must be an object with 'fixed' and/or 'unchanged'")
        fixed = _str_list(gold.get("fixed") or [], "zwnj.fixed")
        unchanged = _str_list(gold.get("unchanged") or [], "zwnj.unchanged")
        text = canonical_zwnj(doc.text)
        raw_norm = canonical_zwnj(self.keys.norm(doc.raw))
        words: dict[str, bool] = {}  # normalised word -> must stay free of malformed variants
        originals: dict[str, str] = {}
        for w in fixed + unchanged:
            wn = canonical_zwnj(self.keys.norm(w))
            words.setdefault(wn, False)
            originals.setdefault(wn, w)
        for w in unchanged:
            words[canonical_zwnj(self.keys.norm(w))] = True
        results: list[bool] = []
        wrong: list[str] = []
        for wn, guard in words.items():
            ok = _has_word(text, wn)
            if ok and guard:
                ok = not any(
                    _has_word(text, v) and not _has_word(raw_norm, v) for v in malformed_variants(wn)
                )
            results.append(ok)
            if not ok:
                wrong.append(originals[wn])
        for ok in results:
            self.scores["zwnj"].add(ok)
        return {"wrong": wrong}

    def score_repeats(self, doc: Document, gold: Any) -> dict[str, Any]:
        """A flagged later copy matches a gold passage when the gold's opening words begin it (the span may
        start up to REPEAT_SLACK key characters earlier, e.g. with its cue)."""
        gold_keys = [self.keys.key(g) for g in _str_list(gold, "repeats")]
        preds = [self.keys.key(doc.span_text(s)) for s in doc.spans("repeats")]

        def ok(i: int, j: int) -> bool:
            g = gold_keys[i]
            return bool(g) and g in preds[j][: len(g) + REPEAT_SLACK]

        m = max_matching(len(gold_keys), len(preds), ok)
        self.scores["repeats"].add(len(m), len(preds), len(m), len(gold_keys))
        return {"pred": len(preds), "matched": len(m)}

    def quote_starts(self, quote_key: str, starts_key: str, cues: Sequence[str]) -> bool:
        """The quotation starts with ``starts``; a cue phrase inside its first words is tolerated: with a
        cue (optionally with a short speaker phrase before it, «وی افزود») cut out of the first words, the
        rest must start with ``starts``."""
        if not starts_key:
            return False
        if quote_key.startswith(starts_key):
            return True
        head = len(starts_key) + CUE_SPEAKER_SLACK
        for ck in cues:
            if not ck:
                continue
            pos = quote_key.find(ck, 0, head + len(ck))
            while pos != -1:
                after = quote_key[pos + len(ck) :]
                # the cue inside the words of the quotation: «ما، وی گفت، یک کار …»
                for cut in range(0, min(pos, CUE_SPEAKER_SLACK) + 1):
                    if (quote_key[: pos - cut] + after).startswith(starts_key):
                        return True
                pos = quote_key.find(ck, pos + 1, head + len(ck))
        return False

    def score_quotes(self, doc: Document, gold: Any) -> dict[str, Any]:
        gold = _dict_list(gold, "quotes")
        preds = doc.spans("quotes")
        keyed = [self.keys.key(doc.span_text(q)) for q in preds]

        def ok(i: int, j: int) -> bool:
            g, q = gold[i], preds[j]
            if g.get("repeat") and q.attrs.get("repeat_of") is None:
                return False
            cues = [self.keys.key(g.get("cue")), self.keys.key(q.attrs.get("cue"))]
            if not self.quote_starts(keyed[j], self.keys.key(g.get("starts")), cues):
                return False
            ent = doc.entity(q.attrs.get("speaker"))
            # titles and groups match by surface text: the phrase at the cue, and the name rasad gave an
            # unresolved speaker
            surface = [q.attrs.get("speaker_text")]
            if ent is None:
                surface.append(q.attrs.get("speaker_name"))
            return self.names(g.get("speaker"), doc, ent, surface)

        # A gold first occurrence prefers a prediction not flagged as a repeat (left for the gold repeat).
        order = sorted(range(len(preds)), key=lambda j: preds[j].attrs.get("repeat_of") is not None)
        m_local = max_matching(len(gold), len(order), lambda i, k: ok(i, order[k]))
        m = {i: order[k] for i, k in m_local.items()}
        cue_ok = {
            i: self.keys.key(preds[j].attrs.get("cue")) == self.keys.key(gold[i].get("cue"))
            for i, j in m.items()
        }
        self.scores["quotes"].add(len(m), len(preds), len(m), len(gold))
        return {
            "pred": len(preds),
            "matched": len(m),
            "cue_correct": sum(cue_ok.values()),
            "missed": [g.get("starts", "") for i, g in enumerate(gold) if i not in m],
        }

    def score_mentions(self, doc: Document, gold: Any) -> dict[str, Any]:
        """Distinct (surface, entity) pairs. Gold lists are partial (often only the people), so precision
        counts the predicted pairs whose surface text the gold lists."""
        gold = _dict_list(gold, "mentions")
        by_text: dict[str, set[str | None]] = {}
        for m in doc.spans("mentions"):
            by_text.setdefault(self.keys.key(doc.span_text(m)), set()).add(m.attrs.get("entity"))
        tp_gold = 0
        gold_texts: dict[str, list[Any]] = {}
        for g in gold:
            tk = self.keys.key(g.get("text"))
            gold_texts.setdefault(tk, []).append(g.get("entity"))
            ents = by_text.get(tk, set())
            if tk and any(self.names(g.get("entity"), doc, doc.entity(e)) for e in ents if e):
                tp_gold += 1
        pred = tp_pred = 0
        for tk, ents in by_text.items():
            if not tk or tk not in gold_texts:
                continue
            for e in ents:
                pred += 1
                ent = doc.entity(e) if e else None
                if ent is not None and any(self.names(gn, doc, ent) for gn in gold_texts[tk]):
                    tp_pred += 1
        self.scores["mentions"].add(tp_pred, pred, tp_gold, len(gold))
        return {"pred": pred, "matched": tp_gold}

    def score_entities(self, doc: Document, gold: Any) -> dict[str, Any]:
        """Types must agree and the gold name name the prediction; a gold ``code`` must equal the
        prediction's code, and for a state (GPE) the code alone decides."""
        gold = _dict_list(gold, "entities")
        # An entity the text never names (only titles, demonyms or pronouns refer to it) is no
        # document-level entity (the entities stage flags it ``named: False``).
        preds = [e for e in doc.entities if e.type in ENTITY_TYPES and e.attrs.get("named", True)]

        def ok(i: int, j: int) -> bool:
            g, e = gold[i], preds[j]
            if e.type != str(g.get("type", "")).upper():
                return False
            code = g.get("code")
            if code:
                if (self.entity_code(e) or "") != str(code).strip().upper():
                    return False
                if e.type == "GPE":
                    return True
            return self.names(g.get("name"), doc, e)

        m = max_matching(len(gold), len(preds), ok)
        self.scores["entities"].add(len(m), len(preds), len(m), len(gold))
        return {
            "pred": len(preds),
            "matched": len(m),
            "missed": [g.get("name") for i, g in enumerate(gold) if i not in m],
        }

    def _same_place(self, gp: Any, pp: Any) -> bool:
        if gp is None or pp is None:
            return gp is None and pp is None
        if self.keys.key(gp) == self.keys.key(pp):
            return True
        kb = self.kb
        return bool(kb is not None and kb.names_same(str(gp), str(pp)))

    def score_events(self, doc: Document, gold: Any) -> dict[str, Any]:
        """Type, actor set and recipient set equal; mode and place are accuracies over matched events
        (a gold without ``mode`` expects none; a null place must be predicted null)."""
        gold = _dict_list(gold, "events")
        from rasad.extract.events import occurred
        from rasad.extract.events.plover import signature as sig

        # denied and hypothetical acts stay in the layer with their modality; the gold codes acts only
        preds = [p for p in doc.spans("events") if occurred(p.attrs.get("modality"))]

        def mode(d: dict[str, Any]) -> str | None:
            v = d.get("mode")
            return str(v).strip().lower() or None if v else None

        gsig = [sig(g) for g in gold]
        psig = [sig(p.attrs) for p in preds]
        # Matching is by equal signatures, so any assignment within a signature is a maximum matching:
        # give each gold event the prediction that also gets mode and place right, when there is one.
        used: set[int] = set()
        pairs: list[tuple[int, int]] = []
        for i, g in enumerate(gold):
            cands = [j for j in range(len(preds)) if j not in used and psig[j] == gsig[i]]
            if not cands:
                continue
            j = max(
                cands,
                key=lambda j: (
                    (mode(preds[j].attrs) == mode(g))
                    + self._same_place(g.get("place"), preds[j].attrs.get("place"))
                ),
            )
            used.add(j)
            pairs.append((i, j))
        sc: PRF = self.scores["events"]
        for i, j in pairs:
            sc.count("mode_accuracy", mode(preds[j].attrs) == mode(gold[i]))
            sc.count("place_accuracy", self._same_place(gold[i].get("place"), preds[j].attrs.get("place")))
        sc.add(len(pairs), len(preds), len(pairs), len(gold))
        return {"pred": len(preds), "matched": len(pairs)}

    def score_dates(self, doc: Document, gold: Any) -> dict[str, Any]:
        """Each gold expression is found among the predicted ones by text (equal, or either containing the
        other), one-to-one; it is right when its ISO value is exactly the gold's, or, for a gold null, when
        the prediction is unresolved. An expression rasad did not report is wrong."""
        gold = _dict_list(gold, "dates")
        preds = []
        for s in doc.spans("dates"):
            a = s.attrs
            value = a.get("value") if a.get("resolved", a.get("value") is not None) else None
            preds.append((self.keys.key(doc.span_text(s)), None if value is None else str(value).strip()))

        def right(i: int, j: int) -> bool:
            g = gold[i]
            gk, (pk, value) = self.keys.key(g.get("text")), preds[j]
            if not gk or not pk or not (gk == pk or gk in pk or pk in gk):
                return False
            gv = g.get("value")
            return value is None if gv is None else value == str(gv).strip()

        m = max_matching(len(gold), len(preds), right)
        for i in range(len(gold)):
            self.scores["dates"].add(i in m)
        return {"wrong": [g.get("text") for i, g in enumerate(gold) if i not in m]}


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
        out.append(word.replace(ZWNJ, " "))
    return out


def run(paths: list[str], pipeline: Callable[[Document], Any] | None = None) -> dict[str, Any]:
    return Evaluator(pipeline).run(paths)
