"""Named entities: recognition (CRF + knowledge-base gazetteer) and linking (KB ids, surnames, titles,
pronouns, «کشورمان»).

Writes layer ``mentions`` and ``doc.entities`` as ``docs/MODEL.md`` lists them. Per sentence:

1. the CRF (:mod:`rasad.extract.ner_crf`, KB gazetteer and cluster features) tags names;
2. a longest-match pass over token keys finds KB names and aliases; an alias the KB marks ambiguous, or a
   name of an entry marked ambiguous, is accepted only where the CRF also saw a name there (the context
   the KB asks for) or the document already linked it;
3. office titles from the KB («دبیر شورای عالی امنیت ملی», «وزیر امور خارجه کشورمان», «رئیس‌جمهور روسیه»)
   become ``title`` mentions, linked to a person of the document who held the title, else to the KB holder
   on the publication date, else left unlinked (several holders and no date: no guess);
4. «وی», «او», «ایشان» opening a clause link to the most recently mentioned person named outside quoted speech;
5. a lone surname links to the earlier full name it ends;
6. the document's own evidence refines the KB: titles it puts next to names, fuller names («باشگاه رم» → «رم»),
   outlets the source chain found, speakers the CRF missed, and people chosen by the article's date
   (docs/KB.md, *Linking in the entities stage*).
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasad.document import Document, Entity, Span
from rasad.extract.honorifics import honorific_lexicon
from rasad.extract.ner_crf import (
    FIRST_NAME_STOPS_PATH,
    MODEL_DIR,
    CRFTagger,
    FeatureResources,
    read_word_list,
    spans_from_bio,
    text_key,
    token_key,
)
from rasad.kb import KBEntry, KnowledgeBase, everyday_words, in_tenure, match_key

LEXICON_PATH = MODEL_DIR / "entity-lexicon.json"
ENTITY_TYPES = ("PER", "ORG", "LOC", "GPE")
_TOKEN_KINDS = ("word", "num", "latin", "punct")
# Which KB kinds a recognised type may link to.
_KINDS_FOR = {
    "PER": ("people",),
    "ORG": ("organisations", "outlets", "countries"),
    "LOC": ("places", "countries"),
    "GPE": ("countries", "places"),
}
_KIND_RANK = {"countries": 0, "people": 1, "organisations": 2, "outlets": 3, "places": 4}


def _fold(key: str) -> str:
    """Spelling variants the press mixes and match_key keeps apart («رئیس» / «رییس»)."""
    return key.replace("ئی", "یی") if "ئ" in key else key


@lru_cache(maxsize=65536)
def _phrase(s: str) -> tuple[str, ...]:
    """The folded token keys of a name (cached: linking asks again for the names of the document's people)."""
    from rasad.text.tokens import tokenize

    return tuple(_fold(token_key(s[a:b])) for a, b, _ in tokenize(s))


@dataclass
class Lexicon:
    pronouns: set[str] = field(default_factory=set)
    self_forms: set[tuple[str, ...]] = field(default_factory=set)
    honorifics: set[tuple[str, ...]] = field(default_factory=set)
    clause_openers: set[str] = field(default_factory=set)
    demonstratives: set[str] = field(default_factory=set)
    person_nouns: set[str] = field(default_factory=set)
    place_prefixes: set[str] = field(default_factory=set)
    direction_words: set[str] = field(default_factory=set)
    org_descriptors: set[tuple[str, ...]] = field(default_factory=set)
    club_descriptors: set[tuple[str, ...]] = field(default_factory=set)
    coordinated_heads: set[str] = field(default_factory=set)
    title_heads: set[tuple[str, ...]] = field(default_factory=set)
    title_stops: set[str] = field(default_factory=set)
    speech_words: set[str] = field(default_factory=set)
    speech_verbs: set[str] = field(default_factory=set)
    description_stops: set[str] = field(default_factory=set)
    object_markers: set[str] = field(default_factory=set)
    topic_words: set[str] = field(default_factory=set)
    group_anaphors: dict[str, str] = field(default_factory=dict)
    government_heads: dict[str, str] = field(default_factory=dict)  # «دولت» → its sector, GOV
    title_modifiers: dict[str, str] = field(default_factory=dict)  # «سابق» → "former", «موقت» → ""
    speech_phrases: set[tuple[str, ...]] = field(default_factory=set)  # «ادامه داد»: its first word alone is none
    sense_cues: dict[str, dict[str, Any]] = field(default_factory=dict)
    default_country: str = "IRN"

    @classmethod
    def load(cls, path: Path = LEXICON_PATH) -> Lexicon:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            pronouns={token_key(p) for p in data["pronouns"]},
            self_forms={_phrase(p) for p in data["self"]},
            # (one list with the quotes stage; a lexicon of its own may still bring its own)
            honorifics={_phrase(p) for p in data.get("honorifics") or honorific_lexicon()["honorifics"]},
            clause_openers={token_key(p) for p in data["clause_openers"]},
            demonstratives={token_key(p) for p in data.get("demonstratives", [])},
            person_nouns={_fold(token_key(p)) for p in data.get("person_nouns", [])},
            place_prefixes={_fold(token_key(p)) for p in data.get("place_prefixes", [])},
            direction_words={_fold(token_key(p)) for p in data.get("direction_words", [])},
            org_descriptors={_phrase(p) for p in data.get("org_descriptors", [])},
            club_descriptors={_phrase(p) for p in data.get("club_descriptors", [])},
            coordinated_heads={_fold(token_key(p)) for p in data.get("coordinated_heads", [])},
            title_heads={_phrase(p) for p in data.get("title_heads", [])},
            title_stops={_fold(token_key(p)) for p in data.get("title_stops", [])},
            speech_words={_fold(token_key(p)) for p in data.get("speech_words", [])},
            speech_verbs={_fold(token_key(p)) for p in data.get("speech_verbs", [])},
            description_stops={_fold(token_key(p)) for p in data.get("description_stops", [])},
            object_markers={token_key(p) for p in data.get("object_markers", [])},
            topic_words={_fold(token_key(p)) for p in data.get("topic_words", [])},
            group_anaphors={_fold(token_key(k)): v for k, v in data.get("group_anaphors", {}).items()},
            government_heads={_fold(token_key(k)): v for k, v in data.get("government_heads", {}).items()},
            title_modifiers={_fold(token_key(k)): v for k, v in data.get("title_modifiers", {}).items()},
            speech_phrases={_phrase(p) for p in data.get("speech_phrases", [])},
            sense_cues={
                kb_id: {
                    "not_next_to": {_fold(token_key(w)) for w in c.get("not_next_to", [])},
                    "instead": c.get("instead"),
                    "doc_cues": list(c.get("doc_cues", [])),
                    "doc_unless": list(c.get("doc_unless", [])),
                    "after": {_fold(token_key(w)) for w in c.get("after", [])},
                    "next_to_country": bool(c.get("next_to_country")),
                }
                for kb_id, c in data.get("sense_cues", {}).items()
            },
            default_country=data.get("default_country", "IRN"),
        )


class Recognizer:
    """The statistical recogniser the pipeline and ``rasad eval --ner`` share: CRF with KB features."""

    def __init__(self, kb: KnowledgeBase, model_path: Path | None = None, doc_pass: bool = False) -> None:
        self.kb = kb
        self.crf = CRFTagger(model_path, FeatureResources.load(kb))
        # ``doc_pass``: the pipeline adds the names the CRF's document second pass finds where pass 1 found
        # none (a surname alone after the full name). Off by default: on the Fars golds it gains mentions
        # but loses an event (docs/NER.md, "Second pass in the pipeline").
        self.doc_pass = doc_pass

    @classmethod
    def default(cls, kb: KnowledgeBase | None = None) -> Recognizer:
        return cls(kb or KnowledgeBase.load())

    def tag(self, keys: list[str]) -> list[str]:
        return self.crf.tag(keys)

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        """The pipeline's tags for an article's sentences: pass 1 per sentence, or with ``doc_pass`` pass 1 plus
        the names the second pass adds (``CRFTagger.tag_document(add_only=True)``). (Not ``tag_document``:
        ``rasad eval --ner --doc-pass`` scores the CRF's own two passes.)"""
        if not self.doc_pass:
            return [self.crf.tag(k) for k in sentences]
        return self.crf.tag_document(sentences, add_only=True)


@dataclass
class _Match:
    entries: list[KBEntry]  # unambiguous readings first
    ambiguous: bool
    demonym: bool = False


class _Index:
    """KB phrases (tuples of token keys) → entries; office titles → title key."""

    def __init__(self, kb: KnowledgeBase, lex: Lexicon) -> None:
        self.names: dict[tuple[str, ...], _Match] = {}
        self.titles: dict[tuple[str, ...], str] = {}
        self.honorifics = set(lex.honorifics)
        plain: dict[tuple[str, ...], list[KBEntry]] = {}
        marked: dict[tuple[str, ...], list[KBEntry]] = {}
        demonyms: dict[tuple[str, ...], list[KBEntry]] = {}
        for e in kb:
            amb_entry = bool(e.data.get("ambiguous"))
            # A form the entry itself lists as ambiguous («مالی»: Mali, and "financial") needs context even
            # when it is also the entry's name.
            amb_forms = {p for p in (_phrase(n) for n in e.data.get("ambiguous_aliases") or []) if p}
            for p in amb_forms:
                marked.setdefault(p, []).append(e)
            for n in [e.name, *e.aliases]:
                p = _phrase(n)
                if p and p not in amb_forms:
                    # «استان بوشهر»: a place's form opened by its kind word is unambiguous even when the bare
                    # name is shared with a city (the province entries' own ambiguous_reason).
                    kinded = e.kind == "places" and len(p) > 1 and p[0] in lex.place_prefixes
                    (marked if amb_entry and not kinded else plain).setdefault(p, []).append(e)
            if e.kind == "countries":
                for n in e.data.get("demonyms") or []:
                    p = _phrase(n)
                    if p:
                        demonyms.setdefault(p, []).append(e)
            if e.kind == "people":
                for h in e.data.get("honorifics") or []:
                    self.honorifics.add(_phrase(h))
                for off in e.data.get("offices") or []:
                    for t in [off.get("title"), *(off.get("title_aliases") or [])]:
                        if t:
                            self.titles[_phrase(t)] = match_key(off.get("title") or t)
        for p in set(plain) | set(marked) | set(demonyms):
            ents = sorted(plain.get(p, []), key=lambda x: _KIND_RANK[x.kind])
            extra = [x for x in marked.get(p, []) if x not in ents]
            if ents:
                self.names[p] = _Match(ents + extra, ambiguous=False)
            elif p in demonyms:
                # «ایرانی», «سودانی»: a demonym first, before a surname the KB marks ambiguous (Shahram Irani,
                # al-Sudani), which otherwise hid it from descriptions («این دیپلمات ایرانی»)
                self.names[p] = _Match(demonyms[p] + extra, ambiguous=False, demonym=True)
            elif extra:
                self.names[p] = _Match(extra, ambiguous=True)
        # Honorifics by first token, longest first («آیت‌الله العظمی» before «آیت‌الله»).
        self.honorifics_at: dict[str, list[tuple[str, ...]]] = {}
        for h in sorted((h for h in self.honorifics if h), key=len, reverse=True):
            self.honorifics_at.setdefault(h[0], []).append(h)
        self.self_forms = lex.self_forms
        self.self_first = {p[0] for p in lex.self_forms}
        # First token -> longest phrase starting with it: most tokens start none, and cost one look-up.
        self.first: dict[str, int] = {}
        for p in [*self.names, *self.titles]:
            self.first[p[0]] = max(self.first.get(p[0], 0), len(p))

    def longest(
        self, keys: list[str], i: int, table: dict[tuple[str, ...], Any], hi: int | None = None
    ) -> tuple[int, Any]:
        """The longest phrase of ``table`` at ``keys[i:]`` that ends by ``hi`` (a bound, not a slice: slicing
        per token made a sentence quadratic)."""
        n = len(keys) if hi is None else hi
        if i >= n:
            return 0, None
        for ln in range(min(self.first.get(keys[i], 0), n - i), 0, -1):
            hit = table.get(tuple(keys[i : i + ln]))
            if hit is not None:
                return ln, hit
        return 0, None


