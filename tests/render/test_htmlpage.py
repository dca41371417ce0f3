import re

from newsdesk.render import render_html
from newsdesk.render.htmlpage import article_text_html, timeline_svg


def test_article_text_is_escaped_and_citations_have_targets(dossier):
    page = render_html(dossier)
    assert "<script>alert('x')</script>" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "<img src=x onerror" not in page
    assert "&lt;b&gt;Doubts&lt;/b&gt;" in page
    ids = set(re.findall(r'id="([^"]+)"', page))
    for href in re.findall(r'href="#([^"]+)"', page):
        assert href in ids, href


def test_page_has_no_external_resources(dossier):
    page = render_html(dossier)
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "Content-Security-Policy" in page


def test_overlapping_passages_each_cover_their_text():
    text = "alpha beta gamma delta"
    html = str(article_text_html(text, "a1", {(0, 10), (6, 16)}))
    segs = re.findall(r'<span class="seg" data-p="([^"]+)">([^<]*)</span>', html)
    covered = {pid: "".join(t for ids, t in segs if pid in ids.split()) for pid in ("p-a1-0-10", "p-a1-6-16")}
    assert covered == {"p-a1-0-10": "alpha beta", "p-a1-6-16": "beta gamma"}


def test_timeline_chart_places_ranges_before_days(dossier):
    svg, rows = timeline_svg(dossier.timeline)
    assert "<svg" in svg
    war, accord = rows
    assert war.x0 < war.x1 < accord.x0
