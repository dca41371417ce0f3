"""Where reports differ on the same point.

Candidate points come from aligned passages (sentence pairs of different articles
that the candidate index finds close in meaning), never from all pairs:

* number: both passages state a count of the same thing with different normalised
  values; modifiers keep compatible statements apart ("over 1,000" does not
  contradict 1,200);
* duration: the same happening lasted differently ("a two-hour meeting" vs "talks for
  an hour and a half"), unless the passages qualify it as different parts ("one-on-one"
  vs "with the delegations");
* date: both passages date the same happening (arrested, shot, sentenced …) on
  different days;
* history: both passages anchor the same description of the past on different
  events or dates ("allies since the Korean War" vs "since the country's founding");
* affiliation, title, quote: see ``persons``.

Every numeric and date point must pass ``points.compare``: the same role (killed vs
injured are two counts), the same people, places, ordinals and event day, so numbers
of another event, another victim or another defendant are never set against each
other. Sides in page furniture are dropped and two copies of one page never disagree
(``collector``).

``confidence`` is a calibrated probability (``confidence``): each candidate describes
its evidence (how closely the passages align, shared words, the same explicit role, the
same named people and places) and a logistic model fitted on the TUNE labels scores
it; points below the model's cut (``LISTED`` when set) are not listed. The share of real
disagreements per confidence band is measured by ``bench/dossier_quality.py``.

Candidates come from the candidate index (aligned sentence pairs), from one bucket per
kind of happening (durations) and from one entity's or one quotation's mentions, and a
claim's disputed mark is looked up in an index of the discrepancies' sides per article
(``disputed_claims``): no step compares all pairs.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from newsdesk.crossdoc.collector import Collector
from newsdesk.crossdoc.confidence import aligned, scaled, shipped_model
from newsdesk.crossdoc.corpus import CandidateIndex, Corpus
from newsdesk.crossdoc.persons import affiliations, quote_wording, titles
from newsdesk.crossdoc.points import (
    PointEvidence,
    ReferentIndex,
    Referents,
    backdrop,
    clause_span,
    compare,
    counted_of,
    overlap,
    quantity_role,
    timex_role,
)
from newsdesk.model import (
    Article,
    Discrepancy,
    DossierClaim,
    DossierEntity,
    DossierQuote,
    Quantity,
    Rendering,
    Timex,
)

ALIGNED = 0.87
HISTORY_ALIGNED = 0.90
DATE_ALIGNED = 0.90     # the same role, people and day checks keep other events apart
DISPUTED: float | None = None  # a claim whose lead carries one side of a discrepancy this confident is disputed;
#                                None: the model's listing cut (every listed discrepancy)
LISTED: float | None = None  # list points at or above this confidence; None: the model's calibrated cut
STOP = {"been", "will", "would", "also", "after", "before", "since", "the", "a", "an", "of", "and", "in", "on", "to",
        "for", "with", "that", "was", "were", "is", "are", "has", "have", "had", "be", "by", "as", "at", "from", "its",
        "his", "her", "their", "it", "this"}


def _quantities(article: Article, start: int, end: int) -> list[Quantity]:
    out: dict[tuple[int, int], Quantity] = {}
    for claim in article.annotations.claims if article.annotations else []:
        for q in claim.quantities:
            if start <= q.start and q.end <= end:
                out[(q.start, q.end)] = q
    return list(out.values())


def _timexes(article: Article, start: int, end: int) -> list[Timex]:
    return [t for t in (article.annotations.timexes if article.annotations else [])
            if start <= t.start and t.end <= end and t.type == "DATE" and t.value
            and "X" not in t.value and t.precision not in ("ref",)]


def _compatible(a: Quantity, b: Quantity) -> bool:
    if a.value is None or b.value is None:
        return a.normalized == b.normalized
    if abs(a.value - b.value) <= 0.02 * max(abs(a.value), abs(b.value), 1):
        return True
    lo, hi = (a, b) if a.value < b.value else (b, a)
    approx = {"about", "around", "some", "nearly", "almost", "roughly", "approximately", "up to"}
    if (lo.modifier or "").lower() in {"over", "more than", "at least", "above"} | approx:
        return True
    return (hi.modifier or "").lower() in {"under", "less than", "up to", "at most", "below", "nearly", "almost",
                                           "as many as", "as much as"} | approx


# General news vocabulary: nouns that name the same kind of happening, so that "a
# two-hour meeting" and "talks for an hour and a half" are compared as one point.
EVENT_NOUN_CLASSES = (
    {"meeting", "talk", "summit", "discussion", "negotiation", "session", "conversation", "consultation",
     "encounter", "tete-a-tete", "call"},
    {"visit", "trip", "tour", "journey", "stay", "stopover"},
    {"war", "conflict", "fighting", "hostility", "campaign", "offensive", "siege"},
    {"ceremony", "celebration", "parade", "reception", "welcome"},
    {"speech", "address", "statement", "remark", "press conference", "briefing"},
    {"flight", "drive", "ride", "voyage"},
    {"strike", "protest", "demonstration", "rally", "walkout"},
    {"sentence", "term", "prison", "detention", "jail"},
)
DURATION_HEAD_BEFORE = re.compile(r"((?:[a-z][\w-]*\s+){1,4})(?:for|lasting|lasted|took|of|after|during|in)\s+"
                                  r"(?:about\s+|around\s+|nearly\s+|almost\s+|over\s+|some\s+|just\s+)?$")
DATED = re.compile(r"\b(?:1[89]|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|"
                   r"\b(?:january|february|march|april|june|july|august|september|october|november|december)\b",
                   re.I)
SINCE = re.compile(r"\bsince\s+([^,.;:()“”\"]{3,60})")


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def event_class(word: str) -> int | None:
    w = _singular(word.lower())
    return next((k for k, cls in enumerate(EVENT_NOUN_CLASSES) if w in cls), None)


def duration_head(text: str, q: Quantity) -> str | None:
    """The happening a duration measures: "two-hour one-on-one meeting" -> meeting,
    "held talks for an hour and a half" -> talks."""
    if re.search(r"-(?:hour|minute|day|week|month|year)s?(?:-long)?$|-long$", q.text):
        words = re.findall(r"[a-z][\w-]*", text[q.end:q.end + 40].lower())[:3]
        return next((w for w in words if event_class(w) is not None), None)
    m = DURATION_HEAD_BEFORE.search(text[max(0, q.start - 60):q.start].lower())
    if not m:
        return None
    words = m.group(1).split()
    return next((w for w in reversed(words) if event_class(w) is not None), words[-1])


def _scale_ok(a: Quantity, b: Quantity) -> bool:
    """Both sub-day (PT...) or both calendar (P...) and within a factor of 10."""
    if a.normalized.startswith("PT") != b.normalized.startswith("PT"):
        return False
    sa, sb = _seconds(a.normalized), _seconds(b.normalized)
    return bool(sa and sb and max(sa, sb) / min(sa, sb) <= 10)


def _seconds(iso: str) -> float | None:
    m = re.fullmatch(r"P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
                     r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?", iso)
    if not m or not any(m.groups()):
        return None
    y, mo, w, d, h, mi, sec = (float(g) if g else 0.0 for g in m.groups())
    return (((y * 365 + mo * 30 + w * 7 + d) * 24 + h) * 60 + mi) * 60 + sec


PARTICIPANTS = re.compile(r"^[^,.;]{0,20}?\b(?:with|alongside|between|among)\s+([^,.;]{3,50})")


def _qualifiers(text: str, q: Quantity, head: str) -> set[str]:
    """Words that say which part of a happening a duration measures: the modifiers of
    its noun ("one-on-one" in "a two-hour one-on-one meeting") and who took part ("talks
    for an hour and a half alongside his delegation")."""
    if re.search(r"-(?:hour|minute|day|week|month|year)s?(?:-long)?$|-long$", q.text):
        window = text[q.end:q.end + 40].lower()
        words = re.findall(r"[a-z][\w-]*", window[:window.find(head)] if head in window else "")
        after = text[q.end + (window.find(head) + len(head) if head in window else 0):][:80].lower()
    else:
        m = DURATION_HEAD_BEFORE.search(text[max(0, q.start - 60):q.start].lower())
        words = m.group(1).split() if m else []
        words = words[words.index(head) + 1:] if head in words else words
        after = text[q.end:q.end + 80].lower()
    m = PARTICIPANTS.match(after)
    if m:
        words += re.findall(r"[a-z][\w-]*", m.group(1))
    return {_singular(w) for w in words if len(w) > 3 and w not in STOP and event_class(w) is None}


def _durations(col: Collector, corpus: Corpus) -> None:
    """Durations of the same kind of happening that differ across reports."""
    by_class: dict[int, dict[str, list[tuple[Article, Quantity, str, frozenset[str]]]]] = \
        defaultdict(lambda: defaultdict(list))
    for article in corpus.articles:
        seen: set[tuple[int, int]] = set()
        for claim in article.annotations.claims if article.annotations else []:
            for q in claim.quantities:
                if q.unit != "duration" or (q.start, q.end) in seen or q.modifier:
                    continue
                seen.add((q.start, q.end))
                head = duration_head(article.text, q)
                cls = event_class(head) if head else None
                if cls is not None and head and _seconds(q.normalized):
                    quals = frozenset(_qualifiers(article.text, q, head))
                    by_class[cls][q.normalized].append((article, q, head, quals))
    for values in by_class.values():
        keys = list(values)
        if len(keys) < 2:
            continue
        clusters: list[list[str]] = []
        for k in keys:  # values of one scale are one point; a 24-year gap is another
            home = next((c for c in clusters if _scale_ok(values[c[0]][0][1], values[k][0][1])), None)
            (home.append(k) if home else clusters.append([k]))
        for keys_ in clusters:
            quals = [qs for k in keys_ for *_, qs in values[k] if qs]
            if len({qs for qs in quals}) > 1 and not frozenset.intersection(*quals):
                continue  # "one-on-one" vs "with the delegations": different parts of one visit
            common = frozenset.intersection(*quals) if quals else frozenset()
            described = len(quals) == sum(len(values[k]) for k in keys_)  # every side says which part
            nouns = "/".join(sorted({h for k in keys_ for _, _, h, _ in values[k]}))
            sides = [(k, a.id, q.start, q.end, q.text) for k in keys_ for a, q, _, _ in values[k]]
            col.add("duration", f"how long the {nouns} lasted",
                    {"shared": scaled(len(common), 5), "role": float(described)}, sides)


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in STOP}


