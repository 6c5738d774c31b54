"""WARC archives: HTML responses become articles; other records are skipped; bad records are errors."""

from __future__ import annotations

import gzip
from io import BytesIO
from pathlib import Path

import pytest

from rasad.document import Document
from rasad.ingest import read_paths
from rasad.ingest.errors import ReadError
from rasad.ingest.warc import read_warc

PAGE = (
    "<html><head><meta charset='utf-8'><title>{t}</title></head><body><article><h1>{t}</h1>"
    "<p>{t}: متن این خبر برای آزمون بایگانی وب نوشته شده است و چند جمله دارد.</p>"
    "<p>بند دوم خبر درباره نشست خبری سخنگوی دولت است.</p></article></body></html>"
)


def _warc(path: Path, gz: bool) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)

        def response(
            url: str, body: bytes, ctype: str = "text/html; charset=utf-8", status: str = "200 OK"
        ) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers))

        w.write_record(
            w.create_warc_record(
                "https://news.example/1", "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            )
        )
        response("https://news.example/1", PAGE.format(t="خبر یکم").encode("utf-8"))
        response("https://news.example/logo.png", b"\x89PNG....", ctype="image/png")
        response("https://news.example/empty", b"<html><body></body></html>")
        response("https://news.example/gone", b"<html>gone</html>", status="404 Not Found")
        response(
            "https://news.example/2",
            PAGE.format(t="خبر دوم").encode("cp1256", "ignore").replace(b"utf-8", b"windows-1256"),
        )
    return path


@pytest.mark.parametrize("gz", [False, True])
def test_html_responses_become_documents(tmp_path, gz):
    p = _warc(tmp_path / ("a.warc.gz" if gz else "a.warc"), gz)
    items = list(read_paths([p]))  # through the generic reader, by extension
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [d.url for d in docs] == ["https://news.example/1", "https://news.example/2"]
    assert "متن این خبر برای آزمون بایگانی وب" in docs[0].raw
    assert "خبر دوم" in docs[1].raw  # windows-1256 page decoded by its meta charset
    assert docs[0].meta["format"] == "warc" and docs[0].meta["warc_date"]
    # the empty page and the 404 are errors naming the record; the image and the request are skipped
    assert sorted(e.source.rsplit("#", 1)[1] for e in errors) == [
        "https://news.example/empty",
        "https://news.example/gone",
    ]


def test_truncated_archive_keeps_what_came_before(tmp_path):
    p = _warc(tmp_path / "t.warc.gz", True)
    data = p.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.8)])
    items = list(read_warc(cut))
    assert isinstance(items[0], Document) and items[0].url == "https://news.example/1"
    assert isinstance(items[-1], ReadError)


def test_not_a_warc(tmp_path):
    p = tmp_path / "x.warc.gz"
    p.write_bytes(gzip.compress(b"hello, this is not a WARC file"))
    items = list(read_paths([p]))
    assert len(items) == 1 and isinstance(items[0], ReadError)
