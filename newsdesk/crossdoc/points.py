"""Whether two passages speak about the same point: the same event, the same referent,
the same kind of quantity.

Two reports of one story mention many numbers and dates that belong to different
things: the victims and the suspects, the killed and the injured, this shooting and
one cited for context, one defendant's sentence and another's. A difference between
two values is a disagreement only when both values are about one point. This module
reads that from the passages themselves:

* **role**: what a number or a date is about, from the words of its clause (killed,
  injured, shot, arrested, charged, sentenced, …); two known, different roles are two
  points;
* **referents**: the people, places and ordinals ("the first victim", "the second")
  each passage names; two passages that name only different people, or only
  different places, are about different referents or events;
* **event date**: two passages dated on different days are about different events;
* **what is counted**: "three counts of murder" and "one count of attempted murder"
  count different things; a stated range ("three to four suspects") covers each value
  inside it;
* **backdrop**: a value in a clause about an earlier happening ("ten days after a
  gunman killed five officers") is not about the event the other passage reports.

``PointEvidence`` collects what agrees; ``compare`` returns None when something
disagrees, so callers never flag a difference between different points.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from newsdesk.analyze.quantities import WORDS as QUANTITY_WORDS
from newsdesk.crossdoc.corpus import Corpus
from newsdesk.model import DossierEntity, Quantity, Timex

# Kinds of happening a count or a date may be about (general news vocabulary).
ROLES: dict[str, re.Pattern[str]] = {name: re.compile(rf"\b(?:{cues})\b", re.I) for name, cues in {
    "killed": r"killed|kill|dead|died|dies|deaths?|fatal(?:ly)?|slain|murdered|lives|bodies|homicides?",
    "injured": r"injur(?:ed|ies|y)|wounded|wounding|hurt|hospitali[sz]ed|critical condition|stable condition",
    "shot": r"shot|shots|shooting|shootings|gunshots?|gunfire|opened fire|fired|firing",
    "arrested": r"arrest(?:ed|s)?|detained|custody|apprehended|turned (?:himself|herself|themselves) in",
    "charged": r"charged|charges?|counts?|indicted|indictment|accused",
    "sentenced": r"sentenced|sentence|sentencing|prison|jail|behind bars|probation|parole",
    "trial": r"trial|hearing|court|arraign(?:ed|ment)|plea|pleaded|verdict|convicted|guilty|jury",
    "vote": r"votes?|voted|ballots?|margin",
    "funeral": r"funeral|vigil|memorial|buried|mourn(?:ed|ers)?",
    "meeting": r"meeting|met|talks|summit|session",
}.items()}
ORDINAL = re.compile(r"\b(?:first|second|third|fourth|fifth|sixth|other|another|latter|former|older|younger|"
                     r"eldest|youngest|oldest)\b(?![-\s]degree|\s+time)", re.I)
# Words that pick one of several (the first shooting, the second victim): a passage that
# has one speaks of a part, a passage without one of the whole.
PART = {"first", "second", "third", "fourth", "fifth", "sixth", "latter", "former"}
CLAUSE_END = re.compile(r"[;.:!?]|,\s|\s(?:and|but|while|after|before|when|as)\s")
PLACE_TYPES = ("GPE", "LOC", "FAC")


def _clause(text: str, start: int, end: int, before: int = 60, after: int = 60) -> tuple[str, str]:
    """The words of the clause before and after ``text[start:end]``."""
    left = text[max(0, start - before):start]
    cut = [m.end() for m in CLAUSE_END.finditer(left)]
    left = left[cut[-1]:] if cut else left
    right = text[end:end + after]
    m = CLAUSE_END.search(right)
    right = right[:m.start()] if m else right
    return left, right


def role(text: str, start: int, end: int, left_first: bool = False) -> str | None:
    """What the value at ``text[start:end]`` is about, or None when its clause does not say.

    The nearest cue wins, on the side the value's happening usually stands: after a
    count ("three people were killed"), before a date (``left_first``: "arrested Monday").

    >>> t = "Five people were shot, two of them fatally."
    >>> role(t, 0, 11), role(t, 23, 26)
    ('shot', 'killed')
    """
    left, right = _clause(text, start, end)
    near_right: tuple[int, str] | None = None
    for name, cue in ROLES.items():
        m = cue.search(right)
        if m and (near_right is None or m.start() < near_right[0]):
            near_right = (m.start(), name)
    near_left: tuple[int, str] | None = None
    for name, cue in ROLES.items():
        hits = list(cue.finditer(left))
        if hits and (near_left is None or len(left) - hits[-1].end() < near_left[0]):
            near_left = (len(left) - hits[-1].end(), name)
    first, second = (near_left, near_right) if left_first else (near_right, near_left)
    best = first or second
    return best[1] if best else None


BACKDROP = re.compile(r"\b(?:after|before|since|following|ago|earlier|previous(?:ly)?|prior to|last (?:year|month|week)|"
                      r"in (?:19|20)\d\d|in the wake of|unlike|like|as in|recent|similar)\b", re.I)


AGGREGATE = re.compile(r"\b(?:a total of|in total|in all|so far this year|this (?:year|summer|spring|fall|winter)|"
                       r"as of|nationwide|across the (?:country|nation|united states)|in (?:19|20)\d\d|"
                       r"since (?:19|20)\d\d)\b", re.I)


def backdrop(text: str, start: int, end: int) -> bool:
    """Whether the value at ``text[start:end]`` is about something other than the
    reported event: a clause about an earlier happening ("ten days after a gunman
    killed five officers in Riverton") or a tally over many ("a total of eight officers
    this year", "as of Friday, 34 officers").

    >>> t = "The ambush came ten days after a gunman killed five officers."
    >>> backdrop(t, t.index("five"), t.index("five") + 4)
    True
    """
    left = text[max(0, start - 80):start]
    cut = [m.end() for m in re.finditer(r"[;.:!?]\s|,\s", left)]
    if BACKDROP.search(left[cut[-1]:] if cut else left):
        return True
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    return bool(AGGREGATE.search(text[max(sentence_start, start - 100):end + 60]))


def quantity_role(text: str, q: Quantity) -> str | None:
    return role(text, q.start, q.end)


def timex_role(text: str, t: Timex) -> str | None:
    return role(text, t.start, t.end, left_first=True)


@dataclass
class Referents:
    """What one passage names: entity ids of people and of places, ordinal words, day dates."""

    people: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    ordinals: set[str] = field(default_factory=set)
    days: set[str] = field(default_factory=set)


class ReferentIndex:
    """Entity mentions per article, sorted, so a passage's referents cost a bisection."""

    def __init__(self, corpus: Corpus, entities: list[DossierEntity]) -> None:
        self.corpus = corpus
        per: dict[str, list[tuple[int, int, str, str]]] = {}
        for e in entities:
            for m in e.mentions:
                per.setdefault(m.article, []).append((m.start, m.end, e.id, e.type))
        self.mentions = {a: sorted(v) for a, v in per.items()}
        self.starts = {a: [m[0] for m in v] for a, v in self.mentions.items()}

    def of(self, article: str, start: int, end: int, days: list[Timex] | None = None) -> Referents:
        out = Referents()
        mentions = self.mentions.get(article, [])
        k = bisect.bisect_left(self.starts.get(article, []), start)
        while k < len(mentions) and mentions[k][0] < end:
            s, e, ent, typ = mentions[k]
            if e <= end:
                if typ == "PERSON":
                    out.people.add(ent)
                elif typ in PLACE_TYPES:
                    out.places.add(ent)
            k += 1
        text = self.corpus.article(article).text[start:end]
        out.ordinals = {w.lower() for w in ORDINAL.findall(text)}
        out.days = {t.value for t in days or [] if t.precision == "day" and t.value}
        return out


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Character span of the clause around ``text[start:end]`` (see ``_clause``)."""
    left, right = _clause(text, start, end)
    return start - len(left), end + len(right)


@dataclass
class PointEvidence:
    """What two passages share beyond their wording (higher: surer they are one point)."""

    people: int = 0
    places: int = 0
    same_role: bool = False

    @property
    def weight(self) -> float:
        return min(self.people, 2) * 0.1 + min(self.places, 1) * 0.05 + (0.15 if self.same_role else 0.0)


def compare(a: Referents, b: Referents, role_a: str | None = None, role_b: str | None = None,
            same_day_needed: bool = True) -> PointEvidence | None:
    """Evidence that passages ``a`` and ``b`` are about one point, or None when they
    name different roles, people, places, ordinals or event days, or when only one
    of them picks a part ("the first shooting").

    >>> compare(Referents(people={"E1"}), Referents(people={"E2"})) is None
    True
    >>> compare(Referents(people={"E1"}), Referents(people={"E1", "E2"})).people
    1
    """
    if role_a and role_b and role_a != role_b:
        return None
    if a.people and b.people and not a.people & b.people:
        return None
    if a.places and b.places and not a.places & b.places:
        return None
    if a.ordinals and b.ordinals and not a.ordinals & b.ordinals:
        return None
    if (a.ordinals & PART) != (b.ordinals & PART):
        return None  # "three injured in the first shooting" vs "four in the pair of shootings"
    if same_day_needed and a.days and b.days and not a.days & b.days:
        return None
    return PointEvidence(len(a.people & b.people), len(a.places & b.places),
                         bool(role_a and role_a == role_b))


OF_STOP = {"the", "a", "an", "of", "and", "in", "on", "to", "for", "with", "his", "her", "their", "its"}
OF_PHRASE = re.compile(r"^\s*(?:each\s+)?of\s+(.{3,60}?)(?:[,.;:()]|\sand\s|\swho\s|\sthat\s|$)", re.I)
ORDINAL_DIGITS = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth"}
RANGE_BEFORE = re.compile(r"(\d[\d,.]*|[a-z]+)\s+(?:to|or)\s+$", re.I)
ANOTHER = re.compile(r"^[^.;]*?\band (?:another|a second|one other)\b", re.I)
RANGE_INSIDE = re.compile(r"^(?:\w+\s+)?(\d[\d,.]*|[a-z]+)\s+(?:to|or)\s+(\d[\d,.]*|[a-z]+)\b", re.I)


def counted_of(text: str, q: Quantity) -> frozenset[str] | None:
    """What a count is of, when an "of" phrase says it ("three counts of first-degree
    murder" -> {first, degree, murder}); None without one."""
    m = OF_PHRASE.match(text[q.end:q.end + 80])
    if not m:
        return None
    words = re.findall(r"[a-z0-9]+", m.group(1).lower())
    return frozenset(ORDINAL_DIGITS.get(w, w) for w in words if w not in OF_STOP)


def _number(word: str) -> float | None:
    word = word.lower().replace(",", "")
    if word in QUANTITY_WORDS:
        return float(QUANTITY_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None


def bounds(text: str, q: Quantity) -> tuple[float, float] | None:
    """The range a count states: "three to four suspects" -> (3, 4), also when the first
    number stands before the quantity's span; None for a single value."""
    m = RANGE_INSIDE.match(q.text)
    if m and _number(m.group(1)) is not None and _number(m.group(2)) is not None:
        lo, hi = _number(m.group(1)), _number(m.group(2))
        return (min(lo, hi), max(lo, hi))  # type: ignore[type-var]
    m = RANGE_BEFORE.search(text[max(0, q.start - 20):q.start])
    if m and _number(m.group(1)) is not None and q.value is not None:
        lo = _number(m.group(1))
        return (min(lo, q.value), max(lo, q.value))  # type: ignore[type-var]
    if q.value is not None and ANOTHER.search(text[q.end:q.end + 60]):
        return (q.value, q.value + 1)  # "one officer was killed and another injured": two in all
    return None


def overlap(text_a: str, x: Quantity, text_b: str, y: Quantity) -> bool:
    """Whether a stated range on one side covers the other side's value."""
    ra, rb = bounds(text_a, x), bounds(text_b, y)
    if ra is None and rb is None:
        return False
    ra = ra or (x.value, x.value)
    rb = rb or (y.value, y.value)
    return ra[0] <= rb[1] and rb[0] <= ra[1]
