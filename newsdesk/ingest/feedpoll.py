"""Poll one RSS/Atom feed for entries not read before (``newsdesk watch``).

The feed is fetched with a conditional GET (``If-None-Match`` / ``If-Modified-Since``
from the validators of the last answer), through the SSRF-guarded fetch of
:mod:`newsdesk.ingest.url`, and parsed with feedparser. An entry is known by its id
(else its link, else a digest of its title and summary). An entry whose own content is
short (a teaser) is replaced by the page it links to, fetched the same guarded way; if
that fails, the entry's own content is used.

>>> poll_feed("https://news.example/rss", Settings(), set())  # doctest: +SKIP
FeedPoll(status=200, entries=[...], etag='"a1"', last_modified=None)
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from newsdesk.errors import FetchError
from newsdesk.ingest.feed import _authors, _when
from newsdesk.ingest.url import fetch_url
from newsdesk.model import InputProblem, Report
from newsdesk.settings import Settings

FULL_TEXT_CHARS = 600   # an entry with less text than this is a teaser: its page is fetched
_TAG = re.compile(r"<[^>]+>")


@dataclass
class FeedEntry:
    """One new entry: its id and what was read for it (a report or why not)."""

    entry_id: str
    item: Report | InputProblem


@dataclass
class FeedPoll:
    """One poll of a feed: the HTTP ``status`` (304: unchanged), the new entries, and
    the validators to send next time."""

    status: int
    entries: list[FeedEntry] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None


def entry_id(entry: Any) -> str:
    """The entry's stable id: its ``id``/``guid``, else its link, else a digest."""
    key = entry.get("id") or entry.get("link")
    if key:
        return str(key)
    raw = f"{entry.get('title', '')}\0{entry.get('summary', '')}".encode()
    return "sha1:" + hashlib.sha1(raw).hexdigest()


def _entry_report(entry: Any, feed_url: str, outlet: str | None, settings: Settings) -> Report | InputProblem:
    from newsdesk.ingest import read_bytes

    content = entry.get("content") or []
    body = content[0].get("value") if content else entry.get("summary") or entry.get("description") or ""
    link = entry.get("link")
    published, updated = _when(entry, "published"), _when(entry, "updated")
    meta = {k: v for k, v in {"title": entry.get("title"), "url": link, "published": published or updated,
                              "authors": _authors(entry), "outlet": outlet}.items() if v}
    source = link or f"{feed_url}#{entry_id(entry)}"
    if link and len(" ".join(_TAG.sub(" ", body).split())) < FULL_TEXT_CHARS:
        try:
            page = fetch_url(link, settings)
            for item in read_bytes(page.content, link, settings, {**page.meta, **meta}):  # type: ignore[arg-type]
                return item
        except FetchError as exc:
            if not body:
                return InputProblem(link, exc.reason)
    if not body:
        return InputProblem(source, "feed entry has no content or summary")
    return Report(source, body, "html", meta)


def poll_feed(url: str, settings: Settings, seen: set[str], etag: str | None = None,
              last_modified: str | None = None) -> FeedPoll:
    """Fetch the feed (conditionally) and read its entries not in ``seen``, oldest
    first. Raises FetchError when the feed itself cannot be fetched."""
    import feedparser

    headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    answer = fetch_url(url, settings, headers=headers)
    poll = FeedPoll(int(answer.meta.get("status", 200)), etag=answer.meta.get("etag") or etag,
                    last_modified=answer.meta.get("last_modified") or last_modified)
    if poll.status == 304:
        return poll
    parsed = feedparser.parse(answer.content)
    outlet = parsed.get("feed", {}).get("title")
    entries = list(parsed.get("entries", []))
    if not entries and parsed.get("bozo"):
        raise FetchError(url, f"malformed feed: {parsed.get('bozo_exception', '')}")
    fresh = [e for e in entries if entry_id(e) not in seen]
    fresh.sort(key=lambda e: tuple(e.get("published_parsed") or e.get("updated_parsed") or ()))
    for entry in fresh:
        poll.entries.append(FeedEntry(entry_id(entry), _entry_report(entry, url, outlet, settings)))
    return poll
