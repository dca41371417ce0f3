"""Bulk-load batch shards (``newsdesk.batch.shards``) into the store.

Each shard is loaded in one transaction that also records it in ``loaded_shards``
(batch id, shard id, digest of its files; added by migration 10): a shard is loaded
whole or not at all, and a shard already recorded is skipped, so re-running ``load``
never duplicates and never half-loads. Within a shard, an article already stored (same
id, or its source already stored with the same content hash) is skipped; annotations
and vectors are added only to articles that lack them. PostgreSQL rows go through
``COPY`` (psycopg) into temporary tables, then ``INSERT … SELECT … ON CONFLICT DO
NOTHING``; SQLite uses ``executemany`` under ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, DateTime, Integer, String, Table, delete, insert, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from newsdesk.errors import StoreError
from newsdesk.store import schema as s
from newsdesk.store.vectors import sentence_vectors

if TYPE_CHECKING:
    from newsdesk.batch.shards import ShardData
    from newsdesk.store.sql import SqlStore

loaded_shards = Table(
    "loaded_shards", s.metadata,
    Column("batch", String(64), primary_key=True),
    Column("shard", String(64), primary_key=True),
    Column("digest", String(64), primary_key=True),
    Column("loaded", DateTime(timezone=True), nullable=False),
    Column("articles", Integer, nullable=False, default=0),   # new articles stored
    Column("skipped", Integer, nullable=False, default=0),    # already stored
)

ARTICLE_COLUMNS = ("id", "source", "url", "title", "outlet", "published", "published_iso", "updated_iso",
                   "language", "language_score", "input_kind", "text", "authors", "agencies", "removed",
                   "created", "partial", "dateline_place", "dateline_date")
_CHUNK = 500


def create_loaded_shards(conn: Connection) -> None:
    """Migration 10: the table of shards loaded."""
    s.metadata.create_all(conn, tables=[loaded_shards])


@dataclass
class LoadCounts:
    """What loading one shard did (``already``: it was loaded before; nothing done)."""

    new: int = 0
    skipped: int = 0
    annotations: int = 0
    vectors: int = 0
    already: bool = False


def _nn(value: Any) -> Any:
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def _utc(iso: str | None) -> datetime | None:
    if not iso:
        return None
    dt = datetime.fromisoformat(iso)
    return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo else dt


def _article_row(a: dict[str, Any], now: datetime) -> dict[str, Any]:
    row = {k: a.get(k) for k in ARTICLE_COLUMNS if k in a}
    row.update(published=_utc(a.get("published")), published_iso=a.get("published"),
               updated_iso=a.get("updated"), created=now, input_kind=a.get("input_kind") or "text")
    return {k: _nn(row.get(k)) for k in ARTICLE_COLUMNS}


def _existing(conn: Connection, column: Any, keys: list[str], *extra: Any) -> list[Any]:
    out: list[Any] = []
    for start in range(0, len(keys), _CHUNK):
        out += conn.execute(select(column, *extra).where(column.in_(keys[start:start + _CHUNK]))).all()
    return out


def load_shard(store: SqlStore, batch: str, shard: ShardData) -> LoadCounts:
    """Load one finished shard in one transaction (see the module docstring).
    Raises StoreError when the database refuses (the shard is then not recorded)."""
    try:
        with store.engine.connect() as conn:
            if store.dialect == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            counts = _load(store, conn, batch, shard)
            conn.commit()
            return counts
    except SQLAlchemyError as exc:
        raise StoreError(f"could not load {shard.id}: {exc.__class__.__name__}: {exc}") from exc


def _load(store: SqlStore, conn: Connection, batch: str, shard: ShardData) -> LoadCounts:
    now = datetime.now(UTC).replace(tzinfo=None)
    claim = store._insert(loaded_shards).values(batch=batch, shard=shard.id, digest=shard.digest, loaded=now,
                                                articles=0, skipped=0)
    if conn.execute(claim.on_conflict_do_nothing().returning(loaded_shards.c.batch)).first() is None:
        return LoadCounts(already=True)
    counts = LoadCounts()
    articles = list({a["id"]: a for a in reversed(shard.articles)}.values())[::-1]  # first copy of each id
    ids = [a["id"] for a in articles]
    stored = {r.id for r in _existing(conn, s.articles.c.id, ids)}
    sources = {r.source: r for r in _existing(conn, s.sources.c.source, [_nn(a["source"]) for a in shard.articles],
                                              s.sources.c.article_id, s.sources.c.content_hash)}
    known_hash = {r.content_hash for r in sources.values() if r.content_hash}
    new = [a for a in articles if a["id"] not in stored and not (a["content_hash"] and a["content_hash"] in known_hash)]
    counts.new, counts.skipped = len(new), len(shard.articles) - len(new)
    rows = [_article_row(a, now) for a in new]
    _insert_rows(store, conn, s.articles, ARTICLE_COLUMNS, rows, ["id"])
    if store.dialect == "sqlite" and rows:
        conn.execute(text("INSERT INTO articles_fts (id, title, body) VALUES (:i, :t, :b)"),
                     [{"i": r["id"], "t": r["title"] or "", "b": r["text"]} for r in rows])
    present = stored | {a["id"] for a in new}
    _load_sources(store, conn, shard, sources, present)
    counts.annotations = _load_annotations(store, conn, shard, present, stored)
    counts.vectors = _load_vectors(store, conn, shard, present)
    conn.execute(update(loaded_shards).where(loaded_shards.c.batch == batch, loaded_shards.c.shard == shard.id,
                                             loaded_shards.c.digest == shard.digest)
                 .values(articles=counts.new, skipped=counts.skipped))
    return counts


def _load_sources(store: SqlStore, conn: Connection, shard: ShardData, sources: dict[str, Any],
                  present: set[str]) -> None:
    fresh: dict[str, dict[str, Any]] = {}
    for a in shard.articles:
        source = _nn(a["source"])
        if a["id"] not in present:
            continue
        before = sources.get(source)
        if before is None:
            fresh.setdefault(source, {"source": source, "article_id": a["id"], "content_hash": a["content_hash"]})
        elif before.article_id != a["id"] and a["content_hash"] and before.content_hash != a["content_hash"]:
            store._put_source(conn, source, a["id"], a["content_hash"])  # a changed report: a new version
    _insert_rows(store, conn, s.sources, ("source", "article_id", "content_hash"), list(fresh.values()), ["source"])


def _load_annotations(store: SqlStore, conn: Connection, shard: ShardData, present: set[str],
                      stored: set[str]) -> int:
    have = {r.article_id for r in _existing(conn, s.annotations.c.article_id, list(present))}
    rows = list({r["article_id"]: {"article_id": r["article_id"], "data": _nn(r["data"]), "version": r["version"]}
                 for r in shard.annotations if r["article_id"] in present and r["article_id"] not in have}.values())
    _insert_rows(store, conn, s.annotations, ("article_id", "data", "version"), rows, ["article_id"])
    earlier = [r["article_id"] for r in rows if r["article_id"] in stored]
    if earlier:  # new annotations on articles stored before: their stories' dossiers change
        member = select(s.story_articles.c.story_id).where(s.story_articles.c.article_id.in_(earlier))
        conn.execute(update(s.stories).where(s.stories.c.id.in_(member)).values(dossier_stale=True))
    return len(rows)


def _load_vectors(store: SqlStore, conn: Connection, shard: ShardData, present: set[str]) -> int:
    v = sentence_vectors
    wanted = {r["article_id"]: r for r in shard.vectors if r["article_id"] in present}
    have = {(r.article_id, r.model) for r in _existing(conn, v.c.article_id, list(wanted), v.c.model)}
    same = {aid for aid, model in have if wanted[aid]["model"] == model}
    other = sorted({aid for aid, _m in have} - same)  # another model's vectors: replaced
    for start in range(0, len(other), _CHUNK):
        conn.execute(delete(v).where(v.c.article_id.in_(other[start:start + _CHUNK])))
    rows = [{"article_id": aid, "model": r["model"], "dim": r["dim"], "keys": r["keys"], "data": r["data"]}
            for aid, r in wanted.items() if aid not in same]
    _insert_rows(store, conn, v, ("article_id", "model", "dim", "keys", "data"), rows, ["article_id"])
    return len(rows)


def _insert_rows(store: SqlStore, conn: Connection, table: Table, columns: tuple[str, ...],
                 rows: list[dict[str, Any]], key: list[str]) -> None:
    """Insert rows, skipping any whose key is already there: COPY into a temporary
    table then INSERT … SELECT on PostgreSQL, executemany on SQLite."""
    if not rows:
        return
    if store.dialect != "postgresql":
        conn.execute(insert(table).prefix_with("OR IGNORE"), rows)
        return
    temp = f"_nd_load_{table.name}"
    cols = ", ".join(columns)
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {temp} AS SELECT {cols} FROM {table.name} WITH NO DATA")
    conn.exec_driver_sql(f"TRUNCATE {temp}")
    raw = conn.connection.driver_connection
    with raw.cursor() as cur, cur.copy(f"COPY {temp} ({cols}) FROM STDIN") as copy:
        for r in rows:
            copy.write_row(tuple(r[c] for c in columns))
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({cols}) SELECT {cols} FROM {temp} "
                         f"ON CONFLICT ({', '.join(key)}) DO NOTHING")
    conn.exec_driver_sql(f"TRUNCATE {temp}")


def loaded_shard_digests(store: SqlStore, batch: str) -> set[tuple[str, str]]:
    """(shard, digest) of this batch's shards recorded as loaded."""
    with store.engine.connect() as conn:
        return {(r.shard, r.digest) for r in conn.execute(
            select(loaded_shards.c.shard, loaded_shards.c.digest).where(loaded_shards.c.batch == batch))}
