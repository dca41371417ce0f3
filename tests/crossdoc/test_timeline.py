"""Which event dates can name one happening when events merge across reports."""

from __future__ import annotations

from collections import Counter

from newsdesk.crossdoc.timeline import _dated_key, compatible_dates


def test_a_day_fits_its_month_and_year_but_not_another_day() -> None:
    assert compatible_dates("2024-06-19", "2024-06")
    assert compatible_dates("2024", "2024-06-19")
    assert not compatible_dates("2024-06-19", "2024-06-20")
    assert not compatible_dates("2014", "2024-06-19")
    assert compatible_dates("2024-W25", "2024-06-19") and not compatible_dates("2023-W25", "2024-06-19")


def test_two_meetings_on_different_days_stay_two_events() -> None:
    key = ("CONSULT", "e1", "e2", False, False, None)
    merged = {key: {"dates": Counter({"2024-05-03": 1})}}
    assert _dated_key(merged, key, "2024-05") == key  # the same month: the same meeting
    assert _dated_key(merged, key, None) == key
    other = _dated_key(merged, key, "2024-07-09")
    assert other != key and other[-1] == "2024-07-09"
