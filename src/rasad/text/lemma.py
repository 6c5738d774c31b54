"""Lemmas for matching: cue verbs in any tense («می‌گوید», «گفته است» → «گفتن»), names in any inflection
(«ایرانی‌ها» → «ایرانی», «آمریکایی‌ها» → «آمریکایی»).

It uses the same shipped data as the ZWNJ repair (``text/data``: hazm's verb stems and lexicon, news
counts, the affix lists), so spellings with or without ZWNJ give the same lemma. It is a matcher's lemma,
not a linguist's: a verb's lemma is its infinitive (past stem + «ن»), anything else the shortest known
word left after taking off inflectional suffixes, or the word itself.

    from rasad.text.lemma import lemma, verb_lemma
    lemma("رایزنی‌های")   # «رایزنی»
    verb_lemma("نمی‌گویند")  # «گفتن»
"""

from __future__ import annotations

from functools import lru_cache

from rasad.text.zwnj import ZWNJ, Lexicon, canonical

# Personal endings after a past stem («گفتند») or a present stem («گویند»); the empty ending is the 3rd
# person singular past («گفت»). Order: longest first.
_PAST_ENDINGS = ("یم", "ید", "ند", "م", "ی", "")
_PRESENT_ENDINGS = ("یم", "ید", "ند", "م", "ی", "د")
# Perfect tenses: participle + these («گفته‌اند», «رفته‌ایم»).
_PERFECT = ("ایم", "اید", "اند", "ام", "ای", "")
# Nominal inflection taken off for a noun's or adjective's lemma, longest first.
_NOMINAL = (
    "هایمان", "هایتان", "هایشان", "هایی", "هایم", "هایت", "هایش", "های", "ها",
    "ترین", "تر", "یان", "ان", "ات", "مان", "تان", "شان", "ای", "ام", "اش", "یی", "ی", "م", "ت", "ش",
)  # fmt: skip

# Suffixes that are also the last letters of many words: see Lemmatizer._strip.
_AMBIGUOUS = frozenset(("یان", "ان", "ات", "مان", "تان", "شان", "ای", "ام", "اش", "یی", "ی", "م", "ت", "ش"))
_ADJECTIVAL = frozenset(("ی", "یی", "ای"))