class EntityStage:
    name = "entities"

    def __init__(self, resources: Any = None, model_path: Path | None = None) -> None:
        kb = resources.kb if resources is not None else KnowledgeBase.load()
        self.kb: KnowledgeBase = kb
        self.lex = Lexicon.load()
        self.everyday = {_fold(w) for w in everyday_words()}
        # Outlets by their ambiguous bare names (match_key): a kind word before one is the cue it needs.
        self.amb_outlets: dict[str, KBEntry] = {}
        # Kind words of outlets («روزنامه», «شبکه», «خبرگزاری», «سایت»): the first word of an outlet's name
        # when the rest is one of its bare names.
        heads: dict[tuple[str, ...], int] = {}
        outlet_heads: dict[tuple[str, ...], int] = {}
        for e in kb:
            if e.kind in ("outlets", "organisations"):
                bare = {_phrase(n) for n in [e.name, *e.aliases, *(e.data.get("ambiguous_aliases") or [])]}
                for n in e.data.get("ambiguous_aliases") or [] if e.kind == "outlets" else []:
                    self.amb_outlets.setdefault(match_key(n), e)
                found = {ph[:h] for ph in bare for h in (1, 2) if len(ph) > h and ph[h:] in bare}
                for h in found:
                    heads[h] = heads.get(h, 0) + 1
                for h in found if e.kind == "outlets" else ():
                    outlet_heads[h] = outlet_heads.get(h, 0) + 1
        # Kind words of organisations and outlets, read off the KB's own names («روزنامه کیهان» / «کیهان»,
        # «باشگاه پرسپولیس» / «پرسپولیس», «گروهک تروریستی …»): used by three entries at least, and not a
        # name themselves («ایران دیلی» makes «ایران» no kind word).
        self.kind_heads = {h for h, c in heads.items() if c >= 3 and not kb.by_key.get("".join(h))}
        self.outlet_heads = {h[0] for h in self.kind_heads if len(h) == 1 and outlet_heads.get(h, 0) >= 3}
        if resources is not None:
            self.recognizer = resources.get("ner_recognizer", lambda: Recognizer(kb, model_path))
            self.index = resources.get("ner_index", lambda: _Index(kb, self.lex))
        else:
            self.recognizer = Recognizer(kb, model_path)
            self.index = _Index(kb, self.lex)

        # First names that may follow a glued «سید/سیده» («سیدمهران نوربخش»): the KB's people's and the
        # names table's (the CRF's resources; built once per stage).
        res = self.recognizer.crf.res
        self.first_names = set(res.first_names) | {
            p[0] for p, types in res.names.items() if "PER" in types and len(p) >= 2
        }
        # First names that are everyday words («پل», «جان»): no given name before a surname (KB rule 7).
        self.first_name_stops = {_fold(k) for k in read_word_list(FIRST_NAME_STOPS_PATH)}

    def __call__(self, doc: Document) -> None:
        _DocLinker(self, doc).run()

    def glued_particle(self, key: str) -> int:
        """Letters of a «سید»/«سیده» written joined to a known first name («سیدمهران», «سیدهادی»), else 0:
        the particle is no part of the name, as a separate «سید» is not."""
        for p in _GLUED_PARTICLES:
            if key.startswith(p) and key[len(p) :] in self.first_names:
                return len(p)
        return 0


_GLUED_PARTICLES = ("سید", "سیده")
# Mention kinds that name their entity (a title, demonym or pronoun only refers to it).
_NAMING_KINDS = frozenset({"name", "surname", "self"})


def _after_letters(text: str, start: int, n: int) -> int:
    """The offset after the first ``n`` letters from ``start`` (ZWNJs between them skipped)."""
    i = start
    while n and i < len(text):
        if text[i] != "\u200c":
            n -= 1
        i += 1
    while i < len(text) and text[i] == "\u200c":
        i += 1
    return i


def sentence_tokens(tokens: list[Span], sentences: list[Span]) -> list[list[Span]]:
    """The tokens of each sentence (both in text order; sentences without a token are left out): what the
    stage hands the recogniser, one list per sentence."""
    ti = 0
    parts: list[list[Span]] = []
    for sent in sentences:
        while ti < len(tokens) and tokens[ti].end <= sent.start:
            ti += 1
        tj = ti
        while tj < len(tokens) and tokens[tj].start < sent.end:
            tj += 1
        if tj > ti:
            parts.append(tokens[ti:tj])
        ti = tj
    return parts


