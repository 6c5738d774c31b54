"""Search keys for Persian text: one function for the indexed text and for queries, so they always agree.

A word's key is its normalised form (Arabic ي/ك folded to ی/ک, digits to Persian, diacritics dropped) with
ZWNJ removed (so «می‌گوید» and «میگوید» meet) and one inflectional suffix stripped (so «کشورهای» finds
«کشور»). The suffix rules are data (``data/stemmer.json``); proper names from the knowledge base are never
stemmed («ایران» is not a plural of «ایر»).

SQLite's FTS5 cannot call Python tokenizers, so the index holds a *shadow* text of keys separated by
spaces, which FTS5's ``unicode61`` tokenizer splits back into the same keys.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rasad.text.normalize import NormalizeStage
from rasad.text.tokens import LETTERS

DATA = Path(__file__).parent / "data" / "stemmer.json"
COMMON = Path(__file__).parent / "data" / "common_keys.txt"
ZWNJ = "\u200c"
# Words (letters with inner ZWNJ), numbers and Latin words; everything else separates keys.
WORD_RE = re.compile(
    rf"[{LETTERS}]+(?:\u200c[{LETTERS}]+)*|[0-9۰-۹]+(?:[.,/٫٬][0-9۰-۹]+)*|[A-Za-z][A-Za-z0-9]*"
)
# FTS5 query syntax characters a user may type: we quote every key, so they only need removing.
_QUERY_TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')


@dataclass(frozen=True)
class QueryPart:
    keys: tuple[str, ...]  # one key: a word; several: a phrase
    negated: bool = False


class Analyzer:
    """Turns text into search keys. Built once per store (loads the stemmer data and the KB's names)."""

    def __init__(
        self, data_path: Path | None = None, protect_kb_names: bool = True, names: Iterable[str] | None = None
    ) -> None:
        """``names``: the protected names to use instead of the KB's (a store passes the set it was built with)."""
        spec = json.loads((data_path or DATA).read_text("utf-8"))
        self._rules: list[tuple[str, int, str]] = sorted(
            ((r["suffix"], int(r["min_stem"]), r.get("replace", "")) for r in spec["suffixes"]),
            key=lambda r: -len(r[0]),
        )
        self._normalizer = NormalizeStage()
        keep = {self._fold(w) for w in spec.get("keep", [])}
        self.names = (
            frozenset(names) if names is not None else (self._kb_names() if protect_kb_names else frozenset())
        )
        keep |= self.names
        self._keep = frozenset(keep)
        self._cache: dict[str, str] = {}
        self.common = frozenset(
            ln.strip()
            for ln in COMMON.read_text("utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")
        )

    def _fold(self, word: str) -> str:
        return self._normalizer.normalize_string(word).replace(ZWNJ, "").lower()

    def _kb_names(self) -> frozenset[str]:
        """Words of place, country and person names that look inflected (…ان, …ات) but are names."""
        try:
            from rasad.kb import KnowledgeBase

            kb = KnowledgeBase.load()
        except Exception:  # noqa: BLE001 - a missing or broken KB only costs some stemming precision
            return frozenset()
        out: set[str] = set()
        for entry in kb:
            if entry.kind not in ("countries", "places", "people"):
                continue
            for name in entry.all_names():
                for w in WORD_RE.findall(self._normalizer.normalize_string(name)):
                    f = w.replace(ZWNJ, "")
                    if any(f.endswith(s) for s, _, _ in self._rules):
                        out.add(f)
        return frozenset(out)

    @cached_property
    def version(self) -> str:
        """Changes whenever the keys could change: an index built with another version must be rebuilt."""
        h = hashlib.sha256()
        h.update(json.dumps(self._rules, ensure_ascii=False).encode())
        h.update("\n".join(sorted(self._keep)).encode())
        h.update(("\n" + "\n".join(sorted(self.common))).encode())
        return h.hexdigest()[:16]

    def stem(self, folded: str) -> str:
        """Key of one already folded word (normalised, no ZWNJ)."""
        if folded in self._keep:
            return folded
        for suffix, min_stem, repl in self._rules:
            if folded.endswith(suffix) and len(folded) - len(suffix) >= min_stem:
                return folded[: -len(suffix)] + repl
        return folded

    def key(self, word: str) -> str:
        k = self._cache.get(word)
        if k is None:
            k = self.stem(word.replace(ZWNJ, "").lower())
            if len(self._cache) < 200_000:  # bounded: a long ingest must not grow memory without end
                self._cache[word] = k
        return k

    def keys(self, normalised: str) -> list[str]:
        """Keys of an already normalised text (what the pipeline's ``doc.text`` is)."""
        return [self.key(w) for w in WORD_RE.findall(normalised)]

    def keys_with_spans(self, normalised: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), self.key(m.group())) for m in WORD_RE.finditer(normalised)]

    def index_text(self, normalised: str) -> str:
        return " ".join(self.keys(normalised))

    def pairs_text(self, keys: list[str]) -> str:
        """Adjacent common keys joined by ``_`` (a token character of the index, never inside a key).

        A phrase of common words is found by looking its pairs up (see :meth:`to_fts`); a phrase with a
        rarer word is checked by positions, which costs only that word's few articles. Where a pair is
        left out a lone ``_`` keeps the pairs either side from looking adjacent.
        """
        common = self.common
        out: list[str] = []
        for a, b in zip(keys, keys[1:], strict=False):
            if a in common and b in common:
                out.append(f"{a}_{b}")
            elif out and out[-1] != "_":
                out.append("_")
        return " ".join(out)

    def normalise(self, raw: str) -> str:
        return self._normalizer.normalize_string(raw)

    # -- queries ------------------------------------------------------------------------------------
    def parse_query(self, query: str) -> list[QueryPart]:
        """Words (all required), ``"phrases"`` and ``-excluded`` words, each turned into keys."""
        parts: list[QueryPart] = []
        for m in _QUERY_TOKEN.finditer(query):
            if m.group(2) is not None:
                neg, text = bool(m.group(1)), m.group(2)
            else:
                neg, text = bool(m.group(3)), m.group(4)
            keys = tuple(self.keys(self.normalise(text)))
            if not keys:
                continue
            if m.group(2) is not None or len(keys) == 1:
                parts.append(QueryPart(keys, neg))
            else:  # «ایران-عراق» typed as one token: its words are each required
                parts.extend(QueryPart((k,), neg) for k in keys)
        return parts

    def to_fts(self, parts: list[QueryPart]) -> str | None:
        """The FTS5 MATCH expression; ``None`` when nothing searchable is left."""
        pos = [p for p in parts if not p.negated]
        if not pos:
            return None

        def quote(p: QueryPart) -> str:
            keys = [k.replace('"', "").replace("_", "") for k in p.keys]
            if len(keys) > 1 and all(k in self.common for k in keys):
                # a phrase of common words: its pairs, consecutive in a *_pairs column
                keys = [f"{a}_{b}" for a, b in zip(keys, keys[1:], strict=False)]
            return '"' + " ".join(keys) + '"'

        expr = " AND ".join(quote(p) for p in pos)
        for p in parts:
            if p.negated:
                expr += " NOT " + quote(p)
        return expr
