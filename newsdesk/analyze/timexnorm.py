"""Temporal expressions → TimeML values, rule-based (HeidelTime-style).

Written here because dateparser and spaCy give datetimes or labels, not TimeML values
with granularity (a month stays "2024-03", a range stays "1950/1953", a duration stays
"PT1H30M"), and they do not resolve news-relative expressions ("last Wednesday",
"in March" in a June report) the way news editors read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                      "august", "september", "october", "november", "december"], start=1)}
MONTH_ABBR = {m[:3]: i for m, i in MONTHS.items()} | {"sept": 9}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday",
                                        "saturday", "sunday"])}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
           "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "several": "X", "few": "X", "many": "X",
           "couple": 2, "half": 0.5, "dozen": 12}
UNITS = {"second": ("T", "S"), "minute": ("T", "M"), "hour": ("T", "H"), "day": ("", "D"), "week": ("", "W"),
         "month": ("", "M"), "year": ("", "Y"), "decade": ("", "DE"), "century": ("", "CE")}

MONTHS_RE = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"


def mon(name: str = "mon") -> str:
    """A named month group ("June", "Sept.", "dec")."""
    return rf"(?P<{name}>{MONTHS_RE})\.?"


MON = mon()
WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
NUM = r"(?P<num>\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|several|few|many|couple(?: of)?|a couple of|half a|a dozen|dozen)"
UNIT = r"(?P<unit>second|minute|hour|day|week|month|year|decade|centur(?:y|ies))s?"


@dataclass
class Value:
    type: str
    value: str | None
    precision: str
    modifier: str | None = None


def month_num(token: str) -> int:
    t = token.lower().rstrip(".")
    return MONTHS.get(t) or MONTH_ABBR[t[:4] if t.startswith("sept") else t[:3]]


def number(token: str) -> float | str:
    t = token.lower().replace("a couple of", "couple").replace("couple of", "couple").replace("half a", "half")
    t = t.replace("a dozen", "dozen")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    return NUMBERS.get(t, "X")


def duration(num: float | str, unit: str) -> str:
    """ISO 8601 duration: (2, "hour") → "PT2H"; (1.5, "hour") → "PT1H30M"."""
    unit = unit.lower().rstrip("s").replace("centurie", "century")
    if unit in ("decade", "century") and num != "X":  # TimeML practice: "a decade" is P10Y
        num, unit = float(num) * (10 if unit == "decade" else 100), "year"
    prefix, code = UNITS[unit]
    if num == "X":
        return f"P{prefix}X{code}"
    n = float(num)
    if n != int(n):
        whole = int(n)
        if unit == "hour":
            return f"PT{whole}H{int(round((n - whole) * 60))}M" if whole else f"PT{int(round(n * 60))}M"
        if unit == "year":
            return f"P{whole}Y{int(round((n - whole) * 12))}M" if whole else f"P{int(round(n * 12))}M"
        if unit == "day":
            return f"P{whole}DT{int(round((n - whole) * 24))}H" if whole else f"PT{int(round(n * 24))}H"
    return f"P{prefix}{int(n)}{code}"


def weekday_date(anchor: date, weekday: str, direction: str) -> date:
    """The weekday relative to the anchor: past by default (news reports on what happened);
    "next" / future tense looks forward; "this" picks the one in the anchor's week."""
    target = WEEKDAYS[weekday.lower()]
    delta = (anchor.weekday() - target) % 7
    if direction == "next":
        return anchor + timedelta(days=(target - anchor.weekday()) % 7 or 7)
    if direction == "future":
        return anchor + timedelta(days=(target - anchor.weekday()) % 7)
    if direction == "last" and delta == 0:
        delta = 7
    return anchor - timedelta(days=delta)


def month_value(anchor: date | None, month: int, year: int | None, direction: str) -> str | None:
    """A month without a year: the most recent such month at or before the anchor for past
    reference ("in March" in a June report), the next one for future ("next March")."""
    if year is not None:
        return f"{year:04d}-{month:02d}"
    if anchor is None:
        return None
    if direction in ("next", "future"):
        y = anchor.year if month > anchor.month else anchor.year + 1
    elif direction == "last":
        y = anchor.year if month < anchor.month else anchor.year - 1
    else:
        y = anchor.year if month <= anchor.month else anchor.year - 1
    return f"{y:04d}-{month:02d}"


def week_value(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def full_year(token: str, base: int | None = None) -> int:
    """"53" after "1950-" → 1953; four-digit years as they are."""
    y = int(token)
    if y < 100 and base is not None:
        century = base - base % 100
        y = century + y if century + y >= base else century + 100 + y
    return y
