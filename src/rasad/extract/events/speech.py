"""Events made by what is said: a quoted speaker's words that accuse or make a demand of a named party
without an event verb («… گفت: آمریکا حامی تروریسم است», «جنایات رژیم صهیونیستی …», «عربستان باید …»).

tests/gold/README.md codes criticism and condemnation as ACCUSE and demands as REQUEST, speaker → the party;
the trigger lexicon finds such acts only through a verb («محکوم کرد», «خواستار شد»). The stance lexicon
(``data/speech.json``; not in ``data/events/``, which holds one trigger file per PLOVER type) lists the evaluative words and constructions; each is looked for inside a
quotation whose speaker has an actor code, and the party it names there is the recipient. No coded party,
no event: a critical opinion without a named target is no act.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasad.document import Document, Span

from .actors import ActorGazetteer, Participant
from .context import Context
from .grammar import _COORD, PREPOSITIONS
from .lexicon import Trigger, _flex  # (a word whose inner spaces and ZWNJs match either)
from .modality import _NEG_VERB
from .roles import Coded, carried_subject, marker_of, resolve

DATA = Path(__file__).resolve().parent.parent / "data" / "speech.json"

_B = r"(?<![\w\u200c])"
_E = r"(?![\w\u200c])"
# plural, indefinite and ezafe endings of a noun («جنایت‌های», «توطئه‌ای», «دروغهای»)
_SUFFIX = r"(?:[\s\u200c]?(?:هایی|های|ها|ای|ات)|ی)?"
# where a speaker's clause ends: punctuation, a relative «که», a contrast
_BREAK = re.compile(r"[،,.:؛;!?؟\n«»]|" + _B + r"(?:که|اما|ولی|زیرا|چون)" + _E)
# a finite verb between a subject and its predicate: they are in two clauses
_VERB = re.compile(
    _B + r"(?:است|هست|هستند|نیست|نیستند|بود|بودند|شد|شدند|کرد|کردند|کند|کنند|دارد|دارند|گفت|ن?می[\s\u200c][\w\u200c]+)" + _E
    + r"|" + _NEG_VERB.pattern
)
# «… باید … می‌شد», «باید … کرده بود»: a counterfactual past
_PAST_HABITUAL = re.compile(
    _B + r"(?:ن?می[\s\u200c]?(?:شد|کرد|بود|داد|گرفت|رفت|آمد|ماند|داشت|گذاشت|زد|نشست)(?:ند)?|(?:شده|کرده|داده|گرفته)[\s\u200c]+بود(?:ند)?)" + _E
)
# «را» after a party: the party is an object, not the subject of a predicate
_RA = re.compile(r"[\s\u200c]*را" + _E)


_WORD = re.compile(r"[\w\u200c]+")


_PUNCT = "«»\"'()[]،,.:؛;!?؟"
_LAST_WORD = re.compile(r"([\w\u200c]+)[\s\u200c)»\"]*$")


def _word_before(text: str, a: int, b: int) -> str | None:
    """The word right before ``b`` (a closing parenthesis or quote mark may stand between), None after
    punctuation or at ``a``."""
    m = _LAST_WORD.search(text, a, b)
    return m.group(1) if m else None


def _first_keys(word: str) -> set[str]:
    """The look-up keys of a lexicon word: the first four letters of its first part («جنایت‌های», «جنایتهای»
    → «جنای»), and its part before a ZWNJ when the text may write a space there («بی‌حرمتی», «بی حرمتی» → «بی»)."""
    w = word.split()[0]
    return {w[:4], w.split("\u200c")[0][:4]}


def _alt(words: list[str]) -> str:
    return "|".join(_flex(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Construction:
    """One stance construction: its PLOVER type, its kind (genitive, predicate, demand) and its regex."""

    name: str
    type: str
    kind: str
    regex: re.Pattern[str]
    needs_after: re.Pattern[str] | None
    not_after: re.Pattern[str] | None
    example: str
    trigger: Trigger
    cues: frozenset[str] = frozenset()  # (urge) the quotation cues whose content may be urged
    agents: re.Pattern[str] | None = None  # (agent) the agent markers after the noun («توسط», «از سوی»)
    referents: re.Pattern[str] | None = None  # (verdict) the phrase pointing back to the act judged («این اقدام»)
    not_before: frozenset[str] = frozenset()  # (demand) words right before the modal that are no party
    verbs: re.Pattern[str] | None = None  # (deem) «دانست», «خواند», «نامید» …
    needs_words: dict[str, re.Pattern[str]] | None = None  # (deem) predicate → the harm that must follow it


class SpeechLexicon:
    """The constructions of ``speech.json`` and the shared copula and gap-word patterns."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.copula = re.compile(r"[\s\u200c]*(?:" + _alt(data["copula"]) + r")" + _E)
        gap = r"(?:(?:" + _alt(data["gap_words"]) + r")[\s\u200c]+){0,3}"
        self.gap = re.compile(r"[\s\u200c]*" + gap + r"$")
        self.constructions: list[Construction] = []
        for c in data["constructions"]:
            body = "(?:" + _alt(c["words"]) + ")" + (_SUFFIX if c.get("suffixes") else "")
            if c.get("subjunctive"):
                body = "(?:" + body + "|" + c["subjunctive"] + ")"
            needs = c.get("needs_after")
            nots = c.get("not_after")
            self.constructions.append(
                Construction(
                    c["name"], c["type"], c["kind"], re.compile(_B + body + _E),
                    re.compile(r"[\s\u200c]+(?:" + _alt(needs) + r")" + _E) if needs else None,
                    re.compile(r"[\s\u200c]+(?:[\w\u200c]+[\s\u200c]+){0,3}?(?:" + _alt(nots) + r")" + _E) if nots else None,
                    c["example"],
                    # (the event's trigger as the stage's filters and modality read it. ``verbal``: the act is the
                    # speaking, whose verb is the quotation's cue, so the clause's own negation does not unsay it
                    # («دروغ‌های آمریکا بر کسی پوشیده نیست» accuses); a condition still makes it hypothetical)
                    Trigger(
                        type=c["type"], trigger=c["name"], form=c["words"][0], recipient=(), mode=None,
                        context=[], symmetric=False, actor_after=False, place_is_recipient=False, verbal=True,
                        speaker_accuses=True,
                    ),
                    frozenset(c.get("cues", ())),
                    re.compile(_B + "(?:" + _alt(c["agents"]) + r")[\s\u200c]+$") if c.get("agents") else None,
                    re.compile(r"[\s\u200c]*(?:" + _alt(c["referents"]) + r")" + _E) if c.get("referents") else None,
                    frozenset(c.get("not_before", ())),
                    # (no look-behind first: a pattern that opens with literal letters is searched for much faster
                    # over a whole text; the word start is checked on each match)
                    re.compile("(?:" + _alt(c["verbs"]) + ")" + _E) if c.get("verbs") else None,
                    {
                        w: re.compile(r"[\s\u200c]+(?:اصلی[\s\u200c]+)?(?:" + _alt(v) + ")" + _E)
                        for w, v in c.get("needs_after_words", {}).items()
                    },
                )
            )
            if c["kind"] == "deem":
                # «… را (رژیمی) تروریست (در منطقه) خواند»: the «را» object, the predicate, up to six words, the verb
                last = self.constructions[-1]
                pat = (
                    _B + r"را[\s\u200c]+(?:[\w\u200c]+[\s\u200c]+)??(?P<pred>" + _alt(c["words"]) + ")" + _E
                    + r"(?:[\s\u200c]+[\w\u200c]+){0,6}?[\s\u200c]*$"
                )
                self.constructions[-1] = Construction(**{**last.__dict__, "regex": re.compile(pat)})
        self.urges = [c for c in self.constructions if c.kind == "urge"]
        self.deems = [c for c in self.constructions if c.kind == "deem"]
        # the first letters of a word → the constructions that may start there: a dictionary look-up per word of
        # a quotation costs less than one regex over every construction's alternatives
        self.first: dict[str, list[Construction]] = {}
        for c, raw in zip(self.constructions, data["constructions"], strict=True):
            if c.kind in ("urge", "deem"):
                continue
            for w in raw["words"]:
                for k in _first_keys(w):
                    if c not in self.first.setdefault(k, []):
                        self.first[k].append(c)
        # the keys as one pattern at a word start: the regex engine finds the candidates faster than a loop over
        # the words of every quotation
        self.first_rx = re.compile(_B + "(?:" + "|".join(re.escape(k) for k in sorted(self.first, key=len, reverse=True)) + ")")
        # «همه بر این باور بودند که حزب‌الله مسئول … است»: a clause the speaker attributes to others is not his charge
        self.others = re.compile("(?:" + _alt(data["others_belief"]) + r")[\s\u200c]*(?:[،,][\s\u200c]*)?که[\s\u200c]*$")

    @classmethod
    def load(cls, path: Path = DATA) -> SpeechLexicon:
        return cls(json.loads(path.read_text(encoding="utf-8")))


