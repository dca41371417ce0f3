"""Dates on pages: readable text for people, the exact ISO 8601 value in ``<time>``.

A report's date is shown in its own local time, as the source stated it (the offset
kept); times newsdesk itself recorded (a dossier built, a story updated) are UTC and
marked ``data-local`` so the page script can show them in the reader's time zone.

>>> str(time_html("2025-03-18T16:40:00+01:00"))
'<time datetime="2025-03-18T16:40:00+01:00">18 Mar 2025, 16:40 UTC+01:00</time>'
>>> str(time_html("2025-03-18"))
'<time datetime="2025-03-18">18 Mar 2025</time>'
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from markupsafe import Markup, escape

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def readable(moment: datetime | date) -> str:
    """ "18 Mar 2025, 16:40 UTC+01:00" (a date alone: "18 Mar 2025")."""
    day = f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    if not isinstance(moment, datetime):
        return day
    text = f"{day}, {moment:%H:%M}"
    offset = moment.utcoffset()
    if offset is None:
        return text
    if not offset:
        return text + " UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{text} UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def time_html(value: str | datetime | date | None, recorded: bool = False, date_only: bool = False) -> Markup:
    """``<time datetime=ISO>readable</time>``; ``recorded`` for newsdesk's own naive-UTC
    timestamps (rendered in UTC, and re-rendered in the reader's zone by the page script);
    ``date_only`` shows the day but keeps the full value in ``datetime``. Unparseable
    strings are shown as they are."""
    if value is None or value == "":
        return Markup("")
    moment: datetime | date
    if isinstance(value, str):
        try:
            moment = (date.fromisoformat(value) if len(value) == 10
                      else datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            return Markup(escape(value))
    else:
        moment = value
    if recorded and isinstance(moment, datetime) and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    extra = ' data-local=""' if recorded else ""
    shown = readable(moment.date() if date_only and isinstance(moment, datetime) else moment)
    return Markup(f'<time datetime="{escape(moment.isoformat())}"{extra}>{escape(shown)}</time>')
