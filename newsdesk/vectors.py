"""Sentence vectors computed once, with the article's analysis, and stored beside it.

An article's :class:`SentenceVectors` hold one vector per distinct text the dossier will
compare: its sentence units (``crossdoc.corpus.sentence_units``) and the words of its
statement quotes. Each row is keyed by a digest of its text, so a dossier looks a
sentence up by what it says and embeds only what is missing. Rows are stored as int8
with one float32 scale per row (cosine error below 0.01 on L2-normalised vectors),
and the embedder's name is stored with them: vectors of another model are not used.

>>> v = SentenceVectors("test-model", ["a b c d"], np.array([[0.6, 0.8]], np.float32))
>>> back = SentenceVectors.from_bytes("test-model", v.keys, v.to_bytes(), 2)
>>> bool(abs(back.get("a b c d") @ np.array([0.6, 0.8]) - 1.0) < 0.01)
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from newsdesk.model import Article


def text_key(text: str) -> str:
    """The row key of a text: 16 hex digits of its SHA-1 (the text itself is not stored)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class SentenceVectors:
    """One article's vectors: ``keys[i]`` (``text_key`` of a text) names row ``i`` of
    ``vectors`` (float32, shape (n, dim), L2-normalised), made by embedder ``model``."""

    model: str
    keys: list[str]
    vectors: np.ndarray
    _row: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        vecs = np.asarray(self.vectors, dtype=np.float32)
        self.vectors = vecs.reshape(len(self.keys), -1) if self.keys else np.zeros((0, 0), np.float32)
        self._row = {k: i for i, k in enumerate(self.keys)}

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def get(self, text: str) -> np.ndarray | None:
        """The stored vector of ``text``, or None if this article has none for it."""
        row = self._row.get(text_key(text))
        return None if row is None else self.vectors[row]

    def to_bytes(self) -> bytes:
        """int8 rows then float32 scales (little-endian): ``n * (dim + 4)`` bytes."""
        scale = np.maximum(np.abs(self.vectors).max(axis=1), 1e-12) / 127.0 if len(self.keys) \
            else np.zeros(0, np.float32)
        q = np.rint(self.vectors / scale[:, None]).astype(np.int8) if len(self.keys) \
            else np.zeros((0, 0), np.int8)
        return q.tobytes() + scale.astype("<f4").tobytes()

    @classmethod
    def from_bytes(cls, model: str, keys: list[str], data: bytes, dim: int) -> SentenceVectors:
        """Inverse of ``to_bytes``; raises ValueError if the sizes do not agree."""
        n = len(keys)
        if len(data) != n * (dim + 4):
            raise ValueError(f"vector blob of {len(data)} bytes does not hold {n} rows of {dim}")
        q = np.frombuffer(data[:n * dim], dtype=np.int8).reshape(n, dim)
        scale = np.frombuffer(data[n * dim:], dtype="<f4")
        return cls(model, keys, q.astype(np.float32) * scale[:, None])


def model_name(embedder: object) -> str:
    """The name and version an embedder stores its vectors under (``name`` attribute)."""
    return str(getattr(embedder, "name", type(embedder).__name__))


def texts_to_embed(article: Article) -> list[str]:
    """Every text the dossier will compare for this article, each once: its sentence
    units, then its statement quotes' words."""
    from newsdesk.crossdoc.corpus import sentence_units

    texts = [u.text for u in sentence_units(article)]
    if article.annotations:
        texts += [q.text for q in article.annotations.quotes if q.kind == "statement"]
    return list(dict.fromkeys(texts))


def embed_articles(articles: Iterable[Article], embedder) -> dict[str, SentenceVectors]:  # noqa: ANN001
    """Vectors for each article, from one ``embedder.encode`` call over all their
    distinct texts (a sentence repeated across copies is embedded once).

    >>> embed_articles([], None)
    {}
    """
    per_article = {a.id: texts_to_embed(a) for a in articles}
    distinct = list(dict.fromkeys(t for texts in per_article.values() for t in texts))
    if not distinct:
        return {aid: SentenceVectors(model_name(embedder), [], np.zeros((0, 0), np.float32))
                for aid in per_article}
    matrix = np.asarray(embedder.encode(distinct), dtype=np.float32)
    row = {t: i for i, t in enumerate(distinct)}
    name = model_name(embedder)
    return {aid: SentenceVectors(name, [text_key(t) for t in texts],
                                 matrix[[row[t] for t in texts]] if texts else np.zeros((0, matrix.shape[1])))
            for aid, texts in per_article.items()}
