"""Invented multi-report stories, analysed, for the cross-source tests."""

from __future__ import annotations

from datetime import datetime

from newsdesk.analyze import analyze_articles
from newsdesk.model import Article, article_id


def reports(nlp, texts: list[str], outlets: list[str] | None = None,
            published: list[datetime] | None = None) -> list[Article]:
    """One analysed article per text; by default each from its own outlet, all published 6 May 2025."""
    arts = []
    for i, text in enumerate(texts):
        outlet = outlets[i] if outlets else f"Outlet {i}"
        host = outlet.lower().replace(" ", "") + ".example"
        arts.append(Article(article_id(f"{i}:{text}"), f"r{i}.txt", text, outlet=outlet,
                            url=f"https://www.{host}/news/{i}",
                            published=published[i] if published else datetime(2025, 5, 6)))
    for a, ann in zip(arts, analyze_articles(arts, nlp), strict=True):
        a.annotations = ann
    return arts
