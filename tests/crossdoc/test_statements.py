"""Claims and corroboration: only the report's own statements, the same fact (not the
same topic), and independent sources counted by origin and by interview."""

from __future__ import annotations

from datetime import datetime

from newsdesk.crossdoc import build_dossier
from tests.crossdoc.helpers import reports


def _claim_with(dossier, words: str):
    return [c for c in dossier.claims if words in c.text]


def test_three_outlets_with_the_same_vote_count_corroborate(nlp, embedder) -> None:
    arts = reports(nlp, [
        "The Norland Senate passed the border security bill 52-47 on Thursday after a week of debate.",
        "Senators in Norland approved the contested border bill by a 52-47 vote on Thursday.",
        "On Thursday the Norland Senate voted 52-47 to pass the border measure, sending it to the president.",
    ])
    d = build_dossier(arts, embedder)
    votes = [c for c in d.claims if "52-47" in c.text]
    assert votes and max(c.independent_sources for c in votes) == 3
    assert max(votes, key=lambda c: c.independent_sources).status == "corroborated"


def test_one_agency_interview_counts_once(nlp, embedder) -> None:
    arts = reports(nlp, [
        "The sanctions will hurt Castavia's fishing towns within months, economist Lena Hart told AFP on Monday.",
        "Economist Lena Hart told AFP that the sanctions would hurt Castavia's fishing towns within months.",
    ])
    d = build_dossier(arts, embedder)
    assert len(d.origins) == 2
    hart = [c for c in d.claims if "Lena Hart" in c.text and len(c.articles) == 2]
    assert hart, d.claims
    assert all(c.independent_sources == 1 and c.status != "corroborated" for c in hart)


def test_two_reports_of_one_outlet_count_once(nlp, embedder) -> None:
    arts = reports(nlp, [
        "Two men were arrested on Friday after the shooting on Elm Street in Dunmore, police said.",
        "Police in Dunmore said on Friday that two men had been arrested over the Elm Street shooting.\n\n"
        "Both men will appear in court next week, a spokesman added.",
    ], outlets=["Dunmore Herald", "Dunmore Herald"])
    d = build_dossier(arts, embedder)
    assert len(d.origins) == 1
    assert all(c.independent_sources == 1 for c in d.claims)


def test_same_topic_different_facts_do_not_corroborate(nlp, embedder) -> None:
    arts = reports(nlp, [
        "Five people were killed in the shooting at the Dunmore mall on Saturday, police said.",
        "Four people were killed in the shooting at the Dunmore mall on Saturday, the police chief said.",
    ])
    d = build_dossier(arts, embedder)
    for claim in d.claims:
        assert not ("Five" in " ".join(x.text for x in claim.citations)
                    and "Four" in " ".join(x.text for x in claim.citations)), claim


def test_furniture_is_never_a_claim(nlp, embedder) -> None:
    tail = ("\n\nCopyright 2019 The Dunmore Herald. All rights reserved.\n\n"
            "Read or Share this story: https://www.dunmoreherald.example/story/news/2019/04/17/fire/\n\n"
            "(Published Wednesday, April 17, 2019)")
    arts = reports(nlp, [
        "A fire destroyed three warehouses in Dunmore on Tuesday, the fire chief said." + tail,
        "Three Dunmore warehouses burned down on Tuesday, according to the fire chief." + tail,
    ])
    d = build_dossier(arts, embedder)
    texts = " ".join(c.text for c in d.claims) + " ".join(s.text for s in d.summary)
    assert "Copyright" not in texts and "Read or Share" not in texts and "Published" not in texts
    assert not [t for t in d.timeline if "Published" in t.text]


def test_a_claim_is_disputed_only_by_its_own_point(nlp, embedder) -> None:
    arts = reports(nlp, [
        "Police arrested Mara Quill on Tuesday in connection with the Dunmore shooting, the sheriff said.\n\n"
        "The Dunmore city council approved a new budget for the library.",
        "Mara Quill, 34, was arrested by police on Wednesday in connection with the Dunmore shooting, "
        "according to the sheriff.\n\nIn other news, the city council of Dunmore approved a new budget "
        "for the library on Monday evening.",
    ], published=[datetime(2016, 6, 9), datetime(2016, 6, 9)])
    d = build_dossier(arts, embedder)
    assert [x for x in d.discrepancies if x.kind == "date"]
    budget = _claim_with(d, "budget")
    assert budget and all(c.status != "disputed" for c in budget)
    arrest = _claim_with(d, "Mara Quill")
    assert arrest and any(c.status == "disputed" for c in arrest)
