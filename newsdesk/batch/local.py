"""The local batch engine: worker processes (``spawn``, models loaded once per
worker) that clean, analyse and embed chunks of raw reports; this process only reads
inputs and writes shards. With one worker everything runs in this process.

Chunks of several shards are in flight at once (about three per worker), so the
workers never wait for a shard to be written; shards are still written whole and in
plan order. A worker that dies (killed, out of memory) fails its chunk's articles,
which are quarantined with that reason; the pool is rebuilt for the rest.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from newsdesk.batch.plan import Shard, read_part
from newsdesk.batch.rows import analyse_rows, clean_rows, end_row, problem_row
from newsdesk.model import InputProblem, Report
from newsdesk.settings import Settings

log = logging.getLogger(__name__)

CHUNK = 8  # reports per task: enough for spaCy and the embedder to batch, small enough to balance

Item = tuple[int, Report | InputProblem]
WriteShard = Callable[[str, list[dict[str, Any]]], None]
Count = Callable[[str, int], None]


def shard_items(shard: Shard, settings: Settings) -> Iterator[Item]:
    """The shard's reports and problems, numbered in input order."""
    seq = 0
    for part in shard.parts:
        for item in read_part(part, settings):
            yield seq, item
            seq += 1


def chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def work(shard_id: str, items: list[Item], settings: dict[str, Any]) -> list[dict[str, Any]]:
    """Clean, analyse and embed one chunk (runs in a worker)."""
    plain = Settings(**settings)
    return analyse_rows(clean_rows(shard_id, items, plain), plain)


def _init_worker() -> None:
    from newsdesk.engine import _worker_init

    _worker_init()


def _plain(settings: Settings) -> dict[str, Any]:
    values = {k: getattr(settings, k) for k in settings.__dataclass_fields__}
    values["workers"] = 1
    return values


def _failed(shard_id: str, items: list[Item], exc: BaseException) -> list[dict[str, Any]]:
    reason = f"analysis worker failed: {type(exc).__name__}: {exc}"
    return [problem_row(shard_id, seq, item.source, reason if isinstance(item, Report) else item.reason,
                        "analyse" if isinstance(item, Report) else "read") for seq, item in items]


class _Open:
    """A shard being worked on: its chunks' futures (or rows) and its row count."""

    def __init__(self, shard: Shard) -> None:
        self.shard = shard
        self.tasks: list[tuple[list[Item], Future | list[dict[str, Any]]]] = []
        self.read_all = False
        self.seen = 0


def run_local(shards: list[Shard], settings: Settings, write: WriteShard, count: Count) -> None:
    """Work through ``shards``; ``write(shard_id, rows)`` is called once per shard, in
    order; ``count(stage, n)`` counts reports read and articles analysed."""
    plain = _plain(settings)
    if settings.workers <= 1:
        for shard in shards:
            rows: list[dict[str, Any]] = []
            seen = 0
            for chunk in chunks(shard_items(shard, settings), max(CHUNK, settings.batch_size)):
                count("read", len(chunk))
                seen = chunk[-1][0] + 1
                done = work(shard.id, chunk, plain)
                count("analyse", sum(1 for r in done if r["kind"] == "article"))
                rows += done
            write(shard.id, rows + [end_row(shard.id, seen)])
        return
    pool = _pool(settings.workers)
    limit = 3 * settings.workers
    opened: deque[_Open] = deque()
    in_flight = 0

    def finish_oldest() -> None:
        nonlocal in_flight
        current = opened.popleft()
        rows: list[dict[str, Any]] = []
        for items, task in current.tasks:
            if isinstance(task, list):
                rows += task
                continue
            try:
                done = task.result()
            except Exception as exc:  # a dead worker: its chunk's articles fail, the rest go on
                log.exception("a batch worker failed on %d inputs of %s", len(items), current.shard.id)
                done = _failed(current.shard.id, items, exc)
            in_flight -= 1
            count("analyse", sum(1 for r in done if r["kind"] == "article"))
            rows += done
        write(current.shard.id, rows + [end_row(current.shard.id, current.seen)])

    try:
        for shard in shards:
            current = _Open(shard)
            opened.append(current)
            for chunk in chunks(shard_items(shard, settings), CHUNK):
                count("read", len(chunk))
                current.seen = chunk[-1][0] + 1
                try:
                    task: Future | list[dict[str, Any]] = pool.submit(work, shard.id, chunk, plain)
                except BrokenProcessPool as exc:
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = _pool(settings.workers)
                    task = _failed(shard.id, chunk, exc)
                current.tasks.append((chunk, task))
                in_flight += isinstance(task, Future)
                while in_flight > limit and len(opened) > 1:
                    finish_oldest()
                if in_flight > limit:  # one big shard: wait for its oldest chunk without closing it
                    _wait_first(current)
        while opened:
            finish_oldest()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _wait_first(current: _Open) -> None:
    for _items, task in current.tasks:
        if isinstance(task, Future) and not task.done():
            wait([task])  # its outcome is collected (and reported) when the shard closes
            return


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker)
