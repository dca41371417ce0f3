"""Real-page fault kinds on small invented pages: body lost, authors that are not people,
titles, outlets, visible dates, encodings, wire datelines, partial reports, template shells."""

from __future__ import annotations

import pytest

from newsdesk.clean import clean_report
from newsdesk.clean.html import navigation_share, needs_full_extractor
from newsdesk.errors import InputError
from newsdesk.model import Report
from newsdesk.settings import Settings

BODY = ("<p>The ferry between Lindqvist and Norholm resumed service on Tuesday after a two-week strike, "
        "the operator said.</p><p>\"We are glad the crews are back,\" said harbour master Ole Brandt, "
        "who had mediated between the union and the operator.</p><p>The agreement raises wages by four "
        "per cent and adds a rest day for night crews, according to the union.</p>")


def page(head: str = "", body: str = BODY, before: str = "", after: str = "") -> bytes:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{before}"
            f"<article><h1>Ferry service resumes after strike</h1>{body}</article>{after}</body></html>").encode()


def clean(data: bytes, **meta: str) -> object:
    return clean_report(Report("page.html", data, "html", dict(meta)), Settings())


def test_fast_result_of_navigation_triggers_the_full_extractor() -> None:
    menu = "\n".join(["Home", "World", "Sport", "Culture", "Weather", "Contact us", "Log in"])
    assert navigation_share(menu) > 0.9 and needs_full_extractor(menu, 0)
    story = "The ferry resumed service on Tuesday after a strike, the operator said. " * 8
    assert not needs_full_extractor(story, 0)
    assert needs_full_extractor(story[:200], 0)  # shorter than a brief: a second look
    assert needs_full_extractor("A short pull quote.", paragraph_chars=12_000)


def test_authors_from_meta_that_are_the_site_are_dropped() -> None:
    head = ('<meta name="author" content="Harbour Herald Online"><meta property="og:site_name" '
            'content="Harbour Herald Online">')
    assert clean(page(head)).authors == []


def test_template_code_author_is_dropped_and_jsonld_markup_stripped() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry service resumes",'
            '"author": {"@type": "Person", "name": "<a href=\\"/a\\">Ana Ruiz</a> and <b>Tom Ashby</b>"}}</script>')
    assert clean(page(head)).authors == ["Ana Ruiz", "Tom Ashby"]
    placeholder = '<meta name="author" content="{{ page.metaAuthor }}">'
    assert clean(page(placeholder)).authors == []


def test_related_card_byline_is_not_the_author() -> None:
    related = ('<aside class="related-stories"><div class="teaser"><h3>Bridge tolls rise</h3>'
               '<span class="byline">By Karin Holm</span></div></aside>')
    assert "Karin Holm" not in clean(page(after=related)).authors


def test_in_article_byline_is_used() -> None:
    body = "<p>Von Lea Brandt, Jonas Ekberg und Mira Solberg, NDR</p>" + BODY
    article = clean(page(body=body))
    assert article.authors == ["Lea Brandt", "Jonas Ekberg", "Mira Solberg"]


def test_title_suffix_and_placeholder() -> None:
    suffixed = page("<title>Ferry service resumes after strike | Harbour Herald | 19.01.2020</title>"
                    "<meta property='og:site_name' content='Harbour Herald'>")
    assert clean(suffixed).title == "Ferry service resumes after strike"
    placeholder = page("<title>escenic</title><meta property='og:title' content='Ferry service resumes after strike'>")
    assert clean(placeholder).title == "Ferry service resumes after strike"


def test_outlet_from_site_name_publisher_domain_or_nothing() -> None:
    assert clean(page("<meta property='og:site_name' content='Harbour Herald'>")).outlet == "Harbour Herald"
    publisher = ('<script type="application/ld+json">{"@type": "NewsArticle", "publisher": '
                 '{"@type": "Organization", "name": "Norholm Post"}}</script>')
    assert clean(page(publisher)).outlet == "Norholm Post"
    assert clean(page(), url="https://www.harbourherald.example/ferry").outlet == "harbourherald.example"
    article = clean(page())
    assert article.outlet is None and article.title != article.outlet


def test_visible_dateline_in_any_language() -> None:
    for line, day in (("martes 17 de marzo de 2020", "2020-03-17"), ("Stand: 28.04.2020 18:00 Uhr", "2020-04-28"),
                      ("12.10.2015, 19:16 Uhr", "2015-10-12")):
        body = f"<p class='date'>{line}</p>" + BODY
        assert clean(page(body=body)).published.date().isoformat() == day, line


def test_printed_dateline_wins_over_an_earlier_machine_stamp() -> None:
    head = "<meta property='article:published_time' content='2016-01-01T00:00:00'>"
    body = "<p class='date'>Published 19 May 2021</p>" + BODY
    article = clean(page(head, body=body))
    assert article.published.date().isoformat() == "2021-05-19"


