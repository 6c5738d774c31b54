"""Character-level normalisation of Persian text, keeping the offset map exact.

Every change is an edit ``(start, end, replacement)`` applied through :meth:`Document.apply_edits`, so
any span of the normalised text maps back to the raw characters that produced it.

What it does (the *why* of each rule is in its comment):
- Arabic letter forms to Persian (ي ى → ی, ك → ک, ة → ه, ۀ → ه, presentation forms to base letters);
- removes tatweel, Arabic diacritics (harakat) and invisible controls (ZWJ, LRM/RLM, BOM), keeps ZWNJ;
- digits: Arabic-Indic and ASCII digits to Persian ones (``digits="fa"``), except in runs touching Latin
  letters (model numbers, URLs), or leaves them (``digits="keep"``);
- line ends to ``\\n``, runs of spaces to one, trailing spaces removed, 3+ newlines to a blank line;
- ZWNJ clean-up: repeated ZWNJ to one, ZWNJ next to a space or at a word's edge removed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from rasad.document import Document

ZWNJ = "\u200c"

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

# Letters a normalised Persian text should use instead of their Arabic (or other) look-alikes.
LETTER_MAP: dict[str, str] = {
    "ي": "ی",  # Arabic yeh
    "ى": "ی",  # alef maksura
    "ې": "ی",
    "ێ": "ی",
    "ك": "ک",  # Arabic kaf
    "ڪ": "ک",
    "ة": "ه",  # ta marbuta: Persian writes ه in these loanwords for matching purposes
    "ۀ": "ه",  # heh with yeh above (ezafe): the ezafe is not part of the word
    "ہ": "ه",
    "ە": "ه",
    "ھ": "ه",
    "ٱ": "ا",
}
# Arabic harakat, tanwin, superscript alef, small marks; tatweel. Hamza above (U+0654) is dropped too:
# «هٔ» is an ezafe marker, not part of the word.
DROP_CHARS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670\u0640\u06d6\u06d7\u06d8\u06d9\u06da\u06db\u06dc"
# Invisible formatting characters that only get in the way of matching; ZWNJ is kept.
INVISIBLE = "\u200b\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad"
SPACE_CHARS = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\x0b\x0c"


def _presentation_forms() -> dict[str, str]:
    """Arabic presentation forms (FB50–FDFF, FE70–FEFF) to base letters, then to Persian letters."""
    out: dict[str, str] = {}
    for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFEFF)):
        ch = chr(cp)
        if unicodedata.category(ch) == "Cn":
            continue
        base = unicodedata.normalize("NFKC", ch)
        if base == ch:
            continue
        base = "".join(LETTER_MAP.get(c, c) for c in base if c not in DROP_CHARS)
        base = base.replace(" ", "")
        if base:
            out[ch] = base
    return out


def build_char_map(digits: str = "fa") -> dict[str, str]:
    table: dict[str, str] = dict(_presentation_forms())
    table.update(LETTER_MAP)
    for ch in DROP_CHARS + INVISIBLE:
        table[ch] = ""
    for ch in SPACE_CHARS:
        table[ch] = " "
    if digits == "fa":
        for a, p in zip(ARABIC_DIGITS, PERSIAN_DIGITS, strict=True):
            table[a] = p
    elif digits == "latin":
        for a, p, lat in zip(ARABIC_DIGITS, PERSIAN_DIGITS, LATIN_DIGITS, strict=True):
            table[a] = lat
            table[p] = lat
    return table


_LATIN_TO_FA = str.maketrans(LATIN_DIGITS, PERSIAN_DIGITS)
# ASCII digit runs (with their separators) that stand apart from Latin letters, URLs and e-mail.
_ASCII_NUMBER = re.compile(r"(?<![A-Za-z0-9_/@.:\-])[0-9]+(?:[.,/:][0-9]+)*(?![A-Za-z0-9_@]|\.[A-Za-z])")
_URLISH = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")


def char_edits(text: str, table: dict[str, str], pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    """One edit per run of one-for-one substitutions, one per character that grows, shrinks or goes.

    ``apply_edits`` takes an equal-length replacement character by character, so a run may only be
    merged while every character maps to exactly one character.
    """
    edits: list[tuple[int, int, str]] = []
    for m in pattern.finditer(text):
        run_start = None
        buf: list[str] = []
        for i in range(m.start(), m.end()):
            rep = table.get(text[i], text[i])
            if len(rep) == 1:
                if run_start is None:
                    run_start = i
                buf.append(rep)
                continue
            if run_start is not None:
                edits.append((run_start, i, "".join(buf)))
                run_start, buf = None, []
            edits.append((i, i + 1, rep))
        if run_start is not None:
            edits.append((run_start, m.end(), "".join(buf)))
    return edits


_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\u0085")
# Each alternative starts with a literal space, so the scan is fast; a single space between words never matches.
# (Same matches as `` {2,}| (?=\n)|(?<=\n) ``, written to start with the space: the scan jumps between spaces.)
_SPACES = re.compile(r" (?: +|(?=\n)|(?<=\n ))")
_BLANK_RUNS = re.compile(r"\n\n\n+")
# ZWNJ that joins nothing: repeated, beside a space or newline, at either end of a word.
_ZWNJ_REPEAT = re.compile(r"\u200c{2,}")
_ZWNJ_CLEAN = re.compile(r"\u200c(?:(?<!\w\u200c)|(?!\w))")


class NormalizeStage:
    """Letters, digits, invisible characters and whitespace (the first stage of every pipeline)."""

    name = "normalize"

    def __init__(self, resources: Any = None, digits: str | None = None) -> None:
        opts = getattr(resources, "options", {}) or {}
        self.digits = digits or opts.get("digits", "fa")
        self.table = build_char_map(self.digits)
        self.one_to_one, self.other = split_table(self.table)
        # ``str.translate`` looks every character up in the table (slow for non-ASCII text); most text has
        # no character to change, or a few distinct ones many times (Arabic ي/ك): those are found in one scan
        # and replaced with ``str.replace``, the same result as long as no replacement is itself replaced.
        self.one_to_one_chars = re.compile("[" + re.escape("".join(sorted(chr(c) for c in self.one_to_one))) + "]")
        self.replace_ok = not any(ord(v) in self.one_to_one for v in self.one_to_one.values())

    def __call__(self, doc: Document) -> None:
        normalize_document(doc, self)
        if doc.title:
            doc.title = self.normalize_string(doc.title)

    def normalize_string(self, s: str) -> str:
        """The same rules on a free string (titles, queries, gold strings); no offsets kept."""
        tmp = Document(raw=s, id="_")
        normalize_document(tmp, self)
        return tmp.text.strip()


def normalize_document(doc: Document, stage: NormalizeStage) -> None:
    if "\r" in doc.text or "\u2028" in doc.text or "\u2029" in doc.text or "\u0085" in doc.text:
        doc.apply_edits([(m.start(), m.end(), "\n") for m in _NEWLINES.finditer(doc.text)])
    # One-for-one substitutions keep every offset: a plain translate, no edits (the common case).
    found = stage.one_to_one_chars.findall(doc.text)
    if found:
        if stage.replace_ok:
            text = doc.text
            for ch in set(found):
                text = text.replace(ch, stage.one_to_one[ord(ch)])
            doc.substitute(text)
        else:
            doc.substitute(doc.text.translate(stage.one_to_one))
    if stage.other is not None:
        doc.apply_edits(char_edits(doc.text, stage.table, stage.other))
    if stage.digits == "fa":
        doc.substitute(latin_digits_to_persian(doc.text))
    if "\u200c" in doc.text:
        doc.apply_edits([(m.start() + 1, m.end(), "") for m in _ZWNJ_REPEAT.finditer(doc.text)])
        doc.apply_edits([(m.start(), m.end(), "") for m in _ZWNJ_CLEAN.finditer(doc.text)])
    doc.apply_edits(whitespace_edits(doc.text))


def split_table(table: dict[str, str]) -> tuple[dict[int, str], re.Pattern[str] | None]:
    """The table's one-for-one part as a ``str.translate`` table, the rest as a pattern for edits."""
    one = {ord(k): v for k, v in table.items() if len(v) == 1}
    rest = "".join(sorted(k for k, v in table.items() if len(v) != 1))
    return one, (re.compile("[" + re.escape(rest) + "]+") if rest else None)


