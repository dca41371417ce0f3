"""Does an article belong to a candidate story? A calibrated logistic decision.

The features follow what stream clusterers of news have shown to work (Miranda et
al. 2018, "Multilingual Clustering of Streaming News"; SCStory): content similarity
to the story's centroid and to its members, the share of the lead's words the story
uses, shared named entities weighted by rarity, and the time between the article and
the story. Others tell two events of one kind in one place and week apart: the people
named (the story's, or others), whether only place names are shared, the distance
between the days each side states, and whether the counts and ages stated agree.

The weights are learned by ``python -m newsdesk.train.stories`` (logistic regression,
so the score is a probability) and ship in ``stream/data/decision.json`` with the
join level: an article joins its best candidate when that probability is at least
``join_at``, else it starts a new story. ``join_at`` is not set by hand: the trainer
picks it on the tune streams (best mean B³ F0.5, precision counted twice because
merging two events costs a reader more than a split story).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

import numpy as np

FEATURES = ("cos_centroid", "cos_member", "cos_member_mean", "entity_overlap", "entity_story_share",
            "shared_rare", "log_days", "no_date", "person_overlap", "person_conflict", "place_only",
            "event_log_days", "no_event_date", "number_overlap", "number_conflict", "lexical_overlap", "cos_member_min", "cos_x_entity")


@dataclass(frozen=True)
class PairFeatures:
    """How one article relates to one candidate story (see ``FEATURES``).

    Beyond content and shared names, the features that tell two events of one kind in
    one place and week apart: whether the people named are the story's (or other
    people), whether only place names are shared, how far apart the days the texts
    state are, and whether the counts and ages stated agree. Features the signal cannot
    give (no people, no stated days, no numbers) are 0 with their "absent" flag.
    """

    cos_centroid: float      # cosine to the story's mean vector
    cos_member: float        # best cosine to one of its recent members
    entity_overlap: float    # idf-weighted share of the article's entity keys the story has
    entity_story_share: float  # idf-weighted share of the story's frequent keys the article has
    shared_rare: float       # 1 when a rare key (idf above the median) is shared
    log_days: float          # log(1 + days between the article and the story's nearest member)
    no_date: float           # 1 when either side has no date
    cos_member_mean: float = 0.0   # mean cosine to its recent members
    person_overlap: float = 0.0    # idf-weighted share of the article's person keys the story has
    person_conflict: float = 0.0   # 1 when both name people and share none of them
    place_only: float = 0.0        # 1 when the shared keys are all place names
    event_log_days: float = 0.0    # log(1 + days between the nearest stated days of each side)
    no_event_date: float = 1.0     # 1 when either side states no day
    number_overlap: float = 0.0    # share of the article's stated numbers the story states
    number_conflict: float = 0.0   # 1 when both state numbers and share none
    lexical_overlap: float = 0.0   # idf-weighted share of the article's lead words the story's leads use
    cos_member_min: float = 0.0    # lowest cosine to one of its recent members

    def row(self) -> np.ndarray:
        return np.array([self.cos_centroid, self.cos_member, self.cos_member_mean, self.entity_overlap,
                         self.entity_story_share, self.shared_rare, self.log_days, self.no_date,
                         self.person_overlap, self.person_conflict, self.place_only, self.event_log_days,
                         self.no_event_date, self.number_overlap, self.number_conflict, self.lexical_overlap,
                         self.cos_member_min,
                         self.cos_centroid * self.entity_overlap], dtype=np.float64)


@dataclass(frozen=True)
class Decision:
    """A fitted logistic model: ``p = sigmoid(coef · features + intercept)``."""

    coef: tuple[float, ...]
    intercept: float
    trained_on: str = ""
    join_at: float = 0.5

    def __post_init__(self) -> None:
        if len(self.coef) != len(FEATURES):
            raise ValueError(f"a Decision needs {len(FEATURES)} weights (FEATURES), got {len(self.coef)}")

    def probability(self, features: PairFeatures) -> float:
        """P(the article belongs to the story) for one candidate, in [0, 1]."""
        return float(self.probabilities(features.row().reshape(1, -1))[0])

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """P for each row of an (n, len(FEATURES)) feature matrix."""
        z = np.clip(rows @ np.asarray(self.coef, dtype=np.float64) + self.intercept, -30.0, 30.0)
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> str:
        return json.dumps({"features": list(FEATURES), "coef": list(self.coef), "intercept": self.intercept,
                           "join_at": self.join_at, "trained_on": self.trained_on}, indent=1)


@functools.lru_cache(maxsize=1)
def shipped_decision() -> Decision:
    """The decision trained by ``newsdesk.train.stories`` and shipped in the package."""
    data = json.loads(resources.files("newsdesk.stream").joinpath("data/decision.json").read_text())
    if tuple(data["features"]) != FEATURES:
        raise ValueError("stream/data/decision.json was trained on other features; re-run "
                         "python -m newsdesk.train.stories")
    return Decision(coef=tuple(data["coef"]), intercept=float(data["intercept"]),
                    trained_on=data.get("trained_on", ""), join_at=float(data.get("join_at", 0.5)))
