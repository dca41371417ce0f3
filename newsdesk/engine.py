"""The local analysis engine: spaCy analysis plus sentence vectors for batches of
articles, in this process (``workers=1``) or in a pool of worker processes that each
load the models once.

Articles travel to the workers as JSON-ready dicts (``to_dict``), and come back as
annotation dicts and vector bytes; a failure on one article is that article's error,
never the batch's. The pool uses ``spawn`` so no worker inherits a half-initialised
thread pool of the parent, and each worker's numeric libraries run one thread (the
workers are the parallelism).

>>> with Analyser(Settings()) as analyser:          # doctest: +SKIP
...     results = analyser.run(articles)
>>> results[0].annotations.sentences[:1]             # doctest: +SKIP
[Sentence(start=0, end=61)]
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from newsdesk.model import Annotations, Article, from_dict, to_dict
from newsdesk.settings import Settings
from newsdesk.vectors import SentenceVectors

log = logging.getLogger(__name__)

CHUNK = 4  # articles per task: small enough to keep every worker busy to the end


@dataclass
class Analysed:
    """What analysis made of one article: annotations and vectors, or an error line."""

    annotations: Annotations | None = None
    vectors: SentenceVectors | None = None
    error: str | None = None


def capped(article: Article, max_chars: int) -> Article:
    """The article as analysed: its text cut at ``max_chars`` (at a paragraph or
    sentence break near the cap when there is one), or itself when shorter."""
    if max_chars <= 0 or len(article.text) <= max_chars:
        return article
    cut = max(article.text.rfind("\n", 0, max_chars), article.text.rfind(". ", 0, max_chars) + 1)
    cut = cut if cut > max_chars * 0.9 else max_chars
    return replace(article, text=article.text[:cut], annotations=None)


def cap_note(article: Article, analysed_chars: int) -> str:
    return (f"analysed the first {analysed_chars:,} of {len(article.text):,} characters "
            f"(max_analysis_chars); the rest of the text has no annotations")


def analyse_here(articles: list[Article], settings: Settings, embed: bool = True) -> list[Analysed]:
    """Analyse (and embed) in this process; one article's failure is isolated."""
    try:
        return _analyse(articles, settings, embed)
    except Exception:
        if len(articles) == 1:
            raise
        log.exception("batch analysis failed; retrying one article at a time")
    out: list[Analysed] = []
    for article in articles:
        try:
            out.extend(_analyse([article], settings, embed))
        except Exception as exc:  # a bug on one input must not sink the batch
            log.exception("analysis of %s failed", article.source)
            out.append(Analysed(error=f"analysis failed: {type(exc).__name__}: {exc}"))
    return out


def _analyse(articles: list[Article], settings: Settings, embed: bool) -> list[Analysed]:
    from newsdesk.analyze import analyze_articles
    from newsdesk.nlp_models import embedder
    from newsdesk.vectors import embed_articles

    views = [capped(a, settings.max_analysis_chars) for a in articles]
    annotations = analyze_articles(views, _pipeline(settings.spacy_model), batch_size=settings.batch_size)
    for view, original, ann in zip(views, articles, annotations, strict=True):
        if view is not original:
            ann.note = cap_note(original, len(view.text))
        view.annotations = ann
    vectors = embed_articles(views, embedder()) if embed else {}
    return [Analysed(ann, vectors.get(v.id)) for v, ann in zip(views, annotations, strict=True)]


@functools.lru_cache(maxsize=2)
def _pipeline(model: str):  # noqa: ANN202
    from newsdesk.analyze import build_pipeline

    return build_pipeline(model)


# ---------------------------------------------------------------------------- workers
def _worker_init() -> None:
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"


def _worker_task(items: list[dict[str, Any]], settings: dict[str, Any], embed: bool) -> list[dict[str, Any]]:
    articles = [from_dict(Article, d) for d in items]
    done = analyse_here(articles, Settings(**settings), embed)
    return [{"annotations": to_dict(r.annotations) if r.annotations else None,
             "vectors": _vectors_out(r.vectors), "error": r.error} for r in done]


def _vectors_out(v: SentenceVectors | None) -> dict[str, Any] | None:
    if v is None:
        return None
    return {"model": v.model, "keys": v.keys, "dim": v.dim if v.keys else 0, "data": v.to_bytes()}


def _result_in(d: dict[str, Any]) -> Analysed:
    v = d["vectors"]
    return Analysed(
        annotations=from_dict(Annotations, d["annotations"]) if d["annotations"] else None,
        vectors=SentenceVectors.from_bytes(v["model"], v["keys"], v["data"], v["dim"]) if v else None,
        error=d["error"])


@dataclass
class Pending:
    """Analysis under way: ``results()`` waits for it (input order kept)."""

    done: list[Analysed] | None = None
    futures: list[tuple[int, Future]] | None = None

    def results(self) -> list[Analysed]:
        if self.done is None:
            self.done = []
            for size, fut in self.futures or []:
                try:
                    self.done.extend(_result_in(d) for d in fut.result())
                except Exception as exc:  # a worker died (killed, out of memory): those articles fail
                    log.exception("an analysis worker failed on %d articles", size)
                    self.done.extend(Analysed(error=f"analysis worker failed: {type(exc).__name__}: {exc}")
                                     for _ in range(size))
        return self.done


class Analyser:
    """Runs ``analyse_here`` over batches, in ``settings.workers`` processes when > 1.

    Use as a context manager so the pool is shut down; results keep the input order.
    """

    def __init__(self, settings: Settings, embed: bool = True) -> None:
        self.settings = settings
        self.embed = embed
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Analyser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def run(self, articles: list[Article]) -> list[Analysed]:
        """Annotations and vectors for each article, in order."""
        return self.submit(articles).results()

    def submit(self, articles: list[Article]) -> Pending:
        """Start on these articles (in the workers, or here at once with one worker)."""
        if self.settings.workers <= 1 or len(articles) <= 1:
            return Pending(done=analyse_here(articles, self.settings, self.embed))
        pool = self._ensure_pool()
        plain = {k: getattr(self.settings, k) for k in self.settings.__dataclass_fields__}
        plain["workers"] = 1
        futures: list[tuple[int, Future]] = []
        for start in range(0, len(articles), CHUNK):
            chunk = articles[start:start + CHUNK]
            futures.append((len(chunk), pool.submit(_worker_task, [to_dict(_bare(a)) for a in chunk],
                                                    plain, self.embed)))
        return Pending(futures=futures)

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.settings.workers,
                                             mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_worker_init)
        return self._pool


def _bare(article: Article) -> Article:
    return replace(article, annotations=None)
