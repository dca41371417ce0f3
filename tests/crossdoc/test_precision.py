"""What the dossier must not claim: two different counts are not a disagreement, and two
short independent briefs of one event are not one source."""

from __future__ import annotations

from datetime import datetime

from newsdesk.analyze import analyze_articles
from newsdesk.crossdoc import build_dossier
from newsdesk.model import Article, article_id


def _articles(nlp, texts: list[str]) -> list[Article]:
    arts = [Article(article_id(t), f"r{i}.txt", t, outlet=f"Outlet {i}", published=datetime(2025, 5, 6))
            for i, t in enumerate(texts)]
    for a, ann in zip(arts, analyze_articles(arts, nlp), strict=True):
        a.annotations = ann
    return arts


def test_different_counts_are_not_a_discrepancy(nlp, embedder) -> None:
    arts = _articles(nlp, [
        "A bomb exploded at the central market of Kessel on Monday. Police said 20 people were injured "
        "in the blast at the market, which was crowded with shoppers.",
        "A bomb tore through the central market of Kessel on Monday. Five people were killed in the blast "
        "at the market, which was crowded with shoppers, police said.",
    ])
    d = build_dossier(arts, embedder)
    assert not [x for x in d.discrepancies if x.kind == "number"], d.discrepancies


def test_same_count_of_the_same_thing_differs(nlp, embedder) -> None:
    arts = _articles(nlp, [
        "The storm destroyed 120 houses in the coastal town of Marren on Sunday, the mayor said.",
        "The storm destroyed 150 houses in the coastal town of Marren on Sunday, the mayor said on Monday.",
    ])
    d = build_dossier(arts, embedder)
    numbers = [x for x in d.discrepancies if x.kind == "number"]
    assert numbers and {v.text for v in numbers[0].variants} == {"120 houses", "150 houses"}


def test_short_independent_briefs_stay_separate_origins(nlp, embedder) -> None:
    arts = _articles(nlp, [
        "Norland and Castavia signed a fisheries accord on Tuesday. The deal ends a long dispute.",
        "Castavia and Norland signed a fisheries agreement on Tuesday, ending a dispute over the strait.",
    ])
    d = build_dossier(arts, embedder)
    assert len(d.origins) == 2


def test_different_offices_for_one_person(nlp, embedder) -> None:
    arts = _articles(nlp, [
        "Defence Minister Jonas Berglund met his Castavian counterpart in Brevik on Monday to discuss patrols.",
        "Foreign Minister Jonas Berglund travelled to Brevik on Monday for talks on the strait, officials said.",
        "Norland's Foreign Minister Jonas Berglund said the talks in Brevik had been constructive.",
    ])
    d = build_dossier(arts, embedder)
    [title] = [x for x in d.discrepancies if x.kind == "title"]
    assert {v.text for v in title.variants} == {"Defence Minister", "Foreign Minister"}
    assert len(next(v for v in title.variants if v.text == "Foreign Minister").articles) == 2


def test_nationality_before_an_office_is_not_a_different_office(nlp, embedder) -> None:
    arts = _articles(nlp, [
        "Russian President Anton Sorel arrived in Brevik on Monday for a two-day visit.",
        "President Anton Sorel arrived in Brevik on Monday, his office said.",
    ])
    d = build_dossier(arts, embedder)
    assert not [x for x in d.discrepancies if x.kind == "title"]


def test_a_quote_rendered_with_opposite_meaning(nlp, embedder) -> None:
    arts = _articles(nlp, [
        "Prime Minister Elsa Marwick spoke after the vote. “We will ratify the treaty this year,” Marwick said.",
        "Prime Minister Elsa Marwick spoke after the vote. “We will not ratify the treaty this year,” Marwick said.",
        "Prime Minister Elsa Marwick spoke after the vote. “This treaty is a great step for our region,” Marwick said.",
    ])
    d = build_dossier(arts, embedder)
    quotes = [x for x in d.discrepancies if x.kind == "quote"]
    assert quotes and {v.text for v in quotes[0].variants} == {
        "We will ratify the treaty this year,", "We will not ratify the treaty this year,"}