@dataclass
class Hit:
    quote: int | None  # (deem) None outside a quotation
    start: int
    end: int
    construction: Construction
    obj: int = -1  # (deem) where the «را» of the object is


class SpeechEvents:
    """Finds the stance constructions inside quotations and codes them speaker → party."""

    def __init__(self, lex: SpeechLexicon | None = None) -> None:
        self.lex = lex or SpeechLexicon.load()

    def scan(self, doc: Document, quotes: list[Span]) -> list[Hit]:
        """The constructions inside the quotations (a repeated quotation is read once)."""
        text = doc.text
        hits: list[Hit] = []
        seen: set[int] = set()
        for qi, q in enumerate(quotes):
            if q.attrs.get("repeat_of") is not None:
                continue
            first = self.lex.first
            # (most quotations hold no stance word: a look-up per whitespace-separated word rules them out
            # cheaply before the positional scan)
            if any(w.strip(_PUNCT)[:4] in first for w in text[q.start : q.end].split()):
                self._words(text, qi, q, seen, hits)
            urges = [c for c in self.lex.urges if q.attrs.get("cue") in c.cues]
            if urges:
                # «… تاکید کرد که بغداد غرامت‌ها را پرداخت کند»: the verb closing the content's first clause
                stop = _BREAK.search(text, q.start, q.end)
                last = list(_WORD.finditer(text, q.start, stop.start() if stop else q.end))
                if len(last) >= 3 and last[-2].group() not in ("می", "نمی"):
                    w = last[-1]
                    hits.extend(Hit(qi, w.start(), w.end(), c) for c in urges if c.regex.fullmatch(w.group()))
        for c in self.lex.deems:
            assert c.verbs is not None
            for v in c.verbs.finditer(text):
                if v.start() and (text[v.start() - 1].isalnum() or text[v.start() - 1] == "\u200c"):
                    continue  # inside a word («می‌خواند» is found as «خواند»: the form list has its own «می‌»)
                m = c.regex.search(text, max(0, v.start() - 120), v.start())
                if m is None:
                    continue
                ps, pe = m.span("pred")
                qi = next((i for i, q in enumerate(quotes) if q.start <= m.start() < q.end), None)
                hits.append(Hit(qi, ps, pe, c, m.start()))
        return hits

    def _words(self, text: str, qi: int, q: Span, seen: set[int], hits: list[Hit]) -> None:
        """The stance words of quotation ``qi`` (every construction of each: «جنایت» is a genitive noun and a
        verdict); a place of nested quotations is read once."""
        first = self.lex.first
        for k in self.lex.first_rx.finditer(text, q.start, q.end):
            m = _WORD.match(text, k.start(), q.end)
            cands = first.get(m.group()[:4]) if m else None
            if not cands or m is None or m.start() in seen:
                continue
            seen.add(m.start())
            for c in cands:
                if c.not_before and _word_before(text, max(q.start, m.start() - 40), m.start()) in c.not_before | {None}:
                    continue  # «… و باید», «ما باید», «، باید»: no party right before the modal
                cm = c.regex.match(text, m.start(), q.end)
                if cm:
                    hits.append(Hit(qi, cm.start(), cm.end(), c))

    def code(self, ctx: Context, hits: list[Hit], gaz: ActorGazetteer) -> list[tuple[Span, int, int, Trigger, Coded, int | None]]:
        """One coded event per hit that names a party other than the speaker."""
        out: list[tuple[Span, int, int, Trigger, Coded, int | None]] = []
        text = ctx.doc.text
        srcs = [(x.start, x.end) for x in ctx.doc.spans("sources")]

        def local(a: int, b: int) -> list[Participant]:
            return _clause_participants(ctx, gaz, srcs, a, b)
        for h in hits:
            if h.construction.kind == "deem":
                ev = self._deemed(ctx, h, local)
                if ev is not None:
                    out.append(ev)
                continue
            assert h.quote is not None
            sc = ctx.speaker_codes[h.quote]
            if not sc:
                continue
            q = ctx.quotes[h.quote]
            sent = _sentence_of(ctx, h.start)
            lo, hi = max(q.start, sent.start), min(q.end, sent.end)
            left = max([m.end() for m in _BREAK.finditer(text, lo, h.start)], default=lo)
            stop = _BREAK.search(text, h.end, hi)
            right = stop.start() if stop else hi
            if ctx.lex.sports.search(text, sent.start, sent.end):
                continue  # a team «باید» win: sports are not coded (tests/gold/README.md)
            if self.lex.others.search(text, max(lo, left - 40), left):
                continue
            c = h.construction
            if c.kind == "verdict":
                codes = _judged(ctx, c, h, sent, left, right, self.lex.copula, sc)
                if codes:
                    out.append((sent, h.start, h.end, c.trigger, Coded(c.type, None, None, [sc], codes, [], []), h.quote))
                continue
            if c.needs_after is not None and not c.needs_after.match(text, h.end, right):
                continue
            if c.not_after is not None and c.not_after.match(text, h.end, right):
                continue
            here = [p for p in local(left, right) if p.code and p.kind not in ("place", "self")]
            about = self._party(text, c, h, here, left, right)
            if about is None:
                continue
            group = _coordination(text, here, about)
            # a demand of a body of the speaker's own state is coded (tests/gold/README.md: domestic acts may have
            # the same code on both sides); an accusation of one's own state is left to the trigger rules
            # (a demand of a body of the speaker's own state was tried: 9 corpus additions, 3 or 4 right — mostly
            # exhortations and internal procedure the gold does not code)
            codes = [x for x in dict.fromkeys(resolve(ctx, p, h.quote, sent) for p in group) if x and x != sc]
            if not codes:
                continue
            out.append((sent, h.start, h.end, c.trigger, Coded(c.type, None, None, [sc], codes, [], group), h.quote))
        return out

    def _deemed(
        self, ctx: Context, h: Hit, local: Callable[[int, int], list[Participant]]
    ) -> tuple[Span, int, int, Trigger, Coded, int | None] | None:
        """«وی رژیم صهیونیستی را عامل ناامنی منطقه دانست»: the subject (or the quotation's speaker) accuses the
        «را» object's party."""
        text = ctx.doc.text
        c = h.construction
        sent = _sentence_of(ctx, h.start)
        if ctx.lex.sports.search(text, sent.start, sent.end):
            return None
        pred = text[h.start : h.end].split()[0]
        needs = (c.needs_words or {}).get(pred)
        if needs is not None and not needs.match(text, h.end):
            return None  # «مسئول تقسیم بلیت»: the one in charge; «حامی» a supporter of something harmless
        left = max([m.end() for m in _BREAK.finditer(text, sent.start, h.obj)], default=sent.start)
        here = [p for p in local(sent.start, h.obj) if p.code and p.kind not in ("place", "self")]
        objs = [p for p in here if p.start >= left and h.obj - p.end <= 50 and not _VERB.search(text, p.end, h.obj)]
        if not objs or marker_of(text, objs[-1], left) is not None:
            return None
        # (the object's coordination stays in its clause: «وزیر خارجه ایران، آمریکا را …» — Iran is the subject)
        group = _coordination(text, [p for p in here if p.start >= left], objs[-1])
        rec = [x for x in dict.fromkeys(resolve(ctx, p, h.quote, sent) for p in group) if x]
        if h.quote is not None:
            actor = ctx.speaker_codes[h.quote]
            agents: list[Participant] = []
        else:
            subj = [
                p for p in here if p.end <= group[0].start and marker_of(text, p, sent.start) is None
                and not _RA.match(text, p.end)
            ]
            # (the nearest: «… اظهارات اردوغان را که اسرائیل را رژیمی تروریست خواند» — the relative clause's head)
            agents = subj[-1:] or carried_subject(ctx, sent)
            actor = resolve(ctx, agents[0], None, sent) if agents else None
        rec = [x for x in rec if x != actor]
        if not actor or not rec:
            return None
        return (sent, h.start, h.end, c.trigger, Coded(c.type, None, None, [actor], rec, agents, group), h.quote)

    def _party(
        self, text: str, c: Construction, h: Hit, here: list[Participant], left: int, right: int
    ) -> Participant | None:
        if c.kind == "genitive":
            # the possessor right after the noun: «جنایات رژیم صهیونیستی», «تجاوز جنگی اسرائیل»
            for p in here:
                if p.start >= h.end:
                    return p if self.lex.gap.match(text[h.end : p.start]) else None
            return None
        if c.kind == "agent":
            # «نقض آتش‌بس توسط رژیم صهیونیستی»: the first party after the noun that an agent marker governs
            for p in here:
                if p.start >= h.end and c.agents is not None and c.agents.search(text, max(h.end, p.start - 12), p.start):
                    return p
            return None
        before = [p for p in here if p.end <= h.start]
        if not before:
            return None
        if c.kind == "act":
            # «جنگنده‌های روسی حریم هوایی ترکیه را نقض کرده‌اند»: the nearest party that is no object
            subj = [p for p in before if marker_of(text, p, left) is None and not _RA.match(text, p.end)]
            return subj[-1] if subj and not _VERB.search(text, subj[-1].end, h.start) else None
        # (urge: the clause's subject opens it)
        p = before[0] if c.kind == "urge" else before[-1]
        if marker_of(text, p, left) is not None or _RA.match(text, p.end):
            return None  # a marked phrase or an object is not the subject
        if c.kind == "urge":
            return p if not _VERB.search(text, p.end, h.start) else None
        if c.kind == "demand" and _PAST_HABITUAL.search(text, h.end, right):
            return None  # «ازبکستان باید در گروه خود اول می‌شد»: what should have been is no demand
        if c.kind == "demand":
            # «عربستان باید …»: the party right before the modal (an adverb may stand between)
            gap = text[p.end : h.start]
            # («رئیس کیم (رهبر کره شمالی) باید»: a closing parenthesis or quote mark too)
            return p if re.fullmatch(r"[\s\u200c)»\"]*(?:(?:نیز|هم|هم‌اکنون|اکنون|حتما|حتماً)[\s\u200c]+)?", gap) else None
        # predicate: «آمریکا حامی تروریسم است» — the subject, the predicate and a copula closing the clause
        if _VERB.search(text, p.end, h.start):
            return None
        # (the first verb after the predicate is its copula: «… حامی تروریسم است و …»; «نیست» denies it)
        cop = self.lex.copula.search(text, h.end, right)
        if cop is None or _VERB.search(text, h.end, cop.start()) or cop.start() - h.end > 80:
            return None
        return p


