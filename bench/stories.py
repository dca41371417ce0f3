"""Online story clustering against gold stories: B³ and pairwise P/R/F1, speed, memory.

Streams are replayed in publication order through ``newsdesk.stream.StoryClusterer``:

* BASIL (``clustering/basil``): 300 articles, 100 stories of three outlets;
* GVA (``stories-dev/gva``): every incident's reports mixed into one stream;
* ECB+ (``stories-dev/ecbplus``): all sub-topics in one stream; each topic holds two
  events of one kind that must not merge (we count topics whose two events share a story).

Each set is split as in ``newsdesk.train.stories`` (the decision was trained on the
``tune`` half); the ``report`` half is the figure to quote, ``tune`` is printed beside it.
Speed is the clustering step alone (signals — vectors and lead entities — are computed
before and cached under ``.bench/``), as articles/s and relative to a baseline measured
in the same run: a brute-force nearest-centroid pass over all stories. ``--synthetic``
adds a stream of 1,000 → 100,000 synthetic signals and prints the cost per article at
each size (it must stay flat) and the process's peak resident memory.

    python bench/stories.py [--synthetic 100000]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold import prf  # noqa: E402

from newsdesk.stream.clusterer import StoryClusterer  # noqa: E402
from newsdesk.stream.decision import shipped_decision  # noqa: E402
from newsdesk.stream.signal import StorySignal  # noqa: E402
from newsdesk.train.stories import (  # noqa: E402
    CachedEmbedder,
    GoldArticle,
    b_cubed,
    calibration,
    read_basil,
    read_ecbplus,
    read_gva,
    split,
    stream_order,
    topic_of,
)


def pairwise(pred: dict[str, int], gold: dict[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 over article pairs placed in one story."""
    def pairs(groups: dict) -> set[tuple[str, str]]:
        out = set()
        for members in groups.values():
            ms = sorted(members)
            out.update((x, y) for i, x in enumerate(ms) for y in ms[i + 1:])
        return out
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for a in gold:
        by_pred[pred[a]].add(a)
        by_gold[gold[a]].add(a)
    pp, gp = pairs(by_pred), pairs(by_gold)
    return prf(len(pp & gp), len(pp), len(gp))


def run_stream(signals: list[StorySignal], dim: int) -> tuple[dict[str, int], float, float]:
    """Predicted story per article, wall seconds and process CPU seconds (all threads)."""
    clusterer = StoryClusterer(dim=dim)
    t0, c0 = time.perf_counter(), time.process_time()
    pred = {s.article: clusterer.add(s).story for s in signals}
    return pred, time.perf_counter() - t0, time.process_time() - c0


def brute_force_baseline(signals: list[StorySignal]) -> float:
    """Seconds for the simplest stream clusterer (nearest centroid over ALL stories,
    cosine ≥ 0.85): the in-run speed reference."""
    cents: list[np.ndarray] = []
    t0 = time.perf_counter()
    for s in signals:
        if cents:
            mat = np.stack(cents)
            sims = mat @ s.vector
            j = int(np.argmax(sims))
            if sims[j] >= 0.85:
                cents[j] = cents[j] + s.vector
                continue
        cents.append(s.vector.copy())
    return time.perf_counter() - t0


def evaluate(name: str, items: list[GoldArticle], enc: CachedEmbedder, ner) -> None:  # noqa: ANN001
    from newsdesk.stream.signal import story_signals

    items = stream_order(items)
    signals = story_signals([i.article for i in items], enc, ner)
    gold = {s.article: i.story for s, i in zip(signals, items, strict=True)}
    pred, secs, cpu = run_stream(signals, enc.dim)
    base = brute_force_baseline(signals)
    bp, br, bf = b_cubed(pred, gold)
    pp, pr, pf = pairwise(pred, gold)
    n_pred = len(set(pred.values()))
    line = (f"{name:22s} {len(items):5d} art {len(set(gold.values())):4d} gold {n_pred:4d} pred | "
            f"B3 P {bp:.3f} R {br:.3f} F1 {bf:.3f} | pair P {pp:.3f} R {pr:.3f} F1 {pf:.3f} | "
            f"{len(items) / secs:7.0f} art/s wall, {len(items) / max(cpu, 1e-9):.0f} per CPU-s "
            f"({base / secs:.2f}x brute-force baseline {len(items) / base:.0f} art/s)")
    if items[0].dataset == "ecbplus":
        topics = defaultdict(lambda: defaultdict(set))
        for s, i in zip(signals, items, strict=True):
            topics[topic_of(i)][pred[s.article]].add(i.story)
        merged = sum(1 for t in topics.values() if any(len(subs) > 1 for subs in t.values()))
        line += f" | topics whose two events share a story: {merged}/{len(topics)}"
    cal = calibration(signals, [i.story for i in items], enc.dim, shipped_decision())
    line += (f"\n{'':22s} calibration: join P over {cal.pairs} candidate pairs Brier {cal.pair_brier:.3f} "
             f"ECE {cal.pair_ece:.3f}; new-story P over {cal.articles} articles Brier {cal.new_brier:.3f} "
             f"ECE {cal.new_ece:.3f}; gold story among candidates {cal.candidate_recall:.3f}")
    print(line, flush=True)


