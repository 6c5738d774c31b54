"""Source chains: which outlets a text is attributed to, in order (issue 4).

Layer ``sources`` (docs/MODEL.md): one span per attribution, over the outlet's name in the text, in order
of appearance. Label ``publisher`` (a dateline «خبرگزاری فارس:» or an attribution to the reader's
``doc.outlet``), ``cited`` («به گزارش X», «به نقل از X», «X نوشت», «X گزارش داد», an interview «به X
گفت») or ``original`` («منبع: X»). Attrs: ``name`` (the knowledge base's canonical name, or the surface
text when the outlet is unknown), ``outlet_id``, ``known``, ``cue``.

Outlets come from the knowledge base (every name, alias, Latin name; an entry's ``ambiguous_aliases``
such as «فارس» or «مهر» only where the context already says an outlet follows, e.g. «به گزارش مهر»).
An outlet the knowledge base does not know is still reported (``known: false``) when the phrase looks like
one: a head word («روزنامه …», «خبرگزاری …») or an outlet-like last word («… نیوز», «… تایمز»).

This module also holds the lexicon helpers the quote stage shares (cue verbs in every tense, the
subject of a clause), so that both stages read one set of data files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasad.document import Document, Span
from rasad.pipeline import optional_kb

DATA_DIR = Path(__file__).parent / "data"
ZWNJ = "\u200c"

# A word: letters, digits, ZWNJ and inner hyphens/dots of Latin abbreviations.
WORD = re.compile(r"[\w\u200c]+(?:[-.][\w\u200c]+)*")
_GOFTOGU = re.compile(r"[ \u200c]?و[ \u200c]?گو")
_KEY_DROP = re.compile(r"[\s\u200c\-_.\u064b-\u065f]+")


@lru_cache(maxsize=8)
def load_lexicon(name: str) -> dict[str, Any]:
    """A JSON lexicon from ``extract/data`` (read once per process; the result must not be mutated)."""
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def fast_key(s: str) -> str:
    """Comparison key of text that is already normalised: spaces, ZWNJ, hyphens, diacritics dropped."""
    return _KEY_DROP.sub("", s).replace("أ", "ا").replace("ؤ", "و").replace("ئ", "ی")


def kb_key(s: str) -> str:
    """Comparison key of a free string (a KB name): normalised first, then as :func:`fast_key`."""
    from rasad.text.normalize import normalize_string

    return fast_key(normalize_string(s))


# -- cue verbs ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CueInfo:
    cue: str  # canonical cue phrase («اظهار کرد»)
    kind: str  # "speech" or "source"
    colon_only: bool = False
    az_object: bool = False


def verb_forms(past: str, present: str) -> list[str]:
    """Affirmative, non-future forms of a verb from its past and present stems, in the third person.

    Past (گفت، گفتند), present perfect (گفته است، گفته‌اند), past perfect (گفته بود، گفته بودند) and
    present progressive (می‌گوید، می‌گویند). Negated and future forms report no speech and are left out.
    """
    forms = [past, past + "ند", past + "ه است", past + "ه‌اند", past + "ه بود", past + "ه بودند"]
    pres = present[:-1] + "ی" if present.endswith("ی") else present
    forms += ["می‌" + pres + "د", "می‌" + pres + "ند"]
    if present.endswith("ا") or present.endswith("و"):
        forms += ["می‌" + present + "ید", "می‌" + present + "یند"]
    return forms


def _cue_entries(lex: dict[str, Any]) -> list[tuple[str, CueInfo]]:
    light = {**lex["light_verbs"], **lex.get("extra_light_verbs", {})}
    out: list[tuple[str, CueInfo]] = []
    for kind, simple, compound in (
        ("speech", lex["simple_verbs"], lex["compound_verbs"]),
        ("source", lex["source_verbs"]["simple"], lex["source_verbs"]["compound"]),
    ):
        for v in simple:
            info = CueInfo(v["cue"], kind, bool(v.get("colon_only")), bool(v.get("az_object")))
            out += [(f, info) for f in verb_forms(v["past"], v["present"])]
        for v in compound:
            for lv in v["light"]:
                stems = light[lv]
                # the canonical cue keeps the light verb actually used («تاکید نمود» stays «تاکید نمود»)
                canon = v["cue"].rsplit(" ", 1)[0] + " " + stems["past"]
                info = CueInfo(canon, kind, bool(v.get("colon_only")), bool(v.get("az_object")))
                for noun in v["nouns"]:
                    out += [(noun + " " + f, info) for f in verb_forms(stems["past"], stems["present"])]
    return out


def _flex(form: str) -> str:
    """Regex for a form in text: a space or ZWNJ between parts may be a space, a ZWNJ or nothing."""
    parts = re.split(r"[ \u200c]", form)
    return r"[ \u200c]?".join(re.escape(p) for p in parts)


@lru_cache(maxsize=1)
def cue_table() -> tuple[re.Pattern[str], dict[str, CueInfo]]:
    """The cue regex over normalised text and a map from a match's key to its :class:`CueInfo`."""
    entries = _cue_entries(load_lexicon("cues.json"))
    by_key: dict[str, CueInfo] = {}
    for form, info in entries:
        # a speech cue wins over a source cue with the same key (none today, but keep it deterministic)
        k = fast_key(form)
        if k not in by_key or info.kind == "speech":
            by_key[k] = info
    forms = sorted({f for f, _ in entries}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w\u200c])(?:" + "|".join(_flex(f) for f in forms) + r")(?![\w\u200c])")
    return pattern, by_key


