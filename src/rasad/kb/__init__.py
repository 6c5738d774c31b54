"""The knowledge base: countries, places, people (with offices and tenures), organisations, outlets.

Data are JSONL files in ``kb/data/`` (one entry a line, documented in ``docs/KB.md``); this module loads
them and answers the questions stages ask: which entries does this (normalised) alias name, who held this
title on that date, what is this entry's actor code.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
KINDS = ("countries", "places", "people", "organisations", "outlets")


@dataclass
class KBEntry:
    id: str
    kind: str  # one of KINDS
    name: str
    aliases: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> str | None:
        """Actor code: ISO3 for a country, the country of a person/organisation/place."""
        if self.kind == "countries":
            return self.data.get("iso3") or self.data.get("cameo")
        return self.data.get("country")

    @property
    def type(self) -> str:
        return {"countries": "GPE", "places": "LOC", "people": "PER", "organisations": "ORG", "outlets": "ORG"}[
            self.kind
        ]

    def all_names(self) -> list[str]:
        names = [self.name, *self.aliases]
        if self.kind == "countries":
            names += list(self.data.get("demonyms", []) or [])
        return names


def _norm(s: str) -> str:
    from rasad.text.normalize import normalize_string

    return normalize_string(s)


def match_key(s: str) -> str:
    """The key aliases are compared by: normalised, ZWNJ and spaces removed (as FORMAT.md matches)."""
    return "".join(ch for ch in _norm(s) if ch not in " \u200c\t\n-‌")


def everyday_words(root: str | Path | None = None) -> set[str]:
    """Everyday words (``everyday-words.txt`` of the KB folder, ``#`` comments) by match_key; empty when the
    folder has none."""
    f = (Path(root) if root else DATA_DIR) / "everyday-words.txt"
    if not f.exists():
        return set()
    lines = f.read_text(encoding="utf-8").splitlines()
    return {match_key(w) for w in lines if w.strip() and not w.startswith("#")}


class KnowledgeBase:
    def __init__(self, entries: list[KBEntry]) -> None:
        self.entries: dict[str, KBEntry] = {}
        self.by_key: dict[str, list[str]] = defaultdict(list)
        for e in entries:
            if e.id in self.entries:
                raise ValueError(f"duplicate KB id {e.id}")
            self.entries[e.id] = e
        # Office titles (and their aliases) by key, so that office_holder is a dict look-up, not a KB scan.
        self.offices_by_key: dict[str, list[tuple[KBEntry, dict[str, Any]]]] = defaultdict(list)
        for e in entries:
            for name in [e.name, *e.aliases]:
                k = match_key(name)
                if k and e.id not in self.by_key[k]:
                    self.by_key[k].append(e.id)
            if e.kind == "people":
                for off in e.data.get("offices", []) or []:
                    keys = {match_key(t) for t in [off.get("title", ""), *(off.get("title_aliases") or [])] if t}
                    for k in keys:
                        if k:
                            self.offices_by_key[k].append((e, off))

    @classmethod
    def load(cls, path: str | Path | None = None) -> KnowledgeBase:
        root = Path(path) if path else DATA_DIR
        entries: list[KBEntry] = []
        for kind in KINDS:
            f = root / f"{kind}.jsonl"
            if not f.exists():
                continue
            with open(f, encoding="utf-8") as fh:
                for lineno, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        rec = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise ValueError(f"{f}:{lineno}: invalid JSON: {exc}") from exc
                    entries.append(
                        KBEntry(
                            id=rec["id"],
                            kind=kind,
                            name=rec["name"],
                            aliases=list(rec.get("aliases", []) or []),
                            data=rec,
                        )
                    )
        return cls(entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[KBEntry]:
        return iter(self.entries.values())

    def get(self, entry_id: str) -> KBEntry | None:
        return self.entries.get(entry_id)

    def lookup(self, name: str, kind: str | None = None) -> list[KBEntry]:
        """Entries that ``name`` (any alias, any spelling variant) names, optionally of one kind."""
        ids = self.by_key.get(match_key(name), [])
        out = [self.entries[i] for i in ids]
        return [e for e in out if kind is None or e.kind == kind]

    def names_same(self, a: str, b: str) -> bool:
        """Whether two names name one entry (or are the same string after normalisation)."""
        ka, kb = match_key(a), match_key(b)
        if ka == kb:
            return True
        return bool(set(self.by_key.get(ka, [])) & set(self.by_key.get(kb, [])))

    def office_holder(self, title: str, date: str | None = None, country: str | None = None) -> list[KBEntry]:
        """People who held ``title`` on ``date`` (ISO; any date when None), optionally in ``country``."""
        out: list[KBEntry] = []
        for e, off in self.offices_by_key.get(match_key(title), []):
            if e in out:
                continue
            if country and off.get("country") and off["country"] != country:
                continue
            if date and not in_tenure(date, off.get("start"), off.get("end")):
                continue
            out.append(e)
        return out

    def is_title(self, title: str) -> bool:
        """Whether ``title`` is an office title (or title alias) of someone in the KB."""
        return match_key(title) in self.offices_by_key


def in_tenure(date: str, start: str | None, end: str | None) -> bool:
    """Whether ``date`` (ISO, a day or longer) falls in the tenure ``start``–``end`` (either may be open)."""
    d = date[:10]
    # Partial dates (YYYY or YYYY-MM) compare as prefixes: a tenure that starts "2013-09" includes 2013-09-15.
    if start and d[: len(start)] < start:
        return False
    if end and d[: len(end)] > end:
        return False
    return True
