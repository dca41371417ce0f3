"""The story's timeline as a readable chart: an axis over the story's own window (the
days around the reports' publication dates), with the long past and the far future
kept out of the axis and listed beside it, so a 1949 treaty never squeezes the event
week into a few pixels.

Positions are percentages of the chart's width, so the chart fits any screen; labels
are HTML text (never clipped; the full text shows on hover and keyboard focus).

>>> chart = timeline_chart([TimelineEntry("2026-05-04", "day", "Talks began", ["a"])], ["2026-05-05T09:00:00"])
>>> [(round(r.left), r.entry.text) for r in chart.rows], chart.earlier
([(25, 'Talks began')], [])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from newsdesk.model import TimelineEntry

# How far before the first and after the last publication an entry still belongs to the
# story's own window (the chart); anything further is "earlier" or "later" context.
WINDOW_BEFORE = timedelta(days=21)
WINDOW_AFTER = timedelta(days=21)
NO_DATES_WINDOW = timedelta(days=28)  # without publication dates: the four weeks up to the latest entry
TICK_STEPS = (1, 2, 7, 14, 28)        # days between axis ticks; the smallest giving ≤ MAX_TICKS
MAX_TICKS = 7
FINE = timedelta(days=7)              # entries this precise (days, weeks) set the axis
# Seasons, quarters and halves as (first month, number of months); winter runs into the next year.
_PARTS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "AU": (9, 3), "WI": (12, 3), "Q1": (1, 3), "Q2": (4, 3),
          "Q3": (7, 3), "Q4": (10, 3), "H1": (1, 6), "H2": (7, 6)}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class ChartRow:
    """One entry on the axis: ``left`` and ``width`` in percent of the track;
    ``clipped`` when the entry runs past the window (a month, a year)."""

    entry: TimelineEntry
    left: float
    width: float
    label: str
    clipped: bool = False


@dataclass
class ChartTick:
    left: float
    label: str
    align: str  # start | middle | end: keeps the first and last labels inside the chart


@dataclass
class TimelineChart:
    rows: list[ChartRow] = field(default_factory=list)
    ticks: list[ChartTick] = field(default_factory=list)
    published: list[float] = field(default_factory=list)  # publication days, percent of the track
    start: date | None = None
    end: date | None = None
    during: list[TimelineEntry] = field(default_factory=list)  # months, seasons, years around the window
    earlier: list[TimelineEntry] = field(default_factory=list)
    later: list[TimelineEntry] = field(default_factory=list)
    undated: list[TimelineEntry] = field(default_factory=list)


def date_span(value: str) -> tuple[date, date] | None:
    """A TimeML value as a half-open [start, end) span of days, or None.

    >>> date_span("2026-05")
    (datetime.date(2026, 5, 1), datetime.date(2026, 6, 1))
    >>> date_span("2026-SU")
    (datetime.date(2026, 6, 1), datetime.date(2026, 9, 1))
    >>> date_span("1987/1992")
    (datetime.date(1987, 1, 1), datetime.date(1993, 1, 1))
    """
    if "/" in value:
        a, _, b = value.partition("/")
        lo, hi = date_span(a), date_span(b)
        return (lo[0], hi[1]) if lo and hi else None
    try:
        if m := re.match(r"^(\d{4})-(SP|SU|FA|AU|WI|Q[1-4]|H[12])$", value):
            first, months = _PARTS[m[2]]
            start = date(int(m[1]), first, 1)
            end_month = first + months
            return start, date(int(m[1]) + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
        if m := re.match(r"^(\d{4})-W(\d{2})", value):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + timedelta(days=7)
        if m := re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value):
            year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
            if day:
                start = date(year, month, day)
                return start, start + timedelta(days=1)
            if month:
                return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1)
            return date(year, 1, 1), date(year + 1, 1, 1)
        if m := re.match(r"^(\d{3})X?$", value):  # a decade, "199" / "199X"
            return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 10, 1, 1)
    except ValueError:  # "2026-13-40" and friends
        return None
    return None


def short_date(day: date, with_year: bool = False) -> str:
    """ "4 May" (or "4 May 2026")."""
    return f"{day.day} {MONTHS[day.month - 1]}" + (f" {day.year}" if with_year else "")


def _publication_days(published: list[str | None]) -> list[date]:
    days = []
    for value in published:
        if value:
            try:
                days.append(datetime.fromisoformat(value.replace("Z", "+00:00")).date())
            except ValueError:
                continue
    return days


def timeline_chart(timeline: list[TimelineEntry], published: list[str | None]) -> TimelineChart:
    """Place each timeline entry on the story's window, or in the earlier/later lists."""
    spans = [(t, date_span(t.date)) for t in timeline]
    chart = TimelineChart(undated=[t for t, s in spans if s is None])
    dated = [(t, s) for t, s in spans if s]
    pubs = _publication_days(published)
    if not dated and not pubs:
        return chart
    if pubs:
        window = (min(pubs) - WINDOW_BEFORE, max(pubs) + timedelta(days=1) + WINDOW_AFTER)
    else:
        fine = [s for _, s in dated if s[1] - s[0] <= FINE] or [s for _, s in dated]
        latest = max(s[1] for s in fine)
        window = (latest - NO_DATES_WINDOW, latest)
    overlapping = [(t, s) for t, s in dated if s[1] > window[0] and s[0] < window[1]]
    # A month, season or year would be a bar across the whole axis: listed instead.
    inside = [(t, s) for t, s in overlapping if s[1] - s[0] <= FINE]
    chart.during = [t for t, s in sorted(overlapping, key=lambda ts: ts[1]) if s[1] - s[0] > FINE]
    chart.earlier = sorted((t for t, s in dated if s[1] <= window[0]), key=lambda t: date_span(t.date))
    chart.later = sorted((t for t, s in dated if s[0] >= window[1]), key=lambda t: date_span(t.date))
    # The axis spans the publication days and the day- and week-precise entries, each
    # clipped to the window (a week running past it is drawn clipped).
    points = [(p, p + timedelta(days=1)) for p in pubs]
    points += [(max(s[0], window[0]), min(s[1], window[1])) for _, s in inside]
    if not points:
        points = [window]
    lo = min(p[0] for p in points) - timedelta(days=1)
    hi = max(p[1] for p in points) + timedelta(days=1)
    chart.start, chart.end = lo, hi - timedelta(days=1)
    days = (hi - lo).days

    def pos(day: date) -> float:
        return min(max((day - lo).days / days * 100, 0.0), 100.0)

    for t, s in sorted(inside, key=lambda ts: ts[1]):
        left, right = pos(s[0]), pos(s[1])
        clipped = s[0] < lo or s[1] > hi
        label = short_date(s[0]) if s[1] - s[0] == timedelta(days=1) else t.date
        chart.rows.append(ChartRow(t, left, max(right - left, 0.8), label, clipped))
    chart.published = sorted({pos(p) + 50 / days for p in pubs})
    step = next((n for n in TICK_STEPS if days / n <= MAX_TICKS), TICK_STEPS[-1])
    ticks = [lo + timedelta(days=k) for k in range(1, days, step)]
    chart.ticks = [ChartTick(pos(d), short_date(d), "start" if i == 0 else "end" if i == len(ticks) - 1
                             else "middle") for i, d in enumerate(ticks)]
    return chart
