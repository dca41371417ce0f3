"""The FastAPI application: REST API under /api, newsroom pages, our own static files.

>>> app = create_app(Settings(db_url="sqlite:///:memory:"))  # doctest: +SKIP
"""

from __future__ import annotations

import hmac
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
    _dossiers: dict[int, tuple[Any, dict[str, Any]]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def dossier(self, story_id: int) -> dict[str, Any]:
        """A story's dossier JSON; served from memory while the story is unchanged."""
        story = self.store.get_story(story_id)
        key = (story.updated, story.dossier_stale, len(story.article_ids))
        with self._lock:
            cached = self._dossiers.get(story_id)
        if cached and cached[0] == key and not story.dossier_stale:
            return cached[1]
        data = service.story_dossier(self.store, story_id, self.settings)
        story = self.store.get_story(story_id)
        with self._lock:
            self._dossiers[story_id] = ((story.updated, story.dossier_stale, len(story.article_ids)), data)
        return data


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


def run(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve with uvicorn (loopback unless ``host`` says otherwise)."""
    import uvicorn

    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
