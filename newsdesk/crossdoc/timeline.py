"""The story's timeline and its PLOVER events, merged across reports.

Timeline entries come from dated expressions (day, week, month, year, range, decade)
resolved against each report's publication date; two entries of one date are one
entry when their sentences are in one fact group or share the event's main words.
Events merge on type, actor, target and polarity (a hypothetical or negated event is
never merged with one that happened).
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
            key = (ev.type, actor or fold(ev.actor or ""), target or fold(ev.target or ""), ev.negated,
                   ev.hypothetical)
            if key not in merged and (actor or target):
                # Symmetric wording ("A met B" / "B met A") is one event.
                swapped = (ev.type, target or fold(ev.target or ""), actor or fold(ev.actor or ""),
                           ev.negated, ev.hypothetical)
                key = swapped if swapped in merged else key
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
                                rec["articles"], ev.negated, ev.hypothetical, rec["citations"], place))
    out.sort(key=lambda e: (-len(corpus.origins_of(e.articles)), -len(e.articles), e.type))
    return out
