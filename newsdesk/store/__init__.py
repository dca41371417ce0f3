"""Storage: one interface, SQLite (default) and PostgreSQL behind it."""

from newsdesk.store.base import ArticleSummary, Job, SearchHit, SourceRecord, Store, Story

__all__ = ["ArticleSummary", "Job", "SearchHit", "SourceRecord", "Store", "Story", "open_store"]


def open_store(url: str) -> Store:
    """Open (and migrate) the store at ``url``.

    >>> store = open_store("sqlite:///:memory:")  # doctest: +SKIP
    """
    from newsdesk.store.sql import SqlStore

    return SqlStore(url)