def _synthetic_signal(rng: np.random.Generator, state: dict, i: int, dim: int) -> StorySignal:
    """One article of a synthetic stream: stories open at a steady rate, each article
    lies near its story's direction and names two of its three entities plus noise."""
    if not state["open"] or rng.random() < 0.25:
        sid = len(state["center"])
        c = rng.normal(size=dim)
        state["center"][sid] = c / np.linalg.norm(c)
        state["open"].append(sid)
        del state["open"][:-400]
    sid = state["open"][int(rng.integers(len(state["open"])))]
    v = state["center"][sid] + rng.normal(scale=0.6 / np.sqrt(dim), size=dim)
    keys = {f"e{sid}-{j}" for j in rng.choice(3, size=2, replace=False)} | {f"n{rng.integers(5000)}"}
    day = date(2024, 1, 1) + timedelta(days=i // 2000)
    return StorySignal(article=f"s{i}", vector=(v / np.linalg.norm(v)).astype(np.float32),
                       entities=keys, day=day, people={f"e{sid}-0"} & keys, places={f"e{sid}-2"} & keys,
                       stated_days=(date(2024, 1, 1) + timedelta(days=sid // 500),),
                       numbers=frozenset({sid % 7, int(rng.integers(30))}))


def synthetic(n_max: int, dim: int = 384, seed: int = 5) -> None:
    """Cost per article at 1k, 10k, 100k, ... articles (mean over the last 1,000 before
    each size), with the active stories and the process's peak resident memory."""
    rng = np.random.default_rng(seed)
    clusterer = StoryClusterer(dim=dim)
    state: dict = {"center": {}, "open": []}
    checkpoints = [n for n in (1_000, 10_000, 100_000, 1_000_000) if n <= n_max]
    window = cpu = 0.0
    print("synthetic stream\n  articles  us/article  CPU-us/article  active stories  max RSS MiB")
    for i in range(1, n_max + 1):
        signal = _synthetic_signal(rng, state, i, dim)
        t0, c0 = time.perf_counter(), time.process_time()
        clusterer.add(signal)
        if any(n - 1000 < i <= n for n in checkpoints):
            window += time.perf_counter() - t0
            cpu += time.process_time() - c0
        if i in checkpoints:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"  {i:8d}  {window * 1e6 / 1000:10.0f}  {cpu * 1e6 / 1000:14.0f}  {len(clusterer.stories):14d}  "
                  f"{peak:11.1f}", flush=True)
            window = cpu = 0.0
        if i > 1000:
            # the synthetic stream's own bookkeeping is not part of the measured cost
            state["center"] = {k: v for k, v in state["center"].items() if k in set(state["open"])} \
                if i % 5000 == 0 else state["center"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--synthetic", type=int, default=0, help="also run a synthetic stream of N articles")
    parser.add_argument("--part", choices=["report", "tune", "both", "none"], default="both",
                        help="which half of the real streams to score (none: only --synthetic)")
    args = parser.parse_args()
    from newsdesk.nlp_models import lead_ner

    enc, ner = CachedEmbedder(), lead_ner()
    parts = {"both": ["report", "tune"], "none": []}.get(args.part, [args.part])
    for reader, label in ((read_basil, "BASIL"), (read_gva, "GVA mixed incidents"), (read_ecbplus, "ECB+")):
        if not parts:
            break
        items = reader(Path(__file__).resolve().parents[2] / "shared" / "data")
        for part in parts:
            evaluate(f"{label} {part}", split(items, part), enc, ner)
    if args.synthetic:
        synthetic(args.synthetic)


if __name__ == "__main__":
    main()
