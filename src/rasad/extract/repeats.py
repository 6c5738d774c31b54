"""Passages repeated inside one article (scrapers and editors often paste a paragraph twice).

Any run of at least ``min_words`` words that already occurred earlier in the same document is flagged:
layer ``repeats`` gets one span per later copy (extended to the longest common run), with ``of`` the span
of the first copy and ``words`` its length. Words are compared without punctuation, ZWNJ or letter-form
differences, so a copy with a comma dropped still counts.
"""

from __future__ import annotations

import re
from typing import Any

from rasad.document import Document
from rasad.text.tokens import tokenize

_FOLD = re.compile("[\u200c\u064b-\u065f]")


class RepeatStage:
    name = "repeats"

    def __init__(self, resources: Any = None, min_words: int | None = None) -> None:
        opts = getattr(resources, "options", {}) or {}
        self.min_words = min_words or int(opts.get("repeat_min_words", 8))

    def __call__(self, doc: Document) -> None:
        toks = doc.spans("tokens")
        spans = (
            [(t.start, t.end) for t in toks if t.label != "punct"]
            if toks
            else [(s, e) for s, e, k in tokenize(doc.text) if k != "punct"]
        )
        words = [_FOLD.sub("", doc.text[s:e]) for s, e in spans]
        for (a0, a1), (b0, b1) in find_repeats(words, self.min_words):
            doc.add(
                "repeats",
                spans[b0][0],
                spans[b1 - 1][1],
                "repeat",
                of=[spans[a0][0], spans[a1 - 1][1]],
                words=b1 - b0,
            )


def find_repeats(words: list[str], n: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Pairs ``((first_start, first_end), (copy_start, copy_end))`` of word-index ranges, copies maximal.

    An n-gram index gives candidate earlier positions; each candidate is extended greedily forward, and
    the longest extension wins. Copies do not overlap each other or their source.
    """
    if len(words) < 2 * n:
        return []
    first: dict[tuple[str, ...], int] = {}
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    i = 0
    while i + n <= len(words):
        gram = tuple(words[i : i + n])
        j = first.get(gram)
        if j is not None and j + n <= i:
            length = n
            while i + length < len(words) and j + length < i and words[j + length] == words[i + length]:
                length += 1
            out.append(((j, j + length), (i, i + length)))
            # index the copy's n-grams too, so a third copy points at the first, then skip past it
            for k in range(i, i + length - n + 1):
                first.setdefault(tuple(words[k : k + n]), k)
            i += length
            continue
        first.setdefault(gram, i)
        i += 1
    return out
