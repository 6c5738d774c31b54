"""Time expressions: find Jalali, Gregorian and Hijri dates, weekdays and relative expressions, and
resolve them to ISO values against the article's publication date.

Layer ``dates`` (docs/MODEL.md): the expression's span; label ``absolute`` (a calendar date or month or
year that needs no anchor), ``relative`` («دیروز», «هفته گذشته», «سه روز پیش», «دی گذشته», a date
without a year), ``weekday`` or ``range``; attrs ``value`` (ISO: day ``YYYY-MM-DD``, noon
``YYYY-MM-DDT12:00``, week ``YYYY-Www``, month ``YYYY-MM``, year ``YYYY``, interval ``a/b``; or null),
``resolved``, ``calendar`` and ``reason`` when unresolved. The conventions are those of
``tests/gold/README.md`` ("Events and dates"); the lexicon is ``data/dates.json``.

Without a publication date every expression that needs an anchor stays unresolved (``reason`` says so)
rather than being guessed from the crawl date or world knowledge.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jdatetime

from rasad.document import Document

DATA = Path(__file__).parent / "data" / "dates.json"

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
DIG = "[0-9۰-۹٠-٩]"
# Between words of one expression: spaces or a ZWNJ; scraped text also glues «23جولای», «آبانماه».
SEP = r"[\s\u200c]*"
B = r"(?<![\w\u200c])"
# A number glued to the next word («سال 2012اشاره») still ends the expression.
E = r"(?:(?![\w\u200c])|(?<=[0-9۰-۹٠-٩])(?![0-9۰-۹٠-٩/]))"


def _flex(form: str) -> str:
    """A lexicon form as a regex where its inner spaces and ZWNJs may be a space, a ZWNJ or nothing."""
    parts = re.split(r"[\s\u200c]+", form)
    return r"[\s\u200c]?".join(re.escape(p) for p in parts)


def _alt(forms: list[str]) -> str:
    return "(?:" + "|".join(_flex(f) for f in sorted(set(forms), key=len, reverse=True)) + ")"


def _key(s: str) -> str:
    return re.sub(r"[\s\u200c]+", "", s)


def to_int(s: str) -> int:
    return int(s.translate(_DIGITS))


# -- calendars ------------------------------------------------------------------------------------------
def jalali_to_gregorian(y: int, m: int, d: int) -> dt.date:
    return jdatetime.date(y, m, d).togregorian()


def gregorian_to_jalali(d: dt.date) -> tuple[int, int, int]:
    j = jdatetime.date.fromgregorian(date=d)
    return j.year, j.month, j.day


_HIJRI_EPOCH = 1948440  # Julian day number of 1 Muharram 1 AH (civil epoch)


def _hijri_jdn(y: int, m: int, d: int) -> int:
    return d + math.ceil(29.5 * (m - 1)) + (y - 1) * 354 + (3 + 11 * y) // 30 + _HIJRI_EPOCH - 1


def hijri_to_gregorian(y: int, m: int, d: int) -> dt.date:
    """The arithmetic (tabular) Islamic calendar: observed dates may differ by a day or two."""
    return dt.date.fromordinal(_hijri_jdn(y, m, d) - 1721425)


def gregorian_to_hijri(g: dt.date) -> tuple[int, int, int]:
    jdn = g.toordinal() + 1721425
    y = (30 * (jdn - _HIJRI_EPOCH) + 10646) // 10631
    while jdn < _hijri_jdn(y, 1, 1):
        y -= 1
    while jdn >= _hijri_jdn(y + 1, 1, 1):
        y += 1
    m = 12
    while m > 1 and jdn < _hijri_jdn(y, m, 1):
        m -= 1
    return y, m, jdn - _hijri_jdn(y, m, 1) + 1


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def parse_published(value: str | None) -> dt.date | None:
    if not value:
        return None
    s = str(value).strip().translate(_DIGITS)
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    try:
        if 1300 <= y < 1500:  # a Jalali publication date (Iranian sites print them)
            return jalali_to_gregorian(y, mo, d)
        return dt.date(y, mo, d)
    except ValueError:
        return None


# -- lexicon --------------------------------------------------------------------------------------------
@dataclass
class Lexicon:
    raw: dict[str, Any]
    months: dict[str, dict[str, tuple[int, bool]]]  # calendar -> key(form) -> (month, strict)
    weekdays: dict[str, int]
    ordinals: dict[str, int]
    cardinals: dict[str, int]
    relative_days: dict[str, int]
    day_parts: dict[str, str]
    patterns: list[tuple[str, re.Pattern[str]]]
    # Keyword prefilter: one scan finds the words every expression of a family must contain (a month
    # name, a weekday, «سال/ماه/هفته/روز», «دیروز»…); the family's patterns then run only around them.
    anchors: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> anchor groups
    family: dict[str, tuple[str, ...]] = field(default_factory=dict)  # pattern name -> its anchor groups


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    raw = json.loads(Path(path or DATA).read_text(encoding="utf-8"))
    months: dict[str, dict[str, tuple[int, bool]]] = {}
    month_res: dict[str, str] = {}
    for cal, key in (("jalali", "jalali_months"), ("gregorian", "gregorian_months"), ("hijri", "hijri_months")):
        table: dict[str, tuple[int, bool]] = {}
        forms: list[str] = []
        for entry in raw[key]:
            for f in entry["forms"]:
                table[_key(f)] = (int(entry["n"]), bool(entry.get("strict")))
                forms.append(f)
        months[cal] = table
        month_res[cal] = _alt(forms)
    weekdays = {_key(f): int(e["iso"]) for e in raw["weekdays"] for f in e["forms"]}
    ordinals = {_key(k): int(v) for k, v in raw["ordinals"].items()}
    cardinals = {_key(k): int(v) for k, v in raw["cardinals"].items()}
    rel_days = {_key(k): int(v) for k, v in raw["relative_days"].items()}
    parts = {_key(k): v for k, v in raw["day_parts"].items()}

    wd = _alt([f for e in raw["weekdays"] for f in e["forms"]])
    ords = _alt(list(raw["ordinals"]))
    cards = _alt(list(raw["cardinals"]))
    reld = _alt(list(raw["relative_days"]))
    part = _alt(list(raw["day_parts"]))
    qual = _alt(raw["period_qualifiers"])
    cal = r"(?:\s*\(?(?P<cal>هجری[\s\u200c]?قمری|هجری[\s\u200c]?شمسی|میلادی|شمسی|خورشیدی|قمری|ه\.ق|ه\.ش)\)?)?"
    yrel = r"(?P<yrel>سال\s*(?:جاری|گذشته|آینده|قبل|بعد|پیش|کنونی)|امسال|پارسال|گذشته|آینده|جاری)"
    day = rf"(?P<day>{DIG}{{1,2}}|{ords})"
    pats: list[tuple[str, str]] = []
    for c, mon in month_res.items():
        year = rf"(?P<year>{DIG}{{4}}|{DIG}{{2}})" if c == "jalali" else rf"(?P<year>{DIG}{{4}})"
        if c == "hijri":
            year = rf"(?P<year>{DIG}{{4}})"
        pats.append(
            (
                f"full_{c}",
                rf"{B}(?:(?P<rel>{reld}){SEP})?(?:(?P<part>{part}){SEP})?(?:روز{SEP})?(?:(?P<wd>{wd}){SEP}\(?{SEP})?"
                rf"{day}{SEP}(?:ماه{SEP})?(?P<mon>{mon})(?:{SEP}ماه)?"
                rf"(?:{SEP}(?:سال{SEP})?{year}|\s*{yrel})?{cal}\)?{E}",
            )
        )
        pats.append(
            (
                f"range_{c}",
                rf"{B}(?P<d1>{DIG}{{1,2}})\s*(?:تا|الی|-)\s*(?P<d2>{DIG}{{1,2}}){SEP}(?:ماه{SEP})?(?P<mon>{mon})"
                rf"(?:{SEP}ماه)?(?:{SEP}(?:سال{SEP})?{year}|\s*{yrel})?{cal}{E}",
            )
        )
        pats.append(
            (
                f"month_{c}",
                rf"{B}(?:(?P<qual>{qual}){SEP})?(?P<pre>ماه{SEP})?(?P<mon>{mon})(?P<post>{SEP}ماه)?"
                rf"(?:{SEP}(?:سال{SEP})?{year}|\s*{yrel})?{cal}{E}",
            )
        )
    pats += [
        ("numeric", rf"{B}(?P<a>{DIG}{{4}})/(?P<b>{DIG}{{1,2}})/(?P<c>{DIG}{{1,2}}){E}"),
        ("numeric_dmy", rf"{B}(?P<c>{DIG}{{1,2}})/(?P<b>{DIG}{{1,2}})/(?P<a>{DIG}{{4}}){E}"),
        ("year", rf"{B}سال{SEP}(?P<year>{DIG}{{4}}|{DIG}{{2}}){cal}{E}"),
        ("year_marked", rf"{B}(?P<year>{DIG}{{4}})\s*\(?(?P<cal>میلادی|شمسی|هجری[\s\u200c]?قمری|هجری[\s\u200c]?شمسی|خورشیدی)\)?{E}"),
        ("year_rel", rf"{B}(?:سال{SEP}(?P<rel>جاری|گذشته|آینده|قبل|بعد|کنونی)|(?P<w>امسال|پارسال)){cal}{E}"),
        ("unit_rel", rf"{B}(?P<this>این{SEP})?(?P<unit>هفته|ماه){SEP}(?P<rel>گذشته|آینده|جاری|قبل|بعد|آتی)?{E}"),
        ("amount", rf"{B}(?P<n>{DIG}{{1,3}}|{cards}){SEP}(?P<unit>روز|هفته|ماه|سال){SEP}(?P<rel>پیش|قبل|دیگر){E}"),
        (
            "relday",
            rf"{B}(?:(?P<part>{part}){SEP}(?:روز{SEP})?)?(?P<rel>{reld})(?:\s*\(?\s*(?P<wd>{wd})\s*\)?)?{E}",
        ),
        (
            "weekday",
            rf"{B}(?:(?P<part>{part}){SEP})?(?:روز{SEP})?(?P<wd>{wd})"
            rf"(?:{SEP}(?P<rel>هفته{SEP}گذشته|هفته{SEP}آینده|این{SEP}هفته|گذشته|آینده))?(?:{SEP}(?P<part2>شب|صبح|عصر|ظهر))?{E}",
        ),
    ]
    hol = [f for e in raw["hijri_holidays"] for f in e["forms"]]
    pats.append(
        (
            "holiday",
            rf"{B}(?P<hol>{_alt(hol)})(?:{SEP}(?:سال{SEP})?(?P<year>{DIG}{{4}})|{SEP}(?P<yrel>سال{SEP}(?:قبل|گذشته|جاری|آینده)|امسال|پارسال))?{E}",
        )
    )
    named = [f for e in raw["named_dates"] for f in e["forms"]]
    pats.append(("named", rf"{B}(?P<named>{_alt(named)}){E}"))
    compiled = [(name, re.compile(p)) for name, p in pats]
    anchors, family = _anchors(raw, hol, named)
    return Lexicon(raw, months, weekdays, ordinals, cardinals, rel_days, parts, compiled, anchors, family)


# Words too common to stand for a multi-word form on their own («روز گذشته» is anchored by «روز» anyway).
_GENERIC = frozenset("روز شب ماه سال گذشته آینده قبل پیش بعد".split())
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_WORD_ZW = re.compile(r"[^\W\d_]+(?:\u200c[^\W\d_]+)*|\d+")
_NUM = re.compile(r"\d/\d")


def _anchors(
    raw: dict[str, Any], hol: list[str], named: list[str]
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """word -> anchor groups it opens, and pattern name -> the anchor groups its matches contain."""
    groups: dict[str, list[str]] = {}
    for cal in ("jalali", "gregorian", "hijri"):
        groups[f"m_{cal}"] = [f for e in raw[f"{cal}_months"] for f in e["forms"]]
    groups["wd"] = [f for e in raw["weekdays"] for f in e["forms"]]
    groups["reld"] = list(raw["relative_days"])
    groups["unit"] = ["سال", "ماه", "هفته", "روز", "امسال", "پارسال"]
    groups["calw"] = ["میلادی", "شمسی", "قمری", "خورشیدی"]
    groups["hol"] = hol
    groups["named"] = named
    words: dict[str, set[str]] = {}
    for g, forms in groups.items():
        for f in forms:
            parts = [w for w in _TOKEN.findall(f) if not w.isdigit()]
            if not parts:
                continue
            specific = [w for w in parts if w not in _GENERIC]
            word = max(specific, key=len) if specific else parts[0]
            words.setdefault(word, set()).add(g)
            if g.startswith("m_") and len(parts) == 1:
                words.setdefault(word + "ماه", set()).add(g)  # glued «آبانماه»
    # Every form of a family is found by one of its words; a word two families share opens both.
    family: dict[str, tuple[str, ...]] = {
        "numeric": ("num",),
        "numeric_dmy": ("num",),
        "year": ("unit",),
        "year_marked": ("calw",),
        "year_rel": ("unit",),
        "unit_rel": ("unit",),
        "amount": ("unit", "reld"),
        "relday": ("reld",),
        "weekday": ("wd",),
        "holiday": ("hol",),
        "named": ("named",),
    }
    for cal in ("jalali", "gregorian", "hijri"):
        for kind in ("full", "range", "month"):
            family[f"{kind}_{cal}"] = (f"m_{cal}", "named")
    return {w: tuple(sorted(g)) for w, g in words.items()}, family


_REACH = 90  # characters an expression may extend before or after one of its anchors


# -- resolution -----------------------------------------------------------------------------------------
@dataclass
class TimeExpr:
    start: int
    end: int
    label: str
    value: str | None
    calendar: str | None
    reason: str | None = None

    @property
    def resolved(self) -> bool:
        return self.value is not None


class _Unresolved(Exception):
    """Raised inside a resolver when the expression needs an anchor that the article lacks."""


def _need(anchor: dt.date | None) -> dt.date:
    if anchor is None:
        raise _Unresolved("no publication date to resolve against")
    return anchor


_PRESENT = re.compile(r"^ن?می\u200c\S+$")
_PAST = frozenset(
    "شد شدند کرد کردند داد دادند گفت گفتند بود بودند است اند شده کرده داده رسید رسیدند رساند رساندند "
    "داشت داشتند گرفت گرفتند زد زدند کشت کشتند آمد آمدند رفت رفتند خواند نوشت افزود".split()
)


def is_future(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the verb that follows a time expression speaks of the future: «خواهد»/«قرار است», or a
    present tense («… امضا می‌کند»), which in news reports a scheduled act; the first verb-like word
    after the expression decides (a perfect «دستگیر شده است» is past)."""
    stop = len(text)
    for ch in ".؟?!\n:":
        k = text.find(ch, end)
        if k != -1:
            stop = min(stop, k)
    clause = text[end:stop]
    if "قرار است" in clause or "قرار شده" in clause:
        return True
    for w in re.split(r"[\s،,»«()]+", clause):
        if w in _FUTURE_WORDS:
            return True
        if _PRESENT.match(w):
            return True
        if w in _PAST or w.endswith(("\u200cاند", "\u200cاست")):
            return False
    return False


