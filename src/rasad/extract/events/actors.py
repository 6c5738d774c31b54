"""Who can act: actor codes (:class:`ActorRef`), the phrases of one document that name a party
(:class:`Participant`), the KB and ``plover.json`` gazetteer (:class:`ActorGazetteer`) and
:class:`ParticipantFinder`, which joins the entities stage's linked mentions with the gazetteer, gives
state organs («پلیس», «ارتش») their country and knows the outlet's and a quoted speaker's country."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from rasad.document import Document, Span

from .grammar import _WORD, ZW, _key, words_of

_GROUP_CODES = frozenset("OPP MIL CRM HIZ HAM HEZ HTH SDF KRD TAL".split())
# «در همین راستا صهیونیست‌ها …», «در این حال ایران …»: an adverbial closes before the subject
_STATEISH = ("state", "national")
_INTL = frozenset("UN IAEA EU NATO ARL GCC IRC NAM".split())  # IRC: the Red Cross (tests/gold/README.md); NAM: CAMEO's Non-Aligned Movement (fars-events-3)
_GENERIC_BODY = re.compile(
    r"(?:دستگاه|قوه|شورای|وزارت|وزیر|مجلس|پارلمان|دولت|ریاست|رئیس|رییس|سخنگوی|دادگاه|دادستان|ارتش|نیروی|سازمان|ستاد|کمیته|"
    r"کمیسیون|دفتر|سفارت|سفیر|نخست|معاون|مشاور)"
)
_OUTLET_BEFORE = re.compile(
    r"(?<![\w\u200c])(?:خبرگزاری|روزنامه|نشریه|هفته‌نامه|شبکه|سایت|پایگاه اینترنتی|پایگاه خبری|رادیو|تلویزیون|"
    r"رسانه‌های|رسانه)(?:[\s\u200c]+(?:تلویزیونی|خبری|اینترنتی|رسمی|دولتی|[\w]{2,12}))?[\s\u200c]*$"
)
# the KB's state sectors: an organisation in one of them is an organ of a state, whichever state the text names
_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP"})
_ORGAN_GAP_BREAK = frozenset("که است بود شد شدند کرد کردند گفت افزود اما ولی تا چون اگر وقتی هنگامی زمانی".split())


@dataclass
class ActorRef:
    code: str
    kind: str  # state, national, capital, place, person, org, group, organ, self, anaphor
    sector: str | None = None
    kb_id: str | None = None


@dataclass
class Participant:
    start: int
    end: int
    text: str
    code: str | None
    kind: str
    entity: str | None = None
    sector: str | None = None
    marker: str | None = None


class ActorGazetteer:
    """Phrase → actor code, built once from the knowledge base and ``plover.json``."""

    def __init__(self, kb: Any, plover: dict[str, Any]) -> None:
        self.table: dict[str, ActorRef] = {}
        self.first: dict[str, int] = {}  # first word key -> longest phrase length in words
        actors = plover["actors"]
        self.kb_codes: dict[str, str] = actors["kb_codes"]
        if kb is not None:
            capitals = set()
            for e in kb:
                if e.kind == "countries":
                    code = e.code
                    if not code:
                        continue
                    demonyms = {_key(d) for d in e.data.get("demonyms") or []}
                    # «مالی» (financial), «کره» (butter), «ترک»: a name the KB marks ambiguous is left to the
                    # entities stage, which links it only in context
                    amb = {_key(a) for a in e.data.get("ambiguous_aliases") or []}
                    if e.data.get("ambiguous"):
                        amb.add(_key(e.name))
                    for n in e.all_names():
                        if _key(n) in amb:
                            continue
                        # «شاهزادگان سعودی», «سربازان آمریکایی»: nationals or agents of the state, not its name
                        kind = "national" if _key(n) in demonyms else "state"
                        self._add(n, ActorRef(code, kind, "GOV" if kind == "state" else None, e.id))
                    # «یمنی‌ها به تاسیسات البقیق حمله کردند», «عراقیان»: a plural demonym names the nationals
                    # (tests/gold/README.md, nationals rule); a country the KB gives no demonym has the regular
                    # one («گواتمالا» → «گواتمالایی»)
                    dems = list(e.data.get("demonyms") or []) or [_demonym(e.name)]
                    for d in dems:
                        for plural in (d + ZW + "ها", d + "ان"):
                            self._add(plural, ActorRef(code, "national", None, e.id), overwrite=False)
                    if e.data.get("capital_id"):
                        capitals.add(e.data["capital_id"])
            for e in kb:
                if e.kind == "places":
                    code = e.data.get("country")
                    if not code or e.data.get("ambiguous"):
                        continue
                    kind = "capital" if e.id in capitals else "place"
                    for n in [e.name, *e.aliases]:
                        self._add(n, ActorRef(code, kind, None, e.id), overwrite=False)
                elif e.kind in ("people", "organisations"):
                    code = self.kb_codes.get(e.id) or self.group_code(e) or e.data.get("country")
                    if not code:
                        continue
                    kind = "person" if e.kind == "people" else "org"
                    amb = {_key(a) for a in e.data.get("ambiguous_aliases", []) or []}
                    for n in [e.name, *e.aliases]:
                        if _key(n) in amb or len(_key(n)) < 3:
                            continue
                        self._add(n, ActorRef(code, kind, e.data.get("sector"), e.id), overwrite=False)
        # «حزب اسلامی» (HIZ) or «حماس» (HAM) have three-letter codes too: only a country code is a state
        states = {e.code for e in kb if e.kind == "countries" and e.code} if kb is not None else set()
        for code, phrases in actors["phrases"].items():
            kind = "state" if code in states or (not states and len(code) == 3 and code not in _GROUP_CODES) else "group"
            for p in phrases:
                self._add(p, ActorRef(code, kind))
        for p in actors["first_person"]:
            self._add(p, ActorRef("", "self"))
        for p in actors["anaphora"]:
            self._add(p, ActorRef("", "anaphor"))
        for sector, phrases in actors.get("sectors", {}).items():
            for p in phrases:
                self._add(p, ActorRef("", "organ", sector), overwrite=False)
        # «توافق وین», «نشست ژنو»: a place right after one of these nouns names the act, it is no party
        heads = actors.get("name_heads") or []
        self.name_heads = re.compile(
            r"(?<![\w\u200c])(?:" + "|".join(re.escape(h) for h in heads) + r")(?:‌?(?:ها|های))?[\s\u200c]+$"
        ) if heads else None
        words = sorted(actors.get("crime_context", []), key=len, reverse=True)
        self.crime = re.compile(
            r"(?<![\w\u200c])(?:" + "|".join(re.escape(w).replace(r"\ ", r"[\s\u200c]+") for w in words) + r")"
        ) if words else re.compile(r"(?!)")

    def group_code(self, entry: Any) -> str | None:
        """The code of the armed group or movement a non-state person leads («عبدالملک الحوثی» → HTH)."""
        if entry is None or entry.kind != "people" or entry.data.get("sector") != "REB":
            return None
        for office in entry.data.get("offices") or []:
            code = self.kb_codes.get(office.get("org") or "")
            if code:
                return code
        return None

    def _add(self, name: str, ref: ActorRef, overwrite: bool = True) -> None:
        from rasad.text.normalize import normalize_string

        norm = normalize_string(name)
        words = _WORD.findall(norm)
        if not words:
            return
        k = _key(norm)
        if not overwrite and k in self.table:
            return
        self.table[k] = ref
        # Index by the first chunk (up to a space or ZWNJ): the text may write «حزب‌الله» as «حزب الله».
        chunks = [c for c in re.split(r"[\s\u200c\-]+", norm) if c]
        fw = chunks[0]
        self.first[fw] = max(self.first.get(fw, 0), len(chunks))

    def scan(
        self, text: str, start: int = 0, end: int | None = None, toks: list[tuple[int, int, str]] | None = None
    ) -> list[Participant]:
        """Longest known actor phrases, left to right; a phrase never spans punctuation or a line end."""
        if toks is None:
            toks = words_of(text, start, end)
        first = self.first
        keys = [t[2].replace(ZW, "") if ZW in t[2] else t[2] for t in toks]
        out: list[Participant] = []
        i = 0
        while i < len(toks):
            w = toks[i][2]
            fw = w.split(ZW, 1)[0] if ZW in w else w
            span = first.get(fw, 0) or (first.get(fw[:-1], 0) if fw.endswith("ی") else 0)
            if not span:
                i += 1
                continue
            # keys of the phrases starting here, built by concatenation (the table's keys drop spaces/ZWNJ)
            grown: list[str] = []
            k = ""
            for n in range(min(span, len(toks) - i)):
                if n and text[toks[i + n - 1][1] : toks[i + n][0]].strip(" \u200c-"):
                    break
                k += keys[i + n]
                grown.append(k)
            hit = None
            for n in range(len(grown), 0, -1):
                ref = self.table.get(grown[n - 1])
                if ref is not None:
                    hit = (n, ref)
                    break
            if hit is None:
                # «هشت سارقی که …», «مهاجمانی که»: a group noun with the indefinite suffix before a relative
                # clause; after a plural noun the ی is an adjective's («اقدامات تروریستی که», «گروه‌های …»)
                adj = i > 0 and re.search(r"(?:ها|های|ات|ان|ی)$", toks[i - 1][2]) is not None
                for n in range(0 if adj else len(grown), 0, -1):
                    if i + n >= len(toks) or toks[i + n][2] != "که":
                        continue
                    g = grown[n - 1]
                    for suf in ("انی", "ی"):
                        ref = self.table.get(g[: -len(suf)]) if g.endswith(suf) else None
                        # a criminal noun or a plural: «تروریستی», «مسلحی» are adjectives
                        if ref is not None and ref.kind == "group" and (ref.code == "CRM" or g[: -len(suf)].endswith("ان")):
                            hit = (n, ref)
                            break
                    if hit is not None:
                        break
            if hit is None:
                i += 1
                continue
            n, ref = hit
            s, e = toks[i][0], toks[i + n - 1][1]
            out.append(Participant(s, e, text[s:e], ref.code or None, ref.kind, None, ref.sector))
            i += n
        return out


class ParticipantFinder:
    """The participants of a document and the countries behind them (the outlet's, a quoted speaker's)."""

    def __init__(self, gaz: ActorGazetteer, kb: Any) -> None:
        self.gaz = gaz
        self.kb = kb

    def participants(self, doc: Document, toks: list[tuple[int, int, str]] | None = None) -> list[Participant]:
        found = self.gaz.scan(doc.text, toks=toks)
        linked: list[Participant] = []
        kb_codes = self.gaz.kb_codes
        # A person the KB lacks has the code of the state his titles name («غلامحسین دهقانی سفیر و معاون
        # نمایندگی کشورمان», «سخنگوی وزارت خارجه روسیه»), set by the entities stage (``_note_country``), so
        # that his name and the pronouns linked to him act for it.
        for m in doc.spans("mentions"):
            ent = doc.entity(m.attrs.get("entity"))
            if ent is None:
                if m.attrs.get("kind") == "title" and m.attrs.get("story_country"):
                    # an office the KB knows no holder of, of the state its title or its story names («وزیر کشور»
                    # in a sentence about Kuwait): its holder acts for that state, in the office's sector
                    sector = next((p.sector for p in self.gaz.scan(doc.text, m.start, m.end) if p.sector), None)
                    linked.append(Participant(m.start, m.end, doc.span_text(m), str(m.attrs["story_country"]), "person", None, sector))
                continue
            code = kb_codes.get(ent.kb_id or "") or (self.gaz.group_code(_kb_entry(self.kb, ent.kb_id)) if ent.kb_id else None) or ent.code
            if not code and ent.kb_id:
                ref = self.gaz.table.get(_key(ent.name))
                code = ref.code if ref else None
            if not code:
                continue
            kind = {"GPE": "state", "LOC": "place", "PER": "person"}.get(ent.type, "org")
            if kind == "place":
                # «مسکو، واشنگتن را … متهم کرد»: a capital stands for its government
                ref = self.gaz.table.get(_key(ent.name))
                if ref is not None and ref.kind == "capital":
                    kind = "capital"
            if m.attrs.get("kind") == "self":
                kind = "state"
            elif m.attrs.get("kind") == "demonym" and kind == "state":
                kind = "national"  # «یک اسرائیلی», «اسرای فلسطینی»: nationals, as the gazetteer's demonyms
            linked.append(
                # the mention's own sector first: «دولت سوریه» is a mention of Syria in its government role
                Participant(
                    m.start,
                    m.end,
                    doc.span_text(m),
                    code,
                    kind,
                    ent.id,
                    m.attrs.get("sector") or (ent.attrs or {}).get("sector"),
                )
            )
        # The entities stage knows pronouns, titles and people the gazetteer cannot; keep the gazetteer's
        # phrases only where no linked mention overlaps them.
        # linked mentions do not overlap one another: sorted by start, their ends are sorted too
        linked.sort(key=lambda q: q.start)
        l_starts = [q.start for q in linked]
        l_ends = [q.end for q in linked]

        def overlaps(p: Participant) -> bool:
            k = bisect.bisect_left(l_starts, p.end)  # the mentions starting before p ends
            return k > 0 and max(l_ends[:k][-3:]) > p.start

        # a group phrase of the gazetteer that holds a linked demonym or name whole («معارضان مسلح سوری»,
        # «مخالفان دولت بحرین») names the group, not the state inside it
        inner: set[int] = set()
        groups = []
        for p in found:
            if p.kind != "group" or not overlaps(p):
                continue
            hit = [k for k in range(bisect.bisect_left(l_starts, p.start - 200), bisect.bisect_left(l_starts, p.end)) if l_ends[k] > p.start]
            # (or equal to a linked place: «کردستان عراق» acting is the Kurdistan Region, KRD, not Iraq)
            if hit and all(
                p.start <= l_starts[k] and l_ends[k] <= p.end
                and ((l_starts[k], l_ends[k]) != (p.start, p.end) or linked[k].kind == "place" and p.code in _GROUP_CODES)
                for k in hit
            ):
                inner.update(hit)
                groups.append(p)
        if inner:
            linked = [q for k, q in enumerate(linked) if k not in inner]
        out = linked + [p for p in found if not overlaps(p)] + groups
        # «تبریک توافق وین», «نشست ژنو»: a capital or town right after such a noun names the act, it is no party
        heads = self.gaz.name_heads
        if heads is not None:
            out = [
                p for p in out
                if p.kind not in ("place", "capital") or not heads.search(doc.text, max(0, p.start - 16), p.start)
            ]
        # Outlets and their country («شبکه الجزیره قطر», «روزنامه آمریکایی نیویورک تایمز», «خبرگزاری
        # فرانسه») report events, they do not take part in them.
        srcs = [(x.start, x.end) for x in doc.spans("sources")]
        text = doc.text
        out = [
            p for p in out
            if not any(a < p.end and p.start < b for a, b in srcs)
            and not _OUTLET_BEFORE.search(text, max(0, p.start - 30), p.start)
        ]
        out.sort(key=lambda p: p.start)
        # «شورای امنیت ملی رژیم صهیونیستی», «رییس‌جمهور کره‌جنوبی», «دستگاه قضایی شیلی», «دستگاه قضایی این
        # کشور»: a body the KB knows as another state's (most such names are Iran's) belongs to the state
        # named right after it (a state organ of the KB whatever its name; a person by a generic title)
        for p, q in zip(out, out[1:], strict=False):
            if (
                p.kind in ("org", "person") and q.kind in ("state", "capital") and q.code and p.code != q.code
                and p.code not in _GROUP_CODES and len(p.code or "") == 3
                and not text[p.end : q.start].strip(" \u200c")
                and (_GENERIC_BODY.match(p.text) or p.kind == "org" and p.sector in _STATE_SECTORS)
            ):
                p.code = q.code
        return self._organs(doc, out)

    def _organs(self, doc: Document, parts: list[Participant]) -> list[Participant]:
        """Give «پلیس», «دادگاه», «ارتش» … their country, or fold them into the state that follows them."""
        text = doc.text
        states = Counter(p.code for p in parts if p.kind in _STATEISH and p.code)
        default = states.most_common(1)[0][0] if states else self.outlet_country(doc)
        # Right to left, so that in «نمایندگان پارلمان اسپانیا» both organs fold into «اسپانیا».
        kept: list[Participant] = []  # reversed
        for p in reversed(parts):
            if p.kind != "organ":
                kept.append(p)
                continue
            nxt = kept[-1] if kept else None
            gap = text[p.end : nxt.start] if nxt is not None else ""
            # «نمایندگان پارلمان اسپانیا»: the state right after names the organ's country; a verb or a clause
            # word between them («کارآگاهان وقتی متوجه شدند … در کرمانشاه») starts another clause
            if nxt is not None and re.fullmatch(r"[\s\w\u200c]{0,40}", gap) and not (
                set(gap.split()) & _ORGAN_GAP_BREAK
            ):
                if nxt.kind in _STATEISH:
                    nxt.sector = p.sector  # «ارتش سوریه»: the state acting through its army
                elif nxt.kind in ("place", "capital") and nxt.code and not gap.strip():
                    # «پلیس پاریس», «رئیس پلیس کابل», «دادگاه تبریز»: the town's organ acts for the town's state
                    # (the town itself names no actor)
                    p.kind, p.code = "org", nxt.code
                    kept.append(p)
                    continue
                if nxt.code:
                    continue
            kept.append(p)
        ordered = list(reversed(kept))
        out: list[Participant] = []
        for p in ordered:
            if p.kind != "organ":
                out.append(p)
                continue
            if out and re.fullmatch(r"\s*(?:،\s*و|،|و)\s*", text[out[-1].end : p.start]):
                continue  # «ارتش سوریه و نیروهای مقاومت»: a second, unnamed party, not the first one's country
            prev = next((q for q in reversed(out) if q.kind in _STATEISH and q.code and p.start - q.end < 400), None)
            p.code = prev.code if prev else default
            if p.code:
                out.append(p)
        return out

    def outlet_country(self, doc: Document, attributed: bool = False) -> str | None:
        srcs = doc.spans("sources")
        for src in srcs:
            if src.label == "publisher" and src.attrs.get("outlet_id"):
                kb = _kb_entry(self.kb, src.attrs["outlet_id"])
                if kb is not None:
                    return kb.data.get("country")
        # «به گزارش گروه بین‌الملل خبرگزاری فارس، …» without a dateline: the article's first attribution
        # names the outlet writing it, and «کشورمان» in its own voice is that outlet's country (only for
        # «کشورمان»: as the default actor of a passive it added wrong events)
        first = srcs[0] if srcs and attributed else None
        if first is not None and first.attrs.get("cue") == "به گزارش" and first.attrs.get("outlet_id"):
            kb = _kb_entry(self.kb, first.attrs["outlet_id"])
            if kb is not None:
                return kb.data.get("country")
        return None

    def speaker_code(self, doc: Document, q: Span) -> str | None:
        ent = doc.entity(q.attrs.get("speaker"))
        if ent is not None and (ent.code or self.gaz.kb_codes.get(ent.kb_id or "")):
            return self.gaz.kb_codes.get(ent.kb_id or "") or ent.code
        for key in ("speaker_name", "speaker_text"):
            name = q.attrs.get(key)
            if isinstance(name, str) and name:
                ps = [p for p in self.gaz.scan(name) if p.code]
                if ps:
                    return ps[-1].code if ps[-1].kind in _STATEISH else ps[0].code
        span = q.attrs.get("speaker_span")
        if span:
            ps = [p for p in self.gaz.scan(doc.text, span[0], span[1]) if p.code]
            if ps:
                return ps[-1].code
        return None


class SpeakerCodes:
    """Speaker country of quotation ``i``, computed on first use (most quotations hold no event)."""

    def __init__(self, finder: ParticipantFinder, doc: Document, quotes: list[Span]) -> None:
        self.finder, self.doc, self.quotes = finder, doc, quotes
        self.cache: dict[int, str | None] = {}

    def __getitem__(self, i: int) -> str | None:
        if i not in self.cache:
            self.cache[i] = self.finder.speaker_code(self.doc, self.quotes[i])
        return self.cache[i]


def _demonym(name: str) -> str:
    """The regular Persian demonym of a country name: «-ی», «-یی» after a long vowel."""
    return name + ("یی" if name.endswith(("ا", "و")) else "ی")


def _kb_entry(kb: Any, entry_id: str) -> Any:
    return kb.get(entry_id) if kb is not None else None


def _kb(resources: Any) -> Any:
    try:
        if resources is not None:
            return resources.kb
        from rasad.kb import KnowledgeBase

        return KnowledgeBase.load()
    except (FileNotFoundError, ValueError):  # no knowledge base: the plover.json phrases still work
        return None
