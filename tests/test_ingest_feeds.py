"""Feeds: RSS 2.0 and Atom, pages fetched from a local HTTP server (127.0.0.1 only, never the internet)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rasad.document import Document
from rasad.ingest import read_paths
from rasad.ingest.errors import ReadError
from rasad.ingest.feeds import Fetcher, read_feed_file, read_feed_url

BODY = "<p>{lead}</p><p>این متن بند دوم خبر است که برای آزمون خواندن صفحه نوشته شده و چند جمله دارد.</p>"
PAGE = (
    "<html><head><meta charset='utf-8'><title>{title}</title></head><body><nav>منو</nav>"
    "<article><h1>{title}</h1>" + BODY + "</article><footer>کپی‌رایت</footer></body></html>"
)


def rss(base: str) -> str:
    items = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link><pubDate>Mon, 01 Jan 2024 08:00:00 GMT</pubDate>"
        f"<guid>{p}</guid><description>{d}</description></item>"
        for t, p, d in [
            ("خبر یکم", "/news/1", "خلاصه یکم"),
            ("خبر ممنوع", "/private/2", "خلاصه خبر دوم که صفحه‌اش را robots.txt بسته است"),
            ("خبر خراب", "/broken/3", ""),
            ("خبر ناپایدار", "/flaky/4", "خلاصه چهارم"),
        ]
    )
    return f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>خبرگزاری آزمون</title>{items}</channel></rss>"


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>اتم آزمون</title><id>urn:t</id><updated>2024-01-02T00:00:00Z</updated>
<entry><title>مدخل اتم</title><id>urn:e1</id><link href="/news/5"/><updated>2024-01-02T10:00:00Z</updated>
<content type="html">&lt;p&gt;متن کامل مدخل اتم که در خود خوراک آمده است و بیش از چند واژه دارد.&lt;/p&gt;</content></entry>
</feed>"""


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    agents: list[str] = []

    def log_message(self, *args: object) -> None:  # keep pytest output clean
        pass

    def _send(self, code: int, body: str, ctype: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        Handler.agents.append(self.headers.get("User-Agent", ""))
        base = f"http://127.0.0.1:{self.server.server_port}"
        if self.path == "/robots.txt":
            self._send(200, "User-agent: *\nDisallow: /private/\n", "text/plain")
        elif self.path == "/feed.rss":
            self._send(200, rss(base), "application/rss+xml")
        elif self.path == "/feed.atom":
            self._send(200, ATOM, "application/atom+xml")
        elif self.path.startswith("/news/"):
            n = self.path.rsplit("/", 1)[1]
            self._send(200, PAGE.format(title=f"عنوان صفحه {n}", lead=f"متن اصلی خبر شماره {n} از صفحه خبر."))
        elif self.path.startswith("/flaky/"):
            if Handler.hits[self.path] == 1:  # fails once, then works: the retry must get it
                self._send(503, "busy")
            else:
                self._send(200, PAGE.format(title="ناپایدار", lead="متن خبر ناپایدار پس از تلاش دوباره."))
        else:
            self._send(404, "not found")


@pytest.fixture()
def server():
    Handler.hits = {}
    Handler.agents = []
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    srv.server_close()


def fast_fetcher() -> Fetcher:
    return Fetcher(delay=0.05, timeout=5, retries=2, backoff=0.01)


def test_rss_items_are_read_from_their_pages(server):
    items = list(read_feed_url(f"{server}/feed.rss", fast_fetcher()))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, ReadError)]
    by_title = {d.title: d for d in docs}
    first = by_title["خبر یکم"]
    assert "متن اصلی خبر شماره 1" in first.raw and "منو" not in first.raw  # the page's article, not the nav
    assert first.url == f"{server}/news/1" and first.outlet == "خبرگزاری آزمون"
    assert first.published == "2024-01-01T08:00:00Z" and first.meta["text_from"] == "page"
    # robots.txt forbids /private/: never fetched, the item's own summary is used
    assert "/private/2" not in Handler.hits
    assert by_title["خبر ممنوع"].meta["text_from"] == "feed-item"
    # a 404 page with no summary: an error naming the URL, the feed goes on
    assert [e.source for e in errors] == [f"{server}/broken/3"]
    # 503 once, then fetched on retry
    assert Handler.hits["/flaky/4"] == 2 and "پس از تلاش دوباره" in by_title["خبر ناپایدار"].raw
    assert Handler.hits["/robots.txt"] == 1  # once per host
    assert all(a.startswith("rasad/") for a in Handler.agents)


def test_politeness_delay_between_requests_to_one_host(server):
    import time

    f = Fetcher(delay=0.2, retries=0)
    t0 = time.monotonic()
    f.get(f"{server}/news/1")
    f.get(f"{server}/news/2")
    f.get(f"{server}/news/3")
    f.close()
    assert time.monotonic() - t0 >= 0.4  # robots.txt + 3 pages: at least two full pauses


def test_atom_feed_relative_links_and_unreachable_feed(server):
    (doc,) = list(read_feed_url(f"{server}/feed.atom", fast_fetcher()))
    assert isinstance(doc, Document) and doc.url == f"{server}/news/5" and "متن اصلی خبر شماره 5" in doc.raw
    (err,) = list(read_feed_url(f"{server}/nothing.rss", fast_fetcher()))
    assert isinstance(err, ReadError) and "404" in err.error


def test_feed_files_use_the_items_own_text(tmp_path: Path):
    p = tmp_path / "saved.atom"
    p.write_text(ATOM, encoding="utf-8")
    (doc,) = list(read_feed_file(p))
    assert (
        "متن کامل مدخل اتم" in doc.raw and doc.title == "مدخل اتم" and doc.published == "2024-01-02T10:00:00Z"
    )
    r = tmp_path / "saved.rss"
    r.write_text(rss("http://example.invalid"), encoding="utf-8")
    items = list(read_paths([r]))  # through the generic reader, by extension
    assert [i.title for i in items if isinstance(i, Document)] == ["خبر یکم", "خبر ممنوع", "خبر ناپایدار"]
    assert sum(isinstance(i, ReadError) for i in items) == 1  # the item without text
    bad = tmp_path / "bad.xml"
    bad.write_text("this is not xml at all", encoding="utf-8")
    (err,) = list(read_paths([bad]))
    assert isinstance(err, ReadError)


def test_ingest_command_reads_a_feed_url(server, tmp_path):
    from typer.testing import CliRunner

    from rasad.cli import app

    db = tmp_path / "f.db"
    args = [
        "ingest",
        f"{server}/feed.rss",
        "--db",
        str(db),
        "--delay",
        "0.01",
        "--only",
        "normalize",
        "--no-progress",
    ]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "3 added" in res.output and "1 read errors" in res.output
    res = CliRunner().invoke(app, ["search", "متن اصلی", "--db", str(db), "--json"])
    assert res.exit_code == 0 and "/news/1" in res.output
