"""Use cases shared by the CLI and the API: ingest inputs, analyse articles, build and
store dossiers. Thin orchestration over the stages; no printing, no HTTP.

>>> from newsdesk.store import open_store                      # doctest: +SKIP
>>> store = open_store("sqlite:///newsdesk.db")                 # doctest: +SKIP
>>> result = ingest(["examples/corpus"], store, Settings())      # doctest: +SKIP
>>> result.new, len(result.problems)                            # doctest: +SKIP
(6, 0)
"""

from __future__ import annotations

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


@dataclass
class IngestResult:
    """What one ingest run did: ids in input order (new and already stored), problems."""

    article_ids: list[str] = field(default_factory=list)
    new: int = 0
    existing: int = 0
    analyzed: int = 0
    problems: list[InputProblem] = field(default_factory=list)

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

    Inputs already ingested from the same source are skipped, so an interrupted run
    can be re-run to completion without duplicates.
    """
    from newsdesk.ingest import read_inputs

    return ingest_reports(read_inputs(inputs, settings), store, settings, analyze=analyze,
                          progress=progress, on_problem=on_problem)


def ingest_reports(reports: Iterable[Report | InputProblem], store: Store, settings: Settings, *,
                   analyze: bool = True, progress: Progress | None = None,
                   on_problem: Callable[[InputProblem], None] | None = None) -> IngestResult:
    """Clean and store already-read reports (uploads, pasted text, reader output).

    With ``settings.workers`` > 1 one batch is analysed by the workers while the next
    is read and cleaned here, so the workers never wait for this process."""
    from newsdesk.engine import Analyser

    result = IngestResult()

    def problem(p: InputProblem) -> None:
        result.problems.append(p)
        if on_problem:
            on_problem(p)

    with Analyser(settings) as analyser:
        in_flight = 1 if settings.workers > 1 else 0
        pending: list[tuple[list[Article], list[Article], Pending | None]] = []
        for batch in _clean_batches(reports, store, settings, analyze, progress, problem, result):
            todo = [a for a in batch if not (store.has_article(a.id) and not store.unanalyzed_ids([a.id]))]
            pending.append((batch, todo, analyser.submit(todo) if analyze and todo else None))
            while len(pending) > in_flight:
                _store_batch(*pending.pop(0), store, result, problem)
        while pending:
            _store_batch(*pending.pop(0), store, result, problem)
    return result


def _clean_batches(reports: Iterable[Report | InputProblem], store: Store, settings: Settings, analyze: bool,
                   progress: Progress | None, problem: Callable[[InputProblem], None],
                   result: IngestResult) -> Iterator[list[Article]]:
    """Cleaned articles in batches of ``settings.batch_size``; already stored (and
    analysed) sources are counted as existing and skipped."""
    from newsdesk.clean import clean_report

    batch: list[Article] = []
    for seen, item in enumerate(reports, start=1):
        if isinstance(item, InputProblem):
            problem(item)
        else:
            known = store.has_source(item.source)
            if known and not (analyze and store.unanalyzed_ids([known])):
                result.article_ids.append(known)
                result.existing += 1
            else:
                try:
                    batch.append(clean_report(item, settings))
                except NewsdeskError as exc:
                    problem(InputProblem(item.source, getattr(exc, "reason", str(exc))))
                except Exception as exc:  # a bug on one input must not sink the batch
                    log.exception("cleaning %s failed", item.source)
                    problem(InputProblem(item.source, f"unexpected error: {type(exc).__name__}: {exc}"))
                if len(batch) >= settings.batch_size:
                    yield batch
                    batch = []
        if progress:
            progress(seen, None)
    if batch:
        yield batch


def _store_batch(batch: list[Article], todo: list[Article], pending: Pending | None, store: Store,
                 result: IngestResult, problem: Callable[[InputProblem], None]) -> None:
    vectors = _apply(todo, pending.results(), problem) if pending is not None else {}
    result.analyzed += sum(1 for a in todo if a.annotations is not None)
    for article in batch:
        try:
            is_new = store.add_article(article)
            if article.id in vectors:
                store.save_vectors(article.id, vectors[article.id])
        except NewsdeskError as exc:
            problem(InputProblem(article.source, f"could not store: {exc}"))
            continue
        result.article_ids.append(article.id)
        if is_new:
            result.new += 1
        else:
            result.existing += 1


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
    re-embeds). Returns how many articles were analysed."""
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
    return done


def embed_stored(store: Store, article_ids: list[str] | None = None) -> int:
    """Embed analysed articles that have no vectors of the current embedder (stored
    before vectors existed, or by another model); returns how many were embedded."""
    from newsdesk.models import embedder
    from newsdesk.vectors import embed_articles, model_name

    model = embedder()
    ids = store.unembedded_ids(model_name(model), article_ids)
    for start in range(0, len(ids), 64):
        articles = store.get_articles(ids[start:start + 64])
        for article_id, vecs in embed_articles(articles, model).items():
            store.save_vectors(article_id, vecs)
    return len(ids)


def articles_for_dossier(store: Store, article_ids: list[str], settings: Settings) -> list[Article]:
    """The stored articles (resolving id prefixes), analysed and embedded if they were not yet."""
    from newsdesk.engine import Analyser

    articles = [store.get_article(i) for i in dict.fromkeys(article_ids)]
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


def build_dossier_for(store: Store, article_ids: list[str], settings: Settings,
                      title: str | None = None) -> Dossier:
    """The cross-source dossier of these stored articles, from their stored vectors."""
    from newsdesk.crossdoc import build_dossier
    from newsdesk.models import embedder
    from newsdesk.vectors import model_name

    articles = articles_for_dossier(store, article_ids, settings)
    model = embedder()
    stored = store.get_vectors([a.id for a in articles], model_name(model))
    dossier = build_dossier(articles, model, stored)
    dossier.title = title or dossier.title
    dossier.generated = datetime.now(UTC).isoformat(timespec="seconds")
    return dossier


def refresh_story_dossier(store: Store, story_id: int, settings: Settings) -> dict[str, Any]:
    """Rebuild a story's dossier from its articles and store it (JSON, newsdesk.dossier/1)."""
    story = store.get_story(story_id)
    data = to_dict(build_dossier_for(store, story.article_ids, settings, title=story.name))
    store.save_dossier(story_id, data)
    return data


def story_dossier(store: Store, story_id: int, settings: Settings) -> dict[str, Any]:
    """The stored dossier of a story; recomputed only when its articles changed."""
    story = store.get_story(story_id)
    stored = None if story.dossier_stale else store.get_dossier(story_id)
    return stored if stored is not None else refresh_story_dossier(store, story_id, settings)


def dossier_record(data: dict[str, Any]) -> Dossier:
    """A stored dossier JSON back as a Dossier record (for rendering)."""
    return from_dict(Dossier, data)
