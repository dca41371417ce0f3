"""RSS / Atom / RDF feeds → one Report per entry (feedparser)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

from newsdesk.model import InputProblem, Report


def _when(entry, key: str) -> str | None:  # noqa: ANN001
    parsed = entry.get(f"{key}_parsed")
    if parsed:
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    return entry.get(key)


_EMAIL_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^)]+)\)\s*$")


def _authors(entry) -> list[str]:  # noqa: ANN001
    """RSS puts "email (Name)" in <author>; Atom has names. Keep names, never emails."""
    raw = entry.get("author", "") or ""
    m = _EMAIL_NAME.match(raw)
    if m:
        return [m["name"].strip()]
    names = [a.get("name", "").strip() for a in entry.get("authors", []) if a.get("name")]
    return [n for n in names if "@" not in n] or ([raw.strip()] if raw.strip() and "@" not in raw else [])


def read_feed(data: bytes, source: str) -> Iterator[Report | InputProblem]:
    """Entries with content (or a summary) become HTML reports with the feed's metadata."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries", [])
    if not entries:
        reason = str(parsed.get("bozo_exception", "")) or "no entries"
        yield InputProblem(source, f"malformed or empty feed: {reason}")
        return
    outlet = parsed.get("feed", {}).get("title")
    for i, entry in enumerate(entries, start=1):
        where = f"{source}#entry-{i}"
        content = entry.get("content") or []
        body = content[0].get("value") if content else entry.get("summary") or entry.get("description")
        if not body:
            yield InputProblem(where, "feed entry has no content or summary")
            continue
        authors = _authors(entry)
        published, updated = _when(entry, "published"), _when(entry, "updated")
        meta = {"title": entry.get("title"), "url": entry.get("link"), "published": published or updated,
                "updated": updated if published and updated != published else None, "authors": authors,
                "outlet": outlet}
        yield Report(where, body, "html", {k: v for k, v in meta.items() if v})
