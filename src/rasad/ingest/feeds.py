"""RSS 2.0 and Atom feeds: each item's page is fetched politely and read by the HTML reader.

- :func:`read_feed_file` reads a feed saved on disk (``.rss``, ``.atom``, ``.xml``): items carry their own
  text (``content:encoded``, Atom ``content`` or the summary); no network.
- :func:`read_feed_url` fetches a feed and then every item's page with a :class:`Fetcher`: a User-Agent,
  timeouts, retries with back-off on network errors and 429/5xx, robots.txt obeyed, and a delay between
  two requests to one host. A page that cannot be fetched or read is a :class:`ReadError` naming its URL;
  the feed goes on. When the page has no article text the item's own content is used.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from rasad.document import Document
from rasad.ingest.errors import DecodeError, ReadError

USER_AGENT = "rasad/0.1 (+https://github.com/rasad; Persian news analysis; polite crawler)"


@dataclass
class Fetcher:
    """HTTP for feeds: one client, per-host politeness, robots.txt, retries."""

    delay: float = 1.0  # seconds between two requests to the same host
    timeout: float = 15.0
    retries: int = 2
    backoff: float = 0.5
    user_agent: str = USER_AGENT
    obey_robots: bool = True
    _client: Any = None
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def client(self) -> Any:
        if self._client is None:
            import httpx

            self._client = httpx.Client(
                timeout=self.timeout, follow_redirects=True, headers={"User-Agent": self.user_agent}
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        if not self.obey_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            rp: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            try:
                resp = self._get(urljoin(origin, "/robots.txt"), check_robots=False)
                if resp.status_code >= 400:
                    rp = None  # no robots.txt (or not readable): everything is allowed
                else:
                    assert rp is not None
                    rp.parse(resp.text.splitlines())
            except Exception:  # noqa: BLE001 - an unreachable robots.txt does not forbid; the page fetch will say
                rp = None
            self._robots[origin] = rp
        rp = self._robots[origin]
        return rp is None or rp.can_fetch(self.user_agent, url)

    def _get(self, url: str, check_robots: bool = True) -> Any:
        import httpx

        if check_robots and not self.allowed(url):
            raise PermissionError(f"robots.txt disallows {url}")
        host = urlsplit(url).netloc
        last_exc: Exception | None = None
        for attempt in range(self.retries + 1):
            self._wait(host)
            try:
                resp = self.client().get(url)
            except httpx.HTTPError as exc:
                last_exc = exc
            else:
                if resp.status_code in (429, 500, 502, 503, 504) and attempt < self.retries:
                    last_exc = RuntimeError(f"HTTP {resp.status_code}")
                else:
                    return resp
            time.sleep(self.backoff * (2**attempt))
        raise ConnectionError(f"{url}: {last_exc}")

    def get(self, url: str) -> bytes:
        resp = self._get(url)
        if resp.status_code >= 400:
            raise ConnectionError(f"{url}: HTTP {resp.status_code}")
        return bytes(resp.content)


def _entry_text(entry: Any) -> tuple[str | None, bool]:
    """The item's own text and whether it is HTML."""
    for c in entry.get("content", []) or []:
        if c.get("value"):
            return c["value"], "html" in (c.get("type") or "")
    summary = entry.get("summary")
    if summary:
        detail = entry.get("summary_detail") or {}
        return summary, "html" in (detail.get("type") or "text/html")
    return None, False


def _published(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", t)
    return entry.get("published") or entry.get("updated")


def _entry_document(entry: Any, feed_title: str | None, where: str) -> Document | ReadError:
    from rasad.ingest.html import html_to_document

    text, is_html = _entry_text(entry)
    if not text or not text.strip():
        return ReadError(where, "the feed item has no text and its page was not fetched")
    url = entry.get("link")
    try:
        if is_html:
            doc = html_to_document(f"<html><body>{text}</body></html>", url=url, name=where)
        else:
            doc = Document(raw=text.strip())
    except DecodeError as exc:
        return ReadError(where, str(exc))
    return _fill(doc, entry, feed_title, where, "feed-item")


def _fill(doc: Document, entry: Any, feed_title: str | None, where: str, how: str) -> Document:
    # The feed's metadata is what the publisher declared; prefer it to what extraction guessed.
    doc.title = entry.get("title") or doc.title
    doc.url = entry.get("link") or doc.url
    doc.published = _published(entry) or doc.published
    doc.outlet = feed_title or doc.outlet
    doc.source_path = where
    doc.meta = {**doc.meta, "format": "feed", "text_from": how}
    if entry.get("id"):
        doc.meta["guid"] = entry["id"]
    return doc


def _parse(data: bytes | str, where: str) -> Any:
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise DecodeError(f"{where}: not an RSS or Atom feed ({parsed.get('bozo_exception')})")
    return parsed


def read_feed_file(path: str | Path) -> Iterator[Document | ReadError]:
    p = Path(path)
    parsed = _parse(p.read_bytes(), str(p))
    title = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries):
        yield _entry_document(entry, title, f"{p}#{entry.get('link') or i}")


def read_feed_url(
    url: str, fetcher: Fetcher | None = None, fetch_pages: bool = True
) -> Iterator[Document | ReadError]:
    """Items of the feed at ``url``, each read from its page (or its own text when that fails)."""
    from rasad.ingest.html import decode_html, html_to_document

    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        try:
            parsed = _parse(fetcher.get(url), url)
        except (ConnectionError, PermissionError, DecodeError) as exc:
            yield ReadError(url, str(exc))
            return
        title = parsed.feed.get("title")
        for i, entry in enumerate(parsed.entries):
            link = entry.get("link")
            where = urljoin(url, link) if link else f"{url}#{i}"
            if not fetch_pages or not link:
                yield _entry_document(entry, title, where)
                continue
            link = urljoin(url, link)
            try:
                html = decode_html(fetcher.get(link), link)
                doc = html_to_document(html, url=link, name=link)
            except (ConnectionError, PermissionError, DecodeError) as exc:
                fallback = _entry_document(entry, title, where)
                if isinstance(fallback, Document):
                    fallback.meta["page_error"] = str(exc)
                    yield fallback
                else:
                    yield ReadError(where, str(exc))
                continue
            doc = _fill(doc, entry, title, link, "page")
            doc.url = link  # absolute, as fetched (a feed may give relative links)
            yield doc
    finally:
        if own:
            fetcher.close()
