"""The one model every stage reads and writes.

A :class:`Document` holds the article as it arrived (``raw``), the normalised text every stage works on
(``text``), an :class:`OffsetMap` from ``text`` back to ``raw``, metadata, typed annotation layers of
:class:`Span` objects and the document-level :class:`Entity` list.

Layer names and the attributes each stage writes are listed in ``docs/MODEL.md``; ``rasad eval`` reads
exactly those, so a stage that keeps to the contract is measured without further wiring.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass(slots=True)
class Span:
    """A labelled stretch ``[start, end)`` of the normalised text, with free JSON attributes."""

    start: int
    end: int
    label: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)

    def text(self, doc: Document) -> str:
        return doc.text[self.start : self.end]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "label": self.label}
        if self.attrs:
            out["attrs"] = self.attrs
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Span:
        return cls(data["start"], data["end"], data.get("label", ""), dict(data.get("attrs", {})))


@dataclass(slots=True)
class Entity:
    """A document-level entity: every mention in layer ``mentions`` points to one by ``id``."""

    id: str
    name: str
    type: str  # PER, ORG, LOC, GPE (and the corpora's extra types, mapped)
    kb_id: str | None = None
    code: str | None = None  # ISO-3166 alpha-3 / CAMEO actor code for states and their organs
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "type": self.type}
        if self.kb_id:
            out["kb_id"] = self.kb_id
        if self.code:
            out["code"] = self.code
        if self.attrs:
            out["attrs"] = self.attrs
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entity:
        return cls(
            data["id"], data["name"], data["type"], data.get("kb_id"), data.get("code"), dict(data.get("attrs", {}))
        )


class OffsetMap:
    """Maps positions of the normalised text back to the raw text.

    The map is a sorted list of segments ``(n_start, n_len, o_start, o_end)`` covering the normalised
    text. In a *copy* segment (``n_len == o_end - o_start``) character ``k`` comes from raw character
    ``o_start + k`` (a one-for-one substitution such as ي→ی is still a copy). In any other segment every
    character comes from the whole raw range ``[o_start, o_end)`` (e.g. one ligature expanded to four
    letters, a run of spaces folded to one, an inserted ZWNJ with an empty raw range). Its size grows with
    the number of edits, not with the length of the text.
    """

    __slots__ = ("_n", "_len", "_os", "_oe", "length")

    def __init__(self, segments: Iterable[tuple[int, int, int, int]] = (), length: int = 0) -> None:
        self._n: list[int] = []
        self._len: list[int] = []
        self._os: list[int] = []
        self._oe: list[int] = []
        self.length = length
        for seg in segments:
            self._append(*seg)

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([(0, length, 0, length)] if length else [], length)

    def _append(self, n_start: int, n_len: int, o_start: int, o_end: int) -> None:
        if n_len <= 0:
            return
        if self._n:
            pn, pl, ps, pe = self._n[-1], self._len[-1], self._os[-1], self._oe[-1]
            # Merge contiguous copy segments so one-for-one substitutions cost nothing.
            if pn + pl == n_start and pl == pe - ps and n_len == o_end - o_start and pe == o_start:
                self._len[-1] = pl + n_len
                self._oe[-1] = o_end
                return
        self._n.append(n_start)
        self._len.append(n_len)
        self._os.append(o_start)
        self._oe.append(o_end)

    def segments(self) -> list[tuple[int, int, int, int]]:
        return list(zip(self._n, self._len, self._os, self._oe, strict=True))

    def _seg(self, pos: int) -> int:
        return bisect.bisect_right(self._n, pos) - 1

    def start_of(self, pos: int) -> int:
        """Raw offset where normalised character ``pos`` starts (``pos == length`` gives the raw end)."""
        if not self._n:
            return 0
        if pos >= self.length:
            return self._oe[-1]
        i = self._seg(pos)
        n, ln, os_, oe = self._n[i], self._len[i], self._os[i], self._oe[i]
        return os_ + (pos - n) if ln == oe - os_ else os_

    def end_of(self, pos: int) -> int:
        """Raw offset where normalised character ``pos`` ends."""
        i = self._seg(pos)
        n, ln, os_, oe = self._n[i], self._len[i], self._os[i], self._oe[i]
        return os_ + (pos - n) + 1 if ln == oe - os_ else oe

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The raw range that produced normalised ``[start, end)``."""
        if end <= start:
            p = self.start_of(start)
            return p, p
        return self.start_of(start), self.end_of(end - 1)

    def compose_edits(self, text: str, edits: list[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
        """Apply non-overlapping ``(start, end, replacement)`` edits to ``text`` (whose map is ``self``).

        A replacement as long as what it replaces is taken character for character (ي→ی); give
        one-for-one substitutions and other edits as separate edits.

        Returns the new text and the new map, still pointing into the raw text.
        """
        pieces: list[str] = []
        new = OffsetMap()
        out = 0
        cur = 0
        for s, e, rep in sorted(edits, key=lambda x: (x[0], x[1])):
            if s < cur or e < s or e > len(text):
                raise ValueError(f"edit ({s}, {e}) overlaps an earlier one or leaves the text")
            out = self._copy_range(new, cur, s, out)
            pieces.append(text[cur:s])
            if rep:
                if e > s:
                    # Equal lengths stay per-character (a copy); otherwise the block maps to its raw range.
                    new._append(out, len(rep), self.start_of(s), self.end_of(e - 1))
                else:
                    p = self.start_of(s) if s < len(text) else (self._oe[-1] if self._n else 0)
                    new._append(out, len(rep), p, p)
                pieces.append(rep)
                out += len(rep)
            cur = e
        out = self._copy_range(new, cur, len(text), out)
        pieces.append(text[cur:])
        new.length = out
        return "".join(pieces), new

    def _copy_range(self, new: OffsetMap, s: int, e: int, out: int) -> int:
        """Append the map of unchanged ``[s, e)`` to ``new`` starting at output offset ``out``."""
        if e <= s:
            return out
        i = self._seg(s)
        while s < e:
            n, ln, os_, oe = self._n[i], self._len[i], self._os[i], self._oe[i]
            seg_end = min(e, n + ln)
            k = seg_end - s
            if ln == oe - os_:
                new._append(out, k, os_ + (s - n), os_ + (seg_end - n))
            else:
                new._append(out, k, os_, oe)
            out += k
            s = seg_end
            i += 1
        return out

    def to_json(self) -> list[list[int]]:
        return [list(s) for s in self.segments()]

    @classmethod
    def from_json(cls, data: list[list[int]], length: int) -> OffsetMap:
        m = cls()
        for n, ln, os_, oe in data:
            m._n.append(n)
            m._len.append(ln)
            m._os.append(os_)
            m._oe.append(oe)
        m.length = length
        return m


@dataclass
class Document:
    """An article and everything rasad knows about it."""

    raw: str
    id: str = ""
    title: str | None = None
    published: str | None = None  # ISO date or datetime, as the source gave it
    url: str | None = None
    outlet: str | None = None
    source_path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)
    layers: dict[str, list[Span]] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.text and self.raw:
            self.text = self.raw
            self.offsets = OffsetMap.identity(len(self.raw))
        # The identity is fixed when the article arrives: later stages normalise the title and text.
        if "content_hash" not in self.meta:
            self.meta["content_hash"] = self._hash()
        if not self.id:
            self.id = self.content_hash[:16]

    # -- identity -----------------------------------------------------------------------------------
    @property
    def content_hash(self) -> str:
        """SHA-256 of the raw text and the title as they arrived: the ingest identity (stable under analysis)."""
        return str(self.meta["content_hash"])

    def _hash(self) -> str:
        h = hashlib.sha256()
        h.update((self.title or "").encode("utf-8"))
        h.update(b"\x00")
        h.update(self.raw.encode("utf-8"))
        return h.hexdigest()

    # -- text edits ---------------------------------------------------------------------------------
    def apply_edits(self, edits: list[tuple[int, int, str]]) -> None:
        """Rewrite the normalised text; offsets of every later layer are computed on the result.

        Layers written before an edit would point to the wrong characters, so editing a document that
        already has span layers (other than those the editing stages themselves record) is refused.
        """
        if not edits:
            return
        stale = [k for k, v in self.layers.items() if v and k not in _EDIT_SAFE_LAYERS]
        if stale:
            raise RuntimeError(f"text edited after span layers were written: {stale}")
        self.text, self.offsets = self.offsets.compose_edits(self.text, edits)

    def substitute(self, new_text: str) -> None:
        """Replace the text with one of the same length, character for character (ي→ی, digits).

        The offset map is unchanged: character ``i`` still comes from where it came from. This is the
        fast path for one-for-one substitutions, which are most of what normalisation does.
        """
        if len(new_text) != len(self.text):
            raise ValueError("substitute() needs a text of the same length; use apply_edits()")
        if new_text == self.text:
            return
        stale = [k for k, v in self.layers.items() if v and k not in _EDIT_SAFE_LAYERS]
        if stale:
            raise RuntimeError(f"text edited after span layers were written: {stale}")
        self.text = new_text

    # -- layers -------------------------------------------------------------------------------------
    def layer(self, name: str) -> list[Span]:
        return self.layers.setdefault(name, [])

    def add(self, layer: str, start: int, end: int, label: str = "", /, **attrs: Any) -> Span:
        # positional-only, so that attributes may be called "name", "start", "label"…
        span = Span(start, end, label, attrs)
        self.layer(layer).append(span)
        return span

    def spans(self, name: str) -> list[Span]:
        return self.layers.get(name, [])

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def original(self, span: Span) -> tuple[int, int]:
        """The raw-text range a span was made from (for highlighting where a fact was said)."""
        return self.offsets.to_original(span.start, span.end)

    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def iter_layer_texts(self, name: str) -> Iterator[tuple[Span, str]]:
        for s in self.spans(name):
            yield s, self.text[s.start : s.end]

    # -- serialisation ------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "url": self.url,
            "outlet": self.outlet,
            "source_path": self.source_path,
            "meta": self.meta,
            "raw": self.raw,
            "text": self.text,
            "offsets": self.offsets.to_json(),
            "layers": {k: [s.to_json() for s in v] for k, v in self.layers.items()},
            "entities": [e.to_json() for e in self.entities],
            "errors": self.errors,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        doc = cls(
            raw=data["raw"],
            id=data.get("id", ""),
            title=data.get("title"),
            published=data.get("published"),
            url=data.get("url"),
            outlet=data.get("outlet"),
            source_path=data.get("source_path"),
            meta=dict(data.get("meta", {})),
            text=data.get("text", ""),
        )
        if "offsets" in data:
            doc.offsets = OffsetMap.from_json(data["offsets"], len(doc.text))
        doc.layers = {k: [Span.from_json(s) for s in v] for k, v in data.get("layers", {}).items()}
        doc.entities = [Entity.from_json(e) for e in data.get("entities", [])]
        doc.errors = list(data.get("errors", []))
        return doc

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False)

    @classmethod
    def loads(cls, s: str) -> Document:
        return cls.from_json(json.loads(s))


# Layers recorded by the text-editing stages themselves, in offsets that are fixed up when they edit.
_EDIT_SAFE_LAYERS: frozenset[str] = frozenset()
