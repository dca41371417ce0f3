"""The trained PLOVER event model: weights shipped in the package, loaded once, numpy only.

``newsdesk.train.events`` writes ``data/eventcoder.npz``: a multinomial logistic regression
over the pair's parse features (``eventfeatures.pair_view``) and, where the model was
trained with them, the sentence embedder's vector of the pair's event phrase. Inference is
a sum of weight rows and one small matrix product: no scikit-learn, no torch.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsdesk.errors import NewsdeskError

WEIGHTS = Path(__file__).resolve().parent / "data" / "eventcoder.npz"


class EventModelError(NewsdeskError):
    """The event model's weights are missing or do not match this code."""


@dataclass
class EventModel:
    """Scores candidate pairs over PLOVER root codes.

    ``classes``: the codes, in column order; ``vocab``: feature string -> row of ``sparse``
    (V x K); ``dense``: (D x K) weights for the phrase embedding (D = 0 when the model uses
    none); ``bias``: (K,); ``meta``: how it was trained (data, seed, held-out scores).
    """

    classes: tuple[str, ...]
    vocab: dict[str, int]
    sparse: np.ndarray
    dense: np.ndarray
    bias: np.ndarray
    meta: dict

    @property
    def uses_embedding(self) -> bool:
        return self.dense.shape[0] > 0

    def probabilities(self, features: list[list[str]], vectors: np.ndarray | None = None) -> np.ndarray:
        """(N, K) class probabilities for N candidates.

        ``features``: each candidate's feature strings; ``vectors``: (N, D) phrase
        embeddings, required when ``uses_embedding``. Raises ValueError on a shape mismatch.

        >>> load_event_model().probabilities([["trig=condemn", "srole=nsubj"]]).shape  # doctest: +SKIP
        (1, 15)
        """
        n = len(features)
        scores = np.tile(self.bias, (n, 1)).astype(np.float32)
        for i, feats in enumerate(features):
            rows = sorted({self.vocab[f] for f in feats if f in self.vocab})
            if rows:
                scores[i] += self.sparse[rows].sum(axis=0)
        if self.uses_embedding:
            if vectors is None or vectors.shape != (n, self.dense.shape[0]):
                raise ValueError(f"expected phrase vectors of shape ({n}, {self.dense.shape[0]})")
            scores += vectors.astype(np.float32) @ self.dense
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        return probs / probs.sum(axis=1, keepdims=True)


def save_event_model(model: EventModel, path: Path = WEIGHTS) -> None:
    """Write the weights (float16) and vocabulary as one ``.npz`` (no pickle)."""
    order = sorted(model.vocab, key=model.vocab.__getitem__)
    np.savez_compressed(
        path, classes=np.array(model.classes), vocab=np.array(order),
        sparse=model.sparse.astype(np.float16), dense=model.dense.astype(np.float16),
        bias=model.bias.astype(np.float32), meta=np.array(json.dumps(model.meta, sort_keys=True)))


@functools.lru_cache(maxsize=2)
def load_event_model(path: Path = WEIGHTS) -> EventModel:
    """The shipped event model, read once per process.

    Raises EventModelError when the file is missing or malformed.
    """
    try:
        with np.load(path, allow_pickle=False) as z:
            vocab = [str(v) for v in z["vocab"]]
            model = EventModel(
                classes=tuple(str(c) for c in z["classes"]),
                vocab={f: i for i, f in enumerate(vocab)},
                sparse=z["sparse"].astype(np.float32), dense=z["dense"].astype(np.float32),
                bias=z["bias"].astype(np.float32), meta=json.loads(str(z["meta"])))
    except (OSError, KeyError, ValueError) as exc:
        raise EventModelError(f"cannot load the event model from {path}: {exc}") from exc
    if model.sparse.shape != (len(vocab), len(model.classes)):
        raise EventModelError(f"event model {path}: weights do not match its vocabulary")
    return model
