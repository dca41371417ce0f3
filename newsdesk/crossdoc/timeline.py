"""The story's timeline and its PLOVER events, merged across reports.

Timeline entries come from dated expressions (day, week, month, year, range, decade)
resolved against each report's publication date; two entries of one date are one
entry when their sentences are in one fact group or share the event's main words.
Events merge on type, actor, target, polarity and claimant (a hypothetical or negated
event, or one only claimed inside someone's statement, is never merged with one that
happened), and dates: two reports of one event on different days are two events.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date

from newsdesk.analyze.names import fold
from newsdesk.crossdoc.corpus import Corpus
from newsdesk.model import DossierEvent, TimelineEntry

DATED = ("day", "week", "month", "year", "range", "decade", "season", "quarter")
MAX_ENTRIES = 80
SAME_MOMENT = 0.88  # two sentences of one date this close describe one happening


SEASON_MONTH = {"SP": "03", "SU": "06", "FA": "09", "WI": "12"}


def sort_key(value: str) -> str:
    """A TimeML value's start as an ISO-like string that sorts in time order: weeks by
    their Monday, seasons and quarters by their first month, decades and centuries by
    their first year ("2024-W25" -> "2024-06-17", "201" -> "2010", "19" -> "1900")."""
    start = value.split("/")[0]
    m = re.fullmatch(r"(\d{4})-W(\d{2})", start)
    if m:
        try:
            return date.fromisocalendar(int(m[1]), int(m[2]), 1).isoformat()
        except ValueError:
            return f"{m[1]}-01"
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", start)
    if m:
        return f"{m[1]}-{SEASON_MONTH[m[2]]}"
    m = re.fullmatch(r"(\d{4})-Q([1-4])", start)
    if m:
        return f"{m[1]}-{(int(m[2]) - 1) * 3 + 1:02d}"
    if re.fullmatch(r"\d{3}", start):
        return start + "0"
    if re.fullmatch(r"\d{2}", start):
        return start + "00"
    return start


def _clause(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def build_timeline(corpus: Corpus, groups: list[int], furniture: set[int] | None = None) -> list[TimelineEntry]:
    """Dated entries in time order; dates inside ``furniture`` units (time stamps) are left out."""
    skip = furniture or set()
    buckets: dict[str, list[dict]] = defaultdict(list)
    for article in corpus.articles:
        if not article.annotations:
            continue
        for t in article.annotations.timexes:
            if t.type != "DATE" or not t.value or "X" in t.value or t.precision not in DATED:
                continue
            unit = corpus.unit_at(article.id, t.start)
            if unit is None or unit in skip:
                continue
            u = corpus.units[unit]
            entries = buckets[t.value]
            vec = corpus.vectors[unit]
            home = next((e for e in entries if e["group"] == groups[unit]
                         or float(corpus.vectors[e["unit"]] @ vec) >= SAME_MOMENT), None)
            if home is None:
                home = {"group": groups[unit], "unit": unit, "precision": t.precision, "text": _clause(u.text),
                        "articles": [], "citations": []}
                entries.append(home)
            if article.id not in home["articles"]:
                home["articles"].append(article.id)
                home["citations"].append(corpus.cite(article.id, u.start, u.end))
    entries = [TimelineEntry(value, e["precision"], e["text"], e["articles"], e["citations"])
               for value, es in buckets.items() for e in es]
    if len(entries) > MAX_ENTRIES:
        keep = sorted(entries, key=lambda e: -len(corpus.origins_of(e.articles)))[:MAX_ENTRIES]
        entries = [e for e in entries if e in keep]
    entries.sort(key=lambda e: (sort_key(e.date), -len(e.articles)))
    return entries


def merge_events(corpus: Corpus, local_entity: dict[tuple[str, str], str],
                 names: dict[str, str]) -> list[DossierEvent]:
    merged: dict[tuple, dict] = {}
    for article in corpus.articles:
        if not article.annotations:
            continue
        for ev in article.annotations.events:
            if not (ev.actor_entity or ev.target_entity):
                continue  # "the sides", "countries": no one a reader could check
            actor = local_entity.get((article.id, ev.actor_entity)) if ev.actor_entity else None
            target = local_entity.get((article.id, ev.target_entity)) if ev.target_entity else None
            # Only participants resolved to an entity are named: "reaching partnership" is
            # a parse fragment, not someone a reader can check.
            actor_name = names.get(actor) if actor else None
            target_name = names.get(target) if target else None
            polarity = (ev.negated, ev.hypothetical, fold(ev.claimed_by) if ev.claimed_by else None)
            key = (ev.type, actor or fold(ev.actor or ""), target or fold(ev.target or ""), *polarity)
            if key not in merged and (actor or target):
                # Symmetric wording ("A met B" / "B met A") is one event.
                swapped = (ev.type, target or fold(ev.target or ""), actor or fold(ev.actor or ""), *polarity)
                key = swapped if swapped in merged else key
            key = _dated_key(merged, key, ev.date)
            rec = merged.setdefault(key, {"ev": ev, "actor": actor_name, "target": target_name,
                                          "dates": Counter(), "places": Counter(), "articles": [],
                                          "citations": []})
            if ev.date:
                rec["dates"][ev.date] += 1
            if ev.place:
                rec["places"][ev.place] += 1
            if article.id not in rec["articles"]:
                rec["articles"].append(article.id)
                rec["citations"].append(corpus.cite(article.id, ev.start, ev.end))
    out = []
    for rec in merged.values():
        ev = rec["ev"]
        date = rec["dates"].most_common(1)[0][0] if rec["dates"] else None
        place = rec["places"].most_common(1)[0][0] if rec["places"] else None
        out.append(DossierEvent(ev.type, ev.mode, rec["actor"], rec["target"], date, _clause(ev.text),
                                rec["articles"], ev.negated, ev.hypothetical, rec["citations"], place, ev.claimed_by))
    out.sort(key=lambda e: (-len(corpus.origins_of(e.articles)), -len(e.articles), e.type))
    return out


def compatible_dates(a: str, b: str) -> bool:
    """Two TimeML dates can name one happening: one contains the other ("2024-06" and
    "2024-06-19") or they are equal ("2024-W25" and "2024-06-19" are not compared: weeks
    and seasons are compatible with anything in their year)."""
    a, b = a.split("/")[0], b.split("/")[0]
    if "W" in a or "W" in b or any(s in a + b for s in ("SP", "SU", "FA", "WI", "Q")):
        return a[:4] == b[:4]
    return a.startswith(b) or b.startswith(a)


def _dated_key(merged: dict[tuple, dict], key: tuple, date: str | None) -> tuple:
    """The merge key of an event: the undated key when no record of it has a clashing date,
    else a key of its own date ("met on 3 May" and "met on 9 July" are two meetings)."""
    if date is None:
        return key
    for k in [key, *[k for k in merged if k[: len(key)] == key and len(k) > len(key)]]:
        rec = merged.get(k)
        if rec is None:
            continue
        if not rec["dates"] or all(compatible_dates(date, d) for d in rec["dates"]):
            return k
    return key if key not in merged else (*key, date)
