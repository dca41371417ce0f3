"""Temporal expressions normalised TimeML-style against the publication date."""

from __future__ import annotations

import pytest

CASES = [
    ("Last Wednesday (19 June) the two leaders signed the treaty.", "Last Wednesday (19 June)", "2024-06-19", "day"),
    ("The treaty was signed last Wednesday in the capital.", "last Wednesday", "2024-06-19", "day"),
    ("The minister said today that talks would continue.", "today", "2024-06-25", "day"),
    ("The shipments began last October, officials said.", "last October", "2023-10", "month"),
    ("In March, the council used its veto to end the monitoring.", "March", "2024-03", "month"),
    ("Between August and January alone, 1.6 million shells were delivered.", "Between August and January",
     "2023-08/2024-01", "range"),
    ("The country has been under sanctions since 2006.", "2006", "2006", "year"),
    ("The two Koreas fought the 1950-53 war to a standstill.", "1950-53", "1950/1953", "range"),
]


@pytest.mark.parametrize(("text", "surface", "value", "precision"), CASES)
def test_dates_resolve_against_publication(analyse, text, surface, value, precision) -> None:
    article, ann = analyse(text)
    found = [t for t in ann.timexes if t.value == value]
    assert found, [(t.text, t.value) for t in ann.timexes]
    t = found[0]
    assert surface.lower() in t.text.lower() or t.text.lower() in surface.lower()
    assert t.precision == precision
    assert article.text[t.start:t.end] == t.text


@pytest.mark.parametrize(("text", "value", "modifier"), [
    ("It was his first visit in 24 years.", "P24Y", None),
    ("The leaders met for less than a year before the deal.", "P1Y", "LESS_THAN"),
    ("He then held talks for an hour and a half with his host.", "PT1H30M", None),
    ("They signed the pact after a two-hour meeting.", "PT2H", None),
])
def test_durations(analyse, text, value, modifier) -> None:
    _, ann = analyse(text)
    durations = [t for t in ann.timexes if t.type == "DURATION"]
    assert any(t.value == value and t.modifier == modifier for t in durations), \
        [(t.text, t.value, t.modifier) for t in durations]


def test_unknown_publication_date_anchors_on_a_stated_date(analyse) -> None:
    text = ("On 19 June 2024 the leaders met in the capital. The next day, Tuesday, the delegation left. "
            "Officials said on Wednesday that the visit had gone well.")
    _, ann = analyse(text, published=None)
    wednesday = next(t for t in ann.timexes if t.text.lower().endswith("wednesday"))
    assert wednesday.anchor_inferred is True
    assert wednesday.value is not None and wednesday.value.startswith("2024-06")


def test_present_reference(analyse) -> None:
    _, ann = analyse("The alliance is now stronger than ever, the minister said.")
    assert any(t.value == "PRESENT_REF" for t in ann.timexes)


@pytest.mark.parametrize(("text", "value"), [
    ("The minister said on Monday that he will resign.", "2024-06-24"),
    ("The parliament will vote on Monday on the treaty.", "2024-07-01"),
    ("On Monday, the parliament will vote on the treaty.", "2024-07-01"),
    ("Joint patrols would begin in September, the ministry said.", "2024-09"),
    ("Shipments began in March, officials said.", "2024-03"),
])
def test_tense_decides_the_direction_of_bare_dates(analyse, text, value) -> None:
    _, ann = analyse(text)
    assert [t.value for t in ann.timexes if t.type == "DATE"] == [value]


@pytest.mark.parametrize(("text", "published", "value"), [
    # a Sunday report: the hearing moves forward to the next day, not back six days
    ("The hearing for Corwin Bale was postponed until Monday, the clerk said.", "2015-03-22", "2015-03-23"),
    ("Bale will make his first court appearance Monday in Dunmore.", "2015-03-22", "2015-03-23"),
    # "was due" looks forward from a March report
    ("She was due in late May, her sister said.", "2016-03-10", "2016-05"),
    ("The trial is scheduled for June 3, prosecutors said.", "2016-03-10", "2016-06-03"),
    # an event named by its date looks back, even from December
    ("Jurors heard from witnesses of the April 16 shooting on Tuesday.", "2015-12-09", "2015-04-16"),
    ("Police said the April 16 shooting was gang-related.", "2015-12-09", "2015-04-16"),
    # a report written on a Wednesday: an appearance, a court date or a vigil ahead
    ("Pell Okafor will make his first court appearance Monday, officials said.", "2016-12-07", "2016-12-12"),
    ("The arraignment was postponed until Monday.", "2016-12-07", "2016-12-12"),
    ("Okafor is due in court May 2 for a hearing.", "2016-03-10", "2016-05-02"),
    ("He is scheduled to be sentenced on Jan. 5.", "2016-12-07", "2017-01-05"),
    # the same bare dates in past sentences look back
    ("Okafor was arrested Friday and will be arraigned Monday.", "2016-12-07", "2016-12-02"),
    ("The suspect was arrested on Jan. 5.", "2017-02-07", "2017-01-05"),
    ("Relatives gathered Sunday to remember the victims of the April 16 shooting.", "2016-12-07", "2016-04-16"),
    # "due to" as a cause does not make the sentence future
    ("The bridge closed on March 2 due to the flooding.", "2016-03-10", "2016-03-02"),
])
def test_context_decides_the_direction(analyse, text, published, value) -> None:
    _, ann = analyse(text, published=published)
    values = [t.value for t in ann.timexes if t.type == "DATE"]
    assert value in values, [(t.text, t.value) for t in ann.timexes]


def test_no_publication_date_and_no_stated_date_leaves_relative_dates_unresolved(analyse) -> None:
    text = "The suspect was arrested on Friday and will appear in court next month, police said."
    _, ann = analyse(text, published=None)
    relative = [t for t in ann.timexes if t.type == "DATE"]
    assert relative, ann.timexes
    assert all(t.value is None and t.anchor is None and not t.anchor_inferred for t in relative)


def test_no_publication_date_anchors_only_on_a_stated_date(analyse) -> None:
    text = ("The council met on March 6, 2019 to discuss the budget. "
            "The vote was postponed until Monday, the chair said.")
    _, ann = analyse(text, published=None)
    monday = next(t for t in ann.timexes if t.text.lower().endswith("monday"))
    assert monday.anchor == "2019-03-06" and monday.anchor_inferred
    assert monday.value == "2019-03-11"  # the Monday after that Wednesday
