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

    def dossier(self, story_id: int) -> dict[str, Any]:
        """A story's dossier JSON; served from memory while the story is unchanged."""
        return self._cached(self.store.get_story(story_id))[1]

    def dossier_json(self, story_id: int) -> tuple[bytes, str] | None:
        """The dossier serialised once (bytes and an ETag), or None for a story with no
        articles: a read of a cached dossier costs one story lookup, not a re-encoding
        of every article text."""
        story = self.store.get_story(story_id)
        if not story.article_ids:
            return None
        _, _, body, etag = self._cached(story)
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