_DIGIT_OR_PROTECTED = re.compile(_URLISH.pattern + "|" + _ASCII_NUMBER.pattern)
# Without «@», «http» or «www.» in the text no URL or e-mail can match, and only numbers are left: the same
# result from a pattern that starts at a digit (the combined one tries its URL part at every character).
_ASCII_NUMBER_AT_DIGIT = re.compile(r"(?=[0-9])" + _ASCII_NUMBER.pattern)


def latin_digits_to_persian(text: str) -> str:
    """Latin digits to Persian, outside URLs, e-mail addresses and Latin-letter tokens (same length)."""
    if not any(c in text for c in LATIN_DIGITS):
        return text

    if "@" not in text and "http" not in text and "www." not in text:
        return _ASCII_NUMBER_AT_DIGIT.sub(_to_persian_digits, text)

    def sub(m: re.Match[str]) -> str:
        g = m.group()
        return g if (_URLISH.match(g) and not g.isdigit()) else g.translate(_LATIN_TO_FA)

    return _DIGIT_OR_PROTECTED.sub(sub, text)


def _to_persian_digits(m: re.Match[str]) -> str:
    return m.group().translate(_LATIN_TO_FA)


def whitespace_edits(text: str) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    for m in _SPACES.finditer(text):
        s, e = m.span()
        whole_line_edge = (
            s == 0 or e == len(text) or text[s - 1 : s] == "\n" or text[e : e + 1] == "\n"
        )
        edits.append((s, e, "" if whole_line_edge else " "))
    # (looked at only when the text starts or ends with white space: strip() copies the text)
    lead = len(text) - len(text.lstrip()) if text[:1].isspace() else 0
    trail = len(text) - len(text.rstrip()) if text[-1:].isspace() else 0
    if lead:
        edits.append((0, lead, ""))
    if trail and trail < len(text):
        edits.append((len(text) - trail, len(text), ""))
    edits += [(m.start(), m.end(), "\n\n") for m in _BLANK_RUNS.finditer(text)]
    return _merge_edits(edits)


