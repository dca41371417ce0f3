"""What a reporter meets in the first hour, in Debian's Chromium with the network cut off:
the API docs, the add form with a pasted report's outlet and date, progress while the
dossier is built, a readable timeline, and pages that fit a phone."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
import uvicorn

from newsdesk.crossdoc import STAGES, corpus
from newsdesk.settings import Settings
from newsdesk.web.app import create_app
from tests.browser import chromium_browser
from tests.web.conftest import CORPUS
from tests.web.test_browser import _free_port

pytestmark = pytest.mark.browser

PASTED = ("ORLAN — The Tessin water board said on Monday that the Orlan reservoir had fallen to a third of "
          "its capacity. Rationing in four districts begins next week, a spokesman for the board said.")


def slowed(lookup, pause: float):
    """The dossier's sentence-vector lookup, slowed down: sentence vectors are stored at
    ingest, so a 7-report story's synthesis is quick; slowed, it takes long enough to
    watch its stages, as a 40-report one does on a laptop."""

    def lookup_slowly(items, embedder, stored) -> np.ndarray:
        time.sleep(pause)
        return lookup(items, embedder, stored)

    return lookup_slowly


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(corpus, "lookup_vectors", slowed(corpus.lookup_vectors, pause=0.25))
        mp.setattr(corpus, "EMBED_CHUNK", 16)
        port = _free_port()
        # job_processes=0: jobs run in a thread of this process, where the slow lookup is
        app = create_app(Settings(db_url=f"sqlite:///{tmp_path_factory.mktemp('pages') / 'n.db'}",
                                  job_processes=0))
        srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=srv.run, daemon=True)
        thread.start()
        deadline = time.time() + 20
        while not srv.started and time.time() < deadline:
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as b:
        yield b


def _offline(page, base: str) -> list[str]:
    """Block everything but our server; collect console errors (CSP violations among them)."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    return errors


def test_api_docs_work_offline(server, browser) -> None:
    page = browser.new_page()
    errors = _offline(page, server)
    page.goto(f"{server}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert page.locator(".opblock-summary-path", has_text="/api/stories/{story_id}/dossier").count() >= 1
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
    page.close()


def test_add_form_progress_timeline_and_phone_width(server, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = _offline(page, server)
    page.goto(f"{server}/add")
    page.fill("input[name=story]", "Reservoir and harbour")
    page.set_input_files("input[name=files]", [str(p) for p in sorted(CORPUS.iterdir())])
    page.fill("textarea[name=text]", PASTED)
    page.fill("input[name=title]", "Reservoir at a third")
    page.fill("input[name=outlet]", "Tessin Ledger")
    page.fill("input[name=url]", "https://ledger.example/reservoir")
    page.fill("input[name=published]", "2025-03-19")
    page.click("button[type=submit]")
    page.wait_for_url("**/jobs/*")

    # the job view shows the synthesis stages as they run, with totals
    page.wait_for_selector("#job-stage:not([hidden])", timeout=180_000)
    seen: set[str] = set()
    deadline = time.time() + 240
    while time.time() < deadline and not page.locator("#job-done:not([hidden])").count():
        if page.locator("#job-stage:not([hidden])").count():
            name = page.locator("#stage-name").inner_text()
            count = page.locator("#stage-count").inner_text()
            if name:
                seen.add(name)
                done, total = (int(x) for x in count.split()[0:3:2])
                assert 0 <= done <= total and total > 0, count
        time.sleep(0.1)
    assert "embedding" in seen and seen <= set(STAGES), seen
    page.click("#story-link")
    page.wait_for_selector("h1")

    # the pasted report kept its outlet and date
    sources = page.locator("#sources tbody tr", has_text="Tessin Ledger")
    assert sources.count() == 1
    assert sources.locator("time").get_attribute("datetime").startswith("2025-03-19")

    # the timeline's axis is the story's own days: its bars span most of the chart
    bars = page.locator("#timeline .tlc-bar").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })")
    track = page.locator("#timeline .tlc-track").first.bounding_box()
    assert len(bars) >= 2
    spread = (max(r for _, r in bars) - min(left for left, _ in bars)) / track["width"]
    assert spread > 0.6, spread
    for tick in page.locator("#timeline .tlc-axis .tick").all():  # no label cut at the edges
        box, axis = tick.bounding_box(), page.locator("#timeline .tlc-axis").bounding_box()
        assert box["x"] >= axis["x"] - 1 and box["x"] + box["width"] <= axis["x"] + axis["width"] + 1
    row = page.locator("#timeline .tlc-row[tabindex]").first
    text = row.locator(".tlc-text")
    row.focus()
    assert text.evaluate("e => getComputedStyle(e).whiteSpace") == "normal"  # full text on focus
    assert row.get_attribute("title")
    story_url = page.url
    assert not [e for e in errors if "Content Security Policy" in e], errors
    page.close()

    # nothing scrolls sideways on a 390-px phone
    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    _offline(phone, server)
    article = story_url.replace("/stories/", "/articles/")  # replaced below by a real article link
    for url in [f"{server}/", story_url, f"{server}/articles", f"{server}/add", f"{server}/search?q=reservoir"]:
        phone.goto(url)
        phone.wait_for_load_state()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (url, width)
        if url == story_url:
            article = server + phone.locator("#sources a[href^='/articles/']").first.get_attribute("href")
    phone.goto(article)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, article
    phone.close()
