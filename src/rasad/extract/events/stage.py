"""The ``events`` stage: triggers per sentence, the filters of what is no act, roles, modality, and the
layer it writes (one event per signature and document unless it is a distinct repeat)."""

from __future__ import annotations

import bisect
import re
from typing import Any

from rasad.document import Document, Span

from . import roles
from .actors import _GROUP_CODES, ActorGazetteer, Participant, ParticipantFinder, SpeakerCodes, _kb
from .context import Context
from .filters import adds_no_act, call_to_attack, keep_triggers, warns_no_one
from .grammar import _PLACE_KIND, _key, words_of
from .learned import MODEL_PATH, USE_MODEL, KeepModel
from .lexicon import EventLexicon, Trigger
from .modality import demanded, modality_of, negated, occurred, under_modal
from .plover import Sig
from .rolemodel import ACTOR_MODEL, RECIPIENT_MODEL, TRIGGER_MODEL, RoleModel, role_items, trigger_item
from .speech import SpeechEvents


class EventStage:
    """Writes layer ``events``; reads ``sentences``, ``mentions``/``doc.entities``, ``quotes``, ``dates``."""

    name = "events"

    def __init__(self, resources: Any = None) -> None:
        if resources is not None:
            self.lex = resources.get("event_lexicon", EventLexicon.load)
            self.kb = _kb(resources)
            self.gaz = resources.get("actor_gazetteer", lambda: ActorGazetteer(self.kb, self.lex.plover))
        else:
            self.lex = EventLexicon.load()
            self.kb = _kb(None)
            self.gaz = ActorGazetteer(self.kb, self.lex.plover)
        self.finder = ParticipantFinder(self.gaz, self.kb)
        # events made by what a quoted speaker says, without an event verb (speech.py)
        self.speech = resources.get("events_speech", SpeechEvents) if resources is not None else SpeechEvents()
        # the learned keep/drop filter (learned.py): pipeline option ``events_model`` (True/False), off by
        # default because it did not improve the held-out folds (docs/EVENTS.md, "A learned filter")
        use = resources.options.get("events_model", USE_MODEL) if resources is not None else USE_MODEL
        self.keep_model: KeepModel | None = None
        if use and MODEL_PATH.exists():
            self.keep_model = resources.get("events_keep_model", KeepModel) if resources is not None else KeepModel()
        # the learned role chooser for triggers the rules leave uncoded (rolemodel.py): option ``events_roles``
        use = resources.options.get("events_roles", False) if resources is not None else False
        self.role_model: RoleModel | None = None
        if use and TRIGGER_MODEL.exists() and ACTOR_MODEL.exists() and RECIPIENT_MODEL.exists():
            self.role_model = resources.get("events_role_model", RoleModel) if resources is not None else RoleModel()
        # (training only) when a list, each kept trigger is appended: (type, the rules' (type, actors, recipients),
        # trigger item, actor items, recipient items)
        self.role_collect: list[tuple[str, Any, Any, Any, Any]] | None = None
        # (training only, learned.py) when a list, the candidates the filters drop are appended to it as
        # (reason, sentence, start, end, trigger, coded, quote index); the layer is the same either way
        self.collect: list[tuple[str, Span, int, int, Trigger, roles.Coded, int | None]] | None = None

    def participants(self, doc: Document, toks: list[tuple[int, int, str]] | None = None) -> list[Participant]:
        """The document's participants (linked mentions and gazetteer phrases; only in ``toks`` when given)."""
        return self.finder.participants(doc, toks)

    def __call__(self, doc: Document) -> None:
        sentences = doc.spans("sentences") or [Span(0, len(doc.text), "sentence")]
        text = doc.text
        # one scan of the whole text (a scan per sentence costs more than the lookups themselves), then each
        # trigger goes to its sentence; one that would run past its sentence's end is dropped
        hits = self.lex.find(text, 0, len(text))
        starts = [x.start for x in sentences]
        per: dict[int, list[tuple[int, int, int]]] = {}
        for h in hits:
            k = bisect.bisect_right(starts, h[0]) - 1
            if k >= 0 and h[1] <= sentences[k].end:
                per.setdefault(k, []).append(h)
        found = [(i, per.get(i, [])) for i in range(len(sentences))]
        with_triggers = [i for i, f in found if f]
        layer = doc.layer("events")
        quotes = doc.spans("quotes")
        said = self.speech.scan(doc, quotes)
        if not with_triggers and not said:
            return
        # Participants are needed only around triggers: their sentences and the one before each (for
        # «این کشور» and the country of «پلیس»); scanning the rest would double the stage's cost.
        wanted = sorted({j for i in with_triggers for j in (i - 1, i) if j >= 0})
        toks = [t for j in wanted for t in words_of(text, sentences[j].start, sentences[j].end)]
        ctx = Context(
            doc, self.lex, self.participants(doc, toks), quotes, SpeakerCodes(self.finder, doc, quotes), doc.spans("dates")
        )
        ctx.part_starts = [p.start for p in ctx.parts]
        ctx.home = self.finder.outlet_country(doc)
        ctx.self_home = ctx.home or self.finder.outlet_country(doc, attributed=True)
        ctx.sentences = sentences
        ctx.src_names = tuple({doc.span_text(x) for x in doc.spans("sources") if len(doc.span_text(x)) > 2})
        ctx.sent_starts = [x.start for x in sentences]
        ctx.crime = self.gaz.crime
        for i, f in found:
            if f:
                self._sentence(ctx, sentences[i], f)
        if said:
            self._said(ctx, said)
        # Talks between two parties one of whom visits or meets the other are that meeting («دیدار X با Y …
        # دو طرف گفت‌وگو کردند», «سفر نماینده پوتین به تهران … رایزنی‌های میان ایران و روسیه»): the directed
        # CONSULT is kept, the symmetric one dropped.
        met = {
            frozenset(ev.attrs["actor"]) | frozenset(ev.attrs["recipient"])
            for ev in layer
            if ev.attrs["type"] == "CONSULT" and ev.attrs["recipient"]
        }
        layer[:] = [
            ev for ev in layer
            if not (
                ev.attrs["type"] == "CONSULT" and not ev.attrs["recipient"] and ev.attrs.get("mode") is None
                and frozenset(ev.attrs["actor"]) in met
            )
        ]
        if self.keep_model is not None:
            self.keep_model.filter(doc)
        layer.sort(key=lambda s: s.start)

    def _sentence(self, ctx: Context, sent: Span, found: list[tuple[int, int, int]]) -> None:
        if self.lex.sports.search(ctx.doc.text, sent.start, sent.end):
            return  # a match, a coach, a team: sports results are not coded (tests/gold/README.md)
        a = bisect.bisect_left(ctx.part_starts, sent.start)
        b = bisect.bisect_left(ctx.part_starts, sent.end)
        parts = [p for p in ctx.parts[a:b] if p.end <= sent.end]
        kept = keep_triggers(ctx, sent, found, parts)
        ctx.trig_spans = [(s, e, self.lex.triggers[ti].symmetric) for s, e, ti in kept]
        ctx.trig_kept = kept
        for s, e, ti in kept:
            trig = self.lex.triggers[ti]
            qi = next((i for i, q in enumerate(ctx.quotes) if q.start <= s < q.end), None)
            coded_list = roles.assign(ctx, sent, trig, s, e, parts, qi)
            if self.role_collect is not None:
                # (the role items as the model sees them when the rules code nothing, so the triggers the rules
                # coded right teach roles too)
                self.role_collect.append(
                    (trig.type, [(c.type, c.actor, c.recipient) for c in coded_list],
                     trigger_item(ctx, sent, trig, s, e, parts, qi), *role_items(ctx, sent, trig, s, e, parts, qi, []))
                )
            if self.role_model is not None:
                coded_list = self.role_model.propose(ctx, sent, trig, s, e, parts, qi, coded_list)
            for coded in coded_list:
                self._emit(ctx, sent, trig, s, e, coded, qi)
        if self.collect is not None:
            for s, e, ti in found:
                if (s, e, ti) not in kept:
                    trig = self.lex.triggers[ti]
                    qi = next((i for i, q in enumerate(ctx.quotes) if q.start <= s < q.end), None)
                    for coded in roles.assign(ctx, sent, trig, s, e, parts, qi):
                        self.collect.append(("trigger", sent, s, e, trig, coded, qi))

    def _said(self, ctx: Context, said: list[Any]) -> None:
        """The speech events (speech.py), after the triggers: one per signature, none where a trigger coded it."""
        for sent, s, e, trig, coded, qi in self.speech.code(ctx, said, self.gaz):
            if _signature(coded.type, coded.mode, coded.actor, coded.recipient) not in ctx.seen:
                self._emit(ctx, sent, trig, s, e, coded, qi, demand=True)

    def _emit(
        self, ctx: Context, sent: Span, trig: Trigger, s: int, e: int, coded: roles.Coded, qi: int | None,
        demand: bool = False,
    ) -> None:
        doc = ctx.doc
        text = doc.text
        etype, mode, place, a_codes, r_codes, actors, recipients = coded
        if warns_no_one(ctx, sent, trig, s, etype, recipients):
            if self.collect is not None:
                self.collect.append(("warns", sent, s, e, trig, coded, qi))
            return
        etype, mode = call_to_attack(self.lex, text, e, etype, mode)
        if adds_no_act(ctx, trig, s, etype, a_codes, r_codes):
            if self.collect is not None:
                self.collect.append(("no_act", sent, s, e, trig, coded, qi))
            return
        sig = _signature(etype, mode, a_codes, r_codes)
        if sig in ctx.seen and not _repeat(ctx, sig, trig, sent, place):
            return
        neg = negated(text, sent, s, e, trig.verbal, trig.form)
        modality = modality_of(text, sent, s, e, neg, trig.verbal)
        if not demand and modality == "asserted" and not trig.speaker_accuses and under_modal(text, sent, s, e, trig.verbal):
            # an obligation or an intention is no act; a speaker's accusation («اشغال خاک سوریه توسط این
            # کشور») is made by speaking, whatever its clause says
            sc = ctx.speaker_codes[qi] if qi is not None else None
            if (
                sc and etype != "REQUEST" and a_codes and sc not in a_codes
                and not any(c in _GROUP_CODES for c in a_codes) and demanded(text, sent, s, e, trig.verbal)
            ):
                # «… گفت: عربستان باید حملات خود را متوقف کند»: what a speaker says another party must do is his
                # demand of it (tests/gold/README.md: calls/demands → REQUEST)
                req = roles.Coded("REQUEST", None, place, [sc], list(a_codes), [], actors)
                self._emit(ctx, sent, trig, s, e, req, qi, demand=True)
            if self.collect is not None:
                self.collect.append(("modal", sent, s, e, trig, coded, qi))
            return
        # A denied or conditional act («… را به رسمیت نمی‌شناسد», «چنانچه … هدف بگیرد») is kept in the layer
        # with its modality — an analyst asks who denied what — but it is no act: it neither blocks a later
        # real act of the same signature nor counts where acts are counted (eval, PLOVER export, search
        # filter), as tests/gold/README.md codes only acts that took place or are fixed to.
        unreal = not occurred(modality)
        date = _date(ctx, sent)
        span = doc.add(
            "events",
            s,
            e,
            etype,
            type=etype,
            mode=mode,
            context=trig.context[0] if trig.context else None,
            actor=a_codes,
            recipient=r_codes,
            actor_entities=[p.entity for p in actors if p.entity],
            recipient_entities=[p.entity for p in recipients if p.entity],
            # (the participants' sectors as the text gives them: a mention may name a state's government)
            actor_sectors=sorted({p.sector for p in actors if p.sector}),
            recipient_sectors=sorted({p.sector for p in recipients if p.sector}),
            place=_PLACE_KIND.sub("", place) if place else place,
            date=date,
            sentence=[sent.start, sent.end],
            trigger=text[s:e].strip(),
            reported_by=qi,
            negated=neg,
            modality=modality,
        )
        if sig not in ctx.seen and not unreal:
            ctx.seen[sig] = span
            own = next((str(d.attrs["value"]) for d in ctx.dates if sent.start <= d.start < sent.end and d.attrs.get("value")), None)
            ctx.seen_info[sig] = (trig.verbal, own)


