"""Dossiers built once per module from the shipped sample corpus and the seeds."""

from __future__ import annotations

import pytest

from newsdesk.analyze import analyze_articles
from newsdesk.clean import clean_report
from newsdesk.crossdoc import build_dossier
from newsdesk.ingest import read_inputs
from newsdesk.model import Report
from newsdesk.settings import Settings
from tests.conftest import CORPUS


def analysed_articles(paths: list[str], nlp):
    reports = [r for r in read_inputs(paths, Settings()) if isinstance(r, Report)]
    articles = [clean_report(r, Settings()) for r in reports]
    for article, ann in zip(articles, analyze_articles(articles, nlp), strict=True):
        article.annotations = ann
    return articles


@pytest.fixture(scope="session")
def corpus_articles(nlp):
    return analysed_articles([str(CORPUS)], nlp)


@pytest.fixture(scope="session")
def corpus_dossier(corpus_articles, embedder):
    return build_dossier(corpus_articles, embedder)


@pytest.fixture(scope="session")
def seed_dossier(seed_files, nlp, embedder):
    return build_dossier(analysed_articles([str(p) for p in seed_files], nlp), embedder)
