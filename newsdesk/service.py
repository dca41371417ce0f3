"""Use cases shared by the CLI and the API: ingest inputs, analyse articles, build and
store dossiers. Thin orchestration over the stages; no printing, no HTTP.

>>> from newsdesk.store import open_store                      # doctest: +SKIP
>>> store = open_store("sqlite:///newsdesk.db")                 # doctest: +SKIP
>>> result = ingest(["examples/corpus"], store, Settings())      # doctest: +SKIP
>>> result.new, len(result.problems)                            # doctest: +SKIP
(6, 0)
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from newsdesk.errors import NewsdeskError
from newsdesk.model import Article, Dossier, InputProblem, Report, from_dict, to_dict
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

    from newsdesk.engine import Analysed, Analyser, Pending
    from newsdesk.store import Store
    from newsdesk.vectors import SentenceVectors

log = logging.getLogger(__name__)

Progress = Callable[[int, int | None], None]
StageProgress = Callable[[str, int, int], None]  # (stage, done, total), see crossdoc.STAGES


@dataclass
class IngestResult:
    """What one ingest run did: ids in input order (new and already stored), problems."""

    article_ids: list[str] = field(default_factory=list)
    new: int = 0
    existing: int = 0
    analyzed: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    added: list[str] = field(default_factory=list)    # sources stored as new articles
    skipped: list[str] = field(default_factory=list)  # sources whose article was already stored
    stories: list[int] = field(default_factory=list)  # stories that gained articles (clustering)

    @property
    def ok(self) -> bool:
        return not self.problems


def pipeline(settings: Settings) -> Language:
    """The analysis pipeline for these settings, built once per process."""
    from newsdesk.engine import _pipeline

    return _pipeline(settings.spacy_model)


def ingest(inputs: list[str], store: Store, settings: Settings, *, analyze: bool = True,
           progress: Progress | None = None,
           on_problem: Callable[[InputProblem], None] | None = None) -> IngestResult:
    """Read, clean, (analyse) and store every input; one problem per bad input.

    An input already ingested from the same source with the same content is skipped, so
    an interrupted run can be re-run to completion without duplicates; one whose content
    changed is stored as a new version of the article it replaces. ``progress(done,
    total)`` counts reports; ``total`` starts as the number of files and URLs and grows
    when a file holds several reports (JSONL, feeds, WARC).
    """
    from newsdesk.ingest import count_inputs, read_inputs

    return ingest_reports(read_inputs(inputs, settings), store, settings, analyze=analyze,
                          progress=progress, on_problem=on_problem, versioned=True,
                          total=count_inputs(inputs) if progress else None)


def ingest_reports(reports: Iterable[Report | InputProblem], store: Store, settings: Settings, *,
                   analyze: bool = True, progress: Progress | None = None,
                   on_problem: Callable[[InputProblem], None] | None = None,
                   versioned: bool = False, total: int | None = None) -> IngestResult:
    """Clean and store already-read reports (uploads, pasted text, reader output).

    ``versioned``: sources are real identities (paths, URLs), so a source whose content
    hash changed is re-read and stored as a new version; otherwise a source already
    stored is skipped whatever its content. ``progress(done, total)`` is called as
    reports are stored (or fail); ``total`` is the estimate given, raised to the number
    of reports seen when that is more. With ``settings.workers`` > 1 one batch is
    analysed by the workers while the next is read and cleaned here, so the workers
    never wait for this process.
    """
    from newsdesk.engine import Analyser

    result = IngestResult()
    counts = _Counts(progress, total)
    hashes: dict[str, str] = {}

    def problem(p: InputProblem) -> None:
        result.problems.append(p)
        if on_problem:
            on_problem(p)

    with Analyser(settings) as analyser:
        in_flight = 1 if settings.workers > 1 else 0
        pending: list[tuple[list[Article], list[Article], Pending | None]] = []
        for batch in _clean_batches(reports, store, settings, analyze, problem, result, versioned, hashes, counts):
            todo = [a for a in batch if not (store.has_article(a.id) and not store.unanalyzed_ids([a.id]))]
            pending.append((batch, todo, analyser.submit(todo) if analyze and todo else None))
            while len(pending) > in_flight:
                done = pending.pop(0)
                _store_batch(*done, store, result, problem, hashes)
                counts.tick(len(done[0]))
        while pending:
            done = pending.pop(0)
            _store_batch(*done, store, result, problem, hashes)
            counts.tick(len(done[0]))
    if analyze and settings.cluster_stories:
        result.stories = cluster_stored(store, result.article_ids)
    return result


def cluster_stored(store: Store, article_ids: list[str] | None = None) -> list[int]:
    """Put each analysed article that is in no story yet into one (``article_ids``
    first, in order; see ``newsdesk.storystream``); returns the stories that gained
    articles, in the order they first did."""
    from newsdesk.storystream import stream_for

    return list(dict.fromkeys(p.story for p in stream_for(store).assign(article_ids)))


@dataclass
class _Counts:
    """Reports seen and done, for ``progress(done, total)``."""

    progress: Progress | None
    total: int | None
    seen: int = 0
    done: int = 0

    def tick(self, n: int = 1) -> None:
        self.done += n
        if self.progress:
            self.progress(self.done, None if self.total is None else max(self.total, self.seen))


def _clean_batches(reports: Iterable[Report | InputProblem], store: Store, settings: Settings, analyze: bool,
                   problem: Callable[[InputProblem], None], result: IngestResult, versioned: bool,
                   hashes: dict[str, str], counts: _Counts) -> Iterator[list[Article]]:
    """Cleaned articles in batches of ``settings.batch_size``; sources already stored
    (with this content, when ``versioned``) and analysed are counted as existing and skipped."""
    from newsdesk.clean import clean_report
    from newsdesk.ingest.identity import content_hash

    batch: list[Article] = []
    for item in reports:
        counts.seen += 1
        if isinstance(item, InputProblem):
            problem(item)
            counts.tick()
            continue
        digest = content_hash(item) if versioned else None
        known = _stored_as(store, item.source, digest)
        if known and not (analyze and store.unanalyzed_ids([known])):
            result.article_ids.append(known)
            result.existing += 1
            result.skipped.append(item.source)
            counts.tick()
            continue
        if digest:
            hashes[item.source] = digest
        try:
            batch.append(clean_report(item, settings))
        except NewsdeskError as exc:
            problem(InputProblem(item.source, getattr(exc, "reason", str(exc))))
            counts.tick()
        except Exception as exc:  # a bug on one input must not sink the batch
            log.exception("cleaning %s failed", item.source)
            problem(InputProblem(item.source, f"unexpected error: {type(exc).__name__}: {exc}"))
            counts.tick()
        if len(batch) >= settings.batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _stored_as(store: Store, source: str, digest: str | None) -> str | None:
    """The article already stored from this source with this content (any content
    when ``digest`` is None), if there is one."""
    if digest is None:
        return store.has_source(source)
    known = store.get_source(source)
    return known.article_id if known and known.content_hash == digest else None


def _store_batch(batch: list[Article], todo: list[Article], pending: Pending | None, store: Store,
                 result: IngestResult, problem: Callable[[InputProblem], None],
                 hashes: dict[str, str] | None = None) -> None:
    vectors = _apply(todo, pending.results(), problem) if pending is not None else {}
    result.analyzed += sum(1 for a in todo if a.annotations is not None)
    for article in batch:
        try:
            is_new = store.add_article(article, content_hash=(hashes or {}).get(article.source))
            if article.id in vectors:
                store.save_vectors(article.id, vectors[article.id])
        except NewsdeskError as exc:
            problem(InputProblem(article.source, f"could not store: {exc}"))
            continue
        result.article_ids.append(article.id)
        if is_new:
            result.new += 1
            result.added.append(article.source)
        else:
            result.existing += 1
            result.skipped.append(article.source)


def _annotate(articles: list[Article], analyser: Analyser,
              problem: Callable[[InputProblem], None] | None = None) -> dict[str, SentenceVectors]:
    """Set ``annotations`` on each article and return its sentence vectors by id; a
    failure on one article is isolated (its annotations stay None)."""
    return _apply(articles, analyser.run(articles), problem)


def _apply(articles: list[Article], results: list[Analysed],
           problem: Callable[[InputProblem], None] | None = None) -> dict[str, SentenceVectors]:
    vectors: dict[str, SentenceVectors] = {}
    for article, done in zip(articles, results, strict=True):
        article.annotations = done.annotations
        if done.vectors is not None:
            vectors[article.id] = done.vectors
        if done.error and problem:
            problem(InputProblem(article.source, done.error))
        if done.annotations is not None and done.annotations.note:
            log.warning("%s: %s", article.source, done.annotations.note)
    return vectors


def annotate(articles: list[Article], settings: Settings) -> None:
    """Set ``annotations`` on these (unstored) articles; no vectors are made."""
    from newsdesk.engine import Analyser

    with Analyser(settings, embed=False) as analyser:
        _annotate(articles, analyser)


def analyze_stored(store: Store, settings: Settings, article_ids: list[str] | None = None,
                   force: bool = False) -> int:
    """Analyse stored articles that have no annotations yet (all of them with ``force``),
    and give every analysed article vectors of the current embedder (a model change
    re-embeds); articles in no story yet are then put into one (``cluster_stories``).
    Returns how many articles were analysed."""
    from newsdesk.engine import Analyser

    ids = list(article_ids or []) if force else store.unanalyzed_ids(article_ids)
    if force and not ids:
        ids = [s.id for s in store.list_articles(limit=10**9)]
    done = 0
    with Analyser(settings) as analyser:
        for start in range(0, len(ids), settings.batch_size):
            articles = store.get_articles(ids[start:start + settings.batch_size])
            vectors = _annotate(articles, analyser)
            for article in articles:
                if article.annotations is not None:
                    store.save_annotations(article.id, article.annotations)
                    done += 1
                if article.id in vectors:
                    store.save_vectors(article.id, vectors[article.id])
    embed_stored(store, None if article_ids is None else ids)
    if settings.cluster_stories:
        cluster_stored(store, ids)
    return done


def embed_stored(store: Store, article_ids: list[str] | None = None) -> int:
    """Embed analysed articles that have no vectors of the current embedder (stored
    before vectors existed, or by another model); returns how many were embedded."""
    from newsdesk.nlp_models import embedder
    from newsdesk.vectors import embed_articles, model_name

    model = embedder()
    ids = store.unembedded_ids(model_name(model), article_ids)
    for start in range(0, len(ids), 64):
        articles = store.get_articles(ids[start:start + 64])
        for article_id, vecs in embed_articles(articles, model).items():
            store.save_vectors(article_id, vecs)
    return len(ids)


def articles_for_dossier(store: Store, article_ids: list[str], settings: Settings) -> list[Article]:
    """The stored articles (resolving id prefixes; a replaced report's latest version in
    its place), analysed and embedded if they were not yet."""
    from newsdesk.engine import Analyser

    articles = _latest_versions(store, [store.get_article(i) for i in dict.fromkeys(article_ids)])
    missing = [a for a in articles if a.annotations is None]
    if missing:
        with Analyser(settings) as analyser:
            vectors = _annotate(missing, analyser)
        for article in missing:
            if article.annotations is not None:
                store.save_annotations(article.id, article.annotations)
            if article.id in vectors:
                store.save_vectors(article.id, vectors[article.id])
    embed_stored(store, [a.id for a in articles])
    return articles


def _latest_versions(store: Store, articles: list[Article]) -> list[Article]:
    """Each article replaced by its newest version (read only when it differs), once."""
    newest: dict[str, Article] = {}
    for article in articles:
        latest = store.latest_version(article.id)
        if latest not in newest:
            newest[latest] = article if latest == article.id else store.get_article(latest)
    return list(newest.values())


def inputs_fingerprint(articles: list[Article]) -> str:
    """A short hash of the article ids and their annotations: a dossier built from
    inputs with the same fingerprint is the same dossier.

    >>> inputs_fingerprint([]) == inputs_fingerprint([])
    True
    """
    digest = hashlib.sha256()
    for article in sorted({a.id: a for a in articles}.values(), key=lambda a: a.id):
        digest.update(article.id.encode() + b"\0")
        digest.update(json.dumps(to_dict(article.annotations), ensure_ascii=False, sort_keys=True).encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def build_dossier_for(store: Store, article_ids: list[str], settings: Settings,
                      title: str | None = None, progress: StageProgress | None = None) -> Dossier:
    """The cross-source dossier of these stored articles (``progress``: see crossdoc.STAGES)."""
    return _build(store, articles_for_dossier(store, article_ids, settings), title, progress)


def _build(store: Store, articles: list[Article], title: str | None, progress: StageProgress | None) -> Dossier:
    """The dossier of these analysed articles, from their stored sentence vectors."""
    from newsdesk.crossdoc import build_dossier
    from newsdesk.nlp_models import embedder
    from newsdesk.vectors import model_name

    model = embedder()
    stored = store.get_vectors([a.id for a in articles], model_name(model))
    dossier = build_dossier(articles, model, progress, stored)
    dossier.title = title or dossier.title
    dossier.generated = datetime.now(UTC).isoformat(timespec="seconds")
    dossier.inputs = inputs_fingerprint(articles)
    return dossier


def refresh_story_dossier(store: Store, story_id: int, settings: Settings,
                          progress: StageProgress | None = None) -> dict[str, Any]:
    """Rebuild a story's dossier from its articles and store it (JSON, newsdesk.dossier/1)."""
    story = store.get_story(story_id)
    data = to_dict(build_dossier_for(store, story.article_ids, settings, title=story.name, progress=progress))
    store.save_dossier(story_id, data)
    return data


