"""Multinomial logistic regression with L2, fitted by L-BFGS (scipy, training only).

Deterministic: zero start, full batch, no sampling, so one data set gives one model.
"""

from __future__ import annotations

import numpy as np
from scipy import optimize, sparse


def sparse_rows(features: list[list[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    """(N, V) binary matrix: row i has a 1 at each known feature of candidate i."""
    indices: list[int] = []
    indptr = [0]
    for feats in features:
        indices += sorted({vocab[f] for f in feats if f in vocab})
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(features), len(vocab)))


def fit_softmax(x: sparse.csr_matrix, y: np.ndarray, classes: int, l2: float,
                max_iter: int = 400, balance: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Weights (D, K) and bias (K,) minimising mean cross-entropy + ``l2`` * |W|^2.

    ``x``: (N, D) sparse features (dense blocks may be stacked in); ``y``: (N,) class ids;
    ``balance``: 0 weighs every example alike, 1 weighs each class alike (rare classes count
    more, which is what macro-F1 rewards), values between interpolate.
    """
    n, d = x.shape
    counts = np.bincount(y, minlength=classes).astype(float)
    per_class = (counts.sum() / np.maximum(counts, 1) / classes) ** balance
    weight = per_class[y] / per_class[y].mean()
    onehot = np.eye(classes)[y]
    xt = x.T.tocsr()

    def loss_and_grad(w: np.ndarray) -> tuple[float, np.ndarray]:
        weights, bias = w[: d * classes].reshape(d, classes), w[d * classes:]
        z = np.asarray(x @ weights) + bias
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        loss = -(weight * np.log(p[np.arange(n), y] + 1e-12)).mean() + l2 * float((weights ** 2).sum())
        g = (p - onehot) * weight[:, None] / n
        grad_w = np.asarray(xt @ g) + 2 * l2 * weights
        return loss, np.concatenate([grad_w.ravel(), g.sum(axis=0)])

    result = optimize.minimize(loss_and_grad, np.zeros(d * classes + classes), jac=True,
                               method="L-BFGS-B", options={"maxiter": max_iter})
    return result.x[: d * classes].reshape(d, classes), result.x[d * classes:]
