"""Whether two passages state the same fact, not merely the same topic.

Two sentences of one story sit close in embedding space whenever they share a topic
("a shooting near a school"), yet state different facts ("schools were placed in safe
mode" vs "shots rang out"). The decision here is a logistic model over what each pair
shares beyond its topic, fitted on hand-labelled pairs of the TUNE stories
(``bench/same_fact.py``; weights in ``data/same_fact.json``):

==============  ===========================================================================
feature         what it measures
==============  ===========================================================================
sim             cosine of the two sentence vectors (multilingual e5), as (cos - 0.9) * 20
words           Jaccard of content-word stems (5-letter prefixes of words of 4+ letters) that
                are not name words: what is said of the people, not who they are
contained       share of the smaller side's such stems that the other side has too
names_shared    share of the smaller side's names that the other side also names
names_apart     both sides name someone or somewhere, and no name is shared
numbers_shared  a figure stated by both (a count, a tally, a day)
numbers_apart   both state figures of one kind (same role) with no value in common
numbers_one     figures on one side only
happen_shared   both name the same kind of happening (killed, charged, trial …)
happen_apart    both name kinds of happening and none is shared
negation        one side is negated ("did not", "never", "no") and the other is not
length          |log| of the ratio of the two sentences' word counts
==============  ===========================================================================

Per-sentence signatures (``Signature``) are computed once per unit, so scoring a pair
from the candidate index costs a few set operations: nothing here goes over all pairs.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsdesk.crossdoc.corpus import Corpus
from newsdesk.crossdoc.points import ROLES

FEATURES = ("sim", "words", "contained", "names_shared", "names_apart", "numbers_shared", "numbers_apart", "numbers_one",
            "happen_shared", "happen_apart", "negation", "length")
WEIGHTS = Path(__file__).with_name("data") / "same_fact.json"
NAME_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"}
STOP = {"that", "with", "have", "been", "from", "this", "their", "said", "were", "which", "they", "there", "about",
        "would", "will", "also", "after", "into", "than", "them", "when", "what", "where", "while", "some", "more",
        "other", "says", "told", "according", "including", "over", "just", "then", "only", "being", "those",
        "these", "such", "very", "could", "should", "because", "before", "during", "under", "against"}
NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|none|without|cannot)\b|n[’']t\b", re.I)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20, "hundred": 100}
NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b|\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.I)
WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass(frozen=True)
class Signature:
    """What one sentence states beyond its topic: content-word stems, names (lowercased
    name words), figures ("role:value"; role None when its clause names none), kinds of
    happening, negation, word count."""

    stems: frozenset[str]
    names: frozenset[str]
    figures: frozenset[tuple[str | None, str]]
    happenings: frozenset[str]
    negated: bool
    words: int


def _stems(text: str) -> frozenset[str]:
    return frozenset(w.lower()[:5] for w in WORD.findall(text) if w.lower() not in STOP)


def _figures(text: str) -> frozenset[tuple[str | None, str]]:
    """Figures of a sentence with the kind of happening of their clause ("killed", 2)."""
    from newsdesk.crossdoc.points import role

    out = set()
    for m in NUMBER.finditer(text):
        word = m.group(0).lower()
        value = str(NUMBER_WORDS[word]) if word in NUMBER_WORDS else word.replace(",", "")
        if re.match(r"\s*(?:-|\s)?years?[- ]old", text[m.end():m.end() + 12]):
            continue  # an age identifies a person; it is not the fact stated
        out.add((role(text, m.start(), m.end()), value))
    return frozenset(out)


def signatures(corpus: Corpus) -> list[Signature]:
    """One signature per corpus unit (names from the article's entity mentions, else
    from capitalised words after the first). Linear in units and mentions."""
    names: list[set[str]] = [set() for _ in corpus.units]
    for article in corpus.articles:
        ann = article.annotations
        units = corpus.by_article.get(article.id, [])
        if not ann or not units:
            continue
        starts = [corpus.units[i].start for i in units]
        for ent in ann.entities:
            if ent.type not in NAME_TYPES:
                continue
            for m in ent.mentions:
                k = bisect.bisect_right(starts, m.start) - 1
                if k >= 0 and m.end <= corpus.units[units[k]].end:
                    names[units[k]].update(w.lower() for w in WORD.findall(m.text))
    out = []
    for i, u in enumerate(corpus.units):
        found = names[i] or {w.lower() for w in re.findall(r"(?<=\s)[A-Z][^\W\d_]{3,}", u.text)}
        out.append(Signature(_stems(u.text), frozenset(found), _figures(u.text),
                             frozenset(n for n, cue in ROLES.items() if cue.search(u.text)),
                             bool(NEGATION.search(u.text)), len(u.text.split())))
    return out


def features(a: Signature, b: Signature, sim: float) -> np.ndarray:
    """The pair's feature vector, in the order of ``FEATURES``."""
    names = {w[:5] for w in a.names | b.names}
    sa, sb = a.stems - names, b.stems - names
    union = sa | sb
    words = len(sa & sb) / len(union) if union else 0.0
    contained = len(sa & sb) / min(len(sa), len(sb)) if sa and sb else 0.0
    small = min(len(a.names), len(b.names))
    shared_names = len(a.names & b.names)
    values_a, values_b = {v for _, v in a.figures}, {v for _, v in b.figures}
    roles_a: dict[str | None, set[str]] = {}
    for r, v in a.figures:
        roles_a.setdefault(r, set()).add(v)
    roles_b: dict[str | None, set[str]] = {}
    for r, v in b.figures:
        roles_b.setdefault(r, set()).add(v)
    apart = any(r is not None and r in roles_b and not vs & roles_b[r] for r, vs in roles_a.items())
    return np.array([
        (sim - 0.9) * 20, words, contained,
        shared_names / small if small else 0.0,
        float(bool(small) and not shared_names),
        float(bool(values_a & values_b)),
        float(apart),
        float(bool(values_a) != bool(values_b)),
        float(bool(a.happenings & b.happenings)),
        float(bool(a.happenings and b.happenings and not a.happenings & b.happenings)),
        float(a.negated != b.negated),
        abs(math.log(max(a.words, 1) / max(b.words, 1))),
    ], dtype=np.float64)


@dataclass(frozen=True)
class Model:
    """Logistic weights over ``FEATURES`` (``coef`` in that order, ``intercept``) and the
    decision ``threshold`` on the probability."""

    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def probability(self, x: np.ndarray) -> float:
        z = float(np.dot(self.coef, x)) + self.intercept
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped same-fact model (``data/same_fact.json``)."""
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{WEIGHTS}: features {data['features']} do not match {FEATURES}")
    return Model(tuple(float(c) for c in data["coef"]), float(data["intercept"]), float(data["threshold"]))


def same_fact_probability(a: Signature, b: Signature, sim: float) -> float:
    """Probability (0-1) that two sentences with these signatures and cosine ``sim``
    state the same fact."""
    return model().probability(features(a, b, sim))
