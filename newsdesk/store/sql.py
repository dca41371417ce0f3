"""SqlStore: the Store interface on SQLite (default) and PostgreSQL, one schema.

Every public write is one transaction (``engine.begin()``), so a process killed at any
point leaves either a whole article (row, source, full-text entry, annotations) or none.
"""

from __future__ import annotations

import json
import sqlite3
import time
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
from newsdesk.store.base import ArticleSummary, Job, SearchHit, SourceRecord, Store, Story
from newsdesk.store.search import fts5_query, pg_query, snippet
from newsdesk.store.storyedits import StoryEdits
from newsdesk.store.streamrows import next_story_id
from newsdesk.store.vectors import get_vectors, ids_without_vectors, put_vectors
from newsdesk.vectors import SentenceVectors


def _no_nul(value: Any) -> Any:
    """NUL characters as U+FFFD in every stored string, on both back ends alike
    (PostgreSQL text cannot hold NUL; SQLite can): one character for one, so offsets
    into the text stay valid."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _utc(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo else dt


def _wal(cur: sqlite3.Cursor, patience: float = 30.0) -> None:
    """Switch to WAL. While another connection converts a new file, SQLite answers
    "database is locked" at once instead of waiting out the busy timeout: retry."""
    deadline, pause = time.monotonic() + patience, 0.02
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


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
        cur.execute("PRAGMA busy_timeout=30000")
        if not memory:
            _wal(cur)
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    return engine


class SqlStore(StoryEdits, Store):
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
            s.upgrade(self.engine)
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
    def add_article(self, article: Article, content_hash: str | None = None) -> bool:
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
            "partial": article.partial, "dateline_place": article.dateline_place,
            "dateline_date": article.dateline_date,
        }
        row = {k: _no_nul(v) for k, v in row.items()}
        source = row["source"]
        try:
            with self.engine.begin() as conn:
                inserted = conn.execute(self._insert(s.articles).values(**row)
                                        .on_conflict_do_nothing(index_elements=["id"])
                                        .returning(s.articles.c.id)).first() is not None
                if inserted and self.dialect == "sqlite":
                    conn.execute(text("INSERT INTO articles_fts (id, title, body) VALUES (:i, :t, :b)"),
                                 {"i": article.id, "t": row["title"] or "", "b": row["text"]})
                if content_hash is None:
                    conn.execute(self._insert(s.sources).values(source=source, article_id=article.id)
                                 .on_conflict_do_nothing(index_elements=["source"]))
                else:
                    self._put_source(conn, source, article.id, content_hash)
                if article.annotations is not None:
                    self._put_annotations(conn, article.id, article.annotations, replace=False)
            return inserted
        except SQLAlchemyError as exc:
            raise StoreError(f"could not store article {article.id}: {exc.__class__.__name__}: {exc}") from exc

    def _put_source(self, conn: Connection, source: str, article_id: str, content_hash: str) -> None:
        """Record what ``source`` holds now; a different article than before is its new version."""
        query = select(s.sources.c.article_id).where(s.sources.c.source == source)
        if self.dialect == "postgresql":
            query = query.with_for_update()
        before = conn.execute(query).scalar()
        values = {"article_id": article_id, "content_hash": content_hash}
        conn.execute(self._insert(s.sources).values(source=source, **values)
                     .on_conflict_do_update(index_elements=["source"], set_=values))
        if before is not None and before != article_id:
            self._link_version(conn, before, article_id)

    def _link_version(self, conn: Connection, old: str, new: str) -> None:
        v = s.article_versions
        conn.execute(self._insert(v).values(article_id=new, previous_id=old, superseded_by=None)
                     .on_conflict_do_update(index_elements=["article_id"],
                                            set_={"previous_id": old, "superseded_by": None}))
        conn.execute(self._insert(v).values(article_id=old, superseded_by=new)
                     .on_conflict_do_update(index_elements=["article_id"], set_={"superseded_by": new}))
        holding = select(s.story_articles.c.story_id).where(s.story_articles.c.article_id == old)
        conn.execute(update(s.stories).where(s.stories.c.id.in_(holding)).values(updated=_now(), dossier_stale=True))
        self._replace_version(conn, old, new)

    def get_source(self, source: str) -> SourceRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.sources).where(s.sources.c.source == _no_nul(source))).first()
        return SourceRecord(row.source, row.article_id, row.content_hash) if row else None

    def _links(self, conn: Connection, article_id: str) -> tuple[str | None, str | None]:
        row = conn.execute(select(s.article_versions.c.previous_id, s.article_versions.c.superseded_by)
                           .where(s.article_versions.c.article_id == article_id)).first()
        return (row.previous_id, row.superseded_by) if row else (None, None)

    def latest_version(self, article_id: str) -> str:
        with self.engine.connect() as conn:
            current, seen = article_id, {article_id}
            while (newer := self._links(conn, current)[1]) is not None and newer not in seen:
                current = newer
                seen.add(current)
        return current

    def versions(self, article_id: str) -> list[str]:
        latest = self.latest_version(article_id)
        with self.engine.connect() as conn:
            chain = [latest]
            while (older := self._links(conn, chain[-1])[0]) is not None and older not in chain:
                chain.append(older)
        return chain[::-1]

    def _put_annotations(self, conn: Connection, article_id: str, ann: Annotations, replace: bool) -> None:
        values = {"article_id": article_id, "data": json.dumps(to_dict(ann), ensure_ascii=False),
                  "version": ann.version}
        stmt = self._insert(s.annotations).values(**values)
        if replace:
            stmt = stmt.on_conflict_do_update(index_elements=["article_id"],
                                              set_={"data": values["data"], "version": ann.version})
        else:
            stmt = stmt.on_conflict_do_nothing(index_elements=["article_id"])
        if conn.execute(stmt.returning(s.annotations.c.article_id)).first() is not None:
            # New annotations change every dossier built on this article.
            member = select(s.story_articles.c.story_id).where(s.story_articles.c.article_id == article_id)
            conn.execute(update(s.stories).where(s.stories.c.id.in_(member)).values(dossier_stale=True))

    def save_annotations(self, article_id: str, annotations: Annotations) -> None:
        with self.engine.begin() as conn:
            self._put_annotations(conn, article_id, annotations, replace=True)

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(s.articles.c.id).where(s.articles.c.id == article_id)).first() is not None

    def has_source(self, source: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.sources.c.article_id).where(s.sources.c.source == _no_nul(source))).first()
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
            input_kind=row.input_kind or "text", partial=row.partial, dateline_place=row.dateline_place,
            dateline_date=row.dateline_date,
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
        query = _no_nul(query)
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                return self._search_sqlite(conn, query, limit)
            return self._search_pg(conn, query, limit)

    def _search_sqlite(self, conn: Connection, query: str, limit: int) -> list[SearchHit]:
        sql = text("SELECT f.id AS id, a.title AS title, a.outlet AS outlet, "
                   "a.text AS text, "
                   "bm25(articles_fts, 0.0, 5.0, 1.0) AS score FROM articles_fts f "
                   "JOIN articles a ON a.id = f.id WHERE articles_fts MATCH :q ORDER BY score LIMIT :n")
        for mode in ("and", "or"):
            fts = fts5_query(query, mode)
            if not fts:
                return []
            rows = conn.execute(sql, {"q": fts, "n": limit}).all()
            if rows:
                return [_hit(r, query, -float(r.score)) for r in rows]
        return []

    def _search_pg(self, conn: Connection, query: str, limit: int) -> list[SearchHit]:
        sql = text("SELECT id, title, outlet, ts_rank(tsv, q) AS score, text "
                   "FROM articles, to_tsquery('english', :q) AS q WHERE tsv @@ q "
                   "ORDER BY score DESC, id LIMIT :n")
        for mode in ("and", "or"):
            pq = pg_query(query, mode)
            if not pq:
                return []
            rows = conn.execute(sql, {"q": pq, "n": limit}).all()
            if rows:
                return [_hit(r, query, float(r.score)) for r in rows]
        return []

    # stories ------------------------------------------------------------------
    def _story(self, conn: Connection, story_id: int) -> Story:
        row = conn.execute(select(s.stories).where(s.stories.c.id == story_id)).first()
        if row is None:
            raise NotFoundError(f"no story {story_id}")
        ids = [r.article_id for r in conn.execute(
            select(s.story_articles.c.article_id).where(s.story_articles.c.story_id == story_id)
            .order_by(s.story_articles.c.position, s.story_articles.c.article_id))]
        span = conn.execute(select(func.min(s.articles.c.published), func.max(s.articles.c.published))
                            .join(s.story_articles, s.story_articles.c.article_id == s.articles.c.id)
                            .where(s.story_articles.c.story_id == story_id)).first()
        return Story(row.id, row.name, ids, row.created, row.updated, bool(row.dossier_stale),
                     label=row.label or row.name, edited=bool(row.edited), first=span[0] if span else None,
                     last=span[1] if span else None, origins=row.origins)

    def create_story(self, name: str, article_ids: list[str] | None = None) -> Story:
        name = _no_nul(name)
        with self.engine.begin() as conn:
            existing = conn.execute(select(s.stories.c.id).where(s.stories.c.name == name)).scalar()
            if existing is None:
                try:
                    existing = conn.execute(insert(s.stories).values(
                        id=next_story_id(conn, s.stories), name=name, label=name, edited=True, created=_now(), updated=_now(),
                        dossier_stale=True).returning(s.stories.c.id)).scalar_one()
                except IntegrityError:  # created concurrently: use that one
                    existing = conn.execute(select(s.stories.c.id).where(s.stories.c.name == name)).scalar_one()
            self._pin(conn, existing, article_ids or [])
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
            sid = conn.execute(select(s.stories.c.id).where(s.stories.c.name == _no_nul(name))).scalar()
            return self._story(conn, sid) if sid is not None else None

    def list_stories(self) -> list[Story]:
        with self.engine.connect() as conn:
            ids = conn.execute(select(s.stories.c.id).order_by(s.stories.c.updated.desc(), s.stories.c.id)).scalars()
            return [self._story(conn, i) for i in list(ids)]

    def add_to_story(self, story_id: int, article_ids: list[str]) -> Story:
        with self.engine.begin() as conn:
            self._story(conn, story_id)
            self._pin(conn, story_id, article_ids)
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
            origins = dossier.get("origins")
            conn.execute(update(s.stories).where(s.stories.c.id == story_id).values(
                dossier_stale=False, origins=len(origins) if isinstance(origins, list) else None))

    def get_dossier(self, story_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            data = conn.execute(select(s.dossiers.c.data).where(s.dossiers.c.story_id == story_id)).scalar()
        return json.loads(data) if data else None

    # jobs ---------------------------------------------------------------------
    def save_job(self, job: Job) -> None:
        values = {"story_id": job.story_id, "state": job.state, "total": job.total, "done": job.done,
                  "errors": _job_outcome(job), "message": job.message, "updated": _now(),
                  "stage": job.stage, "stage_done": job.stage_done, "stage_total": job.stage_total}
        with self.engine.begin() as conn:
            conn.execute(self._insert(s.jobs).values(id=job.id, **values)
                         .on_conflict_do_update(index_elements=["id"], set_=values))

    def get_job(self, job_id: str) -> Job:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.jobs).where(s.jobs.c.id == bindparam("i")), {"i": job_id}).first()
        if row is None:
            raise NotFoundError(f"no job {job_id!r}")
        outcome = json.loads(row.errors)
        if isinstance(outcome, list):  # jobs written before added/skipped were recorded
            outcome = {"errors": outcome}
        return Job(row.id, row.story_id, row.state, row.total, row.done, outcome.get("errors", []), row.message,
                   outcome.get("added", []), outcome.get("skipped", []), row.stage, row.stage_done, row.stage_total)

    def close(self) -> None:
        self.engine.dispose()


def _hit(row: Any, query: str, rank: float) -> SearchHit:
    text, highlights = snippet(row.text, query)
    return SearchHit(row.id, row.title, row.outlet, text, rank, highlights)


def _agency_names(raw: str) -> list[str]:
    best: dict[str, float] = {}
    for ev in json.loads(raw):
        best[ev["agency"]] = max(best.get(ev["agency"], 0.0), float(ev.get("confidence", 0)))
    return [a for a, c in sorted(best.items(), key=lambda kv: -kv[1]) if c >= 0.5]


def _job_outcome(job: Job) -> str:
    """A job's per-input outcome as the JSON of its ``errors`` column (no schema change)."""
    return json.dumps({"errors": job.errors, "added": job.added, "skipped": job.skipped}, ensure_ascii=False)
