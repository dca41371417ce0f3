"""What the routers share: the application state (settings, store, job runner, caches)
and the request helpers that reach it. Routers import this module; it imports no router."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import HTTPException, Request

from newsdesk import service
from newsdesk.settings import Settings
from newsdesk.store import Store
from newsdesk.web.jobs import JobRunner


@dataclass
class AppState:
    """What the routes share: settings, the store, the job runner, a dossier cache."""

    settings: Settings
    store: Store
    jobs: JobRunner
    _dossiers: dict[int, tuple[Any, dict[str, Any], bytes, str]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    # How long a cached dossier is served without asking the store whether its story
    # changed. Writes through this process forget the entry at once; another server
    # process's writes show within this many seconds.
    recheck_s: float = 1.0
    _checked: dict[int, tuple[float, int]] = field(default_factory=dict)

    _searches: dict[tuple[str, int], tuple[float, int, list[Any]]] = field(default_factory=dict)
    _pages: dict[int, tuple[str, bytes]] = field(default_factory=dict)

    def rendered(self, story_id: int, etag: str, render: Callable[[], bytes]) -> bytes:
        """A story page rendered once per dossier version: ``etag`` is the dossier's
        ETag, so the cached page is used exactly while the dossier is unchanged."""
        with self._lock:
            hit = self._pages.get(story_id)
        if hit and hit[0] == etag:
            return hit[1]
        body = render()
        with self._lock:
            if len(self._pages) >= 256:
                self._pages.clear()
            self._pages[story_id] = (etag, body)
        return body

    def search(self, query: str, limit: int) -> list[Any]:
        """Store search, with identical queries answered from memory for ``recheck_s``
        (a burst of readers searching the same story costs one full-text query)."""
        key, now, generation = (query, limit), time.monotonic(), self.jobs.generation
        with self._lock:
            hit = self._searches.get(key)
        if hit and now - hit[0] < self.recheck_s and hit[1] == generation:
            return hit[2]
        hits = self.store.search(query, limit=limit)
        with self._lock:
            if len(self._searches) >= 256:
                self._searches.clear()
            self._searches[key] = (now, generation, hits)
        return hits

    def forget(self, story_id: int) -> None:
        with self._lock:
            self._checked.pop(story_id, None)

    def dossier(self, story_id: int) -> dict[str, Any]:
        """A story's dossier JSON; served from memory while the story is unchanged."""
        return self._cached(self.store.get_story(story_id))[1]

    def dossier_json(self, story_id: int) -> tuple[bytes, str] | None:
        """The dossier serialised once (bytes and an ETag), or None for a story with no
        articles: a read of a cached dossier costs one story lookup, not a re-encoding
        of every article text."""
        now, generation = time.monotonic(), self.jobs.generation
        with self._lock:
            entry, checked = self._dossiers.get(story_id), self._checked.get(story_id)
        if entry and checked and now - checked[0] < self.recheck_s and checked[1] == generation:
            return entry[2], entry[3]
        story = self.store.get_story(story_id)
        if not story.article_ids:
            return None
        _, _, body, etag = self._cached(story)
        with self._lock:
            self._checked[story_id] = (now, generation)
        return body, etag

    def _cached(self, story: Any) -> tuple[Any, dict[str, Any], bytes, str]:
        story_id = story.id
        key = (story.updated, story.dossier_stale, len(story.article_ids))
        with self._lock:
            cached = self._dossiers.get(story_id)
        if cached and cached[0] == key and not story.dossier_stale:
            return cached
        data = service.story_dossier(self.store, story_id, self.settings)
        story = self.store.get_story(story_id)
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        entry = ((story.updated, story.dossier_stale, len(story.article_ids)), data, body,
                 '"' + hashlib.sha256(body).hexdigest()[:20] + '"')
        with self._lock:
            self._dossiers[story_id] = entry
        return entry


def state(request: Request) -> AppState:
    return request.app.state.newsdesk


def require_token(request: Request) -> None:
    """Write endpoints need the token when one is configured (header or form field)."""
    token = state(request).settings.token
    if not token:
        return
    given = request.headers.get("x-newsdesk-token", "")
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    if not given:
        given = request.cookies.get("newsdesk_token", "")
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid token is required for this request (Authorization: Bearer <token>)")