def find_cues(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, CueInfo]]:
    """Cue verbs in ``text[start:end]``: (start, end, info), in order."""
    if start == 0 and end is None:
        return list(_find_all_cues(text))  # the sources and quotes stages both ask for the whole text
    return _find_cues(text, start, end)


@lru_cache(maxsize=4)
def _find_all_cues(text: str) -> tuple[tuple[int, int, CueInfo], ...]:
    return tuple(_find_cues(text, 0, None))


def _find_cues(text: str, start: int, end: int | None) -> list[tuple[int, int, CueInfo]]:
    pattern, by_key = cue_table()
    out = []
    for m in pattern.finditer(text, start, len(text) if end is None else end):
        if _GOFTOGU.match(text, m.end()):
            continue  # «گفت وگو» (a conversation) is no «گفت»
        info = by_key.get(fast_key(m.group()))
        if info is not None:
            out.append((m.start(), m.end(), info))
    return out


# -- clause subjects ----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _subject_tables() -> tuple[frozenset[str], re.Pattern[str]]:
    lex = load_lexicon("cues.json")
    stops = frozenset(fast_key(w) for w in lex["subject_stops"])
    conn = sorted(lex["lead_connectives"], key=len, reverse=True)
    lead = re.compile(r"\s*(?:(?:" + "|".join(_flex(c) for c in conn) + r")(?![\w\u200c])[\s،,]*)+")
    return stops, lead


def subject_span(text: str, start: int, end: int, max_words: int = 12) -> tuple[int, int] | None:
    """The subject of the clause ``text[start:end]`` (the words before the verb phrase): the leading
    words of the first comma-separated segment that does not open with a preposition or adverb.

    Persian news sentences put the speaker first («شمخانی در مورد … اظهار کرد»), after optional
    discourse connectives («در همین حال»), adverbial segments («در پاسخ به …،») or attribution prefixes
    (the caller starts ``start`` after those).
    """
    stops, lead = _subject_tables()
    seg_start = start
    for m in re.finditer(r"[،,;؛]|$", text[start:end]):
        seg_end = start + m.start()
        s = seg_start
        lm = lead.match(text, s, seg_end)
        if lm:
            s = lm.end()
        words: list[re.Match[str]] = []
        for w in WORD.finditer(text, s, seg_end):
            if fast_key(w.group()) in stops or len(words) >= max_words:
                break
            gap = text[words[-1].end() : w.start()] if words else ""
            if words and gap.strip(' \u200c«»"“”') and gap.strip(" \u200c") not in ("...", "…"):
                break  # punctuation inside (a parenthesis, a comma) ends the noun phrase; quote marks do not
            words.append(w)
        if words:
            return words[0].start(), words[-1].end()
        seg_start = start + m.end()
    return None


