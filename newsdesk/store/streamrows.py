"""Tables of the story stream (migration 9) and their I/O, on SQLite and PostgreSQL.

* ``story_signals``: what the story clusterer knows of each placed article (its
  :class:`~newsdesk.stream.signal.StorySignal`: lead vector, entity keys, day, MinHash),
  with ``seq``, the order in which articles were placed. Computed once per article; a
  restarted process rebuilds the clusterer from these rows without embedding anything.
* ``feeds`` / ``feed_entries``: the conditional-GET validators of each watched feed and
  the entry ids already read, so ``newsdesk watch`` resumes without duplicates.
* ``stream_meta``: counters; ``edits`` grows with every edit a person makes to stories,
  so a clusterer built before an edit knows to rebuild itself; ``story_ids`` is the
  highest story id ever handed out, so an id is never reused (see :func:`next_story_id`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    func,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from newsdesk.store.schema import metadata

story_signals = Table(
    "story_signals", metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, nullable=False, index=True),   # placement order
    Column("model", Text, nullable=False),                 # embedder of ``vector``
    Column("vector", LargeBinary, nullable=False),         # float32, little-endian
    Column("entities", Text, nullable=False),              # JSON list of entity keys
    Column("day", String(10)),                             # ISO date or NULL
    Column("minhash", LargeBinary),                        # uint64 hash values or NULL
    Column("title", Text, nullable=False, default=""),
    Column("facts", Text),   # JSON: people, places, stated_days, numbers, terms of the lead
)

feeds = Table(
    "feeds", metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("checked", DateTime(timezone=True)),
)

feed_entries = Table(
    "feed_entries", metadata,
    Column("feed", Text, primary_key=True),
    Column("entry", Text, primary_key=True),   # the entry's id (or link)
    Column("article_id", String(32)),          # None when the entry could not be read
)

stream_meta = Table(
    "stream_meta", metadata,
    Column("key", String(32), primary_key=True),
    Column("value", Integer, nullable=False),
)


def create_stream_tables(conn: Connection) -> None:
    """Migration 9: the stream tables."""
    metadata.create_all(conn, tables=[story_signals, feeds, feed_entries, stream_meta])


@dataclass
class SignalRow:
    """One stored story signal (see ``newsdesk.stream.signal.StorySignal``): ``vector``
    float32 of the embedder ``model``; ``minhash`` uint64 hash values or None; ``facts``
    the lead's people, places, stated days (ISO), numbers and terms, as JSON-ready lists."""

    article_id: str
    model: str
    vector: np.ndarray
    entities: list[str]
    day: date | None
    minhash: np.ndarray | None
    title: str
    seq: int = 0
    facts: dict[str, list] = field(default_factory=dict)


def put_signal(conn: Connection, row: SignalRow) -> int:
    """Store (or replace) an article's signal at the end of the placement order;
    returns its ``seq``."""
    seq = int(conn.execute(select(func.coalesce(func.max(story_signals.c.seq), 0))).scalar_one()) + 1
    conn.execute(story_signals.delete().where(story_signals.c.article_id == row.article_id))
    conn.execute(story_signals.insert().values(
        article_id=row.article_id, seq=seq, model=row.model,
        vector=np.asarray(row.vector, "<f4").tobytes(), entities=json.dumps(sorted(row.entities)),
        day=row.day.isoformat() if row.day else None,
        minhash=None if row.minhash is None else np.asarray(row.minhash, "<u8").tobytes(), title=row.title,
        facts=json.dumps(row.facts, sort_keys=True)))
    return seq


def get_signals(conn: Connection, after: int = 0) -> list[SignalRow]:
    """Stored signals with ``seq`` > ``after``, in placement order."""
    rows = conn.execute(select(story_signals).where(story_signals.c.seq > after).order_by(story_signals.c.seq))
    return [SignalRow(r.article_id, r.model, np.frombuffer(bytes(r.vector), "<f4").astype(np.float32),
                      json.loads(r.entities), date.fromisoformat(r.day) if r.day else None,
                      None if r.minhash is None else np.frombuffer(bytes(r.minhash), "<u8").astype(np.uint64),
                      r.title or "", r.seq, json.loads(r.facts) if r.facts else {}) for r in rows]


def last_seq(conn: Connection) -> int:
    return int(conn.execute(select(func.coalesce(func.max(story_signals.c.seq), 0))).scalar_one())


def meta_value(conn: Connection, key: str) -> int:
    return int(conn.execute(select(stream_meta.c.value).where(stream_meta.c.key == key)).scalar() or 0)


STORY_IDS = "story_ids"


def next_story_id(conn: Connection, stories: Table) -> int:
    """A story id never handed out before on this store, on SQLite and PostgreSQL alike:
    one above the larger of the stored high-water mark and the highest id in
    ``stories`` (a store made before the mark starts from its highest id). The mark's
    row is updated first, so on PostgreSQL a concurrent caller waits for this
    transaction and then sees its story."""
    conn.execute(_insert_meta(conn).values(key=STORY_IDS, value=0).on_conflict_do_nothing(index_elements=["key"]))
    mark = int(conn.execute(update(stream_meta).where(stream_meta.c.key == STORY_IDS)
                            .values(value=stream_meta.c.value + 1).returning(stream_meta.c.value)).scalar_one())
    top = int(conn.execute(select(func.coalesce(func.max(stories.c.id), 0))).scalar_one())
    if mark <= top:
        mark = top + 1
        conn.execute(update(stream_meta).where(stream_meta.c.key == STORY_IDS).values(value=mark))
    return mark


def _insert_meta(conn: Connection):  # noqa: ANN202
    return (pg_insert if conn.dialect.name == "postgresql" else sqlite_insert)(stream_meta)


def bump(conn: Connection, key: str) -> None:
    """Add one to the counter ``key``."""
    if conn.execute(update(stream_meta).where(stream_meta.c.key == key)
                    .values(value=stream_meta.c.value + 1)).rowcount == 0:
        conn.execute(stream_meta.insert().values(key=key, value=1))
