"""SqlStore: the Store interface on SQLite (default) and PostgreSQL, one schema.

Every public write is one transaction (``engine.begin()``), so a process killed at any
point leaves either a whole article (row, source, full-text entry, annotations) or none.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, create_engine, delete, event, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from newsdesk.errors import NotFoundError, StoreError
from newsdesk.model import AgencyEvidence, Annotations, Article, RemovedSpan, from_dict, to_dict
from newsdesk.store import schema as s
from newsdesk.store.base import ArticleSummary, Job, SearchHit, Store, Story
from newsdesk.store.search import fts5_query, mark_snippet, pg_query
from newsdesk.store.vectors import get_vectors, ids_without_vectors, put_vectors
from newsdesk.vectors import SentenceVectors


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _utc(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo else dt


def engine_for(url: str) -> Engine:
    """An engine for a store URL (``sqlite:///…`` or ``postgresql://…``, psycopg 3)."""
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    if not url.startswith("sqlite:"):
        raise StoreError(f"unsupported store URL {url!r}: use sqlite:///file.db or postgresql://…")
    memory = url in ("sqlite://", "sqlite:///:memory:")
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                           poolclass=StaticPool if memory else None)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
        cur = dbapi_conn.cursor()
        if not memory:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    return engine


class SqlStore(Store):
    """The store on SQLite or PostgreSQL.

    >>> store = SqlStore("sqlite:///:memory:")
    >>> store.count_articles()
    0
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = engine_for(url)
        self.dialect = self.engine.dialect.name
        try:
            with self.engine.begin() as conn:
                s.migrate(conn)
        except SQLAlchemyError as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open {self._where()}: {exc.__class__.__name__}: "
                             f"{str(exc.orig if hasattr(exc, 'orig') else exc).strip()}") from exc

    def _where(self) -> str:
        u = self.engine.url
        return f"PostgreSQL at {u.host}:{u.port or 5432}/{u.database}" if self.dialect == "postgresql" \
            else f"SQLite database {u.database or ':memory:'}"

    def _insert(self, table):  # noqa: ANN001, ANN202
        return (pg_insert if self.dialect == "postgresql" else sqlite_insert)(table)

    # articles -----------------------------------------------------------------
    def add_article(self, article: Article) -> bool:
        row = {
            "id": article.id, "source": article.source, "url": article.url, "title": article.title,
            "outlet": article.outlet, "published": _utc(article.published),
            "published_iso": article.published.isoformat() if article.published else None,
            "updated_iso": article.updated.isoformat() if article.updated else None,
            "language": article.language, "language_score": article.language_score,
            "input_kind": article.input_kind, "text": article.text,
            "authors": json.dumps(article.authors, ensure_ascii=False),
            "agencies": json.dumps(to_dict(article.agencies), ensure_ascii=False),
            "removed": json.dumps(to_dict(article.removed), ensure_ascii=False), "created": _now(),
        }
        try:
            with self.engine.begin() as conn:
                inserted = conn.execute(self._insert(s.articles).values(**row)
                                        .on_conflict_do_nothing(index_elements=["id"])
                                        .returning(s.articles.c.id)).first() is not None
                if inserted and self.dialect == "sqlite":
                    conn.execute(text("INSERT INTO articles_fts (id, title, body) VALUES (:i, :t, :b)"),
                                 {"i": article.id, "t": article.title or "", "b": article.text})
                conn.execute(self._insert(s.sources).values(source=article.source, article_id=article.id)
                             .on_conflict_do_nothing(index_elements=["source"]))
                if article.annotations is not None:
                    self._put_annotations(conn, article.id, article.annotations, replace=False)
            return inserted
        except SQLAlchemyError as exc:
            raise StoreError(f"could not store article {article.id}: {exc.__class__.__name__}: {exc}") from exc

    def _put_annotations(self, conn: Connection, article_id: str, ann: Annotations, replace: bool) -> None:
        values = {"article_id": article_id, "data": json.dumps(to_dict(ann), ensure_ascii=False),
                  "version": ann.version}
        stmt = self._insert(s.annotations).values(**values)
        if replace:
            stmt = stmt.on_conflict_do_update(index_elements=["article_id"],
                                              set_={"data": values["data"], "version": ann.version})
        else:
            stmt = stmt.on_conflict_do_nothing(index_elements=["article_id"])
        conn.execute(stmt)

    def save_annotations(self, article_id: str, annotations: Annotations) -> None:
        with self.engine.begin() as conn:
            self._put_annotations(conn, article_id, annotations, replace=True)

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(s.articles.c.id).where(s.articles.c.id == article_id)).first() is not None

    def has_source(self, source: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.sources.c.article_id).where(s.sources.c.source == source)).first()
        return row.article_id if row else None

    def _resolve(self, conn: Connection, article_id: str) -> str:
        if conn.execute(select(s.articles.c.id).where(s.articles.c.id == article_id)).first():
            return article_id
        if len(article_id) >= 6 and article_id.isalnum():
            rows = conn.execute(select(s.articles.c.id).where(s.articles.c.id.like(article_id + "%")).limit(2)).all()
            if len(rows) == 1:
                return rows[0].id
            if len(rows) > 1:
                raise NotFoundError(f"article id prefix {article_id!r} is ambiguous")
        raise NotFoundError(f"no article {article_id!r}")

    def _article(self, row: Any, ann: Any) -> Article:
        return Article(
            id=row.id, source=row.source, text=row.text, title=row.title, outlet=row.outlet, url=row.url,
            published=datetime.fromisoformat(row.published_iso) if row.published_iso else None,
            updated=datetime.fromisoformat(row.updated_iso) if row.updated_iso else None,
            authors=json.loads(row.authors),
            agencies=[from_dict(AgencyEvidence, a) for a in json.loads(row.agencies)],
            language=row.language, language_score=row.language_score,
            removed=[from_dict(RemovedSpan, r) for r in json.loads(row.removed)],
            input_kind=row.input_kind or "text",
            annotations=from_dict(Annotations, json.loads(ann)) if ann else None)

    def get_article(self, article_id: str) -> Article:
        with self.engine.connect() as conn:
            full = self._resolve(conn, article_id)
            row = conn.execute(select(s.articles).where(s.articles.c.id == full)).one()
            ann = conn.execute(select(s.annotations.c.data).where(s.annotations.c.article_id == full)).scalar()
        return self._article(row, ann)

    def get_articles(self, article_ids: list[str]) -> list[Article]:
        return [self.get_article(i) for i in article_ids]

    def list_articles(self, limit: int = 100, offset: int = 0) -> list[ArticleSummary]:
        a = s.articles
        query = (select(a.c.id, a.c.title, a.c.outlet, a.c.published_iso, a.c.language, a.c.source, a.c.agencies,
                        func.length(a.c.text).label("chars"), s.annotations.c.article_id.label("ann"))
                 .outerjoin(s.annotations, s.annotations.c.article_id == a.c.id)
                 .order_by(a.c.published.is_(None), a.c.published.desc(), a.c.created.desc(), a.c.id)
                 .limit(limit).offset(offset))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [ArticleSummary(
            id=r.id, title=r.title, outlet=r.outlet, language=r.language, source=r.source,
            published=datetime.fromisoformat(r.published_iso) if r.published_iso else None,
            agencies=_agency_names(r.agencies), analyzed=r.ann is not None, chars=r.chars) for r in rows]

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(s.articles)).scalar() or 0)

    def unanalyzed_ids(self, article_ids: list[str] | None = None) -> list[str]:
        query = (select(s.articles.c.id).outerjoin(s.annotations, s.annotations.c.article_id == s.articles.c.id)
                 .where(s.annotations.c.article_id.is_(None)).order_by(s.articles.c.id))
        if article_ids is not None:
            if not article_ids:
                return []
            query = query.where(s.articles.c.id.in_(article_ids))
        with self.engine.connect() as conn:
            return [r.id for r in conn.execute(query)]

    # sentence vectors ---------------------------------------------------------
    def save_vectors(self, article_id: str, vectors: SentenceVectors) -> None:
        try:
            with self.engine.begin() as conn:
                put_vectors(conn, article_id, vectors)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not store vectors of {article_id}: {exc.__class__.__name__}: {exc}") from exc

    def get_vectors(self, article_ids: list[str], model: str) -> dict[str, SentenceVectors]:
        with self.engine.connect() as conn:
            return get_vectors(conn, list(article_ids), model)

    def unembedded_ids(self, model: str, article_ids: list[str] | None = None) -> list[str]:
        with self.engine.connect() as conn:
            return ids_without_vectors(conn, model, article_ids)

    # search -------------------------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                return self._search_sqlite(conn, query, limit)
            return self._search_pg(conn, query, limit)

    def _search_sqlite(self, conn: Connection, query: str, limit: int) -> list[SearchHit]:
        sql = text("SELECT f.id AS id, a.title AS title, a.outlet AS outlet, "
                   "snippet(articles_fts, 2, char(2), char(3), '…', 28) AS snip, "
                   "bm25(articles_fts, 0.0, 5.0, 1.0) AS score FROM articles_fts f "
                   "JOIN articles a ON a.id = f.id WHERE articles_fts MATCH :q ORDER BY score LIMIT :n")
        for mode in ("and", "or"):
            fts = fts5_query(query, mode)
            if not fts:
                return []
            rows = conn.execute(sql, {"q": fts, "n": limit}).all()
            if rows:
                return [SearchHit(r.id, r.title, r.outlet, mark_snippet(r.snip), -float(r.score)) for r in rows]
        return []

    def _search_pg(self, conn: Connection, query: str, limit: int) -> list[SearchHit]:
        sql = text("SELECT id, title, outlet, ts_rank(tsv, q) AS score, ts_headline('english', text, q, "
                   "'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=40, MinWords=15, "
                   "MaxFragments=2, FragmentDelimiter=\" … \"') AS snip "
                   "FROM articles, websearch_to_tsquery('english', :q) AS q WHERE tsv @@ q "
                   "ORDER BY score DESC, id LIMIT :n")
        for mode in ("and", "or"):
            pq = pg_query(query, mode)
            if not pq:
                return []
            rows = conn.execute(sql, {"q": pq, "n": limit}).all()
            if rows:
                return [SearchHit(r.id, r.title, r.outlet, mark_snippet(r.snip), float(r.score)) for r in rows]
        return []

    # stories ------------------------------------------------------------------
    def _story(self, conn: Connection, story_id: int) -> Story:
        row = conn.execute(select(s.stories).where(s.stories.c.id == story_id)).first()
        if row is None:
            raise NotFoundError(f"no story {story_id}")
        ids = [r.article_id for r in conn.execute(
            select(s.story_articles.c.article_id).where(s.story_articles.c.story_id == story_id)
            .order_by(s.story_articles.c.position, s.story_articles.c.article_id))]
        return Story(row.id, row.name, ids, row.created, row.updated, bool(row.dossier_stale))

    def create_story(self, name: str, article_ids: list[str] | None = None) -> Story:
        with self.engine.begin() as conn:
            existing = conn.execute(select(s.stories.c.id).where(s.stories.c.name == name)).scalar()
            if existing is None:
                try:
                    existing = conn.execute(insert(s.stories).values(
                        name=name, created=_now(), updated=_now(), dossier_stale=True)
                        .returning(s.stories.c.id)).scalar_one()
                except IntegrityError:  # created concurrently: use that one
                    existing = conn.execute(select(s.stories.c.id).where(s.stories.c.name == name)).scalar_one()
            self._add_members(conn, existing, article_ids or [])
            return self._story(conn, existing)

    def _add_members(self, conn: Connection, story_id: int, article_ids: list[str]) -> None:
        if not article_ids:
            return
        start = conn.execute(select(func.coalesce(func.max(s.story_articles.c.position), 0))
                             .where(s.story_articles.c.story_id == story_id)).scalar_one()
        rows = [{"story_id": story_id, "article_id": a, "position": start + i + 1}
                for i, a in enumerate(dict.fromkeys(article_ids))]
        added = 0
        for row in rows:
            added += conn.execute(self._insert(s.story_articles).values(**row).on_conflict_do_nothing(
                index_elements=["story_id", "article_id"]).returning(s.story_articles.c.story_id)).first() is not None
        if added:
            self._touch(conn, story_id)

    def _touch(self, conn: Connection, story_id: int) -> None:
        conn.execute(update(s.stories).where(s.stories.c.id == story_id).values(updated=_now(), dossier_stale=True))

    def get_story(self, story_id: int) -> Story:
        with self.engine.connect() as conn:
            return self._story(conn, story_id)

    def find_story(self, name: str) -> Story | None:
        with self.engine.connect() as conn:
            sid = conn.execute(select(s.stories.c.id).where(s.stories.c.name == name)).scalar()
            return self._story(conn, sid) if sid is not None else None

    def list_stories(self) -> list[Story]:
        with self.engine.connect() as conn:
            ids = conn.execute(select(s.stories.c.id).order_by(s.stories.c.updated.desc(), s.stories.c.id)).scalars()
            return [self._story(conn, i) for i in list(ids)]

    def add_to_story(self, story_id: int, article_ids: list[str]) -> Story:
        with self.engine.begin() as conn:
            self._story(conn, story_id)
            self._add_members(conn, story_id, article_ids)
            return self._story(conn, story_id)

    def remove_from_story(self, story_id: int, article_ids: list[str]) -> Story:
        with self.engine.begin() as conn:
            self._story(conn, story_id)
            if article_ids and conn.execute(delete(s.story_articles).where(
                    s.story_articles.c.story_id == story_id,
                    s.story_articles.c.article_id.in_(article_ids))).rowcount:
                self._touch(conn, story_id)
            return self._story(conn, story_id)

    def delete_story(self, story_id: int) -> None:
        with self.engine.begin() as conn:
            self._story(conn, story_id)
            conn.execute(delete(s.dossiers).where(s.dossiers.c.story_id == story_id))
            conn.execute(delete(s.story_articles).where(s.story_articles.c.story_id == story_id))
            conn.execute(delete(s.stories).where(s.stories.c.id == story_id))

    def save_dossier(self, story_id: int, dossier: dict[str, Any]) -> None:
        data = json.dumps(dossier, ensure_ascii=False)
        with self.engine.begin() as conn:
            self._story(conn, story_id)
            conn.execute(self._insert(s.dossiers).values(story_id=story_id, data=data, created=_now())
                         .on_conflict_do_update(index_elements=["story_id"], set_={"data": data, "created": _now()}))
            conn.execute(update(s.stories).where(s.stories.c.id == story_id).values(dossier_stale=False))

    def get_dossier(self, story_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            data = conn.execute(select(s.dossiers.c.data).where(s.dossiers.c.story_id == story_id)).scalar()
        return json.loads(data) if data else None

    # jobs ---------------------------------------------------------------------
    def save_job(self, job: Job) -> None:
        values = {"story_id": job.story_id, "state": job.state, "total": job.total, "done": job.done,
                  "errors": json.dumps(job.errors, ensure_ascii=False), "message": job.message, "updated": _now()}
        with self.engine.begin() as conn:
            conn.execute(self._insert(s.jobs).values(id=job.id, **values)
                         .on_conflict_do_update(index_elements=["id"], set_=values))

    def get_job(self, job_id: str) -> Job:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.jobs).where(s.jobs.c.id == bindparam("i")), {"i": job_id}).first()
        if row is None:
            raise NotFoundError(f"no job {job_id!r}")
        return Job(row.id, row.story_id, row.state, row.total, row.done, json.loads(row.errors), row.message)

    def close(self) -> None:
        self.engine.dispose()


def _agency_names(raw: str) -> list[str]:
    best: dict[str, float] = {}
    for ev in json.loads(raw):
        best[ev["agency"]] = max(best.get(ev["agency"], 0.0), float(ev.get("confidence", 0)))
    return [a for a, c in sorted(best.items(), key=lambda kv: -kv[1]) if c >= 0.5]