class Lemmatizer:
    """Verb and word lemmas over the shipped lexicon; memoised per instance (no global state)."""

    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lex = lex or Lexicon.load()
        self.preverbs: tuple[str, ...] = ("", *self.lex.affixes.get("preverbs", []))
        self.bare: frozenset[str] = frozenset(self.lex.affixes.get("bare_present_after_mi", []))
        self._verb_cache: dict[str, str | None] = {}
        self._cache: dict[str, str] = {}
        # A present stem shared by two verbs («کن»: کردن, کندن) means the more frequent one.
        self.present_to_past: dict[str, str] = {}
        for past, present in self.lex.past_stems.items():
            old = self.present_to_past.get(present)
            if old is None or self._freq(past) > self._freq(old):
                self.present_to_past[present] = past
        for present, past in self.lex.present_stems.items():
            self.present_to_past.setdefault(present, past)

    def _freq(self, form: str) -> int:
        return self.lex.counts.get(form, 0) * 50_000 + self.lex.hazm.get(form, 0)

    # -- verbs ------------------------------------------------------------------------------------------
    def verb_lemma(self, word: str) -> str | None:
        """The infinitive of a verb form («می‌گویند», «نگفت», «گفته‌اند», «برمی‌گردد»), or None."""
        out = self._verb_cache.get(word, "")
        if out == "":
            out = self._verb(canonical(word).replace(ZWNJ, ""))
            self._verb_cache[word] = out
        return out

    def _verb(self, k: str) -> str | None:
        for pv in self.preverbs:
            if not k.startswith(pv):
                continue
            rest = k[len(pv) :]
            for prefix in ("نمی", "می", "ب", "ن", ""):
                if not rest.startswith(prefix):
                    continue
                body = rest[len(prefix) :]
                if len(body) < 2:
                    continue
                past = self._conjugated(body, allow_present=bool(prefix) or bool(pv))
                if past is not None:
                    return pv + past + "ن"
        return None

    def _conjugated(self, body: str, allow_present: bool) -> str | None:
        """The past stem of a conjugated ``body`` (prefix already taken off), or None."""
        lex = self.lex
        past_reading = None
        for e in _PAST_ENDINGS:
            if body.endswith(e) and body[: len(body) - len(e)] in lex.past_stems:
                past_reading = body[: len(body) - len(e)]
                break
        if past_reading is not None and allow_present:
            # «می‌کند»: past «کند» (dig) or present «کن» + «د» (do): the more frequent verb
            present = self._present_reading(body)
            if present is not None and self._freq(present) > self._freq(past_reading):
                return present
        if past_reading is not None:
            return past_reading
        for e in _PERFECT:
            stem = body[: len(body) - len(e)] if e else body
            if body.endswith(e) and stem.endswith("ه") and stem[:-1] in lex.past_stems:
                return stem[:-1]
        return self._present_reading(body, allow_present)

    def _present_reading(self, body: str, allow_present: bool = True) -> str | None:
        # A bare present form («گوید») is also a noun or adjective too often («دارند» is clear, «بند» is
        # not): it counts only after a verbal prefix, or with a plural ending.
        if allow_present and body in self.bare:  # «می‌توان»
            return self.present_to_past.get(body)
        for e in _PRESENT_ENDINGS:
            if not body.endswith(e):
                continue
            stem = body[: len(body) - len(e)]
            for cand in (stem, stem[:-1] if stem.endswith("ی") else None):
                if cand and cand in self.present_to_past and (allow_present or e in ("ند", "یم", "ید")):
                    return self.present_to_past[cand]
        return None

    # -- any word ---------------------------------------------------------------------------------------
    def lemma(self, word: str) -> str:
        """The lemma of ``word``: a verb's infinitive, a noun's or adjective's uninflected form, or itself."""
        out = self._cache.get(word)
        if out is None:
            out = self._lemma(canonical(word))
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[word] = out
        return out

    def _lemma(self, w: str) -> str:
        lex = self.lex
        k = w.replace(ZWNJ, "")
        # A verbal prefix makes it a verb («می‌گوید»); otherwise a known noun wins over a verb reading
        # («گفته» is also "a saying", «کرد» a Kurd).
        if k.startswith(("می", "نمی")) or any(k.startswith(pv + "می") for pv in self.preverbs if pv):
            v = self.verb_lemma(w)
            if v is not None:
                return v
        # «گفتند», «گفته‌اند»: a verb unless hazm lists the word as a noun or adjective («کرد», «گفته»)
        if lex.hazm.get(w, 0) <= 1:
            v = self.verb_lemma(w)
            if v is not None:
                return v
        nominal = self._strip(w)
        if nominal is not None:
            return nominal
        return w

    def _known(self, w: str) -> bool:
        return self.lex.hazm.get(w, 0) > 1 or self.lex.counts.get(w, 0) >= 3

    def _lemma_form(self, k: str) -> str | None:
        """A known lemma spelt with the letters ``k`` (ZWNJ ignored): hazm's entry or the news spelling."""
        lex = self.lex
        best, best_score = None, (0, 0)
        for c in (k, *lex.by_key.get(k, ())):
            s = (lex.hazm.get(c, 0), lex.counts.get(c, 0))
            if s > best_score:
                best, best_score = c, s
        return best

    def _strip(self, w: str) -> str | None:
        """Take inflectional suffixes off ``w`` while what is left is a known word; None if none comes off."""
        k = w.replace(ZWNJ, "")
        lex = self.lex
        # a word hazm lists with a part of speech is a lemma already («ایران», «آبادان»), unless it is only
        # a plural spelt as one word
        if lex.hazm.get(w, 0) > 1 and not w.endswith(("ها", "های")):
            return None
        known = self._known(w)
        for suf in _NOMINAL:
            if len(k) - len(suf) < 2 or not k.endswith(suf):
                continue
            # a suffix written joined is also the end of many words: «ی» («ایرانی», «همکاری») comes off
            # only a word no list knows, «ان/م/ش/…» («خبرنگاران», «کشورمان») only a word hazm does not
            # list as a lemma («کرمان», «تهران»)
            if suf in _ADJECTIVAL and known:
                continue
            if suf in _AMBIGUOUS and lex.hazm.get(w, 0) > 1:
                continue
            stem = k[: -len(suf)]
            form = self._lemma_form(stem)
            if form is None or not self._known(form):
                continue
            deeper = self._strip(form)
            return deeper if deeper is not None else form
        return None


@lru_cache(maxsize=1)
def default_lemmatizer() -> Lemmatizer:
    """One shared instance for the convenience functions (stages should build their own from Resources)."""
    return Lemmatizer()


def lemma(word: str) -> str:
    return default_lemmatizer().lemma(word)


def verb_lemma(word: str) -> str | None:
    return default_lemmatizer().verb_lemma(word)
