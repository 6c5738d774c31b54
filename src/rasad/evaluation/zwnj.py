"""``rasad eval --zwnj FILE``: ZWNJ restoration on running text (FORMAT.md, "ZWNJ restoration").

Each line of a file whose orthography is correct is taken as gold. Its ZWNJs are removed (``mode="none"``)
or turned into spaces (``mode="space"``), the result goes through rasad's own text stages (normalize, zwnj,
spacing: what users get) and is compared with the gold line, normalised the same way but not repaired.

Comparison runs on the stream of letters (spaces, ZWNJ, digits and punctuation left out), so a word is
compared with the word at the same letters even when a repair splits or joins words:
- a gold word is right when the output has a word over exactly the same letters, spelt the same;
- ZWNJ precision/recall/F1 count the positions in the letter stream where a ZWNJ stands, only after
  letters that join the next one (a ZWNJ after ا د ذ ر ز ژ و changes nothing visible);
- ``wrong_joins`` (for the peer table) is the number of ZWNJs put where the gold has none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rasad.text.zwnj import WORD_RE, ZWNJ, canonical

WRONG_LIMIT = 50


def degrade(line: str, mode: str) -> str:
    if mode == "none":
        return line.replace(ZWNJ, "")
    if mode == "space":
        return line.replace(ZWNJ, " ")
    raise ValueError(f"mode must be 'none' or 'space', not {mode!r}")


def read_lines(paths: Iterable[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line:
                out.append(line)
    return out


def _words(text: str) -> tuple[str, list[tuple[int, int, str]], set[int]]:
    """Letter stream, words as (start, end, canonical spelling) in stream offsets, ZWNJ stream positions."""
    stream: list[str] = []
    words: list[tuple[int, int, str]] = []
    zwnj: set[int] = set()
    pos = 0
    for m in WORD_RE.finditer(text):
        w = canonical(m.group())
        start = pos
        for ch in w:
            if ch == ZWNJ:
                zwnj.add(pos)
            else:
                stream.append(ch)
                pos += 1
        words.append((start, pos, w))
    return "".join(stream), words, zwnj


class Scorer:
    """Accumulates word accuracy and ZWNJ P/R/F1 over (gold, predicted) text pairs."""

    def __init__(self) -> None:
        self.words = 0
        self.right = 0
        self.tp = 0
        self.fp = 0
        self.fn = 0
        self.misaligned = 0
        self.wrong: list[dict[str, str]] = []

    def add(self, gold: str, pred: str) -> None:
        gs, gw, gz = _words(gold)
        ps, pw, pz = _words(pred)
        self.words += len(gw)
        if gs != ps:
            # the letters themselves differ (a tool changed more than spacing): every word here counts wrong
            self.misaligned += 1
            self._note(gold[:60], pred[:60])
            return
        pred_at = {(s, e): w for s, e, w in pw}
        for s, e, w in gw:
            got = pred_at.get((s, e))
            if got == w:
                self.right += 1
            else:
                self._note(w, got if got is not None else _cover(pw, s, e))
        self.tp += len(gz & pz)
        self.fp += len(pz - gz)
        self.fn += len(gz - pz)

    def _note(self, gold: str, got: str) -> None:
        if len(self.wrong) < WRONG_LIMIT:
            self.wrong.append({"gold": gold, "got": got})

    def result(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        return {
            "word_accuracy": round(self.right / self.words, 4) if self.words else None,
            "precision": round(p, 4) if p is not None else None,
            "recall": round(r, 4) if r is not None else None,
            "f1": round(f, 4) if f is not None else None,
            "words": self.words,
            "wrong": self.wrong,
        }


def _cover(pw: list[tuple[int, int, str]], s: int, e: int) -> str:
    """The output words overlapping stream range [s, e) (what a wrong word became)."""
    return " ".join(w for ps, pe, w in pw if ps < e and pe > s)


def score(lines: list[str], restore: Callable[[str], str], mode: str, gold_norm: Callable[[str], str]) -> Scorer:
    sc = Scorer()
    for line in lines:
        sc.add(gold_norm(line), restore(degrade(line, mode)))
    return sc


def rasad_restorer() -> tuple[Callable[[str], str], Callable[[str], str]]:
    """rasad's text stages as a string function, and the gold normaliser (normalize only, no repair)."""
    from rasad.document import Document
    from rasad.pipeline import Pipeline

    pipe = Pipeline.default(only=["normalize", "zwnj", "spacing"])
    norm = Pipeline.default(only=["normalize"])

    def restore(s: str) -> str:
        return pipe(Document(raw=s, id="_")).text

    def gold(s: str) -> str:
        return norm(Document(raw=s, id="_")).text

    return restore, gold


def run(paths: list[str], mode: str = "none") -> dict[str, Any]:
    """FORMAT.md's ``rasad eval --zwnj`` object: word_accuracy, precision, recall, f1, words, wrong."""
    lines = read_lines(paths)
    restore, gold = rasad_restorer()
    return score(lines, restore, mode, gold).result()
