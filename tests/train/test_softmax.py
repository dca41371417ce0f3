"""The logistic-regression trainer and the scores the benchmark prints."""

from __future__ import annotations

import numpy as np
import pytest

from newsdesk.train.metrics import confusion_table, score
from newsdesk.train.softmax import fit_softmax, sparse_rows


def test_fit_separates_and_is_deterministic() -> None:
    feats = [["trig=shell"], ["trig=shell", "srole=nsubj"], ["trig=thank"], ["trig=thank", "srole=nsubj"],
             ["trig=urge"], ["trig=urge", "mod=aux:will"]]
    y = np.array([0, 0, 1, 1, 2, 2])
    vocab = {f: i for i, f in enumerate(sorted({f for fs in feats for f in fs}))}
    x = sparse_rows(feats, vocab)
    w1, b1 = fit_softmax(x, y, 3, l2=1e-3)
    w2, b2 = fit_softmax(x, y, 3, l2=1e-3)
    assert np.array_equal(w1, w2) and np.array_equal(b1, b2)
    assert list(np.asarray(x @ w1 + b1).argmax(axis=1)) == list(y)


def test_unknown_features_are_ignored() -> None:
    x = sparse_rows([["a", "zzz"], []], {"a": 0, "b": 1})
    assert x.toarray().tolist() == [[1.0, 0.0], [0.0, 0.0]]


def test_scores() -> None:
    s = score(["AGREE", "AGREE", "ASSAULT", "REJECT"], ["AGREE", "SUPPORT", "COERCE", "REJECT"])
    assert s.accuracy == 0.5
    assert s.quad_accuracy == 1.0  # SUPPORT and AGREE are both verbal cooperation
    # per gold class F1: AGREE 2/3, ASSAULT 0, REJECT 1
    assert s.macro_f1 == pytest.approx((2 / 3 + 0 + 1) / 3)
    table = confusion_table(s, ["AGREE", "SUPPORT"])
    assert table.splitlines()[1].split() == ["AGREE", "1", "1"]


def test_scores_reject_lists_of_different_length() -> None:
    with pytest.raises(ValueError):
        score(["AGREE"], [])
