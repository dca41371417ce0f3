"""Whether two passages are about the same point: roles of numbers and dates, and
the people, places, ordinals and days they name."""

from __future__ import annotations

from newsdesk.crossdoc.points import Referents, compare, role


def _role(text: str, phrase: str) -> str | None:
    start = text.index(phrase)
    return role(text, start, start + len(phrase))


def test_roles_of_counts_in_one_sentence() -> None:
    text = "Six people were shot on Friday night, two of them fatally, police said."
    assert _role(text, "Six people") == "shot"
    assert _role(text, "two") == "killed"


def test_role_of_a_date_is_its_happening() -> None:
    assert _role("Mara Quill was arrested Tuesday in Dunmore.", "Tuesday") == "arrested"
    assert _role("She is due in court on Monday.", "Monday") == "trial"


def test_role_unknown_when_the_clause_says_nothing() -> None:
    assert _role("The bridge is 400 meters long.", "400 meters") is None


def test_different_roles_are_different_points() -> None:
    assert compare(Referents(), Referents(), "killed", "injured") is None


def test_different_people_places_ordinals_or_days_are_different_points() -> None:
    assert compare(Referents(people={"e1"}), Referents(people={"e2"})) is None
    assert compare(Referents(places={"p1"}), Referents(places={"p2"})) is None
    assert compare(Referents(ordinals={"first"}), Referents(ordinals={"second"})) is None
    assert compare(Referents(days={"2016-06-08"}), Referents(days={"2016-06-09"})) is None
    assert compare(Referents(days={"2016-06-08"}), Referents(days={"2016-06-09"}), same_day_needed=False)


def test_shared_people_and_role_raise_the_evidence() -> None:
    plain = compare(Referents(), Referents())
    strong = compare(Referents(people={"e1"}, places={"p1"}), Referents(people={"e1"}, places={"p1"}),
                     "arrested", "arrested")
    assert plain is not None and strong is not None
    assert strong.weight > plain.weight


def _q(text: str, phrase: str, value: float):
    from newsdesk.model import Quantity

    start = text.index(phrase)
    return Quantity(start, start + len(phrase), phrase, value, phrase.split()[-1], f"{value:g}")


def test_counts_of_different_charges_are_different_things() -> None:
    from newsdesk.crossdoc.points import counted_of

    a = "Vance faces three counts of first-degree murder and one count of arson."
    b = "Vance also faces one count of 1st-degree attempted murder."
    assert counted_of(a, _q(a, "three counts", 3)) == frozenset({"first", "degree", "murder"})
    assert counted_of(b, _q(b, "one count", 1)) == frozenset({"first", "degree", "attempted", "murder"})
    assert counted_of("Five people were hurt.", _q("Five people were hurt.", "Five people", 5)) is None


def test_a_stated_range_covers_the_values_inside_it() -> None:
    from newsdesk.crossdoc.points import bounds, overlap

    a = "Witnesses said three to four suspects opened fire."
    b = "Police said four suspects opened fire."
    qa, qb = _q(a, "four suspects", 4), _q(b, "four suspects", 4)
    assert bounds(a, qa) == (3, 4)
    assert overlap(a, qa, b, _q(b, "four suspects", 3))
    c = "Police said six suspects opened fire."
    assert not overlap(a, qa, c, _q(c, "six suspects", 6))
    assert bounds(b, qb) is None


def test_backdrop_clauses() -> None:
    from newsdesk.crossdoc.points import backdrop

    t = "Unlike the attack that killed five officers in Dallas, the shooting in Kessel wounded two."
    assert backdrop(t, t.index("five"), t.index("five") + 4)
    assert not backdrop(t, t.index("two"), t.index("two") + 3)


def test_a_part_is_not_the_whole() -> None:
    assert compare(Referents(ordinals={"first"}), Referents()) is None
    assert compare(Referents(ordinals={"other"}), Referents()) is not None
