"""The one schema (SQLAlchemy Core) shared by SQLite and PostgreSQL, and its migrations.

Migrations are an ordered list; ``schema_version`` records how far a database got, so
opening an older file upgrades it in place. JSON is stored as TEXT on both back ends:
the store never queries inside it, and one representation keeps the back ends alike.
"""

from __future__ import annotations

import time
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
    inspect,
    text,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

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
    Column("partial", Text),                # why the text is only part of the article (migration 7)
    Column("dateline_place", Text),
    Column("dateline_date", Text),
)
Index("ix_articles_published", articles.c.published)

sources = Table(
    "sources", metadata,
    Column("source", Text, primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("content_hash", String(64)),     # of the raw input last read there (migration 6)
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
    Column("label", Text),                  # representative headline (migration 9)
    Column("edited", Boolean, nullable=False, default=False),  # a person made or edited it (migration 9)
    Column("origins", Integer),             # independent origins in its last dossier (migration 9)
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
    Column("stage", Text, nullable=False, server_default=""),
    Column("stage_done", Integer, nullable=False, server_default="0"),
    Column("stage_total", Integer, nullable=False, server_default="0"),
)
# The stage columns as migration 5 adds them to a store made before them.
JOB_STAGE_COLUMNS = ("stage TEXT NOT NULL DEFAULT ''", "stage_done INTEGER NOT NULL DEFAULT 0",
                     "stage_total INTEGER NOT NULL DEFAULT 0")

# A changed report at an already-ingested source is a new article linked to the one it
# replaces; the dossier uses the latest (migration 6).
article_versions = Table(
    "article_versions", metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("previous_id", String(32)),
    Column("superseded_by", String(32)),
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
                          "SELECT id, coalesce(title, ''), text FROM articles "
                          "WHERE id NOT IN (SELECT id FROM articles_fts)"))  # idempotent
    else:
        conn.execute(text("ALTER TABLE articles ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS ("
                          "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
                          "setweight(to_tsvector('english', text), 'B')) STORED"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_articles_tsv ON articles USING gin (tsv)"))


def _m3_story_index(conn: Connection) -> None:
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_story_articles_article ON story_articles (article_id)"))


def _m4_stemmed_fulltext(conn: Connection) -> None:
    """SQLite: rebuild the FTS5 index with the porter stemmer ("vessels" finds
    "vessel"); PostgreSQL's tsvector already uses the ``english`` configuration."""
    if conn.dialect.name != "sqlite":
        return
    conn.execute(text("DROP TABLE IF EXISTS articles_fts"))
    conn.execute(text("CREATE VIRTUAL TABLE articles_fts USING fts5("
                      "id UNINDEXED, title, body, tokenize='porter unicode61 remove_diacritics 2')"))
    conn.execute(text("INSERT INTO articles_fts (id, title, body) "
                      "SELECT id, coalesce(title, ''), text FROM articles"))


def _m5_job_stages(conn: Connection) -> None:
    """Jobs report the synthesis stage they are in (the web job view shows it)."""
    have = {c["name"] for c in inspect(conn).get_columns("jobs")}
    for column in JOB_STAGE_COLUMNS:
        if column.split()[0] not in have:
            conn.execute(text(f"ALTER TABLE jobs ADD COLUMN {column}"))


def _m6_versions(conn: Connection) -> None:
    """Source identity is path + content hash; versions of a changed report are linked."""
    if "content_hash" not in {c["name"] for c in inspect(conn).get_columns("sources")}:
        conn.execute(text("ALTER TABLE sources ADD COLUMN content_hash VARCHAR(64)"))
    article_versions.create(conn, checkfirst=True)


ARTICLE_COLUMNS_M7 = ("partial", "dateline_place", "dateline_date")


def _m7_article_partial_dateline(conn: Connection) -> None:
    """Partial-report reason and wire dateline place/date on articles (databases made
    before them lack the columns; newer ones got them from migration 1)."""
    from sqlalchemy import inspect

    have = {c["name"] for c in inspect(conn).get_columns("articles")}
    for name in ARTICLE_COLUMNS_M7:
        if name not in have:
            conn.execute(text(f"ALTER TABLE articles ADD COLUMN {name} TEXT"))


def _m8_sentence_vectors(conn: Connection) -> None:
    from newsdesk.store.vectors import create_sentence_vectors  # its own module: the table and its I/O

    create_sentence_vectors(conn)


def _m9_story_stream(conn: Connection) -> None:
    """Stories formed from a stream: label, auto/edited and origins on stories; each
    article's story signal; feed and entry state for ``newsdesk watch``. Stories made
    before are a person's (named with ``--story``): they count as edited."""
    from newsdesk.store.streamrows import create_stream_tables  # its own module: the tables and their I/O

    have = {c["name"] for c in inspect(conn).get_columns("stories")}
    true = "1" if conn.dialect.name == "sqlite" else "TRUE"
    for name, ddl in (("label", "TEXT"), ("edited", f"BOOLEAN NOT NULL DEFAULT {true}"), ("origins", "INTEGER")):
        if name not in have:
            conn.execute(text(f"ALTER TABLE stories ADD COLUMN {name} {ddl}"))
    conn.execute(text("UPDATE stories SET label = name WHERE label IS NULL"))
    create_stream_tables(conn)


def _m10_loaded_shards(conn: Connection) -> None:
    from newsdesk.store.bulk import create_loaded_shards  # its own module: the table and bulk loading

    create_loaded_shards(conn)


def _m11_signal_facts(conn: Connection) -> None:
    """The lead's facts (people, places, stated days, numbers, terms) beside each story
    signal; a store made by an earlier build of migration 9 lacks the column."""
    if "facts" not in {c["name"] for c in inspect(conn).get_columns("story_signals")}:
        conn.execute(text("ALTER TABLE story_signals ADD COLUMN facts TEXT"))


MIGRATIONS: list[Callable[[Connection], None]] = [_m1_core, _m2_fulltext, _m3_story_index, _m4_stemmed_fulltext,
                                                  _m5_job_stages, _m6_versions, _m7_article_partial_dateline,
                                                  _m8_sentence_vectors, _m9_story_stream, _m10_loaded_shards,
                                                  _m11_signal_facts]
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


def _recorded_version(conn: Connection) -> int:
    """The recorded version without creating anything (0 for a new database)."""
    if not inspect(conn).has_table("schema_version"):
        return 0
    row = conn.execute(schema_version.select()).first()
    return int(row.version) if row else 0


def _lock(conn: Connection) -> None:
    """Serialise schema set-up between processes: SQLite takes the write lock now
    (``BEGIN IMMEDIATE``, waits up to the busy timeout); PostgreSQL a transaction-level
    advisory lock for this schema."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended('newsdesk.schema:' || current_schema(), 0))"))


def upgrade(engine: Engine, target: int = LATEST, patience: float = 60.0) -> int:
    """Bring the store at ``engine`` to ``target`` safely when several processes open a
    new (or old) store at once: a read-only check first, then, if behind, the migrations
    under a lock, re-checking the version once the lock is held (the other process may
    have done the work). SQLite can answer "database is locked" at once, without waiting
    for its busy timeout, while another connection turns a new file into WAL mode: that
    is retried with back-off for up to ``patience`` seconds. Returns the version.
    Raises SQLAlchemyError.

    >>> from sqlalchemy import create_engine
    >>> upgrade(create_engine("sqlite://")) == LATEST
    True
    """
    deadline, pause = time.monotonic() + patience, 0.05
    while True:
        try:
            return _upgrade(engine, target)
        except OperationalError as exc:
            if engine.dialect.name != "sqlite" or "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 1.0)


def _upgrade(engine: Engine, target: int) -> int:
    with engine.connect() as conn:
        version = _recorded_version(conn)
        if version >= target:
            return version
    with engine.connect() as conn:
        _lock(conn)
        version = migrate(conn, target)
        conn.commit()
    return version