def _merge_edits(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop edits that overlap an earlier one (the earlier wins)."""
    out: list[tuple[int, int, str]] = []
    last = -1
    for s, e, r in sorted(edits, key=lambda x: (x[0], -x[1])):
        if s < last:
            continue
        out.append((s, e, r))
        last = e
    return out


# -- spacing around punctuation, after ZWNJ repair --------------------------------------------------
# Patterns start with the punctuation or space itself (no leading look-behind): a scan stays linear and fast.
_SPACE_BEFORE_PUNCT = re.compile(r" +(?=[،؛:!؟.»)\]])")
_NO_SPACE_AFTER_PUNCT = re.compile(r"[،؛؟!](?=[^\s\d۰-۹،؛:!؟.»)\]\"'])")
_SPACE_AFTER_OPEN = re.compile(r"[«(\[]( +)")
# Latin «? ; ,» (the space before one is found by looking back: a pattern that starts with an optional
# space would be tried at every space)
_LATIN_MARKS = re.compile(r"[?;,]")
_PERSIAN_MARK = {"?": "؟", ";": "؛", ",": "،"}


def _is_persian_letter(ch: str) -> bool:
    # a letter, not a digit (۰–۹ are in the same block: «۱۲,۵۰۰» keeps its comma) nor a mark like «،»
    return "\u0600" <= ch <= "\u06ff" and ch.isalpha()


class SpacingStage:
    """Punctuation spacing and Persian punctuation marks («?» → «؟», «,» → «،» between Persian words)."""

    name = "spacing"

    def __init__(self, resources: Any = None) -> None:
        pass

    def __call__(self, doc: Document) -> None:
        t = doc.text
        marks = []
        for m in _LATIN_MARKS.finditer(t):
            s, e = m.span()
            if s > 0 and t[s - 1] == " ":
                s -= 1
            mark = t[e - 1]
            if s == 0 or not _is_persian_letter(t[s - 1]):
                continue
            # a comma only between Persian words (not in 12,500 or a Latin list)
            if mark == "," and not (e < len(t) and (_is_persian_letter(t[e]) or (t[e] == " " and _is_persian_letter(t[e + 1 : e + 2] or "a")))):
                continue
            marks.append((s, e, _PERSIAN_MARK[mark]))
        doc.apply_edits(marks)
        t = doc.text
        edits = [(m.start(), m.end(), "") for m in _SPACE_BEFORE_PUNCT.finditer(t) if m.start() > 0 and not t[m.start() - 1].isspace()]
        edits += [(m.start(1), m.end(1), "") for m in _SPACE_AFTER_OPEN.finditer(t)]
        edits += [(m.end(), m.end(), " ") for m in _NO_SPACE_AFTER_PUNCT.finditer(t)]
        doc.apply_edits(_merge_edits(edits))


_DEFAULT: NormalizeStage | None = None


def normalize_string(s: str) -> str:
    """Normalise a free string with the default settings (module-level cache of the tables only)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = NormalizeStage()
    return _DEFAULT.normalize_string(s)