def _clause_participants(ctx: Context, gaz: ActorGazetteer, srcs: list[tuple[int, int]], a: int, b: int) -> list[Participant]:
    """The participants of ``text[a:b]``: the stage's linked mentions (it has them all) and, where none is, the
    gazetteer's phrases (the stage scans those only around triggers; a second ParticipantFinder pass over
    the quotations would cost a tenth of the stage)."""
    k = bisect.bisect_left(ctx.part_starts, a)
    linked = [p for p in ctx.parts[k : bisect.bisect_left(ctx.part_starts, b)] if p.end <= b]
    found = gaz.scan(ctx.doc.text, a, b)
    # (as ParticipantFinder: a group phrase holding linked mentions whole names the group, «سران اقلیم
    # کردستان» is KRD, not the place inside it; outlets report, they take no part)
    groups = [g for g in found if g.kind == "group" and any(g.start <= p.start and p.end <= g.end for p in linked)]
    linked = [p for p in linked if not any(g.start <= p.start and p.end <= g.end for g in groups)]
    spans = [(p.start, p.end) for p in linked] + srcs
    extra = [g for g in found if not any(x < g.end and g.start < y for x, y in spans)]
    return sorted(linked + extra, key=lambda p: p.start)


# the acts a judgement may point back to
_JUDGED_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE", "REJECT", "RETREAT"})


