"""Differences about people: the office before a name, the organisation a person is
tied to, and the wording of the same quotation.

Each compares one entity's (or one statement's) mentions across reports, so the
referent is the same by construction; the collector keeps only differences between
independent origins.
"""

from __future__ import annotations

import re
from collections import defaultdict

from newsdesk.analyze.names import fold
from newsdesk.crossdoc.collector import Collector
from newsdesk.crossdoc.corpus import Corpus
from newsdesk.model import DossierEntity, DossierQuote

AFFILIATION_WINDOW = 70
AFFILIATION_CUE = re.compile(r"^[\s,]*(?:\(|a |an |the )?[\w\s-]{0,30}?\b(?:of|from|at|with)\s+(?:the\s+)?$", re.I)


def affiliations(col: Collector, corpus: Corpus, entities: list[DossierEntity]) -> None:
    """One person tied to different organisations ("X of the University of A" vs "X from B University")."""
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
# Minister X". The office compared is the title itself plus "deputy"/"vice"; place and
# nationality words in front ("Boston Mayor", "Russian President") are not the office.
TITLE_BEFORE = re.compile(
    r"(?P<pre>(?:[A-Z][a-z]+\s+){0,2}?)(?P<core>Prime Minister|Deputy Prime Minister|Foreign Minister|"
    r"Defen[cs]e Minister|Finance Minister|Interior Minister|Minister|President|Vice President|Chancellor|"
    r"Secretary of State|Secretary|Premier|General|Ambassador|Governor|Mayor|Senator|Speaker|King|Queen|"
    r"Chief Executive)\s+$")
RANK_WORDS = {"deputy", "vice", "assistant", "lieutenant", "acting"}


def _office(pre: str, core: str) -> str:
    rank = [w.lower() for w in pre.split() if w.lower() in RANK_WORDS and w.lower() != "acting"]
    return " ".join(rank + [core.lower().replace("defense", "defence")])


def titles(col: Collector, corpus: Corpus, entities: list[DossierEntity]) -> None:
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
            start = m.start - len(t.group(0)) + len(t.group("pre"))
            shown = t.group("core")
            offices.setdefault(m.article, (_office(t.group("pre"), t.group("core")), shown, start, start + len(shown)))
        distinct = {o for o, *_ in offices.values()}
        if len(distinct) < 2 or len(offices) < 2:
            continue
        col.add("title", f"the office of {person.name}", 0.6,
                [(office, art, s, e, shown) for art, (office, shown, s, e) in offices.items()])


NEGATION = re.compile(r"\b(?:not|no|never|nothing|none|neither|nor|without)\b|n['’]t\b", re.I)
QUOTE_NUMBER = re.compile(r"\b\d[\d,.]*\b")


def quote_wording(col: Collector, quotes: list[DossierQuote]) -> None:
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
