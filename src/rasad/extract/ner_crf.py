"""A CRF named-entity tagger: features, training, tagging.

The tagger is a linear-chain CRF (python-crfsuite) over rich token features: the word, its affixes and
shape, the words two to the left and right, word clusters computed from unlabelled news text (a
distributional stand-in for Brown clusters, see :func:`build_clusters`) and gazetteer membership from the
knowledge base, plus a second gazetteer of the names annotated in another corpus (Arman, ``ner-names.tsv``).
They are computed the same way at training and tagging time. A second CRF (:meth:`CRFTagger.tag_document`)
re-tags a document's sentences with features from the names pass 1 found in its other sentences (PEYMA test
F1 83.9 with pass 1 alone, 85.1 with both on 2026-11-29; its add-only mode, for the pipeline, 84.5; see
docs/NER.md).

Tokens are compared by a *key*: normalised letters and digits with ZWNJ and spaces removed, because PEYMA
replaced ZWNJ inside tokens with a space («می شناسی») while rasad's text keeps it («می‌شناسی»).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
MODEL_PATH = MODEL_DIR / "ner-crf.crfsuite"
CLUSTERS_PATH = MODEL_DIR / "ner-clusters.tsv"
NAMES_PATH = MODEL_DIR / "ner-names.tsv"
# Organisation head nouns («باشگاه», «وزارت», «لشکر»): a data file, see read_org_heads.
ORG_HEADS_PATH = MODEL_DIR / "ner-org-heads.txt"
# KB first names that are everyday words («پل», «جان», «نصر»): no first-name feature (a KB data file).
FIRST_NAME_STOPS_PATH = Path(__file__).resolve().parent.parent / "kb" / "data" / "first-name-stops.txt"
# Words that end the phrase an organisation head opens (the distance feature stops there).
_HEAD_STOP = frozenset({"را", "که"})
# The distance feature reaches this many words after a head: longer names are rare.
_HEAD_REACH = 6

# Corpus tags → rasad types. Arman's tags are lower case; PEYMA's are already upper case.
TAG_MAP = {
    "pers": "PER",
    "per": "PER",
    "org": "ORG",
    "loc": "LOC",
    "fac": "FAC",
    "pro": "PRO",
    "event": "EVENT",
}

_DROP = str.maketrans("", "", "\u200c \t\u200d\u200f\u200e")
_DIGITS = re.compile(r"[0-9۰-۹٠-٩]")
_LETTER = re.compile(r"[\u0600-\u06ff]")
_LATIN = re.compile(r"[A-Za-z]")


def map_tag(tag: str) -> str:
    """A corpus BIO tag in rasad's type names: ``B-pers`` → ``B-PER``; ``O`` stays."""
    if tag in ("O", "") or "-" not in tag:
        return "O"
    prefix, _, typ = tag.partition("-")
    return f"{prefix.upper()}-{TAG_MAP.get(typ.lower(), typ.upper())}"


