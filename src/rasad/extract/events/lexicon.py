"""The trigger lexicon: ``data/events/<type>.json`` (one file per PLOVER type) and ``data/plover.json``
compiled into :class:`Trigger` forms and one indexed scan (:meth:`EventLexicon.find`)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .grammar import ZW

DATA = Path(__file__).parent.parent / "data"


def _flex(word: str) -> str:
    return r"[\s\u200c]?".join(re.escape(p) for p in re.split(r"[\s\u200c]+", word) if p)


@dataclass
class Trigger:
    type: str
    trigger: str
    form: str
    recipient: tuple[str, ...]
    mode: str | None
    context: list[str]
    symmetric: bool
    actor_after: bool
    place_is_recipient: bool
    verbal: bool  # the form carries a verb (a noun trigger takes its actor from a following genitive)
    passive: bool = False  # «آزاد شدند», «مورد حمله قرار گرفت»: the subject is the recipient
    genitive: str | None = None  # «پشتیبانی‌کننده Y»: the genitive is the recipient, not the actor
    speaker_accuses: bool = False  # «اشغال Z توسط X» in a quotation: the speaker accuses X
    host: bool = False  # «X میزبان Y»: the guest Y is the visitor (actor), the host X the recipient
    person_recipient: dict[str, Any] | None = None  # recode when the recipient is a person («از پوتین استقبال کرد»)
    mutual: bool = False  # «درگیری X و Y»: one event each way
    no_recipient: bool = False  # «خواستار انجام تحقیقات»: coded without a recipient
    agent_only: bool = False  # «به شهادت رسید»: coded only with a named agent (else a commemoration)
    unknown_actor: str | None = None  # actor when none is named but a target or place is («حمله به مسجد»)
    not_after: str | None = None  # regex of words before a noun form that make it an adverbial
    # regex the text right after the form must match: «تهدید X به واکنش» is a threat, a bare «تهدید» a danger
    needs_after: re.Pattern[str] | None = None
    recipient_from_context: bool = False  # «استفاده از فضای هوایی X»: the partner named before the trigger
    slot_place: bool = False  # «وارد * شد»: the words in «*» must name a place («وارد مسکو شد», not «وارد جنگ شد»)
    claim: bool = False  # «X مدعی شد که Y …»: without a marked recipient, the claim's first party is accused
    not_as_object: bool = False  # a noun («تجهیزات نظامی») that is the «را» object of a later verb trigger is no act
    toll: bool = False  # «کشته شد»: after another attack word of the sentence, that attack's outcome
    name_only: bool = False  # «ائتلاف به رهبری آمریکا»: names a group; shapes the clause but is coded as no act
    # «X با Y دیدار کرد» is symmetric, but a meeting in one side's town is the other side's visit to it
    # (tests/gold/README.md, convention adjudicated 2026-11-29: visits are directed visitor → host)
    meeting: bool = False


@dataclass
class EventLexicon:
    plover: dict[str, Any]
    triggers: list[Trigger]
    regex: re.Pattern[str]  # every form in one alternation (for tests and free strings; slow on long texts)
    # first three characters of a form -> [(trigger index, anchored regex)], longest first: a scan only
    # tries the forms that can start at a word, which keeps event coding to about a millisecond per article
    by_prefix: dict[str, list[tuple[int, re.Pattern[str]]]] = field(default_factory=dict)
    heads: re.Pattern[str] = re.compile("(?!)")
    accidents: re.Pattern[str] = re.compile("(?!)")  # words of accidents (no attacker to code)
    sports: re.Pattern[str] = re.compile("(?!)")  # words of sports reports (results are not events)
    # right after a request head: an attack on a party as what is asked for (plover.json call_to_attack)
    attack_call: re.Pattern[str] = re.compile("(?!)")
    # right after an attack noun: words that make it verbal (plover.json verbal_attack)
    verbal_attack: re.Pattern[str] = re.compile("(?!)")

    def find(self, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
        """Non-overlapping ``(start, end, trigger index)`` of the longest form at each word start."""
        out: list[tuple[int, int, int]] = []
        pos = start
        index = self.by_prefix
        # The C regex engine finds the few word starts that can begin a form; Python only checks those.
        for hm in self.heads.finditer(text, start, end):
            ws = hm.start()
            if ws < pos:
                continue
            g = hm.group(1)
            cands = index.get(_SEPS.sub(" ", g) if ZW in g or " " in g else g)
            if not cands:
                continue
            best: tuple[int, int] | None = None
            for i, rx in cands:
                m = rx.match(text, ws, end)
                if m and (best is None or m.end() > best[1]):
                    best = (i, m.end())
            if best is not None:
                out.append((ws, best[1], best[0]))
                pos = best[1]
        return out


    @classmethod
    def load(cls, root: Path | None = None) -> EventLexicon:
        root = root or DATA
        plover = json.loads((root / "plover.json").read_text(encoding="utf-8"))
        light = {
            k: "(?:" + "|".join(_flex(f) for f in sorted(v, key=len, reverse=True)) + ")"
            for k, v in plover["light_verbs"].items()
        }
        triggers: list[Trigger] = []
        for f in sorted((root / "events").glob("*.json")):
            data = json.loads(f.read_text(encoding="utf-8"))
            t = data["type"]
            if t not in plover["types"]:
                raise ValueError(f"{f}: unknown PLOVER type {t}")
            for e in data["entries"]:
                mode = e.get("mode")
                if mode and mode not in plover["types"][t]["modes"]:
                    raise ValueError(f"{f}: mode {mode} is not a mode of {t}")
                for form in e["forms"]:
                    triggers.append(
                        Trigger(
                            type=t,
                            trigger=e["trigger"],
                            form=form,
                            recipient=tuple(e.get("recipient", [])),
                            mode=mode,
                            context=list(e.get("context", [])),
                            symmetric=bool(e.get("symmetric")),
                            actor_after=bool(e.get("actor_after")),
                            place_is_recipient=bool(e.get("place_is_recipient")),
                            verbal=_is_verbal(form, plover["light_verbs"]),
                            genitive=e.get("genitive"),
                            passive=(
                                ("{شد}" in form or "قرار {گرفت}" in form) and t not in _ACTIVE_SHOD
                                or bool(e.get("passive"))  # «به شهادت رسید»: a passive without «شد»
                            )
                            and not e.get("active"),  # «مدعی شد» (claimed) is active
                            speaker_accuses=bool(e.get("speaker_accuses")),
                            host=bool(e.get("host")),
                            person_recipient=e.get("person_recipient"),
                            recipient_from_context=bool(e.get("recipient_from_context")),
                            unknown_actor=e.get("unknown_actor"),
                            no_recipient=bool(e.get("no_recipient")),
                            agent_only=bool(e.get("agent_only")),
                            mutual=bool(e.get("mutual")),
                            slot_place=bool(e.get("slot_place")),
                            claim=bool(e.get("claim")),
                            not_as_object=bool(e.get("not_as_object")),
                            toll=bool(e.get("toll")),
                            name_only=bool(e.get("name_only")),
                            meeting=bool(e.get("meeting")),
                            not_after=(
                                r"(?<![\w\u200c])(?:" + "|".join(map(re.escape, e["not_after"])) + r")\s+$"
                                if e.get("not_after") else None
                            ),
                            needs_after=re.compile(e["needs_after"]) if e.get("needs_after") else None,
                        )
                    )
        # Longest forms first, so «به رسمیت شناخت» wins over «شناخت» at the same position.
        order = sorted(range(len(triggers)), key=lambda i: -len(triggers[i].form))
        bodies: dict[int, str] = {}
        for i in order:
            rx = _form_regex(triggers[i].form, light)
            if not triggers[i].verbal and not triggers[i].form.endswith("ای"):
                # «دیدارهایی», «حمله‌های», «تحریمی»; not after an ezafe form («ادعای» → «ادعایی» is «alleged»)
                rx += _NOUN_SUFFIX
            bodies[i] = rx
        parts = [f"(?P<t{i}>{bodies[i]})" for i in order]
        regex = re.compile(r"(?<![\w\u200c])(?:" + "|".join(parts) + r")(?![\w\u200c])")
        by_prefix: dict[str, list[tuple[int, re.Pattern[str]]]] = {}
        for i in order:
            by_prefix.setdefault(_head_key(triggers[i].form), []).append(
                (i, re.compile(bodies[i] + r"(?![\w\u200c])"))
            )
        # a zero-width match (the head in a lookahead group): a two-word head («از اعط») must not consume the
        # next word, whose own head («اعطا») would otherwise never be tried
        heads = re.compile(
            r"(?<![\w\u200c])(?=("
            + "|".join(
                r"[\s\u200c]*".join(re.escape(c) for c in h.split(" "))
                for h in sorted(by_prefix, key=len, reverse=True)
            )
            + "))"
        )
        accidents = _word_regex(plover.get("accidents", {}).get("words") or [])
        sports = _word_regex(plover.get("sports", {}).get("words") or [])
        calls = _word_regex(plover.get("call_to_attack", {}).get("words") or [])
        attack_call = re.compile(
            r"[\s\u200c]*(?:" + calls.pattern + r")(?:[\s\u200c]+[\w\u200c]+){0,2}?[\s\u200c]+(?:به|علیه|بر[\s\u200c]*ضد)(?![\w\u200c])"
        )
        verbal = _word_regex(plover.get("verbal_attack", {}).get("words") or [])
        verbal_attack = re.compile(r"[\s\u200c]*(?:" + verbal.pattern + ")")
        return cls(plover, triggers, regex, by_prefix, heads, accidents, sports, attack_call, verbal_attack)


def _word_regex(words: list[str]) -> re.Pattern[str]:
    """Any of ``words`` as whole words (longest first, spaces or ZWNJ between parts); never matches when empty."""
    if not words:
        return re.compile("(?!)")
    alts = "|".join(_flex(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w\u200c])(?:" + alts + r")(?![\w\u200c])")


_SEPS = re.compile(r"[\s\u200c]+")


def _head_key(form: str) -> str:
    """The literal start a form needs at a word start: four letters of its first word, or a short first
    word with the start of the next («به رسمیت» → «به رسم»): «به», «در», «است» alone would send every
    preposition and copula through the form regexes."""
    chunks = [c for c in _SEPS.split(form.strip()) if c]
    first = chunks[0]
    if len(first) >= 4:
        return first[:4]
    if len(first) == 3 or len(chunks) == 1 or chunks[1][0] in "{*":
        return first
    return first + " " + chunks[1][:3]


def _form_regex(form: str, light: dict[str, str]) -> str:
    out = []
    for tok in re.split(r"\s+", form.strip()):
        if tok == "*":
            # a word may carry quotes or a gloss in parentheses: «در اختیار (جمهوری) آذربایجان قرار داده»
            out.append(r"(?:[(«\"]?[\w\u200c]+[)»\"]?\s+){0,3}?")
            continue
        m = re.fullmatch(r"\{(.+)\}", tok)
        out.append(light[m.group(1)] if m else _flex(tok))
    # «*» carries its own spaces; other tokens are separated by a space, a ZWNJ or nothing (scraped text)
    rx = ""
    for i, piece in enumerate(out):
        rx += piece
        if i + 1 < len(out) and not piece.endswith(r"{0,3}?"):
            rx += r"[\s\u200c]*"
    return rx


_NOUN_SUFFIX = r"(?:\u200c?(?:هایی|های|ها|ای|ی))?"
# Types whose «… شد» forms are not passives («وارد تهران شد», «مستقر شد»).
_ACTIVE_SHOD = frozenset({"CONSULT", "MOBILIZE", "AGREE", "REQUEST"})
_BARE_VERBS = frozenset(
    "پذیرفت پذیرفتند نپذیرفت نپذیرفتند خواست خواستند می‌خواهد خواسته فراخواند ربود ربودند ربوده کشت کشتند "
    "گرفت شناخت شناختند بشناسد تاخت تاختند تاخته تاخته‌اند می‌تازد می‌تازند "
    # forms added by the round ev7l: REJECT «نپذیرفتیم/نپذیرفته», REQUEST «می‌خواهیم», ASSAULT «به آتش/به خاک و
    # خون کشید», «کشته‌اند» (have killed), SUPPORT «ستود», CONCEDE «گردن نهاد», REJECT «مردود می‌شمارد»
    "نپذیرفتیم نپذیرفته نپذیرفته‌اند می‌خواهیم می‌خواهم کشید کشیدند کشیده کشته‌اند ستود ستودند نهاد نهادند "
    "نهاده می‌شمارد می‌شمارند شمرد شمردند".split()
)


def _is_verbal(form: str, light: dict[str, list[str]]) -> bool:
    if "{" in form:
        return True
    last = form.split()[-1]
    return last in _BARE_VERBS or any(last in v for v in light.values())
