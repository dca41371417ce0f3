"""The newsroom pages in Debian's Chromium: add the sample corpus through the form, wait
for the analysis, open the story, follow a citation, search, and the XSS case.

Set NEWSDESK_SCREENSHOTS=1 to (re)write docs/screenshots/*.png from this run.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import uvicorn

from newsdesk.settings import Settings
from newsdesk.web.app import create_app
from tests.browser import chromium_browser
from tests.web.conftest import CORPUS
from tests.web.test_api import HOSTILE

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path_factory.mktemp('srv') / 'n.db'}"))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def _shot(page, name: str) -> None:
    if os.environ.get("NEWSDESK_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def _add_through_form(page, base: str, story: str, files: list[Path] | None = None, text: str = "") -> None:
    page.goto(f"{base}/add")
    page.fill("input[name=story]", story)
    if files:
        page.set_input_files("input[name=files]", [str(p) for p in files])
    if text:
        page.fill("textarea[name=text]", text)
    page.click("button[type=submit]")
    page.wait_for_selector("#job-done:not([hidden])", timeout=180_000)


def test_newsroom_flow(server):
    with chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server)
                   else route.abort())

        _add_through_form(page, server, "Harbour accord", files=sorted(CORPUS.iterdir()))
        page.goto(f"{server}/add")
        _shot(page, "add")
        page.go_back()
        page.click("#story-link")
        page.wait_for_selector("h1")
        assert page.locator("h1").first.inner_text() == "Harbour accord"
        assert page.locator("#timeline figure.tlc").count() == 1
        assert page.locator("#matrix table td.cell span").count() > 0
        _shot(page, "story")

        # follow a citation from an aligned quote to its article passage
        link = page.locator("#quotes .rendering a").first
        href = link.get_attribute("href")
        link.click()
        page.wait_for_selector(".article-text .hl")
        start, end = map(int, parse_qs(urlparse(href).query)["hl"][0].split("-"))
        article_id = urlparse(href).path.rsplit("/", 1)[-1]
        text = page.evaluate(f"fetch('/api/articles/{article_id}').then(r => r.json()).then(a => a.text)")
        assert "".join(page.locator(".article-text .hl").all_inner_texts()) == text[start:end]
        _shot(page, "article")

        page.goto(f"{server}/")
        _shot(page, "stories")
        page.fill(".quicksearch input", "patrol vessels")
        page.press(".quicksearch input", "Enter")
        page.wait_for_selector("#hits li")
        assert page.locator("#hits li mark").count() > 0
        _shot(page, "search")

        # XSS: a hostile report stays inert text everywhere it is shown
        _add_through_form(page, server, "<img src=x onerror=alert(3)>", text=HOSTILE)
        page.click("#story-link")
        page.wait_for_selector("h1")
        assert page.locator("h1").first.inner_text() == "<img src=x onerror=alert(3)>"
        page.locator("#sources a").first.click()
        page.wait_for_selector("#article-text")
        shown = page.locator("#article-text").inner_text()
        assert "<script>alert('pwned')</script>" in shown
        assert page.locator("#article-text script, #article-text a[href^=javascript]").count() == 0
        page.goto(f"{server}/search?q=ferry")
        page.wait_for_selector("#hits li")
        assert page.locator("#hits script").count() == 0
        assert dialogs == []