def find_discrepancies(corpus: Corpus, lsh: CandidateIndex, entities: list[DossierEntity],
                       quotes: list[DossierQuote] | None = None,
                       furniture: set[int] | None = None,
                       evidence: dict[str, dict[str, float]] | None = None) -> list[Discrepancy]:
    """The points on which independent reports differ, most confident first.

    ``furniture``: indices of corpus units that are page furniture (never a side);
    ``evidence``: when given, receives each discrepancy id -> the features its
    confidence was scored from (``confidence.FEATURES``).
    """
    col = Collector(corpus, furniture)
    labels = [u.article for u in corpus.units]
    refs = ReferentIndex(corpus, entities)
    # A unit takes part in many aligned pairs: find its quantities, dates and referents once.
    found: dict[int, tuple] = {}

    def facts(i: int) -> tuple:
        if i not in found:
            u = corpus.units[i]
            article = corpus.article(u.article)
            ts = _timexes(article, u.start, u.end)
            found[i] = (_quantities(article, u.start, u.end), ts, refs.of(u.article, u.start, u.end, ts))
        return found[i]

    skip = furniture or set()
    for i, j, sim in lsh.similar(ALIGNED, labels):
        ui, uj = corpus.units[i], corpus.units[j]
        if i in skip or j in skip or corpus.page_of.get(ui.article) == corpus.page_of.get(uj.article):
            continue
        ai, aj = corpus.article(ui.article), corpus.article(uj.article)
        shared = _content(ui.text) & _content(uj.text)
        (qa, ta, ra), (qb, tb, rb) = facts(i), facts(j)
        _numbers(col, sim, shared, (ai, qa, ra, ta), (aj, qb, rb, tb), refs)
        if sim >= DATE_ALIGNED:
            _dates(col, sim, shared, (ai, ui.start, ui.end, ta, ra), (aj, uj.start, uj.end, tb, rb))
        if sim >= HISTORY_ALIGNED:
            _since(col, sim, shared, (ai, ui.start, ui.end), (aj, uj.start, uj.end))
    _durations(col, corpus)
    affiliations(col, corpus, entities)
    titles(col, corpus, entities)
    quote_wording(col, quotes or [])
    return col.records(cut=LISTED, evidence=evidence)


