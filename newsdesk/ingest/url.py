"""http(s) URLs → Reports: httpx with a timeout, redirects, a size cap and our user agent."""

from __future__ import annotations

import httpx

from newsdesk.errors import FetchError
from newsdesk.model import Report
from newsdesk.settings import Settings


def fetch_url(url: str, settings: Settings, transport: httpx.BaseTransport | None = None) -> Report:
    """Fetch one URL; the body is returned raw (sniffed later like a file).

    >>> fetch_url("https://example.org", Settings())  # doctest: +SKIP
    """
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml,text/plain,*/*;q=0.5"}
    try:
        with httpx.Client(timeout=settings.fetch_timeout, follow_redirects=True, max_redirects=5,
                          headers=headers, transport=transport) as client, client.stream("GET", url) as resp:
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
            meta = {"url": str(resp.url)}
            ctype = resp.headers.get("content-type", "")
            if "charset=" in ctype:
                meta["charset"] = ctype.split("charset=", 1)[1].split(";")[0].strip()
            return Report(url, bytes(body), "unknown", meta)
    except httpx.TimeoutException as exc:
        raise FetchError(url, f"timed out after {settings.fetch_timeout:g}s") from exc
    except httpx.TooManyRedirects as exc:
        raise FetchError(url, "too many redirects") from exc
    except httpx.HTTPError as exc:
        raise FetchError(url, f"unreachable: {exc.__class__.__name__}: {exc}") from exc
