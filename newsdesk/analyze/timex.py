"""The timex component: finds temporal expressions and normalises them against the
article's publication date (``doc._.nd_anchor``), or, when that is unknown, against the
first full date the article itself states (``anchor_inferred``).

Extents follow TimeML: prepositions ("in", "since") stay outside, modifiers ("less than",
"nearly") stay inside with a ``modifier``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from newsdesk.analyze import timexnorm as tn
from newsdesk.analyze.doctext import doc_text
from newsdesk.analyze.timexnorm import MON, NUM, UNIT, WD, Value
from newsdesk.model import Timex

Match = re.Match[str]
Ctx = tuple[date | None, str]  # anchor, tense/direction hint of the sentence ("past"/"future")

FUTURE = re.compile(r"\b(will|'ll|shall|would|is to|are to|plans? to|expected to|scheduled|going to|next|upcoming|"
                    r"slated|set (?:for|to)|postponed|delayed|rescheduled|adjourned|pushed back|until|till|"
                    r"pending|due(?! to (?:the|a|an|his|her|its|their|this|that)\b))\b", re.I)
# "the April 16 shooting": a date that premodifies a noun names an event already known
PREMODIFIER_AFTER = re.compile(r"\s+(?!(?:and|or|to|at|in|on|of|for|by|as|is|was|will|when|while|that|the)\b)[a-z]{3,}\b")
MODS = {"less than": "LESS_THAN", "under": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN",
        "nearly": "APPROX", "almost": "APPROX", "about": "APPROX", "around": "APPROX", "some": "APPROX",
        "roughly": "APPROX", "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS"}
MOD = r"(?:(?P<mod>less than|more than|nearly|almost|about|around|roughly|at least|up to|at most|over|under|some)\s+)?"


def _day(y: int, m: int, d: int) -> Value | None:
    try:
        return Value("DATE", date(y, m, d).isoformat(), "day")
    except ValueError:
        return None


def _year_for(anchor: date | None, month: int, day: int, direction: str) -> int | None:
    """A day-month without a year, read in the direction the sentence looks: the latest
    such day at or before the anchor for past reference ("the April 16 shooting" in a
    December report), the first at or after it for future ("is due in court May 2")."""
    if anchor is None:
        return None
    years = (anchor.year, anchor.year + 1) if direction in ("future", "next") else (anchor.year, anchor.year - 1)
    for y in years:
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if (d >= anchor) if direction in ("future", "next") else (d <= anchor):
            return y
    return None


def h_full_date(m: Match, ctx: Ctx) -> Value | None:
    g = m.groupdict()
    if g.get("iso_y"):
        return _day(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
    if g.get("dot_y"):
        return _day(int(g["dot_y"]), int(g["dot_m"]), int(g["dot_d"]))
    return _day(int(g["y"]), tn.month_num(g["mon"]), int(g["d"]))


def h_day_month(m: Match, ctx: Ctx) -> Value | None:
    month, day = tn.month_num(m["mon"]), int(m["d"])
    year = _year_for(ctx[0], month, day, ctx[1])
    return _day(year, month, day) if year else Value("DATE", f"XXXX-{month:02d}-{day:02d}", "day")


def h_weekday_paren(m: Match, ctx: Ctx) -> Value | None:
    """"Last Wednesday (19 June)": the explicit date wins."""
    return h_day_month(m, ctx)


def h_weekday(m: Match, ctx: Ctx) -> Value | None:
    anchor = ctx[0]
    if anchor is None:
        return Value("DATE", None, "day")
    rel = (m["rel"] or "").lower()
    direction = "last" if rel == "last" else "next" if rel == "next" else ctx[1]
    return Value("DATE", tn.weekday_date(anchor, m["wd"], direction).isoformat(), "day")


def h_month_year(m: Match, ctx: Ctx) -> Value | None:
    return Value("DATE", f"{int(m['y']):04d}-{tn.month_num(m['mon']):02d}", "month")


def h_month(m: Match, ctx: Ctx) -> Value | None:
    rel = (m["rel"] or "").lower()
    direction = {"last": "last", "next": "next", "this": "past"}.get(rel, ctx[1])
    value = tn.month_value(ctx[0], tn.month_num(m["mon"]), None, direction)
    return Value("DATE", value, "month")


def h_month_range(m: Match, ctx: Ctx) -> Value | None:
    """"between August and January" in a June report → 2023-08/2024-01."""
    end = tn.month_value(ctx[0], tn.month_num(m["mon2"]), None, ctx[1])
    if end is None:
        return Value("DATE", None, "range")
    end_y, end_m = int(end[:4]), int(end[5:])
    start_m = tn.month_num(m["mon"])
    start_y = end_y if start_m <= end_m else end_y - 1
    return Value("DATE", f"{start_y:04d}-{start_m:02d}/{end}", "range")


def h_year_range(m: Match, ctx: Ctx) -> Value | None:
    y1 = int(m["y1"])
    y2 = tn.full_year(m["y2"], y1)
    if not (1000 <= y1 < y2 <= 2200) or y2 - y1 > 200:
        return None
    return Value("DATE", f"{y1}/{y2}", "range")


def h_year(m: Match, ctx: Ctx) -> Value | None:
    return Value("DATE", m["y"], "year")


def h_decade(m: Match, ctx: Ctx) -> Value | None:
    return Value("DATE", m["dec"][:3], "decade")


def h_relative_day(m: Match, ctx: Ctx) -> Value | None:
    word = m["rd"].lower()
    if ctx[0] is None:
        return Value("DATE", None, "day")
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}.get(word.split()[0], 0)
    if word.startswith("this"):
        offset = 0
    return Value("DATE", (ctx[0] + timedelta(days=offset)).isoformat(), "day")


def h_relative_unit(m: Match, ctx: Ctx) -> Value | None:
    rel, unit, anchor = m["rel"].lower(), m["runit"].lower(), ctx[0]
    if anchor is None:
        return Value("DATE", None, unit)
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0, "current": 0}[rel]
    if unit == "week":
        return Value("DATE", tn.week_value(anchor + timedelta(weeks=step)), "week")
    if unit == "month":
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        return Value("DATE", f"{y:04d}-{mo + 1:02d}", "month")
    if unit == "year":
        return Value("DATE", f"{anchor.year + step:04d}", "year")
    return None


def h_ago(m: Match, ctx: Ctx) -> Value | None:
    n, unit, anchor = tn.number(m["num"]), m["unit"].lower().rstrip("s"), ctx[0]
    if anchor is None or n == "X":
        return Value("DATE", None, unit)
    n = int(float(n))
    if unit == "day":
        return Value("DATE", (anchor - timedelta(days=n)).isoformat(), "day")
    if unit == "week":
        return Value("DATE", tn.week_value(anchor - timedelta(weeks=n)), "week")
    if unit == "month":
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 - n, 12)
        return Value("DATE", f"{y:04d}-{mo + 1:02d}", "month")
    if unit == "year":
        return Value("DATE", f"{anchor.year - n:04d}", "year")
    return None


def h_duration(m: Match, ctx: Ctx) -> Value | None:
    mod = MODS.get((m["mod"] or "").lower())
    return Value("DURATION", tn.duration(tn.number(m["num"]), m["unit"]), "duration", mod)


def h_hyphen_duration(m: Match, ctx: Ctx) -> Value | None:
    return Value("DURATION", tn.duration(tn.number(m["num"]), m["unit"]), "duration")


def h_and_a_half(m: Match, ctx: Ctx) -> Value | None:
    n = tn.number(m["num"])
    return Value("DURATION", tn.duration(float(n) + 0.5 if n != "X" else "X", m["unit"]), "duration")


def h_vague_duration(m: Match, ctx: Ctx) -> Value | None:
    return Value("DURATION", tn.duration("X", m["vunit"]), "duration")


def h_ref(m: Match, ctx: Ctx) -> Value | None:
    word = m["ref"].lower()
    value = "PAST_REF" if word in ("recently", "previously", "in the past", "formerly") else \
        "FUTURE_REF" if word in ("in the future", "soon") else "PRESENT_REF"
    return Value("DATE", value, "ref")


def h_season(m: Match, ctx: Ctx) -> Value | None:
    season = tn.SEASONS[m["season"].lower()]
    if m["y"]:
        return Value("DATE", f"{m['y']}-{season}", "season")
    if ctx[0] is None:
        return Value("DATE", None, "season")
    rel = (m["rel"] or "").lower()
    year = ctx[0].year + (1 if rel == "next" else -1 if rel == "last" else 0)
    return Value("DATE", f"{year}-{season}", "season")


def h_end_of_year(m: Match, ctx: Ctx) -> Value | None:
    if ctx[0] is None:
        return Value("DATE", None, "year", "END")
    return Value("DATE", f"{ctx[0].year}", "year", "END")


def h_century(m: Match, ctx: Ctx) -> Value | None:
    n = int(m["cent"])
    return Value("DATE", f"{n - 1:02d}", "century") if 1 <= n <= 22 else None


def h_rel_decade(m: Match, ctx: Ctx) -> Value | None:
    if ctx[0] is None:
        return Value("DURATION", "P10Y", "duration")
    step = -1 if m["drel"].lower() in ("last", "past", "previous") else 1
    return Value("DURATION", "P10Y", "duration") if m["drel"].lower() in ("past", "last") else \
        Value("DATE", f"{ctx[0].year // 10 + step:03d}", "decade")


def h_set(m: Match, ctx: Ctx) -> Value | None:
    word = (m["every"] or m["adv"] or "").lower().rstrip("s")
    values = {"annually": "P1Y", "yearly": "P1Y", "monthly": "P1M", "weekly": "P1W", "daily": "P1D",
              "nightly": "P1D", "hourly": "PT1H", "year": "P1Y", "month": "P1M", "week": "P1W", "day": "P1D",
              "morning": "XXXX-XX-XXTMO", "evening": "XXXX-XX-XXTEV", "night": "XXXX-XX-XXTNI",
              "afternoon": "XXXX-XX-XXTAF"}
    value = values.get(word) or values.get(word.rstrip("y")) or values.get(m["adv"].lower() if m["adv"] else "")
    return Value("SET", value, "set") if value else None


def h_clock(m: Match, ctx: Ctx) -> Value | None:
    hour, minute = int(m["hh"]), int(m["mm"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    if not (0 <= hour < 24 and 0 <= minute < 60):
        return None
    day = ctx[0].isoformat() if ctx[0] else "XXXX-XX-XX"
    return Value("TIME", f"{day}T{hour:02d}:{minute:02d}", "time")


Y = r"(?P<y>(?:19|20)\d{2})"
RULES: list[tuple[str, Callable[[Match, Ctx], Value | None]]] = [
    (r"\b(?:" + WD + r",?\s+)?(?:" + MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+" + Y + r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+" + tn.mon("mon2") + r",?\s+(?P<y2>(?:19|20)\d{2}))\b", None),
    (r"\b(?P<iso_y>(?:19|20)\d{2})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})\b", h_full_date),
    (r"\b(?P<dot_d>\d{1,2})\.(?P<dot_m>\d{1,2})\.(?P<dot_y>(?:19|20)\d{2})\b", h_full_date),
    (r"\b(?:(?P<rel>last|this|next|on)\s+)?" + WD + r"\s*\(\s*(?:(?P<d>\d{1,2})\s+" + MON + r"|" + tn.mon("monx") + r"\s+(?P<dx>\d{1,2}))\s*\)", h_weekday_paren),
    (r"\bbetween\s+(?P<y1>(?:19|20)\d{2})\s+and\s+(?P<y2>(?:19|20)\d{2})\b", h_year_range),
    (r"\b(?P<y1>(?:1[5-9]|20)\d{2})\s*[-–—/]\s*(?P<y2>(?:1[5-9]|20)?\d{2})\b(?!\s*(?:%|per|percent))", h_year_range),
    (r"\b(?:between|from)\s+" + MON + r"\s+(?:and|to|until|through)\s+" + tn.mon("mon2"), h_month_range),
    (r"\b" + MON + r"\s+" + Y + r"\b", h_month_year),
    (r"\b(?:" + WD + r",?\s+)?" + MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d{2})", h_day_month),
    (r"\b(?:" + WD + r",?\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MON + r"\b(?!\s*,?\s*(?:19|20)\d{2})", h_day_month),
    (r"\b(?:(?P<rel>last|next|this|early|late|mid-?)\s*)?" + WD + r"\b", h_weekday),
    (r"\b(?:(?P<rel>last|next|this)\s+)" + MON + r"\b", h_month),
    (r"\b(?:in|since|by|until|till|from|during|before|after|of|early|late|mid)\s+(?P<core>" + MON + r")\b(?!\s+\d)", h_month),
    (r"\b(?P<rd>today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening))\b", h_relative_day),
    (r"\b(?P<rel>last|past|previous|next|coming|this|current)\s+(?P<runit>week|month|year)\b", h_relative_unit),
    (r"\b" + NUM + r"\s+" + UNIT + r"\s+ago\b", h_ago),
    (r"\b(?:(?P<rel>last|next|this)\s+|(?:the\s+))?(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?P<y>(?:19|20)\d{2}))?\b", h_season),
    (r"\b(?:(?:an?|one)\s+)?(?P<unit>hour|year|day|month)\s+and\s+a\s+half\b", lambda m, c: Value("DURATION", tn.duration(1.5, m["unit"]), "duration")),
    (r"\b" + NUM + r"\s+(?P<unit>hour|year|day|month|week|minute)s?\s+and\s+a\s+half\b", h_and_a_half),
    (r"\b" + NUM + r"-(?P<unit>second|minute|hour|day|week|month|year|decade)(?:-long|-old)?\b", h_hyphen_duration),
    (r"\b" + MOD + NUM + r"\s+" + UNIT + r"\b(?!\s+ago)", h_duration),
    (r"\bfor\s+(?P<core>(?P<vunit>minute|hour|day|week|month|year|decade)s)\b", h_vague_duration),
    (r"\bthe\s+(?P<dec>(?:1[89]|20)\d0)s\b", h_decade),
    (r"\b(?:the\s+)?end of (?:the|this) year\b", h_end_of_year),
    (r"\b(?P<ref>now|currently|at present|nowadays|recently|previously|in the past|in the future|formerly)\b", h_ref),
    (r"\b(?:the\s+)?(?P<cent>\d{1,2})(?:st|nd|rd|th)\s+century\b", h_century),
    (r"\b(?:the\s+|over\s+the\s+)?(?P<drel>next|following|coming|past|last|previous)\s+decade\b", h_rel_decade),
    (r"\b(?:(?:every|each)\s+(?P<every>year|month|week|day|morning|evening|night|afternoon)|(?P<adv>annually|yearly|monthly|weekly|daily|nightly|hourly))\b", h_set),
    (r"\b(?P<hh>\d{1,2})(?::(?P<mm>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)(?!\w)", h_clock),
    (r"\b(?:a|an|the|his|her|its|their|our|this|that)\s+(?P<core>" + Y + r")\s+(?=[a-z])(?!(?:people|troops|soldiers|tons?|km|dollars|euros|votes|cases|deaths)\b)", h_year),
    (r"\b(?:for|within|in|over|after|take|took|takes|taking)\s+(?P<core>(?P<vunit>minute|hour|day|week|month|year|decade)s)\b", h_vague_duration),
    (r"\b(?P<core>(?P<vunit>minute|hour|day|week|month|year)s)\s+(?:before|after|later|earlier)\b", h_vague_duration),
    (r"(?:\b(?:in|since|by|until|till|from|during|before|after|of|early|late|mid|year|around|circa)\s+|\()(?P<core>" + Y + r")\b(?![-–,.]\d|\s*(?:%|percent|tons?|people|troops|soldiers|km|dollars|euros))", h_year),
]


def _h_long_date(m: Match, ctx: Ctx) -> Value | None:
    if m["y"]:
        return _day(int(m["y"]), tn.month_num(m["mon"]), int(m["d"]))
    return _day(int(m["y2"]), tn.month_num(m["mon2"]), int(m["d2"]))


RULES[0] = (RULES[0][0], _h_long_date)
COMPILED = [(re.compile(p, re.I), h) for p, h in RULES]


def infer_anchor(text: str) -> date | None:
    """The first full explicit date the text states (used when publication is unknown)."""
    m = COMPILED[0][0].search(text) or COMPILED[1][0].search(text) or COMPILED[2][0].search(text)
    if not m:
        return None
    handler = COMPILED[0][1] if m.re is COMPILED[0][0] else h_full_date
    v = handler(m, (None, "past"))
    return date.fromisoformat(v.value) if v and v.value else None


def find_timexes(text: str, anchor: date | None, tense_at: Callable[[int], str]) -> list[tuple[int, int, Value]]:
    """All non-overlapping timexes: longer matches first, then rule order."""
    candidates: list[tuple[int, int, int, Match, Callable[[Match, Ctx], Value | None]]] = []
    for order, (pattern, handler) in enumerate(COMPILED):
        for m in pattern.finditer(text):
            start, end = m.span("core") if "core" in pattern.groupindex else m.span()
            if text[start:end].strip():
                candidates.append((start, end, order, m, handler))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken = _Taken()
    out: list[tuple[int, int, Value]] = []
    for start, end, _, m, handler in candidates:
        if taken.overlaps(start, end):
            continue
        value = handler(_Groups(m), (anchor, tense_at(start)))
        if value is None:
            continue
        taken.add(start, end)
        out.append((start, end, value))
    return sorted(out, key=lambda t: t[0])


class _Taken:
    """Disjoint spans kept sorted: an overlap test is a binary search, so a long report
    with many dates stays linear."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.ends, start + 1)  # first span ending after ``start``
        return k < len(self.starts) and self.starts[k] < end

    def add(self, start: int, end: int) -> None:
        k = bisect.bisect_left(self.starts, start)
        self.starts.insert(k, start)
        self.ends.insert(k, end)


