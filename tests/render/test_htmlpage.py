import re

from newsdesk.render import render_html
from newsdesk.render.htmlpage import article_text_html


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


def test_timeline_keeps_the_long_past_off_the_axis(dossier):
    page = render_html(dossier)
    chart = page[page.index('<figure class="tlc">'):page.index("</figure>")]
    assert "Accord signed in Brevik" in chart and "The cod war" not in chart
    earlier = page[page.index("Earlier background"):]
    assert "1987/1992" in earlier[:400] and "The cod war" in earlier[:400]


def test_citations_show_one_marker_per_article_and_labels_are_cut_at_words(dossier):
    first = dossier.quotes[0].renderings[0]
    dossier.summary[0].citations = [first, first, dossier.quotes[0].renderings[1]]
    dossier.claims[0].text = "Norland and Castavia signed a harbour accord " + "after long talks " * 12
    page = render_html(dossier)
    summary = page[page.index('id="summary"'):page.index('id="timeline"')].split("</ol>")[0]
    assert summary.count('class="cite"') == 2
    matrix = page[page.index('id="matrix"'):page.index('id="quotes"')]
    assert "after long talks after…" in matrix or "talks…" in matrix
    assert "afte…" not in matrix and "long ta…" not in matrix


def test_dates_are_readable_with_iso_in_time_elements(dossier):
    page = render_html(dossier)
    assert '<time datetime="2025-03-18T16:40:00+01:00">18 Mar 2025, 16:40 UTC+01:00</time>' in page
