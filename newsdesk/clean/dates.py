"""Publication dates in the many forms reports print them.

Explicit patterns first (ISO 8601, dotted day.month.year, "Wednesday, June 19, 2024",
"19 June 2024"); dateparser only as a fallback for a line that is clearly just a date.
"""

from __future__ import annotations

import re
from datetime import datetime

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
# Full month names of other languages newsrooms print datelines in (general language
# data: German, French, Spanish, Italian, Portuguese, Dutch), plus German abbreviations.
FOREIGN_MONTHS = {name: i for i, names in enumerate([
    "januar jänner janvier enero gennaio janeiro januari jan.", "februar février fevrier febrero febbraio fevereiro februari",
    "märz maerz mars marzo março maart mär.", "avril abril aprile", "mai mayo maggio maio mei",
    "juni juin junio giugno junho", "juli juillet julio luglio julho", "août aout agosto augustus",
    "septembre septiembre setiembre settembre setembro", "oktober octobre octubre ottobre outubro okt.",
    "novembre noviembre novembro", "dezember décembre decembre diciembre dicembre dezembro dez."], start=1)
    for name in names.split()}
_FOREIGN = "|".join(sorted((re.escape(n.rstrip(".")) for n in FOREIGN_MONTHS), key=len, reverse=True))
_MON = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
        r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|" + _FOREIGN + r")\.?")
_WD = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:\s*(?:[-–,|]|at)?\s*(\d{1,2})[:.h](\d{2})(?:\s*(am|pm))?)?"

PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?"), "iso"),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})" + _TIME, re.I), "dmy"),
    (re.compile(r"\b" + _WD + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + _TIME, re.I), "mdy"),
    (re.compile(r"\b" + _WD + r"(\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?" + _MON + r",?\s+(?:de\s+)?(\d{4})"
                + _TIME, re.I), "dmy_name"),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})" + _TIME), "slash"),
]


def _hm(hour: str | None, minute: str | None, ampm: str | None) -> tuple[int, int]:
    h, m = int(hour or 0), int(minute or 0)
    if ampm and ampm.lower() == "pm" and h < 12:
        h += 12
    if ampm and ampm.lower() == "am" and h == 12:
        h = 0
    return h, m


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return FOREIGN_MONTHS.get(name) or FOREIGN_MONTHS.get(name + ".") or MONTHS[name[:3]]


def _build(kind: str, g: tuple[str | None, ...]) -> datetime | None:
    try:
        if kind == "iso":
            if g[3] is None:
                return datetime(int(g[0]), int(g[1]), int(g[2]))
            iso = f"{g[0]}-{g[1]}-{g[2]}T{g[3]}:{g[4]}:{g[5] or '00'}"
            if g[6]:
                tz = "+00:00" if g[6] == "Z" else (g[6] if ":" in g[6] else g[6][:3] + ":" + g[6][3:])
                iso += tz
            return datetime.fromisoformat(iso)
        if kind == "dmy":
            return datetime(int(g[2]), int(g[1]), int(g[0]), *_hm(g[3], g[4], g[5]))
        if kind == "mdy":
            return datetime(int(g[2]), _month(g[0]), int(g[1]), *_hm(g[3], g[4], g[5]))
        if kind == "dmy_name":
            return datetime(int(g[2]), _month(g[1]), int(g[0]), *_hm(g[3], g[4], g[5]))
        if kind == "slash":  # ambiguous: day-first unless impossible (newsdesk's readers are mostly non-US)
            a, b = int(g[0]), int(g[1])
            day, month = (a, b) if b <= 12 else (b, a)
            return datetime(int(g[2]), month, day, *_hm(g[3], g[4], g[5]))
    except (ValueError, KeyError):
        return None
    return None


def find_dates(text: str) -> list[tuple[datetime, int, int]]:
    """Every explicit date in ``text`` with its span, in order of position.

    >>> [d.isoformat() for d, _, _ in find_dates("19.6.2024 - 23:31")]
    ['2024-06-19T23:31:00']
    >>> [d.date().isoformat() for d, _, _ in find_dates("Wednesday, June 19, 2024")]
    ['2024-06-19']
    """
    found: list[tuple[datetime, int, int]] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value = _build(kind, m.groups())
            if value is not None and 1900 <= value.year <= 2100:
                found.append((value, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda t: t[1])


def parse_date(value: str | None) -> datetime | None:
    """A date string from metadata (ISO, RFC 822, or any form dateparser reads)."""
    if not value:
        return None
    value = str(value).strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        pass
    dates = find_dates(value)
    if dates:
        return dates[0][0]
    import dateparser

    return dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})
