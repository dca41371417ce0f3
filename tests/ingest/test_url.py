"""URL fetching against a real local HTTP server: success, user agent, size cap,
timeout, HTTP errors and unreachable hosts — each a clear problem, never a crash."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsdesk.errors import FetchError
from newsdesk.ingest import fetch_url, read_inputs
from newsdesk.model import InputProblem, Report
from newsdesk.settings import Settings

PAGE = (b"<html><head><title>Harbour reopens</title></head><body><article><p>The harbour of Lindqvist "
        b"reopened on Monday after a week of repairs, the port authority said.</p></article></body></html>")
SEEN_AGENTS: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        if self.path == "/page":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/big":
            self._send(200, b"x" * 50_000, "text/plain")
        elif self.path == "/slow":
            time.sleep(2)
            self._send(200, PAGE, "text/html")
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_fetch_sends_our_user_agent_and_follows_redirects(server: str) -> None:
    settings = Settings()
    report = fetch_url(f"{server}/redirect", settings)
    assert report.content == PAGE
    assert report.meta["url"].endswith("/page")
    assert report.meta["charset"] == "utf-8"
    assert SEEN_AGENTS[-1] == settings.user_agent and "newsdesk" in SEEN_AGENTS[-1]


def test_size_cap_timeout_and_http_errors_are_clear(server: str) -> None:
    with pytest.raises(FetchError, match="larger than 10000 bytes"):
        fetch_url(f"{server}/big", Settings(max_bytes=10_000))
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(f"{server}/slow", Settings(fetch_timeout=0.5))
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_url(f"{server}/missing", Settings())


def test_unreachable_url_is_one_problem_and_the_batch_goes_on(server: str) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/x"
    items = list(read_inputs([dead, f"{server}/page", f"{server}/missing"], Settings(fetch_timeout=3)))
    problems = [i for i in items if isinstance(i, InputProblem)]
    reports = [i for i in items if isinstance(i, Report)]
    assert [p.source for p in problems] == [dead, f"{server}/missing"]
    assert "unreachable" in problems[0].reason
    assert len(reports) == 1 and reports[0].kind == "html"
