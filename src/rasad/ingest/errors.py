"""A per-item read error: the batch records it and goes on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadError:
    source: str  # file path, "path:line" for a JSONL record, URL for a feed item
    error: str  # what went wrong, for a person

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "error": self.error}


class DecodeError(ValueError):
    """Raised when bytes are not text in any encoding rasad accepts."""
