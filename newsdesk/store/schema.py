"""The one schema (SQLAlchemy Core) shared by SQLite and PostgreSQL, and its migrations.

Migrations are an ordered list; ``schema_version`` records how far a database got, so
opening an older file upgrades it in place. JSON is stored as TEXT on both back ends:
the store never queries inside it, and one representation keeps the back ends alike.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", DateTime),          # UTC, for ordering
    Column("published_iso", Text),          # as the source stated it, offset kept
    Column("updated_iso", Text),
    Column("language", String(16)),
    Column("language_score", Float),
    Column("input_kind", String(16)),
    Column("text", Text, nullable=False),
    Column("authors", Text, nullable=False, default="[]"),
    Column("agencies", Text, nullable=False, default="[]"),
    Column("removed", Text, nullable=False, default="[]"),
    Column("created", DateTime(timezone=True), nullable=False),
)
Index("ix_articles_published", articles.c.published)

sources = Table(
    "sources", metadata,
    Column("source", Text, primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
)

annotations = Table(
    "annotations", metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("data", Text, nullable=False),
    Column("version", String(16), nullable=False),
)

stories = Table(
    "stories", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
    Column("dossier_stale", Boolean, nullable=False, default=True),
)

story_articles = Table(
    "story_articles", metadata,
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False, default=0),
    UniqueConstraint("story_id", "article_id", name="uq_story_article"),
)

dossiers = Table(
    "dossiers", metadata,
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("data", Text, nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
)

jobs = Table(
    "jobs", metadata,
    Column("id", String(32), primary_key=True),
    Column("story_id", Integer),
    Column("state", String(16), nullable=False),
    Column("total", Integer, nullable=False, default=0),
    Column("done", Integer, nullable=False, default=0),
    Column("errors", Text, nullable=False, default="[]"),
    Column("message", Text, nullable=False, default=""),
    Column("updated", DateTime(timezone=True), nullable=False),
)

schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))

CORE_TABLES = [articles, sources, annotations, stories, story_articles, dossiers, jobs]


def _m1_core(conn: Connection) -> None:
    metadata.create_all(conn, tables=CORE_TABLES)


def _m2_fulltext(conn: Connection) -> None:
    """Full-text index: FTS5 table on SQLite, tsvector + GIN index on PostgreSQL."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
                          "id UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2')"))
        conn.execute(text("INSERT INTO articles_fts (id, title, body) "
                          "SELECT id, coalesce(title, ''), text FROM articles"))
    else:
        conn.execute(text("ALTER TABLE articles ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS ("
                          "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
                          "setweight(to_tsvector('english', text), 'B')) STORED"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_articles_tsv ON articles USING gin (tsv)"))


def _m3_story_index(conn: Connection) -> None:
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_story_articles_article ON story_articles (article_id)"))


def _m4_sentence_vectors(conn: Connection) -> None:
    from newsdesk.store.vectors import m4_sentence_vectors  # its own module: the table and its I/O

    m4_sentence_vectors(conn)


MIGRATIONS: list[Callable[[Connection], None]] = [_m1_core, _m2_fulltext, _m3_story_index, _m4_sentence_vectors]
LATEST = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    schema_version.create(conn, checkfirst=True)
    row = conn.execute(schema_version.select()).first()
    return int(row.version) if row else 0


def migrate(conn: Connection, target: int = LATEST) -> int:
    """Apply the migrations after the recorded version, up to ``target``; returns it."""
    version = current_version(conn)
    for number in range(version + 1, target + 1):
        MIGRATIONS[number - 1](conn)
        conn.execute(schema_version.delete())
        conn.execute(schema_version.insert().values(version=number))
        version = number
    return version
