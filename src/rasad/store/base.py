"""What a store does, independent of the database: SQLite now, PostgreSQL later (same schema)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from rasad.document import Document
from rasad.ingest.errors import ReadError


@dataclass
class PutResult:
    article_id: int
    status: str  # 'added' | 'updated'
    copy_cluster: int | None = None
    story_cluster: int | None = None


@dataclass
class SearchFilters:
    outlet: str | None = None
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None  # ISO date, inclusive
    entity: str | None = None  # a name (any spelling the KB knows) or a KB id
    event_type: str | None = None  # PLOVER type
    speaker: str | None = None  # a quote's speaker name


@dataclass
class SearchHit:
    article_id: int
    doc_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    score: float  # BM25: higher is better
    snippet: str  # with the matched words between « and » markers replaced by ``mark`` pairs
    highlights: list[tuple[int, int]] = field(default_factory=list)  # matched spans of the snippet


class Store(Protocol):
    def lookup(self, content_hash: str, url: str | None) -> int | None: ...

    def start_run(self, args: dict[str, Any]) -> int: ...

    def finish_run(self, run_id: int, status: str) -> None: ...

    def write_batch(
        self, docs: Sequence[Document], errors: Sequence[ReadError], run_id: int | None
    ) -> list[PutResult]: ...

    def search(
        self, query: str, filters: SearchFilters | None = None, limit: int = 10, offset: int = 0
    ) -> list[SearchHit]: ...

    def get_document(self, article_id: int) -> Document | None: ...

    def iter_documents(self) -> Iterator[tuple[int, Document]]: ...

    def close(self) -> None: ...
