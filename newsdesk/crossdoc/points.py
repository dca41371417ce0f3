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
* **backdrop**: a value in a clause about an earlier happening ("ten days after a
  gunman killed five officers") is not about the event the other passage reports.

``PointEvidence`` collects what agrees; ``compare`` returns None when something
disagrees, so callers never flag a difference between different points.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

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
                     r"eldest|youngest|oldest)\b", re.I)
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


def role(text: str, start: int, end: int) -> str | None:
    """What the value at ``text[start:end]`` is about, or None when its clause does not say.

    The nearest cue wins, words after the value first ("three people were killed").

    >>> t = "Five people were shot, two of them fatally."
    >>> role(t, 0, 11), role(t, 23, 26)
    ('shot', 'killed')
    """
    left, right = _clause(text, start, end)
    best: tuple[int, str] | None = None
    for name, cue in ROLES.items():
        m = cue.search(right)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    if best:
        return best[1]
    for name, cue in ROLES.items():
        hits = list(cue.finditer(left))
        if hits and (best is None or len(left) - hits[-1].end() < best[0]):
            best = (len(left) - hits[-1].end(), name)
    return best[1] if best else None


BACKDROP = re.compile(r"\b(?:after|before|since|following|ago|earlier|previous(?:ly)?|prior to|last (?:year|month|week)|"
                      r"in (?:19|20)\d\d)\b", re.I)


def backdrop(text: str, start: int, end: int) -> bool:
    """Whether the value at ``text[start:end]`` sits in a clause about another, earlier
    happening ("ten days after a gunman killed five officers in Riverton").

    >>> t = "The ambush came ten days after a gunman killed five officers."
    >>> backdrop(t, t.index("five"), t.index("five") + 4)
    True
    """
    left = text[max(0, start - 80):start]
    cut = [m.end() for m in re.finditer(r"[;.:!?]\s|,\s", left)]
    return bool(BACKDROP.search(left[cut[-1]:] if cut else left))


def quantity_role(text: str, q: Quantity) -> str | None:
    return role(text, q.start, q.end)


def timex_role(text: str, t: Timex) -> str | None:
    return role(text, t.start, t.end)


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
    name different roles, people, places, ordinals or event days.

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
    if same_day_needed and a.days and b.days and not a.days & b.days:
        return None
    return PointEvidence(len(a.people & b.people), len(a.places & b.places),
                         bool(role_a and role_a == role_b))
