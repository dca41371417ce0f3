"""Differences about people: the office before a name, the organisation a person is
tied to, and the wording of the same quotation.

Each compares one entity's (or one statement's) mentions across reports, so the
referent is the same by construction; the collector keeps only differences between
independent origins.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from newsdesk.analyze.names import fold
from newsdesk.crossdoc.collector import Collector
from newsdesk.crossdoc.confidence import scaled
from newsdesk.crossdoc.corpus import Corpus
from newsdesk.model import DossierEntity, DossierQuote

AFFILIATION_WINDOW = 70
# Between a name and an organisation: nothing but "of/from/with" ("Dana Reyes of the Port
# Authority"), or a role noun before the preposition ("Dana Reyes, a professor at …",
# "… , an officer with …"). Anything else ("'s funeral at", "was taken to") ties the
# person to a place or a happening, not to an organisation.
AFFILIATION_CUE = re.compile(r"^[\s,(]*(?:(?:of|from|with)|(?:(?:a|an|the)\s+)?(?P<role>(?:[\w-]+\s+){0,3}?[\w-]+)"
                             r"\s+(?:of|from|at|with))\s+(?:the\s+)?$", re.I)
ROLE_NOUN = re.compile(r"[a-z-]*(?:er|or|ist|ian|ant|ent|man|woman|person|ee|ive|member|chief|head|official|"
                       r"staff|student|graduate|fellow|dean|deputy|captain|sergeant|lieutenant|trooper|agent|"
                       r"nurse|judge|coach|pastor|priest|analyst|aide|expert|scholar|economist|veteran)s?", re.I)


def affiliations(col: Collector, corpus: Corpus, entities: list[DossierEntity]) -> None:
    """One person tied to different organisations ("X of the University of A" vs "X from B University")."""
    orgs_by_article: dict[str, list[tuple[int, int, DossierEntity]]] = defaultdict(list)
    for e in entities:
        if e.type in ("ORG", "GPE"):
            for m in e.mentions:
                orgs_by_article[m.article].append((m.start, m.end, e))
    for orgs in orgs_by_article.values():
        orgs.sort(key=lambda o: o[0])
    starts = {a: [o[0] for o in orgs] for a, orgs in orgs_by_article.items()}
    for person in entities:
        if person.type != "PERSON":
            continue
        ties: dict[str, tuple[DossierEntity, str, int, int]] = {}
        for m in person.mentions:
            text = corpus.article(m.article).text
            orgs = orgs_by_article.get(m.article, [])
            first = bisect.bisect_left(starts.get(m.article, []), m.end)
            last = bisect.bisect_right(starts.get(m.article, []), m.end + AFFILIATION_WINDOW)
            for start, end, org in orgs[first:last]:  # organisations starting in the window after the name
                if org.type == "GPE" and not re.search(r"university|institute|college", text[start - 20:end + 15], re.I):
                    continue
                cue = AFFILIATION_CUE.match(text[m.end:start])
                if cue and _tie(cue.group("role"), text[end:end + 12]):
                    span = _org_phrase(text, start, end)
                    ties.setdefault(m.article, (org, span[2], span[0], span[1]))
                    break
        names = _same_organisations([shown for _, shown, _, _ in ties.values()])
        if len(set(names.values())) < 2:
            continue
        col.add("affiliation", f"affiliation of {person.name}", {"referents": scaled(1, 3)},
                [(names[shown], art, s, e, shown) for art, (_, shown, s, e) in ties.items()])


# Words that say what kind of organisation a name is, not which one.
ORG_KIND = {"the", "of", "in", "at", "for", "and", "&", "church", "catholic", "community", "faith", "parish",
            "university", "college", "institute", "school", "department", "dept", "police", "office", "county",
            "city", "state", "national", "center", "centre", "hospital", "inc", "co", "company", "corp", "group",
            "association", "foundation", "council", "agency", "service", "services", "bureau", "ministry", "news"}


def _same_organisations(names: list[str]) -> dict[str, str]:
    """Each shown organisation name -> a key shared by the names of one organisation:
    two names that share a distinctive word ("St. Sabina Catholic Church", "Faith
    Community of St. Sabina") name one organisation."""
    words = {n: {w for w in re.findall(r"[a-z0-9]+", fold(n).lower()) if w not in ORG_KIND and len(w) > 2}
             for n in names}
    key: dict[str, str] = {}
    for n in dict.fromkeys(names):
        home = next((k for k in dict.fromkeys(key.values()) if words[n] & words[k] or fold(n) == fold(k)), None)
        key[n] = home or n
    return {n: fold(key[n]) for n in names}


def _tie(role: str | None, after: str) -> bool:
    """Whether the words between a name and an organisation tie the person to it: none
    (", of the …"), or a role noun before "of/at/with" ("a professor at", "an officer
    with"); a field of study ("professor of Korean Studies at the University …") is not
    the organisation."""
    if role is None:
        return True
    if re.match(r"\s+(?:at|with)\s", after):
        return False  # the organisation is the one after "at"
    head = re.split(r"\s+of\s+", role)[0].split()
    return any(ROLE_NOUN.fullmatch(w) for w in head)


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
        col.add("title", f"the office of {person.name}", {"referents": scaled(1, 3)},
                [(office, art, s, e, shown) for art, (office, shown, s, e) in offices.items()])


NEGATION = {"not", "no", "never", "nothing", "none", "neither", "nor", "without", "nobody", "cannot"}
NUMBER_WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion",
                "half", "dozen", "dozens", "hundreds", "thousands", "millions"}