def _judged(
    ctx: Context, c: Construction, h: Hit, sent: Span, left: int, right: int, copula: re.Pattern[str], sc: str
) -> list[str]:
    """«… گفت: این اقدام جنایت جنگی است»: the actors of the act coded last before the quotation's judgement of
    it (in its sentence or the three before), when the clause opens with a phrase pointing back to an act and
    closes with a copula."""
    text = ctx.doc.text
    ref = c.referents.match(text, left, h.start) if c.referents is not None else None
    if ref is None:
        return []
    gap = text[ref.end() : h.start]
    if _VERB.search(gap) or len(gap.split()) > 3:
        return []
    cop = copula.search(text, h.end, right)
    if cop is None or _VERB.search(text, h.end, cop.start()) or cop.start() - h.end > 60:
        return []
    k = _index(ctx.sent_starts, sent.start)
    floor = ctx.sentences[max(0, k - 3)].start if ctx.sentences else 0
    acts = [
        ev for ev in ctx.doc.spans("events")
        if floor <= ev.start < h.start and ev.attrs["type"] in _JUDGED_TYPES and ev.attrs["actor"]
        and ev.attrs.get("modality") in ("asserted", None)
    ]
    if not acts:
        return []
    last = max(acts, key=lambda ev: ev.start)
    codes = [x for x in last.attrs["actor"] if x != sc]
    return codes if len(codes) == len(last.attrs["actor"]) else []


