"""Tokens: words (ZWNJ kept inside), numbers with their separators, URLs, e-mail, punctuation.

Layer ``tokens``: label ``word``, ``num``, ``url``, ``email``, ``latin`` or ``punct``. Other stages match
on these tokens; :func:`tokenize` gives the same spans for a free string.
"""

from __future__ import annotations

import re
from typing import Any

from rasad.document import Document, Span

# Arabic-script letters (and marks), without the Arabic block's digits and punctuation (، ؛ ؟ ٪ ٫ ٬ ۔).
LETTERS = "\u0621-\u063A\u0641-\u065F\u0670-\u06D3\u06D5-\u06ED\u06EE\u06EF\u06FA-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF"
# Alternatives are ordered by how often they match in Persian news (words, then numbers), so most positions
# succeed on the first try; the e-mail alternative (which scans a run before failing at a missing «@») is
# only reached at Latin letters and digits. Every token starts with a non-space character, and the leading
# look-ahead says so: at a space the scan moves on after one test instead of trying every alternative.
TOKEN_RE = re.compile(
    r"(?=\S)(?:"
    rf"(?P<word>[{LETTERS}]+(?:\u200c[{LETTERS}]+)*)"
    r"|(?P<url>(?:https?://|www\.)[^\s«»()\[\]،؛]+[^\s«»()\[\]،؛.!?؟:])"
    r"|(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
    r"|(?P<num>[0-9۰-۹٠-٩]+(?:[.,/:٫٬\-][0-9۰-۹٠-٩]+)*%?٪?)"
    r"|(?P<latin>[A-Za-z][A-Za-z0-9_'\-]*)"
    r"|(?P<punct>[^\s\w\u200c]|_)"
    r")"
)
_NONWORD = re.compile(r"[\u064B-\u065F\u0670]+")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` for every token of ``text[start:end]``."""
    out = [(*m.span(), m.lastgroup or "punct") for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end)]
    # A "word" of Arabic marks only (a stray harakat) is punctuation; marks are rare, so look only when present.
    if _NONWORD.search(text, start, len(text) if end is None else end):
        out = [(s, e, "punct" if k == "word" and _NONWORD.fullmatch(text, s, e) else k) for s, e, k in out]
    return out


def words(text: str) -> list[str]:
    return [text[s:e] for s, e, k in tokenize(text) if k in ("word", "num", "latin")]


class TokenStage:
    name = "tokens"

    def __init__(self, resources: Any = None) -> None:
        pass

    def __call__(self, doc: Document) -> None:
        text = doc.text
        if _NONWORD.search(text):
            spans = [Span(s, e, k, {}) for s, e, k in tokenize(text)]
        else:
            # the common case in one pass: a span straight from each match (every alternative is a named
            # group, so ``lastgroup`` is always set); ``{}`` given saves the dataclass its default factory
            spans = [Span(*m.span(), m.lastgroup, {}) for m in TOKEN_RE.finditer(text)]  # type: ignore[arg-type]
        doc.layer("tokens").extend(spans)
