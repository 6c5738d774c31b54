"""Persian words and clause patterns several event rules share: words, name keys, prepositions,
coordination, «در <place>», clause breaks and conditions."""

from __future__ import annotations

import re

_WORD = re.compile(r"[\w\u200c]+")
ZW = "\u200c"
PREPOSITIONS = frozenset("به با از علیه توسط میان بین در برای جهت نزد همراه ضد درباره بر".split())
# Coordination between two participants: «ایران و روسیه», «عراق، سوریه»
# (a bare space also joins them: apposition «وزیر خارجه روسیه لاوروف» is one party).
_COORD = re.compile(r"[\s،,]*(?:و\s*)?")
# («در شهرهای مختلف عراق», «در مناطق دیگر سوریه»: plural kinds with «مختلف/دیگر» name places of that country)
_IN_PLACE = re.compile(
    r"(?<![\w\u200c])در[\s\u200c]+(?:(?:شهر|استان|منطقه|کشور|پایتخت|نزدیکی|جنوب|شمال|شرق|غرب|مرکز|"
    r"(?:شهرهای|شهرها|استان‌های|استانهای|مناطق|نقاط)(?:[\s\u200c]+(?:مختلف|دیگر))?)[\s\u200c]+)?$"
)
_CONDITION = re.compile(
    r"(?<![\w\u200c])(?:اگر(?![\s\u200c]*چه)|چنانچه|درصورتی|در صورتی|در صورت|به شرط آنکه|به شرطی که|مشروط به)(?![\w\u200c])"
)
_CLAUSE_BREAK = re.compile(r"[،,.:؛;!?؟\n«»]|(?<![\w\u200c])(?:که|اما|ولی)(?![\w\u200c])")
# «استان زنجان» → «زنجان»: the gold names the place, not its kind
_PLACE_KIND = re.compile(r"^(?:استان|شهرستان|شهر|منطقه|روستای|روستا|جزیره)[\s\u200c]+(?=\S)")


def _key(s: str) -> str:
    """Match key: ZWNJ, spaces and hyphens removed (as the KB and the evaluation compare names)."""
    return re.sub(r"[\s\u200c\-]+", "", s)


def words_of(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of every word (letters, digits, inner ZWNJ) of ``text[start:end]``."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, len(text) if end is None else end)]
