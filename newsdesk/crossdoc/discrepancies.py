"""Where reports differ on the same point.

Candidate points come from aligned passages (sentence pairs of different articles
that the candidate index finds close in meaning), never from all pairs:

* number / duration: both passages state a quantity of the same kind with different
  normalised values ("a two-hour meeting" vs "talks for an hour and a half");
  modifiers keep compatible statements apart ("over 1,000" does not contradict 1,200);
* date: both passages date the point with the same precision, differently;
* history: both passages anchor the same description of the past on different
  events or dates ("allies since the Korean War" vs "since the country's founding");
* affiliation: one person is tied to different organisations ("X of the University of
  A" vs "X from B University").

``confidence`` grows with how closely the passages align and how explicit the values
are; a low value means "may be a paraphrase, check it".
"""

from __future__ import annotations

import re
from collections import defaultdict

from newsdesk.analyze.names import fold
from newsdesk.crossdoc.corpus import CandidateIndex, Corpus
from newsdesk.model import (
    Article,
    Discrepancy,
    DossierEntity,
    DossierQuote,
    Quantity,
    Rendering,
    Timex,
    Variant,
)

ALIGNED = 0.87
HISTORY_ALIGNED = 0.90
DATE_ALIGNED = 0.93     # a different date on a less similar sentence is usually another event
AFFILIATION_WINDOW = 70
AFFILIATION_CUE = re.compile(r"^[\s,]*(?:\(|a |an |the )?[\w\s-]{0,30}?\b(?:of|from|at|with)\s+(?:the\s+)?$", re.I)
STOP = {"been", "will", "would", "also", "after", "before", "since", "the", "a", "an", "of", "and", "in", "on", "to", "for", "with", "that", "was", "were", "is", "are",
        "has", "have", "had", "be", "by", "as", "at", "from", "its", "his", "her", "their", "it", "this"}


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
    return (hi.modifier or "").lower() in {"under", "less than", "up to", "at most", "below", "nearly", "almost"} | approx


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


def _durations(col: _Collector, corpus: Corpus) -> None:
    """Durations of the same kind of happening that differ across reports."""
    by_class: dict[int, dict[str, list[tuple[Article, Quantity, str]]]] = defaultdict(lambda: defaultdict(list))
    for article in corpus.articles:
        seen: set[tuple[int, int]] = set()
        for claim in article.annotations.claims if article.annotations else []:
            for q in claim.quantities:
                if q.unit != "duration" or (q.start, q.end) in seen or q.modifier:
                    continue
                seen.add((q.start, q.end))
                head = duration_head(article.text, q)
                cls = event_class(head) if head else None
                if cls is not None and _seconds(q.normalized):
                    by_class[cls][q.normalized].append((article, q, head))
    for values in by_class.values():
        keys = list(values)
        if len(keys) < 2:
            continue
        clusters: list[list[str]] = []
        for k in keys:  # values of one scale are one point; a 24-year gap is another
            home = next((c for c in clusters if _scale_ok(values[c[0]][0][1], values[k][0][1])), None)
            (home.append(k) if home else clusters.append([k]))
        for keys_ in clusters:
            arts = {a.id for k in keys_ for a, _, _ in values[k]}
            if len(keys_) < 2 or len(arts) < 2:
                continue
            nouns = "/".join(sorted({h for k in keys_ for _, _, h in values[k]}))
            sides = [(k, a.id, q.start, q.end, q.text) for k in keys_ for a, q, _ in values[k]]
            col.add("duration", f"how long the {nouns} lasted", 0.65, sides)


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in STOP}


