"""NEW stores under concurrency, on both back ends: processes that open a fresh store at
the same moment all succeed (migrations run under a lock and are idempotent), writers
that start together on a fresh store lose nothing (issue 11, item 12)."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from newsdesk.store import open_store
from newsdesk.store.schema import LATEST, current_version
from tests.pg import pg_schema_url
from tests.store.conftest import make_article

CTX = mp.get_context("fork")


@contextmanager
def fresh_url(kind: str, tmp_path) -> Iterator[str]:  # noqa: ANN001
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
    else:
        with pg_schema_url() as url:
            yield url


def _open_and_write(url: str, barrier, index: int, writes: int, results) -> None:  # noqa: ANN001
    try:
        barrier.wait(120)
        store = open_store(url)
        for n in range(writes):
            text = (f"Writer {index} filed report {n}: the Tessel harbour board met on Monday and "
                    f"approved repair plan {index * 100 + n} for the north pier.")
            store.add_article(make_article(text, f"writer-{index}/report-{n}.txt", analysed=False))
        store.close()
        results.put((index, "ok"))
    except Exception as exc:  # reported to the parent, which fails the test with it
        results.put((index, f"{type(exc).__name__}: {exc}"))


def _race(url: str, processes: int, writes: int) -> dict[int, str]:
    barrier, results = CTX.Barrier(processes), CTX.Queue()
    workers = [CTX.Process(target=_open_and_write, args=(url, barrier, i, writes, results))
               for i in range(processes)]
    for w in workers:
        w.start()
    outcome = dict(results.get(timeout=300) for _ in workers)
    for w in workers:
        w.join(30)
    return outcome


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_processes_opening_a_new_store_at_once_all_succeed(kind, tmp_path) -> None:
    for attempt in range(4 if kind == "sqlite" else 3):
        with fresh_url(kind, tmp_path / str(attempt)) as url:
            (tmp_path / str(attempt)).mkdir(exist_ok=True)
            outcome = _race(url, processes=4, writes=0)
            assert set(outcome.values()) == {"ok"}, outcome
            store = open_store(url)
            with store.engine.connect() as conn:
                assert current_version(conn) == LATEST
            store.close()


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_concurrent_writers_on_a_new_store_lose_nothing(kind, tmp_path) -> None:
    with fresh_url(kind, tmp_path) as url:
        outcome = _race(url, processes=4, writes=15)
        assert set(outcome.values()) == {"ok"}, outcome
        store = open_store(url)
        assert store.count_articles() == 60
        assert store.has_source("writer-3/report-14.txt")
        store.close()
