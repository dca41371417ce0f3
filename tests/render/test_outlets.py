"""Outlets and partial reports as the dossier shows them."""

from __future__ import annotations

import dataclasses

from newsdesk.crossdoc.summary import differences
from newsdesk.model import DossierArticle
from newsdesk.render import render_markdown
from newsdesk.render.cite import outlet_name


def _article(**changes: object) -> DossierArticle:
    base = DossierArticle(id="cccc3333", source="/data/scrapes/ferry-strike.html", title="Ferry strike ends",
                          outlet=None, published=None, authors=[], agencies=[], language="en", text="Text.",
                          removed=[], origin="o3")
    return dataclasses.replace(base, **changes)


def test_no_outlet_shows_the_domain_or_unknown_never_the_headline() -> None:
    assert outlet_name(_article(url="https://www.norholm-post.example/ferry")) == "norholm-post.example"
    assert outlet_name(_article()) == "unknown"
    assert outlet_name(_article(outlet="Norholm Post")) == "Norholm Post"


def test_partial_reports_are_marked_in_the_dossier(dossier) -> None:
    dossier.articles[1] = dataclasses.replace(dossier.articles[1], partial="paywall: teaser only")
    text = render_markdown(dossier)
    assert "(partial report)" in text and "paywall: teaser only" in text


def test_differences_name_outlets_not_headlines(dossier) -> None:
    dossier.articles[1] = dataclasses.replace(dossier.articles[1], outlet=None)
    for sentence in differences(dossier.discrepancies, dossier.articles):
        assert dossier.articles[1].title not in sentence.text