class _Collector:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.points: dict[tuple[str, str], dict] = {}

    def add(self, kind: str, about: str, confidence: float, sides: list[tuple[str, str, int, int, str]]) -> None:
        """``sides``: (variant key, article, start, end, shown text) for each side."""
        key = (kind, about)
        point = self.points.setdefault(key, {"confidence": 0.0, "variants": {}})
        point["confidence"] = max(point["confidence"], confidence)
        for vkey, article, start, end, shown in sides:
            var = point["variants"].setdefault(vkey, {"text": shown, "articles": [], "citations": []})
            if article not in var["articles"]:
                var["articles"].append(article)
                var["citations"].append(self.corpus.cite(article, start, end))

    def records(self) -> list[Discrepancy]:
        out = []
        for (kind, about), point in self.points.items():
            variants = [Variant(v["text"], v["articles"], v["citations"]) for v in point["variants"].values()]
            if len(variants) < 2:
                continue
            out.append(Discrepancy("", about, round(point["confidence"], 2), variants, kind))
        out.sort(key=lambda d: (-d.confidence, d.about))
        for k, d in enumerate(out, 1):
            d.id = f"D{k}"
        return out


def find_discrepancies(corpus: Corpus, lsh: CandidateIndex, entities: list[DossierEntity],
                       quotes: list[DossierQuote] | None = None) -> list[Discrepancy]:
    col = _Collector(corpus)
    labels = [u.article for u in corpus.units]
    # A unit takes part in many aligned pairs: find its quantities and dates once.
    found: dict[int, tuple[list[Quantity], list[Timex]]] = {}

    def facts(i: int) -> tuple[list[Quantity], list[Timex]]:
        if i not in found:
            u = corpus.units[i]
            article = corpus.article(u.article)
            found[i] = (_quantities(article, u.start, u.end), _timexes(article, u.start, u.end))
        return found[i]

    for i, j, sim in lsh.similar(ALIGNED, labels):
        ui, uj = corpus.units[i], corpus.units[j]
        ai, aj = corpus.article(ui.article), corpus.article(uj.article)
        shared = _content(ui.text) & _content(uj.text)
        (qa, ta), (qb, tb) = facts(i), facts(j)
        _numbers(col, sim, shared, (ai, qa), (aj, qb))
        if sim >= DATE_ALIGNED:
            _dates(col, sim, shared, (ai, ui.start, ui.end, ta), (aj, uj.start, uj.end, tb))
        if sim >= HISTORY_ALIGNED:
            _since(col, sim, shared, (ai, ui.start, ui.end), (aj, uj.start, uj.end))
    _durations(col, corpus)
    _affiliations(col, corpus, entities)
    _titles(col, corpus, entities)
    _quote_wording(col, quotes or [])
    return col.records()


def _near_words(text: str, q: Quantity, width: int = 16) -> set[str]:
    """Content words right next to a quantity ("were injured", "deploy"), unit left out."""
    around = text[max(0, q.start - width):q.start] + " " + text[q.end:q.end + width]
    return {w[:6] for w in _content(around)} - {q.unit[:6]}


def _phrase_words(q: Quantity) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]{3,}", q.text.lower())}


def _same_role(text_a: str, x: Quantity, text_b: str, y: Quantity) -> bool:
    """Two counts of one thing: a specific shared phrase ("12 patrol vessels" / "14
    patrol vessels") or the same words right beside them ("injured" vs "killed" are two
    counts, not a disagreement)."""
    if len(_phrase_words(x) & _phrase_words(y)) >= 2:
        return True
    return bool(_near_words(text_a, x) & _near_words(text_b, y))


def _numbers(col: _Collector, sim: float, shared: set[str], a: tuple, b: tuple) -> None:
    """``a``, ``b``: (article, quantities of its aligned sentence)."""
    qa, qb = a[1], b[1]
    for x in qa:
        for y in qb:
            same_kind = x.unit == y.unit or (x.unit.rstrip("s") == y.unit.rstrip("s"))
            if not same_kind or x.unit == "duration" or _compatible(x, y):
                continue
            if not _same_role(a[0].text, x, b[0].text, y):
                continue  # "20 people were injured" vs "5 people were killed": two counts
            kind = "duration" if x.unit == "duration" else "number"
            topic = sorted(shared - {x.unit, y.unit})[:3]
            about = f"{'how long' if kind == 'duration' else 'how many ' + x.unit}" + (f" ({', '.join(topic)})" if topic else "")
            conf = min(0.95, 0.45 + (sim - ALIGNED) * 3 + 0.1 * min(len(shared), 3))
            col.add(kind, about, conf, [
                (x.normalized, a[0].id, x.start, x.end, x.text),
                (y.normalized, b[0].id, y.start, y.end, y.text)])


