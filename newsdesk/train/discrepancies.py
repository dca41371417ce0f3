"""Fit the discrepancy confidence model (``newsdesk/crossdoc/data/discrepancy_model.json``).

Examples are the candidate discrepancies of the TUNE dossiers with their hand labels
(``bench/labels/discrepancies_tune.jsonl``, judged per ``bench/labels/GUIDELINE.md``);
``bench/dossier_quality.py --split tune --fit`` builds them (every candidate, none cut)
and calls ``fit``. The REPORT labels are never read here.

The model is a logistic regression over ``crossdoc.confidence.FEATURES`` with an L2
penalty (deterministic L-BFGS from zero, ``train.softmax``), so its output is a
probability. The listing cut is the lowest probability at which the items kept on the
TUNE examples, each scored by a model fitted without it (leave-one-out), are at least
``target`` real. When no cut reaches it (too few labelled examples to find one) the cut
is 0: every candidate is listed with its probability, and the reader filters by it.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from newsdesk.crossdoc.confidence import FEATURES, DiscrepancyModel
from newsdesk.train.softmax import fit_softmax

L2 = 0.05


def _matrix(rows: list[dict[str, float]]) -> np.ndarray:
    return np.array([[float(r.get(name, 0.0)) for name in FEATURES] for r in rows], dtype=np.float64)


def _fit(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    weights, bias = fit_softmax(sparse.csr_matrix(x), y, 2, l2)
    return weights[:, 1] - weights[:, 0], float(bias[1] - bias[0])


def _probabilities(x: np.ndarray, coef: np.ndarray, intercept: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x @ coef + intercept, -30, 30)))


def leave_one_out(rows: list[dict[str, float]], labels: list[int], l2: float = L2) -> np.ndarray:
    """Each example's probability under a model fitted on all the others."""
    x, y = _matrix(rows), np.asarray(labels, dtype=np.int64)
    out = np.zeros(len(y))
    for k in range(len(y)):
        keep = np.arange(len(y)) != k
        coef, intercept = _fit(x[keep], y[keep], l2)
        out[k] = _probabilities(x[k:k + 1], coef, intercept)[0]
    return out


def choose_cut(probabilities: np.ndarray, labels: list[int], target: float) -> float:
    """The lowest cut whose kept items are at least ``target`` real (0 when none is)."""
    y = np.asarray(labels)
    for t in sorted(set(np.round(probabilities, 3).tolist())):
        kept = probabilities >= t
        if kept.any() and y[kept].mean() >= target:
            return float(t)
    return 0.0


def fit(rows: list[dict[str, float]], labels: list[int], trained_on: str = "", l2: float = L2,
        target: float = 0.85) -> tuple[DiscrepancyModel, np.ndarray]:
    """The fitted model and the leave-one-out probabilities of the examples.

    ``rows``: features per example (``confidence.FEATURES``, missing ones 0); ``labels``:
    1 real, 0 false. Raises ``ValueError`` when both classes are not present.
    """
    y = np.asarray(labels, dtype=np.int64)
    if len(set(y.tolist())) < 2:
        raise ValueError("fitting needs real and false examples")
    coef, intercept = _fit(_matrix(rows), y, l2)
    loo = leave_one_out(rows, labels, l2)
    cut = choose_cut(loo, labels, target)
    model = DiscrepancyModel(tuple(float(c) for c in coef), intercept, cut,
                             trained_on or f"{len(y)} labelled candidates, {int(y.sum())} real")
    return model, loo
