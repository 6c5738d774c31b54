"""Title, paragraphs and the closing source line.

Layer ``title``: the title line when the text carries one (a Markdown ``#`` heading on the first line).
Layer ``paragraphs``: blank-line separated blocks, label ``paragraph``, or ``source`` for a closing
attribution line such as «منبع: روزنامه آرمان» (it names the original source, it is not body text).
"""

from __future__ import annotations

import re
from typing import Any

from rasad.document import Document

_HEADING = re.compile(r"\A\s*#{1,6}[ \t]*(?P<title>[^\n]+?)[ \t#]*$", re.M)
_BLOCK = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")
# A short last paragraph that only names where the text came from.
_SOURCE_LINE = re.compile(r"^\s*(?:منبع|منابع|ماخذ|مأخذ|برگرفته از|به نقل از)\s*[:：]", re.M)


class StructureStage:
    name = "structure"

    def __init__(self, resources: Any = None) -> None:
        pass

    def __call__(self, doc: Document) -> None:
        text = doc.text
        body_start = 0
        m = _HEADING.match(text)
        if m:
            doc.add("title", m.start("title"), m.end("title"), "title")
            if not doc.title:
                doc.title = m.group("title").strip()
            body_start = m.end()
        blocks = [b for b in _BLOCK.finditer(text, body_start) if b.group().strip()]
        for i, b in enumerate(blocks):
            s, e = b.span()
            # trim surrounding spaces so the span is exactly the paragraph's text
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            label = "paragraph"
            if i == len(blocks) - 1 and i > 0 and _SOURCE_LINE.match(text, s) and e - s < 200:
                label = "source"
            doc.add("paragraphs", s, e, label)