def read_conll(path: str | Path) -> list[list[tuple[str, str]]]:
    """Sentences of ``(token, tag)`` from a CoNLL-style file (token and tag a line, blank line between)."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n\r")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            if "\t" in line:
                tok, _, tag = line.rpartition("\t")
            else:
                tok, _, tag = line.rpartition(" ")
            cur.append((tok, map_tag(tag.strip())))
    if cur:
        sents.append(cur)
    return sents


def token_key(tok: str) -> str:
    """What a token is compared by: normalised, no ZWNJ/spaces."""
    from rasad.text.normalize import normalize_string

    return normalize_string(tok).translate(_DROP)


def text_key(tok: str) -> str:
    """:func:`token_key` for text that is already normalised (the pipeline's): only drops ZWNJ/spaces."""
    return tok.translate(_DROP)


def spans_from_bio(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, type)`` over token indices, CoNLL-2003 conventions (an ``I-`` after ``O`` or
    another type opens an entity)."""
    out: list[tuple[int, int, str]] = []
    start = -1
    typ = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, t = tag.partition("-")
        if start >= 0 and (prefix in ("O", "B") or t != typ):
            out.append((start, i, typ))
            start = -1
        if prefix in ("B", "I") and start < 0:
            start, typ = i, t
    return out


@dataclass
class FeatureResources:
    """What features look up: word clusters, frequency classes, gazetteer phrases (by token keys)."""

    clusters: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # key -> coarse, mid, fine
    freq: dict[str, int] = field(default_factory=dict)  # key -> log2 frequency class
    gazetteer: dict[tuple[str, ...], set[str]] = field(default_factory=dict)  # phrase -> {type}
    first_names: set[str] = field(default_factory=set)
    max_phrase: int = 1
    first: dict[str, int] = field(default_factory=dict)  # first token of a phrase -> longest such phrase
    # Names seen annotated in the training corpora (phrase -> types): a second gazetteer, see names_table.
    names: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    names_first: dict[str, int] = field(default_factory=dict)
    # Organisation head nouns (token key -> "oh", or "ohp" for plural forms that open lists).
    org_heads: dict[str, str] = field(default_factory=dict)

    def set_names(self, names: dict[tuple[str, ...], set[str]]) -> None:
        self.names = names
        self.names_first = _first_index(names)

    @classmethod
    def load(
        cls,
        kb: Any = None,
        clusters_path: Path | None = None,
        names_path: Path | None = None,
        org_heads: bool = False,
    ) -> FeatureResources:
        """``org_heads``: also the organisation head-noun lexicon (off by default: a model trained with it
        made longer ORG spans that cost the article golds' mentions, see docs/NER.md; a tagger whose model
        has head features loads it itself)."""
        res = cls()
        res.set_names(read_names(names_path or NAMES_PATH))
        if org_heads:
            res.org_heads = read_org_heads(ORG_HEADS_PATH)
        path = clusters_path or CLUSTERS_PATH
        if path.exists():
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) >= 5:
                        res.clusters[parts[0]] = (parts[1], parts[2], parts[3])
                        res.freq[parts[0]] = int(parts[4])
        if kb is not None:
            res.add_kb(kb)
        return res

    def add_kb(self, kb: Any) -> None:
        """Gazetteer phrases from the knowledge base, plus the office titles and first names it implies."""
        from rasad.text.tokens import tokenize

        def phrase(s: str) -> tuple[str, ...]:
            return tuple(token_key(s[a:b]) for a, b, _ in tokenize(s))

        stops = read_word_list(FIRST_NAME_STOPS_PATH)

        for e in kb:
            typ = {"countries": "GPE", "places": "LOC", "people": "PER", "organisations": "ORG", "outlets": "ORG"}[
                e.kind
            ]
            names = [e.name, *e.aliases]
            if e.kind == "countries":
                names += list(e.data.get("demonyms") or [])
            for n in names:
                p = phrase(n)
                if p:
                    self.gazetteer.setdefault(p, set()).add(typ)
            # Ambiguous forms are still evidence of a name: the CRF weighs them with the context.
            for n in e.data.get("ambiguous_aliases") or []:
                p = phrase(n)
                if p:
                    self.gazetteer.setdefault(p, set()).add(typ + "?")
            if e.kind == "people":
                p = phrase(e.name)
                if len(p) >= 2 and p[0] not in stops:
                    self.first_names.add(p[0])
                for off in e.data.get("offices") or []:
                    for t in [off.get("title"), *(off.get("title_aliases") or [])]:
                        if t:
                            self.gazetteer.setdefault(phrase(t), set()).add("TITLE")
        self.max_phrase = max((len(p) for p in self.gazetteer), default=1)
        self.first = _first_index(self.gazetteer)


def _first_index(table: dict[tuple[str, ...], Any]) -> dict[str, int]:
    """First token -> length of the longest phrase starting with it."""
    first: dict[str, int] = {}
    for p in table:
        if p:
            first[p[0]] = max(first.get(p[0], 0), len(p))
    return first


def names_table(sents: Iterable[list[tuple[str, str]]]) -> dict[tuple[str, ...], set[str]]:
    """Annotated names of a corpus (token-key phrases and their types)."""
    out: dict[tuple[str, ...], set[str]] = {}
    for sent in sents:
        keys = [token_key(t) for t, _ in sent]
        for a, b, t in spans_from_bio([tag for _, tag in sent]):
            if t in ("PER", "ORG", "LOC", "FAC", "PRO", "EVENT"):
                out.setdefault(tuple(keys[a:b]), set()).add(t)
    return out


def _core_names(names: dict[tuple[str, ...], set[str]]) -> dict[tuple[str, ...], set[str]]:
    """Only the types every corpus shares: Arman's FAC/PRO/EVENT have no PEYMA counterpart."""
    core = {"PER", "ORG", "LOC"}
    return {p: t & core for p, t in names.items() if t & core}


def gazetteer_tags(
    keys: Sequence[str], gaz: dict[tuple[str, ...], set[str]], first: dict[str, int], tag: str = "g"
) -> list[list[str]]:
    """Per token, gazetteer features ``B-TYPE``/``I-TYPE`` of the longest phrase of ``gaz`` covering it."""
    return cover_tags(keys, first.get, gaz.get, tag)


def cover_tags(
    keys: Sequence[str],
    longest_at: Callable[[str], int | None],
    types_of: Callable[[tuple[str, ...]], Iterable[str] | None],
    tag: str,
) -> list[list[str]]:
    """Left to right, the longest phrase (≤ 8 words, ≤ ``longest_at`` its first key) with types marks its
    tokens ``{tag}B{TYPE}``/``{tag}I{TYPE}`` (and ``{tag}L<len>`` when longer than a word); shared by the
    gazetteer and the document-pass phrase features."""
    n = len(keys)
    out: list[list[str]] = [[] for _ in range(n)]
    i = 0
    while i < n:
        most = longest_at(keys[i])
        if not most:  # most words open no phrase: skip the range and tuple building
            i += 1
            continue
        best = 0
        types: Iterable[str] = ()
        for ln in range(min(most, 8, n - i), 0, -1):
            found = types_of(tuple(keys[i : i + ln]))
            if found:
                best, types = ln, found
                break
        if best:
            for j in range(i, i + best):
                pre = "B" if j == i else "I"
                out[j].extend(f"{tag}{pre}{t}" for t in types)
                if best > 1:
                    out[j].append(f"{tag}L{min(best, 4)}")
            i += best
        else:
            i += 1
    return out


def _shape(tok: str) -> str:
    if _DIGITS.search(tok):
        return "D" if _DIGITS.sub("", tok) == "" else "d"
    if _LATIN.search(tok):
        return "L"
    if _LETTER.search(tok):
        return "A"
    return "P"


class Featurizer:
    """Token features; the word-only part is cached so tagging running text stays fast."""

    def __init__(self, res: FeatureResources, known: set[str] | None = None, encoded: bool = False) -> None:
        self.res = res
        # Attributes the model has weights for: the rest are dropped once per word, so the tagger is not
        # handed (and does not convert) features L1 pruned away.
        self.known = known
        # ``encoded``: the cached word features are UTF-8 bytes, which CRFsuite takes as they are: encoded
        # once per word instead of at every occurrence (a tagger's featurizer; training and tests read str).
        self.encoded = encoded
        self._bias: Any = b"b" if encoded else "b"
        self._cache: dict[str, tuple[list[Any], dict[int, list[Any]]]] = {}

    def _word(self, key: str) -> tuple[list[str], dict[int, list[str]]]:
        """(features of the word itself, the smaller sets used when it is a neighbour, by offset)."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        shape = _shape(key)
        w = _DIGITS.sub("0", key) if shape in ("D", "d") else key
        own = [f"w={w}", f"s={shape}", f"n={min(len(key), 10)}"]
        for k in (1, 2, 3, 4):
            if len(key) > k:
                own.append(f"p{k}={key[:k]}")
                own.append(f"x{k}={key[-k:]}")
        cl = self.res.clusters.get(key)
        if cl:
            own += [f"ca={cl[0]}", f"cb={cl[1]}", f"cc={cl[2]}"]
        own.append(f"f={self.res.freq.get(key, -1)}")
        if key in self.res.first_names:
            own.append("fn")
        near = [f"w={w}", f"s={shape}"]
        if cl:
            near += [f"ca={cl[0]}", f"cb={cl[1]}"]
        head = self.res.org_heads.get(key)
        if head:
            # One feature shared by every head noun: rare heads borrow the weight of frequent ones.
            own.append(head)
            near.append(head)
        if len(self._cache) > 200_000:  # bounded: a long batch must not grow it without limit
            self._cache.clear()
        # Neighbour features are prefixed by their offset; built once per word, not once per occurrence.
        by_offset = {d: [f"{d}{x}" for x in near] for d in (-2, -1, 1, 2)}
        if self.known is not None:
            own = [x for x in own if x in self.known]
            by_offset = {d: [x for x in v if x in self.known] for d, v in by_offset.items()}
        if self.encoded:
            hit = ([x.encode() for x in own], {d: [x.encode() for x in v] for d, v in by_offset.items()})
            self._cache[key] = hit
            return hit
        hit = (own, by_offset)
        self._cache[key] = hit
        return hit

    def sentence(
        self, keys: Sequence[str], names: dict[tuple[str, ...], set[str]] | None = None
    ) -> list[list[str]]:
        """Features of a sentence; ``names`` overrides the corpus-name gazetteer (training folds)."""
        n = len(keys)
        words = [self._word(k) for k in keys]
        gaz = gazetteer_tags(keys, self.res.gazetteer, self.res.first)
        if names is None:
            tg = gazetteer_tags(keys, self.res.names, self.res.names_first, "t")
        else:
            tg = gazetteer_tags(keys, names, _first_index(names), "t")
        for i in range(n):
            gaz[i] += tg[i]
        heads = self.res.org_heads
        if heads:
            # Distance from the last organisation head noun: words of a long name («سازمان حفاظت محیط زیست
            # استان تهران») lie beyond the ±2 window of the head's own features.
            last = -1
            for i, k in enumerate(keys):
                if k in heads:
                    last = i
                elif last >= 0:
                    if k in _HEAD_STOP or not any(c.isalnum() for c in k) or i - last > _HEAD_REACH:
                        last = -1
                    else:
                        gaz[i].append(f"hd={i - last}")
        feats: list[list[str]] = []
        known = self.known
        bias = self._bias
        last = n - 1
        for i in range(n):
            # Word features come filtered from the cache; only the per-sentence ones (gazetteer, edges,
            # bigrams) are checked against the model's attributes here. The order is the model's: the word,
            # its neighbours at -2, -1, +1, +2; then the gazetteer, edges and neighbours' gazetteer in the
            # same order, then the bigrams (CRFsuite sums weights in item order).
            if 2 <= i <= last - 2 and not (gaz[i - 1] or gaz[i] or gaz[i + 1]):
                # Most tokens: inside the sentence, no gazetteer match at or next to them (same order as below).
                f = [
                    bias,
                    *words[i][0],
                    *words[i - 2][1][-2],
                    *words[i - 1][1][-1],
                    *words[i + 1][1][1],
                    *words[i + 2][1][2],
                ]
                bl = "bl=" + keys[i - 1] + "|" + keys[i]
                br = "br=" + keys[i] + "|" + keys[i + 1]
                if known is None or bl in known:
                    f.append(bl)
                if known is None or br in known:
                    f.append(br)
                feats.append(f)
                continue
            f = [bias, *words[i][0]]
            extra = list(gaz[i])
            if i >= 2:
                f += words[i - 2][1][-2]
            else:
                extra.append("-2EDGE")
            if i >= 1:
                f += words[i - 1][1][-1]
                if gaz[i - 1]:
                    extra += ["-1" + x for x in gaz[i - 1]]
            else:
                extra.append("-1EDGE")
            if i < last:
                f += words[i + 1][1][1]
                if gaz[i + 1]:
                    extra += ["1" + x for x in gaz[i + 1]]
            else:
                extra.append("1EDGE")
            if i + 2 <= last:
                f += words[i + 2][1][2]
            else:
                extra.append("2EDGE")
            if i > 0:
                extra.append("bl=" + keys[i - 1] + "|" + keys[i])
            if i < last:
                extra.append("br=" + keys[i] + "|" + keys[i + 1])
            f += extra if known is None else [x for x in extra if x in known]
            feats.append(f)
        return feats


# Types whose other mentions in a document are evidence for a token (dates and amounts are not repeated
# names). A name tagged in one sentence of a document and missed in another is the gap this closes.
DOC_TYPES = frozenset({"PER", "ORG", "LOC", "GPE"})
DOC_MODEL_NAME = "ner-crf-doc.crfsuite"
# Corpora without document boundaries (PEYMA: articles one after another): the sentences this far before and
# after a sentence stand for its document.
DOC_WINDOW = 12


def _doc_items(keys: Sequence[str], tags: Sequence[str]) -> tuple[list[tuple[tuple[str, ...], str]], list[tuple[str, str]]]:
    """A sentence's pass-1 names: (phrase, type) and (token key, type + role) items; role S single-token
    name, B first, L last, I inside a longer one."""
    phrases: list[tuple[tuple[str, ...], str]] = []
    roles: list[tuple[str, str]] = []
    for a, b, t in spans_from_bio(tags):
        if t not in DOC_TYPES:
            continue
        phrases.append((tuple(keys[a:b]), t))
        if b - a == 1:
            roles.append((keys[a], t + "S"))
            continue
        for j in range(a, b):
            roles.append((keys[j], t + ("B" if j == a else "L" if j == b - 1 else "I")))
    return phrases, roles


class _DocTable:
    """Counts of pass-1 names over a set of sentences, updated as sentences enter and leave it (indexed by
    word and by phrase, so a sentence's lookups do not rebuild anything). The sentence being featurised stays
    in the table: :meth:`exclude` records its own counts, which every lookup subtracts (cheaper than taking
    it out and putting it back)."""

    def __init__(self) -> None:
        self.phrases: dict[tuple[str, ...], Counter[str]] = {}  # phrase -> type counts
        self.starts: Counter[str] = Counter()  # first word -> phrases starting with it
        self.longest = 0
        self.roles: dict[str, Counter[str]] = {}  # word -> type+role counts
        self.occ: Counter[str] = Counter()
        # The excluded sentence's own counts.
        self.own_occ: Counter[str] = Counter()
        self.own_roles: Counter[tuple[str, str]] = Counter()  # (word, role) -> count
        self.own_named: set[str] = set()  # the words of the sentence's own names
        self.own_phrases: Counter[tuple[tuple[str, ...], str]] = Counter()
        self.own_starts: Counter[str] = Counter()

    def add(self, keys: Sequence[str], items: tuple[list[Any], list[Any]], sign: int) -> None:
        for p, t in items[0]:
            self.phrases.setdefault(p, Counter())[t] += sign
            self.starts[p[0]] += sign
            self.longest = max(self.longest, len(p))
        for k, r in items[1]:
            self.roles.setdefault(k, Counter())[r] += sign
        if sign > 0:
            self.occ.update(keys)
        else:
            self.occ.subtract(keys)

    def exclude(self, keys: Sequence[str], items: tuple[list[Any], list[Any]]) -> None:
        """Make lookups see the table without this sentence (which must be in it)."""
        self.own_occ = Counter(keys)
        self.own_roles = Counter(items[1])
        self.own_named = {k for k, _ in items[1]}
        self.own_phrases = Counter(items[0])
        self.own_starts = Counter(p[0] for p, _ in items[0])

    def token(self, key: str) -> list[str]:
        """Evidence for one word from the sentences in the table."""
        if _mute(key):
            return []
        occ = self.occ.get(key, 0) - self.own_occ.get(key, 0)
        if occ <= 0:
            return []
        roles = self.roles.get(key)
        if not roles:  # most words: seen elsewhere, never in a name
            return ["dO"]
        own = self.own_roles if key in self.own_named else None
        out: list[str] = []
        by_type: dict[str, int] = {}
        for role, c in roles.items():
            if own:
                c -= own.get((key, role), 0)
            if c > 0:
                out.append(f"dr={role}")
                by_type[role[:-1]] = by_type.get(role[:-1], 0) + c
        for t, c in by_type.items():
            out.append(f"dt={t}")
            if 2 * c >= occ:
                out.append(f"dM={t}")
        if not by_type:
            out.append("dO")
        return out

    def phrase_tags(self, keys: Sequence[str]) -> list[list[str]]:
        """:func:`gazetteer_tags` over the phrases in the table (prefix ``d``)."""
        own_phrases = self.own_phrases

        def types_of(phrase: tuple[str, ...]) -> list[str] | None:
            c = self.phrases.get(phrase)
            return [t for t, v in c.items() if v - own_phrases.get((phrase, t), 0) > 0] if c else None

        starts, own_starts, longest = self.starts, self.own_starts, self.longest
        return cover_tags(
            keys, lambda k: longest if starts.get(k, 0) - own_starts.get(k, 0) > 0 else 0, types_of, "d"
        )


@lru_cache(maxsize=1 << 16)
def _mute(key: str) -> bool:
    """A word that never carries document evidence: one letter, digits, punctuation."""
    return len(key) < 2 or _shape(key) in ("D", "P")


def document_features(
    keys: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    window: int | None = None,
    wanted: Callable[[int, list[list[str]]], bool] | None = None,
) -> list[list[list[str]] | None]:
    """Per sentence and token, features from the pass-1 tags of the *other* sentences of a document (all of
    them, or those within ``window`` sentences): the types and positions the token's word had in names
    there (``dr=PERL``: last word of a person's name, i.e. a surname), whether most of its other occurrences
    were in names (``dM=``) or none (``dO``), and the longest phrase tagged as a name elsewhere that covers
    it (``dB…``/``dI…``, like the gazetteer features).

    ``wanted(s, word_features)``, given the per-word part (:meth:`_DocTable.token`) of sentence ``s``, says
    whether the rest is needed: a sentence it declines is ``None`` (the tagger's second pass skips most
    sentences, and the phrase and neighbour features are most of the cost)."""
    n = len(keys)
    items = [_doc_items(k, t) for k, t in zip(keys, tags, strict=True)]
    w = n if window is None else window
    table = _DocTable()
    lo = hi = 0  # sentences [lo, hi) are in the table
    out: list[list[list[str]] | None] = []
    for s in range(n):
        while hi < min(n, s + w + 1):
            table.add(keys[hi], items[hi], 1)
            hi += 1
        while lo < max(0, s - w):
            table.add(keys[lo], items[lo], -1)
            lo += 1
        ks = keys[s]
        table.exclude(ks, items[s])  # the sentence's own names are not evidence for it
        feats = [table.token(k) for k in ks]
        if wanted is not None and not wanted(s, feats):
            out.append(None)
            continue
        ph = table.phrase_tags(ks)
        # A word's types elsewhere (dt=) are its neighbours' features too; only words with a dr= have any.
        types = [[x for x in f if x[:3] == "dt="] if len(f) > 1 else f[:0] for f in feats]
        last = len(ks) - 1
        sent_feats: list[list[str]] = []
        for i in range(len(ks)):
            f = feats[i] + ph[i]
            if i > 0 and types[i - 1]:
                f += ["-1" + x for x in types[i - 1]]
            if i < last and types[i + 1]:
                f += ["1" + x for x in types[i + 1]]
            sent_feats.append(f)
        out.append(sent_feats)
    return out


def _needs_second_pass(doc: Sequence[Sequence[str]], tags: Sequence[str]) -> bool:
    """Whether the rest of the document says something pass 1 did not: a word tagged O (or as another type)
    here that was part of a name elsewhere. Other sentences keep their pass-1 tags (speed)."""
    for f, tag in zip(doc, tags, strict=True):
        for x in f:
            if x.startswith("dt=") and tag[2:] != x[3:]:
                return True
    return False


def _names_missed(doc: Sequence[Sequence[str]], tags: Sequence[str]) -> bool:
    """Whether the rest of the document has a name with a word pass 1 tagged O here (the trigger of a second
    pass that only adds names: :func:`_needs_second_pass` without the words pass 1 already put in a name)."""
    for f, tag in zip(doc, tags, strict=True):
        if tag == "O":
            for x in f:
                if x.startswith("dt="):
                    return True
    return False


def _add_names(first: Sequence[str], second: Sequence[str]) -> list[str]:
    """Pass-1 tags plus the pass-2 names that overlap no pass-1 name (pass-1 names keep their spans)."""
    out = list(first)
    for a, b, t in spans_from_bio(second):
        if all(x == "O" for x in first[a:b]):
            out[a : b] = [f"B-{t}"] + [f"I-{t}"] * (b - a - 1)
    return out


class CRFTagger:
    """The trained model and its features; :meth:`tag` gives BIO tags for a sentence of token keys."""

    def __init__(self, model_path: Path | None = None, res: FeatureResources | None = None) -> None:
        import pycrfsuite

        self.path = model_path or MODEL_PATH
        # The resources given may be shared (one per pipeline, another tagger, the trainer): what this
        # model needs differently goes into a shallow copy of them, never into the caller's object.
        res = res or FeatureResources()
        if self.path.resolve() != MODEL_PATH.resolve():
            # A model trained elsewhere comes with its own names table (or none): the shipped one would
            # give it features it was not trained with.
            res = dataclasses.replace(res)
            res.set_names(read_names(self.path.with_name(NAMES_PATH.name)))
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(self.path))
        self.labels = set(self.tagger.labels())
        known = {attr for attr, _label in self.tagger.info().state_features}
        if not res.org_heads and ("oh" in known or "ohp" in known):
            # A model trained with the head-noun features needs them at tagging time too.
            res = dataclasses.replace(res, org_heads=read_org_heads(ORG_HEADS_PATH))
        self.res = res
        self.features = Featurizer(self.res, known, encoded=True)

        # The second pass (document features) is optional: a model without one beside it tags per sentence.
        doc_path = self.path.with_name(DOC_MODEL_NAME)
        self.doc_tagger: Any = None
        if doc_path.exists():
            self.doc_tagger = pycrfsuite.Tagger()
            self.doc_tagger.open(str(doc_path))
            self.doc_known = {attr for attr, _label in self.doc_tagger.info().state_features}

    def tag(self, keys: Sequence[str]) -> list[str]:
        """Pass 1: one sentence on its own."""
        if not keys:
            return []
        return list(self.tagger.tag(self.features.sentence(keys)))

    def tag_document(
        self,
        sentences: Sequence[Sequence[str]],
        window: int | None = None,
        selective: bool = True,
        add_only: bool = False,
    ) -> list[list[str]]:
        """BIO tags for the sentences of one document: pass 1 per sentence, then the sentences where the
        rest of the document disagrees with pass 1 re-tagged with document features (``window``: only the
        sentences that near count as the document, for corpora without boundaries). ``add_only``: pass 2
        only adds names where pass 1 found none (re-tagging only sentences with a word tagged O that is in a
        name elsewhere); the names pass 1 found keep their spans and types (the pipeline's mode: the linker
        trusts a CRF span longer than the KB's match, and pass 2's boundary changes cost more there)."""
        if self.doc_tagger is None:
            return [self.tag(k) for k in sentences]
        # One feature list per sentence serves both passes: filtered by the attributes either model knows,
        # since CRFsuite skips the ones its model lacks (same tags as filtering per model), and pass 2 only
        # appends the document features instead of building the sentence's features again.
        both = self._both_features()
        feats = [both.sentence(k) if k else [] for k in sentences]
        first = [list(self.tagger.tag(f)) if f else [] for f in feats]

        trigger = _names_missed if add_only else _needs_second_pass

        def wanted(s: int, word_feats: list[list[str]]) -> bool:
            return bool(sentences[s]) and (not selective or trigger(word_feats, first[s]))

        docf = document_features(sentences, first, window, wanted)
        known = self.doc_known
        out: list[list[str]] = []
        for f, tags, df in zip(feats, first, docf, strict=True):
            if df is None:
                out.append(tags)
                continue
            for x, d, q in zip(f, df, tags, strict=True):
                x.extend(y for y in (*d, f"q={q}") if y in known)
            second = list(self.doc_tagger.tag(f))
            out.append(_add_names(tags, second) if add_only else second)
        return out

    def _both_features(self) -> Featurizer:
        """The featurizer for :meth:`tag_document`: attributes of either model (built on first use)."""
        both: Featurizer | None = getattr(self, "_both", None)
        if both is None:
            assert self.features.known is not None
            both = self._both = Featurizer(self.res, self.features.known | self.doc_known, encoded=True)
        return both


def train(
    train_files: Iterable[str | Path],
    output: Path,
    res: FeatureResources,
    c1: float = 0.05,
    c2: float = 0.01,
    max_iterations: int = 150,
    verbose: bool = False,
    names_output: Path | None = None,
    corpus_names: bool = False,
    names_from: Iterable[str | Path] = (),
) -> dict[str, Any]:
    """Train a CRF on CoNLL files; returns a summary (sentences, tokens, labels, model size).

    ``corpus_names`` adds a gazetteer of the names annotated in the training data (each training sentence
    sees the names of the other folds only). It did not help on PEYMA dev (77.8 vs 78.8 F1), so it is off.
    ``names_from`` are other annotated corpora whose PER/ORG/LOC names make that gazetteer instead (Arman):
    they are not the training sentences, so no folds are needed; the table ships beside the model.
    """
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=verbose)
    featurizer = Featurizer(res)
    n_sent = n_tok = 0
    labels: Counter[str] = Counter()
    sents = [s for f in train_files for s in read_conll(f)]
    # The corpus-name gazetteer of a training sentence comes from the *other* folds: built from all the
    # data, it would contain every name of the sentence and the CRF would learn to trust it blindly.
    folds = 5
    names_from = list(names_from)
    if corpus_names:
        fold_names = [names_table(s for k, s in enumerate(sents) if k % folds != f) for f in range(folds)]
        res.set_names(names_table(sents))
    elif names_from:
        res.set_names(_core_names(names_table(s for f in names_from for s in read_conll(f))))
        fold_names = [res.names] * folds
    else:
        fold_names = [{} for _ in range(folds)]
        res.set_names({})
    for k, sent in enumerate(sents):
        keys = [token_key(t) for t, _ in sent]
        tags = [t for _, t in sent]
        trainer.append(featurizer.sentence(keys, fold_names[k % folds]), tags)
        n_sent += 1
        n_tok += len(sent)
        labels.update(tags)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.possible_transitions": True,
        }
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(output))
    names_file = names_output or output.with_name(NAMES_PATH.name)
    if corpus_names or names_from:
        write_names(res.names, names_file)
    elif names_file.exists():
        names_file.unlink()  # a stale table would feed the new model features it was not trained with
    return {
        "sentences": n_sent,
        "tokens": n_tok,
        "labels": dict(labels),
        "model": str(output),
        "bytes": output.stat().st_size,
    }


def jackknife_tags(
    per_file: Sequence[Sequence[list[tuple[str, str]]]],
    res: FeatureResources,
    folds: int = 2,
    c1: float = 0.05,
    c2: float = 0.01,
    max_iterations: int = 150,
    names_from: Sequence[str | Path] = (),
) -> list[list[list[str]]]:
    """Pass-1 tags of every training sentence from a model that did not see it: each contiguous block of
    the data is tagged by a model trained on the other blocks. (Tags from a model trained on the sentence
    itself would be nearly perfect, and a second pass trained on them would learn to copy them.)"""
    import tempfile

    flat = [(fi, si) for fi, sents in enumerate(per_file) for si in range(len(sents))]
    block = math.ceil(len(flat) / folds)
    out: list[list[list[str]]] = [[[] for _ in sents] for sents in per_file]
    with tempfile.TemporaryDirectory() as tmp:
        for f in range(folds):
            held = set(flat[f * block : (f + 1) * block])
            path = Path(tmp) / f"fold{f}.txt"
            with open(path, "w", encoding="utf-8") as fh:
                for fi, si in flat:
                    if (fi, si) not in held:
                        fh.write("".join(f"{t}\t{g}\n" for t, g in per_file[fi][si]) + "\n")
            model = Path(tmp) / f"fold{f}.crfsuite"
            # A copy without the names table: train() replaces the names table of the resources it is given.
            fold_res = dataclasses.replace(res, names={}, names_first={})
            train([path], model, fold_res, c1=c1, c2=c2, max_iterations=max_iterations, names_from=names_from)
            tagger = CRFTagger(model, fold_res)
            for fi, si in held:
                out[fi][si] = tagger.tag([token_key(t) for t, _ in per_file[fi][si]])
    return out


def train_document(
    train_files: Sequence[str | Path],
    output: Path,
    res: FeatureResources,
    folds: int = 2,
    window: int = DOC_WINDOW,
    c1: float = 0.05,
    c2: float = 0.01,
    max_iterations: int = 150,
    names_from: Iterable[str | Path] = (),
    verbose: bool = False,
    pass1: list[list[list[str]]] | None = None,
) -> dict[str, Any]:
    """Train the second-pass model (``DOC_MODEL_NAME`` beside ``output``) on document features computed
    from jack-knifed pass-1 tags (:func:`jackknife_tags`, or ``pass1`` when given). Each file is a run of
    articles without boundaries, so the document of a sentence is ``window`` sentences either side."""
    import pycrfsuite

    names_from = list(names_from)
    per_file = [read_conll(f) for f in train_files]
    if pass1 is None:
        pass1 = jackknife_tags(per_file, res, folds, c1, c2, max_iterations, names_from)
    if names_from:
        res.set_names(_core_names(names_table(s for f in names_from for s in read_conll(f))))
    else:
        res.set_names({})
    featurizer = Featurizer(res)
    trainer = pycrfsuite.Trainer(verbose=verbose)
    n_tok = 0
    for fi, sents in enumerate(per_file):
        keys = [[token_key(t) for t, _ in s] for s in sents]
        docf = document_features(keys, pass1[fi], window)
        for si, sent in enumerate(sents):
            feats = featurizer.sentence(keys[si])
            for x, d, q in zip(feats, docf[si], pass1[fi][si], strict=True):
                x.extend([*d, f"q={q}"])
            trainer.append(feats, [g for _, g in sent])
            n_tok += len(sent)
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": max_iterations, "feature.possible_transitions": True}
    )
    doc_path = output.with_name(DOC_MODEL_NAME)
    trainer.train(str(doc_path))
    return {
        "doc_model": str(doc_path),
        "doc_bytes": doc_path.stat().st_size,
        "doc_tokens": n_tok,
        "folds": folds,
    }


def read_word_list(path: Path) -> set[str]:
    """The token keys of a word list (``#`` comments, one word a line); empty when the file is missing."""
    if not path.exists():
        return set()
    with open(path, encoding="utf-8") as fh:
        return {k for line in fh if line.strip() and not line.startswith("#") and (k := token_key(line.strip()))}


def read_org_heads(path: Path) -> dict[str, str]:
    """The organisation head nouns of a lexicon file (``#`` comments; ``word[TAB pl]`` a line), by token key."""
    out: dict[str, str] = {}
    if not path.exists():
        return out
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            word, _, kind = line.rstrip("\n").partition("\t")
            key = token_key(word.strip())
            if key:
                out[key] = "ohp" if kind.strip() == "pl" else "oh"
    return out


def read_names(path: Path) -> dict[tuple[str, ...], set[str]]:
    """A names table written by :func:`write_names`; empty when the file does not exist."""
    names: dict[tuple[str, ...], set[str]] = {}
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                phrase, _, types = line.rstrip("\n").partition("\t")
                if phrase and types:
                    names[tuple(phrase.split(" "))] = set(types.split(","))
    return names


def write_names(names: dict[tuple[str, ...], set[str]], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for p in sorted(names):
            fh.write(f"{' '.join(p)}\t{','.join(sorted(names[p]))}\n")


def build_clusters(
    sentences: Iterable[list[str]],
    output: Path,
    min_count: int = 3,
    contexts: int = 2000,
    dims: int = 100,
    ks: tuple[int, int, int] = (32, 256, 1024),
    seed: int = 0,
) -> int:
    """Word clusters from unlabelled sentences (lists of token keys), written as ``key, coarse, mid, fine, freq class`` lines.

    Each word is represented by its positive PMI with the most frequent words one position to its left and
    right (an SVD of that matrix), and clustered by k-means at three granularities: like the prefixes of a
    Brown-cluster path, the coarse ids generalise and the fine ones discriminate. Deterministic (``seed``).
    """
    import numpy as np
    from scipy import sparse
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD

    counts: Counter[str] = Counter()
    sents = [list(s) for s in sentences]
    for toks in sents:
        counts.update(toks)
    vocab = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:contexts])}
    rows: list[int] = []
    cols: list[int] = []
    for toks in sents:
        for i, w in enumerate(toks):
            wi = index.get(w)
            if wi is None:
                continue
            if i > 0 and toks[i - 1] in ctx:
                rows.append(wi)
                cols.append(ctx[toks[i - 1]])
            if i + 1 < len(toks) and toks[i + 1] in ctx:
                rows.append(wi)
                cols.append(len(ctx) + ctx[toks[i + 1]])
    m = sparse.coo_matrix(
        (np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(len(vocab), 2 * len(ctx))
    ).tocsr()
    m.sum_duplicates()
    total = m.sum()
    rs = np.asarray(m.sum(axis=1)).ravel()
    cs = np.asarray(m.sum(axis=0)).ravel()
    coo = m.tocoo()
    pmi = np.log(coo.data * total / (rs[coo.row] * cs[coo.col] + 1e-12))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape)
    vec = TruncatedSVD(n_components=dims, random_state=seed).fit_transform(ppmi)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    labels = []
    for k in ks:
        km = MiniBatchKMeans(n_clusters=min(k, len(vocab)), random_state=seed, n_init=3, batch_size=4096)
        labels.append(km.fit_predict(vec))
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", encoding="utf-8") as fh:
        for i, w in enumerate(vocab):
            fc = int(math.log2(counts[w]))
            fh.write(f"{w}\t{labels[0][i]}\t{labels[1][i]}\t{labels[2][i]}\t{fc}\n")
    return len(vocab)