def _coordination(text: str, here: list[Participant], p: Participant) -> list[Participant]:
    """``p`` with the parties coordinated with it («دولت افغانستان و کمیساریای عالی سازمان ملل باید …»)."""
    k = here.index(p)
    group = [p]
    for q in reversed(here[:k]):
        if not _joined(text[q.end : group[0].start]):
            break
        group.insert(0, q)
    for q in here[k + 1 :]:
        if not _joined(text[group[-1].end : q.start]):
            break
        group.append(q)
    return group


# «و» and up to two head words of the next party's phrase («… و کمیساریای عالی سازمان ملل»)
_AND_HEAD = re.compile(r"[\s،,]*و[\s\u200c]+((?:[\w\u200c]+[\s\u200c]+){1,2})")


def _joined(gap: str) -> bool:
    if _COORD.fullmatch(gap):
        return True
    m = _AND_HEAD.fullmatch(gap)
    return m is not None and not any(w in PREPOSITIONS or w in ("را", "که") for w in m.group(1).split())


def _index(starts: list[int], at: int) -> int:
    return bisect.bisect_right(starts, at) - 1


def _sentence_of(ctx: Context, pos: int) -> Span:
    """The sentence holding ``pos`` (the whole text when the document has no sentences layer)."""
    if not ctx.sentences:
        return Span(0, len(ctx.doc.text), "sentence")
    return ctx.sentences[max(0, _index(ctx.sent_starts, pos))]