# a sentence about a case already told: a demonstrative or a pronoun for the arrested
_SAME_CASE = re.compile(r"(?<![\w\u200c])(?:این|آن|همین)[\s\u200c]+(?:باند|افراد|فرد|متهم|متهمان|سارق|سارقان|قاچاقچی|قاچاقچیان|دو|سه|چند)(?![\w\u200c])|(?<![\w\u200c])(?:وی|او|آنها|آنان)[\s\u200c]+را(?![\w\u200c])")
_WORDS = re.compile(r"[\w\u200c]{3,}")


def _signature(etype: str, mode: str | None, a_codes: list[str], r_codes: list[str]) -> Sig:
    """One event per signature in a document (``ctx.seen``). An arrest and a seizure of the same parties are two
    acts (the gold codes «… دستگیر و … کشف و ضبط» of one police report as both), so a seizure has its own."""
    return ("COERCE/seize" if etype == "COERCE" and mode == "seize" else etype, frozenset(a_codes), frozenset(r_codes))


def _repeat(ctx: Context, sig: tuple[str, frozenset[str], frozenset[str]], trig: Trigger, sent: Span, place: str | None) -> bool:
    """A second act of one signature (tests/gold/README.md lists two visits or two arrests twice): both
    reported by a verb, in different sentences, at two different named places or on two dates."""
    prev = ctx.seen[sig]
    verbal, d1 = ctx.seen_info.get(sig, (False, None))
    if prev.attrs.get("sentence") == [sent.start, sent.end]:
        return False
    p1 = prev.attrs.get("place")
    p2 = _PLACE_KIND.sub("", place) if place else None
    if p1 and p2 and _key(p1) != _key(p2) and _key(p1) not in _key(p2) and _key(p2) not in _key(p1):
        return True
    d2 = next((str(d.attrs["value"]) for d in ctx.dates if sent.start <= d.start < sent.end and d.attrs.get("value")), None)
    # «… روز گذشته … مورد تحریم قرار گرفت» … «مقامات آمریکایی در سال ۲۰۰۸ تحریم‌هایی … اعمال کردند»: a year or a
    # month that does not hold the first act's day dates another act
    first = d1 or (ctx.doc.published or "")[:10]
    if d2 and re.fullmatch(r"\d{4}(?:-\d{2})?", d2) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", first) and not first.startswith(d2):
        return True
    if not trig.verbal or not verbal:
        return False
    if sig[0] == "COERCE" and sig[2] == frozenset({"CRM"}) and not _SAME_CASE.search(ctx.doc.text, sent.start, sent.end):
        # a police report narrates one arrest per case («یک باند سارقان زورگیر دستگیر شدند» … «دستگیری یک
        # سارق کیف‌قاپ …»: tests/gold/README.md, fars-events-3 codes each); a sentence pointing back
        # («این باند», «وی را») or sharing half its words with the first (the lead repeated) is the same case
        words = set(_WORDS.findall(ctx.doc.text[sent.start : sent.end]))
        pw = set(_WORDS.findall(ctx.doc.text[prev.attrs["sentence"][0] : prev.attrs["sentence"][1]]))
        return len(words & pw) < 0.5 * min(len(words), len(pw))
    # two days (a week or a range may contain the other's day: «هفته آینده» and «۶ تا ۸ ژوئن»)
    day = re.compile(r"\d{4}-\d{2}-\d{2}")
    return bool(d1 and d2 and day.fullmatch(d1) and day.fullmatch(d2) and d1 != d2)


def _date(ctx: Context, sent: Span) -> str | None:
    for d in ctx.dates:
        if sent.start <= d.start < sent.end and d.attrs.get("value"):
            return str(d.attrs["value"])
    pub = ctx.doc.published
    return pub[:10] if pub else None
