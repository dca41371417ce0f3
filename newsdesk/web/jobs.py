"""Long work (ingesting and analysing an upload, rebuilding a dossier) runs here, off
the server process: in ``settings.job_processes`` worker processes that open the store
themselves, so analysis (CPU-bound, spaCy) never competes with the request threads for
the server's interpreter (and at a lower CPU priority). Progress lives in the store as a
Job; the queue is bounded.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor

from newsdesk import service
from newsdesk.crossdoc import STAGES
from newsdesk.model import InputProblem, Report
from newsdesk.settings import Settings
from newsdesk.store import Job, Store, Story, open_store

log = logging.getLogger(__name__)


class QueueFull(Exception):
    """More jobs are waiting than ``settings.max_queued_jobs``; try again later."""


_worker_store: Store | None = None


def _worker_init(settings: Settings) -> None:
    """Worker process start: lower its CPU priority (reads come first when cores are
    scarce) and open the store once for every job this process runs."""
    global _worker_store
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)
    parent = multiprocessing.parent_process()
    if parent is not None:  # a server killed without shutting the pool down takes its workers along
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()
    _worker_store = open_store(settings.db_url)


def _exit_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(0)


def _run_in_worker(settings: Settings, job: Job, reports: list[Report | InputProblem], urls: list[str],
                   story_name: str | None, story_id: int | None) -> None:
    assert _worker_store is not None, "worker not initialised"
    run_job(_worker_store, settings, job, reports, urls, story_name, story_id)


def _progress(store: Store, job: Job, offset: int = 0) -> Callable[[int, int | None], None]:
    """Save reports done of the total (the total grows when a file holds several)."""
    def update(done: int, total: int | None) -> None:
        job.total = max(job.total, offset + (total or 0))
        job.done = min(offset + done, job.total) if job.total else offset + done
        job.message = f"analysed {job.done} of {job.total} reports"
        store.save_job(job)
    return update


def _stage(store: Store, job: Job) -> Callable[[str, int, int], None]:
    """Save the synthesis stage as it runs (embedding: once per chunk of sentences)."""
    def update(stage: str, done: int, total: int) -> None:
        if stage == "embedding":
            job.stage_done, job.stage_total = done, total
            job.message = f"building the dossier: embedding sentences ({done} of {total})"
        else:
            position = STAGES.index(stage) if stage in STAGES else 0
            job.stage_done, job.stage_total = position + done, len(STAGES)
            job.message = f"building the dossier: {stage} (stage {position + 1} of {len(STAGES)})"
        job.stage = stage
        store.save_job(job)
    return update


def _clustered_story(store: Store, ids: list[str]) -> Story:
    """With no story named, the reports went into the stories they belong to (clustering
    at ingest): the job follows the first one's; unclustered, they form a new story."""
    placed = store.placements()
    if ids[0] in placed:
        return store.get_story(placed[ids[0]])
    return store.create_story("Untitled story", ids)


def run_job(store: Store, settings: Settings, job: Job, reports: list[Report | InputProblem], urls: list[str],
            story_name: str | None, story_id: int | None) -> None:
    """Ingest ``reports`` and ``urls`` into a new or existing story and build its
    dossier, saving progress (reports, then each synthesis stage) as it goes; the job
    records each input as added, skipped (already stored) or failed. When nothing could
    be stored the job fails and no story is created or changed."""
    job.state, job.message = "running", "reading and analysing reports"
    store.save_job(job)
    try:
        ids: list[str] = []
        problems: list[InputProblem] = []
        for part in ([("reports", reports)] if reports else []) + ([("urls", urls)] if urls else []):
            if part[0] == "reports":
                result = service.ingest_reports(part[1], store, settings, progress=_progress(store, job),
                                                total=len(part[1]))
            else:
                result = service.ingest(part[1], store, settings, progress=_progress(store, job, len(reports)))
            ids += result.article_ids
            problems += result.problems
            job.added += result.added
            job.skipped += [f"{source}: already stored (same text)" for source in result.skipped]
        job.errors = [f"{p.source}: {p.reason}" for p in problems]
        job.done = job.total
        if not ids:
            job.state = "failed"
            job.message = f"none of the {len(problems)} inputs could be read; no story was created or changed"
        else:
            story = (store.add_to_story(story_id, ids) if story_id is not None
                     else store.create_story(story_name, ids) if story_name
                     else _clustered_story(store, ids))
            job.story_id = story.id
            job.message = "building the dossier"
            store.save_job(job)
            service.story_dossier(store, story.id, settings, progress=_stage(store, job))
            job.state, job.stage = "done", ""
            job.message = (f"{len(job.added)} added, {len(job.skipped)} skipped as already stored, "
                           f"{len(problems)} failed; {len(story.article_ids)} articles in the story")
    except Exception as exc:  # a failed job is reported, never raised into the server
        log.exception("job %s failed", job.id)
        job.state, job.message = "failed", f"{type(exc).__name__}: {exc}"
    store.save_job(job)


