"""http(s) URLs → Reports: httpx with a total deadline, checked redirects, a size cap,
our user agent, and no connection to internal addresses unless the settings allow it
(see :mod:`newsdesk.ingest.netguard`)."""

from __future__ import annotations

import ssl
import time

import certifi
import httpcore
import httpx

from newsdesk.errors import FetchError
from newsdesk.ingest.netguard import AddressPolicy, BlockedAddress, GuardedBackend
from newsdesk.model import Report
from newsdesk.settings import Settings

SCHEMES = ("http", "https")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over :class:`GuardedBackend`: every connection (the first and
    one per redirect to a new host) is checked against ``policy`` and ends by
    ``deadline`` (``time.monotonic()`` seconds). Environment proxies are ignored, so
    no proxy can connect on our behalf to what the policy refuses."""

    def __init__(self, policy: AddressPolicy, deadline: float) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl.create_default_context(cafile=certifi.where()), max_connections=4,
            network_backend=GuardedBackend(policy, deadline))


def _check_scheme(url: httpx.URL | str, source: str) -> None:
    scheme = httpx.URL(str(url)).scheme.lower()
    if scheme not in SCHEMES:
        raise FetchError(source, f"only http and https URLs are fetched, not {scheme or 'a relative URL'}")


def fetch_url(url: str, settings: Settings, transport: httpx.BaseTransport | None = None,
              headers: dict[str, str] | None = None) -> Report:
    """Fetch one URL; the body is returned raw (sniffed later like a file).

    ``settings.fetch_timeout`` is a total deadline in seconds for the whole fetch
    (connections, redirects, body), so a server trickling bytes cannot hold it.
    Internal addresses (loopback, private, link-local, multicast, reserved) are refused
    unless listed in ``settings.fetch_allow_hosts``. Raises :class:`FetchError` for a
    refused address or scheme, a bad status, a body over ``settings.max_bytes``, the
    deadline, and any network error.

    ``headers`` are sent as well (``If-None-Match`` / ``If-Modified-Since`` for a
    conditional GET); the answer's ``status``, ``etag`` and ``last_modified`` are then in
    ``meta`` (a 304 has an empty body).

    >>> fetch_url("https://example.org", Settings())  # doctest: +SKIP
    """
    extra = headers
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml,text/plain,*/*;q=0.5",
               **(extra or {})}
    try:
        _check_scheme(url, url)
    except httpx.InvalidURL as exc:
        raise FetchError(url, f"not a valid URL: {exc}") from exc
    deadline = time.monotonic() + settings.fetch_timeout
    policy = AddressPolicy.from_setting(settings.fetch_allow_hosts)
    transport = transport or GuardedTransport(policy, deadline)

    def on_response(resp: httpx.Response) -> None:
        if resp.is_redirect and resp.has_redirect_location:
            _check_scheme(resp.url.join(resp.headers["location"]), url)

    try:
        with httpx.Client(timeout=settings.fetch_timeout, follow_redirects=True, max_redirects=5,
                          headers=headers, transport=transport, trust_env=False,
                          event_hooks={"response": [on_response]}) as client, \
                client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                raise FetchError(url, f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > settings.max_bytes:
                raise FetchError(url, f"larger than {settings.max_bytes} bytes")
            body = bytearray()
            for chunk in resp.iter_bytes():
                body += chunk
                if len(body) > settings.max_bytes:
                    raise FetchError(url, f"larger than {settings.max_bytes} bytes")
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("the fetch deadline passed")
            meta: dict[str, object] = {"url": str(resp.url)}
            if extra is not None:
                meta.update(status=resp.status_code, etag=resp.headers.get("etag"),
                            last_modified=resp.headers.get("last-modified"))
            ctype = resp.headers.get("content-type", "")
            if "charset=" in ctype:
                meta["charset"] = ctype.split("charset=", 1)[1].split(";")[0].strip()
            return Report(url, bytes(body), "unknown", meta)
    except httpx.TimeoutException as exc:
        raise FetchError(url, f"timed out after {settings.fetch_timeout:g}s") from exc
    except httpx.TooManyRedirects as exc:
        raise FetchError(url, "too many redirects") from exc
    except httpx.UnsupportedProtocol as exc:
        raise FetchError(url, f"only http and https URLs are fetched: {exc}") from exc
    except httpx.InvalidURL as exc:
        raise FetchError(url, f"not a valid URL: {exc}") from exc
    except httpx.HTTPError as exc:
        if isinstance(exc.__cause__, BlockedAddress):
            raise FetchError(url, f"{exc} (listed hosts can be allowed with fetch_allow_hosts)") from exc
        raise FetchError(url, f"unreachable: {exc.__class__.__name__}: {exc}") from exc
