"""Does an article belong to a candidate story? A calibrated logistic decision.

The features follow what stream clusterers of news have shown to work (Miranda et
al. 2018, "Multilingual Clustering of Streaming News"; SCStory): content similarity
to the story's centroid and to its closest member, shared named entities weighted by
rarity, and the time between the article and the story. The weights are learned by
``python -m newsdesk.train.stories`` (logistic regression, so the score is a
probability) and ship in ``stream/data/decision.json``; an article joins its best
candidate when that probability is at least 0.5, else it starts a new story. There
is no hand-set similarity threshold.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources

import numpy as np

FEATURES = ("cos_centroid", "cos_member", "entity_overlap", "entity_story_share",
            "shared_rare", "log_days", "no_date", "cos_x_entity")


@dataclass(frozen=True)
class PairFeatures:
    """How one article relates to one candidate story (see ``FEATURES``)."""

    cos_centroid: float      # cosine to the story's mean vector
    cos_member: float        # best cosine to one of its recent members
    entity_overlap: float    # idf-weighted share of the article's entity keys the story has
    entity_story_share: float  # idf-weighted share of the story's frequent keys the article has
    shared_rare: float       # 1 when a rare key (idf above the median) is shared
    log_days: float          # log(1 + days between the article and the story's nearest member)
    no_date: float           # 1 when either side has no date

    def row(self) -> np.ndarray:
        return np.array([self.cos_centroid, self.cos_member, self.entity_overlap,
                         self.entity_story_share, self.shared_rare, self.log_days,
                         self.no_date, self.cos_centroid * self.entity_overlap], dtype=np.float64)


@dataclass(frozen=True)
class Decision:
    """A fitted logistic model: ``p = sigmoid(coef · features + intercept)``."""

    coef: tuple[float, ...]
    intercept: float
    trained_on: str = ""

    def probability(self, features: PairFeatures) -> float:
        z = float(np.dot(np.asarray(self.coef), features.row())) + self.intercept
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps({"features": list(FEATURES), "coef": list(self.coef),
                           "intercept": self.intercept, "trained_on": self.trained_on}, indent=1)


@functools.lru_cache(maxsize=1)
def shipped_decision() -> Decision:
    """The decision trained by ``newsdesk.train.stories`` and shipped in the package."""
    data = json.loads(resources.files("newsdesk.stream").joinpath("data/decision.json").read_text())
    if tuple(data["features"]) != FEATURES:
        raise ValueError("stream/data/decision.json was trained on other features; re-run "
                         "python -m newsdesk.train.stories")
    return Decision(coef=tuple(data["coef"]), intercept=float(data["intercept"]),
                    trained_on=data.get("trained_on", ""))
