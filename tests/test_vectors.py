"""Sentence vectors: int8 storage round trip, lookup by text, one encode per distinct text."""

from __future__ import annotations

import numpy as np
import pytest

from newsdesk.model import Annotations, Article, Quote, Sentence, article_id
from newsdesk.vectors import SentenceVectors, embed_articles, texts_to_embed

TEXT = ("The Norland port authority approved the new ferry terminal on Tuesday.\n\n"
        "\"This terminal will carry twice the passengers,\" said harbour master Ilse Varnholt.\n\n"
        "Construction is due to start in the spring of next year.")


class CountingEmbedder:
    """A deterministic embedder that records every text it is asked for."""

    name = "counting-test-model"
    dim = 8

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        rng = [np.random.default_rng(abs(hash(t)) % 2**32).normal(size=self.dim) for t in texts]
        vecs = np.array(rng, dtype=np.float32).reshape(len(texts), self.dim)
        return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


def analysed(text: str, source: str) -> Article:
    quote = Quote("q1", "This terminal will carry twice the passengers", text.find("This"),
                  text.find("This") + 45, True, speaker="Ilse Varnholt")
    spans = [(0, text.find("\n")), (text.find("\"This"), text.find("Construction") - 2),
             (text.find("Construction"), len(text))]
    return Article(article_id(text), source, text,
                   annotations=Annotations(quotes=[quote], sentences=[Sentence(s, e) for s, e in spans]))


def test_round_trip_keeps_cosine() -> None:
    rng = np.random.default_rng(3)
    vecs = rng.normal(size=(5, 384)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    sv = SentenceVectors("m", [f"k{i}" for i in range(5)], vecs)
    blob = sv.to_bytes()
    assert len(blob) == 5 * (384 + 4)  # int8 rows + one float32 scale each: half of float16
    back = SentenceVectors.from_bytes("m", sv.keys, blob, 384)
    cos = np.sum(back.vectors * vecs, axis=1) / np.linalg.norm(back.vectors, axis=1)
    assert cos.min() > 0.999


def test_from_bytes_rejects_a_truncated_blob() -> None:
    sv = SentenceVectors("m", ["a", "b"], np.ones((2, 4), np.float32) / 2)
    with pytest.raises(ValueError, match="does not hold 2 rows"):
        SentenceVectors.from_bytes("m", ["a", "b"], sv.to_bytes()[:-3], 4)


def test_texts_cover_sentences_and_quotes_once() -> None:
    article = analysed(TEXT, "a.txt")
    texts = texts_to_embed(article)
    assert "This terminal will carry twice the passengers" in texts
    assert any(t.startswith("The Norland port authority") for t in texts)
    assert len(texts) == len(set(texts))


def test_embed_articles_encodes_a_repeated_sentence_once() -> None:
    one, copy = analysed(TEXT, "a.txt"), analysed(TEXT + "\n\nThis report was republished by a partner.", "b.txt")
    model = CountingEmbedder()
    vectors = embed_articles([one, copy], model)
    assert len(model.seen) == len(set(model.seen))  # one encode per distinct text
    assert set(vectors) == {one.id, copy.id}
    assert vectors[one.id].model == "counting-test-model"
    first = texts_to_embed(one)[0]
    assert np.allclose(vectors[one.id].get(first), vectors[copy.id].get(first))
    assert vectors[one.id].get("a sentence this article does not have") is None


def test_an_article_without_sentences_gets_an_empty_set() -> None:
    empty = Article(article_id("Short."), "c.txt", "Short.", annotations=Annotations())
    vectors = embed_articles([empty], CountingEmbedder())
    assert vectors[empty.id].keys == [] and vectors[empty.id].to_bytes() == b""
