"""Load test of `newsdesk serve` on PostgreSQL: concurrent clients reading a cached
dossier, the story page and searching, on loopback only, bounded in time and number of requests —
first read-only, then (same server, same session) with a share of writes mixed in:
each write pastes a new report, which queues an analysis job.

    .venv/bin/python bench/serve.py [--clients 50] [--seconds 30] [--writes 0.05] [--workers 2] [--db postgresql://...]

Prints requests/s, p50/p99 latency and the error count, per endpoint kind, per phase.
A write answered 202 (queued) or 429 (analysis queue full, try later) is not an error;
anything else is. Goals: zero errors (issue 5); read p99 with 5 % writes within 1.5x of
the read-only run (issue 11).
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsdesk import service  # noqa: E402
from newsdesk.settings import Settings  # noqa: E402
from newsdesk.store import open_store  # noqa: E402

QUERIES = ["harbour accord", "patrol vessels", "fishermen union", "quota", "\"historic day\"", "parliament vote"]
MAX_REQUESTS = 200_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def invented_report(n: int) -> str:
    """A short, unique report (so no write is skipped as a duplicate)."""
    return (f"The town council of Varnholm met for session {n} on Thursday and approved repairs to the "
            f"old grain quay, council spokesperson Edda Lunne said. Work on berth {n % 17} is to start "
            f"within {n % 9 + 2} weeks, and the harbour master expects the quay to reopen by autumn.")


async def client_loop(base: str, story_id: int, deadline: float, results: list[tuple[str, float, bool]],
                      n: int, writes: float) -> None:
    every = round(1 / writes) if writes > 0 else 0
    async with httpx.AsyncClient(base_url=base, timeout=10.0) as http:
        i = n
        while time.perf_counter() < deadline and len(results) < MAX_REQUESTS:
            if every and i % every == every - 1:
                t0 = time.perf_counter()
                try:
                    status = (await http.post("/api/reports", json={"text": invented_report(i * 1000 + n),
                                                                     "story": f"Varnholm {n}"})).status_code
                except httpx.HTTPError:
                    status = 0
                kind = "write 202" if status == 202 else "write 429" if status == 429 else "write"
                results.append((kind, time.perf_counter() - t0, status in {202, 429}))
                i += 1
                continue
            kind = ("dossier", "search", "page")[i % 3]
            url = {"dossier": f"/api/stories/{story_id}/dossier", "page": f"/stories/{story_id}",
                   "search": f"/api/search?q={QUERIES[i % len(QUERIES)]}"}[kind]
            t0 = time.perf_counter()
            try:
                ok = (await http.get(url)).status_code == 200
            except httpx.HTTPError:
                ok = False
            results.append((kind, time.perf_counter() - t0, ok))
            i += 1


def report(rows: list[tuple[str, float, bool]], seconds: float, label: str) -> float | None:
    """Print one table line; returns the p99 latency in ms (None with no requests)."""
    lat = sorted(r[1] * 1000 for r in rows)
    errors = sum(1 for r in rows if not r[2])
    if not lat:
        print(f"{label:<12} no requests")
        return None
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    print(f"{label:<12}{len(rows):>9}{len(rows) / seconds:>10.1f}{statistics.median(lat):>10.1f}{p99:>10.1f}"
          f"{errors:>8}")
    return p99


def run_phase(base: str, story_id: int, clients: int, seconds: float, writes: float,
              label: str) -> tuple[float | None, int]:
    """One timed phase; prints its table, returns (read p99 ms, errors)."""
    rows: list[tuple[str, float, bool]] = []
    deadline = time.perf_counter() + seconds
    t0 = time.perf_counter()

    async def run_all() -> None:
        await asyncio.gather(*(client_loop(base, story_id, deadline, rows, n, writes) for n in range(clients)))

    asyncio.run(run_all())
    elapsed = time.perf_counter() - t0
    print(f"\n{label}: {clients} clients, {elapsed:.1f} s, writes {writes:.0%}")
    print(f"{'endpoint':<12}{'requests':>9}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
    for kind in ("dossier", "search", "page", "write 202", "write 429", "write"):
        if any(r[0] == kind for r in rows):
            report([r for r in rows if r[0] == kind], elapsed, kind)
    reads = [r for r in rows if not r[0].startswith("write")]
    read_p99 = report(reads, elapsed, "all reads")
    report(rows, elapsed, "all")
    return read_p99, sum(1 for r in rows if not r[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--workers", type=int, default=2, help="`newsdesk serve --workers`")
    parser.add_argument("--writes", type=float, default=0.05, help="share of requests that add a report")
    args = parser.parse_args()

    schema = f"nd_bench_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(args.db, autocommit=True)
    admin.execute(f'CREATE SCHEMA "{schema}"')
    url = f"{args.db}?options=-csearch_path%3D{schema}"
    try:
        settings = Settings(db_url=url)
        store = open_store(url)
        result = service.ingest([str(ROOT / "examples" / "corpus")], store, settings)
        story = store.create_story("Harbour accord", result.article_ids)
        service.refresh_story_dossier(store, story.id, settings)
        port = free_port()
        # The server runs in its own processes, as `newsdesk serve` does; the load
        # generator here does not share its interpreter (or GIL).
        server = subprocess.Popen([sys.executable, "-m", "newsdesk", "serve", "--db", url, "--port", str(port),
                                   "--workers", str(args.workers)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        for _ in range(4 * args.workers):  # warm every worker's dossier and page cache
            httpx.get(f"{base}/api/stories/{story.id}/dossier", timeout=30).raise_for_status()
            httpx.get(f"{base}/stories/{story.id}", timeout=30).raise_for_status()
        print(f"PostgreSQL, {args.workers} server processes, {len(result.article_ids)} articles in the story")
        read_only, errors_ro = run_phase(base, story.id, args.clients, args.seconds, 0.0, "read-only")
        mixed, errors_mixed = run_phase(base, story.id, args.clients, args.seconds, args.writes,
                                        f"with {args.writes:.0%} writes")
        server.terminate()
        server.wait(timeout=30)
        if read_only and mixed:
            print(f"\nread p99 with writes / read-only: {mixed:.1f} / {read_only:.1f} ms = {mixed / read_only:.2f}x "
                  f"(goal <= 1.5x); errors {errors_ro} + {errors_mixed}")
    finally:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()


if __name__ == "__main__":
    main()