WORD = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_]+(?:['’][^\W\d_]+)?")
SAME_WORDING = 0.75     # share of the overlapping words two renderings of one statement share
MIN_SHARED = 4          # ... and at least this many words in common


def _words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in WORD.findall(text.lower())]


def _negations(words: list[str]) -> int:
    return sum(1 for w in words if w in NEGATION or w.endswith("n't"))


def _numbers(words: list[str]) -> list[str]:
    return sorted(w for w in words if w[0].isdigit() or w in NUMBER_WORDS)


@dataclass(frozen=True)
class WordingChange:
    """How two renderings of one statement differ where they overlap: ``aligned`` is the
    share of the overlap's words they share (0..1); ``meaning`` says whether the change
    alters what is asserted (a negation added or dropped, another number)."""

    aligned: float
    shared: int
    meaning: bool


def wording_change(a: str, b: str) -> WordingChange | None:
    """Compare two renderings word by word over the stretch where they overlap (a
    fragment is compared with the part of the longer rendering it covers); None when
    they share fewer than ``MIN_SHARED`` words.

    >>> wording_change("We will not ratify the treaty this year", "We will ratify the treaty this year").meaning
    True
    >>> wording_change("stay tuned to the news", "this is no joke, stay tuned in to the news").meaning
    False
    """
    wa, wb = _words(a), _words(b)
    blocks = [m for m in SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks() if m.size]
    shared = sum(m.size for m in blocks)
    if shared < MIN_SHARED:
        return None
    ra = wa[blocks[0].a:blocks[-1].a + blocks[-1].size]
    rb = wb[blocks[0].b:blocks[-1].b + blocks[-1].size]
    meaning = _negations(ra) != _negations(rb) or _numbers(ra) != _numbers(rb)
    return WordingChange(shared / max(len(ra), len(rb)), shared, meaning)


def quote_wording(col: Collector, quotes: list[DossierQuote]) -> None:
    """Renderings in quotation marks of one statement by one named speaker that differ in
    what they assert: the rest of the words align closely (``SAME_WORDING``) and the
    change negates or changes a number. Two different statements of one speaker,
    fragments of one statement and paraphrase ("breakthrough" / "truly revolutionary")
    are not flagged. Each rendering is compared with the statement's longest rendering
    of another article (linear in renderings)."""
    for q in quotes:
        if not q.speaker.name:
            continue  # the same statement needs the same speaker
        direct = [r for r in q.renderings if r.direct and len(r.text.split()) >= 3]
        if len({r.article for r in direct}) < 2:
            continue
        ordered = sorted(direct, key=lambda r: -len(r.text))
        for ref in ordered[:2]:  # the longest; the second when the first's article is the other side
            for r in direct:
                if r.article == ref.article:
                    continue
                change = wording_change(ref.text, r.text)
                if change is None or not change.meaning or change.aligned < SAME_WORDING:
                    continue
                col.add("quote", f"what {q.speaker.name} said (wording differs in meaning)",
                        {"align": change.aligned, "shared": scaled(change.shared, 5), "referents": scaled(1, 3)},
                        [(_shown(x.text), x.article, x.start, x.end, x.text.strip()) for x in (ref, r)])


def _shown(text: str) -> str:
    return " ".join(text.strip().lower().split())


def _org_phrase(text: str, start: int, end: int) -> tuple[int, int, str]:
    """Widen an organisation mention to "University of Oslo" when NER split it."""
    m = re.match(r"\s+(?:of|in)\s+[A-Z][\w-]+", text[end:end + 30])
    if m:
        end += m.end()
    m = re.search(r"(?:University|Institute|College)\s+of\s+$", text[max(0, start - 25):start])
    if m:
        start -= len(m.group(0))
    return start, end, text[start:end]
