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
from newsdesk.ingest.netguard import AddressPolicy
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
            self._redirect("/page")
        elif self.path == "/to-loopback":
            self._redirect(f"http://127.0.0.1:{self.server.server_address[1]}/page")
        elif self.path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif self.path == "/trickle":  # headers at once, then one byte every 0.2 s for 20 s
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "100")
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
        else:
            self._send(404, b"not here", "text/plain")

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

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


LOCAL = Settings(fetch_allow_hosts="127.0.0.1")  # the test server is on loopback


def test_fetch_sends_our_user_agent_and_follows_redirects(server: str) -> None:
    settings = LOCAL
    report = fetch_url(f"{server}/redirect", settings)
    assert report.content == PAGE
    assert report.meta["url"].endswith("/page")
    assert report.meta["charset"] == "utf-8"
    assert SEEN_AGENTS[-1] == settings.user_agent and "newsdesk" in SEEN_AGENTS[-1]


def test_size_cap_timeout_and_http_errors_are_clear(server: str) -> None:
    with pytest.raises(FetchError, match="larger than 10000 bytes"):
        fetch_url(f"{server}/big", LOCAL.replace(max_bytes=10_000))
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(f"{server}/slow", LOCAL.replace(fetch_timeout=0.5))
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_url(f"{server}/missing", LOCAL)


def test_unreachable_url_is_one_problem_and_the_batch_goes_on(server: str) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/x"
    items = list(read_inputs([dead, f"{server}/page", f"{server}/missing"], LOCAL.replace(fetch_timeout=3)))
    problems = [i for i in items if isinstance(i, InputProblem)]
    reports = [i for i in items if isinstance(i, Report)]
    assert [p.source for p in problems] == [dead, f"{server}/missing"]
    assert "unreachable" in problems[0].reason
    assert len(reports) == 1 and reports[0].kind == "html"


@pytest.mark.parametrize("address", ["127.0.0.1", "::1", "10.2.3.4", "172.16.0.9", "192.168.1.20",
                                     "169.254.169.254", "fe80::1", "224.0.0.251", "ff02::1", "240.0.0.1",
                                     "0.0.0.0", "100.64.0.1", "::ffff:127.0.0.1", "64:ff9b::a00:1", "fc00::5"])
def test_internal_addresses_are_refused(address: str) -> None:
    assert AddressPolicy().refusal("news.example", address) is not None


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700:4700::1111", "8.8.8.8"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert AddressPolicy().refusal("news.example", address) is None


def test_allow_list_by_name_and_network() -> None:
    policy = AddressPolicy.from_setting("wiki.intranet.example, 10.8.0.0/16")
    assert policy.refusal("WIKI.intranet.example.", "10.0.0.7") is None
    assert policy.refusal("other.example", "10.8.200.1") is None
    assert policy.refusal("other.example", "10.9.0.1") == "10.9.0.1 is a private address"
    assert AddressPolicy.from_setting("*").refusal("any.example", "127.0.0.1") is None


def test_loopback_is_refused_by_default(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    for url in (f"{server}/page", f"http://localhost:{port}/page", f"http://2130706433:{port}/page"):
        with pytest.raises(FetchError, match="refused to fetch .*(loopback|private)"):
            fetch_url(url, Settings())
    problems = list(read_inputs([f"{server}/page"], Settings()))
    assert isinstance(problems[0], InputProblem) and "loopback" in problems[0].reason


def test_a_redirect_to_an_internal_address_is_refused(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    allowed_name_only = Settings(fetch_allow_hosts="localhost")
    assert fetch_url(f"http://localhost:{port}/page", allowed_name_only).content == PAGE
    with pytest.raises(FetchError, match="127.0.0.1 is a loopback address"):
        fetch_url(f"http://localhost:{port}/to-loopback", allowed_name_only)


def test_only_http_and_https_are_fetched(server: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url("file:///etc/passwd", LOCAL)
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url(f"{server}/to-file", LOCAL)


def test_the_timeout_is_a_total_deadline_for_a_trickling_server(server: str) -> None:
    began = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 1.5s"):
        fetch_url(f"{server}/trickle", LOCAL.replace(fetch_timeout=1.5))
    assert time.monotonic() - began < 3.0
