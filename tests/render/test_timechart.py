"""The timeline chart shows the story's own days; the long past and the far future are
listed beside it, never squeezed onto the axis."""

from __future__ import annotations

from datetime import date

from newsdesk.model import TimelineEntry
from newsdesk.render.timechart import date_span, timeline_chart

PUBLISHED = ["2026-05-05T08:30:00+02:00", "2026-05-06T19:10:00+02:00", None]


def _entry(value: str, text: str, precision: str = "day") -> TimelineEntry:
    return TimelineEntry(value, precision, text, ["a1"])


def test_the_event_week_fills_the_axis_and_the_past_is_listed() -> None:
    timeline = [_entry("1949-04-04", "The Valmora treaty was signed", "day"),
                _entry("2026-05-02", "Tessin closed the border crossing"),
                _entry("2026-05-04", "Talks began in Orlan"),
                _entry("2026-05-06", "The ministers met again"),
                _entry("2027", "Elections are due", "year")]
    chart = timeline_chart(timeline, PUBLISHED)
    assert [t.text for t in chart.earlier] == ["The Valmora treaty was signed"]
    assert [t.text for t in chart.later] == ["Elections are due"]
    assert [r.entry.text for r in chart.rows] == ["Tessin closed the border crossing", "Talks began in Orlan",
                                                  "The ministers met again"]
    first, last = chart.rows[0], chart.rows[-1]
    assert last.left + last.width - first.left > 70  # the event days span most of the width
    assert (chart.start, chart.end) == (date(2026, 5, 1), date(2026, 5, 7))
    assert len(chart.published) == 2 and all(0 < p < 100 for p in chart.published)
    assert [r.label for r in chart.rows] == ["2 May", "4 May", "6 May"]


def test_ticks_stay_inside_and_are_anchored_at_the_edges() -> None:
    chart = timeline_chart([_entry("2026-04-20", "Protest"), _entry("2026-05-06", "Vote")], PUBLISHED)
    assert 2 <= len(chart.ticks) <= 7
    assert chart.ticks[0].align == "start" and chart.ticks[-1].align == "end"
    assert all(0 <= t.left <= 100 for t in chart.ticks)


def test_months_seasons_and_years_around_the_window_are_listed_not_drawn() -> None:
    chart = timeline_chart([_entry("2026-05", "Drought month", "month"), _entry("2026-SU", "Patrols start", "season"),
                            _entry("2026", "Election year", "year"), _entry("2026-05-05", "Rationing"),
                            _entry("2026-W19", "Talks week", "week")], PUBLISHED)
    assert [t.text for t in chart.during] == ["Election year", "Drought month"]
    assert [t.text for t in chart.later] == ["Patrols start"]  # June to August: after the window
    assert [r.entry.text for r in chart.rows] == ["Talks week", "Rationing"]
    assert chart.end - chart.start < date(2026, 6, 1) - date(2026, 5, 1)


def test_without_publication_dates_the_latest_weeks_are_shown() -> None:
    chart = timeline_chart([_entry("1990", "Old dispute", "year"), _entry("2026-03-10", "Strike"),
                            _entry("2026-03-12", "Deal")], [None])
    assert [r.entry.text for r in chart.rows] == ["Strike", "Deal"] and len(chart.earlier) == 1


def test_unreadable_values_are_listed_as_undated() -> None:
    chart = timeline_chart([_entry("PRESENT_REF", "Now"), _entry("2026-13-45", "Bad")], PUBLISHED)
    assert [t.text for t in chart.undated] == ["Now", "Bad"] and not chart.rows
    assert date_span("2026-W19") == (date(2026, 5, 4), date(2026, 5, 11))
    assert timeline_chart([], [None]).rows == []
