"""Crawl-scale throughput: ingest + analysis + sentence vectors into a fresh SQLite
store, with 1 and 2 worker processes (``--workers 1,2``; ``--sweep`` runs 1, 2, 4, 8,
16 for a 16-core machine), and the projected time for a GDELT day (580,000 articles)
on 16 cores.

Inputs: the raw scraped reports of ../shared/data/stories-dev/gva (page furniture
and all), read, cleaned, analysed, embedded and stored by ``service.ingest_reports``
exactly as ``newsdesk ingest --workers N`` does.

Per run it prints wall seconds and the CPU seconds of all processes (this one plus
the workers, which are reaped when the pool closes), then
  * articles per CPU-second: throughput per core on an idle machine;
  * articles/s per core: articles / wall / min(workers, cores);
  * parallel efficiency: articles/s at N workers / (N x articles/s at 1 worker), in
    wall time (meaningful only when the cores are not shared) and in CPU time
    (CPU-s per article at 1 worker / at N: the cost of running in parallel).
The projection uses articles per CPU-second at the largest worker count x 16 cores.

    python bench/scale.py [--limit 24] [--workers 1,2] [--sweep] [--repeat 1]
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsdesk import service  # noqa: E402
from newsdesk.ingest import read_inputs  # noqa: E402
from newsdesk.settings import Settings  # noqa: E402
from newsdesk.store import open_store  # noqa: E402
from newsdesk.vectors import model_name  # noqa: E402

GVA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "stories-dev" / "gva"
GDELT_DAY = 580_000


def cpu_all() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run(workers: int, limit: int) -> tuple[int, float, float]:
    """(articles stored, wall s, CPU s of all processes) for one fresh ingest."""
    from newsdesk.nlp_models import embedder

    cache = getattr(embedder(), "_cache", None)
    if cache is not None:
        cache.clear()  # this process's sentence cache would make a repeat run embed nothing
    paths = [str(p / "reports.jsonl") for p in sorted(GVA.iterdir()) if (p / "reports.jsonl").is_file()]
    settings = Settings(workers=workers, batch_size=8)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/scale.db")
        reports = itertools.islice(read_inputs(paths, settings), limit)
        w0, c0 = time.perf_counter(), cpu_all()
        result = service.ingest_reports(reports, store, settings)
        wall, used = time.perf_counter() - w0, cpu_all() - c0
        embedded = len(store.get_vectors(result.article_ids, model_name(embedder())))
        store.close()
    if result.problems:
        print(f"  {len(result.problems)} problems, first: {result.problems[0]}")
    return min(result.analyzed, embedded), wall, used


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=24, help="reports per run")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--sweep", action="store_true", help="1,2,4,8,16 workers (a 16-core machine)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per worker count, best kept")
    args = ap.parse_args()
    counts = [1, 2, 4, 8, 16] if args.sweep else [int(w) for w in args.workers.split(",")]
    cores = os.cpu_count() or 1
    # Load the models in this process once, outside the timings (workers=1 uses them).
    from newsdesk.engine import _pipeline
    from newsdesk.nlp_models import embedder
    _pipeline(Settings().spacy_model)
    embedder().encode(["warm-up sentence for the embedder"])
    print(f"cores: {cores}; {args.limit} GVA reports per run; best of {args.repeat}; "
          f"load average now {os.getloadavg()[0]:.1f}")
    print(f"{'workers':>7}{'articles':>9}{'wall s':>8}{'cpu s':>8}{'art/cpu-s':>10}{'art/s/core':>11}"
          f"{'eff wall':>9}{'eff cpu':>8}")
    base_rate = base_cpu = None
    last_rate = None
    for w in counts:
        best = None
        for _ in range(args.repeat):
            n, wall, used = run(w, args.limit)
            if best is None or wall < best[1]:
                best = (n, wall, used)
        n, wall, used = best
        rate, per_cpu = n / wall, n / used
        base_rate, base_cpu = base_rate or rate, base_cpu or per_cpu
        eff_wall = rate / (min(w, cores) * base_rate) if w > 1 else 1.0
        eff_cpu = per_cpu / base_cpu
        last_rate = per_cpu
        print(f"{w:>7}{n:>9}{wall:>8.1f}{used:>8.1f}{per_cpu:>10.3f}{rate / min(w, cores):>11.3f}"
              f"{eff_wall:>9.2f}{eff_cpu:>8.2f}", flush=True)
    hours = GDELT_DAY / (last_rate * 16) / 3600
    print(f"projected GDELT day ({GDELT_DAY:,} articles) on 16 cores at {last_rate:.3f} articles/CPU-s: "
          f"{hours:.1f} h ({GDELT_DAY / last_rate / 3600:.0f} CPU-hours); goal <= 2 h")


if __name__ == "__main__":
    main()
