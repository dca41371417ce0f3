"""A live ``newsdesk serve`` on 127.0.0.1 (a real process, as users run it) and a
second local HTTP server playing an internal service or another site's page."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Live:
    base: str
    port: int
    log: Path
    pid: int = 0

    def wait_job(self, job_id: str, timeout: float = 300) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = httpx.get(f"{self.base}/api/jobs/{job_id}", timeout=10).json()
            if job["state"] in {"done", "failed"}:
                return job
            time.sleep(0.3)
        raise AssertionError(f"job {job_id} not finished in {timeout}s; server log:\n{self.log.read_text()[-3000:]}")


@contextlib.contextmanager
def live_server(db_url: str, tmp: Path, **settings: object) -> Iterator[Live]:
    """``python -m newsdesk serve`` with ``settings`` as NEWSDESK_* variables."""
    port = free_port()
    env = dict(os.environ)
    env.update({f"NEWSDESK_{k.upper()}": str(v) for k, v in settings.items()})
    log = tmp / f"serve-{port}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "newsdesk", "serve", "--db", db_url, "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"newsdesk serve did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        yield Live(base, port, log, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class LocalSite:
    """A local HTTP server answering GET with fixed pages; ``hits`` lists the paths asked."""

    pages: dict[str, tuple[str, bytes]]
    hits: list[str] = field(default_factory=list)
    base: str = ""


@contextlib.contextmanager
def local_site(pages: dict[str, tuple[str, bytes]] | Callable[[int], dict[str, tuple[str, bytes]]]) -> Iterator[LocalSite]:
    """Serve ``pages`` (path → (content type, body)) on 127.0.0.1; a callable gets the port."""
    port = free_port()
    site = LocalSite(pages(port) if callable(pages) else pages)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            site.hits.append(self.path)
            ctype, body = site.pages.get(self.path, ("text/plain", b"not here"))
            self.send_response(200 if self.path in site.pages else 404)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    site.base = f"http://127.0.0.1:{port}"
    try:
        yield site
    finally:
        httpd.shutdown()
        httpd.server_close()
