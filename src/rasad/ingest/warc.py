"""WARC archives (``.warc``, ``.warc.gz``): each HTML response record read as an article page.

Records that are not responses (requests, metadata, revisits) or not HTML are passed over silently;
a response that cannot be read (no text, broken encoding, a truncated record) is a :class:`ReadError`
naming the file and the record's URL, and the next record is read. A file cut off in the middle ends
with one error for the rest of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rasad.document import Document
from rasad.ingest.errors import DecodeError, ReadError


def read_warc(path: str | Path) -> Iterator[Document | ReadError]:
    from warcio.archiveiterator import ArchiveIterator

    from rasad.ingest.html import decode_html, html_to_document

    p = Path(path)
    n = 0
    with open(p, "rb") as fh:
        it = iter(ArchiveIterator(fh))
        while True:
            try:
                record = next(it)
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 - warcio raises several types for a corrupt stream
                yield ReadError(
                    f"{p}#{n}", f"unreadable WARC record ({type(exc).__name__}: {exc}); rest of file skipped"
                )
                return
            n += 1
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{p}#{url or n}"
            http = record.http_headers
            ctype = (http.get_header("Content-Type") if http else None) or ""
            if http is not None and "html" not in ctype.lower():
                continue
            status = http.get_statuscode() if http else "200"
            if status and not str(status).startswith("2"):
                yield ReadError(where, f"HTTP status {status}")
                continue
            try:
                data = record.content_stream().read()
                html = decode_html(data, where)
                doc = html_to_document(html, url=url, name=where)
            except (DecodeError, ValueError) as exc:
                yield ReadError(where, str(exc))
                continue
            except Exception as exc:  # noqa: BLE001 - a bad record (e.g. truncated gzip member) must not end the file
                yield ReadError(where, f"{type(exc).__name__}: {exc}")
                continue
            doc.url = doc.url or url
            date = record.rec_headers.get_header("WARC-Date")
            doc.meta.update({"format": "warc", "warc_date": date})
            yield doc
