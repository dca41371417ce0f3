"""How sure a discrepancy is: a calibrated probability that a wire editor would call it real.

Each detector of ``discrepancies`` and ``persons`` describes the evidence for one
candidate point as a few numbers (``FEATURES``); a logistic model turns them into the
probability that the point is a real disagreement. The weights are fitted by
``python bench/dossier_quality.py --split tune --fit`` on the hand labels of the TUNE
dossiers only (``bench/labels/discrepancies_tune.jsonl``; the fit itself is
``newsdesk.train.discrepancies.fit``) and ship in ``crossdoc/data/discrepancy_model.json``.
The REPORT labels are never used for fitting; on them the bench prints the share of real
items per confidence band (the reliability table).

Features, each in 0..1:

* ``numeric``, ``dated``, ``personal``: the kind of point (a count or a length; a day
  or a starting point in the past; a person's office, organisation or words);
* ``align``: how closely the two passages align (sentence cosine mapped from 0.85..1 to
  0..1; for a quotation, the share of its words the two renderings share);
* ``shared``: content words both passages share (0..5, scaled);
* ``role``: both values carry the same explicit role (killed, arrested, sentenced …);
* ``referents``: named people and places both passages share (0..3, scaled);
* ``many``: the point has more than two variants (readings scattered over many values
  are more often different things than one disagreement);
* ``origins``: independent origins among the sides beyond two (0..3, scaled).
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources

FEATURES = ("numeric", "dated", "personal", "align", "shared", "role", "referents", "many", "origins")
KIND_GROUP = {"number": "numeric", "duration": "numeric", "date": "dated", "history": "dated",
              "affiliation": "personal", "title": "personal", "quote": "personal"}


def kind_features(kind: str) -> dict[str, float]:
    """The one-hot kind group of a discrepancy kind (unknown kinds: all 0)."""
    group = KIND_GROUP.get(kind)
    return {name: float(name == group) for name in ("numeric", "dated", "personal")}


def aligned(sim: float, floor: float = 0.85) -> float:
    """A sentence cosine mapped onto 0..1 from ``floor`` (nothing in common) to 1."""
    return max(0.0, min(1.0, (sim - floor) / (1.0 - floor)))


def scaled(count: float, top: float) -> float:
    """``count`` capped at ``top``, divided by it."""
    return max(0.0, min(float(count), top)) / top


@dataclass(frozen=True)
class DiscrepancyModel:
    """A fitted logistic model: ``p = sigmoid(coef · row(features) + intercept)``."""

    coef: tuple[float, ...]
    intercept: float
    cut: float = 0.5
    trained_on: str = ""

    def probability(self, features: dict[str, float]) -> float:
        """Probability (0..1) that a point with these features is a real disagreement;
        features missing from the dict count as 0."""
        z = sum(c * float(features.get(name, 0.0)) for c, name in zip(self.coef, FEATURES, strict=True))
        z += self.intercept
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps({"features": list(FEATURES), "coef": list(self.coef), "intercept": self.intercept,
                           "cut": self.cut, "trained_on": self.trained_on}, indent=1)


@functools.lru_cache(maxsize=1)
def shipped_model() -> DiscrepancyModel:
    """The model fitted on the TUNE labels and shipped in the package.

    Raises ``ValueError`` when the file was fitted on other features than ``FEATURES``.
    """
    data = json.loads(resources.files("newsdesk.crossdoc").joinpath("data/discrepancy_model.json").read_text())
    if tuple(data["features"]) != FEATURES:
        raise ValueError("crossdoc/data/discrepancy_model.json was fitted on other features; re-run "
                         "python bench/dossier_quality.py --split tune --fit")
    return DiscrepancyModel(tuple(float(c) for c in data["coef"]), float(data["intercept"]),
                            float(data.get("cut", 0.5)), data.get("trained_on", ""))
