"""Sentence splitting that respects «» quotations, numbers and abbreviations.

Layer ``sentences``: label ``sentence``, attribute ``paragraph`` (index into layer ``paragraphs``).
A sentence ends at . ! ? ؟ … (or a run of them) followed by white space, unless the mark is inside an open
«…» quotation that closes later in the same paragraph, ends an abbreviation or an initial, or sits inside a
number. A line break inside a paragraph also ends a sentence (headlines, lists).
"""

from __future__ import annotations

import re
from typing import Any

from rasad.document import Document

# Scraped news often drops the space after a full stop («دستگیر شد.وی گفت»): between two Persian words
# (the first at least two letters, so initials such as «ج.ا.ا» are not cut) it still ends a sentence.
# (The last alternative starts at the mark and looks back over it: a pattern that starts with a look-behind
# is tried at every character, one that starts with a character class lets the scan jump between marks.)
_END = re.compile(r"[.!?؟…]+[»\"')\]]*(?=\s|$)|\n|[.!؟](?<=[\u0621-\u06cc]{2}[.!؟])(?=[\u0622-\u06cc])")
# Abbreviations written with a dot that do not end a sentence (Persian and Latin).
ABBREVIATIONS = frozenset(
    """ج.ا.ا ق.ظ ب.ظ ه.ش ه.ق ق.م ص ع ره س ج ا.ا دکتر مهندس Dr Mr Mrs Ms Prof St Inc Ltd Co vs etc U.S U.K U.N e.g i.e No""".split()
)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]`` (one paragraph)."""
    out: list[tuple[int, int]] = []
    depth = 0
    s = start
    pos = start
    for m in _END.finditer(text, start, end):
        # quotation depth between the previous boundary candidate and this one (counted in place: slicing
        # the text for each candidate costs more than the split)
        mstart = m.start()
        depth += text.count("«", pos, mstart) - text.count("»", pos, mstart)
        pos = mstart
        if m.group() != "\n":
            if depth > 0 and text.find("»", m.end(), end) != -1:
                continue
            if _is_abbreviation(text, m.start(), s):
                continue
        depth = 0 if m.group() == "\n" else max(depth, 0)
        e = m.end() if m.group() != "\n" else m.start()
        _push(text, out, s, e)
        s = m.end()
        pos = s
    _push(text, out, s, end)
    return out


_OTHER_SPACE = re.compile(r"[^\S \n]")


def _is_abbreviation(text: str, dot: int, sent_start: int) -> bool:
    if text[dot] != ".":
        return False
    # the word before the dot: back to the last space or line break (normalised text has no other
    # white space but for rare control characters, for which the character loop is kept)
    j = max(text.rfind(" ", sent_start, dot), text.rfind("\n", sent_start, dot), sent_start - 1) + 1
    word = text[j:dot]
    if _OTHER_SPACE.search(word):
        j = dot
        while j > sent_start and not text[j - 1].isspace():
            j -= 1
        word = text[j:dot]
    if not word:
        return False
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return True
    # a single letter (an initial such as «م.» or "J.") or dotted initials «ج.ا.ا»
    core = word.replace(".", "")
    return len(core) == 1 and core.isalpha() or ("." in word and all(len(p) <= 2 for p in word.split(".")))


def _push(text: str, out: list[tuple[int, int]], s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


class SentenceStage:
    name = "sentences"

    def __init__(self, resources: Any = None) -> None:
        pass

    def __call__(self, doc: Document) -> None:
        paragraphs = doc.spans("paragraphs") or [doc.add("paragraphs", 0, len(doc.text), "paragraph")]
        for i, p in enumerate(paragraphs):
            for s, e in split_sentences(doc.text, p.start, p.end):
                doc.add("sentences", s, e, "sentence", paragraph=i)