def _near_words(text: str, q: Quantity, width: int = 16) -> set[str]:
    """Content words right next to a quantity ("were injured", "deploy"), unit left out."""
    around = text[max(0, q.start - width):q.start] + " " + text[q.end:q.end + width]
    return {w[:6] for w in _content(around)} - {q.unit[:6]}


def _phrase_words(q: Quantity) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]{3,}", q.text.lower())}


def _same_role(text_a: str, x: Quantity, text_b: str, y: Quantity) -> bool:
    """Two counts of one thing: a specific shared phrase ("12 patrol vessels" / "14
    patrol vessels") or the same words right beside them."""
    if len(_phrase_words(x) & _phrase_words(y)) >= 2:
        return True
    return bool(_near_words(text_a, x) & _near_words(text_b, y))


def _numbers(col: Collector, sim: float, shared: set[str], a: tuple, b: tuple, refs: ReferentIndex) -> None:
    """``a``, ``b``: (article, quantities, referents, dates of its aligned sentence)."""
    (art_a, qa, ra, ta), (art_b, qb, rb, tb) = a, b
    for x in qa:
        for y in qb:
            same_kind = x.unit == y.unit or (x.unit.rstrip("s") == y.unit.rstrip("s"))
            if not same_kind or x.unit == "duration" or _compatible(x, y):
                continue
            if _restated(art_a.text, x, art_b.text, qb) or _restated(art_b.text, y, art_a.text, qa):
                continue  # a side's value is stated on the other side too: the two differ in what they count
            if _identifier(art_a.text, x) or _identifier(art_b.text, y):
                continue  # "Precinct 5 deputies", "Route 9": a number in a name counts nothing
            if overlap(art_a.text, x, art_b.text, y) or counted_of(art_a.text, x) != counted_of(art_b.text, y):
                continue  # "three to four" covers four; counts of attempted murder vs of murder
            if backdrop(art_a.text, x.start, x.end) or backdrop(art_b.text, y.start, y.end):
                continue  # a count of an earlier happening cited for context, or a tally over many
            role_x, role_y = quantity_role(art_a.text, x), quantity_role(art_b.text, y)
            if not (role_x and role_x == role_y) and not _same_role(art_a.text, x, art_b.text, y):
                continue  # "20 people were injured" vs "5 people were killed": two counts
            evidence = compare(ra, rb, role_x, role_y)
            if evidence is None or compare(_near(refs, art_a, x, ta), _near(refs, art_b, y, tb)) is None:
                continue  # other people, another place, another day (in the sentence or the clause)
            topic = sorted(shared - {x.unit, y.unit})[:3]
            about = f"how many {x.unit}" + (f" {role_x}" if role_x and role_x == role_y else "") \
                + (f" ({', '.join(topic)})" if topic else "")
            col.add("number", about, _features(sim, shared, evidence), [
                (x.normalized, art_a.id, x.start, x.end, x.text),
                (y.normalized, art_b.id, y.start, y.end, y.text)])


