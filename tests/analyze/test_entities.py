"""In-article entity resolution: variants, descriptions, pronouns, and the namesake guard."""

from __future__ import annotations

TEXT = """Russian President Vladimir Putin arrived in Pyongyang on Wednesday, where he was greeted by Kim Jong-un.

Kim Jong- one called Putin his "dearest friend". The Russian president thanked his host.

North Korean leader Kim Jong Un said the treaty was defensive. Putin did not comment further.

Vladimir Tikhonov, a professor at the University of Oslo, said the deal was no surprise."""


def _people(ann):
    return {e.name: e for e in ann.entities if e.type == "PERSON"}


def test_spelling_variants_are_one_person(analyse) -> None:
    article, ann = analyse(TEXT)
    kims = [e for e in ann.entities if e.type == "PERSON" and "kim" in e.name.lower()]
    assert len(kims) == 1, [e.name for e in kims]
    surfaces = {article.text[m.start:m.end] for m in kims[0].mentions}
    assert {"Kim Jong-un", "Kim Jong- one", "Kim Jong Un"} <= surfaces


def test_short_names_and_descriptions_resolve_to_the_full_name(analyse) -> None:
    article, ann = analyse(TEXT)
    putin = _people(ann)["Vladimir Putin"]
    surfaces = {article.text[m.start:m.end] for m in putin.mentions}
    assert "Putin" in surfaces
    assert "The Russian president" in surfaces


def test_namesakes_are_never_merged(analyse) -> None:
    _, ann = analyse(TEXT)
    people = _people(ann)
    assert "Vladimir Tikhonov" in people and "Vladimir Putin" in people
    assert people["Vladimir Tikhonov"] is not people["Vladimir Putin"]
    assert all("Tikhonov" not in a for a in people["Vladimir Putin"].aliases)


def test_places_and_organisations(analyse) -> None:
    _, ann = analyse(TEXT)
    types = {e.name: e.type for e in ann.entities}
    assert types.get("Pyongyang") == "GPE"
    assert any(t == "ORG" and "Oslo" in n for n, t in types.items())


def test_ambiguous_surname_is_not_guessed(analyse) -> None:
    text = ("Anna Berg, the finance minister, met Peter Berg, the mayor, on Monday. "
            "Berg said the budget was balanced.")
    article, ann = analyse(text)
    people = [e for e in ann.entities if e.type == "PERSON"]
    for person in people:
        for m in person.mentions:
            if article.text[m.start:m.end] == "Berg":
                assert person.name == "Berg", "a bare shared surname must not be given to one of two namesakes"


def test_middle_name_variant_is_one_person(analyse) -> None:
    text = ("Dana Marie Whitfield, 34, was arrested on Friday, police said. "
            "Officers found Dana Whitfield at her home in Corley.")
    _, ann = analyse(text)
    whitfields = [e for e in ann.entities if e.type == "PERSON" and "Whitfield" in e.name]
    assert len(whitfields) == 1, [(e.name, e.aliases) for e in whitfields]
    assert len(whitfields[0].mentions) >= 2


def test_father_and_son_sharing_two_names_stay_apart(analyse) -> None:
    text = ("Darnell Brooks, 19, was charged with robbery on Tuesday. "
            "His father, Darnell Brooks Sr., told reporters his son was innocent.")
    _, ann = analyse(text)
    brooks = [e for e in ann.entities if e.type == "PERSON" and "Brooks" in e.name]
    assert len(brooks) == 2, [(e.name, e.aliases) for e in brooks]


def test_a_title_makes_a_person_of_a_name_that_sounds_like_a_place(analyse) -> None:
    text = "Sheriff Jordan said deputies arrived within minutes of the call on Saturday night."
    article, ann = analyse(text)
    at = article.text.index("Jordan")
    holders = [e for e in ann.entities if any(m.start <= at < m.end for m in e.mentions)]
    assert holders and all(e.type == "PERSON" for e in holders), [(e.name, e.type) for e in holders]


def test_no_entity_name_runs_over_a_line_break(analyse) -> None:
    text = ("WATCH VIDEO\nMarla Quinton\n\nMarla Quinton, a spokeswoman for the Harlow County Sheriff's Office, "
            "said the road was closed.")
    _, ann = analyse(text)
    assert all("\n" not in m.text for e in ann.entities for m in e.mentions)
    assert all("\n" not in e.name for e in ann.entities)


def test_she_after_her_publicist_is_not_the_publicist(analyse) -> None:
    text = ("The singer cancelled the tour on Monday. Her publicist, Tom Vale, confirmed the news. "
            "She is expected to recover fully.")
    article, ann = analyse(text)
    vale = next(e for e in ann.entities if e.type == "PERSON" and "Vale" in e.name)
    assert all(m.text.lower() != "she" for m in vale.mentions)


def test_headline_names_stop_where_the_body_names_stop(analyse) -> None:
    text = ("Orla Fenwick Wins Harbor Seat In Recount\n\n"
            "Orla Fenwick, 51, won the Harbor district seat on Thursday after a recount. Fenwick thanked voters.")
    _, ann = analyse(text)
    assert not any("Wins" in e.name or any("Wins" in m.text for m in e.mentions) for e in ann.entities)
    fenwick = next(e for e in ann.entities if e.name == "Orla Fenwick")
    assert fenwick.mentions[0].start == 0


def test_she_is_not_given_to_a_person_already_called_he(analyse) -> None:
    text = ("Orrin Castell was arrested on Friday. He spent the night in a cell. "
            "Investigators questioned Orrin Castell again on Saturday. She said the case was closed.")
    article, ann = analyse(text)
    castell = next(e for e in ann.entities if e.type == "PERSON" and "Castell" in e.name)
    assert any(m.text == "He" for m in castell.mentions)
    assert all(m.text.lower() != "she" for m in castell.mentions)
