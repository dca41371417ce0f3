"""Sentence vectors in the store, on every back end: stored, read back by model,
replaced when the model changes, listed as missing for another model."""

from __future__ import annotations

import numpy as np

from newsdesk.vectors import SentenceVectors
from tests.store.conftest import make_article

TEXT = ("The harbour council of Brevik voted on Tuesday to close the old ferry pier. "
        "Council leader Elsa Marwick said the pier was no longer safe.")


def test_vectors_round_trip_by_model(store) -> None:
    article = make_article(TEXT, "pier.txt")
    store.add_article(article)
    vecs = np.eye(3, 16, dtype=np.float32)
    store.save_vectors(article.id, SentenceVectors("model-a", ["k1", "k2", "k3"], vecs))
    got = store.get_vectors([article.id], "model-a")
    assert list(got) == [article.id]
    assert got[article.id].keys == ["k1", "k2", "k3"]
    assert np.allclose(got[article.id].vectors, vecs, atol=0.01)
    assert store.get_vectors([article.id], "model-b") == {}
    assert store.unembedded_ids("model-a") == []
    assert store.unembedded_ids("model-b") == [article.id]


def test_a_new_model_replaces_the_old_vectors(store) -> None:
    article = make_article(TEXT, "pier2.txt")
    store.add_article(article)
    store.save_vectors(article.id, SentenceVectors("model-a", ["k1"], np.ones((1, 4), np.float32) / 2))
    store.save_vectors(article.id, SentenceVectors("model-b", ["k9"], np.ones((1, 8), np.float32) / 8 ** 0.5))
    assert store.get_vectors([article.id], "model-a") == {}
    assert store.get_vectors([article.id], "model-b")[article.id].dim == 8


def test_unanalysed_articles_are_not_listed_for_embedding(store) -> None:
    article = make_article(TEXT, "raw.txt", analysed=False)
    store.add_article(article)
    assert store.unembedded_ids("model-a") == []
    assert store.get_vectors([], "model-a") == {}
