"""The FastAPI application: REST API under /api, newsroom pages, our own static files.

>>> app = create_app(Settings(db_url="sqlite:///:memory:"))  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import os
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from newsdesk import __version__
from newsdesk.settings import Settings
from newsdesk.store import Store, open_store
from newsdesk.web import api, docs, pages
from newsdesk.web.errors import install_error_handlers
from newsdesk.web.guard import RequestGuard
from newsdesk.web.jobs import JobRunner
from newsdesk.web.state import AppState

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARDS = {"0.0.0.0", "::", ""}


def split_names(value: str) -> list[str]:
    return [n.strip().lower() for n in value.replace(",", " ").split() if n.strip()]


def trusted_hosts(settings: Settings, bound: str | None = None) -> list[str]:
    """The ``Host`` names the app answers to (anything else gets 400, which stops DNS
    rebinding): ``settings.allowed_hosts``, the loopback names, and the bound address —
    or, when bound to every interface, this machine's own names. IPv6 addresses are
    bracketed, as they appear in a ``Host`` header.

    >>> trusted_hosts(Settings(allowed_hosts="news.example"), "127.0.0.1")
    ['news.example', 'localhost', '127.0.0.1', '[::1]']
    """
    names = split_names(settings.allowed_hosts) + list(LOOPBACK_NAMES)
    if bound is not None and bound.strip("[]") in WILDCARDS:
        names += [socket.gethostname().lower(), socket.getfqdn().lower()]
    elif bound:
        names.append(bound.strip("[]").lower())
    return list(dict.fromkeys(f"[{n}]" if ":" in n and not n.startswith("[") else n for n in names))


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """Build the app over ``store`` (opened from ``settings.db_url`` if not given).

    Requests are checked, outermost first: ``Host`` against :func:`trusted_hosts`
    (``settings.allowed_hosts`` holds the bound name when served by :func:`run`), then
    :class:`~newsdesk.web.guard.RequestGuard` (cross-site writes, token, body caps)."""
    store = store or open_store(settings.db_url)
    app = FastAPI(title="newsdesk", version=__version__, lifespan=_lifespan, docs_url=None, redoc_url=None,
                  description="News reports in, cross-checked story dossiers out.")
    app.state.newsdesk = AppState(settings=settings, store=store, jobs=JobRunner(store, settings))
    install_error_handlers(app)
    app.add_middleware(RequestGuard, settings=settings)
    hosts = trusted_hosts(settings)
    if "*" not in hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts, www_redirect=False)

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
    app.include_router(docs.router)
    from importlib.resources import files

    app.mount("/static", StaticFiles(directory=str(files("newsdesk.web") / "static")), name="static")
    app.mount(docs.ASSETS, StaticFiles(directory=str(docs.assets_dir())), name="docs-assets")
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.newsdesk.jobs.shutdown()


def app_from_env() -> FastAPI:
    """App factory for worker processes: settings come from ``NEWSDESK_*`` variables."""
    return create_app(Settings.load())


def run(settings: Settings, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve with uvicorn (loopback unless ``host`` says otherwise). With ``workers`` > 1
    uvicorn starts that many processes; they share the store (stories, dossiers, jobs)
    and each keeps its own in-memory cache of serialised dossiers."""
    import uvicorn

    settings = settings.replace(allowed_hosts=" ".join(trusted_hosts(settings, host)))
    if workers <= 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
        return
    for f in dataclasses.fields(settings):
        value = getattr(settings, f.name)
        if value is not None:
            os.environ[f"NEWSDESK_{f.name.upper()}"] = str(value)
    uvicorn.run("newsdesk.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level="info")