def _since(col: _Collector, sim: float, shared: set[str], a: tuple, b: tuple) -> None:
    """Two aligned descriptions of the past that start it at different points."""
    ma = SINCE.search(a[0].text, a[1], a[2])
    mb = SINCE.search(b[0].text, b[1], b[2])
    if not ma or not mb:
        return
    wa, wb = _content(ma.group(1)), _content(mb.group(1))
    ya, yb = set(re.findall(r"\d{4}", ma.group(1))), set(re.findall(r"\d{4}", mb.group(1)))
    if (wa & wb) or (ya & yb) or not (wa or ya) or not (wb or yb):
        return
    topic = sorted(shared)[:3]
    conf = min(0.85, 0.5 + (sim - HISTORY_ALIGNED) * 4)
    col.add("history", "since when" + (f" ({', '.join(topic)})" if topic else ""), conf, [
        (ma.group(1).strip().lower(), a[0].id, ma.start(1), ma.start(1) + len(ma.group(1).rstrip()), ma.group(1).strip()),
        (mb.group(1).strip().lower(), b[0].id, mb.start(1), mb.start(1) + len(mb.group(1).rstrip()), mb.group(1).strip())])


def _dates(col: _Collector, sim: float, shared: set[str], a: tuple, b: tuple) -> None:
    ta, tb = a[3], b[3]  # (article, start, end, dates of the aligned sentence)
    if not ta or not tb:
        return
    va, vb = {t.value for t in ta}, {t.value for t in tb}
    if va & vb:
        return
    x, y = ta[0], tb[0]
    same_precision = x.precision == y.precision
    text_a, text_b = a[0].text[a[1]:a[2]].lower(), b[0].text[b[1]:b[2]].lower()
    past = any(w in text_a and w in text_b for w in ("since", "after", "before", "founded", "founding", "war"))
    kind = "history" if past else "date"
    if not same_precision and not past:
        return
    topic = sorted(shared)[:3]
    conf = min(0.9, 0.4 + (sim - DATE_ALIGNED) * 6 + (0.1 if same_precision else 0))
    col.add(kind, f"{'when' if kind == 'date' else 'the past'}" + (f" ({', '.join(topic)})" if topic else ""), conf, [
        (x.value, a[0].id, x.start, x.end, x.text), (y.value, b[0].id, y.start, y.end, y.text)])


def _affiliations(col: _Collector, corpus: Corpus, entities: list[DossierEntity]) -> None:
    orgs_by_article: dict[str, list[tuple[int, int, DossierEntity]]] = defaultdict(list)
    for e in entities:
        if e.type in ("ORG", "GPE"):
            for m in e.mentions:
                orgs_by_article[m.article].append((m.start, m.end, e))
    for person in entities:
        if person.type != "PERSON":
            continue
        ties: dict[str, tuple[DossierEntity, str, int, int]] = {}
        for m in person.mentions:
            text = corpus.article(m.article).text
            for start, end, org in orgs_by_article.get(m.article, []):
                if not 0 <= start - m.end <= AFFILIATION_WINDOW:
                    continue
                if org.type == "GPE" and not re.search(r"university|institute|college", text[start - 20:end + 15], re.I):
                    continue
                if AFFILIATION_CUE.match(text[m.end:start]):
                    span = _org_phrase(text, start, end)
                    ties.setdefault(m.article, (org, span[2], span[0], span[1]))
                    break
        distinct = {fold(org.name) for org, *_ in ties.values()}
        if len(distinct) < 2:
            continue
        col.add("affiliation", f"affiliation of {person.name}", 0.75,
                [(fold(org.name), art, s, e, shown) for art, (org, shown, s, e) in ties.items()])


