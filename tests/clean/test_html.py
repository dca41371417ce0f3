"""HTML reports: trafilatura main content + htmldate, escaping-safe, metadata kept."""

from __future__ import annotations

from newsdesk.clean import clean_report
from newsdesk.model import Report
from newsdesk.settings import Settings

HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour reopens after storm | The Lindqvist Courier</title>
<meta property="og:title" content="Harbour reopens after storm">
<meta property="og:site_name" content="The Lindqvist Courier">
<meta name="author" content="Mara Jensen">
<meta property="article:published_time" content="2024-05-02T09:30:00+02:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour reopens after storm</h1>
<p>The harbour of Lindqvist reopened on Thursday after a week of repairs, the port authority said.</p>
<p>"We worked day and night to get the cranes running again," harbour master Ole Brandt told reporters.</p>
<p>Damage was estimated at 4.5 million crowns, according to the port's insurer.</p>
</article>
<aside>Most read: Ten recipes for summer</aside>
<footer>© 2024 The Lindqvist Courier. All rights reserved. Share on Facebook</footer>
</body></html>"""


def test_main_content_and_metadata() -> None:
    article = clean_report(Report("page.html", HTML.encode(), "html"), Settings())
    assert "reopened on Thursday after a week of repairs" in article.text
    assert "harbour master Ole Brandt told reporters" in article.text
    assert "4.5 million crowns" in article.text
    for furniture in ("Ten recipes", "All rights reserved", "Share on Facebook", "Sport"):
        assert furniture not in article.text
    assert article.title == "Harbour reopens after storm"
    assert article.authors == ["Mara Jensen"]
    assert article.outlet == "The Lindqvist Courier"
    assert article.published is not None and article.published.date().isoformat() == "2024-05-02"
    assert article.input_kind == "html"


def test_script_in_html_never_reaches_the_text_as_markup() -> None:
    hostile = HTML.replace("<p>Damage", "<script>alert('x')</script><p onclick=\"steal()\">Damage")
    article = clean_report(Report("hostile.html", hostile.encode(), "html"), Settings())
    assert "alert(" not in article.text and "onclick" not in article.text
    assert "Damage was estimated" in article.text


def test_malformed_html_still_yields_text() -> None:
    broken = b"<html><body><div><p>The mayor resigned on Friday after a vote of no confidence in the city council.<p>Unclosed"
    article = clean_report(Report("broken.html", broken, "html"), Settings())
    assert "The mayor resigned on Friday" in article.text


def test_an_agency_as_author_is_wire_evidence_not_a_person() -> None:
    page = HTML.replace('content="Mara Jensen"', 'content="AFP"')
    article = clean_report(Report("wire.html", page.encode(), "html"), Settings())
    assert article.authors == []
    assert article.agency_names == ["AFP"]
    both = HTML.replace('content="Mara Jensen"', 'content="Mara Jensen, Reuters"')
    article = clean_report(Report("both.html", both.encode(), "html"), Settings())
    assert article.authors == ["Mara Jensen"] and article.agency_names == ["Reuters"]
