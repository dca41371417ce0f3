"""Long work (ingesting and analysing an upload, rebuilding a dossier) runs here, off
the request thread, one job at a time; its progress lives in the store as a Job."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor

from newsdesk import service
from newsdesk.crossdoc import STAGES
from newsdesk.model import InputProblem, Report
from newsdesk.settings import Settings
from newsdesk.store import Job, Store

log = logging.getLogger(__name__)


class JobRunner:
    """A single worker thread: analysis is CPU-bound and spaCy is not thread-safe, so
    jobs queue instead of competing; requests only enqueue and return a job id."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-job")
        self._lock = threading.Lock()
        self.generation = 0  # bumped whenever a job may have changed stories

    def submit(self, reports: Iterable[Report | InputProblem], urls: list[str], total: int,
               story_name: str | None = None, story_id: int | None = None) -> Job:
        """Queue an ingest of ``reports`` and ``urls`` into a (new or existing) story."""
        job = Job(id=uuid.uuid4().hex[:16], story_id=story_id, state="queued", total=total,
                  message="waiting for the analysis worker")
        self.store.save_job(job)
        self._pool.submit(self._run, job, list(reports), urls, story_name, story_id)
        return job

    def _progress(self, job: Job) -> Callable[[int, int | None], None]:
        def update(done: int, total: int | None) -> None:
            job.total = max(job.total, total or 0)
            job.done = min(done, job.total) if job.total else done
            job.message = f"analysed {job.done} of {job.total} reports"
            self.store.save_job(job)
        return update

    def _stage(self, job: Job) -> Callable[[str, int, int], None]:
        """Save the synthesis stage as it changes (embedding saves once per chunk)."""
        def update(stage: str, done: int, total: int) -> None:
            if stage == "embedding":
                job.stage_done, job.stage_total = done, total
                job.message = f"building the dossier: embedding sentences ({done} of {total})"
            else:
                job.stage_done, job.stage_total = STAGES.index(stage) + done, len(STAGES)
                job.message = f"building the dossier: {stage} (stage {job.stage_done + 1 - done} of {len(STAGES)})"
            job.stage = stage
            self.store.save_job(job)
        return update

    def _run(self, job: Job, reports: list[Report | InputProblem], urls: list[str],
             story_name: str | None, story_id: int | None) -> None:
        job.state, job.message = "running", "reading and analysing reports"
        self.store.save_job(job)
        try:
            ids, problems = [], []
            if reports:
                result = service.ingest_reports(reports, self.store, self.settings,
                                                progress=self._progress(job), total=len(reports))
                ids += result.article_ids
                problems += result.problems
            if urls:
                offset = len(reports)
                tick = self._progress(job)
                result = service.ingest(urls, self.store, self.settings,
                                        progress=lambda done, total: tick(offset + done, offset + (total or 0)))
                ids += result.article_ids
                problems += result.problems
            job.errors = [f"{p.source}: {p.reason}" for p in problems]
            job.done = job.total
            if not ids:
                # Nothing was stored: no new, empty story, and an existing one is untouched.
                job.state = "failed"
                job.message = f"none of the {len(problems)} reports could be read; no story was changed"
            else:
                story = (self.store.add_to_story(story_id, ids) if story_id is not None
                         else self.store.create_story(story_name or "Untitled story", ids))
                job.story_id = story.id
                job.message = "building the dossier"
                self.store.save_job(job)
                service.story_dossier(self.store, story.id, self.settings, progress=self._stage(job))
                job.state, job.stage = "done", ""
                job.message = f"{len(set(ids))} articles added to the story, {len(problems)} failed"
        except Exception as exc:  # a failed job is reported, never raised into the server
            log.exception("job %s failed", job.id)
            job.state, job.message = "failed", f"{type(exc).__name__}: {exc}"
        self.store.save_job(job)
        with self._lock:
            self.generation += 1

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def wait_idle(self, timeout: float = 120.0) -> None:
        """Block until queued jobs are done (for tests and benchmarks)."""
        fut: Future[None] = self._pool.submit(lambda: None)
        fut.result(timeout=timeout)
