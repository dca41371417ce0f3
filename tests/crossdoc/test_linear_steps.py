"""The indexed cross-article steps give what the all-pairs versions gave."""

from __future__ import annotations

import numpy as np

from newsdesk.crossdoc.corpus import CandidateIndex
from newsdesk.crossdoc.entities import merge_entities
from newsdesk.model import (
    Annotations,
    Article,
    ArticleEntity,
    Mention,
)


def unit_vectors(n: int, dim: int, seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_copies_of_a_sentence_are_each_others_nearest() -> None:
    base = unit_vectors(40, 32, 1)
    vectors = np.vstack([base, base[:6], base[:3]])  # sentences 0-5 copied, 0-2 twice
    sims, idx = CandidateIndex(vectors, k=8).neighbours()
    assert sims.shape == idx.shape == (49, 9)
    assert set(idx[0][:3]) == {0, 40, 46}  # the row and its two copies come first
    assert np.allclose(sims[0][:3], 1.0, atol=1e-4)
    assert {40, 46} <= set(idx[40]) and 0 in idx[46]
    pairs = {(i, j) for i, j, _ in CandidateIndex(vectors, k=8).similar(0.99)}
    assert {(0, 40), (0, 46), (40, 46), (5, 45)} <= pairs


def test_rows_stay_their_own_even_with_labels() -> None:
    base = unit_vectors(10, 16, 2)
    vectors = np.vstack([base, base[:1]])
    labels = ["a"] * 10 + ["a"]
    assert (0, 10) not in {(i, j) for i, j, _ in CandidateIndex(vectors, k=4).similar(0.9, labels)}
    assert CandidateIndex(np.zeros((0, 8), np.float32)).similar(0.5) == []






def test_merge_keeps_namesakes_apart_and_variants_together() -> None:
    def art(aid: str, *names: str) -> Article:
        ents = [ArticleEntity(f"e{k}", n, "PERSON", [n], [Mention(0, len(n), n)]) for k, n in enumerate(names)]
        return Article(aid, f"{aid}.txt", " ".join(names), annotations=Annotations(entities=ents))

    entities, local = merge_entities([art("a1", "Tamás Varga", "Anna Berg"),
                                      art("a2", "Tomas Varga", "Anna Lind"), art("a3", "Tamas Varga")])
    assert local[("a1", "e0")] == local[("a2", "e0")] == local[("a3", "e0")]
    assert local[("a1", "e1")] != local[("a2", "e1")]
    assert len(entities) == 3