# -- outlets ------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class OutletRef:
    id: str | None
    name: str
    strong_only: bool = False  # an ambiguous alias: an outlet only where the context says so


class OutletIndex:
    """All names of the knowledge base's outlets by key, and the word-level matcher over text."""

    def __init__(self, kb: Any) -> None:
        self.by_key: dict[str, OutletRef] = {}
        self.max_words = 1
        entries = [e for e in kb if e.kind == "outlets"] if kb is not None else []
        for e in entries:
            ref = OutletRef(e.id, e.name)
            names = [e.name, *e.aliases, e.data.get("latin") or ""]
            for n in names:
                self._put(n, ref)
        for e in entries:
            weak = OutletRef(e.id, e.name, strong_only=True)
            for n in e.data.get("ambiguous_aliases", []) or []:
                self._put(n, weak, overwrite=False)
        lex = load_lexicon("attribution.json")
        self.heads = [fast_key(h) for h in lex["outlet_heads"]]
        self.tails = frozenset(fast_key(t) for t in lex["outlet_tails"])
        self.skip_heads = frozenset(fast_key(w) for w in lex["skip_heads"])
        self.name_stops = frozenset(fast_key(w) for w in lex["name_stops"])
        self.anaphoric = frozenset(fast_key(w) for w in lex["anaphoric_heads"])
        self.keep_heads = frozenset(fast_key(w) for w in lex["keep_heads"])
        # Country and capital names end an unknown outlet's name («خبرگزاری اینترفکس روسیه»).
        self.places: frozenset[str] = frozenset(
            kb_key(n) for e in (kb or []) if e.kind in ("countries", "places") for n in (e.name, *e.aliases)
        )

    def unknown_name(self, text: str, words: list[re.Match[str]], i: int, n: int) -> str:
        """The name of an unknown outlet phrase: without a generic head word («خبرگزاری اینترفکس» →
        «اینترفکس»), unless the head is part of such names («دفتر مطبوعات آزاد»)."""
        h = self.head_len(words, i)
        if h and h < n and fast_key(" ".join(w.group() for w in words[i : i + h])) not in self.keep_heads:
            i, n = i + h, n - h
        return text[words[i].start() : words[i + n - 1].end()]

    def quoted_after_heads(
        self, text: str, words: list[re.Match[str]], i: int
    ) -> tuple[int, OutletRef] | None:
        """Head words then a quoted name: «سایت شبکه خبری «بی. بی. سی»», «روزنامه "گرانما"».

        Returns the end offset of the closing quote mark and the outlet (unknown when the KB lacks it)."""
        j = i
        while j < len(words) and self.head_len(words, j):
            j += self.head_len(words, j)
        if j == i or j > len(words):
            return None
        pos = words[j - 1].end()
        m = re.compile(r"\s*([«\"“])([^«»\"”\n]{1,40})([»\"”])").match(text, pos)
        if not m:
            return None
        inner = m.group(2).strip()
        ref = self.by_key.get(fast_key(inner))
        if ref is None:
            ref = OutletRef(None, inner)
        return m.end(3) - 1, OutletRef(ref.id, ref.name)

    def _put(self, name: str, ref: OutletRef, overwrite: bool = True) -> None:
        if not name:
            return
        k = kb_key(name)
        if not k:
            return
        if k in self.by_key and (not overwrite or not self.by_key[k].strong_only):
            return
        self.by_key[k] = ref
        self.max_words = max(self.max_words, len(name.split()) + name.count(ZWNJ))

    def match_at(self, words: list[re.Match[str]], i: int, strong: bool) -> tuple[int, OutletRef] | None:
        """Longest known outlet name starting at word ``i``: (number of words, outlet)."""
        n = min(self.max_words, len(words) - i)
        for k in range(n, 0, -1):
            key = "".join(fast_key(w.group()) for w in words[i : i + k])
            ref = self.by_key.get(key)
            if ref is not None and (strong or not ref.strong_only):
                # the words must be one phrase: no punctuation between them
                if k > 1 and not _adjacent(words, i, i + k):
                    continue
                return k, ref
            # «روزنامه واشنگتن پست»: a head word before a known name
        return None

    def match_ending_at(self, words: list[re.Match[str]], j: int) -> tuple[int, OutletRef] | None:
        """Longest known (non-ambiguous) outlet name ending at word ``j`` (exclusive)."""
        for k in range(min(self.max_words, j), 0, -1):
            key = "".join(fast_key(w.group()) for w in words[j - k : j])
            ref = self.by_key.get(key)
            if ref is not None and not ref.strong_only and (k == 1 or _adjacent(words, j - k, j)):
                return k, ref
        return None

    def head_len(self, words: list[re.Match[str]], i: int) -> int:
        """How many words of an outlet head word («روزنامه», «پایگاه خبری») start at word ``i``."""
        for n in (2, 1):
            if i + n <= len(words) and "".join(fast_key(w.group()) for w in words[i : i + n]) in self.heads:
                return n
        return 0

    def unknown_at(self, text: str, words: list[re.Match[str]], i: int) -> int:
        """Length in words of an outlet-looking phrase at word ``i`` that the KB does not know, or 0.

        A head word followed by 1-3 name words («روزنامه گرانما»), or 1-3 words ending in an outlet-like
        word («گلف نیوز»). Stops at punctuation and at function words.
        """
        h = self.head_len(words, i)
        j = i + h
        limit = min(len(words), j + 3)
        while (
            j < limit
            and fast_key(words[j].group()) not in self.name_stops
            and fast_key(words[j].group()) not in self.places
            and _adjacent(words, j - 1, j + 1)
        ):
            j += 1
        if h and j > i + h:
            return j - i
        if not h:
            for t in range(i, min(len(words), i + 3)):
                wk = fast_key(words[t].group())
                if not _adjacent(words, i, t + 1) or wk in self.name_stops:
                    break
                if (wk in self.tails and t > i) or any(
                    wk.endswith(tl) and len(wk) > len(tl) + 2 for tl in self.tails
                ):
                    return t - i + 1
        return 0


