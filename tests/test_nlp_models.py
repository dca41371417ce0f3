"""The shared models: multilingual sentence vectors (cached per sentence) and language."""

from __future__ import annotations

import numpy as np

from newsdesk.nlp_models import E5Embedder, detect_language


def test_translations_land_close_and_vectors_are_normalised() -> None:
    e = E5Embedder()
    v = e.encode(["The treaty was signed on Wednesday.", "Der Vertrag wurde am Mittwoch unterzeichnet.",
                  "The football season starts in August."])
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2]


def test_sentence_cache_is_exact_and_bounded() -> None:
    e = E5Embedder(cache_size=2)
    first = e.encode(["alpha beta gamma", "delta epsilon"])
    again = e.encode(["delta epsilon", "alpha beta gamma", "delta epsilon"])
    assert np.array_equal(again[1], first[0]) and np.array_equal(again[0], again[2])
    e.encode(["zeta eta theta"])
    assert len(e._cache) == 2
    assert e.encode([]).shape == (0, 384)


def test_language_detection() -> None:
    assert detect_language("Der Vertrag wurde am Mittwoch in der Hauptstadt unterzeichnet.")[0] == "de"
    assert detect_language("The treaty was signed in the capital on Wednesday.")[0] == "en"
    assert detect_language("12") == (None, None)
