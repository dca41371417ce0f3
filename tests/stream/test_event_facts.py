"""What tells two events of one kind apart: stated days, people, numbers (invented reports)."""

from __future__ import annotations

from datetime import date

import numpy as np

from newsdesk.stream import Decision, StoryClusterer, StorySignal
from newsdesk.stream.decision import FEATURES, PairFeatures
from newsdesk.stream.signal import stated_days, stated_numbers, typed_keys


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_stated_days_resolve_weekdays_and_month_days_against_publication():
    text = ("Two people were wounded in a shooting outside a bakery in Marrowdale on Saturday night, "
            "a week after the March 3 robbery on the same street, police said.")
    days = stated_days(text, date(2025, 3, 18))
    assert date(2025, 3, 15) in days          # the Saturday before publication
    assert date(2025, 3, 3) in days


def test_stated_days_without_publication_keep_only_full_dates():
    text = "The quake struck on Tuesday, 14 October 2014, and a second one on Friday."
    assert stated_days(text, None) == (date(2014, 10, 14),)


def test_stated_numbers_skip_dates_times_money_and_years():
    text = ("Three men, aged 19, 22 and 31, were hurt at 11:45 p.m. on May 2, 2019 outside 40 Quill Lane; "
            "a $500 reward and 2.5 million viewers were mentioned.")
    assert stated_numbers(text) == frozenset({3, 19, 22, 31, 40})


def test_people_and_places_are_typed_subsets_of_the_keys():
    names = [("Orla Penhallow", "PERSON"), ("Marrowdale", "GPE"), ("Quill Lane", "FAC"), ("Tuesday", "DATE")]
    assert typed_keys(names, frozenset({"PERSON"})) == {"orla penhallow", "penhallow"}
    assert typed_keys(names, frozenset({"GPE", "FAC"})) == {"marrowdale", "quill lane"}


def _sig(aid: str, vec: np.ndarray, **kw: object) -> StorySignal:
    return StorySignal(article=aid, vector=vec, day=date(2025, 3, 18), **kw)  # type: ignore[arg-type]


def _features(first: StorySignal, second: StorySignal) -> PairFeatures:
    c = StoryClusterer(dim=3, decision=Decision(coef=(0.0,) * len(FEATURES), intercept=-5.0))
    c.add(first)
    (story,) = c.stories.values()
    return c.features(second, story)


def test_features_see_other_people_other_days_and_other_counts():
    base = dict(entities={"marrowdale", "orla penhallow", "penhallow"}, people={"orla penhallow", "penhallow"},
                places={"marrowdale"}, stated_days=(date(2025, 3, 15),), numbers=frozenset({2, 19}))
    same = _features(_sig("a", _unit(1, 0, 0), **base), _sig("b", _unit(1, 0.1, 0), **base))
    assert same.person_overlap == 1.0 and same.person_conflict == 0.0
    assert same.event_log_days == 0.0 and same.no_event_date == 0.0
    assert same.number_overlap == 1.0 and same.number_conflict == 0.0 and same.place_only == 0.0
    other = dict(entities={"marrowdale", "tobiah quarles", "quarles"}, people={"tobiah quarles", "quarles"},
                 places={"marrowdale"}, stated_days=(date(2025, 3, 11),), numbers=frozenset({4, 27}))
    diff = _features(_sig("a", _unit(1, 0, 0), **base), _sig("c", _unit(1, 0.1, 0), **other))
    assert diff.person_overlap == 0.0 and diff.person_conflict == 1.0
    assert diff.place_only == 1.0                       # only the town is shared
    assert diff.event_log_days > 1.5 and diff.no_event_date == 0.0
    assert diff.number_conflict == 1.0


def test_unknown_facts_are_flagged_absent_not_conflicting():
    f = _features(_sig("a", _unit(1, 0, 0)), _sig("b", _unit(1, 0, 0)))
    assert f.no_event_date == 1.0 and f.person_conflict == 0.0 and f.number_conflict == 0.0


def test_shipped_decision_weighs_people_days_and_counts():
    """Same kind of event, same town, same week, the same content similarity (cosine
    0.8): the shipped decision is much less sure of a report that names other people,
    another day and other counts than of one that repeats them, and joins the latter."""
    from newsdesk.stream.decision import shipped_decision

    first = dict(entities={"marrowdale", "orla penhallow", "penhallow"}, people={"orla penhallow", "penhallow"},
                 places={"marrowdale"}, stated_days=(date(2025, 3, 15),), numbers=frozenset({2, 19}),
                 terms=frozenset({"two", "wounded", "shooting", "outside", "bakery", "marrowdale", "penhallow"}))
    second = dict(entities={"marrowdale", "tobiah quarles", "quarles"}, people={"tobiah quarles", "quarles"},
                  places={"marrowdale"}, stated_days=(date(2025, 3, 12),), numbers=frozenset({1, 44}),
                  terms=frozenset({"man", "killed", "shooting", "tavern", "marrowdale", "quarles"}))
    d = shipped_decision()
    p_other = d.probability(_features(_sig("a", _unit(1, 0.3, 0), **first), _sig("b", _unit(1, -0.3, 0.3), **second)))
    p_same = d.probability(_features(_sig("a", _unit(1, 0.3, 0), **first), _sig("b", _unit(1, -0.3, 0.3), **first)))
    assert p_same - p_other > 0.25
    c = StoryClusterer(dim=3, decision=d)
    a = c.add(_sig("a", _unit(1, 0.3, 0), **first))
    same = c.add(_sig("b", _unit(1, -0.3, 0.3), **first))
    assert same.story == a.story and same.reason == "joined" and same.probability >= d.join_at