def _features(sim: float, shared: set[str], evidence: PointEvidence) -> dict[str, float]:
    """The evidence of an aligned pair of passages as model features (``confidence``)."""
    return {"align": aligned(sim), "shared": scaled(len(shared), 5), "role": float(evidence.same_role),
            "referents": scaled(min(evidence.people, 2) + min(evidence.places, 1), 3)}


def _restated(text: str, x: Quantity, other_text: str, others: list[Quantity]) -> bool:
    """Whether the other passage states ``x``'s value of the same thing too ("an increase
    of $92, bringing the benefit to $1,657" against "$92 a month")."""
    return any(x.unit.rstrip("s") == z.unit.rstrip("s") and _compatible(x, z)
               and counted_of(text, x) == counted_of(other_text, z) for z in others)


IDENTIFIER = re.compile(r"\b[A-Z][a-z]+\s+\d+\s*$")


def _identifier(text: str, q: Quantity) -> bool:
    """Whether the number of ``q`` is part of a name ("Precinct 5", "District 12")."""
    digits = re.search(r"\d+", q.text)
    return bool(digits and IDENTIFIER.search(text[max(0, q.start - 30):q.start + digits.end()]))


def _near(refs: ReferentIndex, article: Article, q: Quantity, dates: list[Timex]) -> Referents:
    """The people, places, ordinals and days of the clause a value stands in ("three
    officers in Baton Rouge" and "five officers in Dallas" in one sentence)."""
    start, end = clause_span(article.text, q.start, q.end)
    return refs.of(article.id, start, end, [t for t in dates if start <= t.start and t.end <= end])


