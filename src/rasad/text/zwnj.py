"""ZWNJ (U+200C) repair: restore lost zero-width non-joiners, turn wrong spaces into ZWNJ, drop wrong ones.

Scraped Persian loses its ZWNJs («رایزنیها», «میتواند»); every later stage matches words, so the text is
repaired before any layer is written. The decisions come from data, not only rules (docs/ZWNJ.md):

1. **Evidence**: for a word, every spelling with the same letters (ZWNJ ignored) that the shipped word
   lists know is a candidate; the one seen most often in carefully written news (``fars_counts.tsv``), then
   in hazm's lexicon (``hazm_words.tsv``), wins; the spelling as written wins ties.
2. **Morphology**, for words no list knows: verb prefix «می/نمی» + a conjugated stem of ``hazm_verbs.tsv``,
   a known stem + a suffix written apart (ها، های، ترین، …), a known stem + a bound compound head (کننده، …).
   A split is taken only when its parts are known and the joined form is not.
3. **Two words**: «می توان» → «می‌توان», «رایزنی ها» → «رایزنی‌ها», «شکست خوردگان» → «شکست‌خوردگان»: the
   second word is a suffix or a head that never stands alone, or the first is a verb prefix before a verb.
   Two words that both stand alone are never joined («گزارش نامه», «شورای عالی»).
4. **Wrong ZWNJ**: a ZWNJ between two free-standing words that no list knows joined becomes a space; one
   inside a known plain word goes.

The text changes only through minimal edits (insert, delete or replace one character), so the offset map
stays exact: every character of the result still maps to the raw character it came from.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from rasad.document import Document

ZWNJ = "\u200c"
DATA = Path(__file__).parent / "data"
# Letters that never join the next one: a ZWNJ after them is invisible, so it is neither added nor required.
NON_JOINING = frozenset("اآأإدذرزژوؤءۀة")
_LETTERS = "\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0622"
WORD_RE = re.compile(rf"[{_LETTERS}]+(?:\u200c[{_LETTERS}]+)*")
# A word and, when a single space follows, the next word: candidates for «می توان» → «می‌توان».
_CACHE_LIMIT = 300_000
# Chunk records are larger (≈ 0.3 kB each): fewer of them, so a long batch stays within ≈ 30 MB.
_CHUNK_CACHE_LIMIT = 100_000
# A word "stands alone" when carefully written news uses it on its own at least this often.
FREE_COUNT = 3
# ... or hazm's lexicon gives it at least this frequency (its counts come from a large corpus).
FREE_HAZM = 5000
# A joined spelling seen this often in careful news is a house style («آنها»), not a lost ZWNJ.
STYLE_COUNT = 10
# Two free words are joined when the compound is attested at least this often relative to its second part.
PAIR_RATIO = 0.5
# A head that news writes joined in at least this many distinct compounds (twice as many as apart) stays joined.
HEAD_MIN = 3
# «Xهای» is read as X + «ه‌ای» instead of the plural of X when news uses «Xه» this many times more than X.
PLURAL_VS_H = 2


def _read_tsv(path: Path) -> list[list[str]]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def canonical(word: str) -> str:
    """Drop ZWNJs that follow non-joining letters: they change nothing visible."""
    if ZWNJ not in word:
        return word
    out = []
    for i, ch in enumerate(word):
        if ch == ZWNJ and (i == 0 or word[i - 1] in NON_JOINING):
            continue
        out.append(ch)
    return "".join(out)


def join(a: str, b: str) -> str:
    """``a`` and ``b`` written as one word: with a ZWNJ after a joining letter, plainly after a non-joiner."""
    if not a or not b:
        return a + b
    return a + b if a[-1] in NON_JOINING else a + ZWNJ + b


@dataclass
class Lexicon:
    """The word lists the repair decides with (loaded once per pipeline, shared by the stages)."""

    counts: dict[str, int] = field(default_factory=dict)  # carefully written news
    hazm: dict[str, int] = field(default_factory=dict)  # hazm: frequency + 1 for a tagged entry, 0 untagged
    pos: dict[str, str] = field(default_factory=dict)
    by_key: dict[str, list[str]] = field(default_factory=dict)  # letters only -> spellings with ZWNJ
    present_forms: set[str] = field(default_factory=set)  # conjugations that take «می»
    seconds: set[str] = field(default_factory=set)  # second parts of known compounds («شنبه», «وزیر»)
    names: dict[str, str] = field(default_factory=dict)  # letters only -> a knowledge-base name's spelling
    name_pairs: set[tuple[str, str]] = field(default_factory=set)  # adjacent words of a multi-word name
    past_stems: dict[str, str] = field(default_factory=dict)  # past stem -> present stem
    present_stems: dict[str, str] = field(default_factory=dict)  # present stem -> past stem
    affixes: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path = DATA) -> Lexicon:
        lex = cls()
        for row in _read_tsv(data_dir / "hazm_words.tsv"):
            form = canonical(row[0])
            freq = int(row[1]) if len(row) > 1 and row[1] else 0
            tag = row[2] if len(row) > 2 else ""
            # An untagged zero-frequency entry is often a mis-spelling («اسبها»): it is not evidence.
            lex.hazm[form] = max(lex.hazm.get(form, 0), freq + 1 if tag else 0)
            if tag:
                lex.pos[form] = tag
        for row in _read_tsv(data_dir / "fars_counts.tsv"):
            form = canonical(row[0])
            lex.counts[form] = lex.counts.get(form, 0) + int(row[1])
        for form in list(lex.hazm) + list(lex.counts):
            if ZWNJ in form:
                key = form.replace(ZWNJ, "")
                forms = lex.by_key.setdefault(key, [])
                if form not in forms:
                    forms.append(form)
                    # what may follow a space that should be a ZWNJ: the second part of a known compound
                    lex.seconds.add(form.split(ZWNJ, 1)[1].replace(ZWNJ, ""))
        lex.affixes = json.loads((data_dir / "affixes.json").read_text(encoding="utf-8"))
        present_end = lex.affixes["present_endings"]
        past_end = lex.affixes["past_endings"]
        # «می‌توان»: a bare present stem after «می» only in the few impersonal forms listed.
        lex.present_forms.update(lex.affixes.get("bare_present_after_mi", []))
        for past, present in _read_tsv(data_dir / "hazm_verbs.tsv"):
            lex.past_stems[past] = present
            if present:
                lex.present_stems[present] = past
                for e in present_end:
                    lex.present_forms.add(present + e)
                    if present[-1] in "اوآ":  # «می‌گوید», «می‌آید»: a glide ی before the ending
                        lex.present_forms.add(present + "ی" + e)
            for e in past_end:
                lex.present_forms.add(past + e)
        return lex

    def add_names(self, names: Any) -> None:
        """Spell the knowledge base's names as it does: its places and people are often words no list
        knows («کرکوند», «بیرام»), which the morphology would otherwise cut, and its multi-word names
        («آستانه اشرفیه») keep their spaces."""
        for name in names:
            if not isinstance(name, str):
                continue
            words = [canonical(w) for w in WORD_RE.findall(name)]
            if len(words) == 1 and len(name.split()) == 1:
                self.names.setdefault(words[0].replace(ZWNJ, ""), words[0])
            for a, b in zip(words, words[1:], strict=False):
                self.name_pairs.add((a.replace(ZWNJ, ""), b.replace(ZWNJ, "")))

    # -- evidence -------------------------------------------------------------------------------------
    def score(self, form: str) -> tuple[int, int]:
        return self.counts.get(form, 0), self.hazm.get(form, 0)

    def known(self, form: str) -> bool:
        return self.counts.get(form, 0) > 0 or self.hazm.get(form, 0) > 0

    def free(self, word: str) -> bool:
        """Does ``word`` stand on its own in running text (so a space before it is right)?"""
        return self.counts.get(word, 0) >= FREE_COUNT or self.hazm.get(word, 0) >= FREE_HAZM

    def verb_rest(self, rest: str) -> bool:
        """Is ``rest`` what follows «می»/«نمی» in a verb («دهد», «توان», «رفتند», «گفته»)?"""
        return rest in self.present_forms


class ZwnjRepairer:
    """Word-level decisions, memoised (words repeat: most of a text is a few thousand distinct words)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        a = lex.affixes
        self.prefixes: list[str] = a["verb_prefixes"]
        self.suffixes: list[str] = sorted(a["zwnj_suffixes"], key=len, reverse=True)
        self.suffix_set: frozenset[str] = frozenset(a["zwnj_suffixes"])
        self.apart_endings: tuple[str, ...] = ("ها", "های", "هایی", "هایش", "هایم", "هایت", "ترین", "هاست")
        self.after_h: frozenset[str] = frozenset(a["suffixes_after_h_only"])
        self.comparative: frozenset[str] = frozenset(a["comparative_suffixes"])
        self.bound_heads: list[str] = sorted(a["bound_heads"], key=len, reverse=True)
        self.bound_set: frozenset[str] = frozenset(a["bound_heads"])
        self.pair_suffixes: frozenset[str] = frozenset(a["pair_suffixes"])
        self.joined: list[str] = sorted(a["joined_suffixes"], key=len, reverse=True)
        self.after_vowel: list[str] = a.get("joined_after_vowel", [])
        self.bound_prefixes: list[str] = a["bound_prefixes"]
        self.preverbs: list[str] = a["preverbs"]
        self.compounds = True
        self.pair_prefixes: frozenset[str] = frozenset(a.get("pair_prefixes", []))
        self.verb_prefix_words: frozenset[str] = frozenset(
            pv + p for pv in ("", *self.preverbs) for p in self.prefixes
        )
        self.pair_firsts: frozenset[str] = self.verb_prefix_words | self.pair_prefixes
        self.verb_endings: tuple[str, ...] = ("ند", "د", "یم", "ید", "م")
        self.mood: list[str] = a["mood_prefixes"]
        # heads of compounds that rarely stand alone, used only to analyse unknown words («شیطان‌پرستی»)
        self.compound_heads: list[str] = sorted(a.get("compound_heads", []), key=len, reverse=True)
        # pronoun endings written apart after a silent final ه («علاقه‌تان»), joined elsewhere («کتابشان»)
        self.apart_after_h: frozenset[str] = frozenset(a.get("apart_after_h", []))
        self.patronymic: tuple[str, ...] = tuple(a.get("patronymic_links", []))
        # context for «Xهای»: plural + ezafe needs a complement, so it cannot precede these words
        self.no_ezafe_before: frozenset[str] = frozenset(a.get("no_ezafe_before", []))
        self.indefinite_before: frozenset[str] = frozenset(a.get("indefinite_before", []))
        self.plural_before: frozenset[str] = frozenset(a.get("plural_before", []))
        self.plural_before_az: frozenset[str] = frozenset(a.get("plural_before_az", []))
        self._h_reading: dict[str, str] = {}
        self.hundreds: frozenset[str] = frozenset(
            h + e for h in a.get("hundreds", []) for e in ("", *a.get("ordinal_endings", []))
        )
        self._cache: dict[str, str] = {}
        self._second: dict[str, bool] = {}
        self._pairs: dict[tuple[str, str], str | None] = {}
        self._chunks: dict[str, Any] = {}
        # the best evidence of a known compound ending in each word («سه‌شنبه» for «شنبه»)
        self._last_part_evidence: dict[str, float] = {}
        for forms in lex.by_key.values():
            for f in forms:
                last = f.rsplit(ZWNJ, 1)[1]
                ev = self.evidence(f)
                if ev > self._last_part_evidence.get(last, 0.0):
                    self._last_part_evidence[last] = ev
        # how careful news writes compounds ending in a free word: apart («تصمیم‌گیری») or joined («دستگیر»),
        # counted over the distinct compounds it uses (a few frequent ones such as «کتابخانه» say little about
        # new compounds; see _head_joined_style)
        self._head_apart: dict[str, int] = {}
        self._head_joined: dict[str, int] = {}
        for w in lex.counts:
            if ZWNJ in w:
                last = w.rsplit(ZWNJ, 1)[1]
                self._head_apart[last] = self._head_apart.get(last, 0) + 1
                continue
            for i in range(3, len(w) - 1):
                if w[i - 1] not in NON_JOINING and lex.free(w[:i]) and lex.free(w[i:]):
                    self._head_joined[w[i:]] = self._head_joined.get(w[i:], 0) + 1

    # -- one word ---------------------------------------------------------------------------------------
    def fix(self, word: str) -> str:
        """The right spelling of ``word`` (ZWNJs added, removed or turned into a space)."""
        out = self._cache.get(word)
        if out is None:
            if len(self._cache) > _CACHE_LIMIT:
                self._cache.clear()
            out = self._fix(word)
            self._cache[word] = out
        return out

    def _fix(self, word: str) -> str:
        lex = self.lex
        written = canonical(word)
        key = written.replace(ZWNJ, "")
        if len(key) < 3:
            return word
        if key in lex.names and not lex.known(written):
            return lex.names[key]  # a name in the knowledge base: its spelling
        if ZWNJ in written:
            # A ZWNJ the writer put is kept unless the lists say clearly that it is wrong: most ZWNJs in
            # running text are right even where no list knows the compound («بسته‌بندی», «موزه‌ای»).
            if lex.known(written):
                return written  # a spelling the lists know («آن‌ها»)
            parts = written.split(ZWNJ)
            # «شورای‌عالی»: a word in its ezafe form («…ای», «…وی») joined to a free word: two words.
            if (
                len(parts) == 2
                and parts[0].endswith(("ای", "وی"))
                and lex.known(parts[0][:-1])  # «شورا» + ezafe («ای‌پی», «اسکای‌نیوز» are not)
                and lex.hazm.get(key, 0) <= 1
                and all(lex.free(p) for p in parts)
                and parts[1] not in self.pair_suffixes
            ):
                return parts[0] + " " + parts[1]
            # «می‌زان»: a common lemma cut where no suffix or compound part begins: the ZWNJ goes.
            tail = written.rsplit(ZWNJ, 1)[1]
            if (
                lex.hazm.get(key, 0) >= FREE_HAZM
                and tail not in self.suffix_set
                and tail not in self.bound_set
                and tail not in lex.seconds
                and not lex.verb_rest(tail)
            ):
                return key
            return word
        if key in self.hundreds:
            return key  # «ششصد», «نهصدمین»: one word
        # 1. evidence: the best-attested spelling with these letters; the written one wins ties.
        best = written if lex.known(written) else None
        best_score = lex.score(written) if best else (0, 0)
        for c in (key, *lex.by_key.get(key, ())):
            s = lex.score(c)
            if s > best_score:
                best, best_score = c, s
        if (
            best == key
            and lex.hazm.get(key, 0) <= 1
            and lex.counts.get(key, 0) < STYLE_COUNT
            and key.endswith(self.apart_endings)
            # (but a plural that news writes joined as a house style keeps it with a suffix: «آنهایی»)
            and not self._joined_style_plural(key)
        ):
            # News also spells «سرزمینهای» joined (ZWNJs lost in part of an article): a word hazm does not
            # list, seen joined only a few times, ending in a suffix written apart, is analysed instead.
            # (A frequent joined spelling such as «آنها» is a house style, and stays.)
            ranked = self._analyse_ranked(key)
            if ranked is not None and ranked[0] >= 2 and ZWNJ in ranked[1]:
                return ranked[1]
        if best is not None:
            return best
        # 2. morphology, for a word no list knows.
        analysed = self._analyse(key)
        if analysed is not None:
            return analysed
        return word

    def _joined_style_plural(self, key: str) -> bool:
        """Does ``key`` continue a plural that careful news writes joined after a joining letter («آنها» in
        «آنهایی»)? (After «د», «ر» … a plural looks the same either way: its count is no style.)"""
        i = key.rfind("ها")
        return i >= 2 and key[i - 1] not in NON_JOINING and self.lex.counts.get(key[: i + 2], 0) >= STYLE_COUNT

    def _analyse(self, key: str, depth: int = 0) -> str | None:
        out = self._analyse_ranked(key, depth)
        return out[1] if out is not None else None

    def _analyse_ranked(self, key: str, depth: int = 0) -> tuple[int, str] | None:
        """The best analysis of an unknown ``key`` (letters only) into known parts, or None.

        Candidates are ranked by kind, then by the evidence for their weakest part: a verb prefix on a
        conjugated stem first; then a known stem with a suffix written apart, a suffix written joined (the
        word stays as it is), a bound head or a prefix written apart; then two free words; last, a plural
        or superlative suffix on an unknown stem («حوثی‌ها»).
        """
        lex = self.lex
        verb = self._verb(key)
        if verb is not None:
            return 3, verb
        patronymic = self._patronymic(key)
        if patronymic is not None:
            return 3, patronymic
        half = len(key) // 2
        if half >= 2 and key[:half] == key[half:] and key[half - 1] not in NON_JOINING:
            return 2, join(key[:half], key[half:])  # a word said twice («پچ‌پچ», «تک‌تک»): a ZWNJ between
        cands: list[tuple[int, float, int, str]] = []  # (kind rank, evidence, plain wins ties, form)
        for suf in self.suffixes:
            if not key.endswith(suf) or len(key) - len(suf) < 2:
                continue
            stem = key[: -len(suf)]
            # «ای/ام/اش/اند» are written apart only after a final ه or ی («خانه‌ای»); elsewhere «ام» is
            # part of the word («کتابم» has suffix «م») or another word entirely.
            if suf in self.after_h and not self._takes_pronoun(stem):
                continue
            if suf == "ای" and stem[-1] == "ه" and self._h_unlikely(stem[:-1]):
                continue  # «کارکردهای» is the plural of «کارکرد», not «کارکرده» + «ای»
            if suf in self.after_h and stem[-1] == "ه" and (lex.verb_rest(stem) or self._verb(stem)):
                # a participle before «ام/ای/ایم/اند» is a perfect tense («نشسته‌ایم», not «نشست‌هایم»)
                cands.append((2, self.evidence(stem) + 1e9, 0, join(self._verb(stem) or stem, suf)))
                continue
            if suf.startswith("ها") and suf[1:] in self.after_h and self._plural_unlikely(stem):
                continue  # «خانهای» is «خانه‌ای», not the plural of «خان»
            stem_form = self._stem(stem)
            if stem_form is not None:
                # «تر/ترین» make comparatives of adjectives only («اینتر» is not «این» + «تر»)
                if suf in self.comparative and "AJ" not in lex.pos.get(stem_form, "AJ"):
                    continue
                cands.append((2, self.evidence(stem_form), 0, join(stem_form, suf)))
            elif suf in self.after_h and stem[-1] == "ه" and len(stem) >= 3:
                # «برتابانده‌اند»: after an unknown word in ه, «اند/ایم/ای» is still a suffix
                cands.append((0, 0.5, 0, join(stem, suf)))
            elif (
                suf in self.after_h
                and stem[-1] == "ی"
                and stem[-2] not in "هاوی"
                and lex.free(stem[:-1])
                and self._compound_first(stem[:-1])
            ):
                # a known word + the suffix «ی» («خیال» → «خیالی»), then «ام/ای/اش»: written apart
                cands.append((1, self.evidence(stem[:-1]), 0, join(stem, suf)))
            elif depth <= 1 and suf.startswith("ها"):
                inner = self._analyse(stem, depth + 1)
                if inner is not None:
                    cands.append((2, 1.0, 0, join(inner, suf)))
                elif len(stem) >= 3 and stem[-1] not in NON_JOINING:
                    cands.append((0, 1.0, 0, join(stem, suf)))
            elif suf in ("ترین",) and len(stem) >= 3:
                cands.append((0, 0.5, 0, join(stem, suf)))
        for suf in self.after_vowel:
            # «انتهایش» = «انتها» + glide + «ش»: the word stays as it is
            if key.endswith(suf) and len(key) - len(suf) >= 2 and key[-len(suf) - 1] in "او":
                stem = key[: -len(suf)]
                if lex.known(stem):
                    cands.append((2, self.evidence(stem), 1, key))
        for suf in self.joined:
            if key.endswith(suf) and len(key) - len(suf) >= 2:
                stem = key[: -len(suf)]
                if lex.known(stem):
                    if suf in self.apart_after_h and stem[-1] == "ه":
                        cands.append((2, self.evidence(stem), 0, join(stem, suf)))
                    else:
                        cands.append((2, self.evidence(stem), 1, key))
                elif suf not in self.apart_after_h and lex.by_key.get(stem):
                    # a compound the lists know with its ZWNJ, + a suffix written joined («گران‌بها» + «ی»)
                    stem_form = self._stem(stem)
                    if stem_form is not None:
                        cands.append((2, self.evidence(stem_form), 1, stem_form + suf))
        for head in self.bound_heads + self.compound_heads:
            if key.endswith(head) and len(key) - len(head) >= 2:
                stem_form = self._stem(key[: -len(head)])
                if stem_form is not None:
                    cands.append((2, self.evidence(stem_form), 0, join(stem_form, head)))
        for pre in self.bound_prefixes:
            if key.startswith(pre) and len(key) - len(pre) >= 3:
                rest = key[len(pre) :]
                rest_form = self._stem(rest)
                if rest_form is not None:
                    cands.append((2, self.evidence(rest_form), 0, join(pre, rest_form)))
                elif depth == 0:
                    inner_ranked = self._analyse_ranked(rest, depth + 1)
                    if inner_ranked is not None:
                        # no surer than the analysis of what follows the prefix; ahead of that analysis alone
                        cands.append((min(1, inner_ranked[0]), 1.5, 0, join(pre, inner_ranked[1])))
        if not cands and depth == 0:
            # an Arabic construct, a word + a word with the article «ال» («حجت‌الاسلام», «تحت‌الشعاع»): written
            # with a ZWNJ before the article, never run together
            i = key.find("ال", 2)
            while i != -1 and not cands:
                a, b = key[:i], key[i + 2 :]
                # (not where «ال» ends the first word: «چنگال قرمز»)
                if len(b) >= 2 and a[-1] not in NON_JOINING and lex.free(a) and self._compound_first(a) and (
                    lex.known("ال" + b) or (lex.free(b) and not lex.known(a + "ال"))
                ):
                    cands.append((1, self.evidence(a), 0, join(a, "ال" + b)))
                i = key.find("ال", i + 1)
        if not cands and depth == 0 and self.compounds:
            # two words that both stand alone, written as one compound («مدت‌زمان», «ساده‌زیستی»)
            for i in range(3, len(key) - 2):
                a, b = key[:i], key[i:]
                # a second part that begins with «ا» is more often a cut word («دست‌انا», «فرم‌انبری»)
                if a[-1] in NON_JOINING or b[0] == "ا":
                    continue
                if (
                    lex.free(a)
                    and self._compound_first(a)
                    and (lex.free(b) or self._free_inflected(b))
                    and not self._head_joined_style(b)
                ):
                    ev = min(self.evidence(a), self.evidence(b) if lex.known(b) else 1.0)
                    cands.append((1, ev, 0, join(a, b)))
        if not cands and depth == 0:
            # «می» + a verb the stem list lacks («می‌دمد», «می‌لغزاندند»): a personal ending after it
            for p in self.verb_prefix_words:
                rest = key[len(p) :]
                if key.startswith(p) and len(rest) >= 3 and rest.endswith(self.verb_endings) and not lex.known(rest):
                    # not a name that begins with a known word («میرزاجواد»)
                    if not any(lex.hazm.get(key[:n], 0) > 1 for n in range(len(p) + 2, len(key) - 1)):
                        cands.append((0, 0.25, 0, join(p, rest)))
        if not cands:
            return None
        best = max(cands)
        return best[0], best[3]

    def h_reading(self, new: str) -> str:
        """For a word repaired as a plural with ezafe («نام‌های», «زمین‌های»), its other reading, a known word in
        ه + indefinite «ای» («نامه‌ای», «زمینه‌ای»), and the other way round; or "" (cached). Which one is meant
        shows in the context: plural + ezafe needs a complement after it, a quantifier before it may ask for a
        plural (:func:`repair_edits`)."""
        out = self._h_reading.get(new)
        if out is None:
            out = ""
            key = new.replace(ZWNJ, "")
            if key.endswith("های") and len(key) >= 5:
                stem = key[:-3]
                plural = join(self._stem(stem) or stem, "های")
                h = self._stem(stem + "ه")
                if h is not None and canonical(new) == canonical(plural) and self.lex.free(h):
                    out = join(h, "ای")
                elif h is not None and canonical(new) == canonical(join(h, "ای")) and self.lex.free(stem):
                    out = plural
            if len(self._h_reading) > _CACHE_LIMIT:
                self._h_reading.clear()
            self._h_reading[new] = out
        return out

    def ezafe_closed(self, nxt: str) -> bool:
        """Can no complement of an ezafe begin at chunk ``nxt`` (punctuation, a conjunction, «را», …)?"""
        if not nxt:
            return False  # the end of the text (or of a title) says nothing: a single word keeps its reading
        if nxt[0] in _CLOSING:
            return True
        m = WORD_RE.match(nxt)
        return m is not None and m.group() in self.no_ezafe_before

    def _plural_unlikely(self, stem: str) -> bool:
        """Is «ها…» after ``stem`` more likely «ه» + «ای/ایم/…» («خانهای» = «خانه‌ای»)? The plural is the
        usual reading; the other only when careful news uses ``stem`` + «ه» far more than ``stem`` itself
        («خانه» beside «خان»; not «برگه» beside «برگ»)."""
        counts = self.lex.counts
        return counts.get(stem + "ه", 0) > PLURAL_VS_H * counts.get(stem, 0)

    def _h_unlikely(self, stem: str) -> bool:
        """Is «ه‌ای» after ``stem`` more likely the plural with ezafe «های»? The mirror of
        :meth:`_plural_unlikely`: careful news uses ``stem`` far more than ``stem`` + «ه» («برخورد» beside
        «برخورده», «تیر» beside «تیره»). Not after a participle («سوخته‌ای», «ساخته‌ای»: an adjective or a
        perfect tense; news counts of the past stem say nothing about those). Only for «ای»: «ام/اش» after a
        silent ه («نامه‌اش», «داده‌ام») are too common for the plural to be the safer guess."""
        counts = self.lex.counts
        if self.lex.verb_rest(stem + "ه"):
            return False
        return counts.get(stem, 0) > PLURAL_VS_H * counts.get(stem + "ه", 0)

    def _patronymic(self, key: str) -> str | None:
        """«عبداللهبنزبیر» → «عبدالله‌بن‌زبیر»: a known name, «بن/ابن», a name (Arabic patronymics are written
        as one word with ZWNJs, or apart; never run together)."""
        lex = self.lex
        for link in self.patronymic:
            i = key.find(link, 3)
            while i != -1:
                a, b = key[:i], key[i + len(link) :]
                if (
                    len(b) >= 3
                    and "N" in lex.pos.get(a, "")
                    and lex.free(a)
                    and a not in self.preverbs
                    and b not in self.joined
                    and b not in self.suffix_set
                    # a name after «بن», or an unknown word that no word beginning with «بن» explains
                    # («مرزبندی» is «مرز» + «بندی», «فروبنشان» a verb)
                    and ("N" in lex.pos.get(b, "") or not (lex.known(b) or lex.known(link + b[0]) or lex.known(link + b[:2])))
                ):
                    return join(join(self._stem(a) or a, link), self._stem(b) or b)
                i = key.find(link, i + 1)
        return None

    def _takes_pronoun(self, stem: str) -> bool:
        """Is «ای/ام/ات/اش/اند» written apart after ``stem``? After a final ه, or a final ی that is a
        suffix or vowel («صندلی‌ام»), not a glide after a vowel («بقایای», «آقایم»)."""
        if stem[-1] == "ه":
            return True
        # («فضایی‌ای»: after «یی» the last ی is the suffix, not a glide)
        return stem[-1] == "ی" and len(stem) >= 3 and (stem[-2] not in "اوی" or stem.endswith("یی"))

    def _verb(self, key: str) -> str | None:
        """``key`` as a verb: preverb? + (ب|ن|می|نمی)? + conjugated stem (+ suffix), correctly spelt."""
        lex = self.lex
        for pv in ("", *self.preverbs):
            if not key.startswith(pv):
                continue
            rest = key[len(pv) :]
            if len(rest) < 2:
                continue
            if pv and lex.verb_rest(rest):
                return key
            for p in self.prefixes:  # «نمی» before «می»: the longer prefix first
                if rest.startswith(p) and len(rest) - len(p) >= 2:
                    r = rest[len(p) :]
                    if lex.verb_rest(r):
                        return pv + join(p, r)
                    sub = self._suffixed_verb(r)
                    if sub is not None:
                        return pv + join(p, sub)
            if not pv and lex.verb_rest(rest):
                return key
            for p in self.mood:  # «بیاندیشند» = ب + اندیشند, «نمیرم»: written joined
                if rest.startswith(p):
                    r = rest[len(p) :]
                    # (a stem in «آ» loses its madda after the glide: «بیاورم» = ب + ی + آورم)
                    if lex.verb_rest(r) or (r[:1] == "ی" and (lex.verb_rest(r[1:]) or (
                        r[1:2] == "ا" and lex.verb_rest("آ" + r[2:])
                    ))):
                        return key
        return None

    def _head_joined_style(self, head: str) -> bool:
        """Does careful news write compounds ending in ``head`` joined («دستگیر», «چشمگیر», «فرهنگسرای»)
        far more often than apart? Then an unknown compound with that head is left joined too."""
        joined = self._head_joined.get(head, 0)
        return joined >= HEAD_MIN and joined > PLURAL_VS_H * self._head_apart.get(head, 0)

    def _function_word(self, word: str) -> bool:
        """Is ``word`` only a conjunction, pronoun or determiner in hazm's lexicon («آنکه», «اینکه»)?"""
        tags = self.lex.pos.get(word, "").split(",")
        return "N" not in tags and "AJ" not in tags and any(t in ("CONJ", "PRO", "DET") for t in tags)

    def _compound_first(self, word: str) -> bool:
        """Can ``word`` begin a compound of two free words? A noun or adjective can; a verb form («است»),
        determiner or pronoun («این», «همه») or conjunction («ولی») runs into the next word only in a word of
        its own («اینکه», «اینهمه»), not as a compound part written apart."""
        if word in self.no_ezafe_before:  # conjunctions, copulas, «را», «از»: closed-class words
            return False
        tag = self.lex.pos.get(word)
        if tag is None:
            return True  # hazm tags few inflected words («شهری», «عباسی»)
        tags = tag.split(",")
        return ("N" in tags or "AJ" in tags) and "DET" not in tags and "PRO" not in tags

    def _free_inflected(self, word: str) -> bool:
        for suf in self.joined:
            if word.endswith(suf) and len(word) - len(suf) >= 3 and self.lex.free(word[: -len(suf)]):
                return True
        return False

    def evidence(self, form: str) -> float:
        """One number for how well attested a spelling is (news counts weigh more than hazm frequency)."""
        c, h = self.lex.score(form)
        return c * 50_000 + h

    def _stem(self, stem: str) -> str | None:
        """A known spelling of ``stem`` (letters only), or None."""
        lex = self.lex
        best, best_score = None, (0, 0)
        for c in (stem, *lex.by_key.get(stem, ())):
            s = lex.score(c)
            if s > best_score:
                best, best_score = c, s
        return best

    def _suffixed_verb(self, key: str) -> str | None:
        """A conjugated verb + a suffix written apart («گفته‌اند», «رفته‌ایم»)."""
        for suf in self.suffixes:
            if key.endswith(suf) and len(key) - len(suf) >= 2:
                stem = key[: -len(suf)]
                if suf in self.after_h and stem[-1] not in "هی":
                    continue
                if self.lex.verb_rest(stem):
                    return join(stem, suf)
        return None

    # -- two words ---------------------------------------------------------------------------------------
    def join_pair(self, a: str, b: str) -> str | None:
        """``a b`` written as one word when the space should be a ZWNJ, else None."""
        lex = self.lex
        ka, kb = a.replace(ZWNJ, ""), b.replace(ZWNJ, "")
        if len(ka) < 2 or len(kb) < 2:
            return None
        if (ka, kb) in lex.name_pairs and not lex.known(join(canonical(a), kb)):
            return None  # two words of a name the lists do not know joined («آستانه اشرفیه»)
        if ka in self.verb_prefix_words:  # «می دهد», «برنمی گردد»
            if lex.verb_rest(kb) or self._verb_suffixed(kb):
                return join(ka, b)
            # a verb the stem list lacks («می دمد»): a word no list knows, with a personal ending
            if len(kb) >= 3 and kb.endswith(self.verb_endings) and not lex.known(kb) and self._stem(kb) is None:
                return join(ka, b)
            return None
        if kb in self.pair_suffixes:
            # «ها», «های», «ترین» never stand alone: after any word they are its suffix («آلبوم ها»)
            always = kb.startswith("ها") or kb == "ترین"
            if not (always or lex.known(canonical(a)) or self._analyse(ka) is not None or lex.verb_rest(ka)):
                return None
            if kb in self.after_h and not self._takes_pronoun(ka):
                return None
            if kb in self.comparative and "AJ" not in lex.pos.get(canonical(a), ""):
                return None
            return join(a, kb)
        if kb in self.bound_set and lex.known(canonical(a)):
            return join(a, kb)
        if (
            ka in self.pair_prefixes
            and (lex.known(join(ka, kb)) or not lex.free(kb))
            and (lex.known(kb) or self._analyse(kb) is not None)
            and not self._function_word(kb)  # «بی آنکه»: a conjunction after «بی» is not its stem
        ):
            return join(ka, b)  # «بی خبر»; but «بی آنکه» keeps its space
        joined = join(canonical(a), kb)
        # A known compound is joined only when its second part never stands alone («شکست‌خوردگان»,
        # «برنامه‌ریزی»), so «گزارش نامه» and «شورای عالی» keep their space. (Careful news also writes
        # «به‌طور», «این‌که», «شده‌است» as one word: house style, not evidence, so news counts alone never
        # join two words.)
        if (lex.known(joined) or lex.known(ka + kb)) and not lex.free(kb):
            best = self.fix(joined)
            return best if " " not in best else None
        # Both parts stand alone: joined only when the compound is common next to its second part on its
        # own («سه‌شنبه», «نخست‌وزیر»), not a rare compound of a common word («گزارش‌نامه» beside «نامه»).
        if ZWNJ in joined and self.evidence(joined) >= PAIR_RATIO * self.evidence(kb) and self.evidence(joined) > 0:
            return joined
        return None

    def join_pair_cached(self, a: str, b: str) -> str | None:
        key = (a, b)
        if key in self._pairs:
            return self._pairs[key]
        out = self.join_pair(a, b)
        if len(self._pairs) > _CACHE_LIMIT:
            self._pairs.clear()
        self._pairs[key] = out
        return out

    def pair_second(self, word: str) -> bool:
        """Can ``word`` be the second part of two words joined by a ZWNJ (cached per distinct word)?"""
        out = self._second.get(word)
        if out is None:
            # (a verb after «می» needs no flag here: the «می» before it triggers the check)
            k = word.replace(ZWNJ, "")
            out = k in self.pair_suffixes or k in self.bound_set or (k in self.lex.seconds and self._may_follow(k))
            if len(self._second) > _CACHE_LIMIT:
                self._second.clear()
            self._second[word] = out
        return out

    def _may_follow(self, k: str) -> bool:
        """Can ``k``, the second part of some known compound, join an ordinary word before it (see
        :meth:`join_pair`)? A word that does not stand alone can; a free word only when some compound ending
        in it is attested at least ``PAIR_RATIO`` times as well as it is. Most free words («است», «کرد») are
        the second part of some compound but never join: leaving them out spares the pair check."""
        if not self.lex.free(k):
            return True
        best = self._last_part_evidence.get(k, 0.0)
        return best > 0 and best >= PAIR_RATIO * self.evidence(k)

    def _verb_suffixed(self, kb: str) -> bool:
        return self._suffixed_verb(kb) is not None


