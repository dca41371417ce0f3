"""The request guard: origin comparison, and the CSRF case as a reporter's browser
meets it — a page on another local origin auto-submits a form to a no-token server."""

from __future__ import annotations

import httpx
import pytest

from newsdesk.web.guard import same_origin
from tests.browser import chromium_browser
from tests.web.live import live_server, local_site


@pytest.mark.parametrize(("origin", "host", "same"), [
    ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
    ("http://127.0.0.1:8001", "127.0.0.1:8000", False),
    ("http://localhost:8000", "127.0.0.1:8000", False),
    ("https://desk.example", "desk.example", True),
    ("http://desk.example", "desk.example:8080", False),
    ("null", "127.0.0.1:8000", False),
    ("http://[::1]:8000", "[::1]:8000", True),
    ("http://127.0.0.1:99999", "127.0.0.1:8000", False),
])
def test_same_origin(origin: str, host: str, same: bool) -> None:
    assert same_origin(origin, host) is same


@pytest.mark.browser
def test_a_page_on_another_origin_cannot_post_the_add_form(tmp_path) -> None:
    with live_server(f"sqlite:///{tmp_path / 'c.db'}", tmp_path) as live:
        attack = (f'<!doctype html><html><body><form id="f" method="post" action="{live.base}/add" '
                  'enctype="application/x-www-form-urlencoded">'
                  '<input name="story" value="Planted by a stranger">'
                  '<input name="text" value="The mayor of Quillon resigned on Monday, officials said.">'
                  '</form><script>document.getElementById("f").submit()</script></body></html>').encode()
        with local_site({"/attack.html": ("text/html; charset=utf-8", attack)}) as site, \
                chromium_browser() as browser:
            page = browser.new_page()
            with page.expect_response(lambda r: r.url.startswith(f"{live.base}/add")) as answer:
                page.goto(f"{site.base}/attack.html")
            assert answer.value.status == 403
            assert "cross-site" in answer.value.text() or "cross-origin" in answer.value.text()
            # the newsroom's own form still works from its own origin
            page.goto(f"{live.base}/add")
            page.fill("input[name=story]", "Own story")
            page.fill("textarea[name=text]", "The harbour of Quillon reopened on Tuesday, the port office said.")
            with page.expect_navigation():
                page.click("button[type=submit], input[type=submit]")
            assert "/jobs/" in page.url, page.content()[:1500]
            job = live.wait_job(page.url.rsplit("/", 1)[1])
            assert job["state"] == "done" and len(job["added"]) == 1
        stories = httpx.get(f"{live.base}/api/stories").json()["stories"]
        assert [s["name"] for s in stories] == ["Own story"]