def _since(col: Collector, sim: float, shared: set[str], a: tuple, b: tuple) -> None:
    """Two aligned descriptions of the past that start it at different points."""
    ma = SINCE.search(a[0].text, a[1], a[2])
    mb = SINCE.search(b[0].text, b[1], b[2])
    if not ma or not mb:
        return
    wa, wb = _content(ma.group(1)), _content(mb.group(1))
    ya, yb = set(re.findall(r"\d{4}", ma.group(1))), set(re.findall(r"\d{4}", mb.group(1)))
    if (wa & wb) or (ya & yb) or not (wa or ya) or not (wb or yb):
        return
    if bool(DATED.search(ma.group(1))) != bool(DATED.search(mb.group(1))):
        return  # "since March 2020" vs "since the pandemic began": a date and an event may be one moment
    topic = sorted(shared)[:3]
    col.add("history", "since when" + (f" ({', '.join(topic)})" if topic else ""),
            {"align": aligned(sim), "shared": scaled(len(shared), 5)}, [
        (ma.group(1).strip().lower(), a[0].id, ma.start(1), ma.start(1) + len(ma.group(1).rstrip()), ma.group(1).strip()),
        (mb.group(1).strip().lower(), b[0].id, mb.start(1), mb.start(1) + len(mb.group(1).rstrip()), mb.group(1).strip())])


def _dates(col: Collector, sim: float, shared: set[str], a: tuple, b: tuple) -> None:
    """``a``, ``b``: (article, start, end, dates of the aligned sentence, its referents)."""
    ta, tb = a[3], b[3]
    if not ta or not tb:
        return
    va, vb = {t.value[:10] for t in ta}, {t.value[:10] for t in tb}
    if va & vb:
        return  # "Saturday night" and "August 8" may name one day
    x, y = ta[0], tb[0]
    if _states_year(x.text) != _states_year(y.text) and {v[4:10] for v in va} & {v[4:10] for v in vb}:
        return  # "Nov. 1" vs "November 1, 2016": the year one text leaves out is the resolver's guess
    xs, ys = _day_words(x.text), _day_words(y.text)
    if (xs and ys and (xs in ys or ys in xs)) or x.anchor_inferred or y.anchor_inferred:
        return  # "Saturday evening" vs "last Saturday night": one day named twice; a guessed anchor proves nothing
    text_a, text_b = a[0].text[a[1]:a[2]].lower(), b[0].text[b[1]:b[2]].lower()
    past = bool(set(_PAST_WORDS.findall(text_a)) & set(_PAST_WORDS.findall(text_b)))  # "afternoon" is no "after"
    kind = "history" if past else "date"
    if x.precision != y.precision and not past:
        return
    if not past and (backdrop(a[0].text, x.start, x.end) or backdrop(b[0].text, y.start, y.end)):
        return
    role_x, role_y = timex_role(a[0].text, x), timex_role(b[0].text, y)
    if not past and not (role_x and role_x == role_y):
        return  # the day of what? Only the same happening's days are compared
    evidence = compare(a[4], b[4], role_x, role_y, same_day_needed=False)
    if evidence is None:
        return
    topic = sorted(shared)[:3]
    what = f"when ({role_x})" if kind == "date" else "the past"
    col.add(kind, what + (f" ({', '.join(topic)})" if topic else ""), _features(sim, shared, evidence), [
        (x.value, a[0].id, x.start, x.end, x.text), (y.value, b[0].id, y.start, y.end, y.text)])


