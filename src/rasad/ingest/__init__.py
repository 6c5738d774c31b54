"""Readers: files, directories and globs of text/Markdown, JSON/JSONL, HTML (and more, by extension).

:func:`read_paths` yields a :class:`~rasad.document.Document` per article or a :class:`ReadError` per bad
item; it never raises for one bad file, so a batch always goes on.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rasad.document import Document
from rasad.ingest.errors import DecodeError, ReadError

__all__ = ["ReadError", "DecodeError", "read_path", "read_paths", "READERS"]


def _single(fn: Callable[[Path], Document]) -> Callable[[Path], Iterator[Document | ReadError]]:
    def run(p: Path) -> Iterator[Document | ReadError]:
        yield fn(p)

    return run


def _readers() -> dict[str, Callable[[Path], Iterator[Document | ReadError]]]:
    from rasad.ingest.html import read_html_file
    from rasad.ingest.jsonl import read_json, read_jsonl
    from rasad.ingest.text import read_text_file

    readers: dict[str, Callable[[Path], Iterator[Document | ReadError]]] = {
        ".txt": _single(read_text_file),
        ".md": _single(read_text_file),
        ".markdown": _single(read_text_file),
        "": _single(read_text_file),
        ".jsonl": read_jsonl,
        ".ndjson": read_jsonl,
        ".json": read_json,
        ".html": _single(read_html_file),
        ".htm": _single(read_html_file),
    }
    try:  # WARC and feeds live in their own modules; absent ones are simply not offered
        from rasad.ingest.warc import read_warc

        readers[".warc"] = read_warc
        readers[".gz"] = read_warc
    except ImportError:
        pass
    try:
        from rasad.ingest.feeds import read_feed_file

        for ext in (".rss", ".atom", ".xml"):
            readers[ext] = read_feed_file
    except ImportError:
        pass
    return readers


READERS = _readers


def read_path(path: str | Path) -> Iterator[Document | ReadError]:
    p = Path(path)
    ext = p.suffix.lower()
    if p.name.lower().endswith(".warc.gz"):
        ext = ".gz"
    reader = _readers().get(ext)
    if reader is None:
        yield ReadError(str(p), f"unsupported file type '{ext}' (known: .txt .md .json .jsonl .html …)")
        return
    try:
        yield from reader(p)
    except (DecodeError, OSError) as exc:
        yield ReadError(str(p), str(exc))
    except Exception as exc:  # noqa: BLE001 - a reader bug on one file must not stop the batch
        yield ReadError(str(p), f"{type(exc).__name__}: {exc}")


def expand(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """Files named directly, the files under a directory (sorted), or the matches of a glob."""
    for item in paths:
        s = str(item)
        if os.path.isdir(s):
            for root, dirs, files in os.walk(s):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        yield Path(root) / f
        elif os.path.exists(s):
            yield Path(s)
        elif any(c in s for c in "*?["):
            matches = sorted(glob.glob(s, recursive=True))
            if not matches:
                yield ReadError(s, "the pattern matches no file")
            yield from (Path(m) for m in matches if os.path.isfile(m))
        else:
            yield ReadError(s, "no such file or directory")


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document | ReadError]:
    for p in expand(paths):
        if isinstance(p, ReadError):
            yield p
        else:
            yield from read_path(p)