_DEADLINE = re.compile(r"(?:^|\s)تا\s+$")
_FUTURE_WORDS = frozenset("خواهد خواهند خواهیم خواهم خواهی".split())


def _nearest_year(
    candidates: list[tuple[int, dt.date]], anchor: dt.date, future: bool | None
) -> tuple[int, dt.date]:
    """``future`` True: the first date from the anchor on; None (a deadline, «تا پایان ماه ژوئن»): the
    nearest either way; False: the nearest, a later date counting double (below)."""
    if future is None:
        return min(candidates, key=lambda c: abs((c[1] - anchor).days))
    if future:
        ahead = [c for c in candidates if c[1] >= anchor]
        if ahead:
            return min(ahead, key=lambda c: c[1])
        return min(candidates, key=lambda c: abs((c[1] - anchor).days))
    # Without a verb of the future, a date after publication must be twice as near as one before it: news
    # reports the past far more often than it schedules, and a bare «ماه ژوئن» five months ahead of a
    # January article that says «… در ماه ژوئن بوده است» is last June (postponements a month or two ahead,
    # «به ماه نوامبر موکول کرد», stay ahead).
    return min(candidates, key=lambda c: (anchor - c[1]).days if c[1] <= anchor else 2 * (c[1] - anchor).days)


class Resolver:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def day_of(self, s: str) -> int:
        k = _key(s)
        if k in self.lex.ordinals:
            return self.lex.ordinals[k]
        return to_int(s)

    def calendar_of(self, kind: str, cal_word: str | None) -> str:
        if cal_word:
            w = _key(cal_word)
            if "قمری" in w or w == "ه.ق":
                return "hijri"
            if w in ("میلادی",):
                return "gregorian"
            return "jalali"
        return kind

    def to_date(self, cal: str, y: int, m: int, d: int) -> dt.date:
        if cal == "jalali":
            return jalali_to_gregorian(y, m, d)
        if cal == "hijri":
            return hijri_to_gregorian(y, m, d)
        return dt.date(y, m, d)

    def year_of(self, cal: str, year: str | None, yrel: str | None, anchor: dt.date | None) -> int | None:
        """The year in the calendar ``cal`` an explicit or relative year names (None: not given)."""
        if year:
            y = to_int(year)
            if len(year) == 2:
                y += 1300 if cal == "jalali" else 2000
            return y
        if yrel:
            a = _need(anchor)
            base = {"jalali": gregorian_to_jalali(a)[0], "hijri": gregorian_to_hijri(a)[0]}.get(cal, a.year)
            w = _key(yrel)
            if any(x in w for x in ("گذشته", "قبل", "پیش", "پارسال")):
                return base - 1
            if any(x in w for x in ("آینده", "بعد")):
                return base + 1
            return base
        return None

    def year_value(self, cal: str, y: int) -> str:
        # tests/gold/README.md: a Jalali year N is the Gregorian year in which it begins (N + 621).
        if cal == "jalali":
            return f"{y + 621}"
        if cal == "hijri":
            return f"{hijri_to_gregorian(y, 1, 1).year}"
        return f"{y:04d}"

    def month_value(self, cal: str, y: int, m: int) -> str:
        if cal == "gregorian":
            return f"{y:04d}-{m:02d}"
        g = self.to_date(cal, y, m, 15)  # a Jalali/Hijri month is the Gregorian month of its 15th day
        return f"{g.year:04d}-{g.month:02d}"

    def pick_year(
        self, cal: str, m: int, d: int, anchor: dt.date, future: bool | None, past_only: bool
    ) -> int:
        base = {"jalali": gregorian_to_jalali(anchor)[0], "hijri": gregorian_to_hijri(anchor)[0]}.get(
            cal, anchor.year
        )
        cands = []
        for y in (base - 1, base, base + 1):
            try:
                cands.append((y, self.to_date(cal, y, m, d)))
            except ValueError:
                continue
        if past_only:
            before = [c for c in cands if c[1] < anchor]
            if before:
                return max(before, key=lambda c: c[1])[0]
        return _nearest_year(cands, anchor, future)[0]


