"""What the story clusterer knows of one article: its story signal.

A signal is small and cheap to compare: one multilingual vector of the headline and
lead (the part of a report that says what the event is), the named entities of that
part, the publication day, and a MinHash of the whole text so that copies of one wire
story can be recognised without the vectors.

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


@dataclass
class StorySignal:
    """One article as the clusterer sees it.

    ``vector``: L2-normalised float32 (the embedder's dimension); ``entities``:
    lower-cased entity keys from the headline and lead (a person also gives their
    surname); ``day``: publication date or None; ``minhash``: word 5-shingles of the
    text, or None.
    """

    article: str
    vector: np.ndarray
    entities: set[str] = field(default_factory=set)
    day: date | None = None
    minhash: MinHash | None = None
    title: str = ""


def lead_text(article: Article) -> str:
    """Headline and lead: the title (when known) and the first ``LEAD_CHARS`` of text."""
    body = " ".join(article.text[: LEAD_CHARS * 2].split())[:LEAD_CHARS]
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
    names = [(e.name, e.type) for e in annotations.entities
             if any(m.start < limit for m in e.mentions)]
    return entity_keys(names)


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
            keys = keys_from_annotations(article.annotations, LEAD_CHARS)
        elif docs is not None:
            keys = entity_keys([(e.text, e.label_) for e in docs[i].ents])
        else:
            keys = set()
        out.append(StorySignal(article=article.id, vector=np.asarray(vectors[i], dtype=np.float32),
                               entities=keys, day=_day(article.published),
                               minhash=text_minhash(article.text), title=article.title or lead[:120]))
    return out
