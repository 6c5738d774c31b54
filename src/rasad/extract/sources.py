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

import bisect
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick

from rasad.document import Document, Span
from rasad.pipeline import optional_kb

DATA_DIR = Path(__file__).parent / "data"
ZWNJ = "\u200c"

# A word: letters, digits, ZWNJ and inner hyphens/dots of Latin abbreviations.
WORD = re.compile(r"[\w\u200c]+(?:[-.][\w\u200c]+)*")
_WORD_CHAR = re.compile(r"[\w\u200c]")
_GOFTOGU = re.compile(r"[ \u200c]?و[ \u200c]?گو")
_KEY_DROP = re.compile(r"[\s\u200c\-_.\u064b-\u065f]+")


def iter_words(text: str, pos: int, end: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of every :data:`WORD` in ``text[pos:end]``, exactly as ``WORD.finditer`` finds
    them, but by ``str`` methods while the words are plain (letters, digits, ZWNJ) and one space apart.

    A regex step costs about 1 µs per word (the search, then three method calls on the match); a
    ``str.find`` and a slice a fifth of that. At the first chunk that is not plain (punctuation, a
    hyphen, a quote mark, another kind of space) the regex takes over from there, so the words are the
    same: a plain chunk runs to a space or to ``end``, where a WORD match ends too.
    """
    find = text.find
    while pos < end:
        if text[pos] == " ":
            pos += 1  # (WORD.finditer skips it as well: no word starts with a space)
            continue
        j = find(" ", pos, end)
        if j < 0:
            j = end
        g = text[pos:j]
        if g.isalnum() or (ZWNJ in g and g.replace(ZWNJ, "").isalnum()):
            yield pos, j, g
            pos = j
            continue
        for m in WORD.finditer(text, pos, end):
            yield m.start(), m.end(), m.group()
        return


def load_lexicon(name: str) -> dict[str, Any]:
    """A JSON lexicon from ``extract/data`` (read when a :class:`Lexicon` is built)."""
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def fast_key(s: str) -> str:
    """Comparison key of text that is already normalised: spaces, ZWNJ, hyphens, diacritics dropped."""
    # Most words are letters only (str.isalpha is false for spaces, ZWNJ, punctuation and diacritics), so
    # the regex runs only where it can change something; str.translate on Persian text is slower still.
    if not s.isalpha():
        s = s.replace(ZWNJ, "")  # the other common cases: a word with a ZWNJ, a phrase
        if not s.isalnum():  # (letters and digits: nothing to drop; diacritics are neither)
            s = s.replace(" ", "")
            if not s.isalnum():
                s = _KEY_DROP.sub("", s)
    # (str.replace, not str.translate: translating Persian text goes through a dict per character; one
    # test for the three hamza forms first, since most keys have none)
    if "ئ" in s or "أ" in s or "ؤ" in s:
        s = s.replace("ئ", "ی").replace("أ", "ا").replace("ؤ", "و")
    return s


def word_keys(words: Iterable[str]) -> list[str]:
    """:func:`fast_key` of each word; a word of plain letters without a hamza form is its own key, so
    the call is made only for the others (a Python call per word cost more than the rest of a lookup)."""
    return [
        w if w.isalpha() and "أ" not in w and "ؤ" not in w and "ئ" not in w else fast_key(w) for w in words
    ]


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
    statement: bool = False  # «در بیانیه X آمده است:»: the speaker is the issuer of a document


def verb_forms(past: str, present: str) -> list[str]:
    """Affirmative, non-future forms of a verb from its past and present stems, in the third person.

    Past (گفت، گفتند), present perfect (گفته است، گفته‌اند), past perfect (گفته بود، گفته بودند) and
    present progressive (می‌گوید، می‌گویند). Negated and future forms report no speech and are left out.
    """
    forms = [past, past + "ند", past + "ه است", past + "ه‌اند", past + "ه بود", past + "ه بودند"]
    forms.append(past + "ه")  # the perfect without «است» («اعلام کرده که …»): only before «که» or «:»
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


class Lexicon:
    """What the sources and quotes stages read from ``cues.json`` and ``attribution.json``, built once
    per :class:`~rasad.pipeline.Resources` (see :func:`shared_lexicon`) and then only read.

    Phrases are found by one Aho-Corasick pass over the text (:meth:`phrases`), not by regex alternations
    of the forms, which tried each form at each position.
    """

    def __init__(self) -> None:
        self.cues = load_lexicon("cues.json")
        self.attribution = load_lexicon("attribution.json")
        entries = _cue_entries(self.cues)
        self.cue_by_key: dict[str, CueInfo] = {}
        for form, info in entries:
            # a speech cue wins over a source cue with the same key (none today, but keep it deterministic)
            k = fast_key(form)
            if k not in self.cue_by_key or info.kind == "speech":
                self.cue_by_key[k] = info
        # One Aho-Corasick automaton holds every spelling (parts joined by a space, a ZWNJ or nothing:
        # «اظهار داشت», «اظهارداشت»; «گفته‌اند», «گفته اند») of every phrase the two stages look for:
        # cue verbs in every tense (676 forms, about 7,000 spellings), attribution prefixes («به گزارش»),
        # «اینکه» clauses («با بیان اینکه») and «به گفته». One pass over the text finds them all.
        self.automaton = ahocorasick.Automaton()
        st = self.cues["statement_verbs"]
        statement = CueInfo(st["cue"], "speech", colon_only=True, statement=True)
        for form in st["forms"]:
            self.cue_by_key.setdefault(fast_key(form), statement)
            entries.append((form, self.cue_by_key[fast_key(form)]))
        for canon, forms in st.get("passive_forms", {}).items():  # «در این اطلاعیه بیان شده است:»
            passive = CueInfo(canon, "speech", colon_only=True, statement=True)
            for form in forms:
                self.cue_by_key.setdefault(fast_key(form), passive)
                entries.append((form, self.cue_by_key[fast_key(form)]))
        for form in {f for f, _ in entries}:
            self._add_phrase(form, "cue", self.cue_by_key[fast_key(form)])
        for c in self.attribution["prefix_cues"]:
            phrase = c["cue"]
            if phrase.endswith(":"):  # «منبع:», «منبع :»
                self._add_phrase(phrase[:-1].rstrip() + ":", "prefix", c)
                self._add_phrase(phrase[:-1].rstrip() + " :", "prefix", c)
            else:
                self._add_phrase(phrase, "prefix", c)
        ind = self.cues["indirect_markers"]
        for phrase in ind["that_clause"]:
            self._add_phrase(phrase, "that", re.sub(r"این که$", "اینکه", phrase).replace("تأکید", "تاکید"))
        for phrase in ind["according_to"]:
            self._add_phrase(phrase, "according", phrase)
        self.automaton.make_automaton()
        self.cue_names = frozenset(info.cue for info in self.cue_by_key.values())
        self.subject_stops = frozenset(fast_key(w) for w in self.cues["subject_stops"])
        # «حجت‌الاسلام و المسلمین X», «نماینده ولی فقیه»: a stop word that opens one of these continues
        # the noun phrase (stop word -> the words after it, each as one string)
        openers = sorted(self.cues.get("clause_openers", ()), key=len, reverse=True)
        self.opener_re = (
            re.compile(r"\s*(?:" + "|".join(_flex(c) for c in openers) + r")(?![\w\u200c])\s*")
            if openers
            else None
        )
        # (as lead_starts below: a segment that starts with none of these two letters skips the regex)
        opener_firsts = [re.split(r"[ \u200c]", c)[0] for c in openers]
        self.opener_starts = (
            frozenset(f[:2] for f in opener_firsts) if all(len(f) >= 2 for f in opener_firsts) else None
        )
        self.clause_conjunctions = frozenset(fast_key(w) for w in self.cues.get("clause_conjunctions", ()))
        self.stop_compounds: dict[str, tuple[str, ...]] = {}
        for phrase in self.cues.get("stop_compounds", ()):
            head, rest = phrase.split(" ", 1)
            self.stop_compounds[fast_key(head)] = (*self.stop_compounds.get(fast_key(head), ()), rest)
        conn = sorted(self.cues["lead_connectives"], key=len, reverse=True)
        self.lead_re = re.compile(
            r"\s*(?:(?:" + "|".join(_flex(c) for c in conn) + r")(?![\w\u200c])[\s،,]*)+"
        )
        # The first two letters every connective starts with (its first part is spelled as written), so
        # that a segment starting otherwise skips the regex call; None when a first part is one letter.
        firsts = [re.split(r"[ \u200c]", c)[0] for c in conn]
        self.lead_starts = frozenset(f[:2] for f in firsts) if all(len(f) >= 2 for f in firsts) else None
        # one slot: the sources and quotes stages ask for the phrases of the same text one after the other
        self._last: tuple[str, dict[str, list[tuple[int, int, Any]]]] | None = None
        self._reversed: tuple[str | None, str] = (None, "")
        self._subjects: tuple[str | None, dict[tuple[int, int, int], tuple[int, int] | None]] = (None, {})
        self._span_words: tuple[str | None, dict[tuple[int, int], tuple[list[str], list[str]]]] = (None, {})
        self._found: tuple[str | None, dict[tuple[int, int], tuple[tuple[int, int], int]]] = (None, {})

    def _add_phrase(self, phrase: str, group: str, payload: Any) -> None:
        parts = re.split(r"[ \u200c]", phrase)
        for seps in itertools.product(("", " ", ZWNJ), repeat=len(parts) - 1):
            spelled = parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=True))
            # «به گفته» is both a prefix cue and «according to»: a spelling keeps every (group, payload)
            # (stored reversed: the automaton runs over the reversed text, see :meth:`phrases`)
            key = spelled[::-1]
            groups = self.automaton.get(key) if key in self.automaton else (len(spelled), [])
            if not any(g == group for g, _ in groups[1]):  # a cue form keeps the first info its key got
                groups[1].append((group, payload))
            self.automaton.add_word(key, groups)

    def phrases(self, text: str) -> dict[str, list[tuple[int, int, Any]]]:
        """The lexicon's phrases in ``text`` by group («cue», «prefix», «that», «according»): (start, end,
        payload) in text order. Within a group phrases do not overlap: the leftmost, then the longest, wins."""
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        hits: list[tuple[int, int, str, Any]] = []
        size = len(text)
        # The automaton holds the phrases reversed and runs over the reversed text: the phrases end in
        # 7 letters (a verb's «د», «ت», «ه»…) but start with 15, and pyahocorasick looks a letter up among
        # a node's children one by one, so the root (where most letters of the text are read) costs less;
        # a quarter less for the whole pass. A hit ending at ``end_char`` there starts at
        # ``size - end_char - 1`` here.
        rev = self.reversed_text(text)
        for end_char, (n, groups) in self.automaton.iter(rev):
            start = size - end_char - 1
            end = start + n
            # a whole phrase: no letter, digit or ZWNJ touches it on either side (_WORD_CHAR, as str
            # methods: \w is isalnum() or «_», and most hits are inside longer words, so this runs often)
            if start:
                c = text[start - 1]
                if c.isalnum() or c == ZWNJ or c == "_":
                    continue
            if end < size:
                c = text[end]
                if c.isalnum() or c == ZWNJ or c == "_":
                    continue
            for group, payload in groups:  # (usually one: a loop, not a list comprehension's call)
                hits.append((start, -end, group, payload))
        hits.sort()  # (start, -end, group) differ between any two hits: payloads are never compared
        out: dict[str, list[tuple[int, int, Any]]] = {"cue": [], "prefix": [], "that": [], "according": []}
        taken: dict[str, int] = {}
        for start, neg_end, group, payload in hits:
            if start < taken.get(group, -1):
                continue
            if group == "cue" and text[-neg_end - 1] == "ه" and not payload.statement:
                if not _PARTICIPLE_CONTENT.match(text, -neg_end) or _NOUN_BEFORE.search(
                    text, max(0, start - 8), start
                ):
                    continue  # a bare participle («اعلام کرده وزارت», «با این گفته که») reports no speech
            taken[group] = -neg_end
            if group == "cue" and "و" in text[-neg_end : -neg_end + 2] and _GOFTOGU.match(text, -neg_end):
                continue  # «گفت وگو» (a conversation) is no «گفت»
            out[group].append((start, -neg_end, payload))
        self._last = (text, out)
        return out

    def reversed_text(self, text: str) -> str:
        """``text[::-1]``, made once per document (the phrases and the source stage's backward scans)."""
        slot = self._reversed
        if slot[0] is not text:
            slot = self._reversed = (text, text[::-1])
        return slot[1]

    def find_cues(self, text: str) -> list[tuple[int, int, CueInfo]]:
        """Cue verbs in ``text``: (start, end, info), in order, not overlapping."""
        return self.phrases(text)["cue"]

    def span_words(self, text: str, start: int, end: int) -> tuple[list[str], list[str]]:
        """The words of ``text[start:end]`` (``WORD.findall``) and their :func:`fast_key` keys, kept per
        document: a clause subject is read by both stages and by several checks of each (outlet subject,
        first word, speaker), so its words are found and keyed once. Do not modify the lists."""
        slot = self._span_words
        if slot[0] is not text:
            slot = self._span_words = (text, {})
        hit = slot[1].get((start, end))
        if hit is None:
            # whitespace-separated chunks of letters, digits and ZWNJ are WORD's words exactly (WORD's
            # characters are [\w\u200c], and no white space is one); anything else goes to the regex
            t = text[start:end]
            words = t.split()
            if not t.replace(" ", "").replace(ZWNJ, "").isalnum():  # (one test for the common case)
                for g in words:
                    if not g.isalnum() and not (ZWNJ in g and g.replace(ZWNJ, "").isalnum()):
                        words = WORD.findall(text, start, end)
                        break
            hit = slot[1][(start, end)] = (words, word_keys(words))
        return hit

    def subject_span(self, text: str, start: int, end: int, max_words: int = 12) -> tuple[int, int] | None:
        """The subject of the clause ``text[start:end]`` (the words before the verb phrase): the leading
        words of the first comma-separated segment that does not open with a preposition or adverb.

        Persian news sentences put the speaker first («شمخانی در مورد … اظهار کرد»), after optional
        discourse connectives («در همین حال»), adverbial segments («در پاسخ به …،») or attribution prefixes
        (the caller starts ``start`` after those).
        """
        # Both stages ask for the same clauses (a cue's subject, then a pronoun's antecedent): the answers
        # are kept per document (a slot like :meth:`phrases`, keyed by the text object).
        slot = self._subjects
        if slot[0] is not text:
            slot = self._subjects = (text, {})
        key = (start, end, max_words)
        cached = slot[1].get(key, _MISSING)
        if cached is _MISSING:
            sw = self._span_words
            if sw[0] is not text:
                sw = self._span_words = (text, {})
            cached = self._subject_span(text, start, end, max_words, slot[1], sw[1])
        return cached  # type: ignore[return-value]

    def _subject_span(
        self,
        text: str,
        start: int,
        end: int,
        max_words: int,
        memo: dict[tuple[int, int, int], tuple[int, int] | None],
        span_words: dict[tuple[int, int], tuple[list[str], list[str]]] | None = None,
    ) -> tuple[int, int] | None:
        # The answer from a segment start on depends only on (segment start, end, max_words): it is
        # stored for every segment start the scan passes, so that a scan from another start (the quote
        # stage starts after «به گزارش X» where the source stage started at the sentence) that reaches
        # one of them stops there.
        # ``span_words`` (the memo of :meth:`span_words`) is given the subject's words and keys as the
        # scan reads them: every subject is asked for its words afterwards (the outlet check, the first
        # word, the speaker), which tokenised and keyed them a second time.
        stops = self.subject_stops
        seg_start = start
        visited: list[int] = []
        result: tuple[int, int] | None = None
        # A subject found in a segment that ends at a comma before ``end`` is the answer for any ``end``
        # past that comma: the segments up to it are the same, none of them is the last (only the last
        # is tried for a clause opener), and each is read only up to its comma. Such answers are kept per
        # segment start with their comma (``found``): a pronoun's antecedent search parses the sentence
        # to its end, where the cue's own scan stopped at the cue.
        found = self._found[1] if self._found[0] is text else None
        found_end = -1  # the comma before which this scan's answer was found (-1: not known to be so)
        while seg_start <= end:
            if visited:
                hit = memo.get((seg_start, end, max_words), _MISSING)
                if hit is not _MISSING:
                    result = hit  # type: ignore[assignment]
                    break
            if found:
                f = found.get((seg_start, max_words))
                if f is not None and f[1] < end:
                    result, found_end = f
                    break
            visited.append(seg_start)
            # (a character class alone is searched fast; «[،,;؛]|$» was tried at every position)
            m = _SEGMENT.search(text, seg_start, end)
            seg_end = m.start() if m else end
            s = seg_start
            # Both regexes open with «\s*», then a phrase whose first two letters are in lead_starts
            # (opener_starts): the white space is skipped here first (most segments start with a space,
            # after a sentence end, a colon or a comma), so that a segment opening with any other
            # word skips the regex call.
            p = s
            while p < seg_end and text[p].isspace():
                p += 1
            starts = self.lead_starts
            if starts is None or text[p : p + 2] in starts:
                lm = self.lead_re.match(text, s, seg_end)
                if lm:
                    s = p = lm.end()
            if seg_end == end and self.opener_re is not None:
                while p < seg_end and text[p].isspace():
                    p += 1  # (after the connectives the regex took: their «[\s،,]*» ends on no space)
                ostarts = self.opener_starts
                if ostarts is None or text[p : p + 2] in ostarts:
                    om = self.opener_re.match(text, s, seg_end)
                    if om:
                        s = om.end()  # «در حالی که پلیس برزیل … اعلام کرد»: the cue is this clause's verb
            # (the phrase is kept as its first start, last end and length, and its words and keys)
            first = last_end = n = 0
            ws: list[str] = []
            ks: list[str] = []
            whole = True  # the phrase is the words read (not a conjunct's clause found by _stop)
            # The words as :func:`iter_words` finds them, inlined: the segment split at spaces, each plain
            # chunk (letters, digits, ZWNJ) a word; a generator step per word cost more than the rest of
            # the loop. Plain chunks are one or more spaces apart, so no gap between them ends the phrase.
            pos = s
            rest = -1  # where a chunk that is not plain starts: WORD's matches take over from there
            # (at most max_words + 1 words are read: the rest stays one chunk, which is not plain and
            # so goes to the regex loop below if it is ever reached)
            for g in text[s:seg_end].split(" ", max_words + 1):
                if not g:
                    pos += 1
                    continue
                # (a word of letters is plain: one str test for most words; inlined fast_key: most words
                # are plain letters, their key is themselves)
                if g.isalpha():
                    k = fast_key(g) if "أ" in g or "ؤ" in g or "ئ" in g else g
                elif g.isalnum() or (ZWNJ in g and g.replace(ZWNJ, "").isalnum()):
                    k = fast_key(g)
                else:
                    rest = pos
                    break
                we = pos + len(g)
                if k in stops or n >= max_words:
                    stop = self._stop(text, k, we, n, seg_end, max_words)
                    if stop is not None:
                        if stop:
                            first, last_end = stop
                            whole = False
                        break
                if not n:
                    first = pos
                last_end = we
                ws.append(g)
                ks.append(k)
                pos = we + 1
                n += 1
            if rest >= 0:
                for m in WORD.finditer(text, rest, seg_end):
                    w0 = m.start()
                    g = m.group()
                    k = g
                    if not g.isalpha() or "أ" in g or "ؤ" in g or "ئ" in g:
                        k = fast_key(g)
                    if k in stops or n >= max_words:
                        stop = self._stop(text, k, m.end(), n, seg_end, max_words)
                        if stop is not None:
                            if stop:
                                first, last_end = stop
                                whole = False
                            break
                    if n:
                        gap = text[last_end:w0]
                        if (
                            gap != " "
                            and gap.strip(' \u200c«»"“”')
                            and gap.strip(" \u200c") not in ("...", "…")
                        ):
                            break  # punctuation inside (a parenthesis, a comma) ends the noun phrase; quote marks do not
                    else:
                        first = w0
                    last_end = m.end()
                    ws.append(g)
                    ks.append(k)
                    n += 1
            if n:
                result = first, last_end
                if seg_end < end:
                    found_end = seg_end  # (found before a comma: see ``found`` above)
                if whole and span_words is not None and result not in span_words:
                    # (the words between two read words are only spaces, quote marks or an ellipsis:
                    # WORD.findall of the phrase finds exactly these)
                    span_words[result] = (ws, ks)
                break
            seg_start = seg_end + 1
        for v in visited:
            memo[(v, end, max_words)] = result
        if result is not None and found_end >= 0:
            if self._found[0] is not text:
                self._found = (text, {})
            for v in visited:
                self._found[1][(v, max_words)] = (result, found_end)
        return result

    def _stop(
        self, text: str, g: str, we: int, n: int, seg_end: int, max_words: int
    ) -> tuple[int, int] | tuple[()] | None:
        """At a stop word (or the word limit) after ``n`` words: None when the stop word opens a compound
        the phrase goes on through («ولی فقیه», «و المسلمین»); else the subject a clause conjunction's own
        clause gives («… مشخص نیست ولی پلیس پاکستان اعلام کرد»), or ``()``: the phrase ends here."""
        if n and n < max_words and g in self.stop_compounds and self._compound_at(text, g, we):
            return None
        if n and g in self.clause_conjunctions:
            after = self._conjunct_subject(text, we, seg_end, max_words)
            if after is not None:
                return after
        return ()

    def _conjunct_subject(self, text: str, pos: int, end: int, max_words: int) -> tuple[int, int] | None:
        """The words from ``pos`` to the next stop word (the subject of a clause after «ولی»/«اما»), or
        None when a stop word or punctuation comes first («وی اما در ادامه گفت»: «وی» stays)."""
        first = last_end = n = 0
        for ws, we, g in iter_words(text, pos, end):
            if fast_key(g) in self.subject_stops or n >= max_words:
                break
            if n and text[last_end:ws].strip(" \u200c"):
                break
            if not n:
                first = ws
            last_end = we
            n += 1
        return (first, last_end) if n else None

    def _compound_at(self, text: str, stop: str, pos: int) -> bool:
        """Whether the stop word ``stop`` ending at ``pos`` opens a compound of ``stop_compounds``."""
        p = pos + 1 if text[pos : pos + 1] in (" ", ZWNJ) else pos
        for rest in self.stop_compounds[stop]:
            if text.startswith(rest, p):
                e = p + len(rest)
                if e == len(text) or not (text[e].isalnum() or text[e] == ZWNJ):
                    return True
        return False


_SEGMENT = re.compile(r"[،,;؛]")
_NOUN_BEFORE = re.compile(r"(?<![\w\u200c])(?:این|آن|همین|همان|با|به|از|طبق|بنابر)[ \u200c]*$")
_PARTICIPLE_CONTENT = re.compile(r"[ \u200c]*(?:که(?![\w\u200c])|:)")
_MISSING = object()


def shared_lexicon(resources: Any) -> Lexicon:
    """The :class:`Lexicon` of these resources (one per pipeline), or a new one without resources."""
    if resources is None or not hasattr(resources, "get"):
        return Lexicon()
    lex: Lexicon = resources.get("extract.attribution_lexicon", Lexicon)
    return lex


# -- outlets ------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class OutletRef:
    id: str | None
    name: str
    strong_only: bool = False  # an ambiguous alias: an outlet only where the context says so


class OutletIndex:
    """All names of the knowledge base's outlets by key, and the word-level matcher over text."""

    def __init__(self, kb: Any, lex: dict[str, Any]) -> None:
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
        # every beginning of every key: a name is matched word by word only while it can still become one
        self.prefixes: frozenset[str] = frozenset(k[:n] for k in self.by_key for n in range(len(k) + 1))
        self.heads = [fast_key(h) for h in lex["outlet_heads"]]
        self.tails = frozenset(fast_key(t) for t in lex["outlet_tails"])
        # «…نیوز»: a word ends with a tail when its last len(tail) letters are one (one slice per length)
        self.tail_lengths = sorted({len(t) for t in self.tails if t})
        self.tail_tuple = tuple(sorted(t for t in self.tails if t))
        self.skip_heads = frozenset(fast_key(w) for w in lex["skip_heads"])
        self.place_words = frozenset(fast_key(w) for w in lex.get("place_words", ()))
        self.name_stops = frozenset(fast_key(w) for w in lex["name_stops"])
        self.anaphoric = frozenset(fast_key(w) for w in lex["anaphoric_heads"])
        self.keep_heads = frozenset(fast_key(w) for w in lex["keep_heads"])
        # Country and capital names end an unknown outlet's name («خبرگزاری اینترفکس روسیه»).
        self.places: frozenset[str] = frozenset(
            kb_key(n) for e in (kb or []) if e.kind in ("countries", "places") for n in (e.name, *e.aliases)
        )

    def unknown_name(self, text: str, words: Words, i: int, n: int) -> str:
        """The name of an unknown outlet phrase: without a generic head word («خبرگزاری اینترفکس» →
        «اینترفکس»), unless the head is part of such names («دفتر مطبوعات آزاد»)."""
        h = self.head_len(words, i)
        if h and h < n and fast_key(" ".join(words.strs[i : i + h])) not in self.keep_heads:
            i, n = i + h, n - h
        return text[words.starts[i] : words.ends[i + n - 1]]

    def quoted_after_heads(self, text: str, words: Words, i: int) -> tuple[int, OutletRef] | None:
        """Head words then a quoted name: «سایت شبکه خبری «بی. بی. سی»», «روزنامه "گرانما"».

        Returns the end offset of the closing quote mark and the outlet (unknown when the KB lacks it)."""
        j = i
        while j < len(words.keys) and self.head_len(words, j):
            j += self.head_len(words, j)
        if j == i or j > len(words.keys):
            return None
        pos = words.ends[j - 1]
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

    def match_at(self, words: Words, i: int, strong: bool) -> tuple[int, OutletRef] | None:
        """Longest known outlet name starting at word ``i``: (number of words, outlet)."""
        keys = words.keys
        prefixes = self.prefixes
        found: list[tuple[int, OutletRef]] = []
        key = ""
        for k in range(1, min(self.max_words, len(words.keys) - i) + 1):
            key += keys[i + k - 1]
            if key not in prefixes:
                break  # no name begins so: a longer phrase names no outlet either
            ref = self.by_key.get(key)
            if ref is not None:
                found.append((k, ref))
        for k, ref in reversed(found):  # the longest first
            if strong or not ref.strong_only:
                # the words must be one phrase: no punctuation between them
                if k > 1 and not _adjacent(words, i, i + k):
                    continue
                return k, ref
        return None

    def match_at_start(self, words: Words, strong: bool) -> tuple[tuple[int, OutletRef] | None, bool]:
        """:meth:`match_at` word 0 of a short window, and whether the answer is the same in any longer
        window with the same first words: the name search stopped before the window's last word."""
        keys = words.keys
        prefixes = self.prefixes
        found: list[tuple[int, OutletRef]] = []
        key = ""
        last = len(words.keys) - 1
        decided = False
        for k in range(1, min(self.max_words, len(words.keys)) + 1):
            if k - 1 >= last:
                break  # the last word may be cut by the window's end: not read, not decided
            key += keys[k - 1]
            if key not in prefixes:
                decided = True
                break
            ref = self.by_key.get(key)
            if ref is not None:
                found.append((k, ref))
        else:
            decided = len(words.keys) > self.max_words  # (the search stops at max_words in any window)
        if not decided:
            return None, False
        for k, ref in reversed(found):
            if strong or not ref.strong_only:
                if k > 1 and not _adjacent(words, 0, k):
                    continue
                return (k, ref), True
        return None, True

    def match_ending_at(self, words: Words, j: int) -> tuple[int, OutletRef] | None:
        """Longest known (non-ambiguous) outlet name ending at word ``j`` (exclusive)."""
        for k in range(min(self.max_words, j), 0, -1):
            key = "".join(words.keys[j - k : j])
            ref = self.by_key.get(key)
            if ref is not None and not ref.strong_only and (k == 1 or _adjacent(words, j - k, j)):
                return k, ref
        return None

    def head_len(self, words: Words, i: int) -> int:
        """How many words of an outlet head word («روزنامه», «پایگاه خبری») start at word ``i``."""
        keys = words.keys  # (the two keys joined by +, not a slice and a join: this is asked per word)
        if i + 2 <= len(keys) and keys[i] + keys[i + 1] in self.heads:
            return 2
        return 1 if i < len(keys) and keys[i] in self.heads else 0

    def unknown_at(self, text: str, words: Words, i: int) -> int:
        """Length in words of an outlet-looking phrase at word ``i`` that the KB does not know, or 0.

        A head word followed by 1-3 name words («روزنامه گرانما»), or 1-3 words ending in an outlet-like
        word («گلف نیوز»). Stops at punctuation and at function words.
        """
        h = self.head_len(words, i)
        j = i + h
        limit = min(len(words.keys), j + _UNKNOWN_NAME_WORDS)
        while (
            j < limit
            and words.keys[j] not in self.name_stops
            and (
                words.keys[j] not in self.places
                # (a place inside a body's name goes on: «پایگاه اطلاع رسانی پلیس خراسان شمالی»)
                or (j + 1 < len(words.keys) and words.keys[j + 1] in self.place_words)
            )
            and _adjacent(words, j - 1, j + 1)
        ):
            j += 1
        if h and j > i + h:
            return j - i
        if not h:
            for t in range(i, min(len(words.keys), i + _UNKNOWN_NAME_WORDS)):
                wk = words.keys[t]
                if not _adjacent(words, i, t + 1) or wk in self.name_stops:
                    break
                if (
                    (wk in self.tails and t > i)
                    or (
                        wk.endswith(self.tail_tuple)  # (one C call first: most words end with no tail)
                        and any(len(wk) > n + 2 and wk[-n:] in self.tails for n in self.tail_lengths)
                    )
                ):
                    return t - i + 1
        return 0


# An unknown outlet's phrase (OutletIndex.unknown_at): a head word of one or two words, then at most this
# many name words; or at most this many words ending in an outlet-like word. So it is never longer than
# _UNKNOWN_MAX words.
_UNKNOWN_NAME_WORDS = 3
_UNKNOWN_MAX = 2 + _UNKNOWN_NAME_WORDS


def _is_word_char(c: str) -> bool:
    """Whether ``c`` (one character, or empty: no) is one :data:`_WORD_CHAR` matches."""
    return c.isalnum() or c == ZWNJ or c == "_"


def scan_words(text: str, start: int, end: int) -> tuple[list[int], list[int], list[str]]:
    """Starts, ends and strings of the :data:`WORD` words of ``text[start:end]``, as three lists (what
    ``WORD.finditer`` finds: a match never crosses a space, so a chunk between two spaces that is
    plain letters, digits and ZWNJ is one word, and any other chunk is read by the regex alone)."""
    starts: list[int] = []
    ends: list[int] = []
    strs: list[str] = []
    pos = start
    for g in text[start:end].split(" "):
        if not g:
            pos += 1
            continue
        e = pos + len(g)
        if g.isalnum() or (ZWNJ in g and g.replace(ZWNJ, "").isalnum()):
            starts.append(pos)
            ends.append(e)
            strs.append(g)
        else:
            for m in WORD.finditer(text, pos, e):
                starts.append(m.start())
                ends.append(m.end())
                strs.append(m.group())
        pos = e + 1
    return starts, ends, strs


class Words:
    """The words of ``text[start:end]`` (:data:`WORD`) as arrays: ``starts`` and ``ends`` (offsets in
    ``text``), ``strs`` and their ``keys``. A bound that falls inside a word is moved to that word's
    edge, so the window never holds half a word. (Arrays, not match objects: a regex match per word and
    three method calls on it cost more than the rest of the word's use.)"""

    __slots__ = ("text", "end", "starts", "ends", "strs", "keys")

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        end = len(text) if end is None else min(end, len(text))
        start = max(0, start)
        # (_WORD_CHAR by str methods: \w is isalnum() or «_»; a regex call per test cost more)
        if start > 0 and _is_word_char(text[start : start + 1]):
            while start > 0 and _is_word_char(text[start - 1]):
                start -= 1
        if end > 0 and _is_word_char(text[end - 1]):
            while end < len(text) and _is_word_char(text[end]):
                end += 1
        self.text = text
        self.end = end
        self.starts, self.ends, self.strs = scan_words(text, start, end)
        self.keys = word_keys(self.strs)  # (fast_key only for words not plain letters)

    def __len__(self) -> int:
        return len(self.starts)  # (the stage's hot paths take len(words.keys): no Python-level call)

    def extend_to(self, end: int) -> None:
        """Read on to ``end`` (a wider window from the same start): where the window ends at white space
        (no word runs across it), only the words after it are read; otherwise the window is read again."""
        text = self.text
        end = min(end, len(text))
        if end > 0 and _is_word_char(text[end - 1]):
            while end < len(text) and _is_word_char(text[end]):
                end += 1
        if end <= self.end:
            return
        if self.end < len(text) and not text[self.end].isspace():
            start = self.starts[0] if self.starts else self.end
            self.starts, self.ends, self.strs = scan_words(text, start, end)  # (not reached by the stage)
            self.keys = word_keys(self.strs)
        else:
            starts, ends, strs = scan_words(text, self.end, end)
            self.starts += starts
            self.ends += ends
            self.strs += strs
            self.keys += word_keys(strs)
        self.end = end


def _adjacent(words: Words, i: int, j: int) -> bool:
    """Words ``i..j-1`` are separated by white space only."""
    s, starts, ends = words.text, words.starts, words.ends
    for a in range(i, j - 1):
        if s[ends[a] : starts[a + 1]].strip(" \u200c"):
            return False
    return True


# -- the stage ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Cue:
    phrase: str
    label: str
    strong: bool


class SourceStage:
    """Writes layer ``sources``: the attribution chain of the text."""

    name = "sources"

    def __init__(self, resources: Any = None) -> None:
        self.kb = optional_kb(resources)  # without a KB every outlet is reported as unknown
        self.lex = shared_lexicon(resources)
        lex = self.lex.attribution
        self.outlets = OutletIndex(self.kb, lex)
        self.prefix = [_Cue(c["cue"], c["label"], bool(c["strong"])) for c in lex["prefix_cues"]]
        self.report_objects = frozenset(fast_key(w) for w in lex.get("report_objects", ()))
        self.prefix_by_key = {fast_key(c.phrase.replace(":", "")): c for c in self.prefix}
        # the cue a prefix phrase's payload («cue» as written in the lexicon) stands for, keyed once
        self.prefix_by_cue = {
            c["cue"]: self.prefix_by_key[fast_key(c["cue"].replace(":", ""))] for c in lex["prefix_cues"]
        }
        self._outlet_refs: dict[str, tuple[OutletRef, str]] = {}  # cache, see _metadata_ref
        self._name_keys: dict[str, str] = {}  # cache, see _name_key

    # ------------------------------------------------------------------------------------------------
    def __call__(self, doc: Document) -> None:
        text = doc.text
        found: list[tuple[int, int, str, OutletRef, str]] = []  # start, end, label, outlet, cue
        # Words are read only around attribution anchors (a dateline, a prefix cue, a cue verb), never
        # over the whole text: keying every word of the article was most of this stage's time.

        # 1. dateline at the start of the body: «خبرگزاری فارس:», «(ایرنا) -», «تهران - ایرنا:» is rarer
        body = self._body_start(doc)
        dm = _DATELINE.match(text, body) if _dateline_possible(text, body) else None
        if dm:
            words = Words(text, dm.start(1), dm.end())
            n_name = bisect.bisect_right(words.ends, dm.end(1))  # the words of the name (ends ascend)
            hit = self.outlets.match_at(words, 0, strong=True) if words.keys else None
            if hit and hit[0] == n_name:
                k, ref = hit
                found.append((words.starts[0], words.ends[k - 1], "publisher", ref, "dateline"))
            elif n_name and self.outlets.unknown_at(text, words, 0) == n_name:
                ref = OutletRef(None, self.outlets.unknown_name(text, words, 0, n_name))
                found.append((dm.start(1), dm.end(1), "publisher", ref, "dateline"))

        # 2. prefix cues: «به گزارش X», «به نقل از X», «منبع: X», «در گفتگو با X»
        for _ps, pe, c in self.lex.phrases(text)["prefix"]:
            cue = self.prefix_by_cue[c["cue"]]
            # Most prefixes are followed by a known name («به گزارش خبرگزاری فارس»): a window of a few
            # words decides that (what _outlet_after does first); the long window is keyed only otherwise.
            few = Words(text, pe, _AHEAD_FEW.match(text, pe).end())
            first, decided = self.outlets.match_at_start(few, cue.strong) if few.keys else (None, False)
            if decided and first is not None:
                hit: tuple[int, int, OutletRef] | None = (few.starts[0], few.ends[first[0] - 1], first[1])
            else:
                few.extend_to(_AHEAD.match(text, pe).end())  # (the first words are read already)
                hit = self._outlet_after(text, few, 0, cue.strong)
            if hit is None:
                continue
            s, e, ref = hit
            found.append((s, e, cue.label, ref, cue.phrase.replace(" :", ":").rstrip(":").strip()))

        # 3. outlet subjects of report verbs: «روزنامه واشنگتن پست روز شنبه نوشت», «رویترز اعلام کرد:»,
        #    and interviews given to an outlet: «… به یونایتدپرس گفت»
        cues = self.lex.find_cues(text)
        # Stretches before a cue are read backwards as forward matches over the reversed text: a regex
        # over the whole text, or one rfind per mark, cost more than the stretches themselves.
        size = len(text)
        rev = self.lex.reversed_text(text) if cues else ""
        for cs, ce, info in cues:
            # after a dateline, a colon, a quotation mark or the sentence's end
            sent_start = size - _CLAUSE_RUN.match(rev, size - cs).end()
            subj = self.lex.subject_span(text, sent_start, cs)
            if subj is not None:
                hit = self._outlet_phrase(text, subj[0], subj[1], ce)
                if hit is not None:
                    s, e, ref = hit
                    found.append((s, e, "cited", ref, info.cue))
            if info.cue == "گفت" or info.kind == "speech":
                # «به X گفت»: the word(s) right before the verb, after «به», with nothing but spaces
                # between them (so the words after the last punctuation mark are enough)
                lo = max(sent_start, cs - _BEFORE)
                if text.find("به", lo, cs) < 0:
                    continue  # (no «به» in the wider stretch: none after its last punctuation mark either)
                # after the last punctuation mark before the verb
                lo = size - _PHRASE_RUN.match(rev, size - cs, size - lo).end()
                if text.find("به", lo, cs) < 0 or not _BE.search(text, lo, cs):
                    continue
                # (the window starts at the chunk of the first «به»-like letters: the words before it
                # cannot be the «به», and a name is read only after one; see _told_start)
                told = self._told_outlet(text, Words(text, _told_start(text, lo, cs), cs))
                if told is not None:
                    found.append(told)

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
                and (ref.id or self._name_key(ref.name)) == publisher_key
                and cue != "به … گفت"
            ):
                label = "publisher"
            attrs = {"name": ref.name, "outlet_id": ref.id, "known": ref.id is not None, "cue": cue}
            doc.layer("sources").append(Span(s, e, label, attrs))
        if not kept and doc.outlet:
            # The publisher is known only from the reader's metadata (no credit in the text).
            ref = self._metadata_ref(doc.outlet)[0]
            attrs = {"name": ref.name, "outlet_id": ref.id, "known": ref.id is not None, "cue": "metadata"}
            attrs["from_metadata"] = True
            doc.layer("sources").append(Span(0, 0, "publisher", attrs))

    def _told_outlet(self, text: str, words: Words) -> tuple[int, int, str, OutletRef, str] | None:
        """«به X گفت»: the outlet X named by the last words of ``words`` (which end at the verb) after a
        word keyed «به», the nearest «به» first; None when there is none."""
        j = len(words.keys)
        # «به» at word b, then k = j - b - 1 words (1 to max_words) before the verb, the nearest first:
        # the «به» are picked out of the last words by a C-level test and a comprehension
        lo_b = max(0, j - min(self.outlets.max_words, j) - 1)
        tail = words.keys[lo_b : j - 1]
        if "به" not in tail:
            return None
        for b in reversed([lo_b + i for i, w in enumerate(tail) if w == "به"]):
            k = j - b - 1
            hit = self.outlets.match_at(words, b + 1, strong=False)
            if hit is None:
                if k > _UNKNOWN_MAX:
                    continue  # (no unknown outlet's phrase is k words long)
                n = self.outlets.unknown_at(text, words, b + 1)
                if n == k and _adjacent(words, b, j):
                    ref = OutletRef(None, self.outlets.unknown_name(text, words, b + 1, n))
                    return words.starts[b + 1], words.ends[j - 1], "cited", ref, "به … گفت"
                continue
            if hit[0] == k and _adjacent(words, b, j):
                return words.starts[b + 1], words.ends[j - 1], "cited", hit[1], "به … گفت"
        return None

    # ------------------------------------------------------------------------------------------------
    def _body_start(self, doc: Document) -> int:
        paras = [p for p in doc.spans("paragraphs") if p.label == "paragraph"]
        if paras:
            return paras[0].start
        title = doc.spans("title")
        return title[0].end if title else 0

    def _runs_on(self, words: Words, n: int) -> bool:
        """Whether word ``n`` makes the name before it part of a place or body name («خراسان شمالی», «قدس
        رضوی»: attribution.json's place_words), with no punctuation between. (Any following word would be
        too much: «به گزارش خبرنگار فارس مهدی جمشیدی … گفت» has the speaker's name right after the outlet.)"""
        return (
            n < len(words.keys)
            and words.keys[n] in self.outlets.place_words
            and _adjacent(words, n - 1, n + 1)
        )

    def _outlet_after(
        self, text: str, words: Words, i: int, strong: bool
    ) -> tuple[int, int, OutletRef] | None:
        """The outlet named right after a prefix cue, skipping «خبرنگار سیاسی …» and similar words."""
        if i >= len(words.keys):
            return None
        limit = min(len(words.keys), i + 5)
        j = i
        while j < limit:
            if j > i and not _adjacent(words, j - 1, j + 1):
                break
            hit = self.outlets.match_at(words, j, strong=strong)
            if hit is not None and j > i and hit[1].strong_only and self._runs_on(words, j + hit[0]):
                # past the first words, an ambiguous name must end the phrase: «به نقل از پایگاه اطلاع
                # رسانی پلیس خراسان شمالی،» names the police of a province, not the daily «خراسان»
                hit = None
            if hit is not None:
                k, ref = hit
                return words.starts[j], words.ends[j + k - 1], ref
            h = self.outlets.head_len(words, j)
            if h:
                hit = self.outlets.match_at(words, j + h, strong=True)
                if hit is not None:
                    k, ref = hit
                    return words.starts[j], words.ends[j + h + k - 1], ref
            if j == i and words.keys[j] not in self.outlets.skip_heads:
                break
            j += 1
        q = self.outlets.quoted_after_heads(text, words, i)
        if q is not None:
            return words.starts[i], q[0] + 1, q[1]
        if strong:
            n = self.outlets.unknown_at(text, words, i)
            if n:
                return (
                    words.starts[i],
                    words.ends[i + n - 1],
                    OutletRef(None, self.outlets.unknown_name(text, words, i, n)),
                )
        return None

    def _outlet_phrase(self, text: str, s: int, e: int, verb_end: int) -> tuple[int, int, OutletRef] | None:
        """Whether the clause subject ``text[s:e]`` is an outlet: a known name, optionally after a head
        word («روزنامه واشنگتن پست»), or an unknown head-word phrase; anaphora («این روزنامه», «یک
        روزنامه آمریکایی») are not. A known name is looked up by the key of the whole phrase; words are
        keyed one by one only after a head word (most subjects are people, not outlets)."""
        words, keys = self.lex.span_words(text, s, e)  # (the quote stage reads the same subjects)
        if not words or keys[0] in self.outlets.anaphoric:
            return None
        h = (
            2
            if len(keys) >= 2 and keys[0] + keys[1] in self.outlets.heads
            else int(keys[0] in self.outlets.heads)
        )
        if not h and keys[0] not in self.outlets.prefixes:
            return None  # (most subjects are people: no outlet name starts with their first word)
        first = s  # (a subject starts with its first word; else the word is looked for)
        if not text.startswith(words[0], s):
            m = WORD.search(text, s, e)
            first = m.start() if m else s
        starts = [first]
        if h:
            rest = list(itertools.islice(WORD.finditer(text, s, e), h, h + 1))
            if rest:
                starts.append(rest[0].start())
        prefixes = self.outlets.prefixes
        for n, start in enumerate(starts):
            if keys[0 if n == 0 else h] not in prefixes:
                continue  # (a key is its words' keys joined: no outlet name starts with this word)
            ref = self.outlets.by_key.get(fast_key(text[start:e]))
            if ref is not None and (h or not ref.strong_only):
                return s, e, OutletRef(ref.id, ref.name, ref.strong_only)
        if not h:
            return None
        words = Words(text, s, verb_end)  # the verb too: a name never runs into it
        i = 0
        j = bisect.bisect_left(words.starts, e)
        h = self.outlets.head_len(words, i)
        for start in (i, i + h) if h else (i,):
            hit = self.outlets.match_at(words, start, strong=bool(h))
            if hit is not None and start + hit[0] == j:
                return words.starts[i], words.ends[j - 1], hit[1]
            if hit is not None and j - (start + hit[0]) == 1 and words.keys[j - 1] in self.report_objects:
                # «خبرگزاری رویترز خبری … منتشر کرد»: the outlet, then the object it published
                return words.starts[i], words.ends[j - 2], hit[1]
        if self.outlets.unknown_at(text, words, i) == j - i and h:
            return (
                words.starts[i],
                words.ends[j - 1],
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

    def _metadata_ref(self, outlet: str) -> tuple[OutletRef, str]:
        """The reader's outlet string resolved, and its key (cached: kb_key normalises, ~0.1 ms, and every
        article of a feed names the same outlet)."""
        hit = self._outlet_refs.get(outlet)
        if hit is None:
            if len(self._outlet_refs) > 10_000:  # a bound: outlets are few, but the strings are the reader's
                self._outlet_refs.clear()
            ref = self._resolve_name(outlet)
            hit = self._outlet_refs[outlet] = (ref, self._key_of(ref))
        return hit

    def _publisher_key(self, doc: Document) -> str | None:
        if not doc.outlet:
            return None
        return self._metadata_ref(doc.outlet)[1]

    def _name_key(self, name: str) -> str:
        """:func:`kb_key` of an unknown outlet's name, kept (it normalises: ~30 µs; names recur)."""
        key = self._name_keys.get(name)
        if key is None:
            if len(self._name_keys) > 10_000:  # a bound: the names are the corpus's
                self._name_keys.clear()
            key = self._name_keys[name] = kb_key(name)
        return key

    @staticmethod
    def _key_of(ref: OutletRef) -> str:
        return ref.id or kb_key(ref.name)


_DATELINE = re.compile(r"\s*\(?\s*([^\n:()\-–—]{2,60}?)\s*\)?\s*[:\-–—]")
_SPACES = re.compile(r"\s*")


def _dateline_possible(text: str, body: int) -> bool:
    """False when :data:`_DATELINE` cannot match at ``body``: its name (60 characters at most, none of
    «\\n:()-–—») would have to hold the 61 characters after the opening space and parenthesis, which
    hold none of those marks and do not end in a space. (Its lazy name tries every length before it
    fails, about 10 µs, and most bodies open with a sentence, not a dateline.)"""
    s = _SPACES.match(text, body).end()
    if text.startswith("(", s):
        s = _SPACES.match(text, s + 1).end()
    window = text[s : s + 61]
    if len(window) < 61 or window[60].isspace():
        return True
    return any(c in window for c in "\n:()-–—")


# Letters a word keyed «به» holds: «ب», then «ه», with nothing between them but what a key drops and a
# word can hold inside (ZWNJ, «-», «_», «.»). A superset: inside longer words too («بهار», «کتابها»).
_BE_LETTERS = re.compile(r"ب[\u200c._\-]*ه")


def _told_start(text: str, lo: int, end: int) -> int:
    """Where the words of ``text[lo:end]`` that :meth:`SourceStage._told_outlet` can use begin: at the
    space-separated chunk holding the first «به»-like letters (every word keyed «به» holds such letters,
    so it starts in that chunk or a later one; a chunk is read alike from either start, as no word runs
    across a space). ``lo`` when there are none."""
    m = _BE_LETTERS.search(text, lo, end)
    if m is None:
        return lo
    return max(lo, text.rfind(" ", lo, m.start()) + 1)


# Runs without a character between two words that makes them two phrases (read backwards, see above).
_PHRASE_RUN = re.compile(r"[\w \u200c.\-]*")
_BE = re.compile(r"(?<![\w\u200c])به(?![\w\u200c])")
# What is read after a prefix cue: up to 5 skipped words, a 2-word head and a 13-word name (with margin).
_AHEAD = re.compile(r"\s*(?:\S+\s+){0,23}\S*")
_AHEAD_FEW = re.compile(r"\s*(?:\S+\s+){0,6}\S*")  # the first words, for a known name right there
_BEFORE = 250  # characters read before a cue verb for «به X گفت»


# Runs without a mark a clause (and its subject) starts after: a sentence end, a dateline or a colon, a
# quotation mark (read backwards, see above).
_CLAUSE_RUN = re.compile("[^.\n!؟:»«]*")


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
