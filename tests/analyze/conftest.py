"""Analyse invented report text with the session pipeline."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk.analyze import analyze_articles
from newsdesk.model import Annotations, Article, article_id


@pytest.fixture(scope="session")
def analyse(nlp):
    def run(text: str, published: str | None = "2024-06-25") -> tuple[Article, Annotations]:
        article = Article(article_id(text), "test.txt", text,
                          published=datetime.fromisoformat(published) if published else None)
        [ann] = analyze_articles([article], nlp)
        article.annotations = ann
        return article, ann
    return run