def _weekday_date(anchor: dt.date, iso: int, future: bool | None, rel: str | None) -> dt.date:
    r = _key(rel or "")
    if "آینده" in r:
        delta = (iso - anchor.isoweekday()) % 7 or 7
        return anchor + dt.timedelta(days=delta)
    if "گذشته" in r:
        delta = (anchor.isoweekday() - iso) % 7 or 7
        return anchor - dt.timedelta(days=delta)
    if "اینهفته" in r or future:
        delta = (iso - anchor.isoweekday()) % 7
        if future:
            return anchor + dt.timedelta(days=delta or 7) if delta else anchor
        return anchor + dt.timedelta(days=delta)
    return anchor - dt.timedelta(days=(anchor.isoweekday() - iso) % 7)


class DateExtractor:
    """Finds and resolves the time expressions of a text; shared by the stage and by tests."""

    def __init__(self, lexicon_path: str | None = None) -> None:
        self.lex = load_lexicon(lexicon_path)
        self.res = Resolver(self.lex)
        self._blockers = tuple(self.lex.raw["weekday_blockers"])

    def windows(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """``(start, end)`` ranges around the anchors of each anchor group, in text order."""
        spans: dict[str, list[tuple[int, int]]] = {}
        n = len(text)
        anchors = self.lex.anchors
        # a dictionary lookup per word: far cheaper than one regex alternation of every form
        for m in _WORD_ZW.finditer(text):
            w = m.group()
            gs = anchors.get(w)
            if not gs and "\u200c" in w:
                # «سه‌شنبه» is found by «شنبه»; but «می» of «می‌خواهد» is a verb prefix, not the month
                gs = tuple(g for part in w.split("\u200c") if len(part) > 2 for g in anchors.get(part, ()))
            if gs:
                r = (max(0, m.start() - _REACH), min(n, m.end() + _REACH))
                for g in gs:
                    spans.setdefault(g, []).append(r)
        if "/" in text:
            spans["num"] = [(max(0, m.start() - _REACH), min(n, m.end() + _REACH)) for m in _NUM.finditer(text)]
        return spans

    @staticmethod
    def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for ws, we in sorted(ranges):
            if out and ws <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], we))
            else:
                out.append((ws, we))
        return out

    def candidates(self, text: str) -> list[tuple[int, int, str, re.Match[str]]]:
        out = []
        wins = self.windows(text)
        fam_wins: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        seen: set[tuple[int, int, str]] = set()
        for name, pat in self.lex.patterns:
            groups = self.lex.family.get(name)
            if groups is None:
                ranges = [(0, len(text))]  # a pattern without anchors runs over the whole text
            else:
                if groups not in fam_wins:
                    fam_wins[groups] = self._merged([r for g in groups for r in wins.get(g, ())])
                ranges = fam_wins[groups]
            for ws, we in ranges:
                # a window's start can cut a match in two; lookbehinds still see the text before it
                for m in pat.finditer(text, ws, we):
                    if m.end() > m.start() and (m.start(), m.end(), name) not in seen:
                        seen.add((m.start(), m.end(), name))
                        out.append((m.start(), m.end(), name, m))
        # Longest first, then earliest: «ظهر دیروز» beats «دیروز», «۳۰ آذر ۱۳۹۵» beats «آذر ۱۳۹۵».
        out.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2] != "named"))
        taken: list[tuple[int, int]] = []
        chosen = []
        for s, e, name, m in out:
            if any(s < te and ts < e for ts, te in taken):
                continue
            if not self.acceptable(text, name, m):
                continue
            taken.append((s, e))
            chosen.append((s, e, name, m))
        chosen.sort(key=lambda c: c[0])
        return chosen

    def acceptable(self, text: str, name: str, m: re.Match[str]) -> bool:
        g = m.groupdict()
        if name.startswith("month_"):
            cal = name.split("_", 1)[1]
            _, strict = self.lex.months[cal][_key(g["mon"])]
            context = bool(g.get("year") or g.get("yrel") or g.get("pre") or g.get("post") or g.get("qual"))
            if g.get("yrel") and _key(g["yrel"]) in ("گذشته", "آینده", "جاری") and strict and not (
                g.get("pre") or g.get("post")
            ):
                # «بهمن گذشته», «دی گذشته» are dates, but «مهر» / «تیر» + گذشته rarely are anything else
                context = True
            if strict and not context:
                return False
            if cal == "hijri" and not context:
                return False
            if not context and cal == "jalali":
                # a bare Jalali month name: only as a gloss «(اردیبهشت)» or after «در»
                before = text[max(0, m.start() - 4) : m.start()]
                return "(" in before or before.rstrip().endswith("در")
            return True
        if name.startswith("full_") and name != "full_gregorian":
            # «۲ مه» needs no check; a strict Jalali month after a bare number is a date only with «ماه»,
            # a year or a weekday, not «۳ تیر» (three arrows) — unless the number is an ordinal word.
            return True
        if name == "full_gregorian":
            cal_mon = _key(g["mon"])
            _, strict = self.lex.months["gregorian"][cal_mon]
            # «می» / «مه» after a number are dates only when «ماه» or a year is present or the day is
            # an ordinal word («دوم ماه می»): «۵ می» is too often the verb prefix.
            if strict and not (g.get("year") or "ماه" in m.group()):
                return False
            return True
        if name == "weekday":
            before = text[max(0, m.start() - 12) : m.start()].split()
            if before and before[-1] in self._blockers:
                return False
            return True
        if name == "year":
            y = g["year"]
            if len(y) == 4 and not (1300 <= to_int(y) <= 1500 or 1800 <= to_int(y) <= 2100):
                return False
            return True
        if name == "unit_rel":
            return bool(g.get("this") or g.get("rel"))
        return True

    def extract(self, text: str, published: str | None) -> list[TimeExpr]:
        anchor = parse_published(published)
        out = []
        for s, e, name, m in self.candidates(text):
            fut: bool | None = is_future(text, s, e, self.lex)
            if not fut and _DEADLINE.search(text, max(0, s - 4), s):
                fut = None  # «تا پایان ماه ژوئن …»: a deadline may lie ahead though its verb is not future
            try:
                label, value, cal = self.resolve(name, m, anchor, fut)
                out.append(TimeExpr(s, e, label, value, cal))
            except _Unresolved as exc:
                out.append(TimeExpr(s, e, _LABELS.get(name.split("_")[0], "relative"), None, _cal(name), str(exc)))
            except (ValueError, KeyError, OverflowError) as exc:
                out.append(TimeExpr(s, e, "invalid", None, _cal(name), f"not a valid date: {exc}"))
        return out

    def resolve(
        self, name: str, m: re.Match[str], anchor: dt.date | None, future: bool | None
    ) -> tuple[str, str, str | None]:
        g = m.groupdict()
        r = self.res
        kind = name.split("_", 1)[1] if "_" in name and name.split("_")[0] in ("full", "range", "month") else ""
        if name.startswith("full_"):
            cal = r.calendar_of(kind, g.get("cal"))
            mon, _ = self.lex.months[kind][_key(g["mon"])]
            d = r.day_of(g["day"])
            yrel = g.get("yrel")
            bare = _key(yrel) if yrel and _key(yrel) in ("گذشته", "آینده", "جاری") else None
            y = r.year_of(cal, g.get("year"), None if bare else yrel, anchor)
            label = "absolute" if g.get("year") else "relative"
            if bare in ("گذشته", "آینده"):
                # «۲۳ جولای گذشته»: the latest such day before publication (or the next one after it)
                a = _need(anchor)
                y = r.pick_year(cal, mon, d, a, bare == "آینده", past_only=bare == "گذشته")
            elif y is None:
                a = _need(anchor)
                y = r.pick_year(cal, mon, d, a, future, past_only=False)
                label = "relative"
            date = r.to_date(cal, y, mon, d)
            suffix = ""
            if g.get("part") and self.lex.day_parts.get(_key(g["part"])):
                suffix = self.lex.day_parts[_key(g["part"])]
            return label, date.isoformat() + suffix, cal
        if name.startswith("range_"):
            cal = r.calendar_of(kind, g.get("cal"))
            mon, _ = self.lex.months[kind][_key(g["mon"])]
            d1, d2 = to_int(g["d1"]), to_int(g["d2"])
            y = r.year_of(cal, g.get("year"), g.get("yrel"), anchor)
            if y is None:
                y = r.pick_year(cal, mon, d1, _need(anchor), future, past_only=False)
            return "range", f"{r.to_date(cal, y, mon, d1).isoformat()}/{r.to_date(cal, y, mon, d2).isoformat()}", cal
        if name.startswith("month_"):
            cal = r.calendar_of(kind, g.get("cal"))
            mon, _ = self.lex.months[kind][_key(g["mon"])]
            yrel = g.get("yrel")
            if yrel and _key(yrel) in ("گذشته", "قبل", "پیش"):
                # «دی گذشته», «دسامبر گذشته»: the latest such month before the publication month
                a = _need(anchor)
                y = r.pick_year(cal, mon, 1, a, False, past_only=True)
                if cal == "gregorian" and (y, mon) >= (a.year, a.month):
                    y -= 1
                return "relative", r.month_value(cal, y, mon), cal
            if yrel and _key(yrel) == "آینده":
                a = _need(anchor)
                y = r.pick_year(cal, mon, 28, a, True, past_only=False)
                return "relative", r.month_value(cal, y, mon), cal
            if yrel and _key(yrel) == "جاری":
                yrel = "سال جاری"
            y = r.year_of(cal, g.get("year"), yrel, anchor)
            if y is None:
                a = _need(anchor)
                y = r.pick_year(cal, mon, 15, a, future, past_only=False)
                return "relative", r.month_value(cal, y, mon), cal
            return ("absolute" if g.get("year") else "relative"), r.month_value(cal, y, mon), cal
        if name in ("numeric", "numeric_dmy"):
            y, mo, d = to_int(g["a"]), to_int(g["b"]), to_int(g["c"])
            cal = "jalali" if 1300 <= y < 1500 else "hijri" if 1400 <= y < 1500 else "gregorian"
            return "absolute", r.to_date(cal, y, mo, d).isoformat(), cal
        if name in ("year", "year_marked"):
            y_s = g["year"]
            y = to_int(y_s)
            if len(y_s) == 2:
                return "absolute", r.year_value("jalali", 1300 + y), "jalali"
            cal = r.calendar_of("jalali" if 1300 <= y < 1500 else "gregorian", g.get("cal"))
            if cal == "hijri" and not 1300 <= y < 1500:
                cal = "gregorian"
            return "absolute", r.year_value(cal, y), cal
        if name == "year_rel":
            a = _need(anchor)
            cal = "gregorian" if g.get("cal") and "میلادی" in g["cal"] else "jalali"
            rel = _key(g.get("rel") or g.get("w") or "")
            y = r.year_of(cal, None, "پارسال" if rel in ("گذشته", "قبل", "پارسال") else rel, a)
            assert y is not None
            return "relative", r.year_value(cal, y), cal
        if name == "unit_rel":
            a = _need(anchor)
            rel = _key(g.get("rel") or "")
            k = -1 if rel in ("گذشته", "قبل") else 1 if rel in ("آینده", "بعد", "آتی") else 0
            if g["unit"] == "هفته":
                return "relative", iso_week(a + dt.timedelta(days=7 * k)), "gregorian"
            y, mo = add_months(a.year, a.month, k)
            return "relative", f"{y:04d}-{mo:02d}", "gregorian"
        if name == "amount":
            a = _need(anchor)
            n_s = g["n"]
            n = self.lex.cardinals.get(_key(n_s)) or to_int(n_s)
            sign = 1 if _key(g["rel"]) == "دیگر" else -1
            unit = g["unit"]
            if unit == "روز":
                return "relative", (a + dt.timedelta(days=sign * n)).isoformat(), "gregorian"
            if unit == "هفته":
                return "relative", (a + dt.timedelta(days=sign * 7 * n)).isoformat(), "gregorian"
            if unit == "ماه":
                y, mo = add_months(a.year, a.month, sign * n)
                return "relative", f"{y:04d}-{mo:02d}", "gregorian"
            return "relative", f"{a.year + sign * n:04d}", "gregorian"
        if name == "relday":
            a = _need(anchor)
            off = self.lex.relative_days[_key(g["rel"])]
            date = a + dt.timedelta(days=off)
            suffix = self.lex.day_parts.get(_key(g["part"]), "") if g.get("part") else ""
            return "relative", date.isoformat() + suffix, "gregorian"
        if name == "weekday":
            a = _need(anchor)
            iso = self.lex.weekdays[_key(g["wd"])]
            date = _weekday_date(a, iso, future, g.get("rel"))
            part = g.get("part") or g.get("part2")
            suffix = self.lex.day_parts.get(_key(part), "") if part else ""
            return "weekday", date.isoformat() + suffix, "gregorian"
        if name == "holiday":
            entry = next(
                e for e in self.lex.raw["hijri_holidays"] if _key(g["hol"]) in {_key(f) for f in e["forms"]}
            )
            if g.get("year"):
                hy = to_int(g["year"])
            else:
                a = _need(anchor)
                hy = gregorian_to_hijri(a)[0]
                rel = _key(g.get("yrel") or "")
                if any(x in rel for x in ("قبل", "گذشته", "پارسال")):
                    hy -= 1
                elif "آینده" in rel:
                    hy += 1
                elif not rel:
                    hy = r.pick_year("hijri", entry["month"], entry["day"], a, future, past_only=False)
            return "relative", hijri_to_gregorian(hy, entry["month"], entry["day"]).isoformat(), "hijri"
        if name == "named":
            entry = next(
                e for e in self.lex.raw["named_dates"] if _key(g["named"]) in {_key(f) for f in e["forms"]}
            )
            a = _need(anchor) if entry.get("after") else anchor
            if a is not None and a.isoformat() < entry.get("after", ""):
                raise _Unresolved("named date before its event")
            return "absolute", entry["value"], "gregorian"
        raise ValueError(f"no resolver for {name}")


_LABELS = {"full": "relative", "range": "range", "month": "relative", "weekday": "weekday", "relday": "relative"}


def _cal(name: str) -> str | None:
    for c in ("jalali", "gregorian", "hijri"):
        if c in name:
            return c
    return "hijri" if name == "holiday" else "gregorian"


class DateStage:
    """Writes layer ``dates`` from ``doc.text`` and ``doc.published``."""

    name = "dates"

    def __init__(self, resources: Any = None) -> None:
        path = None
        if resources is not None and getattr(resources, "options", None):
            path = resources.options.get("dates_lexicon")
        self.extractor = DateExtractor(path)

    def __call__(self, doc: Document) -> None:
        published = doc.published or doc.meta.get("published") or doc.meta.get("date")
        layer = doc.layer("dates")
        for t in self.extractor.extract(doc.text, published if isinstance(published, str) else None):
            attrs: dict[str, Any] = {"value": t.value, "resolved": t.resolved, "calendar": t.calendar}
            if t.reason:
                attrs["reason"] = t.reason
            doc.add("dates", t.start, t.end, t.label, **attrs)
        layer.sort(key=lambda s: s.start)
