"""Entities across reports: name variants of one person merge, namesakes stay apart,
one type per entity."""

from __future__ import annotations

import pytest

from newsdesk.analyze import analyze_articles
from newsdesk.crossdoc.entities import merge_entities
from newsdesk.model import Article, article_id


@pytest.fixture(scope="module")
def merged(nlp):
    def run(*texts: str):
        articles = [Article(article_id(t), f"r{i}.txt", t) for i, t in enumerate(texts)]
        for article, ann in zip(articles, analyze_articles(articles, nlp), strict=True):
            article.annotations = ann
        entities, _ = merge_entities(articles)
        return entities
    return run


def _holding(entities, surface: str):
    return [e for e in entities if any(m.text == surface for m in e.mentions)]


def test_middle_names_and_initials_merge_across_reports(merged) -> None:
    entities = merged(
        "Dana Whitfield, 34, was arrested Friday after a crash on Route 9, police said.",
        "Dana Marie Whitfield was charged with vehicular assault, court records show.",
        "Marcus Hale, the driver of the second car, was taken to Corley General Hospital.",
        "Marcus J. Hale remained in stable condition on Sunday, a hospital spokesman said.",
    )
    for a, b in (("Dana Whitfield", "Dana Marie Whitfield"), ("Marcus Hale", "Marcus J. Hale")):
        ea, eb = _holding(entities, a), _holding(entities, b)
        assert ea and eb and ea[0] is eb[0], [(e.name, e.aliases) for e in entities if e.type == "PERSON"]
        assert ea[0].type == "PERSON"


def test_father_and_son_sharing_two_names_stay_apart(merged) -> None:
    entities = merged(
        "Darnell Brooks Jr., 19, was charged with robbery on Tuesday, police said.",
        "His father, Darnell Brooks Sr., said his son had been at home that night.",
        "Darnell Brooks will appear in court next week.",
    )
    junior, senior = _holding(entities, "Darnell Brooks Jr."), _holding(entities, "Darnell Brooks Sr.")
    assert junior and senior and junior[0] is not senior[0]
    plain = _holding(entities, "Darnell Brooks")
    # the bare name could be either man: it stays its own, unresolved entity
    assert plain and plain[0] is not junior[0] and plain[0] is not senior[0]


def test_a_bare_surname_two_people_share_stays_unresolved(merged) -> None:
    entities = merged(
        "Tomas Varga, 52, and his wife Ilona Varga, 49, were found at their home on Elm Street.",
        "Ilona Varga was pronounced dead at the scene, the coroner said.",
        "Neighbours said Varga had called police twice that month.",
    )
    tomas, ilona = _holding(entities, "Tomas Varga"), _holding(entities, "Ilona Varga")
    assert tomas and ilona and tomas[0] is not ilona[0]
    bare = _holding(entities, "Varga")
    assert all(e is not tomas[0] and e is not ilona[0] for e in bare)


def test_one_type_per_entity_across_reports(merged) -> None:
    entities = merged(
        "Trevon Malik Esposito was arrested on Thursday in connection with the shooting.",
        "Investigators said Trevon Malik Esposito fled the scene in a gray sedan.",
        "Sheriff Jordan said Esposito would be held without bail.",
    )
    for e in entities:
        if "Esposito" in e.name:
            assert e.type == "PERSON"
    jordan = _holding(entities, "Jordan")
    assert jordan and all(e.type == "PERSON" for e in jordan)


def test_a_nickname_in_quotes_and_a_surname_tagged_as_a_place_join_the_person(merged) -> None:
    entities = merged(
        "Luis “Lucho” Arredondo, 44, was found guilty of arson on Wednesday, prosecutors said.",
        "Luis Arredondo had denied setting the fire at the Arredondo warehouse.",
        "Jurors deliberated for two days before convicting Luis Arredondo.",
    )
    people = [e for e in entities if e.type == "PERSON" and "Arredondo" in e.name]
    assert len(people) == 1, [(e.name, e.aliases) for e in entities]