class _Groups:
    """Match wrapper tolerant of alternative group names (``monx``/``dx`` in weekday
    parentheses) and of groups absent from a pattern."""

    def __init__(self, m: Match) -> None:
        self.m = m
        self.d = {k: v for k, v in m.groupdict().items()}
        if self.d.get("monx") and not self.d.get("mon"):
            self.d["mon"], self.d["d"] = self.d["monx"], self.d.get("dx")

    def __getitem__(self, key: str) -> str | None:
        return self.d.get(key)

    def groupdict(self) -> dict[str, str | None]:
        return self.d


START_CUE = re.compile(r"\b(?:from|starting(?: in)?|beginning(?: in)?|as of|effective)\s+$", re.I)
PART_OF_DAY = re.compile(r"\s+(morning|afternoon|evening|night)\b", re.I)
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


class TimexTagger:
    """spaCy component: ``doc._.nd_timexes`` from ``doc._.nd_anchor``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        anchor_iso = doc._.nd_anchor
        anchor = date.fromisoformat(anchor_iso) if anchor_iso else None
        inferred = False
        if anchor is None:
            anchor = infer_anchor(doc_text(doc))
            inferred = anchor is not None
        sents = [(s.start_char, s.end_char, s.text) for s in doc.sents]

        def tense_at(pos: int) -> str:
            """Future when a future marker precedes the expression in its clause ("will vote
            on May 14", "postponed until Monday", "was due in late May"), or follows a
            fronted one ("On Monday, X will ..."); "said on Monday that he will resign" and
            "the April 16 shooting" (a date premodifying an event noun) stay past."""
            if START_CUE.search(doc_text(doc)[max(0, pos - 14):pos]):
                return "future"  # "patrols from June", "starting in May": a period that begins
            if re.search(r"\bthe\s+$", doc_text(doc)[max(0, pos - 5):pos], re.I):
                m = re.match(r"[\w ,.]{0,25}?\d{1,2}(?:st|nd|rd|th)?\b", doc_text(doc)[pos:pos + 30])
                if m and PREMODIFIER_AFTER.match(doc_text(doc), pos + m.end()) and \
                        not re.search(r"\b(?:upcoming|next|coming|planned|scheduled)\s+$",
                                      doc_text(doc)[max(0, pos - 30):pos - 4], re.I):
                    return "past"
            for s, e, _ in sents:
                if s <= pos < e:
                    before = doc_text(doc)[max(s, pos - 60):pos]
                    fronted = not doc_text(doc)[s:pos].strip(" \n\"“(").split(" ")[1:3]
                    after = doc_text(doc)[pos:min(e, pos + 40)] if fronted else ""
                    return "future" if FUTURE.search(before) or FUTURE.search(after) else "past"
            return "past"

        timexes = []
        for start, end, v in find_timexes(doc_text(doc), anchor, tense_at):
            if v.precision == "day" and v.value and len(v.value) == 10:
                part = PART_OF_DAY.match(doc_text(doc), end)
                if part:  # "Friday afternoon" -> 2013-03-22TAF (TimeML part-of-day)
                    end = part.end()
                    v = Value(v.type, f"{v.value}T{PARTS[part.group(1).lower()]}", v.precision, v.modifier)
            surface = doc_text(doc)[start:end]
            if surface.lower() in ("may", "march") and _is_verb_use(doc_text(doc), start, end):
                continue
            timexes.append(Timex(start, end, surface, v.type, v.value, v.precision,
                                 anchor.isoformat() if anchor else None, inferred, v.modifier))
        doc._.nd_timexes = timexes
        return doc


def _is_verb_use(text: str, start: int, end: int) -> bool:
    """"may" the modal and "march" the verb are not months."""
    word = text[start:end]
    if word.islower():
        return True
    after = text[end:end + 20].lower()
    return bool(re.match(r"\s+(?:be|have|not|also|well|still|to|on|through|into)\b", after)) and word[0].isupper() \
        and start > 0 and text[start - 2:start].strip() not in ("", ".", "\n")
