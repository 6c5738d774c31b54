"""Quotations and their speakers (issue 4).

Layer ``quotes`` (docs/MODEL.md): the quotation's text span, label ``direct`` (after a cue verb and a
colon, or in «…») or ``indirect`` («X گفت که …», «X اعلام کرد …», «به گفته X، …», «با بیان اینکه …»,
«X از Y خبر داد»). Attrs: ``speaker`` (entity id or null), ``speaker_name``, ``speaker_text``,
``speaker_span``, ``cue``, ``cue_span``, ``repeat_of``, ``resolved``, and ``resolution`` (how the
speaker was found: ``mention`` (fallback), ``kb``, ``document``, ``title``, ``office``, ``pronoun``,
``previous_speaker``, or ``unresolved``).

Method, in order:
1. Cue verbs in every tense come from ``data/cues.json`` (see :mod:`rasad.extract.sources`). A cue
   followed by a colon introduces direct speech; a cue followed by «که», a comma or a content word
   introduces indirect speech; a cue followed by the end of the sentence or by «و» reports speech
   without content («… پاسخ گفت.») and is not a quotation, nor is a cue whose object is marked by «را».
   «در بیانیه X آمده است:» / «به نقل از X آمده است:» quote the document's issuer X.
2. A quotation runs to the end of the speaker's turn: the closing » of an opening «, else the next cue's
   sentence (or clause), the next attribution, or the paragraph end. Indirect speech ends with its sentence.
3. The speaker is the subject of the cue's clause (:meth:`rasad.extract.sources.Lexicon.subject_span`), after
   datelines and attribution prefixes, or after a complement «که» («… است که ایران اعلام کرد»). It
   resolves to a name (the knowledge base, then people the
   document already named; a KB person is linked to the entities stage's entity by KB id), a title (a person of the document holding it, then the KB's office holder
   on the publication date), a pronoun or «این + title» (a person with that title, a sentence subject that
   can be a name, or the previous speaker). A lone surname takes the fuller name a person mention of the
   text gives it. A title or surname that
   matches nobody is taken as another reference to the previous speaker only when that speaker lacks
   that kind of reference (the lead names a title, the body the surname); this is recorded as
   ``resolution: previous_speaker``. Otherwise the speaker is reported unresolved with its surface text.
   The entities stage's mentions are not taken as speakers first: on the development set that cost .24 F1
   (an organisation inside a title became the speaker; a surname was not merged with the title that
   introduced it), and taking only KB-linked people still cost .02. A person mention at the speaker's
   position is used only when nothing else resolved the speaker.
4. Outlets are not speakers: «روزنامه X نوشت:» belongs to the source chain.
5. A quotation whose text repeats an earlier one word for word gets ``repeat_of`` its index.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rasad.document import Document, Span
from rasad.extract.honorifics import honorific_lexicon
from rasad.extract.sources import (
    WORD,
    ZWNJ,
    CueInfo,
    _flex,
    fast_key,
    kb_key,
    shared_lexicon,
    word_keys,
)
from rasad.kb import in_tenure
from rasad.pipeline import optional_kb

_PUNCT = re.compile(r"[\W_]+")  # runs, not single characters: one replacement per gap between words
_APPOSITION_CHARS = ' \u200c،,"«»“”'  # between a name and the title after it
_NAME_CHARS = ' \u200c"«»“”'  # between a title and the name after it
_PLACE_JOIN = re.compile(r" (?:از|در) ")
_ALSO = re.compile(r"(?<![\w\u200c])(?:نیز|هم)(?![\w\u200c])")  # «X نیز گفت»: another speaker
_ALLAH = re.compile(r"(?<![\w\u200c])ا\s*(?:\.\.\.|…)")
_IN = re.compile(r"\s+در\s+")
_OF = re.compile(r"\s+از\s+")
_AZ = re.compile(r"(?<![\w\u200c])از(?![\w\u200c])")
_KE = re.compile(r"(?<![\w\u200c])که(?![\w\u200c])")
_CLAUSE_PUNCT = re.compile("[،,؛;:]")
_AND = re.compile(r"[ \u200c]و[ \u200c]")
_NOUN_THAT_CUE = "مبنی بر اینکه"
_NOUN_THAT = re.compile(r"(?<![\w\u200c])مبنی[ \u200c]*بر[ \u200c]*(?:این[ \u200c]*که|آنکه)(?![\w\u200c])")
_RA = re.compile(r"[ \u200c]*را(?![\w\u200c])")  # the object marker right after a phrase
_RA_WORD = re.compile(r"(?<![\w\u200c])را(?![\w\u200c])")
_CLAUSE_STOP = re.compile("[،,؛;:.!؟?«»]")
_FROM_PLACE = re.compile(r"\s*(?:از|در)\s+([\w\u200c]+)(?:\s+([\w\u200c]+))?")
_ORG_JOIN = re.compile(r"[ \u200c]+(?:به|بر|با|از|و)[ \u200c]")  # stop words inside a body's name
_EVENT_PP = re.compile(r"(?<![\w\u200c])در[ \u200c]+(?:این|همین|آن)[ \u200c]+[\w\u200c]+[ \u200c]+")  # «در این جلسه »
_AND_NEAR = re.compile(r"[\s\u200c»\"”]و[\s\u200c«\"“]")  # a «و» between words, in or after a subject
_JOINT_AND = re.compile(r"[\s\u200c»\"”]*و[\s\u200c«\"“]*")  # «X» و «Y»
_GUILLEMET_PHRASE = re.compile(r"«\s*([^«»،,.:\n]{3,40}?)\s*»")  # a short phrase in quote marks
_REFLEXIVES = frozenset(("خود", "خویش", "خودش"))  # an emphatic reflexive after the subject is no name
_CLOSING = ".!?؟:»)\"”…;؛"  # a paragraph ending in none of these is headline-like
_VERBISH = ("د", "ند", "ست", "ده", "ید", "یم")
# Sources whose phrase opens a clause before its speaker («به گزارش X، وی گفت:», «X: Y گفت:»).
_PREFIX_SOURCE_CUES = frozenset(
    fast_key(c)
    for c in (
        "dateline",
        "به گزارش",
        "به نقل از",
        "به نوشته",
        "بر اساس گزارش",
        "براساس گزارش",
        "بنابر گزارش",
        "بنا بر گزارش",
        "طبق گزارش",
    )
)


@dataclass
class _Person:
    display: str = ""
    full_name: str | None = None  # a name of two or more words as the article writes it
    kb_id: str | None = None
    kb_name: str | None = None
    entity: str | None = None
    name_keys: set[str] = field(default_factory=set)  # keys of names and name words
    titles: list[str] = field(default_factory=list)
    title_keys: set[str] = field(default_factory=set)
    office_keys: set[str] = field(default_factory=set)  # KB office titles held at the article's date
    group: bool = False  # an unnamed official or group: reported by its surface text
    title_cores: set[str] = field(default_factory=set)  # first two words of each title
    countries: set[str] = field(default_factory=set)  # countries its titles name
    country: str | None = None  # from the KB
    merged_into: _Person | None = None  # the lead's unnamed speaker, once the body names them
    tied: bool = False  # tie_entity has looked for its entity
    quotes: int = 0  # quotes attributed to it so far (in text order)
    named_title: tuple[int, str] | None = None  # (number of titles, the title that names it): see name

    def final(self) -> _Person:
        p = self
        while p.merged_into is not None:
            p = p.merged_into
        return p

    @property
    def name(self) -> str:
        if self.entity and self.display and not self.tied:
            return self.display  # (a tied person keeps the name this stage gave it)
        title = None
        if self.titles:
            # the first title, or a fuller form of it given later («سفارت ایران در وین» → «سفارت جمهوری
            # اسلامی ایران در وین»: the same words in order, same first and last word); kept until the
            # person has another title (the name is asked for on every quote)
            if self.named_title is None or self.named_title[0] != len(self.titles):
                title = self.titles[0]
                for t in self.titles[1:]:
                    if len(t) > len(title) and _sub_title(self.titles[0], t):
                        title = t
                self.named_title = (len(self.titles), title)
            title = self.named_title[1]
        for n in (self.full_name, self.kb_name, title, self.display):
            if n:
                return n
        return ""

    @property
    def named(self) -> bool:
        return bool(self.full_name or self.kb_id or self.name_keys)


@dataclass(slots=True)
class _Cand:
    start: int  # content start
    cue: str
    cue_span: tuple[int, int]
    label: str
    turn_start: int
    subj: tuple[int, int] | None
    end_hint: int | None = None  # a fixed end (closing », a clause end)
    sentence_end: int | None = None
    speaker_hint: tuple[int, int] | None = None  # «به گفته X»
    joint: tuple[int, int] | None = None  # a second person speaking with the subject («X و Y … کردند:»)
    that: bool = False  # an «اینکه» clause («با اشاره به اینکه …»)


@dataclass(slots=True)
class _DocCues:
    """What the cue candidates of one document share (local to one call: no state between documents)."""

    text: str
    outlet_spans: list[tuple[int, int]]
    mentions: list[Span]
    issuers: list[tuple[int, int]] = field(default_factory=list)  # of the documents quoted so far
    first_keys: dict[int, str | None] = field(default_factory=dict)
    org_ends: list[tuple[int, int]] | None = None  # (start, end) of the ORG mentions, listed when first asked

    def overlaps_outlet(self, span: tuple[int, int]) -> bool:
        for a, b in self.outlet_spans:  # (a loop, not any() over a generator: one or two spans)
            if a < span[1] and span[0] < b:
                return True
        return False

    def first_key(self, pos: int) -> str | None:
        """Key of the word at ``pos`` (a subject's first word, asked by several checks), or None."""
        if pos not in self.first_keys:
            m = WORD.match(self.text, pos)
            self.first_keys[pos] = fast_key(m.group()) if m else None
        return self.first_keys[pos]

    def subject_first_key(self, lex: Any, subj: tuple[int, int]) -> str | None:
        """:meth:`first_key` of a subject span, from the words the lexicon keeps for it."""
        words, keys = lex.span_words(self.text, subj[0], subj[1])
        if words and self.text.startswith(words[0], subj[0]):
            return keys[0]  # (the subject starts with this word: WORD.match finds it there)
        return self.first_key(subj[0])


class QuoteStage:
    """Writes layer ``quotes``."""

    name = "quotes"

    def __init__(self, resources: Any = None) -> None:
        self.kb = optional_kb(resources)  # without a KB speakers resolve from the document only
        self.lex = shared_lexicon(resources)
        lex = self.lex.cues
        self.pronouns = frozenset(fast_key(w) for w in lex["pronouns"])
        self.demonstratives = frozenset(fast_key(w) for w in lex["demonstratives"])
        self.indefinite = frozenset(fast_key(w) for w in lex["indefinite_heads"])
        self.singular_indefinite = frozenset(fast_key(w) for w in ("یک", "یکی"))  # one person, not a group
        self.az_governors = frozenset(fast_key(w) for w in lex.get("az_governors", ()))
        self.located_heads = frozenset(fast_key(w) for w in lex.get("located_heads", ()))
        self.partitive = frozenset(fast_key(w) for w in lex.get("partitive_heads", ()))
        self.epithet_heads = frozenset(fast_key(w) for w in lex.get("epithet_heads", ()))
        self.title_synonyms = tuple(
            (fast_key(a), fast_key(b)) for a, b in lex.get("title_synonyms", {}).items() if fast_key(a) != fast_key(b)
        )
        # words that end a title set off by a comma after a name (a verb phrase or adverbial follows)
        self.title_stops = frozenset(fast_key(w) for w in lex["subject_stops"]) - {fast_key("و")}
        self.count_heads = frozenset(fast_key(w) for w in lex.get("count_heads", ()))
        self.title_heads = frozenset(fast_key(w) for w in lex["title_heads"])
        hon = honorific_lexicon()  # (one list with the entities stage: data/honorifics.json)
        self.honorifics = frozenset(fast_key(w) for w in hon["honorifics"])
        self.relational = frozenset(fast_key(w) for w in lex.get("relational_titles", ()))
        self.title_premodifiers = frozenset(fast_key(w) for w in lex.get("title_premodifiers", ()))
        self.company_heads = frozenset(fast_key(w) for w in lex.get("company_heads", ()))
        nouns = lex.get("speech_nouns", {})
        self.speech_noun_re = re.compile(
            r"(?<![\w\u200c])(?:"
            + "|".join(_flex(n) for n in sorted(nouns.get("nouns", ()), key=len, reverse=True) or ["(?!)"])
            + r")(?![\w\u200c])"
        )
        self.speech_noun_modifiers = frozenset(fast_key(w) for w in nouns.get("modifiers", ()))
        # «(این) پرسش/سوال که …»: a question clause opens (a speech noun after it is inside the question)
        questions = sorted(nouns.get("question_nouns", ()), key=len, reverse=True)
        self.question_that_re = re.compile(
            r"(?<![\w\u200c])(?:"
            + "|".join(_flex(n) for n in questions or ["(?!)"])
            + r")[ \u200c]+که(?![\w\u200c])"
        )
        # «…، اما ویدمار می‌گوید:»: a clause conjunction after a comma opens the cue's own clause
        conj = sorted(lex.get("clause_conjunctions", ()), key=len, reverse=True)
        self.comma_conj_re = re.compile(
            r"[،,][ \u200c]*(?:" + "|".join(_flex(w) for w in conj or ["(?!)"]) + r")(?![\w\u200c])[ \u200c]*"
        )
        self.new_turn_re = re.compile(
            r"(?<![\w\u200c])(?:"
            + "|".join(_flex(w) for w in sorted(lex.get("new_turn_openers", ()), key=len, reverse=True) or ["(?!)"])
            + r")(?![\w\u200c])[\s،,]*$"
        )
        self._everyday: frozenset[str] | None = None  # the KB's everyday words, read when first needed
        # past stems of the cue verbs: a word of a verb phrase is no word of a name
        self.verb_words = frozenset(
            fast_key(v["past"]) for v in [*lex["light_verbs"].values(), *lex["simple_verbs"]] if v.get("past")
        )
        self.name_particles = frozenset(fast_key(w) for w in hon["name_particles"])
        self.head_titles = frozenset(fast_key(w) for w in lex["head_titles"])
        self.office_nouns = frozenset(fast_key(w) for w in lex["office_nouns"])
        self.complement_verbs = frozenset(fast_key(w) for w in lex["complement_verbs"])
        self.nonhuman = frozenset(fast_key(w) for w in lex["nonhuman_subjects"])
        self.document_modifiers = frozenset(fast_key(w) for w in lex["statement_verbs"]["modifiers"])
        self.document_nouns = frozenset(
            fast_key(d) for d in lex["statement_verbs"]["documents"] if not d.endswith("ی")  # (not «نامه‌ای»)
        ) - {fast_key("متن"), fast_key("سند")}
        docs = "|".join(_flex(d) for d in sorted(lex["statement_verbs"]["documents"], key=len, reverse=True))
        self.document_re = re.compile(
            r"(?<![\w\u200c])(?:در|طی)(?![\w\u200c])[^،.:]*?(?<![\w\u200c])(?:(این|آن)\s+)?(?:"
            + docs
            + r")(?![\w\u200c])"
        )
        self.member_heads = tuple(
            sorted(lex["statement_verbs"].get("sender_member_heads", ()), key=len, reverse=True)
        )
        # an indefinite document («در نامه‌ای», «در پیامی»): who sent it is the subject of its sentence
        indef = [d for d in lex["statement_verbs"]["documents"] if d.endswith("ی")]
        self.indef_document_re = re.compile(
            r"(?<![\w\u200c])(?:" + "|".join(_flex(d) for d in sorted(indef, key=len, reverse=True)) + r")(?![\w\u200c])"
        )
        ind = lex["indirect_markers"]
        that = sorted(ind["that_clause"], key=len, reverse=True)
        self.that_re = re.compile(
            r"(?<![\w\u200c])(?:" + "|".join(_flex(p) for p in that) + r")(?![\w\u200c])"
        )
        # Office titles of the KB's people, by key, built once: KnowledgeBase.office_holder normalises
        # every title on every call, far too slow for a per-quote question.
        # The keys of each office's titles are kept per person too (kb_key normalises: slow per document).
        self.offices: dict[str, list[tuple[Any, dict[str, Any]]]] = {}
        self.entry_offices: dict[str, list[tuple[dict[str, Any], frozenset[str]]]] = {}
        for e in self.kb or []:
            if e.kind != "people":
                continue
            for off in e.data.get("offices", []) or []:
                keys = frozenset(
                    kb_key(t) for t in [off.get("title", ""), *(off.get("title_aliases") or [])] if t
                )
                self.entry_offices.setdefault(e.id, []).append((off, keys))
                for t in keys:
                    self.offices.setdefault(t, []).append((e, off))
        self._name_keys: dict[str, frozenset[str]] = {}  # cache: KB entry id -> keys of all its names
        # The keys the KB already indexes each entry's name and aliases by (KnowledgeBase.by_key holds
        # match_key of each): fast_key of a match key is the name's kb_key (both normalise first, and
        # fast_key drops every character match_key drops), without normalising each name again (about
        # 27 µs a name, 0.2 ms for a person first met in a document).
        self._indexed_keys: dict[str, list[str]] = {}
        for k, ids in (getattr(self.kb, "by_key", None) or {}).items():
            for i in ids:
                self._indexed_keys.setdefault(i, []).append(k)
        # Every beginning of every KB key (as OutletIndex.prefixes): a word range whose first word's key
        # begins none names nothing in the KB, so `resolve` skips its joined key and look-up.
        self.kb_prefixes: frozenset[str] = frozenset(
            k[:n] for k in (getattr(self.kb, "by_key", None) or {}) for n in range(len(k) + 1)
        )
        self.honorifics_only = self.honorifics - self.name_particles  # titles of respect, not «سید»
        # title heads a writer may glue to the next word («مدیرگمرک استان زنجان»), longest first
        self.glued_heads = tuple(
            sorted({fast_key(w) for w in lex.get("glued_title_heads", ())}, key=len, reverse=True)
        )
        self.glued_prefixes = frozenset(h[:3] for h in self.glued_heads)  # (most first words: no head)
        # given names (first words of the KB's people of two words or more): a non-first word of a full
        # name that is one («محمد» of «میر محمد حسینی …») does not name that person alone later
        self.given_names = (
            frozenset(
                fast_key(e.name.split()[0])
                for e in self.kb or []
                if e.kind == "people" and len(e.name.split()) >= 2
            )
            | self.honorifics
            | frozenset(fast_key(w) for w in lex.get("given_name_words", ()))
        )
        self._word_countries: dict[str, tuple[str, ...]] = {}  # cache: a title's word -> countries it names
        self._title_keys: dict[str, str] = {}  # cache of title_key (a function of the title and the lexicon)
        self.cue_names = self.lex.cue_names
        self.source_lex = self.lex.attribution
        self.outlet_heads = frozenset(fast_key(h) for h in self.source_lex["outlet_heads"])
        self._source_ends: tuple[str | None, dict[int, int]] = (None, {})

    # ------------------------------------------------------------------------------------------------
    def __call__(self, doc: Document) -> None:
        text = doc.text
        mentions = doc.spans("mentions") if "mentions" in doc.layers else []
        paras = [(p.start, p.end) for p in doc.spans("paragraphs")] or [(0, len(text))]
        sents = [(s.start, s.end) for s in doc.spans("sentences")] or _sentences(text, paras)
        sent_starts = [s for s, _ in sents]
        para_starts = [s for s, _ in paras]
        sources = [s for s in doc.spans("sources") if not s.attrs.get("from_metadata")]
        prefix_ends = sorted(
            s.end for s in sources if fast_key(str(s.attrs.get("cue", ""))) in _PREFIX_SOURCE_CUES
        )
        outlet_spans = [(s.start, s.end) for s in sources]
        dc = _DocCues(text, outlet_spans, mentions)
        guillemets = _guillemet_ranges(text)
        guillemet_ends = [b for _a, b in guillemets]  # (in text order: the ranges do not overlap)
        guillemet_starts = [a for a, _b in guillemets]

        def inside_quotation(pos: int) -> bool:
            """Whether ``pos`` is inside a «…» range (only the last range opened before it can hold it)."""
            k = bisect.bisect_left(guillemet_starts, pos) - 1
            return k >= 0 and pos < guillemet_ends[k]

        def sentence_of(pos: int) -> tuple[int, int]:
            i = bisect.bisect_right(sent_starts, pos) - 1
            return sents[i] if i >= 0 else (0, len(text))

        def para_end(pos: int) -> int:
            i = bisect.bisect_right(para_starts, pos) - 1
            return paras[i][1] if i >= 0 else len(text)

        after_place: dict[tuple[int, int], int] = {}  # memo of _after_place

        def left_start(pos: int) -> int:
            """Where the speaker's clause starts: the sentence, after a dateline, a colon or «به گزارش X،»."""
            s0 = sentence_of(pos)[0]
            s = max(s0, text.rfind(":", s0, pos) + 1)
            g = bisect.bisect_left(guillemet_ends, pos) - 1
            if g >= 0 and guillemet_ends[g] > s:
                s = (
                    guillemet_ends[g] + 1
                )  # after a quotation closed earlier in the sentence (names in «» are kept)
            k = bisect.bisect_right(prefix_ends, pos) - 1
            if k >= 0 and prefix_ends[k] > s:
                s = prefix_ends[k]
                comma = text.find("،", s, pos)
                if comma > 0 and self._is_place_phrase(text[s:comma]):
                    s = comma + 1  # «به نقل از روزنامه "گرانما" کوبا، …»
                else:  # «به گزارش خبرگزاری فارس از مشهد هاشم …» (asked for every cue and probe after it)
                    key = (s, pos)
                    if key not in after_place:
                        after_place[key] = self._after_place(text, s, pos)
                    s = after_place[key]
            return s

        cands: list[_Cand] = []
        boundaries: list[int] = []  # turn starts that are not quotations (outlet statements)
        for cs, ce, info in self.lex.find_cues(text):
            if inside_quotation(cs):
                continue  # speech nested inside a quotation is part of that quotation
            c = self._cue_candidate(dc, (cs, ce, info), left_start(cs), sentence_of(cs))
            if c is None:
                continue
            if c.label == "outlet":
                boundaries.append(c.turn_start)
                continue
            cands.append(c)
        cue_spans = sorted(c.cue_span for c in cands)
        cue_starts = [a for a, _b in cue_spans]
        found = self.lex.phrases(text)
        for ms, me, canon in found["that"]:
            if inside_quotation(ms):
                continue
            ls = left_start(ms)
            subj = self.lex.subject_span(text, ls, ms)
            if subj is not None and (self._outlet_subject(text, subj) or dc.overlaps_outlet(subj)):
                continue
            sent = sentence_of(ms)
            # the main clause's cue verb after the «اینکه» clause bounds it («با بیان اینکه در میان
            # رشته‌ها، فوتبال … نقش دارد اظهار کرد:»: a comma with no verb before it is inside the clause)
            k = bisect.bisect_right(cue_starts, me)
            main = cue_starts[k] if k < len(cue_starts) and cue_starts[k] < sent[1] else None
            if main is not None and not _colon_after(text, cue_spans[k][1]):
                # a cue with its own subject inside the clause («… امام خمینی (ره) نیز بر این نقش تاکید
                # داشته‌اند، افزود: …»): the main verb is the next cue before a colon, when there is one
                j = k + 1
                while j < len(cue_starts) and cue_starts[j] < sent[1]:
                    if _colon_after(text, cue_spans[j][1]) and text.find("،", cue_spans[k][1], cue_starts[j]) >= 0:
                        main = cue_starts[j]
                        break
                    j += 1
            end = _clause_end(text, me, main if main is not None else sent[1], main is None)
            cands.append(
                _Cand(
                    _skip_space(text, me),
                    canon,
                    (ms, me),
                    "indirect",
                    subj[0] if subj else ms,
                    subj,
                    end_hint=end,
                    that=True,
                )
            )
        for ms, me, _phrase in found["according"]:
            if inside_quotation(ms):
                continue
            sent = sentence_of(ms)
            first = WORD.match(text, _skip_space(text, me))
            after = _skip_space(text, first.end()) if first else me
            if (
                first
                and fast_key(first.group()) in self.pronouns
                and text[after : after + 1] not in ("،", ",")
            ):
                # «به گفته وی در سال گذشته …»: a pronoun needs no comma to end the speaker phrase
                who: tuple[int, int] | None = first.span()
                content = after
            else:
                comma = text.find("،", me, sent[1])
                if comma < 0:
                    continue
                who = self.lex.subject_span(text, me, comma)
                content = _skip_space(text, comma + 1)
            if who is None or dc.overlaps_outlet(who):
                continue
            cands.append(
                _Cand(
                    content,
                    "به گفته",
                    (ms, me),
                    "indirect",
                    ms,
                    who,
                    end_hint=sent[1],
                    speaker_hint=who,
                )
            )
        cands += self._noun_that_candidates(dc, sentence_of, inside_quotation)
        cands = _dedupe(cands)
        cands = self._drop_nested(dc, cands, para_end)

        # extents: to the next turn, attribution or paragraph end
        turn_starts = sorted({c.turn_start for c in cands} | set(boundaries))
        spans: list[tuple[int, int, _Cand]] = []
        for c in cands:
            pe = para_end(c.start)
            end = pe
            k = bisect.bisect_right(turn_starts, c.start)
            if k < len(turn_starts):
                end = min(end, turn_starts[k])
            if c.end_hint is not None:
                end = min(end, c.end_hint) if c.end_hint > c.start else end
            if c.label == "indirect" and c.end_hint is None:
                end = min(end, sentence_of(c.start)[1])
            if c.start > 0 and text[c.start - 1] == "«":
                close = _matching_close(text, c.start - 1, pe)
                if close is not None:
                    end = min(end, close) if close > c.start else end
            end = _trim_end(text, c.start, end)
            if end > c.start:
                spans.append((c.start, end, c))

        # speakers, in text order of their cues
        subjects: dict[int, tuple[int, int] | None] = {}

        quoted = sorted((s, e) for s, e, _c in spans)
        quoted_starts = [s for s, _e in quoted]

        def sentence_subject(i: int) -> tuple[int, int] | None:
            """The subject of sentence ``i`` (asked only for pronouns, so computed on demand); a sentence
            inside a quotation has none a pronoun outside it could refer to («ما …», «این طرح …»)."""
            if i not in subjects:
                ss, se = sents[i]
                k = bisect.bisect_right(quoted_starts, ss) - 1
                if k >= 0 and quoted[k][0] <= ss < quoted[k][1]:
                    subjects[i] = None
                else:
                    subj = self.lex.subject_span(text, left_start(min(se, ss + 1)), se)
                    if subj is not None:
                        # (after a colon the words are the quotation's: «… گفت: چهار دستگاه …، بنیاد شهید …»)
                        k = bisect.bisect_right(quoted_starts, subj[0]) - 1
                        if k >= 0 and quoted[k][0] <= subj[0] < quoted[k][1]:
                            subj = None
                    if subj is not None and dc.first_key(subj[0]) in self.partitive:
                        subj = self._extend_partitive(dc, subj, se)  # «یکی از اعضای مجلس …» as antecedent
                    subjects[i] = subj
            return subjects[i]

        # sentences in order, not overlapping (docs/MODEL.md): a pronoun's search stops at the previous speaker
        ordered = all(map(operator.le, [e for _s, e in sents[:-1]], sent_starts[1:]))  # (no generator step per sentence)
        people = _People(
            self, doc, sent_starts, sentence_subject, [e for _s, e in sents] if ordered else None
        )
        people.cands = [c for _s, _e, c in spans]  # (the turns, listed when the sole-speaker rule asks)
        people.paras = paras
        resolved: list[tuple[int, int, _Cand, _Person | None, str, str]] = []
        twins: set[int] = set()  # ids of the second speaker's copies of joint statements
        # What the narrative reports someone said («اظهارات X مبنی بر اینکه …») is an aside inside another
        # speaker's turn: its possessor is resolved after every turn, with no previous speaker to fall back
        # on, and does not become the previous speaker, the lead's speaker or a sole speaker.
        asides: list[tuple[int, int, _Cand, _Person | None, str, str]] = []
        for s, e, c in sorted(spans, key=lambda x: (x[2].cue == _NOUN_THAT_CUE, x[2].cue_span[0])):
            subj = self._extend_group(dc, c.subj, c.cue_span[0])
            subj = self._extend_org(dc, subj, c.cue_span[0])
            subj = self._extend_title_and(dc, subj, c.cue_span)
            c.subj = subj
            if c.cue == _NOUN_THAT_CUE:
                people.last, people.last_pos = None, -1
                person, surface, how = people.resolve(subj, c.cue_span)
                asides.append((s, e, c, person, surface, how))
                continue
            person, surface, how = people.resolve(subj, c.cue_span)
            if person is not None:
                person.quotes += 1
                if subj is not None and how in ("document", "kb") and not person.group:
                    people.comma_title(person, subj[1], c.cue_span[0])
            resolved.append((s, e, c, person, surface, how))
            if c.joint is not None:
                # the second of two people speaking together: the same quotation, once more, as theirs
                # (the first stays the previous speaker)
                last, last_pos = people.last, people.last_pos
                twin = dataclasses.replace(c, subj=c.joint, joint=None)
                people.last, people.last_pos = None, -1  # (another person: no previous speaker to fall back on)
                p2, surface2, how2 = people.resolve(c.joint, c.cue_span)
                people.last, people.last_pos = last, last_pos
                if p2 is not None and p2 is not person:
                    p2.quotes += 1
                    resolved.append((s, e, twin, p2, surface2, how2))
                    twins.add(id(twin))
        self._merge_lead(resolved, paras)
        resolved += asides
        out: list[Span] = []
        twin_spans: set[int] = set()
        for s, e, c, person, surface, how in resolved:
            final = person.final() if person else None
            if final is None and c.subj:
                # nothing here resolved it: the entities stage may have (a pronoun whose antecedent is not a speaker)
                final = people.mention_person(*c.subj)
                how = "mention" if final else how
                person = final
            if final is not None and final.entity is None:
                people.tie_entity(final)
            attrs: dict[str, Any] = {
                "speaker": final.entity if final else None,
                "speaker_name": final.name if final else surface,
                "speaker_text": surface,
                "speaker_span": list(c.subj) if c.subj else None,
                "cue": c.cue,
                "cue_span": list(c.cue_span),
                "repeat_of": None,
                "resolved": bool(final and (final.named or final is not person) and not final.group)
                or how in ("title", "office"),
                "resolution": how if final is person else "lead",
            }
            out.append(Span(s, e, c.label, attrs))
            if id(c) in twins:
                twin_spans.add(id(out[-1]))
        out.sort(key=lambda q: q.start)
        _mark_repeats(text, out)
        _mark_held_repeats(text, out)
        if twin_spans:
            for i, q in enumerate(out):
                # (a joint statement's copy is no repeat of the first speaker's: the sort is stable)
                if id(q) in twin_spans and q.attrs["repeat_of"] == i - 1:
                    q.attrs["repeat_of"] = None
        doc.layer("quotes").extend(out)

    # ------------------------------------------------------------------------------------------------
    def lookup(self, phrase: str) -> list[Any]:
        """KB entries a phrase of the normalised text names (the text is normalised already, so the
        KB's alias keys are matched without normalising again)."""
        if self.kb is None:
            return []
        key = (
            phrase.replace(" ", "").replace("\u200c", "").replace("-", "").replace("\t", "").replace("\n", "")
        )
        return [self.kb.entries[i] for i in self.kb.by_key.get(key, [])]

    def name_keys(self, entry: Any) -> frozenset[str]:
        """Keys of every name of a KB entry (computed once per entry: kb_key normalises each name)."""
        keys = self._name_keys.get(entry.id)
        if keys is None:
            indexed = self._indexed_keys.get(entry.id)
            if indexed is not None and entry.all_names() == [entry.name, *entry.aliases]:
                keys = frozenset(fast_key(k) for k in indexed)  # (a country's demonyms are not indexed)
            else:
                keys = frozenset(kb_key(n) for n in entry.all_names())
            self._name_keys[entry.id] = keys
        return keys

    def brand_name(self, words: list[str], keys: list[str]) -> bool:
        """Whether the words after a company head («شرکت») are a brand name, not a description: one word
        that is neither an everyday word nor a title word («زیمنس»), or up to three words in Latin script
        («Iomega»). «شرکت آب و فاضلاب استان زنجان», «شرکت نفت» keep their head."""
        if all(w.isascii() and w[:1].isalpha() for w in words):
            return len(words) <= 3
        if len(words) != 1 or keys[0] in self.title_heads:
            return False
        return keys[0] not in self.everyday() and len(keys[0]) > 2

    def title_key(self, title: str) -> str:
        """The key of a title with a synonymous head written as its canonical one («خطیب جمعه X» is
        «امام جمعه X»: one office, two names; ``title_synonyms``)."""
        hit = self._title_keys.get(title)  # (asked for every title compared or added; titles recur)
        if hit is not None:
            return hit
        k = fast_key(title)
        for syn, canon in self.title_synonyms:
            if k.startswith(syn):
                k = canon + k[len(syn) :]
                break
        if len(self._title_keys) > 100_000:  # a bound: the titles are the corpus's
            self._title_keys.clear()
        self._title_keys[title] = k
        return k

    def everyday(self) -> frozenset[str]:
        """The KB's everyday words (keys), read when first needed."""
        if self._everyday is None:
            from rasad.kb import everyday_words

            self._everyday = frozenset(fast_key(w) for w in everyday_words())
        return self._everyday

    def holder_country(self, entry: Any, title: str) -> str | None:
        """The country of the office ``title`` names among ``entry``'s offices (else the person's)."""
        k = fast_key(title)
        for off, keys in self.entry_offices.get(entry.id, []):
            if k in keys:
                return off.get("country") or entry.data.get("country")
        return entry.data.get("country")

    def office_holder(self, title: str, date: str | None) -> list[Any]:
        """The KB's people who held ``title`` on ``date`` (all who ever held it without a date), once each,
        in KB order."""
        out: list[Any] = []
        # (by identity, as before: «وزیر خارجه» has 133 holders, and a list test was quadratic)
        seen: set[int] = set()
        for e, off in self.offices.get(fast_key(title), []):
            if date and not in_tenure(date, off.get("start"), off.get("end")):
                continue
            if id(e) not in seen:
                seen.add(id(e))
                out.append(e)
        return out

    def _outlet_subject(self, text: str, subj: tuple[int, int]) -> bool:
        """«روزنامه …», «این روزنامه», «این خبرگزاری»: an outlet's report, not a quotation."""
        return self._outlet_keys(self.lex.span_words(text, subj[0], subj[1])[1])  # (keys shared with sources)

    def _outlet_keys(self, ws: list[str]) -> bool:
        """:meth:`_outlet_subject` of a subject's word keys."""
        return bool(ws) and (
            ws[0] in self.outlet_heads
            or (len(ws) > 1 and ws[0] in ("این", "همین") and ws[1] in self.outlet_heads)
        )

    def _noun_that_candidates(
        self,
        dc: _DocCues,
        sentence_of: Callable[[int], tuple[int, int]],
        inside_quotation: Callable[[int], bool],
    ) -> list[_Cand]:
        """«با اشاره به اظهارات اردشیر زاهدی، وزیر خارجه رژیم پهلوی مبنی بر اینکه …»: what a person said,
        named by a speech noun (``speech_nouns``: «اظهارات», «سخنان», …) and its possessor, whose content
        the «مبنی بر اینکه» clause gives (tests/gold/README.md, -5 set). The possessor speaks; a question
        («پرسشی مبنی بر اینکه …») or an unowned claim («برخی ادعاها») is no speech noun with a speaker."""
        text = dc.text
        if "مبنی" not in text:
            return []  # (a str test first: most articles have none)
        out: list[_Cand] = []
        for m in _NOUN_THAT.finditer(text):
            ms, me = m.span()
            if inside_quotation(ms):
                continue
            sent = sentence_of(ms)
            lo = max(sent[0], ms - 120)
            noun = None
            for n in self.speech_noun_re.finditer(text, lo, ms):
                noun = n  # the last speech noun before the marker
            if noun is None or any(ch in text[noun.end() : ms] for ch in ".:؛;»«"):
                continue
            if self.question_that_re.search(text, sent[0], noun.start()):
                # «در پاسخ به این پرسش که سخنان وزیر اقتصاد مبنی بر اینکه … به چه شرکت‌هایی اشاره داشت»:
                # the speech noun is part of a question put to the speaker, not a report of the words
                continue
            start = _skip_space(text, noun.end())
            w = WORD.match(text, start)
            while w and fast_key(w.group()) in self.speech_noun_modifiers:
                start = _skip_space(text, w.end())  # «اظهارات اخیر رئیس جمهوری آمریکا»
                w = WORD.match(text, start)
            who = self.lex.subject_span(text, start, ms)
            if who is None or who[0] != start or dc.overlaps_outlet(who):
                continue
            if dc.subject_first_key(self.lex, who) in self.indefinite:
                continue  # («ادعاهای برخی …»: nobody in particular)
            content = _skip_space(text, me)
            end = _clause_end(text, me, sent[1])
            if end - content < 8:
                continue
            out.append(_Cand(content, _NOUN_THAT_CUE, (ms, me), "indirect", noun.start(), who, end_hint=end))
        return out

    def _drop_nested(self, dc: _DocCues, cands: list[_Cand], para_end: Any) -> list[_Cand]:
        """Indirect speech inside a colon quotation of the same paragraph is part of it («… گفت: …
        مالباختگان اذعان داشتند که …»), unless a pronoun marks the speaker's own new turn («وی گفت که»)."""
        out: list[_Cand] = []
        open_until = -1
        that_until = that_from = -1  # the last «اینکه» clause's end and marker: a cue inside is its own verb
        for c in sorted(cands, key=lambda c: c.cue_span[0]):
            if c.label == "indirect" and not c.that and c.cue_span[0] < that_until and c.cue in self.cue_names:
                # «وی با اشاره به اینکه … امام خمینی (ره) نیز بر این نقش تاکید داشته‌اند، افزود: …»: speech
                # reported inside the speaker's clause is part of it (the scan found the clause's speaker
                # «وی», before the marker, as this cue's subject; a pronoun after it opens a new turn)
                if c.subj is None or c.subj[0] < that_from or dc.subject_first_key(self.lex, c.subj) not in self.pronouns:
                    continue
            if c.that and c.end_hint is not None:
                that_until, that_from = max(that_until, c.end_hint), c.cue_span[0]
            if c.label == "direct":
                open_until = para_end(c.start)
            elif (
                c.label == "indirect"
                and c.cue_span[0] < open_until
                # («… به گفته مسئولان بی‌نظیر بود»; «… اظهارات X مبنی بر اینکه …» quoted by the speaker)
                and (c.cue in self.cue_names or c.cue in ("به گفته", _NOUN_THAT_CUE))
            ):
                if c.subj is None or dc.subject_first_key(self.lex, c.subj) not in self.pronouns:
                    continue
            out.append(c)
        return sorted(out, key=lambda c: (c.start, c.cue_span[0]))

    def _complement_start(self, text: str, ls: int, cs: int, dc: _DocCues | None = None) -> int:
        """After a complement «که» («… بیان شده است که ایران اعلام کرد …») the cue has its own subject."""
        if text.find("که", ls, cs) < 0:
            return ls  # (a str.find is much cheaper than a regex call: most clauses have no «که»)
        kes = _ke_starts(text, ls, cs)
        # Only a «که» after a complement verb or a source verb can move the start; the checks that stop
        # the search are asked only when one exists (most «که» follow neither: the answer is ``ls``).
        if not any(
            self._after_complement_verb(text, ls, k) or self._after_source_verb(text, ls, k, dc) for k in kes
        ):
            return ls
        for k in reversed(kes):
            if self._after_source_verb(text, ls, k, dc):
                # «رویترز خبری منتشر کرد که قربانی، معاون …، گفته است …»: what an outlet published names
                # its own speaker (a comma after this «که» is the speaker's apposition)
                return k + 2
            if _CLAUSE_PUNCT.search(text, k + 2, cs):
                break  # a comma after it: the «که» belongs to an adverbial clause before the speaker
            if text.find("این", ls, k) >= 0 and self.that_re.search(text, ls, k):
                break  # «با بیان اینکه … است که …»: inside the speaker's own «اینکه» clause
            before = text[ls:k].rstrip()
            if any(e == ls + len(before) and not i.statement for _s, e, i in self.lex.find_cues(text)):
                # «گفته است که …»: the clause is that cue's content, not a new speaker's turn (a statement
                # cue speaks only before a colon: «… بیان شده است که ایران اعلام کرد …» is a complement)
                break
            if self._after_complement_verb(text, ls, k):
                return k + 2
        return ls

    def _after_source_verb(self, text: str, ls: int, ke: int, dc: _DocCues | None) -> bool:
        """Whether the «که» at ``ke`` follows a source verb («منتشر کرد», «نوشت», «گزارش داد») whose
        subject is an outlet (the outlet's report is no quotation; the clause after «که» is)."""
        if self._source_ends[0] is not text:  # (one slot: the cues of the text being read, by end)
            ends = {e: s for s, e, info in self.lex.find_cues(text) if info.kind == "source"}
            self._source_ends = (text, ends)
        end = len(text[ls:ke].rstrip()) + ls
        s = self._source_ends[1].get(end)
        if s is None:
            return False
        subj = self.lex.subject_span(text, ls, s)
        return subj is not None and (
            self._outlet_subject(text, subj) or (dc is not None and dc.overlaps_outlet(subj))
        )

    def _after_complement_verb(self, text: str, ls: int, ke: int) -> bool:
        """Whether the word before the «که» at ``ke`` (within ``text[ls:ke]``) is a complement verb."""
        lo = max(ls, ke - 64)  # (the last 16 characters before it are read: no copy of the clause)
        before = text[lo:ke].rstrip()
        if len(before) < 16 and lo > ls:
            before = text[ls:ke].rstrip()
        prev = before[-16:].split()
        return bool(prev) and fast_key(prev[-1]) in self.complement_verbs

    def _conjoined_name(self, text: str, subj: tuple[int, int], mentions: list[Span]) -> tuple[int, int]:
        """A subject cut at «و» that is one name: «دادسرای عمومی و انقلاب تهران» (a mention of the
        entities stage or a KB name runs across the «و»)."""
        if text[subj[1] + 1 : subj[1] + 2] != "و" or not _AND.match(text, subj[1]):
            return subj
        for m in mentions:
            if m.start == subj[0] and m.end > subj[1] and m.label in ("ORG", "PER"):
                return subj[0], m.end
        ws = list(itertools.islice(WORD.finditer(text, subj[1], min(len(text), subj[1] + 80)), 6))
        for n in range(len(ws), 1, -1):
            if ws[0].group() != "و":
                break
            if any(
                e.kind in ("organisations", "people") for e in self.lookup(text[subj[0] : ws[n - 1].end()])
            ):
                return subj[0], ws[n - 1].end()
        return subj

    def _az_object(self, between: str) -> re.Match[str] | None:
        """The «از» that marks the object of «خبر داد» in the words before it: the first one not
        governed by the word before it («بازدید از پروژه‌ها», «پس از», «یکی از» are adverbials or
        complements of a noun: «… در حاشیه بازدید از پروژه‌ها … از تکمیل کانال خبر داد»)."""
        first = None
        for m in _AZ.finditer(between):
            if first is None:
                first = m
            prev = between[max(0, m.start() - 24) : m.start()].split()
            if not prev or fast_key(prev[-1]) not in self.az_governors:
                return m
        return first  # every «از» governed: the first, as before

    def _conjoined_subject(self, text: str, subj: tuple[int, int], cs: int) -> tuple[int, int]:
        """«منابع پلیس و ساکنان محلی خبر دادند»: a plural verb agrees with both conjuncts, so a subject
        cut at «و» runs on to the verb when the words after «و» are a noun phrase that reaches it."""
        m = _AND.match(text, subj[1])
        if not m:
            return subj
        rest = self.lex.subject_span(text, m.end(), cs, max_words=5)
        if rest is None or rest[0] != m.end() or text[rest[1] : cs].strip(" \u200c"):
            return subj
        return subj[0], rest[1]

    def _statement_candidate(
        self, dc: _DocCues, cue: tuple[int, int, CueInfo], ls: int, sent: tuple[int, int]
    ) -> _Cand | None:
        """«در بیانیه X آمده است:», «به نقل از X آمده است:» (X speaks); «در این نامه آمده است:» (the
        issuer of the document quoted before, ``issuers``). Without a document phrase («در ماده ۱ آمده
        است:») or without an earlier issuer for «این بیانیه» no quotation."""
        text, (cs, ce, info) = dc.text, cue
        p = _skip_space(text, ce)
        start = _after_colon(text, p) if p < len(text) and text[p] == ":" else None
        if start is None and p < len(text) and text[p] == ":":
            # «در متن این پیام آمده است:» ends its line: the document's text is the next paragraph
            start = _skip_space(text, p + 1)
            while start < len(text) and text[start] in "\n\r\t \u200c":
                start += 1
            if start >= len(text):
                return None
        if start is None:
            return None
        clause_start = max(ls, sent[0])
        issuer: tuple[int, int] | None = None
        quoted_from = text.rfind("به نقل از", clause_start, cs)
        docs = list(self.document_re.finditer(text, clause_start, cs))
        if quoted_from >= 0 and (not docs or docs[-1].start() < quoted_from):
            issuer = self.lex.subject_span(text, quoted_from + len("به نقل از"), cs)
        elif docs:
            ws = [w for w in WORD.finditer(text, docs[-1].end(), cs)]
            while ws and fast_key(ws[0].group()) in self.document_modifiers:
                ws.pop(0)  # «بیانیه منتشره»، «بیانیه پایانی …»
            if len(ws) > 2 and ws[0].group() == "از" and ws[1].group() in ("سوی", "طرف"):
                del ws[:2]  # «در بیانیه منتشره از سوی کاخ الیزه آمده است:»: the issuer follows
            if not docs[-1].group(1) and ws:
                issuer = self.lex.subject_span(text, ws[0].start(), cs)
        else:
            return None
        if issuer is None and not dc.issuers:
            issuer = self._sender(dc, clause_start)
            if issuer is not None:
                dc.issuers.append(issuer)
        if issuer is None:
            if not dc.issuers:
                return None  # «در این بیانیه آمده است:» with no issuer named before
            issuer = dc.issuers[-1]  # the same document again
        else:
            dc.issuers.append(issuer)
        if issuer is not None and dc.overlaps_outlet(issuer):
            return _Cand(ce, info.cue, (cs, ce), "outlet", _turn_start(text, ls, sent, issuer), issuer)
        return _Cand(start, info.cue, (cs, ce), "direct", _turn_start(text, ls, sent, issuer), issuer)

    def _sender(self, dc: _DocCues, limit: int) -> tuple[int, int] | None:
        """«در این نامه آمده است:» after «X در نامه‌ای خطاب به … خواستار … شدند» (no cue verb named the
        sender): the subject of the sentence of the last indefinite document before ``limit``."""
        text = dc.text
        last = None
        for m in self.indef_document_re.finditer(text, 0, limit):
            last = m
        if last is None:
            return None
        # (after a dateline's colon too: «خبرگزاری فارس: رئیس سازمان … پیامی … منتشر کرد.»)
        sent_start = max(text.rfind(c, 0, last.start()) for c in "\n.:") + 1
        for ke in _KE.finditer(text, sent_start, last.start()):
            before = text[sent_start : ke.start()].split()
            if before and before[-1].endswith(_VERBISH):
                # «ناگفته نماند که وزارت خارجه … اطلاعیه‌ای …»: a complement clause after a verb (a
                # relative «که» after a noun, «مهرماه جاری که …», stays inside the subject's sentence)
                sent_start = ke.end()
        subj = self.lex.subject_span(text, sent_start, last.start())
        if subj is None or dc.overlaps_outlet(subj) or self._outlet_subject(text, subj):
            return None  # (an outlet's report belongs to the source chain)
        for head in self.member_heads:
            if text.startswith(head + " ", subj[0]):
                rest = _skip_space(text, subj[0] + len(head))
                if len(text[rest : subj[1]].split()) >= 2:
                    return rest, subj[1]  # the members' letter is their body's (not «اعضای شرکت‌کننده»)
        return subj

    def _after_place(self, text: str, s: int, pos: int) -> int:
        """After «به گزارش X» with no comma: where «از/در PLACE» (a KB country or place of one or two
        words) ends, else ``s`` (the speaker's subject follows it: «… فارس از مشهد هاشم بنی هاشمی …»)."""
        m = _FROM_PLACE.match(text, s, pos)
        if m is None or self.kb is None:
            return s
        for end in (m.end(2), m.end(1)):
            if end > 0 and any(e.kind in ("countries", "places") for e in self.lookup(text[m.start(1) : end])):
                return end
        return s

    def _is_place_phrase(self, s: str) -> bool:
        words = WORD.findall(s)
        if not words or len(words) > 5:
            return False
        if fast_key(words[0]) in ("از", "در"):
            return True
        if self.kb is None:
            return False
        # «روسیه»، «روسیه از مسکو» (the outlet's country, then where it reports from)
        parts = _PLACE_JOIN.split(" ".join(words))
        return all(any(e.kind in ("countries", "places") for e in self.lookup(part)) for part in parts)

    def _extend_group(self, dc: _DocCues, subj: tuple[int, int] | None, limit: int) -> tuple[int, int] | None:
        """«یک مقام در دفتر آریل شارون», «شاهدان عینی در رمادی»: an unnamed speaker keeps its «در X», and so
        does a mission named by its place («سفارت ایران در وین»)."""
        if subj is None:
            return None
        head = dc.subject_first_key(self.lex, subj)
        if head not in self.indefinite and head not in self.located_heads:
            return subj
        text = dc.text
        if dc.first_key(subj[0]) in self.partitive:
            subj = self._extend_partitive(dc, subj, limit)
            if head in self.count_heads:
                return subj  # «هزاران نفر از ساکنان X در اولین سالگرد …»: the «در» phrase is the event's
        m = _IN.match(text, subj[1])
        if not m or m.end() >= limit:
            return subj
        lead = self.lex.lead_re.match(text, m.start(), limit) if self.lex.lead_re is not None else None
        if lead and lead.end() > m.end():
            return subj  # «یک استاد دانشگاه در ادامه افزود», «… در این زمینه گفت»: a connective, no place
        end = subj[1]
        n = 0
        # (the words up to the cue only: «یک منبع در سازمان ملل گفت» is no speaker «… سازمان ملل گفت»)
        ws = list(WORD.finditer(text, m.end(), min(limit, m.end() + 120)))
        for i, w in enumerate(ws):
            gap = text[(end if n else m.end()) : w.start()]
            k = fast_key(w.group())
            two = k + fast_key(ws[i + 1].group()) if i + 1 < len(ws) else ""
            title = (k in self.title_heads and k not in self.office_nouns) or two in self.title_heads
            if gap.strip() or n >= 5 or title or k in self.lex.subject_stops:
                break
            end = w.end()
            n += 1
        return (subj[0], end) if n else subj

    def _extend_org(self, dc: _DocCues, subj: tuple[int, int] | None, limit: int) -> tuple[int, int] | None:
        """A speaker phrase cut at a preposition or «و» inside an organisation's name: «رییس مرکز رسیدگی
        به امور مساجد», «رئیس کمیسیون ویژه نظارت بر اصل ۴۴ مجلس» (the subject scan stops at «به/بر/با/از/و»;
        the entities stage's ORG mention that starts inside the phrase and runs across it names the body)."""
        if subj is None or not dc.mentions:
            return subj
        text = dc.text
        m = _ORG_JOIN.match(text, subj[1])
        if not m:
            return subj
        end = limit if limit > subj[0] else len(text)
        if dc.org_ends is None:  # (once per document: a bisect then finds the few inside the subject)
            dc.org_ends = sorted((m.start, m.end) for m in dc.mentions if m.label == "ORG")
        orgs = dc.org_ends
        best = subj[1]
        for k in range(bisect.bisect_left(orgs, (subj[0], -1)), len(orgs)):
            ms, me = orgs[k]
            if ms >= subj[1]:
                break
            if (
                best < me <= end
                and not _CLAUSE_PUNCT.search(text, subj[1], me)
                and "." not in text[subj[1] : me]
                and not _RA.match(text, me)  # («کمیسیون … بالا بودن تلفات را»: its object)
            ):
                best = me
        return (subj[0], best) if best > subj[1] else subj

    def _extend_title_and(
        self, dc: _DocCues, subj: tuple[int, int] | None, cue: tuple[int, int]
    ) -> tuple[int, int] | None:
        """A title cut at «و» before a singular cue verb: «معاون توسعه مدیریت و منابع استاندار خراسان
        شمالی … خبر داد», «مدیرکل راه و ترابری استان مرکزی … گفت» (an office names two fields joined by
        «و»; a plural verb takes both conjuncts instead, :meth:`_conjoined_subject`). The words after «و»
        run to the next stop word; punctuation, «را» after them or a subject that is no title: unchanged."""
        if subj is None or cue[0] < subj[1]:
            return subj
        text = dc.text
        if text[subj[1] + 1 : subj[1] + 2] != "و" or not _AND.match(text, subj[1]):
            return subj  # (a str test first: most subjects have no «و» after them)
        if text[cue[0] : cue[1]].endswith("ند"):
            return subj
        words, keys = self.lex.span_words(text, subj[0], subj[1])
        if not keys or not (
            keys[0] in self.title_heads or (len(keys) > 1 and keys[0] + keys[1] in self.title_heads)
        ):
            return subj
        start = subj[1] + 3
        rest = self.lex.subject_span(text, start, cue[0], max_words=6)
        if rest is None or rest[0] != _skip_space(text, start) or _RA.match(text, rest[1]):
            return subj
        nxt = dc.first_key(rest[0])
        if nxt in self.title_heads or nxt in self.honorifics:
            return subj  # «معاون رئیس جمهور و رئیس کمیته عالی»: a second title, kept apart as before
        if _CLAUSE_PUNCT.search(text, subj[1], rest[1]) or "." in text[subj[1] : rest[1]]:
            return subj
        return subj[0], rest[1]

    def _extend_partitive(self, dc: _DocCues, subj: tuple[int, int], limit: int) -> tuple[int, int]:
        """«یکی از مقامات پاکستانی»: a partitive head alone («یکی») keeps its «از X» (up to five words,
        to a stop word such as «که»)."""
        text = dc.text
        m = _OF.match(text, subj[1])
        if not m:
            return subj
        if subj[1] - subj[0] > 8:
            # «هزاران نفر از ساکنان …»: a count head with its counted noun still takes its «از X»
            words = text[subj[0] : subj[1]].split()
            if len(words) != 2 or words[1] not in ("نفر", "تن"):
                return subj
        end, n = m.end(), 0
        for w in WORD.finditer(text, m.end(), min(limit, m.end() + 100)):  # (never into the cue verb)
            if text[end : w.start()].strip() or n >= 5 or fast_key(w.group()) in self.lex.subject_stops:
                break
            end = w.end()
            n += 1
        return (subj[0], end) if n else subj

    def _merge_lead(self, resolved: list[Any], paras: list[tuple[int, int]]) -> None:
        """The lead announces the speaker by a title, the body names them: one person (the convention
        of news leads; see tests/gold/README.md)."""
        if not resolved or not paras:
            return
        lead_end = paras[0][1]
        s, _e, c, person, surface, _how = resolved[0]
        if person is None or s > lead_end or person.named:
            return
        if person.group and fast_key(surface.split()[0]) not in ("یک", "یکی"):
            return  # «شاهدان عینی»: a group, not the person the body names
        for s2, _e2, _c2, p2, _surf2, _how2 in resolved[1:]:
            if s2 <= lead_end or p2 is None:
                continue
            p2 = p2.final()
            if p2.group and p2 is not person:
                continue  # «یک مقام ایرانی» in the body before the person is named
            if p2 is not person and p2.named:
                person.merged_into = p2
            return

    def _cue_candidate(
        self, dc: _DocCues, cue: tuple[int, int, CueInfo], ls: int, sent: tuple[int, int]
    ) -> _Cand | None:
        text, (cs, ce, info) = dc.text, cue
        if text.find("که", ls, cs) >= 0:  # (the test _complement_start makes first, without the call)
            ls = self._complement_start(text, ls, cs, dc)
        if info.statement:
            return self._statement_candidate(dc, cue, ls, sent)
        subj = self.lex.subject_span(text, ls, cs)
        if subj is not None:
            # «آدلاید در ۹ بازی … باز شده است، اما ویدمار می‌گوید:»: the subject of the sentence's first
            # clause is not the cue's; the clause after the last «، اما/ولی» before the cue has its own
            last = max(self.comma_conj_re.finditer(text, subj[1], cs), key=lambda m: m.start(), default=None)
            if (
                last is not None
                and (alt := self.lex.subject_span(text, last.end(), cs)) is not None
                and not text[alt[1] : cs].strip(" \u200c")
                and not (" " not in text[alt[0] : alt[1]] and fast_key(text[alt[0] : alt[1]]) in self.everyday())
            ):
                # (only a subject right before the cue, and no lone everyday word: «، اما باید اذعان کرد …»)
                subj = alt
        if subj is None and "در" in text[ls:cs]:
            # «همچنین در این جلسه نماینده مردم بیله‌سوار … نیز گفت:»: an event's place phrase opens the
            # clause without a comma, so the scan stopped at its «در»; the subject follows it
            pp = _EVENT_PP.search(text, ls, cs)
            if pp is not None and not text[ls : pp.start()].strip(" \u200c،,") or (
                pp is not None and self.lex.lead_re.fullmatch(text, ls, pp.start())
            ):
                subj = self.lex.subject_span(text, pp.end(), cs)
        joint = None
        if subj is not None:
            # (both helpers start by asking for «و» after the subject: most subjects have none)
            if text[subj[1] + 1 : subj[1] + 2] == "و":
                subj = self._conjoined_name(text, subj, dc.mentions)
                if text[cs:ce].endswith("ند") and text[subj[1] + 1 : subj[1] + 2] == "و":
                    subj = self._conjoined_subject(text, subj, cs)
            if text[cs:ce].endswith("ند") and _AND_NEAR.search(text, subj[0], min(cs, subj[1] + 4)):
                pair = self._joint_people(text, subj, cs, dc.mentions)
                if pair is not None:
                    subj, joint = pair
            # the subject's words and keys, read once for the checks below (dc.subject_first_key and
            # _outlet_subject read the same lists)
            words, keys = self.lex.span_words(text, subj[0], subj[1])
            first = keys[0] if words and text.startswith(words[0], subj[0]) else dc.first_key(subj[0])
            if first in self.nonhuman:
                return None  # «ارقام قوی فرصت‌های شغلی … خبر داد»: figures report, nobody speaks
            if (dc.outlet_spans and dc.overlaps_outlet(subj)) or self._outlet_keys(keys):
                return _Cand(ce, info.cue, (cs, ce), "outlet", _turn_start(text, ls, sent, subj), subj)
        p = _skip_space(text, ce)
        nxt = text[p] if p < len(text) else ""
        if nxt == ":":
            start = _after_colon(text, p)
            if start is None:
                return None
            return _Cand(
                start, info.cue, (cs, ce), "direct", _turn_start(text, ls, sent, subj), subj, joint=joint
            )
        if info.kind != "speech" or (info.colon_only and not info.az_object):
            return None
        lo = subj[1] if subj else ls
        between = text[lo:cs]
        tm = self.that_re.search(between) if "این" in between else None  # (every marker has «این»)
        if tm:
            between = between[: tm.start()]  # the «اینکه» clause is content, not the verb's object
        # the keys of its words (WORD.findall's, keyed), by the lexicon's split-based reader
        between_words = self.lex.span_words(text, lo, lo + tm.start() if tm else cs)[1]
        if info.az_object and ("از" in between_words or not _KE.match(text, p)):
            # «X از Y خبر داد»: the content is the «از» object («X خبر داد که …» is read as «گفت که»)
            if "از" not in between_words:
                return None
            m = self._az_object(between)
            if m is None:
                return None
            start = _skip_space(text, (subj[1] if subj else ls) + m.end())
            if cs - start < 8:
                return None
            return _Cand(
                start, info.cue, (cs, ce), "indirect", _turn_start(text, ls, sent, subj), subj, end_hint=cs
            )
        if info.colon_only or not nxt or nxt in ".!؟?\n;؛)»":
            return None
        if "را" in between_words or "بر" in between_words or "خواهد" in between_words:
            return None  # an object («… را اعلام کرد»), «بر X تاکید کرد»: no reported content
        m = WORD.match(text, p)
        if nxt == "،":
            start = _skip_space(text, p + 1)
        elif m and m.group() in ("که",):
            start = _skip_space(text, m.end())
        elif m and m.group() in ("و", "تا", "ولی", "اما", "زیرا", "چون"):
            return None
        elif m or nxt in '«"“':
            start = p
        else:
            return None
        if start < len(text) and text[start] in '«"“':
            start += 1
        if sent[1] - start < 8:
            return None
        return _Cand(start, info.cue, (cs, ce), "indirect", _turn_start(text, ls, sent, subj), subj, joint=joint)

    def _joint_people(
        self, text: str, subj: tuple[int, int], cs: int, mentions: list[Span]
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """Two people who speak together, «(در پایان این برنامه) «فرید عمران» و «امیر صراف» … خاطر نشان
        کردند:» (a plural cue verb): a person's name that ends the subject (or runs inside it), then «و»,
        then another person's name before the cue. A name is a person mention of the entities stage, or
        a phrase in quote marks of two or three words opening with a given name and holding no title or
        everyday word. (The subject, then the second name.) Groups stay one speaker: «منابع پلیس و
        ساکنان محلی», «وزیر X و همتای Y».)"""
        names = {
            m.start: (m.start, m.end, True)
            for m in mentions
            if m.label == "PER" and m.attrs.get("kind") == "name" and subj[0] <= m.start and m.end <= cs
        }
        for q in _GUILLEMET_PHRASE.finditer(text, subj[0], cs):
            if q.start(1) not in names:
                like = self._person_like(q.group(1))
                if like is not None:
                    names[q.start(1)] = (q.start(1), q.end(1), like)
        for a1, e1, sure1 in sorted(names.values()):
            if e1 > subj[1] + 1:
                break
            a = _JOINT_AND.match(text, e1)
            second = names.get(a.end()) if a is not None else None
            if second is None or not (sure1 or second[2]):
                continue  # (two phrases in quote marks: one at least must open with a given name)
            if e1 >= subj[1] - 1 or second[1] <= subj[1]:
                return (a1, e1), (second[0], second[1])
        return None

    def _person_like(self, phrase: str) -> bool | None:
        """A name in quote marks («فرید عمران»): two or three words, no title, verb or stop word; True when
        it opens with a given name and holds no everyday word after it, False when it may be a name, None
        when it is none."""
        keys = word_keys(phrase.split())
        stops = self.lex.subject_stops
        given = keys[0] in self.given_names  # («امیر» is a given name and a title head)
        if not 2 <= len(keys) <= 3 or any(
            (k in self.title_heads and not (i == 0 and given)) or k in self.verb_words or k in stops or not k.isalpha()
            for i, k in enumerate(keys)
        ):
            return None
        everyday = self.everyday()
        return given and not any(k in everyday for k in keys[1:])


class _People:
    """The speakers of one document, as they are found (local to one call: no state between documents)."""

    def __init__(
        self,
        stage: QuoteStage,
        doc: Document,
        sent_starts: list[int],
        sentence_subject: Callable[[int], tuple[int, int] | None],
        sent_ends: list[int] | None = None,
    ) -> None:
        self.stage = stage
        self.doc = doc
        self.kb = stage.kb
        self.people: list[_Person] = []
        self._orgs: dict[str, str | None] = {}  # memo of _headed_org
        self._glued: dict[str, tuple[str, str] | None] = {}  # memo of _glued_title
        self._per: list[Span] | None = None  # the person mentions, listed when first asked for
        # their starts in order and the greatest end up to each (see _plausible_name), made when first asked
        self._per_index: tuple[list[int], list[int]] | None = None
        self._states: dict[str, int] | None = None  # mentions per state code, counted when first asked for
        self.last: _Person | None = None
        self.last_pos = -1
        # subjects of sentences, for pronouns whose antecedent is no speaker
        self.sent_starts = sent_starts
        self.sentence_subject = sentence_subject
        self.sent_ends = sent_ends  # None: the sentences are not in order (no shortcut)
        # the quotations' candidates and the paragraphs (set by the stage), and the cue starts and subjects
        # in text order (made from them when first asked): read by the sole-speaker rule only (_new_turn)
        self.cands: list[_Cand] = []
        self.paras: list[tuple[int, int]] = []
        self._turns: tuple[list[int], list[tuple[int, int] | None]] | None = None

    # -- helpers ------------------------------------------------------------------------------------
    def mention_person(self, s: int, e: int) -> _Person | None:
        """A person the entities stage linked at ``[s, e)``, used only when this stage found none."""
        for m in self.doc.spans("mentions"):
            if m.start < e and m.end > s and m.label == "PER" and m.attrs.get("entity"):
                ent = self.doc.entity(str(m.attrs["entity"]))
                if ent is not None:
                    p = next((x for x in self.people if x.entity == ent.id), None)
                    if p is None:
                        p = _Person(display=ent.name, entity=ent.id, kb_id=ent.kb_id, kb_name=ent.name)
                        words = ent.name.split()
                        while len(words) > 1 and fast_key(words[0]) in self.stage.honorifics_only:
                            words = words[1:]
                        nkeys = [fast_key(w) for w in words]
                        # the surname too: «نهاوندیان … افزود» after «وی» found «محمد نهاوندیان» here
                        full_key = fast_key(" ".join(words))
                        given = self.stage.given_names
                        p.name_keys.update(_surname_keys(full_key, nkeys, given) if nkeys else ())
                        self.people.append(p)
                    return p
        return None

    def comma_title(self, p: _Person, subj_end: int, cue_start: int) -> None:
        """Keeps the title set off by a comma after a speaker's name («ژنرال محمد ظهیر عظیمی، سخنگوی
        وزارت دفاع افغانستان نیز گفت»; the subject scan stops at the comma): a later title that is not
        this one («رئیس پلیس کابل گفت») then is no title of an untitled previous speaker."""
        text = self.doc.text
        after = _skip_space(text, subj_end)
        if text[after : after + 1] not in ("،", ",") or after >= cue_start:
            return
        seg = text[after + 1 : min(cue_start, after + 120)]
        cut = _CLAUSE_STOP.search(seg)
        words = (seg[: cut.start()] if cut else seg).split()
        st = self.stage
        if not words:
            return
        if not (_is_title_word(fast_key(words[0]), st) or _two_word_title(word_keys(words[:2]), 0, st)):
            return
        out = []
        for w in words:
            k = fast_key(w)
            if k in st.title_stops or not w.replace("‌", "").isalpha():
                break
            out.append(w)
        if len(out) >= 2:
            self._add_title(p, " ".join(out))

    def tie_entity(self, p: _Person) -> None:
        """Ties a named speaker this stage found to the entities stage's person of the same full name
        («سید هادی حسینی» to the entity «هادی حسینی»): the quote then names the document's entity, with
        every surface the document gives it, instead of a second, unlinked person. Only a full name of two
        words or more ties (a surname alone may be another person's)."""
        if p.group or p.kb_id or p.tied:
            return
        p.tied = True
        keys = {k for n in (p.full_name, p.display) if n and (k := self._full_name_key(n))}
        if not keys:
            return
        for ent in self.doc.entities:
            if ent.type == "PER" and fast_key(ent.name) in keys:
                p.entity = ent.id
                return
        # …or to the person a PER mention of that very form is linked to («سیدمهران نوربخش», a surface of
        # the entity «مهران نوربخش»: the entities stage separates a joined «سید», this stage keeps it)
        text = self.doc.text
        for m in self.doc.spans("mentions"):
            if m.label == "PER" and m.attrs.get("entity") and fast_key(text[m.start : m.end]) in keys:
                p.entity = m.attrs["entity"]
                return

    def _kb_lookup(self, phrase: str) -> Any:
        if self.kb is None or not phrase:
            return None
        return self._kb_pick(self.stage.lookup(phrase))

    def _kb_pick(self, entries: list[Any]) -> Any:
        """The one person (else the one organisation or country) among KB entries, or None."""
        hits = [e for e in entries if e.kind in ("people", "organisations", "countries")]
        people = [e for e in hits if e.kind == "people"]
        if len(people) == 1:
            return people[0]
        if not people and len(hits) == 1:
            return hits[0]
        return None

    def _countries(self, words: list[str]) -> set[str]:
        """Actor codes of the countries a title names («وزیر خارجه کوبا» → CUB; «کشورمان» → IRN)."""
        out: set[str] = set()
        if self.kb is None:
            return out
        cache = self.stage._word_countries
        for w in words:
            codes = cache.get(w)
            if codes is None:
                if len(cache) > 100_000:  # a bound: titles are few, but the words are the corpus's
                    cache.clear()
                if fast_key(w) == "کشورمان":
                    codes = ("IRN",)
                else:
                    codes = tuple(e.code for e in self.stage.lookup(w) if e.kind == "countries" and e.code)
                cache[w] = codes
            out.update(codes)
        return out

    def _offices(self, entry: Any) -> set[str]:
        date = self.doc.published
        keys: set[str] = set()
        for off, off_keys in self.stage.entry_offices.get(entry.id, []):
            if date and not in_tenure(date, off.get("start"), off.get("end")):
                continue
            keys |= off_keys
        return keys

    def _by_kb(self, entry: Any) -> _Person:
        for p in self.people:
            if p.kb_id == entry.id:
                return p
        p = _Person(kb_id=entry.id, kb_name=entry.name)
        p.office_keys = self._offices(entry) if entry.kind == "people" else set()
        p.country = entry.code
        p.name_keys |= self.stage.name_keys(entry)
        if entry.kind == "people":
            # the surname as well, as for a person the document names: «نهاوندیان … افزود» is the KB's
            # «محمد نهاوندیان» found a sentence before
            words = _clean_name(entry.name).split()
            while len(words) > 1 and fast_key(words[0]) in self.stage.honorifics_only:
                words = words[1:]
            if len(words) >= 2:
                nkeys = [fast_key(w) for w in words]
                p.name_keys.update(_surname_keys(fast_key(" ".join(words)), nkeys, self.stage.given_names))
        ent = next((x for x in self.doc.entities if x.kb_id == entry.id), None)
        if ent is not None:
            p.entity = ent.id
        self.people.append(p)
        return p

    def _add_title(self, p: _Person, title: str) -> None:
        k = self.stage.title_key(title)
        if k and k not in p.title_keys:
            p.titles.append(title)
            p.title_keys.add(k)
            p.title_cores.add(_core(title))
            p.countries |= self._countries(title.split())

    def _title_match(self, p: _Person, title: str) -> bool:
        k = self.stage.title_key(title)
        for t in p.title_keys | p.office_keys:
            if t and (k == t or (len(t) >= 6 and k.startswith(t)) or (len(k) >= 6 and t.startswith(k))):
                return True
        org = self._headed_org(title)
        if org and any(self._headed_org(t) == org for t in p.titles):
            return True  # «مدیر کمیته امداد شهرستان چگنی» = «رئیس کمیته امداد شهرستان چگنی»
        if any(_sub_title(title, t) or _typo_title(title, t) for t in p.titles):
            return True  # «مدافع تیم انگلیس» = «مدافع تیم ملی فوتبال انگلیس»; «انتشارت» = «انتشارات»
        if _core(title) in p.title_cores and len(title.split()) >= 2:
            # «مدیر ورزشی رم» after «مدیر ورزشی جدید جالوروسی»: same office, unless the countries differ
            theirs = p.countries | ({p.country} if p.country else set())
            ours = self._countries(title.split())
            return not (ours and theirs and not ours & theirs)
        return False

    def _full_name_in_text(self, surname: str) -> str | None:
        """The fuller name the document gives a surname elsewhere: the first person mention of the
        entities stage of two to four words ending with it."""
        if "mentions" not in self.doc.layers:
            return None
        for m in self.doc.spans("mentions"):
            if m.label != "PER":
                continue
            words = _clean_name(self.doc.span_text(m)).split()
            while len(words) > 1 and fast_key(words[0]) in self.stage.honorifics_only:
                words = words[1:]  # «شیخ کربلایی» names «کربلایی» no better
            if 2 <= len(words) <= 4 and fast_key(words[-1]) == surname:
                return " ".join(words)
        return None

    def _apposed_name(self, title: str, pos: int) -> _Person | None:
        """The person the text names next to this very title («با سیدحسین نقوی‌حسینی نماینده مردم …»,
        «حسن روحانی، دبیر شورای عالی امنیت ملی»): a person mention of the entities stage right before
        the title's words (spaces, a comma or quote marks between) or right after them (spaces or quote
        marks only: «معاون X، صنایع‌دستی …» is a list, not a name). News introduce an official by title
        in the lead and name them with that title in the body; in the body a title refers back to a
        name given before it, so there only an apposition before ``pos`` counts."""
        words = title.split()
        if len(words) < 2 or not _is_title_word(fast_key(words[0]), self.stage):
            return None  # («رئیس» alone is no evidence; «روابط عمومی X» is no title)
        people_mentions = self._per_mentions()
        if not people_mentions:
            return None
        text = self.doc.text
        limit = len(text) if pos < self._lead_end() else pos
        size = len(title)
        # where the title occurs (one str.find pass; overlapping occurrences too): a mention with none
        # starting 0-4 characters after its end, or ending 0-3 characters before its start, passes
        # neither test below, which is most mentions (tested without the character-by-character scans)
        occ: list[int] = []
        o = text.find(title)
        while o >= 0:
            occ.append(o)
            o = text.find(title, o + 1)
        for m in people_mentions:
            for o in occ:
                if m.end <= o <= m.end + 4 or m.start - 3 <= o + size <= m.start:
                    break
            else:
                continue
            # the title right after the name (a comma or quote marks between), or right before it
            p = m.end
            while p < len(text) and p - m.end < 4 and text[p] in _APPOSITION_CHARS:
                p += 1
            after = text.startswith(title, p) and p < limit and not _word_char_at(text, p + size)
            q = m.start
            while q > 0 and m.start - q < 3 and text[q - 1] in _NAME_CHARS:
                q -= 1
            before = (
                q - size >= 0
                and q - size < limit
                and text.startswith(title, q - size)
                and not _word_char_at(text, q - size - 1)
            )
            if after or before:
                person = self._mention_person(m)
                if person is not None:
                    return person
        return None

    def _per_mentions(self) -> list[Span]:
        if self._per is None:
            spans = self.doc.spans("mentions") if "mentions" in self.doc.layers else []
            self._per = [m for m in spans if m.label == "PER"]
        return self._per

    def _lead_end(self) -> int:
        paras = self.doc.spans("paragraphs")
        return paras[0].end if paras else 0

    def _mention_person(self, m: Span) -> _Person | None:
        """The speaker a person mention names (a KB person when the entities stage linked one), or None
        when the mention does not look like a name (a title, an outlet, five words or more)."""
        words = _clean_name(self.doc.span_text(m)).split()
        keys = [fast_key(w) for w in words]
        while len(words) > 1 and keys[0] in self.stage.honorifics_only:  # («سید» is kept: part of the name)
            words, keys = words[1:], keys[1:]
        if len(words) > 4 or _is_title_word(keys[0], self.stage) or keys[0] in self.stage.outlet_heads:
            return None
        ent_id = m.attrs.get("entity")
        ent = self.doc.entity(str(ent_id)) if ent_id else None
        if ent is not None and ent.kb_id and self.kb is not None:
            entry = self.kb.get(ent.kb_id)
            if entry is not None and entry.kind == "people":
                return self._by_kb(entry)
        full = "".join(keys)
        for p in self.people:
            if not p.group and full in p.name_keys:
                return p
        name = " ".join(words)
        p = _Person(display=name, full_name=name if len(words) >= 2 else None)
        if ent is not None:
            p.entity = ent.id
        p.name_keys.update(_surname_keys(full, keys, self.stage.given_names))
        self.people.append(p)
        return p

    def _plausible_name(self, name_words: list[str], span: tuple[int, int]) -> bool:
        """Whether a sentence subject no cue introduces can be a new person's name: two to four words
        without digits or an outlet head, and a person mention of the entities stage there when that
        stage ran («باقی مبلغ پرداختی» or a sub-heading is no antecedent for «این مقام»)."""
        if not 2 <= len(name_words) <= 4 or any(map(str.isdigit, "".join(name_words))):
            return False
        if fast_key(name_words[0]) in self.stage.outlet_heads:
            return False
        if "mentions" not in self.doc.layers:
            return True
        # the mention covers the subject's first word: a name does not start inside «دولت خبرگزاری فارس …»
        first = WORD.match(self.doc.text, span[0])
        head_end = first.end() if first else span[1]
        # a PER mention starting before head_end and ending after span[0]: by the per-document index
        # (starts in order, the greatest end so far), not a loop over every mention of the document
        if self._per_index is None:
            per = sorted(self._per_mentions(), key=lambda m: m.start)
            self._per_index = ([m.start for m in per], list(itertools.accumulate((m.end for m in per), max)))
        starts, max_ends = self._per_index
        k = bisect.bisect_left(starts, head_end)
        return k > 0 and max_ends[k - 1] > span[0]

    def _headed_org(self, title: str) -> str | None:
        """The body a title heads («رئیس/مدیر/سرپرست X» → key of X, two words at least), else None."""
        if title in self._orgs:  # (asked for every title of every person a new title is compared with)
            return self._orgs[title]
        org = None
        words = title.split()
        for n in (2, 1):
            if len(words) >= n + 2 and fast_key(" ".join(words[:n])) in self.stage.head_titles:
                org = fast_key(" ".join(words[n:]))
                break
        self._orgs[title] = org
        return org

    def _set_last(self, p: _Person, pos: int) -> None:
        self.last = p
        self.last_pos = pos

    # -- resolution ---------------------------------------------------------------------------------
    def resolve(
        self, subj: tuple[int, int] | None, cue_span: tuple[int, int], probe: bool = False
    ) -> tuple[_Person | None, str, str]:
        """(person, surface text, how it was resolved). ``probe``: a sentence subject, not a speaker."""
        text = self.doc.text
        if subj is None:
            # a dropped subject continues the previous speaker's turn («… و افزود:»)
            if self.last is not None:
                return self.last, "", "previous_speaker"
            return None, "", "unresolved"
        words, keys = self.stage.lex.span_words(text, subj[0], subj[1])  # (read-only: lists of a cache)
        if "ا" in words:  # «ا...» abbreviates «الله»
            words = [g if g != "ا" else "الله" for g in words]
            keys = word_keys(words)
        surface = _clean_name(text[subj[0] : subj[1]])
        if len(words) > 1 and keys[-1] in _REFLEXIVES:
            words, keys = words[:-1], keys[:-1]  # «مقدمی خود تصریح کرد»: «خود» stresses the subject
        if not words:
            return None, surface, "unresolved"
        if len(words) > 2 and keys[0] == "یک" and keys[1] in self.stage.document_nouns:
            # «یک بیانیه ارتش آمریکا … خبر داد»: a document of a named issuer speaks for the issuer (as «در
            # بیانیه X آمده است:» does). Only the indefinite form: a bare «پیام» may be a given name.
            j = 2
            while j < len(keys) and keys[j] in self.stage.document_modifiers:
                j += 1
            if j < len(keys):
                words, keys = words[j:], keys[j:]
                surface = " ".join(words)
        particle = ""  # «سید» is part of the name as written; titles of respect («دکتر») are not
        while len(words) > 1 and not self._honorific_is_title(subj, keys):
            if len(words) > 2 and keys[0] + keys[1] in self.stage.honorifics:
                words, keys = words[2:], keys[2:]  # «سرهنگ دوم», «حجت الاسلام» written with a space
                continue
            if keys[0] not in self.stage.honorifics:
                break
            if keys[0] in self.stage.name_particles:
                particle = words[0]
            words, keys = words[1:], keys[1:]
        st = self.stage
        if keys[0][:3] in st.glued_prefixes and keys[0] not in st.title_heads:
            glued = self._glued_title(keys[0])
            if glued is not None:  # «مدیرگمرک استان زنجان» is the title «مدیر گمرک استان زنجان»
                words, keys = [*glued, *words[1:]], [*glued, *keys[1:]]
        if len(words) > 1 and keys[0] in st.company_heads and st.brand_name(words[1:], keys[1:]):
            words, keys = words[1:], keys[1:]  # «شرکت Iomega اعلام کرد»: the company speaks by its name
        if len(words) > 1 and keys[0] not in st.partitive:
            # «مولوی عبدالعزیز یکی از رهبران قبایل …»: a partitive after a name opens its apposition
            # (the subject scan stops at «از»); the name is the words before it. So does an epithet
            # («لوسیانو پریرا ملقب به شیمبا»).
            for i in range(1, len(keys)):
                if keys[i] in st.partitive or keys[i] in st.epithet_heads:
                    words, keys = words[:i], keys[:i]
                    break
        if keys[0] in st.document_nouns and all(k in st.document_modifiers for k in keys[1:]):
            # «بیانیه در ادامه می‌افزاید:»: the document named bare speaks for its issuer, the previous
            # speaker (not a sentence subject in between: «اعضای شرکت‌کننده …» of the statement's text)
            if probe or self.last is None:
                return None, surface, "unresolved"
            return self.last, surface, "previous_speaker"
        if keys[0] in st.pronouns or (
            keys[0] in st.demonstratives
            and len(words) > 1
            # «این مسئول», «این دیپلمات ایرانی», «این استاد دانشگاه فیزیک عین الشمس»
            and (len(words) <= 4 or _is_title_word(keys[1], st) or _two_word_title(keys, 1, st))
        ):
            if probe:
                return None, surface, "unresolved"
            if len(words) > 1 and keys[0] in st.demonstratives:
                # «این سخنگوی وزارت خارجه»: a person who already holds that title, else the antecedent
                rest = " ".join(words[1:])
                for p in reversed(self.people):
                    if not p.group and self._title_match(p, rest):
                        self._set_last(p, cue_span[0])
                        return p, surface, "title"
            ante = self._antecedent(subj[0])
            return (ante, surface, "pronoun") if ante else (None, surface, "unresolved")
        if keys[0] in st.indefinite or "".join(keys[:2]) in st.indefinite:
            if probe and not (keys[0] in st.singular_indefinite and len(words) >= 3):
                return None, surface, "unresolved"
            # (a probe: «یکی از اعضای مجلس … درخواست کرد»; «این مقام» after it refers to that one person)
            p = _Person(display=surface, group=True)
            self.people.append(p)
            self._set_last(p, cue_span[0])
            return p, surface, "group"
        skey = "".join(keys)
        for g in reversed(self.people):
            if g.group and len(skey) >= 6 and skey in fast_key(g.display):
                self._set_last(g, cue_span[0])
                return g, surface, "group"
        # a name the KB knows, possibly with a title in apposition (before or after it)
        by_key = self.kb.by_key if self.kb is not None else {}
        # QuoteStage.lookup's keys (a word of letters only has no ZWNJ or hyphen to drop)
        kb_keys = [w if w.isalpha() else w.replace("\u200c", "").replace("-", "") for w in words]
        # (every name key of the document's people in one set: most ranges name nobody, and one set
        # test is cheaper than asking each person; people change only on the paths that return)
        # (no people yet: no set, and no range is joined for it below)
        doc_names = set().union(*[x.name_keys for x in self.people]) if self.people else _NO_NAMES
        # a subject opening with a name of two words or more, then a title: a name after the title is the
        # title's complement («ابوالحسن فقیه قائم مقام ستاد انتخاباتی احمدی‌نژاد»), not the speaker
        # (_is_title_word / _two_word_title and _relational_before inlined: a call per word and per range;
        # a loop, not next() over a generator)
        heads, nk = st.title_heads, len(keys)
        first_title = None
        for i, k in enumerate(keys):
            if k in heads or (i + 1 < nk and k + keys[i + 1] in heads):
                first_title = i
                break
        after_title = first_title if first_title is not None and first_title >= 2 else nk
        rel, kb_starts = st.relational, st.kb_prefixes
        for a, b in _subranges(len(words)):
            if a and (keys[a - 1] in rel or (a >= 2 and keys[a - 2] + keys[a - 1] in rel)):
                continue  # «نماینده مقام معظم رهبری»: whose representative the speaker is, not the speaker
            if a > after_title:
                continue  # (a name after the first title, which is the subject's third word or later)
            key = "".join(keys[a:b]) if doc_names else ""
            if doc_names and key in doc_names and not (
                a > 0
                and b - a == 1
                and keys[a - 1] in st.given_names
                and not self._titled(keys, a)
                and not any(n.endswith(keys[a - 1] + key) for x in self.people for n in x.name_keys)
            ):
                # (not «قاسم محمدی» for the document's «مجید محمدی»: another given name, another person;
                # «غلامرضا موسوی» is the document's «سیدغلامرضا موسوی»)
                doc_p = next((x for x in self.people if key in x.name_keys), None)
                # (a title word alone names nobody, unless it is the whole subject and a surname the
                # document gave: «دبیر گفت» after «علیرضا دبیر»)
                if doc_p is not None and (b - a > 1 or not _is_title_word(key, st) or len(words) == 1):
                    self._apposition(doc_p, words, a, b)
                    self._set_last(doc_p, cue_span[0])
                    return doc_p, surface, "document"
            # the KB look-up first: most ranges name nothing, and the checks below only skip it
            if kb_keys[a] not in kb_starts:
                continue  # (no KB key begins with this word's key: one set test, no joined key)
            ids = by_key.get("".join(kb_keys[a:b]))
            if not ids:
                continue
            if (
                b - a == 1
                and a == 0
                and b < len(words)
                and not (_is_title_word(keys[b], st) or _two_word_title(keys, b, st))
            ):
                continue  # «راب لودویک»: one word of a longer name is no KB name («راب» ≠ Dominic Raab)
            if b - a == 1 and _is_title_word(keys[a], st):
                continue  # a title word alone («رئیس») names nobody
            if a > 0 and (b - a == 1 or keys[a - 1] in st.given_names) and not self._titled(keys, a):
                # «جعفر علی‌آبادی»: a given name before a KB surname is another person's (the KB's full
                # names were tried first, as the longer ranges); so is a given name before a KB full name
                # («میر محمد حسینی قلعه جوق» is not the KB's «محمد حسینی»; «امیرخلبان عزیز نصیرزاده» is)
                continue
            if b - a > 1 and a == 0 and b < len(words) and self._name_goes_on(keys, b):
                continue  # «محمد حسینی قلعه جوق»: the KB's «محمد حسینی» is part of a longer name
            phrase = " ".join(words[a:b])
            entry = self._kb_pick([self.kb.entries[i] for i in ids])
            if entry is not None and entry.kind != "people" and (a, b) != (0, len(words)):
                entry = None  # «دبیر شورای عالی امنیت ملی»: an organisation inside a title names no speaker
            if entry is not None and a > 0 and entry.kind == "people" and self._in_org_name(subj, phrase):
                continue  # «سرپرست کمیته امداد امام خمینی»: the name is part of an organisation's
            if entry is not None:
                p = self._by_kb(entry)
                if b - a >= 2 and p.full_name is None and entry.kind == "people":
                    p.full_name = _clean_name(phrase)
                self._apposition(p, words, a, b)
                self._set_last(p, cue_span[0])
                return p, surface, "kb"
        title_at = first_title
        if title_at == 1 and keys[0] in st.title_premodifiers:
            title_at = 0  # «نخستین مربی هادی ساعی»: a title, opened by an ordinal
        quoted = "«" in text[max(0, subj[0] - 1) : subj[1]] or '"' in text[max(0, subj[0] - 1) : subj[1]]
        obj_name = None  # a name that ends where the verb's object begins (a subject before «را»)
        obj = _RA.match(text, subj[1]) is not None
        if title_at is None and len(words) > 3 and not quoted and not obj:
            # «حمید بیرانوند تکنیک‌های بکار رفته در این کارها را … عنوان کرد»: the scan stopped at «در»
            # inside the object; its «را» comes later in the same clause
            obj = _object_ahead(text, subj[1], cue_span[0])
        if title_at is None and len(words) > 3 and not quoted:
            # (without «را»: a name the entities stage found, then an everyday word — «محمد رودباری
            # خواستار همکاری مناسب مجموعه … شد»: a predicate noun, not more of the name)
            # (a lone surname there only before «را», as before this rule: «مخبر کمیسیون آموزش و تحقیقات
            # مجلس گفت» is the rapporteur, though «مخبر» is also a KB surname)
            obj_name = self._name_prefix(subj, keys, obj, surnames=obj)
        if title_at == 0 or (
            title_at is None
            and obj_name is None
            and len(words) > 3
            and not quoted
            and (obj or not self._long_name(subj, keys, cue_span[0]))
        ):
            # a title, or a description longer than a name («مرد شماره دو شبکه القاعده»)
            if probe and title_at is None:
                return None, surface, "unresolved"
            also = _ALSO.search(text, subj[1], cue_span[0]) is not None
            # «X نیز» right after the title: a second speaker («مدیرکل راه … نیز … بیان داشت»), never the
            # previous one; «X در مورد Y نیز گفت» (the «نیز» of another phrase) does not say so
            also_next = also and _ALSO.match(text, _skip_space(text, subj[1])) is not None
            return self._resolve_title(
                surface, " ".join(words), cue_span[0], probe, also, also_next, subj_start=subj[0]
            )
        if title_at is None and len(words) >= 3:
            # a name, then no title but a description or an object the subject scan ran into («کریس لاو»
            # اقتصاددان آمریکایی; «نهاوندیان همایش رسانه و اقتصاد را … دانست»): the name is the words
            # the quote marks enclose, or the surname of a person the entities stage found there
            k = self._name_prefix(subj, keys, obj)
            if k:
                title_at = k
        name_words = words[:title_at] if title_at else words
        title = " ".join(words[title_at:]) if title_at else ""
        if obj_name or (title_at and obj):
            title = ""  # the words after the name are the object of the verb, not a title
        if probe and len(name_words) < 2 and not quoted:
            return None, surface, "unresolved"
        return self._resolve_name(surface, name_words, title, cue_span[0], particle, subj if probe else None)

    def _glued_title(self, key: str) -> tuple[str, str] | None:
        """(head, rest) when ``key`` is a title head glued to the next word («مدیرگمرک»): the rest has
        three letters or more, is no given name («رئیسعلی») and stands as a word of its own elsewhere in
        the document («گمرک»), so that «مدیریت», «رئیسی» or «دبیرستان» stay words."""
        memo = self._glued
        if key in memo:
            return memo[key]
        out = None
        for h in self.stage.glued_heads:
            rest = key[len(h) :]
            if key.startswith(h) and len(rest) >= 3 and rest not in self.stage.given_names:
                if re.search(r"(?<![\w\u200c])" + re.escape(rest) + r"(?![\w\u200c])", self.doc.text):
                    out = (h, rest)
                break  # (the longest head only: «مدیرکل» before «مدیر»)
        memo[key] = out
        return out

    def _honorific_is_title(self, subj: tuple[int, int], keys: list[str]) -> bool:
        """Whether the subject's first word, an honorific that is also a title head («استاد», «امیر»,
        «سردار»), heads a title here: no name follows it («استاد دانشگاه صنعتی اصفهان», «استاد علم
        اقتصاد»), i.e. the entities stage found no person's name or surname at the next word. Without
        that stage's mentions the honorific is stripped, as before."""
        st = self.stage
        if keys[0] not in st.title_heads or keys[0] not in st.honorifics or keys[1] in st.honorifics:
            return False
        if "mentions" not in self.doc.layers:
            return False
        text = self.doc.text
        ws = WORD.finditer(text, subj[0], subj[1])
        next(ws, None)
        second = next(ws, None)
        if second is None or fast_key(text[subj[0] : second.start()].split()[0]) != keys[0]:
            return False  # (the words were not read from the subject's text: «ا...» made «الله»)
        pos = second.start()
        for m in self._per_mentions():
            if m.start <= pos < m.end and m.attrs.get("kind") in ("name", "surname"):
                return False
        return True

    def _name_prefix(
        self, subj: tuple[int, int], keys: list[str], obj: bool, surnames: bool = True
    ) -> int | None:
        """How many of the subject's first words (``keys``, honorifics stripped) a name spans, when a
        closing quote mark or the end of a person mention falls inside the subject; else None."""
        text = self.doc.text
        o = subj[0]
        while o < subj[1] and text[o].isspace():
            o += 1
        if o > 0 and text[o - 1] in "«\"" and text[o : o + 1] not in "«\"":
            o -= 1  # (the subject may start after the opening mark)
        if text[o : o + 1] in ("«", '"'):
            close = text.find("»" if text[o] == "«" else '"', o + 1, subj[1])
            if close > 0:
                inner = [fast_key(w) for w in _clean_name(text[o + 1 : close]).split()]
                k = len(inner)
                if 1 <= k < len(keys) and keys[:k] == inner:
                    return k
        # a subject right before «را» has run on into the verb's object («حجت‌الاسلام جعفر رحیمی معرفی
        # دستاوردهای انقلاب را … عنوان کرد»): there a full name ends too, after honorifics
        for m in self._per_mentions():
            if m.start >= subj[1]:
                break
            kind = m.attrs.get("kind")
            if m.start < subj[0] or m.end >= subj[1] or kind not in ("surname", "name"):
                continue
            if kind == "surname" and not surnames:
                continue
            if kind == "name" and not obj and (
                not self._everyday_after(m.end, subj[1]) or " " not in text[m.start : m.end].strip()
            ):
                # (a full name may go on: «صادق فرهمند امین»; a surname of a known person ends. Without «را»
                # only a name of two words or more: a lone word the tagger calls a name is as often an
                # office the lexicon lacks — «مخبر کمیسیون آموزش و تحقیقات مجلس گفت», the rapporteur)
                continue
            mk = [fast_key(w) for w in _clean_name(text[m.start : m.end]).split()]
            while len(mk) > 1 and mk[0] in self.stage.honorifics:
                mk = mk[1:]
            k = len(mk)
            before = text[subj[0] : m.start].strip()
            if 1 <= k < len(keys) and keys[:k] == mk and (
                before in ("", "«", '"')
                or (obj and all(fast_key(w) in self.stage.honorifics for w in before.split()))
            ):
                return k
        return None

    def _in_org_name(self, subj: tuple[int, int], phrase: str) -> bool:
        """Whether ``phrase`` (a KB person's name inside the subject) is part of a longer organisation or
        place name the entities stage found there («کمیته امداد امام خمینی», «واحد آیت‌الله آملی»)."""
        k = fast_key(phrase)
        text = self.doc.text
        for m in self.doc.spans("mentions") if "mentions" in self.doc.layers else ():
            if m.start >= subj[1]:
                break
            if m.end > subj[0] and m.label in ("ORG", "LOC", "FAC"):
                mk = fast_key(text[m.start : m.end])
                if k in mk and len(mk) > len(k):
                    return True
        return False

    def _everyday_after(self, pos: int, limit: int) -> bool:
        """Whether the word after ``pos`` (before ``limit``, the subject's end) is an everyday word, no
        name word, and the subject does not end at a comma."""
        text = self.doc.text
        if text[_skip_space(text, limit) : _skip_space(text, limit) + 1] in ("،", ","):
            return False  # («محسن یگانه کاری، عضو …»: a subject ending at a comma is all name)
        w = WORD.search(text, pos, limit)
        return w is not None and fast_key(w.group()) in self.stage.everyday()

    def _long_name(self, subj: tuple[int, int], keys: list[str], cue_start: int) -> bool:
        """Whether a subject of four or five words is one long name, not a description («میر محمد حسینی
        قلعه جوق، امروز … اظهار کرد», «هاشم بنی هاشمی نسب در آیین … افزود»): no word is a title,
        everyday, verb or outlet word or has a digit, and the entities stage found a person's name inside
        it (an epithet, «لوسیانو پریرا ملقب به شیمبا», was cut off before)."""
        st = self.stage
        if len(keys) > 5 or keys[0] in st.outlet_heads:
            return False
        every = st.everyday()
        for k in keys:
            if not k.isalpha() or len(k) < 2 or k in every or k in st.title_heads or k in st.verb_words:
                return False
        return any(
            m.start < subj[1] and subj[0] < m.end and m.attrs.get("kind") == "name"
            for m in self._per_mentions()
        )

    def _name_goes_on(self, keys: list[str], b: int) -> bool:
        """Whether the word at ``b``, right after a KB name, continues that name: no title word, digit or
        everyday word («حسن روحانی امروز», «علی لاریجانی رئیس مجلس» end the name there)."""
        st = self.stage
        k = keys[b]
        if _is_title_word(k, st) or _two_word_title(keys, b, st) or not k.isalpha() or len(k) < 3:
            return False
        return k not in st.everyday() and k not in st.verb_words

    def _titled(self, keys: list[str], a: int) -> bool:
        """Whether the words before ``keys[a]`` hold a title («وزیر خارجه ظریف»), so that the word at
        ``a`` can be a surname in apposition rather than the end of a name with a given name."""
        st = self.stage
        for i in range(a):
            if _is_title_word(keys[i], st) or _two_word_title(keys, i, st):
                return True
        return False

    def _relational_before(self, keys: list[str], a: int) -> bool:
        """Whether the words before ``keys[a]`` end with a title taking a person as complement."""
        rel = self.stage.relational
        return keys[a - 1] in rel or (a >= 2 and keys[a - 2] + keys[a - 1] in rel)

    def _adopt_name(self, p: _Person, name: str, nkeys: list[str], full: str, title: str, pos: int) -> None:
        """A person found again under ``name`` (and ``title``): the fullest name and every key are kept."""
        if len(nkeys) >= 2 and p.full_name is None:
            p.full_name = name
        p.name_keys.update(_surname_keys(full, nkeys, self.stage.given_names))
        if title:
            self._add_title(p, title)
        self._set_last(p, pos)

    def _antecedent(self, pos: int) -> _Person | None:
        """The person a pronoun at ``pos`` refers to: the latest sentence subject naming a person
        after the previous speaker, else the previous speaker."""
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        ends = self.sent_ends
        # The pronoun's own sentence, when only white space comes before the pronoun in it: no word
        # before ``pos`` can start its subject, so the subject starts at ``pos`` or later, or there is
        # none, and the search goes on to the sentence before either way; it is not parsed. (The scan of
        # a sentence subject starts at the sentence start or later when the sentences are in order, and
        # finds words only at word characters.)
        own = i if ends is not None and i >= 0 and not self.doc.text[self.sent_starts[i] : pos].strip() else -1
        while i >= 0:
            if ends is not None and ends[i] <= self.last_pos:
                # this sentence's subject (and every earlier one's) starts before the previous speaker's
                # cue: the search would stop without a new antecedent, so its subject is not parsed
                break
            if i == own:
                i -= 1
                continue
            subj = self.sentence_subject(i)
            i -= 1
            if subj is None or subj[0] >= pos:
                continue
            s, e = subj
            if s <= self.last_pos:
                break
            p, _, how = self.resolve((s, e), (s, e), probe=True)
            if p is not None and how != "unresolved" and (not p.group or self._one_of(s)):
                self._set_last(p, s)
                return p
        return self.last

    def _one_of(self, pos: int) -> bool:
        """Whether the phrase at ``pos`` names one unnamed person («یکی از اعضای …», «یک مقام …»)."""
        m = WORD.match(self.doc.text, pos)
        return m is not None and fast_key(m.group()) in self.stage.singular_indefinite

    def _apposition(self, p: _Person, words: list[str], a: int, b: int) -> None:
        rest = " ".join(words[b:]) if b < len(words) else " ".join(words[:a])
        if rest and _is_title_word(fast_key(rest.split()[0]), self.stage):
            self._add_title(p, rest)

    def _resolve_title(
        self,
        surface: str,
        title: str,
        pos: int,
        probe: bool = False,
        also: bool = False,
        also_next: bool = False,
        subj_start: int = -1,
    ) -> tuple[_Person | None, str, str]:
        """``also``: «نیز/هم» follows the subject (another speaker, in Persian news); ``also_next``: right
        after it, with nothing between. ``subj_start``: where the title's subject starts."""
        for p in reversed(self.people):
            if not p.group and self._title_match(p, title):
                self._add_title(p, title)
                self._set_last(p, pos)
                return p, surface, "title"
        if not probe:
            named = self._apposed_name(title, pos)
            if named is not None:
                self._add_title(named, title)
                self._set_last(named, pos)
                return named, surface, "apposition"
        entry = self._office_holder(title)
        if entry is not None:
            p = self._by_kb(entry)
            self._add_title(p, title)
            self._set_last(p, pos)
            return p, surface, "office"
        if probe:
            return None, surface, "unresolved"
        last = self.last
        if last is not None and not last.group and last.named and not also_next:
            ours = self._countries(title.split())
            theirs = last.countries | ({last.country} if last.country else set())
            untitled = not last.titles and not last.office_keys
            if (
                (untitled and not (ours and theirs and not ours & theirs)) or (ours and ours & theirs)
            ) and not (also and self._turn_opener(subj_start)):
                # («همچنین در این جلسه نماینده مردم بیله‌سوار … نیز گفت»: a turn opener and «نیز», another person)
                # the body names the person, then refers to them by a title it had not used yet
                self._add_title(last, title)
                return last, surface, "previous_speaker"
            if (
                not also
                and last.quotes
                and (last.full_name or last.kb_id)  # a name, not only a title
                and not (ours and theirs and not ours & theirs)
                and self._sole_speaker(last)
                and not self._new_turn(last, pos, subj_start)
            ):
                # one named person has spoken so far and a second title of theirs follows without «نیز»
                # («امام جمعه خرم‌آباد» after «نماینده ولی فقیه در لرستان … میرعمادی»; «ستاره تیم لندنی»)
                self._add_title(last, title)
                return last, surface, "previous_speaker"
        p = _Person(display=title)
        self._add_title(p, title)
        self.people.append(p)
        self._set_last(p, pos)
        return p, surface, "unresolved"

    def _new_turn(self, last: _Person, pos: int, subj_start: int) -> bool:
        """Signs that a new title at the cue ``pos`` is another person's, not a second title of the only
        person quoted so far (the sole-speaker rule guesses; these say otherwise): (1) a connective that
        moves on to the next turn opens the clause before the title («در ادامه نماینده ولی‌فقیه …
        اظهار داشت», «همچنین فرماندار نکا، …»; `new_turn_openers`); (2) a headline-like paragraph (short,
        no closing punctuation) lies between the previous speaker's cue and this one, and this is the
        first quotation after it (a news round-up's next item); (3) the next quotation's subject opens with a full name the entities stage found that
        is not the previous speaker's («رئیس سازمان آموزش و پرورش … گفت: …» then «جلال امینی افزود»: the
        body names the title's holder, as a lead's title is named in the body)."""
        text = self.doc.text
        if self._turn_opener(subj_start):
            return True
        if self._turns is None:
            turns = sorted(
                ((c.cue_span[0], c.subj) for c in self.cands if c.cue != _NOUN_THAT_CUE), key=lambda t: t[0]
            )
            self._turns = [t[0] for t in turns], [t[1] for t in turns]
        turn_starts, turn_subjects = self._turns
        k = bisect.bisect_left(turn_starts, pos)
        prev = turn_starts[k - 1] if k > 0 else -1  # the quotation before this one
        for a, b in self.paras:
            if a >= pos:
                break
            if a > prev and b <= pos:
                # (a subheading inside one interview is followed by «وی …» first, not by this title)
                para = text[a:b].strip()
                if para and para[-1] not in _CLOSING and len(para.split()) <= 12 and not para.startswith("*"):
                    return True
        k = bisect.bisect_right(turn_starts, pos)
        if k < len(turn_starts):
            nxt = turn_subjects[k]
            if nxt is not None:
                for m in self._per_mentions():
                    if m.start == nxt[0] and m.end <= nxt[1] and m.attrs.get("kind") == "name":
                        key = self._full_name_key(_clean_name(text[m.start : m.end]))
                        if key and key not in last.final().name_keys:
                            return True
        return False

    def _full_name_key(self, name: str) -> str | None:
        """The key of ``name`` without its leading honorifics when two words or more are left (a full name;
        a surname alone may be another person's), else None."""
        words = name.split()
        while len(words) > 1 and fast_key(words[0]) in self.stage.honorifics:
            words = words[1:]
        return fast_key(" ".join(words)) if len(words) >= 2 else None

    def _turn_opener(self, subj_start: int) -> bool:
        """Whether a connective of `new_turn_openers` («در ادامه», «همچنین») opens the clause before the
        subject at ``subj_start`` (an event's place phrase may come between: «همچنین در این جلسه …»)."""
        if subj_start < 0:
            return False
        i = bisect.bisect_right(self.sent_starts, subj_start) - 1
        s0 = self.sent_starts[i] if i >= 0 else 0
        before = self.doc.text[max(s0, subj_start - 60) : subj_start]
        if pp := _EVENT_PP.search(before):
            before = before[: pp.start()]
        return bool(before.strip()) and self.stage.new_turn_re.search(before) is not None

    def _sole_speaker(self, last: _Person) -> bool:
        """Whether ``last`` is the only one quoted so far (a group or another person quoted: not)."""
        final = last.final()
        return not any(p.quotes and p.final() is not final for p in self.people)

    def _office_holder(self, title: str) -> Any:
        if self.kb is None:
            return None
        words = title.split()
        countries = self._countries(words)
        # the key of the first n words is the first n words' keys joined (the key drops the spaces)
        prefix_keys = list(itertools.accumulate(map(fast_key, words)))
        for n in range(len(words), 1, -1):
            if prefix_keys[n - 1] not in self.stage.offices:
                continue  # no office has this title: office_holder would find nobody
            holders = self.stage.office_holder(" ".join(words[:n]), self.doc.published)
            if countries:  # «فرمانده ارتش تایلند» is not Iran's army commander, even as the only holder
                holders = [
                    h for h in holders if self.stage.holder_country(h, " ".join(words[:n])) in countries
                ]
            if len(holders) == 1 and (self.doc.published or countries):
                if not countries and self._foreign_story(self.stage.holder_country(holders[0], " ".join(words[:n]))):
                    return None  # «وزیر کشور» in a Kuwaiti story is not Iran's minister
                return holders[0]
            if holders:
                return None  # several people held it (or no date to choose by): do not guess
        return None

    def _foreign_story(self, country: str | None) -> bool:
        """Whether the document is about another state than ``country`` (a bare title's holder's): the
        states the text names by mention (GPE entities with a code) leave ``country`` out and one of
        them is named twice or more. A bare title («وزیر کشور») then belongs to that story's state."""
        if country is None or "mentions" not in self.doc.layers:
            return False
        if self._states is None:
            codes = {e.id: e.code for e in self.doc.entities if e.type == "GPE" and e.code}
            counts: dict[str, int] = {}
            for m in self.doc.spans("mentions"):
                code = codes.get(str(m.attrs.get("entity")))
                if code:
                    counts[code] = counts.get(code, 0) + 1
            self._states = counts
        return country not in self._states and any(n >= 2 for n in self._states.values())

    def _resolve_name(
        self,
        surface: str,
        name_words: list[str],
        title: str,
        pos: int,
        particle: str = "",
        probe: tuple[int, int] | None = None,
    ) -> tuple[_Person | None, str, str]:
        """A person by name: one the document already has, the lead's titled speaker, or a new one.
        ``probe``: the span of a sentence subject (no speech cue) that may only introduce a new person
        when it looks like a name (see :meth:`_plausible_name`)."""
        name = _clean_name(" ".join(name_words))
        nkeys = [fast_key(w) for w in name_words]
        full = fast_key(name)
        written = f"{particle} {name}" if particle and len(nkeys) >= 2 else name  # «سید علی المنجی»
        for p in reversed(self.people):
            if p.group:
                continue
            if full in p.name_keys or (len(nkeys) >= 2 and nkeys[-1] in p.name_keys and p.full_name is None):
                self._adopt_name(p, written, nkeys, full, title, pos)
                return p, surface, "document"
        if probe is not None and any(k in self.stage.verb_words for k in nkeys):
            # (before the lead's titled speaker takes it as their name: «اظهار داشت» after a comma is
            # a sentence's subject to the scan, not a name)
            return None, surface, "unresolved"
        last = self.last
        if last is not None and not last.group and not last.named and last.titles:
            # the lead gave a title, the body gives the name (`last` is unnamed, so full_name is None)
            if len(nkeys) == 1 and probe is None:
                fuller = self._full_name_in_text(nkeys[0])
                if fuller is not None:  # «نقوی‌حسینی تأکید کرد» after «با سیدحسین نقوی‌حسینی …»
                    written, nkeys = fuller, [fast_key(w) for w in fuller.split()]
            self._adopt_name(last, written, nkeys, full, title, pos)
            return last, surface, "previous_speaker"
        if (
            len(nkeys) == 1
            and probe is None
            and last is not None
            and not last.group
            and last.full_name is None
            and last.kb_id is None
            and last.name_keys
            and nkeys[0] not in self.stage.given_names
            and all(k in self.stage.given_names for k in last.name_keys)
        ):
            # the previous speaker was named by a given name alone («سلمان … اظهار داشت»), now by a lone
            # surname («روحی ادامه داد»): one person whose full name the text never writes
            self._adopt_name(last, written, nkeys, full, title, pos)
            return last, surface, "previous_speaker"
        if probe is not None and not self._plausible_name(name_words, probe):
            return None, surface, "unresolved"
        if len(nkeys) == 1 and probe is None:
            fuller = self._full_name_in_text(nkeys[0])
            if fuller is not None:  # «بالدینی گفت» after «… با فرانکو بالدینی …» (a name no cue introduced)
                written, nkeys, full = fuller, [fast_key(w) for w in fuller.split()], fast_key(fuller)
        p = _Person(display=written)
        if len(nkeys) >= 2:
            p.full_name = written
        p.name_keys.update(_surname_keys(full, nkeys, self.stage.given_names))
        if title:
            self._add_title(p, title)
        self.people.append(p)
        self._set_last(p, pos)
        return p, surface, "document" if len(nkeys) >= 2 else "unresolved"


# -- helpers ------------------------------------------------------------------------------------------
def _word_char_at(text: str, i: int) -> bool:
    """Whether ``text[i]`` continues a word (a letter, a digit or ZWNJ); False outside the text."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == ZWNJ)


def _surname_keys(full: str, nkeys: list[str], given: frozenset[str] = frozenset()) -> list[str]:
    """Keys a person is named by later: the full name, the last word and, for three words or more, the
    last two («رسولی محلاتی» of «سید هاشم رسولی محلاتی»: compound surnames are common). With ``given``
    (given names and honorifics), for three words or more also every shorter ending («حسینی قلعه جوق»
    of «میر محمد حسینی قلعه جوق») and each inner word that is no given name («برزگر» of «عباس برزگر
    ابراهیمی»: the first word of a compound surname)."""
    out = [full, nkeys[-1]]
    n = len(nkeys)
    if n >= 3:
        out.append(nkeys[-2] + nkeys[-1])
        if given:
            out += ["".join(nkeys[i:]) for i in range(1, n - 2)]
            out += [k for k in nkeys[1:-1] if len(k) >= 3 and k not in given]
    return out


@functools.lru_cache(maxsize=4096)  # (asked for every title of every person a new title is compared with)
def _sub_title(a: str, b: str) -> bool:
    """Whether the shorter of two titles (three words or more) is the longer one with words left out,
    with the same first and last word: the body shortens the lead's title («معاون فرهنگی اداره‌کل
    تبلیغات اسلامی کردستان» of «معاون امور فرهنگی اداره‌کل …»), it does not change the office's head or
    the body it ends with."""
    wa, wb = [fast_key(w) for w in a.split()], [fast_key(w) for w in b.split()]
    if len(wa) > len(wb):
        wa, wb = wb, wa
    if len(wa) < 3 or len(wa) == len(wb) or wa[0] != wb[0] or wa[-1] != wb[-1]:
        return False
    it = iter(wb)
    return all(w in it for w in wa)  # (a subsequence: ``in`` consumes the iterator)


def _colon_after(text: str, pos: int) -> bool:
    """Whether a colon follows ``pos`` (spaces aside): a cue that introduces direct speech."""
    p = _skip_space(text, pos)
    return text[p : p + 1] == ":"


def _typo_title(a: str, b: str) -> bool:
    """Whether two titles of two words or more differ only by one letter left out of one word of five
    letters or more («مدیر انتشارت عرفان» for «مدیر انتشارات عرفان»): a typo, not another office."""
    if abs(len(a) - len(b)) != 1:
        return False  # (one letter left out, the spaces as they were; ZWNJ aside, which is rare)
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2:
        return False
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if fast_key(x) != fast_key(y)]
    if len(diff) != 1:
        return False
    x, y = (fast_key(w) for w in diff[0])
    if len(x) > len(y):
        x, y = y, x
    if len(y) != len(x) + 1 or len(x) < 5:
        return False
    return any(y[:i] + y[i + 1 :] == x for i in range(len(y)))


def _core(title: str) -> str:
    return fast_key("".join(title.split()[:2]))  # the key drops spaces: joining without one skips a regex


def _clean_name(s: str) -> str:
    """A name as written, without quote marks; «ا...» is the customary abbreviation of «الله»."""
    if "…" in s or "..." in s:
        s = _ALLAH.sub("الله", s)
    if "«" in s or "»" in s or '"' in s or "“" in s or "”" in s:  # (rare: five replaces cost more)
        s = s.replace("«", " ").replace("»", " ").replace('"', " ").replace("“", " ").replace("”", " ")
    return " ".join(s.split())


def _ke_starts(text: str, start: int, end: int) -> list[int]:
    """Starts of the whole words «که» in ``text[start:end]``: ``_KE.finditer(text, start, end)`` by
    ``str.find`` (a regex with a look-behind tries every position: 5 µs a clause). As there, the
    character before ``start`` is read, and ``end`` counts as the end of the text."""
    out = []
    p = text.find("که", start, end)
    while p >= 0:
        before = text[p - 1] if p else ""
        after = text[p + 2] if p + 2 < end else ""
        if not (before.isalnum() or before == ZWNJ or before == "_") and not (
            after.isalnum() or after == ZWNJ or after == "_"
        ):
            out.append(p)
        p = text.find("که", p + 1, end)  # («که» cannot overlap itself)
    return out


def _object_ahead(text: str, subj_end: int, cue_start: int) -> bool:
    """Whether the object marker «را» follows the subject in its clause before the cue verb (no comma,
    colon or full stop between): the subject scan stopped inside the object, so the subject's last words
    may be the object's first («X تکنیک‌های بکار رفته در این کارها را … عنوان کرد»)."""
    m = _RA_WORD.search(text, subj_end, cue_start)
    return m is not None and _CLAUSE_STOP.search(text, subj_end, m.start()) is None


def _is_title_word(key: str, st: QuoteStage) -> bool:
    return key in st.title_heads


def _two_word_title(keys: list[str], i: int, st: QuoteStage) -> bool:
    return i + 1 < len(keys) and keys[i] + keys[i + 1] in st.title_heads


@functools.lru_cache(maxsize=64)
def _subranges(n: int) -> tuple[tuple[int, int], ...]:
    """Word ranges to try as a name: the longest first, prefixes before suffixes (a few lengths recur:
    cached)."""
    out = []
    for length in range(n, 0, -1):
        out.append((0, length))
        if length < n:
            out.append((n - length, n))
    return tuple(out)


def _skip_space(text: str, p: int) -> int:
    while p < len(text) and text[p] in " \u200c\t":
        p += 1
    return p


def _after_colon(text: str, colon: int) -> int | None:
    """Where direct speech after the colon at ``colon`` starts (an opening quote mark skipped), or None
    when the line ends there."""
    start = _skip_space(text, colon + 1)
    if start < len(text) and text[start] in '«"“':
        start += 1
    if start >= len(text) or text[start] == "\n":
        return None
    return start


def _turn_start(text: str, ls: int, sent: tuple[int, int], subj: tuple[int, int] | None) -> int:
    """Where this speaker's turn begins: its sentence, or (mid-sentence) its subject or «و» before the cue."""
    return sent[0] if ls <= sent[0] + 1 else (subj[0] if subj else ls)


def _clause_end(text: str, start: int, limit: int, first_comma: bool = True) -> int:
    """End of an «اینکه» clause: the first comma after a verb-like word, else the first comma (with
    ``first_comma``; else ``limit``, the main clause's cue)."""
    first = -1
    for m in re.finditer("،", text[start:limit]):
        pos = start + m.start()
        if first < 0:
            first = pos
        prev = text[max(start, pos - 12) : pos].split()
        if prev and prev[-1].endswith(_VERBISH):
            return pos
    return first if first >= 0 and first_comma else limit


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ' \u200c\t\n«»"“”،,:':
        end -= 1
    return end


def _matching_close(text: str, open_pos: int, limit: int) -> int | None:
    """The » that closes the « at ``open_pos`` before ``limit`` (nested pairs skipped), or None."""
    # str.find from mark to mark, not a Python loop over every character (a quotation is long)
    depth = 0
    nxt_open = text.find("«", open_pos, limit)
    nxt_close = text.find("»", open_pos, limit)
    while nxt_close >= 0:
        if 0 <= nxt_open < nxt_close:
            depth += 1
            nxt_open = text.find("«", nxt_open + 1, limit)
            continue
        depth -= 1
        if depth == 0:
            return nxt_close
        nxt_close = text.find("»", nxt_close + 1, limit)
    return None


def _guillemet_ranges(text: str) -> list[tuple[int, int]]:
    """Outermost «…» ranges long enough to be speech (names in «» are short); a paragraph break closes all."""
    # str.find, not a regex over the text: a regex scan for three characters cost more than the rest
    out = []
    n = len(text)
    pos = text.find("«")
    while pos >= 0:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        close = _matching_close(text, pos, nl)
        if close is None:
            # an unclosed quotation ends at the line break
            pos = text.find("«", nl)
            continue
        if close - pos > 40:
            out.append((pos, close))
        pos = text.find("«", close + 1)
    return out


def _head(text: str, start: int, end: int) -> str:
    """The first 20 letters and digits of a quotation (what :func:`_mark_repeats` compares first)."""
    window = text[start : min(end, start + 48)]
    h = "".join(window.split()).replace(ZWNJ, "")
    if not h.isalnum():  # punctuation too (str methods first: a regex call costs more)
        h = _PUNCT.sub("", window)
    h = h[:_REPEAT_MIN]
    if len(h) < _REPEAT_MIN and end > start + 48:  # a window of mostly punctuation
        h = _PUNCT.sub("", text[start:end])[:_REPEAT_MIN]
    return h


def _mark_repeats(text: str, quotes: list[Span]) -> None:
    """``repeat_of``: the index of the first quotation with the same text (20 letters or more; punctuation
    and ZWNJ ignored). Whole keys are made only for quotations whose first 20 letters are another's: the
    key of every quotation (a regex over all of its text) was a tenth of this stage's time."""
    if len(quotes) < 2:
        return
    # Two heads can be equal only if they start with the same two letters, and a quotation whose text
    # starts with two letters or digits (nearly all) has a head starting with them (a head drops only
    # punctuation, spaces and ZWNJ). So heads are made only for quotations whose first two letters
    # another quotation's head may share, and for those whose text starts otherwise (made first, to
    # know the letters their heads start with).
    heads: list[str] = []
    pending: list[int] = []  # quotations whose head starts with their text's first two characters
    sigs: dict[str, int] = {}
    for i, q in enumerate(quotes):
        sig = text[q.start : q.start + 2]
        if len(sig) == 2 and sig.isalnum():
            heads.append("")  # (no head yet: "" is no 20-letter head)
            pending.append(i)
        else:
            sig = _head(text, q.start, q.end)
            heads.append(sig)
            sig = sig[:2]
        sigs[sig] = sigs.get(sig, 0) + 1
    for i in pending:
        q = quotes[i]
        if sigs[text[q.start : q.start + 2]] > 1:
            heads[i] = _head(text, q.start, q.end)
    count: dict[str, int] = {}
    for h in heads:
        if len(h) == _REPEAT_MIN:
            count[h] = count.get(h, 0) + 1
    seen: dict[str, int] = {}
    for i, q in enumerate(quotes):
        if count.get(heads[i], 0) < 2:
            continue  # no other quotation starts with these letters: not a repeat, nor repeated
        key = _PUNCT.sub("", text[q.start : q.end])  # (ZWNJ is no \w: dropped with the punctuation)
        if key in seen:
            q.attrs["repeat_of"] = seen[key]
        else:
            seen[key] = i


_NO_NAMES: frozenset[str] = frozenset()  # (resolve's name set while the document has named nobody)
_REPEAT_MIN = 20  # letters: shorter quotations («بله») repeat by chance


def _mark_held_repeats(text: str, quotes: list[Span]) -> None:
    """``repeat_of`` for a later quotation that is word for word the beginning of an earlier, longer one
    (the lead's sentence held by an «اینکه» clause, «… بی‌بدیل است و امام (ره) نیز …» then «مسئول … گفت:
    نقش بسیج زنان … بی‌بدیل است.»; tests/gold/README.md, -7). A later quotation that goes on past the
    earlier one is none. Compared as written (closing punctuation aside), by ``str.startswith`` only among
    quotations that start with the same two characters: no key is made."""
    groups: dict[str, list[int]] = {}
    for i, q in enumerate(quotes):
        groups.setdefault(text[q.start : q.start + 2], []).append(i)
    for idxs in groups.values():
        if len(idxs) < 2:
            continue
        for n, j in enumerate(idxs[1:], 1):
            q = quotes[j]
            if q.attrs["repeat_of"] is not None:
                continue
            core = text[q.start : q.end].rstrip(_HELD_TRAIL)
            if len(core) - core.count(" ") - core.count(ZWNJ) < 30:
                continue  # (30 letters: shorter clauses repeat by chance)
            for i in idxs[:n]:
                e = quotes[i]
                after = quotes[i].start + len(core)
                if e.end > after and text.startswith(core, e.start) and not _word_char_at(text, after):
                    first = e.attrs["repeat_of"]
                    q.attrs["repeat_of"] = i if first is None else first
                    break


_HELD_TRAIL = " \n\u200c.،,:;؛!؟?»\"”"


def _dedupe(cands: list[_Cand]) -> list[_Cand]:
    """One quotation per content start (a cue inside an «اینکه» clause does not start another)."""
    cands.sort(key=lambda c: (c.start, c.cue_span[0]))
    out: list[_Cand] = []
    for c in cands:
        if out and abs(c.start - out[-1].start) < 2:
            continue
        out.append(c)
    return out


def _sentences(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    from rasad.text.sentences import split_sentences

    out: list[tuple[int, int]] = []
    for s, e in paras:
        out += split_sentences(text, s, e)
    return out
