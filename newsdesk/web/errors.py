"""One stable JSON error shape for every API error:
``{"error": {"code": "not_found", "message": "...", "status": 404}}``."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from newsdesk.errors import InputError, NewsdeskError, NotFoundError, StoreError
from newsdesk.web.templating import render_error

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         409: "conflict", 413: "too_large", 422: "invalid_request", 500: "internal_error", 503: "unavailable"}


def error_body(status: int, message: str, code: str | None = None) -> dict[str, object]:
    return {"error": {"code": code or CODES.get(status, "error"), "message": message, "status": status}}


def _respond(request: Request, status: int, message: str) -> JSONResponse | HTMLResponse:
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse(error_body(status, message), status_code=status)
    return render_error(request, status, message)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):  # noqa: ANN202
        return _respond(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):  # noqa: ANN202
        parts = [f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()]
        return _respond(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError):  # noqa: ANN202
        return _respond(request, 404, str(exc))

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError):  # noqa: ANN202
        return _respond(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):  # noqa: ANN202
        return _respond(request, 503, f"store unavailable: {exc}")

    @app.exception_handler(NewsdeskError)
    async def other_error(request: Request, exc: NewsdeskError):  # noqa: ANN202
        return _respond(request, 400, str(exc))
