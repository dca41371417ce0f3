"""The ``sentence_vectors`` table: one row per article with its sentence vectors
(``newsdesk.vectors.SentenceVectors``) as a BLOB (SQLite) / ``bytea`` (PostgreSQL),
the embedder's name and the row keys. Added by migration 8 (``create_sentence_vectors``).
"""

from __future__ import annotations

import json

from sqlalchemy import Column, ForeignKey, Integer, LargeBinary, String, Table, Text, delete, select
from sqlalchemy.engine import Connection

from newsdesk.store.schema import metadata
from newsdesk.vectors import SentenceVectors

sentence_vectors = Table(
    "sentence_vectors", metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("model", Text, nullable=False),
    Column("dim", Integer, nullable=False),
    Column("keys", Text, nullable=False),       # JSON list of text keys, one per row
    Column("data", LargeBinary, nullable=False),  # int8 rows + float32 scales
)


def create_sentence_vectors(conn: Connection) -> None:
    """Migration 4: the sentence-vector table."""
    metadata.create_all(conn, tables=[sentence_vectors])


def put_vectors(conn: Connection, article_id: str, vectors: SentenceVectors) -> None:
    """Replace the article's stored vectors (any model) with these."""
    conn.execute(delete(sentence_vectors).where(sentence_vectors.c.article_id == article_id))
    conn.execute(sentence_vectors.insert().values(
        article_id=article_id, model=vectors.model, dim=vectors.dim if vectors.keys else 0,
        keys=json.dumps(vectors.keys), data=vectors.to_bytes()))


def get_vectors(conn: Connection, article_ids: list[str], model: str) -> dict[str, SentenceVectors]:
    """The stored vectors of these articles made by ``model`` (others are left out)."""
    out: dict[str, SentenceVectors] = {}
    for start in range(0, len(article_ids), 500):
        rows = conn.execute(select(sentence_vectors).where(
            sentence_vectors.c.article_id.in_(article_ids[start:start + 500]),
            sentence_vectors.c.model == model))
        for r in rows:
            out[r.article_id] = SentenceVectors.from_bytes(r.model, json.loads(r.keys), bytes(r.data), r.dim)
    return out


def ids_without_vectors(conn: Connection, model: str, article_ids: list[str] | None = None) -> list[str]:
    """Analysed articles with no vectors of ``model`` (none yet, or another model's)."""
    from newsdesk.store.schema import annotations

    query = (select(annotations.c.article_id)
             .outerjoin(sentence_vectors, (sentence_vectors.c.article_id == annotations.c.article_id)
                        & (sentence_vectors.c.model == model))
             .where(sentence_vectors.c.article_id.is_(None)).order_by(annotations.c.article_id))
    if article_ids is not None:
        if not article_ids:
            return []
        query = query.where(annotations.c.article_id.in_(article_ids))
    return [r.article_id for r in conn.execute(query)]
