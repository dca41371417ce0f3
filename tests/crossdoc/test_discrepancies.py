"""A discrepancy sets two statements about the same point against each other; each
kind of false discrepancy seen on real stories is one test, and the real ones stay."""

from __future__ import annotations

from datetime import datetime

from newsdesk.crossdoc import build_dossier
from newsdesk.crossdoc.confidence import shipped_model
from tests.crossdoc.helpers import reports


def _kinds(dossier, kind: str):
    return [d for d in dossier.discrepancies if d.kind == kind]


def test_the_same_word_in_two_reports_is_not_a_discrepancy(nlp, embedder) -> None:
    arts = reports(nlp, [
        "Police arrested Tomas Vell on Saturday in connection with the shooting at the Harbor Street bar.",
        "Tomas Vell was arrested on Saturday in connection with the shooting at the Harbor Street bar, police said.",
    ], published=[datetime(2016, 6, 5), datetime(2016, 6, 13)])
    d = build_dossier(arts, embedder)
    assert not _kinds(d, "date"), d.discrepancies


def test_a_day_written_without_its_year_is_the_same_day(nlp, embedder) -> None:
    arts = reports(nlp, [
        "Dario Penn has a court date of Nov. 1 in the Harbor Street bar shooting, prosecutors said.",
        "Dario Penn has a court date of November 1, 2016 in the Harbor Street bar shooting, prosecutors said.",
    ], published=[datetime(2016, 10, 3), datetime(2016, 10, 4)])
    d = build_dossier(arts, embedder)
    assert not _kinds(d, "date"), d.discrepancies


def test_two_copies_of_one_page_never_disagree(nlp, embedder) -> None:
    arts = reports(nlp, [
        "Four people were injured in the shooting at the Harbor Street bar early Sunday, police said.",
        "Five people were injured in the shooting at the Harbor Street bar early Sunday, police said.",
    ], outlets=["Harbor Daily", "Harbor Daily"])
    d = build_dossier(arts, embedder)
    assert len(d.origins) == 1
    assert not d.discrepancies


def test_numbers_about_another_event_are_not_compared(nlp, embedder) -> None:
    arts = reports(nlp, [
        "Three Lakeside police officers were killed in an ambush on Sunday, the chief said.",
        "The ambush came ten days after a gunman killed five police officers in Riverton, the chief said.",
    ])
    d = build_dossier(arts, embedder)
    assert not _kinds(d, "number"), d.discrepancies


def test_numbers_about_different_victims_are_not_compared(nlp, embedder) -> None:
    arts = reports(nlp, [
        "The first victim was shot five times outside the Dunmore apartment complex, police said.",
        "The second victim was shot four times outside the Dunmore apartment complex, police said.",
    ])
    d = build_dossier(arts, embedder)
    assert not _kinds(d, "number"), d.discrepancies


def test_shot_and_killed_are_different_counts(nlp, embedder) -> None:
    arts = reports(nlp, [
        "Six people were shot at the Dunmore block party on Saturday night, police said.",
        "Two people were killed at the Dunmore block party on Saturday night, police said.",
    ])
    d = build_dossier(arts, embedder)
    assert not _kinds(d, "number"), d.discrepancies


def test_another_defendants_sentence_is_not_compared(nlp, embedder) -> None:
    arts = reports(nlp, [
        "Judge Alma Ruiz sentenced Derek Soto to 12 years in prison for the Dunmore robbery.",
        "Judge Alma Ruiz sentenced Calvin Pryce to 5 years in prison for the Dunmore robbery.",
    ])
    d = build_dossier(arts, embedder)
    assert not d.discrepancies, d.discrepancies


def test_furniture_is_never_a_side(nlp, embedder) -> None:
    arts = reports(nlp, [
        "Two men were arrested after the Harbor Street shooting, police said.\n\n"
        "Anyone with information is asked to call Crime Watchers at 555-014-TIPS.\n\n"
        "(Published Friday, June 10, 2016)",
        "Two men were arrested after the Harbor Street shooting, police said.\n\n"
        "Anyone with information is asked to call Crime Watchers at 014-TIPS.\n\n"
        "(Published Wednesday, June 8, 2016)",
    ])
    d = build_dossier(arts, embedder)
    assert not d.discrepancies, d.discrepancies


def test_different_parts_of_one_visit_are_not_compared(nlp, embedder) -> None:
    arts = reports(nlp, [
        "The two presidents held a two-hour one-on-one meeting in the Kessel palace on Tuesday.",
        "Talks with the delegations lasted an hour and a half in the Kessel palace on Tuesday.",
    ])
    d = build_dossier(arts, embedder)
    assert not _kinds(d, "duration"), d.discrepancies


def test_a_different_day_for_the_same_arrest_is_found(nlp, embedder) -> None:
    arts = reports(nlp, [
        "Police arrested Mara Quill on Tuesday in connection with the Dunmore shooting, the sheriff said.",
        "Police arrested Mara Quill on Wednesday in connection with the Dunmore shooting, the sheriff said.",
    ], published=[datetime(2016, 6, 9), datetime(2016, 6, 9)])
    d = build_dossier(arts, embedder)
    [date] = _kinds(d, "date")
    assert {v.text for v in date.variants} == {"Tuesday", "Wednesday"}


def test_a_different_count_of_the_same_victims_is_found(nlp, embedder) -> None:
    arts = reports(nlp, [
        "Four people were injured in the shooting at the Harbor Street bar early Sunday, police said.",
        "According to police, five people were injured when gunfire broke out at a Harbor Street bar on Sunday.",
    ])
    evidence: dict[str, dict[str, float]] = {}
    d = build_dossier(arts, embedder, evidence=evidence)
    [number] = _kinds(d, "number")
    assert {v.text.lower() for v in number.variants} == {"four people", "five people"}
    # the calibrated confidence weighs the shared role ("injured" on both sides)
    assert evidence[number.id]["role"] == 1.0
    model = shipped_model()
    assert number.confidence == round(model.probability(evidence[number.id]), 2) >= model.cut
    assert model.probability(evidence[number.id]) > model.probability({**evidence[number.id], "role": 0.0})


def test_a_place_before_an_office_is_not_another_office(nlp, embedder) -> None:
    arts = reports(nlp, [
        "\"We will find who did this,\" said Mayor Leona Brandt after the shooting in Dunmore.",
        "Dunmore Mayor Leona Brandt said the city would find who was responsible for the shooting.",
    ])
    d = build_dossier(arts, embedder)
    assert not _kinds(d, "title"), d.discrepancies
