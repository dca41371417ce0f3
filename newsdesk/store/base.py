"""The one Store interface; SQLite and PostgreSQL implement it with one schema.

A shared contract test (tests/store/test_contract.py) runs against every back end.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsdesk.model import Annotations, Article
from newsdesk.store.search import Highlight
from newsdesk.vectors import SentenceVectors


@dataclass
class ArticleSummary:
    """One row of an article listing."""

    id: str
    title: str | None
    outlet: str | None
    published: datetime | None
    language: str | None
    source: str
    agencies: list[str] = field(default_factory=list)
    analyzed: bool = False
    chars: int = 0


@dataclass
class SourceRecord:
    """Where an article came from: a path, URL or upload name, the article last stored
    from it, and the SHA-256 (hex) of the raw input read there (None for rows stored
    before content hashes were kept)."""

    source: str
    article_id: str
    content_hash: str | None = None


@dataclass
class SearchHit:
    """One full-text search result: ``snippet`` is plain article text around the
    matches, ``highlights`` the matched stretches as offsets into it."""

    id: str
    title: str | None
    outlet: str | None
    snippet: str
    rank: float
    highlights: list[Highlight] = field(default_factory=list)


@dataclass
class Story:
    """A named set of articles; its dossier is stored, not recomputed on each view.

    ``label``: a representative headline; ``edited``: a person made or changed it
    (named with ``--story``, merged, split, moved into), else the clusterer formed it;
    ``first``/``last``: publication times of its oldest and newest dated articles;
    ``origins``: independent origins in its last dossier (None before one is built)."""

    id: int
    name: str
    article_ids: list[str]
    created: datetime | None = None
    updated: datetime | None = None
    dossier_stale: bool = True
    label: str = ""
    edited: bool = False
    first: datetime | None = None
    last: datetime | None = None
    origins: int | None = None


@dataclass
class Job:
    """Long work (analysis of an upload) that runs off the request thread."""

    id: str
    story_id: int | None
    state: str            # queued | running | done | failed
    total: int = 0
    done: int = 0
    errors: list[str] = field(default_factory=list)   # "source: reason" per input that failed
    message: str = ""
    added: list[str] = field(default_factory=list)    # sources stored as new articles
    skipped: list[str] = field(default_factory=list)  # "source: why" per input already stored
    stage: str = ""       # the synthesis stage running (crossdoc.STAGES), "" before and after
    stage_done: int = 0   # sentences embedded while stage == "embedding", else stages done
    stage_total: int = 0


class Store(abc.ABC):
    """Persistent home of articles, annotations, stories, dossiers and jobs.

    Every write is one transaction: an article row, its removed spans and its
    annotations are written together or not at all, so a run killed at any point leaves
    no half-written article and a re-run completes it without duplicates.
    """

    url: str

    # articles -----------------------------------------------------------------
    @abc.abstractmethod
    def add_article(self, article: Article, content_hash: str | None = None) -> bool:
        """Store one article (with its annotations if set) in one transaction.
        Returns True if it was new, False if an article with that id already existed
        (then nothing changes, except that annotations are filled in if missing).

        With ``content_hash`` (of the raw input at ``article.source``) the source is
        versioned: if that source last gave a different article, this one becomes its
        new version (linked to the old one, which stays stored; stories holding the old
        one get a stale dossier). Without it, the first article stored from a source
        keeps the source."""

    @abc.abstractmethod
    def get_source(self, source: str) -> SourceRecord | None:
        """What was last stored from this source (path/URL), if anything."""

    @abc.abstractmethod
    def latest_version(self, article_id: str) -> str:
        """The id of the newest version of this article (itself if never replaced)."""

    @abc.abstractmethod
    def versions(self, article_id: str) -> list[str]:
        """Every version of this article's report, oldest first, newest last."""

    @abc.abstractmethod
    def has_article(self, article_id: str) -> bool: ...

    @abc.abstractmethod
    def has_source(self, source: str) -> str | None:
        """Id of the article already ingested from this source (path/URL), if any."""

    @abc.abstractmethod
    def get_article(self, article_id: str) -> Article:
        """The full article with annotations; raises NotFoundError. Accepts a unique
        id prefix of at least 6 characters."""

    @abc.abstractmethod
    def get_articles(self, article_ids: list[str]) -> list[Article]: ...

    @abc.abstractmethod
    def list_articles(self, limit: int = 100, offset: int = 0) -> list[ArticleSummary]: ...

    @abc.abstractmethod
    def count_articles(self) -> int: ...

    @abc.abstractmethod
    def save_annotations(self, article_id: str, annotations: Annotations) -> None:
        """Replace the article's annotations; every story holding it gets a stale dossier."""

    @abc.abstractmethod
    def unanalyzed_ids(self, article_ids: list[str] | None = None) -> list[str]: ...

    @abc.abstractmethod
    def save_vectors(self, article_id: str, vectors: SentenceVectors) -> None:
        """Store the article's sentence vectors, replacing any it had (of any model)."""

    @abc.abstractmethod
    def get_vectors(self, article_ids: list[str], model: str) -> dict[str, SentenceVectors]:
        """Stored vectors of these articles made by ``model``; articles without are left out."""

    @abc.abstractmethod
    def unembedded_ids(self, model: str, article_ids: list[str] | None = None) -> list[str]:
        """Analysed articles with no vectors of ``model`` (new, or embedded by another model)."""

    @abc.abstractmethod
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Ranked full-text search (SQLite FTS5 / PostgreSQL tsvector)."""

    # stories ------------------------------------------------------------------
    @abc.abstractmethod
    def create_story(self, name: str, article_ids: list[str] | None = None) -> Story:
        """Create a story, or return the existing one of that name with the ids added."""

    @abc.abstractmethod
    def get_story(self, story_id: int) -> Story: ...

    @abc.abstractmethod
    def find_story(self, name: str) -> Story | None: ...

    @abc.abstractmethod
    def list_stories(self) -> list[Story]: ...

    @abc.abstractmethod
    def add_to_story(self, story_id: int, article_ids: list[str]) -> Story:
        """Adds the articles and marks the stored dossier stale."""

    @abc.abstractmethod
    def remove_from_story(self, story_id: int, article_ids: list[str]) -> Story: ...

    @abc.abstractmethod
    def delete_story(self, story_id: int) -> None: ...

    @abc.abstractmethod
    def merge_stories(self, target: int, other: int) -> Story:
        """A person merges ``other`` into ``target`` (see ``store.storyedits``)."""

    @abc.abstractmethod
    def split_story(self, story_id: int, article_ids: list[str]) -> Story:
        """A person splits these articles off into a new story, returned."""

    @abc.abstractmethod
    def move_article(self, article_id: str, story_id: int) -> Story:
        """A person moves one article into the story, returned."""

    @abc.abstractmethod
    def save_dossier(self, story_id: int, dossier: dict[str, Any]) -> None:
        """Store the dossier JSON (newsdesk.dossier/1) and clear the stale flag."""

    @abc.abstractmethod
    def get_dossier(self, story_id: int) -> dict[str, Any] | None: ...

    # jobs ---------------------------------------------------------------------
    @abc.abstractmethod
    def save_job(self, job: Job) -> None: ...

    @abc.abstractmethod
    def get_job(self, job_id: str) -> Job: ...

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections."""
