"""Name matching shared by in-article and cross-article entity resolution."""

from __future__ import annotations

import pytest

from newsdesk.analyze.names import compatible, given_compatible, is_part_of, nickname_forms, person_tokens


@pytest.mark.parametrize(("a", "b"), [
    ("Dana Whitfield", "Dana Marie Whitfield"),
    ("Marcus Hale", "Marcus J. Hale"),
    ("Robert Ames", "Bob Ames"),
    ("Jean-Pierre Duval", "Jean Pierre Duval"),
    ("Darnell Brooks", "Darnell Brooks Jr."),
    ("Jerry Ortega", "Luis Jerry Ortega"),  # the middle name a person goes by
])
def test_variants_of_one_name_are_compatible(a, b) -> None:
    assert compatible(person_tokens(a), person_tokens(b))


@pytest.mark.parametrize(("a", "b"), [
    ("Darnell Brooks Jr.", "Darnell Brooks Sr."),   # father and son
    ("Anna Berg", "Peter Berg"),                    # namesakes
    ("Dana Marie Whitfield", "Dana Lee Whitfield"),  # different middle names
    ("Fred Larsen", "William Larsen"),
    ("Marcus Hale", "Marcus Hart"),
])
def test_different_people_are_not(a, b) -> None:
    assert not compatible(person_tokens(a), person_tokens(b))


def test_given_names() -> None:
    assert given_compatible("j", "james") and given_compatible("mike", "michael")
    assert not given_compatible("anna", "peter")


def test_titles_descriptions_and_quoted_nicknames_are_no_part_of_a_name() -> None:
    assert person_tokens("Sheriff Ray Colton") == ["ray", "colton"]
    assert person_tokens("Victim Melvin Ede") == ["melvin", "ede"]
    assert person_tokens('Vincent "The Chin" Gallo') == ["vincent", "gallo"]
    assert nickname_forms('Luis Gerardo "Jerry" Ortega') == [["jerry", "ortega"]]
    assert nickname_forms('Vincent "The Chin" Gallo') == []


def test_a_surname_with_a_suffix_is_part_of_the_full_name() -> None:
    assert is_part_of(["brooks"], ["darnell", "brooks", "sr"])
    assert not is_part_of(["darnell"], ["brooks"])
