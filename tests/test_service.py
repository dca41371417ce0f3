"""Embed once: ingest stores sentence vectors beside each analysed article, a dossier
build reads them and embeds nothing it has stored, and a new embedder re-embeds."""

from __future__ import annotations

import numpy as np
import pytest

import newsdesk.nlp_models
from newsdesk import service
from newsdesk.settings import Settings
from newsdesk.store import open_store
from newsdesk.vectors import model_name
from tests.conftest import CORPUS


class Counting:
    """Wraps an embedder and counts the texts it is asked to embed."""

    def __init__(self, inner, name: str | None = None) -> None:  # noqa: ANN001
        self.inner = inner
        self.name = name or model_name(inner)
        self.dim = getattr(inner, "dim", 384)
        self.texts = 0
        self.calls = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        return self.inner.encode(texts)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    real = newsdesk.nlp_models.embedder()
    counting = Counting(real)
    mp = pytest.MonkeyPatch()
    mp.setattr(newsdesk.nlp_models, "embedder", lambda: counting)
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('svc') / 'nd.db'}")
    result = service.ingest([str(CORPUS)], store, Settings())
    yield store, result, counting, mp
    mp.undo()
    store.close()


def test_ingest_stores_vectors_for_every_analysed_article(ingested) -> None:
    store, result, counting, _ = ingested
    assert result.analyzed == len(result.article_ids) > 0
    assert counting.texts > 0
    assert store.unembedded_ids(counting.name, result.article_ids) == []
    stored = store.get_vectors(result.article_ids, counting.name)
    assert set(stored) == set(result.article_ids)


def test_dossier_build_embeds_no_stored_sentence(ingested) -> None:
    store, result, counting, _ = ingested
    before = counting.texts
    dossier = service.build_dossier_for(store, result.article_ids, Settings())
    assert counting.texts == before  # every sentence and quote rendering came from the store
    assert dossier.quotes and dossier.origins


def test_a_new_embedder_re_embeds_stored_articles(ingested) -> None:
    store, result, counting, mp = ingested
    other = Counting(counting.inner, name="another-model/2")
    mp.setattr(newsdesk.nlp_models, "embedder", lambda: other)
    assert set(store.unembedded_ids(other.name, result.article_ids)) == set(result.article_ids)
    service.build_dossier_for(store, result.article_ids, Settings())
    assert other.texts > 0
    assert store.unembedded_ids(other.name, result.article_ids) == []
    again = other.texts
    service.build_dossier_for(store, result.article_ids, Settings())
    assert other.texts == again
    mp.setattr(newsdesk.nlp_models, "embedder", lambda: counting)
