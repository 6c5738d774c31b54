"""The archive: analysed articles in a database you can search, cluster and export.

``open_store(path)`` gives the embedded SQLite store (the default: no server); every store keeps to the
:class:`~rasad.store.base.Store` interface, so a PostgreSQL one can stand in. See ``docs/STORE.md``.
"""

from __future__ import annotations

from pathlib import Path

from rasad.store.base import PutResult, SearchFilters, SearchHit, Store
from rasad.store.sqlite import SQLiteStore

__all__ = ["open_store", "SQLiteStore", "Store", "SearchFilters", "SearchHit", "PutResult"]

DEFAULT_DB = "rasad.db"


def open_store(path: str | Path = DEFAULT_DB) -> SQLiteStore:
    return SQLiteStore(path)