class JobRunner:
    """Queues jobs for the analysis workers and tracks them.

    ``settings.job_processes`` worker processes (spawned, each opening the store) run
    the jobs; with 0, or a store only this process can see (SQLite ``:memory:``), one
    thread does. At most ``job_processes + max_queued_jobs`` jobs are pending at once;
    :meth:`submit` raises :class:`QueueFull` beyond that.
    """

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        in_memory = ":memory:" in settings.db_url or settings.db_url.rstrip("/").endswith("sqlite:")
        self.in_process = settings.job_processes <= 0 or in_memory
        self._pool: Executor | None = None
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._pending: set[Future[None]] = set()
        self.capacity = max(1, settings.job_processes) + max(0, settings.max_queued_jobs)
        self.generation = 0  # bumped whenever a job may have changed stories

    def _executor(self) -> Executor:
        if self._pool is None:
            if self.in_process:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-job")
            else:
                self._pool = ProcessPoolExecutor(
                    max_workers=self.settings.job_processes, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_worker_init, initargs=(self.settings,))
        return self._pool

    def submit(self, reports: Iterable[Report | InputProblem], urls: list[str], total: int,
               story_name: str | None = None, story_id: int | None = None) -> Job:
        """Queue an ingest of ``reports`` and ``urls`` into a (new or existing) story.
        Raises :class:`QueueFull` when the queue is at capacity."""
        with self._lock:
            if len(self._pending) >= self.capacity:
                raise QueueFull(f"{len(self._pending)} jobs are already waiting; try again shortly")
            job = Job(id=uuid.uuid4().hex[:16], story_id=story_id, state="queued", total=total,
                      message="waiting for the analysis worker")
            self.store.save_job(job)
            items = list(reports)
            if self.in_process:
                fut = self._executor().submit(run_job, self.store, self.settings, job, items, urls,
                                              story_name, story_id)
            else:
                fut = self._executor().submit(_run_in_worker, self.settings, job, items, urls,
                                              story_name, story_id)
            self._pending.add(fut)
        fut.add_done_callback(lambda f: self._finished(f, job))
        return job

    def _finished(self, fut: Future[None], job: Job) -> None:
        exc = None if fut.cancelled() else fut.exception()
        if exc is not None:  # the worker process died, or the job could not be sent to it
            log.error("job %s failed in the worker: %s: %s", job.id, type(exc).__name__, exc)
            job.state, job.message = "failed", f"the analysis worker failed: {type(exc).__name__}: {exc}"
            try:
                self.store.save_job(job)
            except Exception:
                log.exception("could not record the failure of job %s", job.id)
        with self._idle:
            self._pending.discard(fut)
            self.generation += 1
            self._idle.notify_all()

    def worker_pids(self) -> list[int]:
        """Process ids of the analysis worker processes started so far ([] for a thread)."""
        processes = getattr(self._pool, "_processes", None) or {}
        return sorted(p.pid for p in processes.values() if p.pid is not None)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._pending)

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def wait_idle(self, timeout: float = 120.0) -> None:
        """Block until every queued job is done (for tests and benchmarks)."""
        with self._idle:
            if not self._idle.wait_for(lambda: not self._pending, timeout=timeout):
                raise TimeoutError(f"{len(self._pending)} jobs still pending after {timeout:g}s")
