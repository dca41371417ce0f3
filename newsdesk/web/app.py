"""The FastAPI application: REST API under /api, newsroom pages, our own static files.

>>> app = create_app(Settings(db_url="sqlite:///:memory:"))  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.staticfiles import StaticFiles

from newsdesk import __version__, service
from newsdesk.settings import Settings
from newsdesk.store import Store, open_store
from newsdesk.web.errors import install_error_handlers
from newsdesk.web.jobs import JobRunner

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


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


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """Build the app over ``store`` (opened from ``settings.db_url`` if not given)."""
    from newsdesk.web import api, pages

    store = store or open_store(settings.db_url)
    app = FastAPI(title="newsdesk", version=__version__,
                  description="News reports in, cross-checked story dossiers out.")
    app.state.newsdesk = AppState(settings=settings, store=store, jobs=JobRunner(store, settings))
    install_error_handlers(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # noqa: ANN001, ANN202
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    app.include_router(api.router)
    app.include_router(pages.router)
    from importlib.resources import files

    app.mount("/static", StaticFiles(directory=str(files("newsdesk.web") / "static")), name="static")

    @app.on_event("shutdown")
    def _stop() -> None:
        app.state.newsdesk.jobs.shutdown()

    return app


def app_from_env() -> FastAPI:
    """App factory for worker processes: settings come from ``NEWSDESK_*`` variables."""
    return create_app(Settings.load())


def run(settings: Settings, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve with uvicorn (loopback unless ``host`` says otherwise). With ``workers`` > 1
    uvicorn starts that many processes; they share the store (stories, dossiers, jobs)
    and each keeps its own in-memory cache of serialised dossiers."""
    import uvicorn

    if workers <= 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
        return
    for f in dataclasses.fields(settings):
        value = getattr(settings, f.name)
        if value is not None:
            os.environ[f"NEWSDESK_{f.name.upper()}"] = str(value)
    uvicorn.run("newsdesk.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level="info")
