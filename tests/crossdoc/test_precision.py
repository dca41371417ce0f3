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


def test_a_translation_of_a_wire_story_is_the_same_origin(nlp, embedder) -> None:
    english = ("Norland and Castavia signed a harbour and fisheries accord on Tuesday that ends a dispute over "
               "the Brevik Strait.\n\nThe agreement obliges both countries to share an annual fishing quota.\n\n"
               "Prime Minister Elsa Marwick arrived in Brevik before dawn and was greeted by President Tomas Varga "
               "at the port.\n\nFishermen's unions on both sides accused the governments of ignoring small boats.")
    german = ("Norland und Castavia haben am Dienstag ein Hafen- und Fischereiabkommen unterzeichnet, das einen "
              "Streit um die Meerenge von Brevik beendet.\n\nDas Abkommen verpflichtet beide Länder, eine jährliche "
              "Fangquote zu teilen.\n\nPremierministerin Elsa Marwick traf vor dem Morgengrauen in Brevik ein und "
              "wurde von Präsident Tomas Varga am Hafen begrüßt.\n\nFischergewerkschaften auf beiden Seiten warfen "
              "den Regierungen vor, die kleinen Boote zu ignorieren.")
    independent = ("In Sollvik, a fishing village on the Norland side of the strait, opinions on the accord are "
                   "divided.\n\nSome skippers fear the quota will favour large trawlers.\n\nOthers welcome the end "
                   "of decades of quarrels at sea.")
    arts = _articles(nlp, [english, german, independent])
    arts[1].language = "de"
    for a in (arts[0], arts[2]):
        a.language = "en"
    d = build_dossier(arts, embedder)
    origin = {a.id: a.origin for a in d.articles}
    assert origin[arts[0].id] == origin[arts[1].id]
    assert origin[arts[2].id] != origin[arts[0].id]


def test_sentences_of_other_languages_are_cut_by_punctuation() -> None:
    from newsdesk.crossdoc.corpus import punctuation_sentences

    text = ("Der Vertrag wurde am Mittwoch unterzeichnet. „Das ist gut“, sagte er. Dr. Müller kam um "
            "10 Uhr.\n\nNeuer Absatz hier")
    assert [text[a:b] for a, b in punctuation_sentences(text)] == [
        "Der Vertrag wurde am Mittwoch unterzeichnet.", "„Das ist gut“, sagte er.", "Dr. Müller kam um 10 Uhr.",
        "Neuer Absatz hier"]


def test_attributed_positions_are_not_aligned_as_quotes(nlp, embedder) -> None:
    arts = _articles(nlp, [
        "Opposition leader Marta Kell wants to delay the vote until autumn. Kell said the budget "
        "was a disgrace and urged voters to reject it.",
        "Marta Kell, the opposition leader, said on Tuesday that the budget was a disgrace. "
        "Kell has endorsed the farmers' protest.",
    ])
    stances = [q for a in arts for q in a.annotations.quotes if q.kind == "stance"]
    assert stances  # found and kept with each article ...
    d = build_dossier(arts, embedder)
    texts = [r.text for q in d.quotes for r in q.renderings]
    assert any("disgrace" in t for t in texts)
    # ... but the dossier's statements are what was said, not wants, appeals or endorsements
    assert not any(t in texts for t in (s.text for s in stances))