def minimal_edits(start: int, old: str, new: str) -> list[tuple[int, int, str]] | None:
    """Edits turning ``old`` (at ``start``) into ``new`` when they differ only in ZWNJs and spaces."""
    edits: list[tuple[int, int, str]] = []
    # Skip the common head and tail with slice comparisons (C speed): a chunk may be long, its changes few.
    i = _common_prefix(old, new)
    tail = _common_suffix(old[i:], new[i:])
    if tail:
        old, new = old[: len(old) - tail], new[: len(new) - tail]
    j = i
    sep = (ZWNJ, " ")
    while i < len(old) or j < len(new):
        o = old[i] if i < len(old) else ""
        n = new[j] if j < len(new) else ""
        if o == n:
            i += 1
            j += 1
        elif o in sep and n in sep:
            edits.append((start + i, start + i + 1, n))
            i += 1
            j += 1
        elif o in sep:
            edits.append((start + i, start + i + 1, ""))
            i += 1
        elif n in sep:
            edits.append((start + i, start + i, n))
            j += 1
        else:
            return None
    return edits


def _common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix of ``a`` and ``b`` (binary search on slices)."""
    lo, hi = 0, min(len(a), len(b))
    if a[:hi] == b[:hi]:
        return hi
    while lo < hi:  # a[:lo] == b[:lo] and a[:hi] != b[:hi]
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str) -> int:
    """Length of the longest common suffix of ``a`` and ``b``."""
    lo, hi = 0, min(len(a), len(b))
    if a[len(a) - hi :] == b[len(b) - hi :]:
        return hi
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


class ZwnjStage:
    """Pipeline stage: repair ZWNJs in ``doc.text`` through ``doc.apply_edits``; record what changed."""

    name = "zwnj"

    def __init__(self, resources: Any = None) -> None:
        if resources is not None and hasattr(resources, "get"):
            self.repairer: ZwnjRepairer = resources.get("zwnj_repairer", lambda: _build_repairer(resources))
        else:
            self.repairer = ZwnjRepairer(Lexicon.load())

    def __call__(self, doc: Document) -> None:
        edits, fixed = repair_edits(doc.text, self.repairer)
        if edits:
            doc.apply_edits(edits)
        doc.meta["zwnj_fixed"] = fixed

    def repair_string(self, text: str) -> str:
        edits, _ = repair_edits(text, self.repairer)
        out = []
        cur = 0
        for s, e, r in sorted(edits):
            out.append(text[cur:s])
            out.append(r)
            cur = e
        out.append(text[cur:])
        return "".join(out)


_MISSING: Any = object()


class ChunkInfo(NamedTuple):
    """What the repair needs to know about one space-separated chunk of text (cached per distinct chunk)."""

    new: str  # the chunk with its words repaired
    first_raw: str  # the word the chunk starts with ("" when it starts with something else)
    first_new: str  # its repair
    last_raw: str  # the word the chunk ends with ("")
    last_new: str
    first_second: bool  # may the first word follow a ZWNJ («ها», «خوردگان», «دهد»)?
    last_first: bool  # is the last word a verb prefix («می», «برمی») or «بی»?
    fixed: list[list[str]]  # [before, after] of every word changed inside the chunk
    first_changed: bool
    last_changed: bool
    # For the hot loop, as small ints: 2 if the chunk starts with a word that may follow a ZWNJ, 1 if it
    # starts with another word, 0 otherwise; likewise for its last word preceding one. Two chunks may join
    # when the product is at least 2.
    inn: int
    out: int
    # fixed (bit 0), out (bits 1-2) and inn (bits 3-4) in one small int, for the C-level scan; bit 0 is also
    # set for a one-word chunk whose reading depends on its neighbours (``alt``)
    code: int
    alt: str = ""  # a one-word chunk read «Xهای» or «Xه‌ای»: its other reading, taken if the context asks


def chunk_info(chunk: str, rep: ZwnjRepairer) -> ChunkInfo:
    if WORD_RE.fullmatch(chunk):
        # the common case, one word and nothing else: the same record as below, built directly
        new = rep.fix(chunk)
        if new != chunk and minimal_edits(0, chunk, new) is None:
            new = chunk
        changed = new != chunk
        second = rep.pair_second(chunk)
        first = new in rep.pair_firsts
        inn, out_ = (2 if second else 1), (2 if first else 1)
        fixed = [[chunk, new]] if changed else []
        alt = rep.h_reading(new) if new.endswith("ای") else ""  # (most words: no look-up)
        if alt and minimal_edits(0, chunk, alt) is None:
            alt = ""
        return ChunkInfo(
            new, chunk, new, chunk, new, second, first, fixed, changed, changed, inn, out_,
            (changed or bool(alt)) | out_ << 1 | inn << 3, alt,
        )  # fmt: skip
    out: list[str] = []
    fixed: list[list[str]] = []
    cur = 0
    first_raw = first_new = last_raw = last_new = ""
    first_second = last_first = first_changed = last_changed = False
    ms = list(WORD_RE.finditer(chunk))
    for i, m in enumerate(ms):
        w = m.group()
        new = rep.fix(w)
        if new != w and minimal_edits(0, w, new) is None:
            new = w  # a repair only ever changes separators; anything else is not applied
        if m.end() < len(chunk) and chunk[m.end()] in _CLOSING:
            # «نامهای،»: no complement follows, so not the plural with ezafe («نام‌های») but «نامه‌ای»
            alt = rep.h_reading(new)
            if alt.endswith("ه" + ZWNJ + "ای") and minimal_edits(0, w, alt) is not None:
                new = alt
        out.append(chunk[cur : m.start()])
        out.append(new)
        cur = m.end()
        if new != w:
            fixed.append([w, new])
        if i == 0 and m.start() == 0:
            first_raw, first_new, first_changed = w, new, new != w
            first_second = rep.pair_second(w)
        if i == len(ms) - 1 and m.end() == len(chunk):
            last_raw, last_new, last_changed = w, new, new != w
            last_first = new in rep.pair_firsts
    out.append(chunk[cur:])
    inn = (2 if first_second else 1) if first_raw else 0
    out_ = (2 if last_first else 1) if last_raw else 0
    return ChunkInfo(
        "".join(out), first_raw, first_new, last_raw, last_new, first_second, last_first, fixed,
        first_changed, last_changed, inn, out_, bool(fixed) | out_ << 1 | inn << 3,
    )  # fmt: skip


def _build_repairer(resources: Any) -> ZwnjRepairer:
    lex = Lexicon.load()
    if (getattr(resources, "options", None) or {}).get("zwnj_kb_names", True):
        try:
            kb = resources.kb
            lex.add_names(name for entry in kb for name in entry.all_names())
        except Exception:  # noqa: BLE001 - without a knowledge base the repair still works, on the word lists
            pass
    return ZwnjRepairer(lex)


def repair_edits(text: str, rep: ZwnjRepairer) -> tuple[list[tuple[int, int, str]], list[list[str]]]:
    """All edits for ``text`` and the ``[before, after]`` pairs of the words they change.

    The text is taken as space-separated chunks: ``str.split`` is far faster than a word regex, offsets stay
    exact (chunks are one space apart), and everything about a chunk is cached. Two words one space apart
    are the last word of one chunk and the first of the next: the only place where a space may become a ZWNJ.

    Most chunks need nothing, so the per-chunk work runs in C: the cached records looked up with ``map``,
    their flags packed into bytes and searched with a regex. Python only visits the few chunks that change
    or may join the next one.
    """
    edits: list[tuple[int, int, str]] = []
    fixed: list[list[str]] = []
    cache = rep._chunks
    chunks = text.split(" ")
    infos = list(map(cache.get, chunks))
    if None in infos:
        missing = set(chunks).difference(cache)
        if len(cache) + len(missing) > _CHUNK_CACHE_LIMIT:
            cache.clear()
            missing = set(chunks)
        for chunk in missing:
            cache[chunk] = chunk_info(chunk, rep)
        infos = list(map(cache.__getitem__, chunks))
    codes = bytes(map(_CODE, infos))
    join_pair = rep.join_pair_cached
    pairs = rep._pairs
    consumed = -1  # the chunk last joined to the one before it: it has been handled
    start = 0
    last = 0
    for m in _EVENT.finditer(codes):
        i = m.start()
        if i == consumed:
            continue
        info = infos[i]
        start += sum(map(len, chunks[last:i])) + i - last  # chunks are one space apart
        last = i
        nxt = infos[i + 1] if i + 1 < len(infos) else None
        if info[13]:
            info = _in_context(info, rep, chunks[i + 1] if nxt is not None else "", infos, i)
        if nxt is not None and info[11] * nxt[10] >= 2:
            joined = pairs.get((info[4], nxt[1]), _MISSING)  # inlined cache look-up
            if joined is _MISSING:
                joined = join_pair(info[4], nxt[1])
            if joined is not None:
                old = chunks[i] + " " + chunks[i + 1]
                merged = info.new[: len(info.new) - len(info.last_new)] + joined + nxt.new[len(nxt.first_new) :]
                ed = minimal_edits(start, old, merged)
                if ed is not None:
                    edits.extend(ed)
                    # the pair replaces what the two words' own repairs recorded
                    fixed.extend(info.fixed[:-1] if info.last_changed else info.fixed)
                    fixed.append([info.last_raw + " " + nxt.first_raw, joined])
                    fixed.extend(nxt.fixed[1:] if nxt.first_changed else nxt.fixed)
                    consumed = i + 1  # a joined pair does not join further
                    continue
        if info[7]:
            _emit(start, chunks[i], info, edits, fixed)
    return edits, fixed


_CODE = itemgetter(12)  # ChunkInfo.code
# punctuation that ends a phrase: no complement of an ezafe begins with it
_CLOSING = frozenset(".،,؛;:!?؟»)]}…")


def _in_context(info: ChunkInfo, rep: ZwnjRepairer, nxt: str, infos: list[ChunkInfo], i: int) -> ChunkInfo:
    """A one-word chunk read «Xهای» or «Xه‌ای», with the reading its neighbours ask for (``info.alt`` is the
    other one): no ezafe complement after it, or «یک/هیچ» before it, asks for «Xه‌ای»; a quantifier before it
    («سایر», «یکی از») for the plural; otherwise it keeps the reading the word lists gave."""
    alt_is_h = info.alt.endswith("ه" + ZWNJ + "ای")
    prev = infos[i - 1][4] if i > 0 else ""
    if rep.ezafe_closed(nxt) or prev in rep.indefinite_before:
        want_h = True
    elif prev in rep.plural_before or (prev == "از" and i > 1 and infos[i - 2][4] in rep.plural_before_az):
        want_h = False
    else:
        return info
    return _read_as(info, info.alt) if want_h == alt_is_h else info


def _read_as(info: ChunkInfo, word: str) -> ChunkInfo:
    """A one-word chunk's record with the word read as ``word`` instead."""
    raw = info.first_raw
    changed = word != raw
    return info._replace(
        new=word, first_new=word, last_new=word, fixed=[[raw, word]] if changed else [],
        first_changed=changed, last_changed=changed,
    )  # fmt: skip


def _event_pattern() -> re.Pattern[bytes]:
    """Positions of chunks that change (bit 0) or whose last word may join the next chunk's first: the
    product of their flags (out, bits 1-2; inn of the next, bits 3-4) is at least 2."""
    codes = range(32)
    fix = [c for c in codes if c & 1]
    out2 = [c for c in codes if (c >> 1) & 3 == 2]
    out1 = [c for c in codes if (c >> 1) & 3 >= 1]
    inn2 = [c for c in codes if (c >> 3) & 3 == 2]
    inn1 = [c for c in codes if (c >> 3) & 3 >= 1]

    def cls(values: list[int]) -> bytes:
        return b"[" + b"".join(re.escape(bytes([v])) for v in values) + b"]"

    return re.compile(b"(?=" + cls(fix) + b"|" + cls(out2) + cls(inn1) + b"|" + cls(out1) + cls(inn2) + b")")


_EVENT = _event_pattern()


def _emit(start: int, old: str, info: ChunkInfo, edits: list[tuple[int, int, str]], fixed: list[list[str]]) -> None:
    ed = minimal_edits(start, old, info.new)
    if ed:
        edits.extend(ed)
        fixed.extend(info.fixed)