@dataclass
class StoryDossier:
    """A story's dossier JSON and whether it was rebuilt for this request."""

    data: dict[str, Any]
    rebuilt: bool


def ensure_story_dossier(store: Store, story_id: int, settings: Settings,
                         progress: StageProgress | None = None) -> StoryDossier:
    """The story's stored dossier, rebuilt exactly when its inputs changed: an article
    added or removed, or an article's annotations changed (``reanalyze``). The store
    marks the dossier stale on each of those writes, so a read costs no article loads."""
    story = store.get_story(story_id)
    stored = None if story.dossier_stale else store.get_dossier(story_id)
    if stored is not None:
        return StoryDossier(stored, rebuilt=False)
    return StoryDossier(refresh_story_dossier(store, story_id, settings, progress), rebuilt=True)


def story_dossier(store: Store, story_id: int, settings: Settings,
                  progress: StageProgress | None = None) -> dict[str, Any]:
    """The stored dossier of a story; recomputed only when its inputs changed."""
    return ensure_story_dossier(store, story_id, settings, progress).data


def current_dossier(store: Store, article_ids: list[str], settings: Settings,
                    previous: dict[str, Any] | None) -> bool:
    """Whether ``previous`` (a dossier JSON) was built from exactly these stored
    articles with their present annotations."""
    if not previous or not previous.get("inputs"):
        return False
    return previous["inputs"] == inputs_fingerprint(articles_for_dossier(store, article_ids, settings))


def dossier_record(data: dict[str, Any]) -> Dossier:
    """A stored dossier JSON back as a Dossier record (for rendering)."""
    return from_dict(Dossier, data)