def test_published_is_never_after_updated() -> None:
    report = Report("r.json", BODY, "html", {"published": "2024-05-03T10:00:00", "updated": "2024-05-02T09:00:00"})
    article = clean_report(report, Settings())
    assert article.published <= article.updated


def test_utf8_under_a_wrong_declared_charset() -> None:
    data = ("<html><head><meta charset='ISO-8859-1'><title>Andrés Núñez wins the regatta</title>"
            "<meta name='author' content='Andrés Núñez'><meta property='og:site_name' content='Gaceta Marítima'>"
            "</head><body><article><h1>Andrés Núñez wins the regatta</h1>" + BODY + "</article></body></html>"
            ).encode("utf-8")
    article = clean(data)
    assert article.title == "Andrés Núñez wins the regatta"
    assert article.outlet == "Gaceta Marítima" and article.authors == ["Andrés Núñez"]


def test_mojibake_metadata_is_repaired_like_the_body() -> None:
    report = Report("r.json", BODY, "html", {"title": "AndrÃ©s wins", "authors": ["AndrÃ©s NÃºÃ±ez"]})
    article = clean_report(report, Settings())
    assert article.title == "Andrés wins" and article.authors == ["Andrés Núñez"]


@pytest.mark.parametrize(("opening", "agency", "place", "date"), [
    ("Frankfurt/Main (dpa) - ", "dpa", "Frankfurt/Main", None),
    ("Hamburg (dpa/lno) – ", "dpa", "Hamburg", None),
    ("São Paulo (AFP) - ", "AFP", "São Paulo", None),
    ("TOKYO (Kyodo) -- ", "Kyodo", "Tokyo", None),
    ("SEOUL, June 20 (Yonhap) -- ", "Yonhap", "Seoul", "June 20"),
])
def test_wire_datelines(opening: str, agency: str, place: str, date: str | None) -> None:
    body = BODY.replace("<p>The ferry", f"<p>{opening}The ferry", 1)
    article = clean(page(body=body))
    assert article.text.startswith("The ferry between Lindqvist")
    assert agency in article.agency_names
    assert article.dateline_place == place and article.dateline_date == date
    assert any(s.kind == "dateline" for s in article.removed)


def test_paywalled_teaser_is_partial() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": false}</script>'
    article = clean(page(head))
    assert article.partial and "paywall" in article.partial
    gate = '<div class="paywall-gate"><p>Subscribe to read the rest of this article.</p></div>'
    assert clean(page(after=gate)).partial
    assert clean(page()).partial is None


def test_template_shell_is_rejected() -> None:
    shell = ("<p>{{ article.headline }}</p><p>{{ article.lead }} {{ article.byline }}</p>"
             "<p>{% for p in article.body %}{{ p.text }}{% endfor %} {{ article.footer }}</p>")
    with pytest.raises(InputError, match="template"):
        clean(page(body=shell))


@pytest.mark.parametrize("byline", [
    "<div class='meta-info'>Ein Artikel von <strong>Lea Brandt</strong> | 27.01.2022 - 12:45</div>",
    "<div><h5 class='label'>Autor: </h5>Lea Brandt</div>",
    "<div class='entry-footer'>par <span>Lea Brandt</span>, 21 juin 2018</div>",
])
def test_labelled_byline_anywhere_in_the_story_names_the_author(byline: str) -> None:
    assert clean(page(body=BODY + byline)).authors == ["Lea Brandt"]


def test_bylines_of_comments_and_phrases_that_only_look_like_one_are_not_authors() -> None:
    comments = ("<section class='comments'><h3>Comments</h3><p>von Karin Holm am 03.02.2022</p>"
                "<p>Great story, thanks for the update on the ferry.</p></section>")
    assert clean(page(after=comments)).authors == []
    opening = "<div class='hours'>Von Montag bis Freitag geöffnet</div>"
    assert clean(page(body=BODY + opening)).authors == []


def test_a_ui_label_is_no_author() -> None:
    assert clean(page("<meta name='author' content='Posted'>")).authors == []


def test_markup_byline_beats_a_labelled_line_elsewhere() -> None:
    head = '<meta name="author" content="Jonas Ekberg">'
    byline = "<div class='meta-info'>Ein Artikel von Lea Brandt | 27.01.2022</div>"
    assert clean(page(head, body=BODY + byline)).authors == ["Jonas Ekberg"]


def test_modified_time_from_meta_or_jsonld_is_the_update() -> None:
    head = ("<meta property='article:published_time' content='2024-05-02T09:00:00'>"
            "<meta property='article:modified_time' content='2024-05-03T10:00:00'>")
    assert clean(page(head)).updated.isoformat().startswith("2024-05-03T10:00")
    jsonld = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-05-02T09:00:00",'
              '"dateModified": "2024-05-04T08:00:00"}</script>')
    assert clean(page(jsonld)).updated.isoformat().startswith("2024-05-04T08:00")