# A title written before a name: "Defence Minister Andrei Belousov", "former Prime
# Minister X". The office is the head word plus its portfolio; nationality adjectives
# ("Russian President") and "former"/"then" are not part of the office compared.
TITLE_BEFORE = re.compile(
    r"((?:[A-Z][a-z]+\s+){0,2}(?:Prime Minister|Deputy Prime Minister|Foreign Minister|Defen[cs]e Minister|"
    r"Finance Minister|Interior Minister|Minister|President|Vice President|Chancellor|Secretary of State|"
    r"Secretary|Premier|General|Ambassador|Governor|Mayor|Senator|Speaker|King|Queen|Chief Executive))\s+$")
OFFICE_NOISE = {"former", "then", "new", "acting", "incoming", "outgoing", "late"}


def _office(title: str) -> str:
    words = [w for w in title.split() if w.lower() not in OFFICE_NOISE]
    while words and re.search(r"(?:an|ese|ish|ic|i)$", words[0]) and words[0] not in ("Prime",) \
            and len(words) > 1 and words[0][0].isupper() and words[0] not in ("Foreign", "Finance", "Interior"):
        words = words[1:]  # "Russian President" -> "President"
    return " ".join(words).lower().replace("defense", "defence")


def _titles(col: _Collector, corpus: Corpus, entities: list[DossierEntity]) -> None:
    """One person given different offices by different reports ("Defence Minister X"
    in one, "Foreign Minister X" in another)."""
    for person in entities:
        if person.type != "PERSON":
            continue
        offices: dict[str, tuple[str, str, int, int]] = {}
        for m in person.mentions:
            if len(m.text.split()) < 2:
                continue  # only full names carry a reliable title in front
            text = corpus.article(m.article).text
            t = TITLE_BEFORE.search(text[max(0, m.start - 60):m.start])
            if not t:
                continue
            start = m.start - len(t.group(0))
            offices.setdefault(m.article, (_office(t.group(1)), t.group(1), start, start + len(t.group(1))))
        distinct = {o for o, *_ in offices.values()}
        if len(distinct) < 2 or len({a for a in offices}) < 2:
            continue
        col.add("title", f"the office of {person.name}", 0.6,
                [(office, art, s, e, shown) for art, (office, shown, s, e) in offices.items()])


NEGATION = re.compile(r"\b(?:not|no|never|nothing|none|neither|nor|without)\b|n['’]t\b", re.I)
QUOTE_NUMBER = re.compile(r"\b\d[\d,.]*\b")


def _quote_wording(col: _Collector, quotes: list[DossierQuote]) -> None:
    """Renderings in quotation marks of one statement that differ in what they assert:
    one negated and one not, or different numbers. Paraphrase ("breakthrough" /
    "truly revolutionary") is not flagged."""
    for q in quotes:
        direct = [r for r in q.renderings if r.direct and len(r.text.split()) >= 3]
        if len({r.article for r in direct}) < 2:
            continue
        polarity = {r.article: bool(NEGATION.search(r.text)) for r in direct}
        numbers = {r.article: frozenset(QUOTE_NUMBER.findall(r.text)) for r in direct}
        split_polarity = len(set(polarity.values())) > 1
        split_numbers = len({n for n in numbers.values() if n}) > 1
        if not (split_polarity or split_numbers):
            continue
        who = q.speaker.name or "an unnamed speaker"
        col.add("quote", f"what {who} said (wording differs in meaning)", 0.55,
                [(r.text.strip().lower(), r.article, r.start, r.end, r.text.strip()) for r in direct])


def _org_phrase(text: str, start: int, end: int) -> tuple[int, int, str]:
    """Widen an organisation mention to "University of Oslo" when NER split it."""
    m = re.match(r"\s+(?:of|in)\s+[A-Z][\w-]+", text[end:end + 30])
    if m:
        end += m.end()
    m = re.search(r"(?:University|Institute|College)\s+of\s+$", text[max(0, start - 25):start])
    if m:
        start -= len(m.group(0))
    return start, end, text[start:end]


def touches(d: Discrepancy, citations: list[Rendering]) -> bool:
    for v in d.variants:
        for c in v.citations:
            for x in citations:
                if x.article == c.article and x.start <= c.start and c.end <= x.end:
                    return True
    return False