class _DocLinker:
    """Per-document state of the entities stage (the stage itself keeps none)."""

    def __init__(self, stage: EntityStage, doc: Document) -> None:
        self.stage = stage
        self.kb = stage.kb
        self.index = stage.index
        self.lex = stage.lex
        self.doc = doc
        self.by_kb: dict[str, Entity] = {}
        self.local: dict[str, Entity] = {}
        self.mentions: list[Span] = []
        self.own_country = self._own_country()
        self.date = (doc.published or "")[:10] or None
        self.pending_titles: list[tuple[Span, str, str | None]] = []
        self.raw_keys: list[str] = []
        self.short_forms: dict[tuple[str, ...], Entity] = {}  # «رم» → the «باشگاه رم» of this document
        self.short_first: set[str] = set()
        # Full names of the document's people the KB lacks («جان کلیمانی»), by token keys: said again where the
        # tagger misses them, they are still that person.
        self.doc_people: dict[tuple[str, ...], Entity] = {}
        self.doc_people_first: set[str] = set()
        self.outlet_spans = [s for s in doc.spans("sources") if s.attrs.get("outlet_id") or s.attrs.get("name")]
        self.amb_outlets = stage.amb_outlets
        self.all_toks: list[Span] = []  # every token of the sentences, and its key
        self.all_keys: list[str] = []
        self.sentences_done = 0
        # The lead sentence's tokens, keys and mentions (for _lead_title).
        self.lead: tuple[list[Span], list[str], list[Span]] | None = None
        # Every sentence's tokens, keys and the range of its mentions (for _announced_speakers).
        self.sent_info: list[tuple[list[Span], list[str], int, int]] = []
        # The document's country mentions (start, code, self or demonym, in a place phrase), for _story_country.
        self._states: list[tuple[int, str, bool, bool]] | None = None
        self._sents: list[tuple[int, int]] = []
        # Countries the descriptions in apposition name, per person the KB lacks (set at the end of run).
        self.desc_countries: dict[str, set[str]] = {}

    # -- entities -------------------------------------------------------------------------------------
    def _own_country(self) -> str:
        if self.doc.outlet:
            for e in self.kb.lookup(self.doc.outlet):
                if e.kind == "outlets" and e.data.get("country"):
                    return str(e.data["country"])
        return self.lex.default_country

    def _new_id(self) -> str:
        return f"e{len(self.doc.entities) + 1}"

    def entity_for(self, entry: KBEntry) -> Entity:
        ent = self.by_kb.get(entry.id)
        if ent is None:
            typ = entry.type
            code = entry.data.get("iso3") or entry.data.get("cameo") if entry.kind == "countries" else None
            attrs: dict[str, Any] = {}
            if entry.kind != "countries":
                if entry.data.get("country"):
                    attrs["country"] = entry.data["country"]
                if entry.data.get("sector"):
                    attrs["sector"] = entry.data["sector"]
                if entry.kind in ("people", "organisations") and entry.data.get("sector") in _STATE_SECTORS:
                    # State actors carry their country's code (CAMEO: the sector refines it).
                    code = entry.data.get("country")
                elif entry.kind == "people" and entry.data.get("sector") == "IGO":
                    # An office holder acting in an international office acts for it, not for his state:
                    # ElBaradei as the IAEA's director general is IAEA, not EGY.
                    code = self._office_code(entry)
            if entry.kind == "places":
                attrs["place_type"] = entry.data.get("type")
            ent = Entity(self._new_id(), entry.name, typ, entry.id, code, attrs)
            self.doc.entities.append(ent)
            self.by_kb[entry.id] = ent
        return ent

    def _office_code(self, entry: KBEntry) -> str | None:
        """The actor code (``code`` of the organisation or of its nearest parent that has one) of the office
        ``entry`` held on the article's date; without a date, the one code of his offices when every office he
        held was in such a body (Amr Moussa was also Egypt's foreign minister: no date, no guess)."""
        coded: list[str] = []
        offices = entry.data.get("offices") or []
        for off in offices:
            org = self.kb.get(off.get("org") or "")
            for _ in range(4):  # a branch, its body, the body's parent
                if org is None or org.data.get("code"):
                    break
                org = self.kb.get(org.data.get("parent") or "")
            if org is None or not org.data.get("code"):
                continue
            if self.date and in_tenure(str(self.date), off.get("start"), off.get("end")):
                return str(org.data["code"])
            coded.append(str(org.data["code"]))
        return coded[0] if not self.date and len(coded) == len(offices) and len(set(coded)) == 1 else None

    def local_entity(self, name: str, typ: str) -> Entity:
        key = f"{typ}:{text_key(name)}"
        ent = self.local.get(key)
        if ent is None:
            ent = Entity(self._new_id(), name, typ)
            self.doc.entities.append(ent)
            self.local[key] = ent
            p = _phrase(name) if typ == "PER" else ()
            if len(p) >= 2 and all(self._name_word(w) for w in p):
                self.doc_people.setdefault(p, ent)
                self.doc_people_first.add(p[0])
        return ent

    def add(self, start: int, end: int, label: str, ent: Entity | None, kind: str, **attrs: Any) -> Span:
        span = Span(start, end, label, {"entity": ent.id if ent else None, "kind": kind,
                                        "kb_id": ent.kb_id if ent else None, **attrs})
        self.mentions.append(span)
        return span

    # -- the pass -------------------------------------------------------------------------------------
    def run(self) -> None:
        doc = self.doc
        tokens = [t for t in doc.spans("tokens") if t.label in _TOKEN_KINDS]
        if not tokens:
            from rasad.text.tokens import tokenize

            tokens = [Span(s, e, k) for s, e, k in tokenize(doc.text)]
        sentences = doc.spans("sentences") or [Span(0, len(doc.text), "sentence")]
        parts = sentence_tokens(tokens, sentences)
        # The recogniser tags the whole article at once: its second pass reads the names found in the
        # other sentences (a surname alone, «شمسایی», after the full name).
        text = doc.text
        tagged = self.stage.recognizer.tag_sentences([[text_key(text[t.start : t.end]) for t in p] for p in parts])
        for part, tags in zip(parts, tagged, strict=True):
            self.sentence(part, tags)
            self.sentences_done += 1
        self._lead_title()
        self._announced_speakers()
        self.resolve_titles()
        self._repeated_titles()
        self._description_countries()
        self._link_group_anaphors(sentences)
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        doc.layers["mentions"] = self.mentions
        self._mark_unnamed()

    def _mark_unnamed(self) -> None:
        """Flag ``named: False`` on entities the text never names: only titles («مقام معظم رهبری», «وزیر
        دفاع آمریکا»), demonyms («ایرانی», «کروات») or pronouns refer to them. They stay entities (events and
        quotes read their codes and sectors), but they are no document-level entity of the README's
        conventions: entities are named in the text, nationality adjectives alone make no GPE."""
        text = self.doc.text
        named: set[str] = set()
        name_phrases: list[tuple[str, ...]] = []
        for m in self.mentions:
            eid = m.attrs.get("entity")
            if not eid or m.attrs.get("kind") not in _NAMING_KINDS:
                continue
            surface = text[m.start : m.end]
            entry = self.kb.get(m.attrs["kb_id"]) if m.attrs.get("kb_id") else None
            if entry is not None and (
                (entry.kind == "people" and self.kb.is_title(surface)) or match_key(surface) in self._epithets(entry)
            ):
                # «مقام معظم رهبری», «امام راحل», «نیروهای آمریکایی»: a KB alias that is a title or a
                # description (an unnamed group), not a name
                continue
            named.add(eid)
            name_phrases.append(_phrase(surface))
        for ent in self.doc.entities:
            if ent.id in named:
                continue
            entry = self.kb.get(ent.kb_id) if ent.kb_id else None
            if entry is not None and self._named_inside(entry, name_phrases):
                # «ارتش آمریکا» names آمریکا, «مصلای امام خمینی» Khomeini, «دولت «بوش»» Bush: named inside
                # another name
                continue
            ent.attrs["named"] = False

    @staticmethod
    def _epithets(entry: KBEntry) -> set[str]:
        return {match_key(x) for x in entry.data.get("epithets") or []}

    @staticmethod
    def _named_inside(entry: KBEntry, phrases: list[tuple[str, ...]]) -> bool:
        forms = [_phrase(n) for n in (entry.name, *entry.aliases) if n]
        for ph in phrases:
            for f in forms:
                if f and any(ph[k : k + len(f)] == f for k in range(len(ph) - len(f) + 1)):
                    return True
        return False

    def sentence(self, toks: list[Span], tags: list[str]) -> None:
        text = self.doc.text
        raw = [text_key(text[t.start : t.end]) for t in toks]
        self.raw_keys = raw
        self.all_toks.extend(toks)
        self.all_keys.extend(raw)
        keys = [_fold(k) for k in raw]
        crf = self._crf_spans(tags, keys)
        crf_at: dict[int, tuple[int, int, str]] = {}
        for s in crf:
            for k in range(s[0], s[1]):
                crf_at[k] = s
        n = len(keys)
        taken = [False] * n
        first_mention = len(self.mentions)
        # Titles first: they contain names («شورای عالی امنیت ملی») that are mentioned inside them.
        first = self.index.first
        i = 0
        while i < n:
            if keys[i] not in first:  # most tokens start no KB phrase: skip the call
                i += 1
                continue
            ln, title = self.index.longest(keys, i, self.index.titles)
            if ln and not self._inside_name(keys, i, ln):
                # «نخست‌وزیر موقت عراق», «رئیس‌جمهور سابق آمریکا»: a modifier between the title and its country
                mod = self.lex.title_modifiers.get(keys[i + ln]) if i + ln < n else None
                country, end = self._country_after(keys, i + ln + (mod is not None))
                if country is None:
                    end = i + ln + (mod == "former")  # «رئیس‌جمهور سابق»: a past holder all the same
                    end, country = self._title_org_end(keys, i, end, n)
                extra = {"former": True} if mod == "former" and end > i + ln else {}
                span = self.add(toks[i].start, toks[end - 1].end, "PER", None, "title", title=title, **extra)
                self.pending_titles.append((span, title, country))
                self._names_in(toks, keys, i, end, crf_at, nested=True)
                for k in range(i, end):
                    taken[k] = True
                i = end
            else:
                i += 1
        self._names_in(toks, keys, 0, n, crf_at, taken=taken)
        self._speaker_names(toks, keys, first_mention)
        self._lone_surnames(toks, keys, first_mention)
        self._appositions(toks, keys, first_mention)
        if self.sentences_done == 0:
            self.lead = (toks, keys, self.mentions[first_mention:])
        self.sent_info.append((toks, keys, first_mention, len(self.mentions)))
        # Pronouns opening a clause, and object pronouns after a named subject («آمریکا او را … محکوم کرد»;
        # after a common noun «کتاب او را» is a genitive, often of no one named).
        name_ends = {m.end for m in self.mentions[first_mention:] if m.attrs.get("kind") != "title"}
        name_starts = {m.start for m in self.mentions[first_mention:]}
        for k, key in enumerate(keys):
            opens = k == 0 or keys[k - 1] in self.lex.clause_openers
            obj = k + 1 < n and keys[k + 1] in self.lex.object_markers and k > 0 and toks[k - 1].end in name_ends
            if key in self.lex.pronouns and not taken[k] and (opens or obj):
                self.add(toks[k].start, toks[k].end, "PER", None, "pronoun")
            elif (
                opens
                and key in self.lex.demonstratives
                and k + 1 < n
                and keys[k + 1] in self.lex.person_nouns
                and not taken[k + 1]
            ):
                # «این مسئول», «این دیپلمات»: a description pointing back like a pronoun, with the adjectives
                # and age after the noun («این دیپلمات ایرانی», «این زن ۳۰ ساله»).
                end = self._description_complement(keys, self._description_end(keys, k + 2, n, taken), k + 8, taken)
                self.add(toks[k].start, toks[end - 1].end, "PER", None, "title", anaphor=True)
            elif (
                key in self.lex.demonstratives
                and k + 1 < n
                and keys[k + 1] in self.lex.group_anaphors
                and not taken[k + 1]
                and toks[k + 1].start not in name_starts
            ):
                # «این کشور», «این اتحادیه»: resolved after the pass (_link_group_anaphors).
                label = self.lex.group_anaphors[keys[k + 1]]
                self.add(toks[k].start, toks[k + 1].end, label, None, "pronoun", anaphor=True, noun=keys[k + 1])

    def _description_end(self, keys: list[str], k: int, n: int, taken: list[bool]) -> int:
        """Where a «این + person noun» description ends: after up to three adjectives (Persian relational
        adjectives end in «ی»: «ایرانی», «ارشد» excepted) or demonyms, or an age («۳۰ ساله»); never over a
        verb of speech, a clause word or a name."""
        end = k
        while end < n and end < k + 3 and not taken[end]:
            w = keys[end]
            m = self.index.names.get((w,))
            if w.isdigit() and end + 1 < n and keys[end + 1] == "ساله":
                end += 2
                break
            adjective = (m is not None and m.demonym) or (
                w.isalpha() and len(w) > 2 and w.endswith("ی") and not w.endswith("های") and m is None
            )
            if not adjective or w in self.lex.description_stops or w in self.lex.title_stops or (
                w in self.lex.speech_words or w in self.lex.pronouns
            ):
                break
            end += 1
        return end

    def _description_complement(self, keys: list[str], end: int, cap: int, taken: list[bool]) -> int:
        """«این استاد دانشگاه فیزیک عین الشمس افزود:», «این کارگزار معاملات آتی در پاسخ …»: the nouns after the
        person noun belong to the description when a verb of speech (or «در پاسخ/ادامه») closes them; else
        the description ends where ``_description_end`` put it."""
        n = len(keys)
        lex = self.lex
        ext = end
        while ext < min(n, cap) and not taken[ext] and keys[ext].replace("\u200c", "").isalpha() and not (
            keys[ext] in lex.title_stops or keys[ext] in lex.speech_words or keys[ext] in lex.speech_verbs
            or keys[ext] in lex.pronouns or keys[ext] in lex.clause_openers or keys[ext] in lex.description_stops
            or keys[ext] in lex.object_markers
        ):
            ext += 1
        if ext == end or ext >= n - 1:
            return end
        words = lex.speech_words - _SPEECH_PREPOSITIONS
        nxt = keys[ext + 1]
        if keys[ext] in words or (keys[ext] == "در" and nxt in ("پاسخ", "ادامه")) or (
            keys[ext] == "نیز" and nxt in words
        ):
            return ext
        return end

    def _speaker_names(self, toks: list[Span], keys: list[str], first_mention: int) -> None:
        """Names the tagger missed where news puts its speakers: a clause opened by two or three unknown words
        (one of them rare, none an everyday, very frequent or KB word, a title word or a plural) followed by a
        title, «که», a preposition or time word, in a sentence whose verb of speech opens a quotation or a
        «که» clause — «نیک‌نام جدیدی امروز در گفت‌وگو با … اظهار داشت:», «کارل لاری، تحلیلگر بازار … گفت:»,
        «یزدانی خرم افزود:». One to three words in quote marks before a title are a name too («"آهلین" نایب
        رئیس …», «"سریکژان مامبتالین" رئیس حزب …»). Not after a colon: what follows «گفت:» is speech."""
        n = len(keys)
        if n < 3:
            return
        # «از»/«با» are speech words of the lead rule («از … خبر داد», «با بیان …»), not verbs.
        words = self.lex.speech_words - _SPEECH_PREPOSITIONS
        speech = words | self.lex.speech_verbs
        # A verb of speech opening a quotation («اظهار داشت:», «مدعی شد:»), or a speech word before «که».
        speaks_at = [
            k
            for k in range(n - 1)
            if (keys[k] in speech and keys[k + 1] == ":") or (keys[k] in words and keys[k + 1] in ("که", "«"))
        ]
        if not speaks_at and "«" not in keys and '"' not in keys:
            return  # no speech and no quoted name: most sentences
        covered = [False] * n
        tok_at = {t.start: k for k, t in enumerate(toks)}
        for m in self.mentions[first_mention:]:
            k = tok_at.get(m.start)
            while k is not None and k < n and toks[k].start < m.end:
                covered[k] = True
                k += 1
        res = self.stage.recognizer.crf.res
        freq = res.freq
        heads = self.lex.title_heads
        stops = self.lex.title_stops

        def word(k: str) -> bool:
            return (
                k.isalpha()
                and k not in self.stage.everyday
                and (freq.get(k, 0) < 8 or k in res.first_names)
                and k not in stops
                and k not in self.lex.pronouns
                and k not in self.lex.clause_openers
                and "ها" not in k[2:]  # plurals («بحران‌ها», «اشک‌هایش») are no names
                and not k.endswith("ترین")
                and (k,) not in heads
                and (k,) not in self.stage.kind_heads
                and (k,) not in self.index.names
                and (k,) not in self.index.titles
            )

        def head_at(k: int) -> bool:
            return any(tuple(keys[k : k + ln]) in heads for ln in (1, 2, 3)) or (
                self.index.longest(keys, k, self.index.titles)[0] > 0
            )

        for s0 in range(n):
            if s0 and keys[s0 - 1] not in ("،", ",", "«", '"'):
                continue
            if keys[s0] in ("«", '"') and s0 and keys[s0 - 1] in ("«", '"'):
                continue
            quoted = keys[s0] in ("«", '"')
            a = s0 + 1 if quoted else s0
            if not quoted and s0 and keys[s0 - 1] in ("«", '"'):
                continue  # inside quote marks: the quoted start above reads it
            b = a
            while b < n and b < a + 3 and word(keys[b]) and not covered[b]:
                b += 1
            if b == a or b >= n - 1:
                continue
            if not any(freq.get(k, 0) <= 4 for k in keys[a:b]):
                continue  # every word frequent: a phrase, not a name
            j = b
            if quoted:
                if keys[j] not in ("»", '"'):
                    continue
                j += 1
            elif b - a < 2:
                continue
            comma = j < n and keys[j] in ("،", ",")
            if comma:
                j += 1
            if j >= n:
                continue
            titled = head_at(j)
            if quoted and titled:
                pass  # «"آهلین" نایب رئیس …»: a quoted name and its post
            elif not (titled or (not comma and (keys[j] == "که" or keys[j] in stops or keys[j] in words))):
                continue
            elif not any(k >= j for k in speaks_at):
                continue
            text = self.doc.text[toks[a].start : toks[b - 1].end]
            kind = "name"
            ent = next((e for e in self.doc.entities if e.type == "PER" and _phrase(e.name) == tuple(keys[a:b])), None)
            if ent is None and b - a == 1:
                ent = self._person_ending_with(keys[a])  # «"المنجی"» after «سید علی المنجی»
                kind = "surname" if ent is not None else kind
            self.add(toks[a].start, toks[b - 1].end, "PER", ent or self.local_entity(text, "PER"), kind, speaker=True)
            for k in range(a, b):
                covered[k] = True

    def _appositions(self, toks: list[Span], keys: list[str], first_mention: int) -> None:
        """A title next to a name is that person's: «فرشید سیاری مدیرکل … آموزش و پرورش،», «کنث مک‌کنزی»
        رئیس ستاد مشترک ارتش آمریکا», «امام جمعه فهرج حجت‌الاسلام خیرالله ابراهیمی». A KB title there is
        linked to the name (not to the KB holder); a description opened by a title word (``title_heads``) and
        closed by punctuation, a preposition, a time word or a verb (``title_stops``) becomes a title mention."""
        new = self.mentions[first_mention:]
        if not any(m.attrs.get("kind") in ("name", "surname") and m.attrs.get("entity") and (
            m.label == "PER" or not m.attrs.get("kb_id")
        ) for m in new):
            return  # most sentences name nobody (a name the KB does not know may be a person typed ORG)
        n = len(keys)
        tok_at = {t.start: k for k, t in enumerate(toks)}
        tok_end = {t.end: k + 1 for k, t in enumerate(toks)}
        blocked = [False] * n  # tokens a description cannot cross: people and outlets
        titles_from: dict[int, Span] = {}
        titles_to: dict[int, Span] = {}
        persons: list[tuple[int, int, Span]] = []
        starts: dict[tuple[int, str], int] = {}
        for m in new:
            a, b = tok_at.get(m.start), tok_end.get(m.end)
            if a is None or b is None:
                continue
            if m.attrs.get("kind") == "title":
                if not m.attrs.get("anaphor"):
                    titles_from[a] = m
                    titles_to[b] = m
                continue
            if m.label != "PER" and m.attrs.get("kind") == "name" and m.attrs.get("entity"):
                ent = self.doc.entity(m.attrs["entity"])
                j = b
                while j < n and j < b + 2 and keys[j] in ("،", ",", "»", '"'):
                    j += 1
                if (
                    ent is not None
                    and not self._kind_headed(keys, a)  # «روزنامه میدل ایست آی، وزیر …»: an outlet and a title
                    and self._person_like(ent)
                    and j < n
                    and self._title_at(new, toks[j].start)
                ):
                    # «"برونو رودریگز"، وزیر امور خارجه کوبا»: a name with an office after it is a person's.
                    self._retype(ent, "PER")
            if m.label == "PER" or str(m.attrs.get("kb_id") or "").startswith("outlet:"):
                for k in range(a, b):
                    blocked[k] = True
            if m.label == "PER" and m.attrs.get("entity") and m.attrs.get("kind") in ("name", "surname"):
                key = (b, str(m.attrs["entity"]))
                starts[key] = min(starts.get(key, a), a)  # the honorific form starts earlier
                persons.append((a, b, m))
        heads = self.lex.title_heads
        max_head = max((len(h) for h in heads), default=1)

        def head_len(k: int) -> int:
            for ln in range(min(max_head, n - k), 0, -1):
                if tuple(keys[k : k + ln]) in heads:
                    return ln
            return 0

        def punct(k: int) -> bool:
            return toks[k].label == "punct"

        done: set[int] = set()
        for a, b, m in persons:
            a = starts.get((b, str(m.attrs["entity"])), a)
            if (a, b) in done:
                continue
            done.add((a, b))
            ent = self.doc.entity(m.attrs["entity"])
            if ent is None:
                continue
            # After the name: «NAME، TITLE» / «NAME» TITLE».
            j = b
            while j < n and j < b + 2 and keys[j] in ("،", ",", "»", '"'):
                j += 1
            if j < n and j in titles_from:
                self._link_title(titles_from[j], ent)
                self._note_country(ent, keys, j, tok_end.get(titles_from[j].end, j))
            elif j < n and (hl := head_len(j)):
                end = j + hl
                while end < n and end < j + 12 and not punct(end) and not blocked[end] and (
                    keys[end] not in self.lex.title_stops
                ):
                    end += 1
                while end > j + hl and keys[end - 1] in _CONJUNCTIONS:
                    end -= 1  # «مربی و …»: the description stops before a conjunction it ends on
                end = self._post_place(keys, end, punct)
                if end > j + hl:
                    self.add(toks[j].start, toks[end - 1].end, "PER", ent, "title", apposition=True)
                    self._note_country(ent, keys, j + hl, end)
            # Before the name: «TITLE NAME» (an opening quote between them allowed).
            s0 = a
            if s0 > 0 and keys[s0 - 1] in ("«", '"'):
                s0 -= 1
            # A title word right before a name is often its genitive, not its apposition («نماینده مقام معظم
            # رهبری» is the Leader's representative): a one-word title is taken only when the KB says the
            # person held it («رئیس‌جمهور اوباما»), a description only when it says more than its title word.
            if s0 in titles_to:
                t = titles_to[s0]
                one_word = tok_at.get(t.start) == s0 - 1
                if not one_word or self._held(ent, str(t.attrs.get("title") or "")):
                    self._link_title(t, ent)
                    self._note_country(ent, keys, tok_at.get(t.start, s0), s0)
                    if one_word and s0 == a:
                        # «رئیس‌جمهور اوباما»: the title and the name read as one form.
                        self.add(t.start, toks[b - 1].end, "PER", ent, "name", titled=True)
                continue
            h = None
            k = s0 - 1
            while k >= 0 and k >= s0 - 12 and not punct(k) and not blocked[k] and keys[k] not in self.lex.title_stops:
                if head_len(k):
                    h = k
                k -= 1
            if h is not None and s0 - h > head_len(h) and keys[s0 - 1] not in _CONJUNCTIONS:
                self.add(toks[h].start, toks[s0 - 1].end, "PER", ent, "title", apposition=True)
                self._note_country(ent, keys, h + head_len(h), s0)

    def _country_span(self, keys: list[str], k: int) -> int:
        """The end of a country name or demonym starting at token ``k``, else 0 (a name the KB marks ambiguous
        is no country here: «معاون مالی شهردار» is the financial deputy, not Mali's)."""
        ln, m = self.index.longest(keys, k, self.index.names)
        return k + ln if ln and not m.ambiguous and m.entries[0].kind == "countries" else 0

    def _post_place(self, keys: list[str], end: int, punct: Any) -> int:
        """«رئیس دفتر الجزیره در بیروت»، «سخنگوی هیئت ایران در سازمان ملل به …»: «در» and a KB name closing
        the description (a stop, a verb of speech or punctuation after it) say where the post is."""
        n = len(keys)
        if end + 2 >= n or keys[end] != "در":
            return end
        ln, m = self.index.longest(keys, end + 1, self.index.names)
        after = end + 1 + ln
        if not ln or m.ambiguous or m.entries[0].kind == "people" or after >= n:
            return end
        if punct(after) or keys[after] in self.lex.title_stops:
            return after
        return end

    def _note_country(self, ent: Entity, keys: list[str], a: int, b: int) -> None:
        """The first country a description in apposition names («شهروند روسیه», «سخنگوی وزارت خارجه
        روسیه»), not one after a preposition («سفیر آمریکا در عراق» is America's): noted for a person the
        KB lacks, whose country it gives when all the descriptions agree. A country after a topic word is the
        post's subject («کارشناس امور کره شمالی»): the description names no country then."""
        if ent.kb_id or ent.type != "PER":
            return
        for k in range(a, b):
            code = None
            end = 0
            if keys[k] in self.index.self_first and any(
                tuple(keys[k : k + len(f)]) == f for f in self.index.self_forms
            ):
                # «سفیر و معاون نمایندگی کشورمان», «کشور ما»: the outlet's country (the KB's alias of Iran is
                # right only for an Iranian outlet), as the events stage codes such a person
                code = self.own_country
            elif end := self._country_span(keys, k):
                code = self.index.names[tuple(keys[k:end])].entries[0].code
            else:
                # «سخنگوی پنتاگون»: a state body the KB knows names its state.
                ln, m = self.index.longest(keys, k, self.index.names, b)
                e0 = m.entries[0] if ln and not m.ambiguous else None
                if e0 is not None and e0.kind == "organisations" and e0.data.get("sector") in _STATE_SECTORS:
                    # «وزارت خارجه روسیه»: a country right after a body's name is whose body it is.
                    after = self._country_span(keys, k + ln)
                    code = self.index.names[tuple(keys[k + ln : after])].entries[0].code if after else (
                        e0.data.get("country")
                    )
            if code:
                if k == 0 or (keys[k - 1] not in _DESCRIPTION_PREPOSITIONS and keys[k - 1] not in self.lex.topic_words):
                    self.desc_countries.setdefault(ent.id, set()).add(str(code))
                return

    def _description_countries(self) -> None:
        """A person the KB lacks takes the one country their descriptions name (two countries: none)."""
        for eid, codes in self.desc_countries.items():
            ent = self.doc.entity(eid)
            if ent is not None and len(codes) == 1 and not ent.code:
                ent.code = next(iter(codes))
                ent.attrs["country"] = ent.code

    @staticmethod
    def _title_at(mentions: list[Span], start: int) -> bool:
        """Whether a KB office title (not a description) starts at ``start``."""
        return any(m.start == start and m.attrs.get("kind") == "title" and m.attrs.get("title") for m in mentions)

    def _held(self, ent: Entity, title: str) -> bool:
        """Whether the KB says the linked person ever held ``title`` (a title key)."""
        return bool(ent.kb_id) and any(e.id == ent.kb_id for e in self.kb.office_holder(title))

    def _lead_title(self) -> None:
        """«فرماندار ایذه گفت: …» opening the article, and the body naming the speaker next («آقاجان
        علیخانی‌پور امروز … اظهار کرد»): the lead's description is that person's title (news style announces
        the speaker by post, then names them)."""
        if self.lead is None:
            return
        toks, keys, lead_mentions = self.lead
        if any(m.label == "PER" and m.attrs.get("kind") != "pronoun" for m in lead_mentions):
            return  # the lead names its people (or has a KB title): nothing to carry over
        heads, stops = self.lex.title_heads, self.lex.title_stops
        n = len(keys)
        words = self.lex.speech_words - _SPEECH_PREPOSITIONS
        speech = words | self.lex.speech_verbs
        for h in range(n):
            if h and keys[h - 1] not in self.lex.clause_openers:
                continue
            # «یک مسئول قرارداد ترک‌سل …», «یک استاد دانشگاه مصر گفت:»: an unnamed speaker, announced
            one = 1 if keys[h] == "یک" else 0
            hl = next((ln for ln in (3, 2, 1) if tuple(keys[h + one : h + one + ln]) in heads), 0)
            if not hl:
                continue
            end = h + one + hl
            # an unnamed «یک …» speaker's description is short; a longer run is a headline's predicate
            cap = h + one + hl + 5 if one else h + 12
            while end < n and end < cap and toks[end].label != "punct" and keys[end] not in stops:
                end += 1
            # «سخنگوی نمایندگی ایران در سازمان ملل در مصاحبه‌ای گفت که»: the post's place closes the description
            placed = self._post_place(keys, end, lambda k: toks[k].label == "punct")
            bounded = placed > end
            end = placed
            if end >= n or not (
                keys[end] in self.lex.speech_words
                # «… ترک‌سل امروز در همایش … گفت:»: a time word first, the lead speaks later (after a
                # preposition or «را» the words before it were the predicate: «… پیشنهاد تشکیل ستاد … از»)
                or (keys[end] in stops and (bounded or keys[end] not in _NOT_TIME_STOPS) and any(
                    keys[k] in speech and keys[k + 1] in (":", "که") for k in range(end, n - 1)
                ))
            ):
                return
            lead_end = toks[-1].end
            later = sorted(
                (m for m in self.mentions if m.start >= lead_end and m.label == "PER" and m.attrs.get("entity")
                 and m.attrs.get("kind") in ("name", "surname")),
                key=lambda m: m.start,
            )
            if later and later[0].start - lead_end < _LEAD_REACH:
                ent = self.doc.entity(later[0].attrs["entity"])
                if ent is not None:
                    self.add(toks[h].start, toks[end - 1].end, "PER", ent, "title", lead=True)
            return

    def _announced_speakers(self) -> None:
        """The lead's rule inside the article: a sentence opened by a description that speaks and names no one
        («امام جمعه جم نیز اظهار داشت: …»), then a sentence opened by a name that goes on speaking
        («حجت‌الاسلام محمد گنجی افزود: …»): the description is that person's title."""
        speech = (self.lex.speech_words - _SPEECH_PREPOSITIONS) | self.lex.speech_verbs
        for i in range(1, len(self.sent_info) - 1):
            toks, keys, m0, m1 = self.sent_info[i]
            if any(m.label == "PER" and m.attrs.get("kind") != "pronoun" for m in self.mentions[m0:m1]):
                continue
            end = self._speaking_description(toks, keys, speech)
            if not end:
                continue
            ntoks, nkeys, n0, n1 = self.sent_info[i + 1]
            first = next((m for m in self.mentions[n0:n1] if m.label == "PER"), None)
            if first is None or first.attrs.get("kind") not in ("name", "surname") or not first.attrs.get("entity"):
                continue
            after = next((j for j, t in enumerate(ntoks) if t.start >= first.end), None)
            before = sum(1 for t in ntoks if t.end <= first.start)
            if after is None or before > 3 or nkeys[after] not in speech:
                continue
            ent = self.doc.entity(first.attrs["entity"])
            if ent is not None:
                self.add(toks[0].start, toks[end - 1].end, "PER", ent, "title", announced=True)

    def _repeated_titles(self) -> None:
        """A sentence opened by a description that speaks («رییس اداره کل دفاتر … پست بانک افزود:») and is
        word for word a description already linked to a person (the lead's «رئیس اداره کل دفاتر …») is that
        person again."""
        linked = [m for m in self.mentions if m.attrs.get("kind") == "title" and m.attrs.get("entity")]
        if not linked:
            return
        known: dict[tuple[str, ...], str] = {}
        for m in sorted(linked, key=lambda m: m.start):
            known.setdefault(_phrase(self.doc.span_text(m)), str(m.attrs["entity"]))
        speech = (self.lex.speech_words - _SPEECH_PREPOSITIONS) | self.lex.speech_verbs
        for toks, keys, m0, m1 in self.sent_info[1:]:
            end = self._speaking_description(toks, keys, speech)
            if not end:
                continue
            eid = known.get(tuple(keys[:end]))
            if eid is None or any(m.start == toks[0].start for m in self.mentions[m0:m1]):
                continue
            ent = self.doc.entity(eid)
            if ent is not None:
                self.add(toks[0].start, toks[end - 1].end, "PER", ent, "title", repeated=True)

    def _speaking_description(self, toks: list[Any], keys: list[str], speech: frozenset[str] | set[str]) -> int:
        """Where a description that opens the sentence and speaks ends («رییس اداره کل … پست بانک (نیز)
        افزود:»: a title head, then up to the first punctuation or title stop, then a speech word), else 0."""
        n = len(keys)
        end = next((ln for ln in (3, 2, 1) if tuple(keys[:ln]) in self.lex.title_heads), 0)
        if not end:
            return 0
        stops = self.lex.title_stops
        while end < n and end < 12 and toks[end].label != "punct" and keys[end] not in stops:
            end += 1
        k = end + 1 if end < n and keys[end] == "نیز" else end
        if k >= n or not (keys[k] in speech or tuple(keys[k : k + 2]) in self.lex.speech_phrases):
            return 0
        return end

    def _link_title(self, span: Span, ent: Entity) -> None:
        span.attrs["entity"] = ent.id
        span.attrs["kb_id"] = ent.kb_id
        span.attrs["apposition"] = True

    def _crf_spans(self, tags: list[str], keys: list[str]) -> list[tuple[int, int, str]]:
        """The CRF's names, cut where a name cannot go on («روزنامه "گرانما" کوبا، "برونو رودریگز"» is two:
        a colon, a semicolon, or a comma next to a quote mark ends a name; a bare comma may be inside an
        official name: «سازمان صنعت، معدن و تجارت»), without quote marks at their edges, and without one-word
        names that are everyday words («جهان», «مالک»: everyday-words.txt of the KB)."""
        out: list[tuple[int, int, str]] = []
        everyday = self.stage.everyday
        heads = self.lex.title_heads
        for a, b, t in spans_from_bio(tags):
            if t not in ("PER", "ORG", "LOC"):
                continue
            if t == "PER" and any(tuple(keys[a : a + h]) in heads for h in (1, 2, 3) if a + h < b):
                # «امام جمعه جم» tagged PER is a post, not a name (stripping «امام» as an honorific left
                # «جمعه جم», no one): descriptions are the appositions' business.
                continue
            if b - a > 1 and (keys[a],) in heads and self._country_span(keys, a + 1) == b:
                # «شهروند روسیه» tagged as a name is a description (a nationality or post) and a country.
                continue
            pieces, x = [], a
            for k in range(a, b + 1):
                if k == b or (keys[k] in _NAME_BREAKS and (keys[k] != "،" and keys[k] != "," or _quoted(keys, k))):
                    pieces.append((x, k))
                    x = k + 1
            for x, y in pieces:
                while x < y and keys[x] in _QUOTES:
                    x += 1
                while y > x and keys[y - 1] in _QUOTES:
                    y -= 1
                if y <= x or (y - x == 1 and keys[x] in everyday):
                    continue
                typ = tags[x].partition("-")[2] if x > a else t
                out.append((x, y, typ if typ in ("PER", "ORG", "LOC") else t))
        return out

    def _inside_name(self, keys: list[str], i: int, ln: int) -> bool:
        """A title that is part of a longer KB name («رئیس‌جمهور» in «نهاد ریاست جمهوری» is not)."""
        for a in range(max(0, i - 3), i + 1):
            ln2, m = self.index.longest(keys, a, self.index.names)
            if m and a + ln2 >= i + ln and (a < i or ln2 > ln) and m.entries[0].kind != "people":
                return True
        return False

    def _title_org_end(self, keys: list[str], i: int, end: int, n: int) -> tuple[int, str | None]:
        """A title that ends inside the name of a KB organisation runs to the end of that name («مدیر کل
        آژانس» is a title alias, «مدیر کل آژانس بین‌المللی انرژی اتمی» the whole title), and a state body's
        country is the office's («نایب رئیس اول مجلس نمایندگان عراق»); else ``end`` and no country."""
        for j in range(i + 1, end):
            if keys[j] not in self.index.first:
                continue
            ln2, m = self.index.longest(keys, j, self.index.names, n)
            if ln2 and j + ln2 > end and not m.ambiguous and m.entries[0].kind == "organisations":
                e0 = m.entries[0]
                state = e0.data.get("sector") in _STATE_SECTORS and e0.data.get("country")
                return j + ln2, str(state) if state else None
        return end, None

    def _country_after(self, keys: list[str], end: int) -> tuple[str | None, int]:
        """A country name, demonym or «کشورمان» right after a title: whose office it is."""
        for form in self.index.self_forms:
            if tuple(keys[end : end + len(form)]) == form:
                return self.own_country, end + len(form)
        ln, m = self.index.longest(keys, end, self.index.names)
        if ln and m.entries[0].kind == "countries":
            return m.entries[0].code, end + ln
        if end < len(keys) and keys[end] in _STATE_WORDS:
            # «وزیر امور خارجه دولت کوبا», «رئیس‌جمهور کشور مصر»: the state word, then the country.
            ln, m = self.index.longest(keys, end + 1, self.index.names)
            if ln and m.entries[0].kind == "countries":
                return m.entries[0].code, end + 1 + ln
        return None, end

    def _names_in(
        self,
        toks: list[Span],
        keys: list[str],
        lo: int,
        hi: int,
        crf_at: dict[int, tuple[int, int, str]],
        taken: list[bool] | None = None,
        nested: bool = False,
    ) -> None:
        first = self.index.first
        i = lo
        while i < hi:
            if taken is not None and taken[i]:
                i += 1
                continue
            # «کشورمان»: the outlet's country.
            self_len = 0
            if keys[i] in self.index.self_first:
                self_len = next((len(f) for f in self.index.self_forms if tuple(keys[i : i + len(f)]) == f), 0)
            if self_len:
                ent = self.entity_for(self.kb.get(f"country:{self.own_country}") or self._country(self.own_country))
                self.add(toks[i].start, toks[i + self_len - 1].end, "GPE", ent, "self")
                i += self_len
                continue
            if keys[i] in self.lex.government_heads and (end := self._country_span(keys, i + 1)) and end <= hi:
                # «دولت سوریه», «حکومت عراق»: the government of a state is that state (the golds never list
                # «دولت X» as an entity of its own); the mention keeps the sector it acts in.
                entry = self.index.names[tuple(keys[i + 1 : end])].entries[0]
                self.add(toks[i].start, toks[end - 1].end, "GPE", self.entity_for(entry), "name",
                         sector=self.lex.government_heads[keys[i]])
                i = end
                continue
            ln, m = self.index.longest(keys, i, self.index.names, hi) if keys[i] in first else (0, None)
            if self.short_forms and keys[i] in self.short_first:
                # «رم» after «باشگاه رم», «الجزیره» after «شبکه الجزیره»: the document's own fuller name
                # decides a bare form the KB reads otherwise only with context (or not at all).
                sl, sent = self._short_form(keys, i, hi)
                if sl and sl >= ln and ln and m.ambiguous:
                    label = "LOC" if sent.kb_id and sent.kb_id.startswith("place:") else sent.type
                    self.add(toks[i].start, toks[i + sl - 1].end, label, sent, "name", short=True)
                    i += sl
                    continue
            c = crf_at.get(i)
            if c is not None and c[0] != i:
                # A CRF name that starts inside a title or KB name already taken is not trusted.
                c = None
            if keys[i] in self.doc_people_first and not nested:
                dl, dent = self._doc_person_at(keys, i, hi)
                if dl and dl >= ln and (c is None or c[1] < i + dl):
                    # «در ادامه «جان کلیمانی»، …»: a full name the document gave before, missed by the tagger
                    # this time (a longer name the tagger sees, or the KB knows, comes first).
                    self.add(toks[i].start, toks[i + dl - 1].end, "PER", dent, "name", repeated=True)
                    i += dl
                    continue
            if c is not None and not nested and (c[1] > i + ln or ln == 0):
                # The CRF saw a longer name than the KB knows: its span, linked if the KB knows all of it.
                end = c[1] if taken is None else next((k for k in range(i, c[1]) if taken[k]), c[1])
                self.crf_name(toks, keys, i, end, c[2])
                i = max(end, i + 1)
                continue
            if ln and self._other_states_body(keys, i + ln, m.entries):
                # «دستگاه قضایی شیلی», «مجلس کویت»: a KB body of one state named by a generic alias and
                # followed by another state's name is that state's body, not the KB's (Iran's judiciary).
                ln = 0
            if ln and ln == 1 and m.entries[0].kind == "people" and not any(e.id in self.by_kb for e in m.entries):
                # A lone surname of a KB person the document has not named: the tagger seeing a name there says
                # a person is meant, not which one («ابراهیمی» of a mosque office is not Lakhdar Brahimi,
                # «خسوس پرز» not Peres); and a surname that is an ordinary word after the noun it modifies is
                # that word («بیمارستان صحرایی», «شهید سرافراز»).
                if not self._surname_context(toks, keys, i, m, c is not None):
                    if c is not None and not nested and c[1] > i:
                        self.crf_name(toks, keys, i, c[1], c[2])
                        i = c[1]
                    else:
                        i += 1
                    continue
            if ln:
                crf_agrees = c is not None
                linked_before = any(e.id in self.by_kb for e in m.entries) or (
                    m.ambiguous and self._place_in_context(m.entries, keys[i : i + ln])
                )
                if (not m.ambiguous or crf_agrees or linked_before) and (
                    crf_agrees or linked_before or not self._common_words(keys[i : i + ln], m.entries[0])
                ):
                    self.kb_name(toks, keys, i, i + ln, m, crf_type=c[2] if c else None)
                    i += ln
                    continue
            i += 1

    def _surname_context(self, toks: list[Span], keys: list[str], i: int, m: _Match, crf_agrees: bool) -> bool:
        """Whether a one-word KB person form at ``i`` may link to the KB person (KB rule 2): a person of the
        document whose name ends with it decides in ``kb_name``; a first name that is not the person's makes
        a namesake («خسوس پرز» is not Shimon Peres); a form the KB marks ambiguous (a shared or common
        surname, a surname that is an ordinary word) needs the person's own honorific or title right before
        it, or the person in office on the article's date for the outlet's state or a state the document
        named, seen by the tagger as a name and not after an everyday word («بیمارستان صحرایی»)."""
        if any(
            len(p := _phrase(e.name)) > 1 and p[-1] == keys[i] and (e.type == "PER" or self._person_like(e))
            for e in self.doc.entities
        ):
            return True  # (as _person_ending_with finds them, without retyping one here)
        people = [e for e in m.entries if e.kind == "people"]
        prev = keys[i - 1] if i > 0 else ""
        stage = self.stage
        if (
            prev in stage.first_names
            and prev not in stage.everyday
            and prev not in stage.first_name_stops
            and (prev,) not in self.index.honorifics
            and not any(prev in self._first_words(e) for e in people)
        ):
            return False
        if not m.ambiguous:
            return True
        for e in people:
            for h in e.data.get("honorifics") or []:
                p = _phrase(h)
                if p and i >= len(p) and tuple(keys[i - len(p) : i]) == p:
                    return True
        last = self.mentions[-1] if self.mentions else None
        if last is not None and last.attrs.get("kind") == "title" and i and last.end == toks[i - 1].end:
            titles = {
                match_key(t) for e in people for off in e.data.get("offices") or []
                for t in [off.get("title"), *(off.get("title_aliases") or [])] if t
            }
            if last.attrs.get("title") in titles:
                return True
        if not crf_agrees or not self.date:
            return False
        # After an everyday word a surname that is a word is that word («عهده روحانی آن مسجد»); a foreign
        # person whose state the document names is read in a genitive too («سقوط احتمالی اسد در سوریه»).
        after_word = prev in stage.everyday and prev not in _SURNAME_OPENERS and prev not in self.lex.clause_openers
        for e in people:
            for o in e.data.get("offices") or []:
                country = o.get("country") or e.data.get("country")
                named = country != self.own_country and f"country:{country}" in self.by_kb
                if (
                    (named or (country == self.own_country and not after_word))
                    and in_tenure(self.date, o.get("start"), o.get("end"))
                ):
                    return True
        return False

    @staticmethod
    @lru_cache(maxsize=4096)
    def _first_words_of(names: tuple[str, ...]) -> frozenset[str]:
        return frozenset(p[0] for p in (_phrase(n) for n in names) if len(p) > 1)

    def _first_words(self, entry: KBEntry) -> frozenset[str]:
        """First words of an entry's several-word names («حسن» of «حسن روحانی»)."""
        return self._first_words_of((entry.name, *entry.aliases, *(entry.data.get("ambiguous_aliases") or [])))

    def _other_states_body(self, keys: list[str], end: int, entries: list[KBEntry]) -> bool:
        """A KB organisation of a state (every reading of the match) right before a country name or
        demonym of another state."""
        if not all(e.kind == "organisations" and e.data.get("country") for e in entries):
            return False
        after = self._country_span(keys, end)
        if not after:
            return False
        state = self.index.names[tuple(keys[end:after])].entries[0]  # as the government-head rule reads it
        return all(e.code != state.code for e in entries)

    def _place_in_context(self, entries: list[KBEntry], words: list[str]) -> bool:
        """An ambiguous foreign place whose country the document already named («رئیس پلیس کابل» in an
        article about Afghanistan: KB rule 3's context), unless its name is an everyday or frequent word
        («دوشنبه» Monday, «انبار» store). The outlet's own country is no such context: Iran is named in
        nearly every article, and its towns named like words («نور», «سرباز») need the tagger's support."""
        freq = self.stage.recognizer.crf.res.freq
        for e in entries:
            if e.kind != "places":
                continue
            country = e.data.get("country")
            if not country or country == self.own_country or f"country:{country}" not in self.by_kb:
                continue
            if not any(w in self.stage.everyday or freq.get(w, 0) >= 6 for w in words):
                return True
        return False

    def _common_words(self, keys: list[str], entry: KBEntry) -> bool:
        """A town or outlet whose name is made of everyday words («پول», «بانک», «صبح امروز», «آخرین خبر»)
        the CRF did not see as a name: the words, not the entry (capitals and provinces excepted)."""
        if entry.kind not in ("places", "outlets") or entry.data.get("type") in ("capital", "province"):
            return False
        freq = self.stage.recognizer.crf.res.freq
        return all(freq.get(k, 0) >= _COMMON_FREQ_CLASS for k in keys)

    def _country(self, code: str) -> KBEntry:
        for e in self.kb:
            if e.kind == "countries" and e.code == code:
                return e
        raise KeyError(code)

    def kb_name(self, toks: list[Span], keys: list[str], a: int, b: int, m: _Match, crf_type: str | None) -> None:
        entries = m.entries
        if m.ambiguous:
            # Prefer a reading already in the document, then one whose type the CRF agrees with, then a
            # person in public life on the article's date («منتظری» in 2004 is Hossein-Ali, not the
            # prosecutor of 2016–2021).
            entries = sorted(
                entries,
                key=lambda e: (e.id not in self.by_kb, crf_type not in (None, e.type), self._date_rank(e)),
            )
        elif len(entries) > 1 and self.date and entries[0].kind == "people" and self._date_rank(entries[0]):
            # The dominant bearer of a name was not yet in office on the date: a namesake who was wins.
            better = [e for e in entries if e.kind == "people" and not self._date_rank(e)]
            if better:
                entries = better
        entry = self._sense(entries[0], keys, a, b)
        if entry is None:
            return
        a0 = a
        a += self._honorific_len(keys, a, b)
        ent: Entity | None = None
        kind = "name"
        if m.demonym:
            kind = "demonym"
        elif (
            entry.kind in ("countries", "places")
            and b - a == 1
            and not (a and (keys[a - 1] in self.lex.government_heads or keys[a - 1] in self.lex.place_prefixes or keys[a - 1] in ("در", "تا")))
            and (ent := self._person_ending_with(keys[a]))
            and _phrase(ent.name)[-1] == keys[a]
            and ent.type == "PER"
        ):
            # «دیوید کامرون … کامرون افزود»: a place name that is the surname of a person of the document is
            # that person (not Cameroon), unless a word of state precedes it («کشور کامرون»)
            kind = "surname"
        elif entry.kind == "people" and b - a == 1:
            # A lone surname names the person of this document whose full name ends with it before any
            # other bearer the KB knows («ابراهیمی» after «خیرالله ابراهیمی»). Looked up before the KB
            # bearer becomes an entity of the document, or the bearer would be found instead.
            ent = self._person_ending_with(keys[a])
            if len(_phrase(ent.name if ent else entry.name)) > 1:
                kind = "surname"
        if ent is None:
            ent = self.entity_for(entry)
        label = "LOC" if entry.kind == "places" and ent.type != "PER" else ent.type
        self.add(toks[a].start, toks[b - 1].end, label, ent, kind)
        self._honorific_form(toks, keys, a0, a, b, label, ent)
        if entry.kind in ("organisations", "outlets") and b - a > 1:
            # A KB name opened by a kind word («باشگاه رم» → AS Roma) decides a later bare «رم» just as a
            # document-local one does (the short-form rule in crf_name).
            starts = self._name_starts(keys, a, b)
            if len(starts) > 1:
                self._add_short_form(keys, starts[-1], b, ent)

    def _sense(self, entry: KBEntry, keys: list[str], a: int, b: int) -> KBEntry | None:
        """The reading of a bare place name its context gives (``sense_cues`` of the lexicon): None when a word
        next to it makes it a common noun («سیم و کابل», «کابل برق»); the other entry the cues name
        («روابط ایران و آذربایجان», «کشور آذربایجان», or «باکو» in the document) instead of the province.
        An entry without cues is its own reading."""
        cues = self.lex.sense_cues.get(entry.id)
        if cues is None:
            return entry
        near = {keys[k] for k in (a - 1, a - 2, b, b + 1) if 0 <= k < len(keys)}
        if near & cues["not_next_to"]:
            return None
        other = self.kb.get(cues["instead"]) if cues["instead"] else None
        if other is None:
            return entry
        if other.kind == "people" and not self._in_office(other):
            # «کامرون» is David Cameron only while he is in public office: a person read instead of a place
            # needs the article's date inside one of his tenures
            return entry
        text = self.doc.text
        if a > 0 and keys[a - 1] in cues["after"]:
            return other
        if cues["next_to_country"] and (
            (a >= 2 and keys[a - 1] == "و" and self._country_ending_at(keys, 0, a - 1)[1] is not None)
            or (b + 1 < len(keys) and keys[b] in ("و", "،") and self._country_span(keys, b + 1))
        ):
            return other
        if any(c in text for c in cues["doc_cues"]) and not any(c in text for c in cues["doc_unless"]):
            return other
        return entry

    def _in_office(self, entry: KBEntry) -> bool:
        """Whether a KB person held an office on the article's date (False without a date)."""
        return bool(self.date) and any(
            in_tenure(str(self.date), o.get("start"), o.get("end")) for o in entry.data.get("offices") or []
        )

    def _date_rank(self, entry: KBEntry) -> int:
        """1 for a person whose every office began after the article's date (not yet in public life: the
        prosecutor of 2016 is not the «منتظری» of 2004), else 0. Being in office on the date is not
        preferred: a former president stays the dominant «خاتمی» while a Friday-prayer leader is in post."""
        offices = entry.data.get("offices") or [] if entry.kind == "people" else []
        if not self.date or not offices:
            return 0
        starts = [str(o["start"]) for o in offices if o.get("start")]
        return int(len(starts) == len(offices) and all(self.date[: len(st)] < st for st in starts))

    def _honorific_len(self, keys: list[str], a: int, b: int) -> int:
        """Tokens of the longest honorific opening ``keys[a:b]`` that leaves a name after it."""
        for p in self.index.honorifics_at.get(keys[a], ()):
            if len(p) < b - a and tuple(keys[a : a + len(p)]) == p:
                return len(p)
        return 0

    def _honorific_form(
        self, toks: list[Span], keys: list[str], a0: int, a: int, b: int, label: str, ent: Entity
    ) -> None:
        """The name with the honorific before it is a mention too («آقای پوتین», «حجت‌الاسلام … ابراهیمی»):
        articles and readers use both forms."""
        if label != "PER":
            return
        start = a0 if a0 < a else a
        if start == a:
            for ln in (3, 2, 1):
                if a - ln >= 0 and tuple(keys[a - ln : a]) in self.index.honorifics:
                    start = a - ln
                    break
        if start < a:
            self.add(toks[start].start, toks[b - 1].end, label, ent, "name", honorific=True)

    def _name_word(self, key: str) -> bool:
        """Whether a word may be part of a name said again without the tagger: not a number, an everyday or
        frequent word, or a one-word KB name («علیه السلام», «۱۴۲۰ق», «اسلام ناب محمدی» are no names)."""
        res = self.stage.recognizer.crf.res
        return (
            key.replace("\u200c", "").isalpha()
            and key not in self.stage.everyday
            and (res.freq.get(key, 0) < 8 or key in res.first_names)
            and (key,) not in self.index.names
        )

    def _doc_person_at(self, keys: list[str], i: int, hi: int) -> tuple[int, Entity | None]:
        """The longest full name of a document person starting at token ``i`` (ending by ``hi``)."""
        for ln in range(min(4, hi - i), 1, -1):
            ent = self.doc_people.get(tuple(keys[i : i + ln]))
            if ent is not None and ent.type == "PER":
                return ln, ent
        return 0, None

    def _lone_surnames(self, toks: list[Span], keys: list[str], first_mention: int) -> None:
        """«جدیدی افزود:», «بازایی گفت:» after «نیک‌نام جدیدی …»: a clause opened by one word that ends the full
        name of a person named before, followed by a verb of speech, is that person's surname — also when the
        tagger does not read the word as a name («جدیدی» is also "a new one"). A word that can only be a
        name (rare, no everyday word) needs no verb when it opens the sentence («بازایی از خدمات … تقدیر کرد»)."""
        if not self.local:
            return
        n = len(keys)
        words = self.lex.speech_words - _SPEECH_PREPOSITIONS
        new = self.mentions[first_mention:]
        for k in range(n - 1):
            if k and keys[k - 1] not in self.lex.clause_openers:
                continue
            if keys[k + 1] not in words and not (k == 0 and self._name_word(keys[k])):
                continue
            if keys[k] in self.lex.pronouns or (keys[k],) in self.index.names:
                continue
            if any(m.start <= toks[k].start < m.end for m in new):
                continue
            ent = self._person_ending_with(keys[k])
            if ent is not None and not ent.kb_id:
                self.add(toks[k].start, toks[k].end, "PER", ent, "surname")

    def _person_ending_with(self, key: str) -> Entity | None:
        for e in reversed(self.doc.entities):
            if e.type == "PER":
                p = _phrase(e.name)
                if len(p) > 1 and p[-1] == key:
                    return e
        for e in reversed(self.doc.entities):
            # «"برونو رودریگز"» tagged ORG, then «رودریگز» alone: the name was a person's.
            p = _phrase(e.name)
            if e.type != "PER" and len(p) > 1 and p[-1] == key and self._person_like(e):
                self._retype(e, "PER")
                return e
        return None

    def _person_like(self, ent: Entity) -> bool:
        """A name of the document the KB does not know, two to four words none of which is an everyday word
        («برونو رودریگز», not «سازمان ملل» or «دفتر قزوین»): it may be a person the CRF typed ORG/LOC."""
        if ent.kb_id or ent.type == "PER":
            return False
        p = _phrase(ent.name)
        if not 2 <= len(p) <= 4:
            return False
        # Organisation and place heads («حزب», «شبکه», «بیمارستان», «کنگره», «محله») are frequent words;
        # foreign personal names are not.
        freq = self.stage.recognizer.crf.res.freq

        def place(k: str) -> bool:  # «سنندج مهران تیشه‌گران», «محله سنی‌نشین بیروت»: a place inside
            m = self.index.names.get((k,))
            return m is not None and m.entries[0].kind in ("places", "countries")

        return not any(
            k in self.stage.everyday or not k.isalpha() or freq.get(k, 0) >= _COMMON_FREQ_CLASS or place(k)
            for k in p
        )

    def _kind_headed(self, keys: list[str], a: int) -> bool:
        """The words at ``a`` open with the kind word of a body or outlet («روزنامه», «سازمان», «پایگاه خبری»,
        read off the KB's names): a name that no person's can be."""
        return any(tuple(keys[a : a + h]) in self.stage.kind_heads for h in (1, 2))

    def _retype(self, ent: Entity, typ: str) -> None:
        ent.type = typ
        for m in self.mentions:
            if m.attrs.get("entity") == ent.id:
                m.label = typ

    def _short_form(self, keys: list[str], i: int, hi: int) -> tuple[int, Entity | None]:
        for ln in range(min(3, hi - i), 0, -1):
            ent = self.short_forms.get(tuple(keys[i : i + ln]))
            if ent is not None:
                return ln, ent
        return 0, None

    def _add_short_form(self, keys: list[str], x: int, y: int, ent: Entity) -> None:
        """Register ``keys[x:y]`` (the name after a kind word: «رم» of «باشگاه رم») as a short form of ``ent``."""
        if 0 < y - x <= 3 and not any(k in _QUOTES or not k.isalpha() for k in keys[x:y]):
            self.short_forms.setdefault(tuple(keys[x:y]), ent)
            self.short_first.add(keys[x])

    def _outlet_inside(self, toks: list[Span], a: int, b: int) -> tuple[int, int, dict[str, Any]] | None:
        """A source-chain outlet (layer ``sources``) inside tokens ``[a, b)``, as token bounds and attrs."""
        lo, hi = toks[a].start, toks[b - 1].end
        for s in self.outlet_spans:
            if lo <= s.start and s.end <= hi:
                x = next((k for k in range(a, b) if toks[k].start >= s.start), None)
                y = next((k for k in range(b, a, -1) if toks[k - 1].end <= s.end), None)
                if x is not None and y is not None and y > x:
                    return x, y, s.attrs
        return None

    def _kb_core(self, keys: list[str], a: int, b: int, typ: str) -> tuple[int, int, KBEntry] | None:
        """A KB outlet or organisation inside a longer CRF name: after kind words and before a country
        («شبکه تلویزیونی الجزیره قطر» → الجزیره, «شبکه الجزیره قطر» → شبکه الجزیره)."""
        if typ != "ORG" or b - a < 2:
            return None
        ends: list[tuple[int, str | None]] = [(b, None)]
        cl, cm = self._country_ending_at(keys, a, b)
        if cl and cm is not None:
            # The country apart first: «الجزیره قطر» names Qatar too, and the document's entities list it.
            ends.insert(0, (b - cl, cm.code))
        for x in self._name_starts(keys, a, b):
            for y, country in ends:
                if y - x < 1 or (x, y) == (a, b):
                    continue
                key = "".join(k for k in self.raw_keys[x:y] if k not in _QUOTES)
                found = [self.kb.entries[i] for i in self.kb.by_key.get(key, [])]
                found = [e for e in found if e.kind in ("outlets", "organisations")]
                if not found and key in self.amb_outlets and x > a and keys[a] in self.stage.outlet_heads:
                    found = [self.amb_outlets[key]]  # «روزنامه "گرانما"», «شبکه الجزیره»: the kind word is the cue
                for e in found:
                    # A country after the name must be the entry's own («شبکه الجزیره قطر»), not another
                    # («بانک مرکزی روسیه» is not Iran's central bank, «شورای امنیت روسیه» not the UN's).
                    if country is None or e.data.get("country") == country:
                        return x, y, e
        return None

    def _name_starts(self, keys: list[str], a: int, b: int) -> list[int]:
        """Where the name of a CRF organisation may start: at ``a``, and after a kind word of the KB
        («شبکه», «روزنامه», «باشگاه», «پایگاه خبری») and at most one adjective after it («شبکه خبری»,
        «روزنامه اسراییلی»; Persian relational adjectives end in «ی»). Not after words that name a part of
        a body («روابط عمومی», «کمیسیون», «ستاد»): that is another organisation."""
        out = [a]
        freq = self.stage.recognizer.crf.res.freq
        for h in (2, 1):
            if b - a > h and tuple(keys[a : a + h]) in self.stage.kind_heads:
                out.append(a + h)
                k = a + h
                dm = self.index.names.get((keys[k],))
                if b - k > 1 and keys[k].endswith("ی") and (freq.get(keys[k], 0) >= 5 or (dm is not None and dm.demonym)):
                    out.append(k + 1)
                break
        return out

    def _country_ending_at(self, keys: list[str], a: int, b: int) -> tuple[int, KBEntry | None]:
        for ln in (3, 2, 1):
            if b - ln > a:
                m = self.index.names.get(tuple(keys[b - ln : b]))
                if m is not None and m.entries[0].kind == "countries":
                    return ln, m.entries[0]
        return 0, None

    def crf_name(self, toks: list[Span], keys: list[str], a: int, b: int, typ: str) -> None:
        if typ == "PER" and b - a > 1 and self._kind_headed(keys, a):
            # «روزنامه میدل ایست آی», «سازمان آی‌تی‌یو»: no person's name opens with the kind word of a body
            # or outlet (read off the KB's names), so the tagger's PER is that body's name.
            typ = "ORG"
        if (
            typ in ("ORG", "LOC")
            and (q := _quoted_part(keys, a, b)) is not None
            and (typ == "LOC" or keys[q[0] - 2] not in self.lex.place_prefixes)
        ):
            # «زندان‌های "ابوغریب" عراق», «روزنامه بحرینی "الایام"», «تیم سوم لیگ قزاقستان «آروتو»»: the words
            # the writer put in quote marks are the name; those before them describe it, and a place after
            # them is a name of its own.
            x, y = q
            self.crf_name(toks, keys, x, y, typ)
            if y + 1 < b:
                self._names_in(toks, keys, y + 1, b, {}, nested=True)
            return
        if typ == "ORG" and b - a >= 2:
            # «خبرگزاری اینترفکس روسیه»: the outlet the source chain found, then what follows it.
            hit = self._outlet_inside(toks, a, b)
            if hit is not None and (hit[0], hit[1]) != (a, b):
                x, y, attrs = hit
                entry = self.kb.get(attrs["outlet_id"]) if attrs.get("outlet_id") else None
                ent = self.entity_for(entry) if entry else self.local_entity(str(attrs.get("name") or ""), "ORG")
                self.add(toks[a].start, toks[y - 1].end, "ORG", ent, "name")
                if y - x > 1 and keys[x] in self.stage.outlet_heads:
                    self._add_short_form(keys, x + 1, y, ent)  # «شبکه الجزیره» → a later «الجزیره»
                if y < b:
                    self._names_in(toks, keys, y, b, {}, nested=True)
                return
            whole = self.kb.by_key.get("".join(k for k in self.raw_keys[a:b] if k not in _QUOTES), [])
            k = next((k for k in range(a + 1, b - 2) if keys[k] == "و" and keys[k + 1] in self.lex.coordinated_heads), 0)
            if k and not whole:
                # «شهرداری و شورای اسلامی شهر زیراب»: two bodies the tagger joined at «و»; a lone first word
                # («دولت», «شهرداری») names no body by itself.
                if k - a > 1:
                    self.crf_name(toks, keys, a, k, typ)
                self.crf_name(toks, keys, k + 1, b, typ)
                return
            core = None if any(self.kb.entries[i].kind in _KINDS_FOR[typ] for i in whole) else (
                self._kb_core(keys, a, b, typ)
            )
            if core is not None:
                x, y, entry = core
                ent = self.entity_for(entry)
                self.add(toks[a].start, toks[y - 1].end, "ORG", ent, "name")
                self._add_short_form(keys, x, y, ent)
                if y < b:
                    self._names_in(toks, keys, y, b, {}, nested=True)
                return
        a0 = a
        while b - a > 1 and tuple(keys[a : a + 1]) in self.index.honorifics:
            a += 1
        if typ == "LOC":
            # «جنوب پاکستان», «شمال شرق بیروت»: a part of a place by its direction names the place.
            while b - a > 1 and keys[a] in self.lex.direction_words:
                a += 1
            if a > a0 and (keys[a] in self.lex.place_prefixes and b - a == 1 or keys[a] in ("به", "و")):
                return  # «شمال کشور», «غرب استان», «جنوب به شمال …»: a direction, no name
            a0 = a
        if typ == "LOC" and not self._kinded_place(keys, a, b):
            # «شهرستان فهرج», «شهر زیراب»: the place is named by what follows the kind of place.
            while b - a > 1 and keys[a] in self.lex.place_prefixes:
                a += 1
            a0 = a
        # «سیدمهران نوربخش»: the name starts after a particle glued to the first name (character offset)
        glued = self.stage.glued_particle(keys[a]) if typ == "PER" and b - a > 1 else 0
        start = _after_letters(self.doc.text, toks[a].start, glued) if glued else toks[a].start
        text = self.doc.text[start : toks[b - 1].end]
        if any(k in _QUOTES for k in keys[a:b]):
            # «زندان‌های "ابوغریب" عراق»: the name without the quote marks inside it.
            text = " ".join("".join(ch for ch in text if ch not in "«»\"“”").split())
        cands = [
            self.kb.entries[i]
            for i in self.kb.by_key.get("".join(k for k in self.raw_keys[a:b] if k not in _QUOTES), [])
        ]
        cands = [e for e in cands if e.kind in _KINDS_FOR[typ]]
        kind = "name"
        ent: Entity | None = None
        if typ == "PER" and b - a == 1:
            # A lone surname: the person of this document whose name ends with it.
            ent = self._person_ending_with(keys[a])
            if ent is not None:
                kind = "surname"
        elif typ == "PER" and not cands:
            # «رسولی محلاتی» after «هاشم رسولی محلاتی»: a two-word surname of a person of the document.
            tail = tuple(keys[a:b])
            ent = next((e for p, e in self.doc_people.items() if len(p) > len(tail) and p[-len(tail):] == tail), None)
            if ent is not None:
                kind = "surname"
        if ent is not None:
            label = typ
        elif cands:
            cands.sort(key=lambda e: (bool(e.data.get("ambiguous")), _KIND_RANK[e.kind], self._date_rank(e)))
            sensed = self._sense(cands[0], keys, a, b)
            if sensed is None:
                return
            cands[0] = sensed
            ent = self.entity_for(cands[0])
            label = "LOC" if cands[0].kind == "places" else ent.type
        else:
            label = typ
            club = False
            if typ == "ORG":
                x, club = self._descriptor_end(keys, a, b)
                known = self.index.names.get(tuple(keys[x:b])) if x > a else None
                if (
                    known is not None
                    and (club or not known.ambiguous)
                    and known.entries[0].kind in ("organisations", "outlets")
                ):
                    # «تیم فوتبال فولاد خوزستان», «تیم استقلال»: the KB's club (a team's descriptor is the
                    # context an ambiguous club name needs)
                    ent = self.entity_for(known.entries[0])
                    self.add(start, toks[b - 1].end, "ORG", ent, "name")
                    return
                if x > a:
                    # «روابط عمومی کمیته امداد …», «تیم پرسپولیس تهران»: the name after the descriptor (the
                    # mention keeps the whole phrase, so a name written with it still names the entity).
                    text = " ".join("".join(ch for ch in self.doc.text[toks[x].start : toks[b - 1].end]
                                            if ch not in "«»\"“”").split())
            ent = self.local_entity(text, typ)
            starts = self._name_starts(keys, a, b) if typ == "ORG" else []
            if len(starts) > 1:
                self._add_short_form(keys, starts[-1], b, ent)  # «باشگاه رم»: a later bare «رم» is the club
            if club:
                return self._add_club(start, toks[b - 1].end, ent)
        self.add(start, toks[b - 1].end, label, ent, kind)
        self._honorific_form(toks, keys, a0, a, b, label, ent)
        if glued and a0 == a:
            self.add(toks[a].start, toks[b - 1].end, label, ent, "name", honorific=True)
        if not ent.kb_id and typ in ("ORG", "LOC") and b - a > 1:
            self._places_inside(toks, keys, a + 1, b)

    def _add_club(self, start: int, end: int, ent: Entity) -> None:
        """A team's mention: the town in a club's name is no place entity (the golds' convention)."""
        self.add(start, end, "ORG", ent, "name")

    def _descriptor_end(self, keys: list[str], a: int, b: int) -> tuple[int, bool]:
        """Where an organisation's name starts after the descriptors opening the span (``a`` if none), and
        whether one was a sports team's; a demonym after an outlet's kind word goes with it («روزنامه
        فرانسوی فیگارو»). At least one word is left, and a span the KB knows whole is left alone."""
        x, club = a, False
        lex = self.lex
        while True:
            h = next((h for h in (3, 2, 1) if x + h < b and tuple(keys[x : x + h]) in lex.org_descriptors | lex.club_descriptors), 0)
            if not h:
                break
            club = club or tuple(keys[x : x + h]) in lex.club_descriptors
            x += h
        if x == a or x >= b or keys[x] == "و":
            return a, False  # «روابط عمومی و امور بین‌الملل …»: the descriptor goes on
        if (
            x + 1 == b
            and (keys[x],) not in self.index.names
            and self.stage.recognizer.crf.res.freq.get(keys[x], 0) >= _COMMON_FREQ_CLASS
        ):
            return a, False  # «تیم هفتم»: an everyday word left alone is no name
        ln, m = self.index.longest(keys, x, self.index.names, b)
        if keys[x] == "ملی" or (m is not None and not m.demonym and m.entries[0].kind in ("countries", "places")):
            return a, False  # «تیم ملی …», «تیم‌های مکزیک و پرتغال»: a national team, named by its country
        if x + 1 < b and ln == 1 and m.demonym:
            x += 1
        return x, club

    def _kinded_place(self, keys: list[str], a: int, b: int) -> bool:
        """«استان تهران»: the kind word and the name together are a KB place's own name (the province, not
        the city of the same name)."""
        if b - a < 2 or keys[a] not in self.lex.place_prefixes:
            return False
        m = self.index.names.get(tuple(keys[a:b]))
        return m is not None and not m.ambiguous and m.entries[0].kind == "places"

    def _places_inside(self, toks: list[Span], keys: list[str], a: int, b: int) -> None:
        """«دفتر ICT روستایی اصفهان», «دانشگاه مصر», «زندان‌های ابوغریب عراق»: a country or KB place ending a
        name the KB does not know is mentioned too (the golds list the place; the tagger took it into the
        name)."""
        for k in range(a, b):
            if keys[k] not in self.index.first:
                continue
            ln, m = self.index.longest(keys, k, self.index.names, b)
            if ln and k + ln == b and not m.ambiguous and m.entries[0].kind in ("countries", "places"):
                e0 = m.entries[0]
                label = "GPE" if e0.kind == "countries" else "LOC"
                self.add(toks[k].start, toks[b - 1].end, label, self.entity_for(e0), "name", nested=True)
                return

    # -- titles -----------------------------------------------------------------------------------------
    def resolve_titles(self) -> None:
        """Link each title to a person of the document who held it (on the date, when there is one), else to
        the one KB holder on the date; several candidates and nothing to choose by: unlinked, not guessed."""
        people = {e.kb_id: e for e in self.doc.entities if e.type == "PER" and e.kb_id}
        # A title the document itself puts next to a name names that person everywhere in it («"برونو
        # رودریگز"، وزیر امور خارجه کوبا، …» then «وزیر خارجه کوبا افزود»), whether or not the KB knows them.
        by_apposition: dict[tuple[str, str | None], set[str]] = {}
        for span, title, country in self.pending_titles:
            if span.attrs.get("apposition") and span.attrs.get("entity"):
                by_apposition.setdefault((title, country), set()).add(span.attrs["entity"])
        for span, title, country in self.pending_titles:
            if span.attrs.get("apposition"):
                continue  # the name next to it says who holds the title
            # Only where the KB knows no holder: the office of «رئیس جمهور» is the KB's, even when the
            # article calls someone else «رئیس جمهور …» once.
            own = by_apposition.get((title, country), set())
            if len(own) == 1 and not self.kb.office_holder(title, self.date, country or self.own_country):
                ent0 = self.doc.entity(next(iter(own)))
                if ent0 is not None:
                    span.attrs["entity"] = ent0.id
                    span.attrs["kb_id"] = ent0.kb_id
                    continue
            # An unqualified title in the press names the outlet's own country's office.
            where = country or self.own_country
            if span.attrs.get("former"):
                # «رئیس‌جمهور سابق آمریکا»: not the holder on the date; the one past holder the document names
                past = [people[h.id] for h in self.kb.office_holder(title, None, where) if h.id in people]
                if len(past) == 1:
                    span.attrs["entity"] = past[0].id
                    span.attrs["kb_id"] = past[0].kb_id
                continue
            pick, own_office = self._pick_holder(title, where, country is None, people)
            if isinstance(pick, KBEntry) and own_office and country is None:
                # … unless its sentence is about another state («بر اساس قانون اساسی عراق، قانون باید به امضای
                # رئیس جمهور … برسد»): then it is that state's office, never the outlet's holder (one the
                # document names, «علی شمخانی» then «دبیر شورای عالی امنیت ملی», stays the title's holder)
                story = self._story_country(span)
                if story:
                    span.attrs["story_country"] = story  # whose office it is, also when no holder is linked
                    pick, _own = self._pick_holder(title, story, False, people)
            ent = self.entity_for(pick) if isinstance(pick, KBEntry) else pick
            if ent is not None:
                span.attrs["entity"] = ent.id
                span.attrs["kb_id"] = ent.kb_id
        if not self.date:
            self._drop_incompatible_titles()
        self._link_pronouns()

    def _pick_holder(
        self, title: str, where: str, any_country: bool, people: dict[str, Entity]
    ) -> tuple[Entity | KBEntry | None, bool]:
        """The holder of ``title`` in ``where`` a title links to: the one the document names, else the one KB
        holder on the date (else, when ``any_country``, the same in any country); and whether it was found in
        ``where`` (not by the any-country fallback)."""
        holders = self.kb.office_holder(title, self.date, where)
        found_here = bool(holders)
        if not holders and any_country:
            holders = self.kb.office_holder(title, self.date, None)
        named = [people[h.id] for h in holders if h.id in people]
        if len(named) == 1:
            return named[0], found_here
        if not named and self.date and len(holders) == 1:
            return holders[0], found_here
        return None, found_here

    def _story_country(self, span: Span) -> str | None:
        """The one state other than the outlet's that the sentence of ``span`` is about: named there by name
        (not a demonym, not a place after «در/به/از»: «در جزیره بالی اندونزی» is where the outlet's president
        goes), no mention of the outlet's own state in the sentence, and the document naming it at least as
        often as the outlet's state."""
        if self._states is None:
            self._states = []
            for m in self.mentions:
                ent = self.doc.entity(m.attrs.get("entity"))
                if m.label == "GPE" and ent is not None and ent.code and str(ent.kb_id or "").startswith("country:"):
                    k = m.attrs.get("kind")
                    before = self.doc.text[max(0, m.start - 40) : m.start].split()[-3:]
                    place = any(w in _DESCRIPTION_PREPOSITIONS for w in before)
                    self._states.append((m.start, str(ent.code), k == "self" or k == "demonym", place))
            self._sents = [(x.start, x.end) for x in self.doc.spans("sentences")]
        sent = next(((a, b) for a, b in self._sents if a <= span.start < b), None)
        if sent is None or any(span.start <= st < span.end for st, _c, _d, _p in self._states):
            return None  # «رئیس تشکیلات خودگردان فلسطین»: the title names its state itself
        nxt = next(
            (m for m in self.mentions if m.label == "GPE" and m.attrs.get("kind") == "pronoun"
             and 0 <= m.start - span.end <= 1),
            None,
        )
        ent = self.doc.entity(nxt.attrs.get("entity")) if nxt is not None else None
        if ent is not None and ent.code:
            # «نخست‌وزیر این کشور», «رئیس جمهور کشورش»: the state the anaphor names, when it is linked already
            # (else the sentence decides; the events stage reads the anaphor's link next to the title too)
            return str(ent.code) if ent.code != self.own_country else None
        here = [x for x in self._states if sent[0] <= x[0] < sent[1]]
        if any(code == self.own_country for _s, code, _d, _p in here):
            return None
        named = {code for _s, code, demonym, place in here if not demonym and not place}
        if len(named) != 1:
            return None
        state = next(iter(named))
        counts = [code for _s, code, _d, _p in self._states]
        return state if counts.count(state) >= counts.count(self.own_country) else None

    def _drop_incompatible_titles(self) -> None:
        """Without a date, a person linked by titles they held at different times («دبیر شورای عالی امنیت
        ملی» 2013–2023 and «وزیر دفاع» 1997–2005) is the holder of the title the article uses most; the
        others name someone else (unknown), so they are unlinked."""
        by_person: dict[str, list[tuple[Span, str]]] = {}
        for span, title, _country in self.pending_titles:
            if span.attrs.get("kb_id"):
                by_person.setdefault(span.attrs["kb_id"], []).append((span, title))
        for kb_id, spans in by_person.items():
            titles = [t for _, t in spans]
            if len(set(titles)) < 2:
                continue
            main = max(dict.fromkeys(titles), key=titles.count)  # a tie: the first used (not set order)
            entry = self.kb.get(kb_id)
            offices = (entry.data.get("offices") or []) if entry else []

            def tenures(title: str, offices: list[dict[str, Any]] = offices) -> list[tuple[str, str]]:
                return [
                    (str(o.get("start") or "0000"), str(o.get("end") or "9999"))
                    for o in offices
                    if title in {match_key(t) for t in [o.get("title"), *(o.get("title_aliases") or [])] if t}
                ]

            ref = tenures(main)
            for span, title in spans:
                if title == main:
                    continue
                if not any(s1 <= e2 and s2 <= e1 for s1, e1 in tenures(title) for s2, e2 in ref):
                    span.attrs["entity"] = None
                    span.attrs["kb_id"] = None

    def _link_pronouns(self) -> None:
        """Each pronoun to the person mentioned last before it (titles are resolved by now). A person named
        inside quoted speech («X گفت: … امید کریمی …», «…») is not the antecedent of a pronoun outside it:
        «وی افزود» after a quotation is its speaker, not someone the speaker named."""
        regions = self._speech_regions()
        last_out: str | None = None  # the last person named outside quoted speech
        last: str | None = None  # the last person named anywhere (the fallback)
        for m in sorted(self.mentions, key=lambda m: (m.start, m.end)):
            if m.label != "PER":
                continue
            if m.attrs.get("kind") == "pronoun" or m.attrs.get("anaphor"):
                ref = last_out or last
                ent = self.doc.entity(ref)
                m.attrs["entity"] = ref
                m.attrs["kb_id"] = ent.kb_id if ent else None
            elif m.attrs.get("entity"):
                last = m.attrs["entity"]
                if not _in_regions(regions, m.start):
                    last_out = last

    def _link_group_anaphors(self, sentences: list[Span]) -> None:
        """«این کشور»: the first country named before it in its sentence, else the last one named before the
        sentence (the rule the events stage codes «این کشور» by). «این اتحادیه», «این حزب»: the last
        organisation before it whose name holds that noun («اتحادیه اروپا», «حزب کمونیست»); none: unlinked."""
        anaphors = [m for m in self.mentions if m.label in ("GPE", "ORG") and m.attrs.get("anaphor")]
        if not anaphors:
            return
        ordered = sorted(
            (m for m in self.mentions if m.attrs.get("entity") and m.label in ("GPE", "ORG")), key=lambda m: m.start
        )
        starts = [s.start for s in sentences]
        for a in anaphors:
            before = [m for m in ordered if m.end <= a.start]
            ent: Entity | None = None
            if a.label == "GPE":
                countries = [m for m in before if str(m.attrs.get("kb_id") or "").startswith("country:")]
                k = bisect.bisect_right(starts, a.start) - 1
                s0 = starts[k] if k >= 0 else 0
                in_sent = [m for m in countries if m.start >= s0]
                # «حسین علیخانی، ایرانی مقیم قبرس … در این کشور»: a country's name before a demonym (a
                # nationality is seldom what «این کشور» points back to)
                named = [m for m in in_sent if m.attrs.get("kind") != "demonym"]
                pick = named[0] if named else (in_sent[0] if in_sent else None)
                # «پوتین … با چین به این کشور سفر می‌کند», «… از کشور قطر به ایران بازگشته و در این کشور …»: an
                # «این کشور» governed by a preposition after a country in a prepositional phrase of its own clause
                # (no comma or colon between) is that country, the destination or the place, not the sentence's
                # first one. Other anaphors keep the first: «سرسختی ایران و تلاش آمریکا … پرونده این کشور».
                text = self.doc.text
                if text[max(0, a.start - 4) : a.start].split()[-1:] in (["به"], ["در"], ["از"], ["با"]):
                    near = [
                        m for m in named
                        if not any(c in "،,:؛;" for c in text[m.end : a.start])
                        and any(w in ("به", "با", "از", "در", "برای") for w in text[max(0, m.start - 60) : m.start].split()[-5:])
                    ]
                    if near:
                        pick = near[-1]
                if pick is None:
                    # «مجلس نمایندگان عراق … این کشور»: a state body the KB names whole, in the sentence,
                    # stands for its state (the events stage's rule too)
                    body = next(
                        (c for m in before if m.start >= s0 and (c := self._state_body_country(m, a.start))), None
                    )
                    if body is not None:
                        ent = self.entity_for(body)
                if pick is None and ent is None and countries:
                    pick = countries[-1]
                if pick is not None:
                    ent = self.doc.entity(pick.attrs["entity"])
            else:
                noun = str(a.attrs.get("noun"))
                # Not the name it is the genitive of («مجمع عمومی این سازمان» is the UN's assembly); a name
                # opened by the noun («سازمان ملل») before one merely holding it («مجمع عمومی سازمان ملل»).
                cands = [
                    e for m in reversed(before)
                    if self.doc.text[m.end : a.start].strip() and (e := self.doc.entity(m.attrs["entity"])) is not None
                    and e.type == "ORG" and noun in _phrase(e.name)
                ]
                ent = next((e for e in cands if _phrase(e.name)[0] == noun), cands[0] if cands else None)
            if ent is not None:
                a.attrs["entity"] = ent.id
                a.attrs["kb_id"] = ent.kb_id
            a.attrs.pop("noun", None)
        # «این گروه» with no group named before it is a common noun phrase («این گروه از بیماران»), no mention.
        self.mentions = [m for m in self.mentions if not (m.label in ("GPE", "ORG") and m.attrs.get("anaphor")
                                                          and not m.attrs.get("entity"))]

    def _state_body_country(self, m: Span, anaphor_start: int) -> KBEntry | None:
        """The country of a state body the KB knows and the text names whole, its state included («مجلس
        نمایندگان عراق», «وزارت خارجه روسیه»), else None. A bare «وزارت خارجه» or «ریاست جمهوری» is the
        KB's Iranian body only by default, and one right before the anaphor is its genitive head («وزارت
        خارجه این کشور»): neither says which state «این کشور» is."""
        if m.label != "ORG" or not str(m.attrs.get("kb_id") or "").startswith("org:"):
            return None
        if not self.doc.text[m.end : anaphor_start].strip():
            return None
        ent = self.doc.entity(m.attrs.get("entity"))
        if ent is None or not ent.code or len(ent.code) != 3:
            return None
        keys = [_fold(text_key(w)) for w in self.doc.span_text(m).split()]
        codes = {
            self.index.names[tuple(keys[k:end])].entries[0].code
            for k in range(len(keys)) if (end := self._country_span(keys, k))
        }
        if ent.code not in codes:
            return None
        return self.kb.get(f"country:{ent.code}")

    def _speech_regions(self) -> list[tuple[int, int]]:
        """Character ranges of quoted speech: from the colon after a speech verb to the paragraph's end, and
        «…» / "…" spans of five words or more (shorter quoted spans are names and titles)."""
        text = self.doc.text
        paras = sorted((p.start, p.end) for p in self.doc.spans("paragraphs")) or [(0, len(text))]
        out: list[tuple[int, int]] = []
        verbs = self.lex.speech_verbs
        pi = 0
        for k, key in enumerate(self.all_keys):
            if key != ":" or k == 0 or _fold(self.all_keys[k - 1]) not in verbs:
                continue
            pos = self.all_toks[k].end
            while pi < len(paras) and paras[pi][1] < pos:
                pi += 1
            end = paras[pi][1] if pi < len(paras) else len(text)
            out.append((pos, end))
        for open_ch, close_ch in (("«", "»"), ('"', '"')):
            i = text.find(open_ch)
            while i >= 0:
                j = text.find(close_ch, i + 1)
                if j < 0:
                    break
                if len(text[i + 1 : j].split()) >= 5:
                    out.append((i + 1, j))
                i = text.find(open_ch, j + 1)
        out.sort()
        merged: list[tuple[int, int]] = []
        for a, b in out:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        return merged


_STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD"}
# Words between an office title and its country («وزیر خارجه دولت کوبا», «رئیس‌جمهور کشور مصر»).
_STATE_WORDS = {"دولت", "کشور", "رژیم", "جمهوری"}
# log2 of a word's count in the cluster text (≈ 1M tokens of news): 7 = seen 128 times or more.
_COMMON_FREQ_CLASS = 7
_NAME_BREAKS = {"،", ",", "؛", ";", ":"}
_SPEECH_PREPOSITIONS = {"از", "با"}
_CONJUNCTIONS = {"و", "یا"}
# Closed-class words a surname follows without modifying anything («دیدار با روحانی», «توسط کامرون»).
_SURNAME_OPENERS = {"و", "یا", "با", "از", "به", "برای", "که", "را", "تا", "در", "بر", "چون", "مانند", "همچون",
                    "توسط", "اما", "ولی", "نیز", "هم", "همچنین", "ضمن", "طی", "درباره", "علیه", "سوی", "جانب"}
# A country after these in a description is where the post is, not whose it is («سفیر آمریکا در عراق»).
_DESCRIPTION_PREPOSITIONS = {"در", "به", "از", "با", "برای"}
# Title stops that are no time words: a lead description ending at one is not known to end there.
_NOT_TIME_STOPS = _DESCRIPTION_PREPOSITIONS | {"طی", "بر", "تا", "که", "را", "هم", "نیز", "ضمن", "درباره", "این", "آن"}


