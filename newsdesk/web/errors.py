"""One stable JSON error shape for every API error (README, "The web page and the REST API"):
``{"error": {"code": "not_found", "message": "...", "status": 404, "details": []}}`` (the
HTTP status repeated in the body); ``details`` lists the specific problems (each invalid field of a request,
the input that could not be read), empty when the message says it all."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from newsdesk.errors import EditError, InputError, NewsdeskError, NotFoundError, StoreError
from newsdesk.web.templating import render_error

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         409: "conflict", 413: "too_large", 422: "invalid_request", 429: "too_many_requests", 500: "internal_error", 503: "unavailable"}


def error_body(status: int, message: str, code: str | None = None,
               details: list[dict[str, Any]] | None = None) -> dict[str, object]:
    """The error document.

    >>> error_body(404, "no story 7")
    {'error': {'code': 'not_found', 'message': 'no story 7', 'status': 404, 'details': []}}
    """
    return {"error": {"code": code or CODES.get(status, "error"), "message": message, "status": status,
                      "details": details or []}}


def _respond(request: Request, status: int, message: str,
             details: list[dict[str, Any]] | None = None) -> JSONResponse | HTMLResponse:
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse(error_body(status, message, details=details), status_code=status)
    return render_error(request, status, message)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):  # noqa: ANN202
        return _respond(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):  # noqa: ANN202
        details = [{"field": ".".join(str(x) for x in e.get("loc", ())), "problem": str(e.get("msg"))}
                   for e in exc.errors()]
        parts = [f"{d['field']}: {d['problem']}" for d in details]
        return _respond(request, 422, "; ".join(parts) or "invalid request", details)

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError):  # noqa: ANN202
        return _respond(request, 404, str(exc))

    @app.exception_handler(EditError)
    async def edit_conflict(request: Request, exc: EditError):  # noqa: ANN202
        return _respond(request, 409, str(exc))

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError):  # noqa: ANN202
        return _respond(request, 400, str(exc), [{"source": exc.source, "problem": exc.reason}])

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):  # noqa: ANN202
        return _respond(request, 503, f"store unavailable: {exc}")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):  # noqa: ANN202
        # a bug: still the documented JSON shape, never a plain-text traceback page
        return _respond(request, 500, f"internal error ({type(exc).__name__}); see the server log")

    @app.exception_handler(NewsdeskError)
    async def other_error(request: Request, exc: NewsdeskError):  # noqa: ANN202
        return _respond(request, 400, str(exc))