def _adjacent(words: list[re.Match[str]], i: int, j: int) -> bool:
    """Words ``i..j-1`` are separated by white space only."""
    s = words[i].string
    for a in range(i, j - 1):
        if s[words[a].end() : words[a + 1].start()].strip(" \u200c"):
            return False
    return True


# -- the stage ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Cue:
    phrase: str
    label: str
    strong: bool
    pattern: re.Pattern[str]


class SourceStage:
    """Writes layer ``sources``: the attribution chain of the text."""

    name = "sources"

    def __init__(self, resources: Any = None) -> None:
        self.kb = optional_kb(resources)  # without a KB every outlet is reported as unknown
        self.outlets = OutletIndex(self.kb)
        lex = load_lexicon("attribution.json")
        self.prefix = [
            _Cue(
                c["cue"],
                c["label"],
                bool(c["strong"]),
                re.compile(r"(?<![\w\u200c])" + _flex(c["cue"]).replace(":", r"\s*:")),
            )
            for c in lex["prefix_cues"]
        ]
        prefix_alt = "|".join(_flex(c["cue"]).replace(":", r"\s*:") for c in lex["prefix_cues"])
        self.prefix_re = re.compile(r"(?<![\w\u200c])(?:" + prefix_alt + r")(?![\w\u200c])")
        self.prefix_by_key = {fast_key(c.phrase.replace(":", "")): c for c in self.prefix}

    # ------------------------------------------------------------------------------------------------
    def __call__(self, doc: Document) -> None:
        text = doc.text
        words = list(WORD.finditer(text))
        starts = [w.start() for w in words]
        found: list[tuple[int, int, str, OutletRef, str]] = []  # start, end, label, outlet, cue

        def word_index(pos: int) -> int:
            import bisect

            return bisect.bisect_left(starts, pos)

        # 1. dateline at the start of the body: «خبرگزاری فارس:», «(ایرنا) -», «تهران - ایرنا:» is rarer
        body = self._body_start(doc)
        dm = re.compile(r"\s*\(?\s*([^\n:()\-–—]{2,60}?)\s*\)?\s*[:\-–—]").match(text, body)
        if dm:
            i = word_index(dm.start(1))
            span_words = [w for w in words[i:] if w.end() <= dm.end(1)]
            hit = self.outlets.match_at(words, i, strong=True)
            if hit and hit[0] == len(span_words):
                k, ref = hit
                found.append((words[i].start(), words[i + k - 1].end(), "publisher", ref, "dateline"))
            elif span_words and self.outlets.unknown_at(text, words, i) == len(span_words):
                ref = OutletRef(None, self.outlets.unknown_name(text, words, i, len(span_words)))
                found.append((dm.start(1), dm.end(1), "publisher", ref, "dateline"))

        # 2. prefix cues: «به گزارش X», «به نقل از X», «منبع: X», «در گفتگو با X»
        for m in self.prefix_re.finditer(text):
            cue = self.prefix_by_key.get(fast_key(m.group().replace(":", "")))
            if cue is None:
                continue
            i = word_index(m.end())
            hit = self._outlet_after(text, words, i, cue.strong)
            if hit is None:
                continue
            s, e, ref = hit
            found.append((s, e, cue.label, ref, cue.phrase.replace(" :", ":").rstrip(":").strip()))

        # 3. outlet subjects of report verbs: «روزنامه واشنگتن پست روز شنبه نوشت», «رویترز اعلام کرد:»,
        #    and interviews given to an outlet: «… به یونایتدپرس گفت»
        for cs, _ce, info in find_cues(text):
            sent_start = _clause_start(text, cs)
            subj = subject_span(text, sent_start, cs)
            if subj is not None:
                i = word_index(subj[0])
                j = word_index(subj[1])
                hit = self._outlet_phrase(text, words, i, j)
                if hit is not None:
                    s, e, ref = hit
                    found.append((s, e, "cited", ref, info.cue))
            if info.cue == "گفت" or info.kind == "speech":
                # «به X گفت»: the word(s) right before the verb, after «به»
                j = word_index(cs)
                for k in range(1, min(self.outlets.max_words, j) + 1):
                    b = j - k - 1
                    if b < 0 or fast_key(words[b].group()) != "به":
                        continue
                    hit2 = self.outlets.match_at(words, b + 1, strong=False)
                    if hit2 is None:
                        n = self.outlets.unknown_at(text, words, b + 1)
                        if n == k and _adjacent(words, b, j):
                            ref = OutletRef(None, self.outlets.unknown_name(text, words, b + 1, n))
                            found.append((words[b + 1].start(), words[j - 1].end(), "cited", ref, "به … گفت"))
                            break
                        continue
                    if hit2[0] == k and _adjacent(words, b, j):
                        found.append((words[b + 1].start(), words[j - 1].end(), "cited", hit2[1], "به … گفت"))
                        break

        # 4. order, deduplicate overlapping finds, label the publisher
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        kept: list[tuple[int, int, str, OutletRef, str]] = []
        for f in found:
            if kept and f[0] < kept[-1][1]:
                continue
            kept.append(f)
        publisher_key = self._publisher_key(doc)
        for s, e, label, ref, cue in kept:
            if (
                publisher_key
                and label == "cited"
                and self._key_of(ref) == publisher_key
                and cue != "به … گفت"
            ):
                label = "publisher"
            attrs = {"name": ref.name, "outlet_id": ref.id, "known": ref.id is not None, "cue": cue}
            doc.layer("sources").append(Span(s, e, label, attrs))
        if not kept and doc.outlet:
            # The publisher is known only from the reader's metadata (no credit in the text).
            ref = self._resolve_name(doc.outlet)
            attrs = {"name": ref.name, "outlet_id": ref.id, "known": ref.id is not None, "cue": "metadata"}
            attrs["from_metadata"] = True
            doc.layer("sources").append(Span(0, 0, "publisher", attrs))

    # ------------------------------------------------------------------------------------------------
    def _body_start(self, doc: Document) -> int:
        paras = [p for p in doc.spans("paragraphs") if p.label == "paragraph"]
        if paras:
            return paras[0].start
        title = doc.spans("title")
        return title[0].end if title else 0

    def _outlet_after(
        self, text: str, words: list[re.Match[str]], i: int, strong: bool
    ) -> tuple[int, int, OutletRef] | None:
        """The outlet named right after a prefix cue, skipping «خبرنگار سیاسی …» and similar words."""
        if i >= len(words):
            return None
        limit = min(len(words), i + 5)
        j = i
        while j < limit:
            if j > i and not _adjacent(words, j - 1, j + 1):
                break
            hit = self.outlets.match_at(words, j, strong=strong)
            if hit is not None:
                k, ref = hit
                return words[j].start(), words[j + k - 1].end(), ref
            h = self.outlets.head_len(words, j)
            if h:
                hit = self.outlets.match_at(words, j + h, strong=True)
                if hit is not None:
                    k, ref = hit
                    return words[j].start(), words[j + h + k - 1].end(), ref
            if j == i and fast_key(words[j].group()) not in self.outlets.skip_heads:
                break
            j += 1
        q = self.outlets.quoted_after_heads(text, words, i)
        if q is not None:
            return words[i].start(), q[0] + 1, q[1]
        if strong:
            n = self.outlets.unknown_at(text, words, i)
            if n:
                return (
                    words[i].start(),
                    words[i + n - 1].end(),
                    OutletRef(None, self.outlets.unknown_name(text, words, i, n)),
                )
        return None

    def _outlet_phrase(
        self, text: str, words: list[re.Match[str]], i: int, j: int
    ) -> tuple[int, int, OutletRef] | None:
        """Whether words ``i..j-1`` (a clause subject) are an outlet: a known name, optionally after a
        head word («روزنامه واشنگتن پست»), or an unknown head-word phrase; anaphora («این روزنامه»,
        «یک روزنامه آمریکایی») are not."""
        if i >= j or fast_key(words[i].group()) in self.outlets.anaphoric:
            return None
        h = self.outlets.head_len(words, i)
        for start in (i, i + h) if h else (i,):
            hit = self.outlets.match_at(words, start, strong=bool(h))
            if hit is not None and start + hit[0] == j:
                return words[i].start(), words[j - 1].end(), hit[1]
        if self.outlets.unknown_at(text, words, i) == j - i and h:
            return (
                words[i].start(),
                words[j - 1].end(),
                OutletRef(None, self.outlets.unknown_name(text, words, i, j - i)),
            )
        return None

    def _resolve_name(self, name: str) -> OutletRef:
        ref = self.outlets.by_key.get(kb_key(name))
        if ref is not None:
            return OutletRef(ref.id, ref.name)
        if self.kb is not None:
            for e in self.kb.lookup(name, "outlets"):
                return OutletRef(e.id, e.name)
        return OutletRef(None, name)

    def _publisher_key(self, doc: Document) -> str | None:
        if not doc.outlet:
            return None
        return self._key_of(self._resolve_name(doc.outlet))

    @staticmethod
    def _key_of(ref: OutletRef) -> str:
        return ref.id or kb_key(ref.name)


def _clause_start(text: str, pos: int) -> int:
    """Start of the sentence holding ``pos``, moved past a dateline or a colon before it."""
    s = max(
        text.rfind(".", 0, pos), text.rfind("\n", 0, pos), text.rfind("!", 0, pos), text.rfind("؟", 0, pos)
    )
    s = max(s, text.rfind(":", 0, pos), text.rfind("»", 0, pos), text.rfind("«", 0, pos))
    return s + 1


def chain(doc: Document) -> list[str]:
    """The outlet names of the chain, in order, each once (what ``rasad eval`` compares)."""
    out: list[str] = []
    for s in sorted(doc.spans("sources"), key=lambda s: (s.start, s.end)):
        n = s.attrs.get("name") or doc.span_text(s)
        if n not in out:
            out.append(n)
    return out


def iter_outlet_names(kb: Any) -> Iterable[str]:
    for e in kb:
        if e.kind == "outlets":
            yield e.name