def _in_regions(regions: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls in one of the sorted, disjoint ``regions``."""
    k = bisect.bisect_right(regions, (pos, _POS_MAX)) - 1
    return k >= 0 and regions[k][0] <= pos < regions[k][1]


_POS_MAX = 1 << 62


def _quoted_part(keys: list[str], a: int, b: int) -> tuple[int, int] | None:
    """The token range of the first quoted words inside ``keys[a:b]`` that words outside the quote marks
    precede (the closing mark may lie past ``b``), else None."""
    for q in range(a + 1, b - 1):
        if keys[q] in _QUOTES:
            if keys[q] in _CLOSING_QUOTES or any(keys[k] in _QUOTES for k in range(max(0, a - 1), q)):
                return None  # it closes a quote opened before (or at) the span's start
            y = next((k for k in range(q + 1, b) if keys[k] in _QUOTES), b)
            return (q + 1, y) if y > q + 1 else None
    return None


_CLOSING_QUOTES = {"»", "”"}


def _quoted(keys: list[str], k: int) -> bool:
    """Whether a quote mark stands right before or after token ``k``."""
    return (k > 0 and keys[k - 1] in _QUOTES) or (k + 1 < len(keys) and keys[k + 1] in _QUOTES)


_QUOTES = {"«", "»", '"', "“", "”"}
# How far (characters) after the lead sentence its speaker must be named for _lead_title to link them.
_LEAD_REACH = 400
