"""``newsdesk watch`` end to end, as a user runs it: a folder and an RSS feed served on
127.0.0.1, files added while it runs, stories and their dossiers checked, then a
SIGKILL and a restart that loses and duplicates nothing, then a clean SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsdesk.store import open_store
from tests.storyhelpers import EVENTS

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.timeout(1500)


def page(event: str, n: int) -> str:
    title, body = EVENTS[event]
    when = datetime(2025, 5, 3, 9, n, tzinfo=UTC).isoformat()
    text = body.format(n=n, k=10 + n)
    return (f"<html><head><title>{title.format(n=n)}</title>"
            f'<meta property="article:published_time" content="{when}"></head>'
            f"<body><article><h1>{title.format(n=n)}</h1><p>{text}</p><p>{text}</p></article></body></html>")


class Feed:
    """An RSS feed with ETag / Last-Modified on 127.0.0.1, and the article pages its
    teaser entries link to; ``conditional`` counts requests that carried validators."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, str, str]] = []   # (guid, title, link)
        self.version = 0
        self.conditional = 0
        self.requests = 0
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                if self.path.startswith("/pages/"):
                    event, n = self.path.rsplit("/", 1)[1].removesuffix(".html").split("-")
                    return self._send(200, page(event, int(n)).encode(), "text/html; charset=utf-8")
                feed.requests += 1
                etag = f'"v{feed.version}"'
                if self.headers.get("If-None-Match"):
                    feed.conditional += 1
                    if self.headers["If-None-Match"] == etag:
                        return self._send(304, b"", None, etag)
                return self._send(200, feed.xml().encode(), "application/rss+xml", etag)

            def _send(self, status: int, body: bytes, ctype: str | None, etag: str | None = None) -> None:
                self.send_response(status)
                if ctype:
                    self.send_header("Content-Type", ctype)
                if etag:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", format_datetime(datetime(2025, 5, 3, tzinfo=UTC), usegmt=True))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/feed.xml"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def add(self, event: str, n: int) -> None:
        base = self.url.rsplit("/", 1)[0]
        self.entries.append((f"tag:courier.example,2025:{event}-{n}", EVENTS[event][0].format(n=n),
                             f"{base}/pages/{event}-{n}.html"))
        self.version += 1

    def xml(self) -> str:
        when = datetime(2025, 5, 3, 9, tzinfo=UTC)
        items = "".join(
            f"<item><guid>{g}</guid><title>{t}</title><link>{link}</link>"
            f"<description>{t}: a short teaser.</description>"
            f"<pubDate>{format_datetime(when + timedelta(minutes=i), usegmt=True)}</pubDate></item>"
            for i, (g, t, link) in enumerate(self.entries))
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Invented Courier wire</title>'
                f"<link>{self.url}</link><description>test</description>{items}</channel></rss>")


def start(args: list[str], log: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "newsdesk", "watch", *args], cwd=ROOT, env=env,
                            stdout=log.open("ab"), stderr=subprocess.STDOUT)


def wait_for(what: str, ok: Callable[[], bool], proc: subprocess.Popen, log: Path, timeout: float = 420) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ok():
            return
        if proc.poll() is not None:
            pytest.fail(f"watch exited ({proc.returncode}) before {what}:\n{log.read_text()[-3000:]}")
        time.sleep(1.0)
    pytest.fail(f"timed out waiting for {what}:\n{log.read_text()[-3000:]}")


def write(folder: Path, event: str, n: int) -> None:
    tmp = folder / f".{event}-{n}.html"          # written whole, then renamed (hidden files wait)
    tmp.write_text(page(event, n), encoding="utf-8")
    tmp.rename(folder / f"{event}-{n}.html")


def test_watch_folder_and_feed_kill_and_restart(tmp_path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = f"sqlite:///{tmp_path / 'watch.db'}"
    config = tmp_path / "newsdesk.toml"
    config.write_text(f'db_url = "{db}"\nfetch_allow_hosts = "127.0.0.1"\n', encoding="utf-8")
    feed = Feed()
    feed.add("orchard", 1)
    write(inbox, "ferry", 1)
    write(inbox, "bridge", 1)
    args = [str(inbox), "--feed", feed.url, "--interval", "1", "--config", str(config)]
    log = tmp_path / "watch.log"
    store = open_store(db)

    def placed() -> dict[str, int]:
        return store.placements()

    def settled(n: int) -> Callable[[], bool]:
        def ok() -> bool:
            stories = store.list_stories()
            return len(placed()) == n and all(not s.dossier_stale for s in stories)
        return ok

    proc = start(args, log)
    try:
        wait_for("the first three reports", settled(3), proc, log)
        write(inbox, "ferry", 2)                  # added while it runs
        feed.add("orchard", 2)
        wait_for("two more reports", settled(5), proc, log)

        stories = store.list_stories()
        by_source = {store.get_article(a).source: sid for a, sid in placed().items()}
        ferry = {sid for src, sid in by_source.items() if "ferry" in src}
        orchard = {sid for src, sid in by_source.items() if "orchard" in src}
        bridge = {sid for src, sid in by_source.items() if "bridge" in src}
        assert len(ferry) == len(orchard) == len(bridge) == 1 and len(ferry | orchard | bridge) == 3
        for s in stories:
            dossier = store.get_dossier(s.id)
            assert dossier is not None and sorted(a["id"] for a in dossier["articles"]) == sorted(s.article_ids)
        assert feed.conditional >= 1            # later polls were conditional GETs

        proc.send_signal(signal.SIGKILL)         # killed, not stopped
        proc.wait(30)
        write(inbox, "bridge", 2)
        feed.add("ferry", 3)
        proc = start(args, log)
        wait_for("the reports added while it was down", settled(7), proc, log)
        time.sleep(3)                            # a few more checks: nothing is read twice
        assert store.count_articles() == 7 and len(placed()) == 7
        sources = [store.get_article(a).source for a in placed()]
        assert len(set(sources)) == 7
        final = {s.id: s.article_ids for s in store.list_stories()}
        assert sum(len(v) for v in final.values()) == 7
        assert len({final_id for src, final_id in ((store.get_article(a).source, sid)
                                                  for a, sid in placed().items()) if "ferry" in src}) == 1
        assert store.seen_entries(feed.url) == {g for g, _, _ in feed.entries}

        proc.send_signal(signal.SIGTERM)         # a clean stop
        assert proc.wait(120) == 0, log.read_text()[-3000:]
    finally:
        if proc.poll() is None:
            proc.kill()
        feed.server.shutdown()
        store.close()
