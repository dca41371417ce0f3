"""Publication dates in the many forms reports state them."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk.clean.dates import find_dates, parse_date


@pytest.mark.parametrize(("text", "expected"), [
    ("date 2024-06-25 Home page politics", datetime(2024, 6, 25)),
    ("19.6.2024 - 23:31", datetime(2024, 6, 19, 23, 31)),
    ("Wednesday, June 19, 2024", datetime(2024, 6, 19)),
    ("Updated 20.06.2024, 08:08", datetime(2024, 6, 20, 8, 8)),
    ("Published 3 March 2023", datetime(2023, 3, 3)),
])
def test_stated_dates(text: str, expected: datetime) -> None:
    [(found, start, end)] = find_dates(text)
    assert found.replace(tzinfo=None) == expected
    assert 0 <= start < end <= len(text)


def test_iso_and_rfc822_metadata() -> None:
    assert parse_date("2024-06-19T14:05:00+09:00").isoformat() == "2024-06-19T14:05:00+09:00"
    assert parse_date("2024-06-19T05:05:00Z").utcoffset().total_seconds() == 0
    assert parse_date("Wed, 19 Jun 2024 10:00:00 GMT").date().isoformat() == "2024-06-19"


def test_no_date_is_no_guess() -> None:
    assert find_dates("The council met for 2024 minutes in room 19.") == []
    assert parse_date("") is None
    assert parse_date("not a date at all") is None
