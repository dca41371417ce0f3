"""Stories as a partition of the articles: placements by the clusterer, a person's
edits (pin, merge, split, move), story signals and feed state. Mixed into ``SqlStore``.

An article belongs to at most one story. A person's edit marks the stories it touches
``edited`` and adds one to the ``edits`` counter, which tells a running clusterer to
rebuild from the store; a story an edit leaves without articles is deleted. Every
method is one transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from newsdesk.errors import EditError
from newsdesk.store import schema as s
from newsdesk.store import streamrows as r
from newsdesk.store.base import Story
from newsdesk.store.streamrows import SignalRow

EDITS = "edits"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class StoryEdits:
    """Story placement and edit operations over ``self.engine`` (see module docstring)."""

    # The concrete store provides ``_story``, ``_add_members``, ``_resolve`` and ``_insert``.
    engine: Engine

    # ------------------------------------------------------------------ shared steps
    def _holders(self, conn: Connection, article_id: str) -> list[int]:
        return [row.story_id for row in conn.execute(
            select(s.story_articles.c.story_id).where(s.story_articles.c.article_id == article_id)
            .order_by(s.story_articles.c.story_id))]

    def _rows_of(self, conn: Connection, article_ids: list[str]) -> list[tuple[str, int]]:
        """(article, story) rows holding these articles."""
        return [(row.article_id, row.story_id) for row in conn.execute(
            select(s.story_articles.c.article_id, s.story_articles.c.story_id)
            .where(s.story_articles.c.article_id.in_(article_ids)))]

    def _edited(self, conn: Connection, *story_ids: int) -> None:
        conn.execute(update(s.stories).where(s.stories.c.id.in_(story_ids))
                     .values(edited=True, updated=_now(), dossier_stale=True))

    def _drop_if_empty(self, conn: Connection, story_id: int) -> None:
        left = conn.execute(select(func.count()).select_from(s.story_articles)
                            .where(s.story_articles.c.story_id == story_id)).scalar_one()
        if not left:
            conn.execute(delete(s.dossiers).where(s.dossiers.c.story_id == story_id))
            conn.execute(delete(s.stories).where(s.stories.c.id == story_id))

    def _take_out(self, conn: Connection, article_ids: list[str], keep: int | None) -> None:
        """Remove the articles from every story but ``keep``; those stories become edited."""
        query = select(s.story_articles.c.story_id).where(s.story_articles.c.article_id.in_(article_ids))
        if keep is not None:
            query = query.where(s.story_articles.c.story_id != keep)
        left = sorted({row.story_id for row in conn.execute(query)})
        if not left:
            return
        conn.execute(delete(s.story_articles).where(s.story_articles.c.article_id.in_(article_ids),
                                                    s.story_articles.c.story_id.in_(left)))
        self._edited(conn, *left)
        for sid in left:
            self._drop_if_empty(conn, sid)
            self._relabel_if_gone(conn, sid, article_ids)

    def _relabel_if_gone(self, conn: Connection, story_id: int, gone: list[str]) -> None:
        """A story labelled with the headline of an article that left it takes the
        headline of its first remaining article (a label a person gave is kept)."""
        label = conn.execute(select(s.stories.c.label).where(s.stories.c.id == story_id)).scalar()
        if label is None:       # no label, or the story was dropped
            return
        titles = {" ".join((t or "").split())[:200]
                  for t in conn.execute(select(s.articles.c.title).where(s.articles.c.id.in_(gone))).scalars()}
        if label not in titles:
            return
        first = conn.execute(select(s.articles.c.title).join(s.story_articles,
                                                             s.story_articles.c.article_id == s.articles.c.id)
                             .where(s.story_articles.c.story_id == story_id)
                             .order_by(s.story_articles.c.position, s.story_articles.c.article_id).limit(1)).scalar()
        new = " ".join((first or "").split())[:200]
        if new:
            conn.execute(update(s.stories).where(s.stories.c.id == story_id).values(label=new))

    def _pin(self, conn: Connection, story_id: int, article_ids: list[str]) -> None:
        """A person puts these articles into this story (out of any other)."""
        ids = list(dict.fromkeys(article_ids))
        rows = self._rows_of(conn, ids)
        if all(sid == story_id for _, sid in rows) and {a for a, _ in rows} == set(ids):
            return      # already there and nowhere else (or no ids): nothing changes
        self._take_out(conn, ids, keep=story_id)
        self._add_members(conn, story_id, ids)
        self._edited(conn, story_id)
        r.bump(conn, EDITS)

    def _replace_version(self, conn: Connection, old: str, new: str) -> None:
        """A new version of a report takes the old version's place (same position) in
        the story holding it, so one report counts once; when the new version is in a
        story already, the old one just leaves (a story it empties is deleted). The old
        version keeps its signal, so the clusterer never places it again; the edits
        counter tells a running clusterer to rebuild without it."""
        held = self._holders(conn, old)
        if not held or old == new:
            return
        sa = s.story_articles
        if not self._holders(conn, new):
            conn.execute(update(sa).where(sa.c.article_id == old, sa.c.story_id == held[0]).values(article_id=new))
        conn.execute(delete(sa).where(sa.c.article_id == old))
        for sid in held:
            self._drop_if_empty(conn, sid)
            self._relabel_if_gone(conn, sid, [old])
        r.bump(conn, EDITS)

    def _unique_name(self, conn: Connection, base: str) -> str:
        name, n = base, 1
        while conn.execute(select(s.stories.c.id).where(s.stories.c.name == name)).first() is not None:
            n += 1
            name = f"{base} ({n})"
        return name

    def _new_story(self, conn: Connection, label: str, first_article: str, edited: bool) -> int:
        label = " ".join((label or "").split())[:200] or "Untitled story"
        name = self._unique_name(conn, f"{label[:120]} [{first_article[:8]}]")
        return conn.execute(insert(s.stories).values(id=r.next_story_id(conn, s.stories), name=name, label=label, edited=edited, created=_now(),
                                                     updated=_now(), dossier_stale=True)
                            .returning(s.stories.c.id)).scalar_one()

    # ------------------------------------------------------------------ clusterer side
    def place_article(self, article_id: str, signal: SignalRow, story_id: int | None,
                      label: str = "") -> tuple[int, bool, int]:
        """Store the article's signal and put it into ``story_id`` (a new automatic
        story labelled ``label`` when None or when that story no longer exists).
        An article already in a story stays there (seq 0: nothing stored).
        Returns (story id, created, the signal's seq)."""
        with self.engine.begin() as conn:
            held = self._holders(conn, article_id)
            if held:
                return held[0], False, 0
            created = story_id is None or conn.execute(
                select(s.stories.c.id).where(s.stories.c.id == story_id)).first() is None
            if created:
                story_id = self._new_story(conn, label, article_id, edited=False)
            seq = r.put_signal(conn, signal)
            self._add_members(conn, story_id, [article_id])
            return story_id, created, seq

    def save_signal(self, signal: SignalRow) -> None:
        """Store a signal for an article placed without one (pinned, or stored earlier)."""
        with self.engine.begin() as conn:
            r.put_signal(conn, signal)

    def signals(self, after: int = 0) -> list[SignalRow]:
        """Stored story signals with ``seq`` > ``after``, in placement order."""
        with self.engine.connect() as conn:
            return r.get_signals(conn, after)

    def stream_position(self) -> tuple[int, int]:
        """(edits made by people, last signal seq): a clusterer built at another
        position is out of date."""
        with self.engine.connect() as conn:
            return r.meta_value(conn, EDITS), r.last_seq(conn)

    def placements(self) -> dict[str, int]:
        """Article id → the story holding it (the lowest id if a store made before
        stories were a partition holds it twice)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(s.story_articles.c.article_id, s.story_articles.c.story_id)
                                .order_by(s.story_articles.c.story_id.desc()))
            return {row.article_id: row.story_id for row in rows}

    def unplaced_ids(self) -> list[str]:
        """Analysed articles never placed in a story, oldest stored first (arrival
        order). An article with a stored signal but in no story was taken out by a
        person (removed from its story, or its story deleted): it stays out."""
        a, sa, sig = s.articles, s.story_articles, r.story_signals
        query = (select(a.c.id).join(s.annotations, s.annotations.c.article_id == a.c.id)
                 .outerjoin(sa, sa.c.article_id == a.c.id).outerjoin(sig, sig.c.article_id == a.c.id)
                 .where(sa.c.article_id.is_(None), sig.c.article_id.is_(None))
                 .order_by(a.c.created, a.c.id))
        with self.engine.connect() as conn:
            return [row.id for row in conn.execute(query)]

    def unsignalled_ids(self) -> list[str]:
        """Articles in a story that have no stored signal (pinned before their signal
        was made), by story and position."""
        sa, sig = s.story_articles, r.story_signals
        query = (select(sa.c.article_id).outerjoin(sig, sig.c.article_id == sa.c.article_id)
                 .where(sig.c.article_id.is_(None)).order_by(sa.c.story_id, sa.c.position))
        with self.engine.connect() as conn:
            return list(dict.fromkeys(row.article_id for row in conn.execute(query)))

    # ------------------------------------------------------------------ a person's edits
    def merge_stories(self, target: int, other: int) -> Story:
        """Move every article of ``other`` into ``target`` and delete ``other``.
        Raises NotFoundError (unknown story) or EditError (the same story twice)."""
        with self.engine.begin() as conn:
            self._story(conn, target)
            moving = self._story(conn, other).article_ids
            if target == other:
                raise EditError(f"cannot merge story {target} with itself")
            self._pin(conn, target, moving)
            self._drop_if_empty(conn, other)
            return self._story(conn, target)

    def split_story(self, story_id: int, article_ids: list[str]) -> Story:
        """Move these articles (ids or unique prefixes) of the story into a new edited
        story, returned. Raises NotFoundError (unknown story or article) or EditError
        (no articles, an article not in the story, or every article of it)."""
        with self.engine.begin() as conn:
            story = self._story(conn, story_id)
            ids = list(dict.fromkeys(self._resolve(conn, a) for a in article_ids))
            if not ids:
                raise EditError("name the articles to split off")
            outside = [a for a in ids if a not in story.article_ids]
            if outside:
                raise EditError(f"article {outside[0]} is not in story {story_id}")
            if len(ids) == len(story.article_ids):
                raise EditError(f"cannot split every article off story {story_id}: a story keeps at least one")
            title = conn.execute(select(s.articles.c.title).where(s.articles.c.id == ids[0])).scalar()
            new_id = self._new_story(conn, title or "", ids[0], edited=True)
            self._pin(conn, new_id, ids)
            return self._story(conn, new_id)

    def move_article(self, article_id: str, story_id: int) -> Story:
        """Move one article (id or unique prefix) into the story, out of the one
        holding it. Raises NotFoundError or EditError (already in that story)."""
        with self.engine.begin() as conn:
            self._story(conn, story_id)
            full = self._resolve(conn, article_id)
            if story_id in self._holders(conn, full):
                raise EditError(f"article {full} is already in story {story_id}")
            self._pin(conn, story_id, [full])
            return self._story(conn, story_id)

    # ------------------------------------------------------------------ feeds
    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        """The (ETag, Last-Modified) a feed last answered with, for a conditional GET."""
        with self.engine.connect() as conn:
            row = conn.execute(select(r.feeds).where(r.feeds.c.url == url)).first()
        return (row.etag, row.last_modified) if row else (None, None)

    def save_feed_state(self, url: str, etag: str | None, last_modified: str | None) -> None:
        values = {"etag": etag, "last_modified": last_modified, "checked": _now()}
        with self.engine.begin() as conn:
            conn.execute(self._insert(r.feeds).values(url=url, **values)  # type: ignore[attr-defined]
                         .on_conflict_do_update(index_elements=["url"], set_=values))

    def seen_entries(self, feed: str) -> set[str]:
        """Ids of the feed's entries already read."""
        with self.engine.connect() as conn:
            return {row.entry for row in conn.execute(select(r.feed_entries.c.entry)
                                                      .where(r.feed_entries.c.feed == feed))}

    def mark_entry(self, feed: str, entry: str, article_id: str | None) -> None:
        with self.engine.begin() as conn:
            conn.execute(self._insert(r.feed_entries).values(  # type: ignore[attr-defined]
                feed=feed, entry=entry, article_id=article_id)
                .on_conflict_do_update(index_elements=["feed", "entry"], set_={"article_id": article_id}))
