"""Readers: formats, encodings and bad input. Each bad item is an error record; the batch goes on."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from rasad.document import Document
from rasad.ingest import ReadError, read_paths
from rasad.ingest.decode import decode_bytes
from rasad.ingest.errors import DecodeError

PERSIAN = "## عنوان خبر\n\nدبیر شورای عالی امنیت ملی گفت: همکاری‌ها ادامه دارد.\n\nمنبع: روزنامه آرمان\n"


def _docs(items):
    return [i for i in items if isinstance(i, Document)]


def _errors(items):
    return [i for i in items if isinstance(i, ReadError)]


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"],
)
def test_text_file_in_each_encoding(tmp_path: Path, encoding: str):
    # Windows-1256 has Arabic ي, not Persian ی (legacy Persian text is written so), and ZWNJ as 0x9D
    text = PERSIAN.replace("ی", "ي") if encoding == "cp1256" else PERSIAN
    p = tmp_path / f"a-{encoding}.txt"
    p.write_bytes(text.encode(encoding))
    items = list(read_paths([p]))
    docs = _docs(items)
    assert len(docs) == 1 and not _errors(items)
    assert docs[0].raw.replace("\r", "") == text
    assert docs[0].meta["encoding"].replace("_", "-").startswith(
        {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16", "utf-16-le": "utf-16", "utf-16-be": "utf-16"}.get(encoding, encoding)
    )


def test_cp1256_decodes_persian_letters_not_latin1():
    data = "سلام بر شما، اين يک آزمون است".encode("cp1256")
    text, enc = decode_bytes(data, "x")
    assert enc == "cp1256" and text.startswith("سلام")


def test_binary_and_empty_files_are_errors_and_batch_continues(tmp_path: Path):
    (tmp_path / "a.txt").write_bytes(PERSIAN.encode())
    (tmp_path / "b.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.txt").write_bytes(b"   \n\n  ")
    (tmp_path / "e.md").write_bytes(PERSIAN.encode())
    items = list(read_paths([tmp_path]))
    assert [d.source_path.rsplit("/", 1)[-1] for d in _docs(items)] == ["a.txt", "e.md"]
    errs = {Path(e.source).name: e.error for e in _errors(items)}
    assert set(errs) == {"b.txt", "c.txt", "d.txt"}
    assert "binary" in errs["b.txt"]
    assert "empty" in errs["c.txt"]
    assert "no text" in errs["d.txt"]


def test_undecodable_bytes_give_a_clear_error():
    with pytest.raises(DecodeError) as exc:
        decode_bytes(b"\x81\x8d\x8f\x90\x9d" * 50 + b"\x00\x01\x02", "weird.txt")
    assert "weird.txt" in str(exc.value)


def test_missing_path_and_empty_glob_are_errors(tmp_path: Path):
    items = list(read_paths([tmp_path / "nope.txt", str(tmp_path / "*.zzz")]))
    assert len(_errors(items)) == 2 and not _docs(items)


def test_unsupported_extension(tmp_path: Path):
    p = tmp_path / "x.pdf"
    p.write_bytes(b"%PDF-1.4")
    (err,) = list(read_paths([p]))
    assert isinstance(err, ReadError) and "unsupported" in err.error


def test_jsonl_records_bad_lines_and_field_aliases(tmp_path: Path):
    p = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": "a", "title": "عنوان", "text": "متن خبر اول", "url": "http://x/1", "published": "2016-12-21", "outlet": "فارس", "category": "world"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "b", "title": "بی‌متن"}, ensure_ascii=False),
        "",
        json.dumps({"guid": "c", "headline": "تیتر", "body": "متن دوم", "date": "2020-01-01", "source": "ایرنا"}, ensure_ascii=False),
        json.dumps(["not", "an", "object"]),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_paths([p]))
    docs, errs = _docs(items), _errors(items)
    assert [d.id for d in docs] == ["a", "c"]
    a, c = docs
    assert (a.title, a.url, a.published, a.outlet, a.meta["category"]) == ("عنوان", "http://x/1", "2016-12-21", "فارس", "world")
    assert (c.title, c.raw, c.published, c.outlet) == ("تیتر", "متن دوم", "2020-01-01", "ایرنا")
    assert [e.source.rsplit(":", 1)[-1] for e in errs] == ["2", "3", "6"]
    assert "invalid JSON" in errs[0].error and "no article text" in errs[1].error


def test_json_file_with_list(tmp_path: Path):
    p = tmp_path / "arts.json"
    p.write_text(json.dumps([{"text": "یک"}, {"text": "دو"}, {"title": "x"}], ensure_ascii=False), encoding="utf-8")
    items = list(read_paths([p]))
    assert [d.raw for d in _docs(items)] == ["یک", "دو"] and len(_errors(items)) == 1


def test_html_page_main_text_and_metadata(tmp_path: Path):
    body = "".join(f"<p>پاراگراف شماره {i} از متن اصلی خبر که درباره نشست وزرای خارجه است و طولانی است.</p>" for i in range(6))
    html = f"""<!doctype html><html lang="fa"><head><meta charset="utf-8"><title>تیتر خبر | سایت</title>
    <meta property="og:title" content="تیتر خبر"><meta property="article:published_time" content="2016-12-21T10:00:00+03:30">
    <meta property="og:site_name" content="خبرگزاری نمونه"></head><body><nav>منو خانه تماس</nav>
    <article><h1>تیتر خبر</h1>{body}</article><footer>کپی‌رایت</footer><script>var x = 1;</script></body></html>"""
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    (doc,) = list(read_paths([p]))
    assert isinstance(doc, Document)
    assert "پاراگراف شماره 0" in doc.raw and "پاراگراف شماره 5" in doc.raw
    assert "var x" not in doc.raw
    assert doc.title and "تیتر خبر" in doc.title
    assert doc.published and doc.published.startswith("2016-12-21")


def test_truncated_and_cp1256_html(tmp_path: Path):
    html = '<html><head><meta charset="windows-1256"><title>خبر</title></head><body><p>اين متن خبر است که نيمه کاره'
    p = tmp_path / "cut.htm"
    p.write_bytes(html.encode("cp1256"))
    (doc,) = list(read_paths([p]))
    assert isinstance(doc, Document) and "نيمه کاره" in doc.raw


def test_html_without_text_is_an_error(tmp_path: Path):
    p = tmp_path / "empty.html"
    p.write_text("<html><body><script>1</script></body></html>", encoding="utf-8")
    (err,) = list(read_paths([p]))
    assert isinstance(err, ReadError) and "no article text" in err.error


def test_huge_text_file_is_refused_without_reading_it(tmp_path: Path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing to read
    tracemalloc.start()
    (err,) = list(read_paths([p]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert isinstance(err, ReadError) and "too large" in err.error and "JSONL" in err.error
    assert peak < 5 * 1024 * 1024


def test_50mb_jsonl_is_streamed_with_bounded_memory(tmp_path: Path):
    p = tmp_path / "big.jsonl"
    line = json.dumps({"title": "تیتر", "text": "متن خبر " * 400}, ensure_ascii=False) + "\n"
    n = (50 * 1024 * 1024) // len(line.encode()) + 1
    with open(p, "w", encoding="utf-8") as fh:
        for _ in range(n):
            fh.write(line)
    assert p.stat().st_size >= 50 * 1024 * 1024
    tracemalloc.start()
    count = 0
    for item in read_paths([p]):
        assert isinstance(item, Document)
        count += 1
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == n
    assert peak < 10 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB: the file was not streamed"
