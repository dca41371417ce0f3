"""What the story clusterer knows of one article: its story signal.

A signal is small and cheap to compare: one multilingual vector of the headline and
lead (the part of a report that says what the event is), the named entities of that
part (people and places also apart), the publication day, the days and the small
numbers (counts, ages) the lead states, and a MinHash of the whole text so that copies
of one wire story can be recognised without the vectors. Two events of one kind in
one city and week differ in exactly these: who, which day, how many.

>>> s = StorySignal(article="a1", vector=np.ones(4, dtype=np.float32) / 2, entities={"lakeside"})
>>> s.day is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

import numpy as np
from datasketch import MinHash

if TYPE_CHECKING:
    from spacy.language import Language

    from newsdesk.model import Annotations, Article
    from newsdesk.nlp_models import Embedder

LEAD_CHARS = 600          # headline + about two sentences: what the event is
NUM_PERM = 64
# Entity types that name who and where; dates, numbers and works of art do not tell
# two events of the same kind apart.
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
STATED_CHARS = 1200       # where a report states when its event happened
NUMBER_WORDS = {w: i for i, w in enumerate(
    ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"))}
# A small count or age: digits or an English number word, not part of a date, a time,
# a money amount, a decimal or a longer number.
_NUMBER = re.compile(r"(?<![\w$€£.,:/-])(\d{1,3}|" + "|".join(NUMBER_WORDS) + r")(?![\w.,:/%-]\w|\w|%)", re.I)


@dataclass
class StorySignal:
    """One article as the clusterer sees it.

    ``vector``: L2-normalised float32 (the embedder's dimension); ``entities``:
    lower-cased entity keys from the headline and lead (a person also gives their
    surname); ``day``: publication date or None; ``minhash``: word 5-shingles of the
    text, or None. ``people`` and ``places``: the person and the place keys among
    ``entities``; ``stated_days``: calendar days the lead states (resolved against
    ``day``: "on Saturday", "the June 29 fire"); ``numbers``: small numbers (0–999) the
    lead states outside dates and times; ``terms``: the lead's distinct lower-cased
    words of three or more letters (the specifics a sentence vector blurs: a model
    name, a street). All five default to empty (unknown).
    """

    article: str
    vector: np.ndarray
    entities: set[str] = field(default_factory=set)
    day: date | None = None
    minhash: MinHash | None = None
    title: str = ""
    people: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    stated_days: tuple[date, ...] = ()
    numbers: frozenset[int] = frozenset()
    terms: frozenset[str] = frozenset()


def lead_text(article: Article, chars: int = LEAD_CHARS) -> str:
    """Headline and lead: the title (when known) and the first ``chars`` of text."""
    body = " ".join(article.text[: chars * 2].split())[:chars]
    title = " ".join((article.title or "").split())
    if title and not body.lower().startswith(title.lower()[:40]):
        return f"{title}. {body}"
    return body


def entity_keys(names: list[tuple[str, str]]) -> set[str]:
    """Keys for (name, type) pairs: the name, and a person's surname too.

    >>> sorted(entity_keys([("Dana Whitfield", "PERSON"), ("Lakeside", "GPE"), ("May", "DATE")]))
    ['dana whitfield', 'lakeside', 'whitfield']
    """
    keys: set[str] = set()
    for name, kind in names:
        if kind not in ENTITY_TYPES:
            continue
        norm = " ".join(re.findall(r"\w+", name.lower()))
        norm = re.sub(r"^the ", "", norm)
        if len(norm) < 2:
            continue
        keys.add(norm)
        if kind == "PERSON" and " " in norm:
            keys.add(norm.rsplit(" ", 1)[1])
    return keys


def keys_from_annotations(annotations: Annotations, limit: int) -> set[str]:
    """Entity keys of the analysed article's entities mentioned before ``limit``."""
    return entity_keys(names_from_annotations(annotations, limit))


def names_from_annotations(annotations: Annotations, limit: int) -> list[tuple[str, str]]:
    """(name, type) of the analysed article's entities mentioned before ``limit``."""
    return [(e.name, e.type) for e in annotations.entities if any(m.start < limit for m in e.mentions)]


def typed_keys(names: list[tuple[str, str]], kinds: frozenset[str]) -> set[str]:
    """The :func:`entity_keys` of the names whose type is in ``kinds``.

    >>> sorted(typed_keys([("Dana Whitfield", "PERSON"), ("Lakeside", "GPE")], frozenset({"PERSON"})))
    ['dana whitfield', 'whitfield']
    """
    return entity_keys([(n, k) for n, k in names if k in kinds])


def _timexes(text: str, anchor: date | None) -> list:
    """newsdesk's timex rules on ``text`` (past reading); none when a rule trips on odd text."""
    from newsdesk.analyze.timex import find_timexes

    try:
        return find_timexes(text, anchor, lambda _pos: "past")
    except (ValueError, KeyError, IndexError, TypeError, OverflowError):
        return []


def stated_days(text: str, anchor: date | None) -> tuple[date, ...]:
    """Calendar days ``text`` states, resolved against ``anchor`` (the publication day)
    the way a news reader does (a bare weekday or "June 29" is the latest such day not
    after it); sorted, distinct. Expressions that need an anchor are skipped without one.

    >>> stated_days("The fire broke out on Saturday, June 1, 2024.", None)
    (datetime.date(2024, 6, 1),)
    >>> stated_days("Police said the shooting happened Saturday.", date(2024, 6, 4))
    (datetime.date(2024, 6, 1),)
    """
    out: set[date] = set()
    for _s, _e, value in _timexes(text, anchor):
        if value.type == "DATE" and value.precision == "day" and value.value and len(value.value) >= 10:
            try:
                out.add(date.fromisoformat(value.value[:10]))
            except ValueError:
                continue
    return tuple(sorted(out))


def lead_terms(text: str) -> frozenset[str]:
    """Distinct lower-cased words of ``text``: three or more word characters, not all digits.

    >>> sorted(lead_terms("The Quill Lane fire: 2 hurt, 140 evacuated"))
    ['evacuated', 'fire', 'hurt', 'lane', 'quill', 'the']
    """
    return frozenset(w for w in re.findall(r"\w{3,}", text.lower()) if not w.isdigit())


def stated_numbers(text: str) -> frozenset[int]:
    """Small numbers (0–999: counts, ages) stated in ``text``, not in dates or times.

    >>> sorted(stated_numbers("Two men, 19 and 23, were hurt at 10:40 p.m. on June 3; $5 was taken."))
    [2, 19, 23]
    """
    from newsdesk.clean.dates import find_dates

    spans = [(s, e) for _d, s, e in find_dates(text)] + [(s, e) for s, e, _v in _timexes(text, None)]
    out: set[int] = set()
    for m in _NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        token = m.group(1).lower()
        out.add(int(token) if token.isdigit() else NUMBER_WORDS[token])
    return frozenset(out)


def text_minhash(text: str) -> MinHash:
    words = re.findall(r"\w+", text.lower())
    grams = {" ".join(words[i:i + 5]).encode() for i in range(max(1, len(words) - 4))}
    m = MinHash(num_perm=NUM_PERM, seed=11)
    m.update_batch(list(grams))
    return m


def _day(value: datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else None


def story_signals(articles: list[Article], embedder: Embedder,
                  ner: Language | None = None) -> list[StorySignal]:
    """Signals for ``articles``, in order; vectors are embedded in one batch.

    Entity keys come from each article's annotations when it was analysed, else from
    ``ner`` (a spaCy pipeline with an ``ner`` component) run on the lead, else none.
    """
    leads = [lead_text(a) for a in articles]
    vectors = embedder.encode(leads) if leads else np.zeros((0, 1), dtype=np.float32)
    docs = None
    need = [i for i, a in enumerate(articles) if a.annotations is None]
    if ner is not None and need:
        docs = dict(zip(need, ner.pipe(leads[i] for i in need), strict=True))
    out = []
    for i, (article, lead) in enumerate(zip(articles, leads, strict=True)):
        if article.annotations is not None:
            names = names_from_annotations(article.annotations, LEAD_CHARS)
        elif docs is not None:
            names = [(e.text, e.label_) for e in docs[i].ents]
        else:
            names = []
        day = _day(article.published)
        head = lead_text(article, STATED_CHARS)
        out.append(StorySignal(article=article.id, vector=np.asarray(vectors[i], dtype=np.float32),
                               entities=entity_keys(names), day=day,
                               minhash=text_minhash(article.text), title=article.title or lead[:120],
                               people=typed_keys(names, frozenset({"PERSON"})),
                               places=typed_keys(names, PLACE_TYPES),
                               stated_days=stated_days(head, day), numbers=stated_numbers(lead),
                               terms=lead_terms(lead)))
    return out