_PAST_WORDS = re.compile(r"\b(?:since|after|before|founded|founding|war)\b")
PART_OF_DAY = re.compile(r"\b(?:early|late|morning|afternoon|evening|night|overnight)\b")
WEEKDAY_RELATIVE = re.compile(r"\b(?:this|last|on|past)\b")
WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")


def _day_words(text: str) -> str:
    """A date's words without the part of the day, and for a weekday without its
    relative word ("last Saturday night" -> "saturday"): two sides naming the same
    weekday name one day as far as a reader can see, whatever day each report's own
    publication date makes of it."""
    words = PART_OF_DAY.sub(" ", text.lower())
    if WEEKDAY.search(words):
        words = WEEKDAY_RELATIVE.sub(" ", words)
    return " ".join(words.split())


def _states_year(text: str) -> bool:
    """Whether a date expression writes its year ("June 4, 2016", "'16"), not just a day."""
    return bool(re.search(r"\b(?:1[89]|20)\d\d\b|'\d\d\b", text))


class SideIndex:
    """The cited sides of discrepancies per article, sorted by offset, so the sides inside
    one passage cost a bisection (no claim is compared with every discrepancy)."""

    def __init__(self, discrepancies: list[Discrepancy]) -> None:
        per: dict[str, list[tuple[int, int, int, int]]] = defaultdict(list)
        for k, d in enumerate(discrepancies):
            for v, variant in enumerate(d.variants):
                for c in variant.citations:
                    per[c.article].append((c.start, c.end, k, v))
        self.sides = {a: sorted(x) for a, x in per.items()}
        self.starts = {a: [x[0] for x in xs] for a, xs in self.sides.items()}

    def inside(self, passage: Rendering) -> list[tuple[int, int]]:
        """(discrepancy index, variant index) of every side within ``passage``."""
        sides = self.sides.get(passage.article, [])
        k = bisect.bisect_left(self.starts.get(passage.article, []), passage.start)
        out = []
        while k < len(sides) and sides[k][0] < passage.end:
            if sides[k][1] <= passage.end:
                out.append((sides[k][2], sides[k][3]))
            k += 1
        return out


def _disputed() -> float:
    return shipped_model().cut if DISPUTED is None else DISPUTED


def disputed_claims(claims: list[DossierClaim], discrepancies: list[Discrepancy]) -> list[DossierClaim]:
    """The claims a discrepancy is about (see ``disputes``), found through ``SideIndex``:
    linear in the claims' citations and the sides they contain."""
    index = SideIndex(discrepancies)
    out = []
    for claim in claims:
        sides: dict[int, set[int]] = defaultdict(set)
        lead: set[int] = set()
        for n, cite in enumerate(claim.citations):
            for k, v in index.inside(cite):
                sides[k].add(v)
                if n == 0:
                    lead.add(k)
        if any(len(vs) >= 2 or (k in lead and discrepancies[k].confidence >= _disputed())
               for k, vs in sides.items()):
            out.append(claim)
    return out


def disputes(d: Discrepancy, citations: list[Rendering]) -> bool:
    """Whether ``d`` is about the point of a claim with these ``citations``: the claim's
    own passages carry two different sides of it, or its lead passage carries one side
    of a confident discrepancy. (One pair; ``disputed_claims`` does a whole dossier.)"""
    sides = {k for k, v in enumerate(d.variants) for c in v.citations
             if any(x.article == c.article and x.start <= c.start and c.end <= x.end for x in citations)}
    if len(sides) >= 2:
        return True
    lead = citations[:1]
    return bool(sides) and d.confidence >= _disputed() and any(
        x.article == c.article and x.start <= c.start and c.end <= x.end
        for v in d.variants for c in v.citations for x in lead)
