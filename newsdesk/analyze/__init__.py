"""Per-article understanding: entities, quotes, dates, claims, PLOVER events."""

from newsdesk.analyze.pipeline import analyze_articles, build_pipeline, register_factories

__all__ = ["analyze_articles", "build_pipeline", "register_factories"]
