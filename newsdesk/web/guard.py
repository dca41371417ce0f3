"""Request guard (raw ASGI middleware), applied before any route reads a body:

1. **Cross-site writes are refused** (CSRF): a POST/PUT/PATCH/DELETE whose
   ``Sec-Fetch-Site`` is neither ``same-origin`` nor ``none`` — or, from a browser too
   old to send it, whose ``Origin`` is not this server's own — gets 403, with or without
   an API token. Clients that send neither header (curl, scripts) are not browsers
   acting for someone else.
2. **Authenticate first**: with a token configured, an ``/api``, ``/add`` or
   ``/stories/...`` (story edit form) write without a valid
   token (header or cookie) gets 401 before one byte of its body is read.
3. **Body caps**: a declared ``Content-Length`` over the cap gets 413 at once; a
   streamed body is counted and reading stops at the cap (413). Multipart bodies are
   capped at ``max_request_bytes``, every other body at ``max_json_bytes``.
"""

from __future__ import annotations

import hmac
from urllib.parse import unquote_to_bytes, urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsdesk.settings import Settings
from newsdesk.web.errors import _respond

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
SAME_SITE_OK = {"same-origin", "none"}


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a request body passes its cap (status 413)."""

    def __init__(self, cap: int) -> None:
        super().__init__(413, f"request body larger than {cap} bytes")


def token_from_headers(request: Request) -> str:
    """The token a request carries in ``Authorization: Bearer``, ``X-Newsdesk-Token``
    or the ``newsdesk_token`` cookie ("" when none)."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-newsdesk-token", "") or request.cookies.get("newsdesk_token", "")


TOKEN_FORM_BYTES = 4096  # the token form holds one short field


def token_ok(given: str, token: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode(), token.encode())


def _default_port(scheme: str) -> int:
    return 443 if scheme in {"https", "wss"} else 80


def same_origin(origin: str, host: str) -> bool:
    """Whether an ``Origin`` header names the server the ``Host`` header addressed.

    >>> same_origin("http://127.0.0.1:8000", "127.0.0.1:8000"), same_origin("http://127.0.0.1:9000", "127.0.0.1:8000")
    (True, False)
    >>> same_origin("https://news.example", "news.example:443")
    True
    """
    try:
        o = urlsplit(origin)
        h = urlsplit(f"//{host}")
        o_port, h_port = o.port or _default_port(o.scheme), h.port or _default_port(o.scheme)
    except ValueError:
        return False
    return bool(o.hostname) and o.hostname == h.hostname and o_port == h_port


def _valid_query(raw: bytes) -> bool:
    """Whether a raw query string percent-decodes to valid UTF-8 (lone surrogates too
    are invalid).

    >>> _valid_query(b"q=defen%C3%A7e"), _valid_query(b"q=%ff%fe"), _valid_query(b"q=%ed%a0%80")
    (True, False, False)
    """
    try:
        unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class RequestGuard:
    """See the module docstring; ``settings`` gives the token and the caps."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    def _refusal(self, request: Request) -> tuple[int, str] | None:
        if not _valid_query(request.scope.get("query_string", b"")):
            # Starlette would decode it with replacement characters and answer as if valid.
            return 422, "the query string is not valid percent-encoded UTF-8"
        if request.method not in UNSAFE:
            return None
        site = request.headers.get("sec-fetch-site")
        origin = request.headers.get("origin")
        if site is not None:  # set by the browser, never by a page; trusted over Origin, which
            # is "null" on our own pages' posts (they send Referrer-Policy: no-referrer)
            if site.lower() not in SAME_SITE_OK:
                return 403, f"cross-site request refused (Sec-Fetch-Site: {site})"
        elif origin is not None and not same_origin(origin, request.headers.get("host", "")):
            return 403, "cross-origin request refused (Origin does not match this server)"
        token = self.settings.token
        if token and (request.url.path.startswith(("/api/", "/stories/")) or request.url.path == "/add") \
                and not token_ok(token_from_headers(request), token):
            # The add form and the story edit forms carry the token in the cookie set by
            # POST /token, so this check, like the API's, runs before a body is read.
            return 401, "a valid token is required for this request (Authorization: Bearer <token>)"
        return None

    def cap_for(self, request: Request) -> int:
        if request.url.path == "/token":
            return TOKEN_FORM_BYTES
        multipart = request.headers.get("content-type", "").lower().startswith("multipart/")
        return self.settings.max_request_bytes if multipart else self.settings.max_json_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refusal = self._refusal(request)
        cap = self.cap_for(request)
        declared = request.headers.get("content-length", "")
        if refusal is None and declared:
            if not declared.isdigit():
                refusal = 400, "Content-Length must be a number"
            elif int(declared) > cap:
                refusal = 413, f"request body larger than {cap} bytes"
        if refusal is not None:
            await _respond(request, *refusal)(scope, receive, send)
            return

        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise BodyTooLarge(cap)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge as exc:  # raised where no handler turned it into a response
            if started:
                raise
            await _respond(request, exc.status_code, str(exc.detail))(scope, receive, send)
