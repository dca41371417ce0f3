"""The dossier page in a real headless Chromium with every network request blocked."""

from __future__ import annotations

import pytest

from newsdesk.render import write_dossier
from tests.browser import chromium_browser

pytestmark = pytest.mark.browser


def test_dossier_page_works_offline_and_citations_reach_passages(dossier, tmp_path):
    paths = write_dossier(dossier, tmp_path)
    with chromium_browser() as browser:
        page = browser.new_page()
        requests: list[str] = []
        dialogs: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                   else route.abort())
        page.goto(paths["html"].as_uri())
        assert page.locator("h1").inner_text() == "Harbour accord"
        assert page.locator("#timeline .tlc-bar").count() == 1
        assert page.locator("#timeline .tl-context li").count() == 1  # the 1987-1992 background
        # the hostile text is shown literally and never runs
        assert "<script>alert('x')</script>" in page.locator("#art-bbbb2222 .text").inner_text()
        assert dialogs == []
        # every citation link leads to the passage it cites, highlighted
        texts = {a.id: a.text for a in dossier.articles}
        hrefs = page.locator("a.cite, #quotes .rendering a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        passages = [h for h in hrefs if h.startswith("#p-")]
        assert len(passages) >= 3
        for href in passages:
            _, article, start, end = href[1:].split("-")
            page.locator(f'a[href="{href}"]').first.click()
            expected = texts[article][int(start):int(end)]
            # the highlight is applied on hashchange: wait for it rather than race it
            page.wait_for_function(
                "want => Array.from(document.querySelectorAll('.seg.hl')).map(e => e.innerText).join('') === want",
                arg=expected, timeout=5000)
            assert page.evaluate("location.hash") == href
        assert all(u.startswith("file:") for u in requests), requests
