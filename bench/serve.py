"""Load test of `newsdesk serve` on PostgreSQL: concurrent clients reading a cached
dossier and searching, on loopback only, bounded in time and number of requests.

    .venv/bin/python bench/serve.py [--clients 50] [--seconds 30] [--workers 2] [--db postgresql://...]

Prints requests/s, p50/p99 latency and the error count, per endpoint kind and in all.
Goal (issue 5): zero errors, p99 under 200 ms for a cached dossier.
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


async def client_loop(base: str, story_id: int, deadline: float, results: list[tuple[str, float, bool]],
                      n: int) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=10.0) as http:
        i = n
        while time.perf_counter() < deadline and len(results) < MAX_REQUESTS:
            kind = "dossier" if i % 2 == 0 else "search"
            url = (f"/api/stories/{story_id}/dossier" if kind == "dossier"
                   else f"/api/search?q={QUERIES[i % len(QUERIES)]}")
            t0 = time.perf_counter()
            try:
                ok = (await http.get(url)).status_code == 200
            except httpx.HTTPError:
                ok = False
            results.append((kind, time.perf_counter() - t0, ok))
            i += 1


def report(rows: list[tuple[str, float, bool]], seconds: float, label: str) -> None:
    lat = sorted(r[1] * 1000 for r in rows)
    errors = sum(1 for r in rows if not r[2])
    if not lat:
        print(f"{label:<10} no requests")
        return
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    print(f"{label:<10}{len(rows):>9}{len(rows) / seconds:>10.1f}{statistics.median(lat):>10.1f}{p99:>10.1f}{errors:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--workers", type=int, default=2, help="`newsdesk serve --workers`")
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
        for _ in range(4 * args.workers):  # warm every worker's dossier cache
            httpx.get(f"{base}/api/stories/{story.id}/dossier", timeout=30).raise_for_status()
        rows: list[tuple[str, float, bool]] = []
        deadline = time.perf_counter() + args.seconds
        t0 = time.perf_counter()

        async def run_all() -> None:
            await asyncio.gather(*(client_loop(base, story.id, deadline, rows, n) for n in range(args.clients)))

        asyncio.run(run_all())
        elapsed = time.perf_counter() - t0
        server.terminate()
        server.wait(timeout=20)
        print(f"{args.clients} clients, {elapsed:.1f} s, PostgreSQL, {args.workers} server processes, "
              f"{len(result.article_ids)} articles in the story")
        print(f"{'endpoint':<10}{'requests':>9}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
        report([r for r in rows if r[0] == "dossier"], elapsed, "dossier")
        report([r for r in rows if r[0] == "search"], elapsed, "search")
        report(rows, elapsed, "all")
    finally:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()


if __name__ == "__main__":
    main()
