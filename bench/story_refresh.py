"""Incremental dossiers: what it costs to refresh a story's dossier when one article joins.

A story of N stored, analysed and embedded reports (GVA development reports, taken in
folder order: the dossier's cost depends on the number and length of reports, not on
whether they describe one incident) has its dossier built; then one more analysed
report joins (its analysis and sentence vectors were made at ingest, as ``newsdesk
watch`` does) and the dossier is rebuilt. Printed per N:

Times are CPU seconds of the process (median of 3), not wall time (the machine is shared).

* ``refresh N``: rebuild of the N-article dossier from stored work (median of 3);
* ``refresh N+1``: the rebuild after one article joined (median of 3);
* ``texts embedded``: how many texts the rebuild sent to the embedder (0: every
  sentence vector came from the store);
* ``cold N+1``: the same rebuild with no stored vectors and an empty embedder cache
  (every sentence embedded again): the in-run baseline.

    python bench/story_refresh.py [--sizes 8 24]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsdesk import service  # noqa: E402
from newsdesk.settings import Settings  # noqa: E402
from newsdesk.store import open_store  # noqa: E402
from newsdesk.train.stories import read_gva  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


class Counting:
    """Wraps the shared embedder and counts the texts it is asked to embed."""

    def __init__(self, inner) -> None:  # noqa: ANN001
        self.inner, self.texts = inner, 0
        self.name, self.dim = inner.name, inner.dim

    def encode(self, texts: list[str]):  # noqa: ANN201
        self.texts += len(texts)
        return self.inner.encode(texts)


def timed(fn, repeat: int = 3) -> float:  # noqa: ANN001
    """Median CPU seconds of this process (all its threads) over ``repeat`` runs: the
    machine is shared, so wall time says more about the neighbours than about us."""
    runs = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        runs.append(time.process_time() - t0)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[8, 24])
    args = parser.parse_args()
    from newsdesk import nlp_models

    counting = Counting(nlp_models.embedder())
    nlp_models.embedder = lambda: counting  # the dossier and the analysis look it up here
    reports = [g.article for g in read_gva(DATA)]
    print(f"{'N':>4} {'refresh N CPU-s':>16} {'refresh N+1 CPU-s':>18} {'ratio':>6} {'texts embedded':>15} "
          f"{'cold N+1 CPU-s':>15} {'cold/refresh':>13} {'new article sentences':>22}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            t_n, t_n1, embedded, t_cold, new_sentences = measure(n, reports[:n + 1], counting, tmp)
        print(f"{n:4d} {t_n:16.2f} {t_n1:18.2f} {t_n1 / t_n:6.2f} {embedded:15d} {t_cold:15.2f} "
              f"{t_cold / t_n1:13.1f} {new_sentences:22d}", flush=True)


def measure(n: int, chosen: list, counting: Counting, tmp: str) -> tuple[float, float, int, float, int]:
    """(refresh N, refresh N+1, texts embedded by it, cold N+1, sentences of the new article)."""
    from newsdesk.store.vectors import sentence_vectors

    url = f"sqlite:///{tmp}/bench.db"
    settings = Settings(db_url=url, cluster_stories=False)
    store = open_store(url)
    for article in chosen:
        store.add_article(article)
    service.analyze_stored(store, settings, [a.id for a in chosen])   # analysis + vectors, once
    story = store.create_story("bench", [a.id for a in chosen[:n]]).id

    def refresh() -> None:
        service.refresh_story_dossier(store, story, settings)

    def cold() -> None:
        with store.engine.begin() as conn:
            conn.execute(sentence_vectors.delete())
        counting.inner._cache.clear()
        refresh()

    refresh()                                                           # warm
    t_n = timed(refresh)
    store.add_to_story(story, [chosen[n].id])
    counting.texts = 0
    t_n1 = timed(refresh)
    embedded = counting.texts
    new_sentences = len(store.get_vectors([chosen[n].id], counting.name)[chosen[n].id].keys)
    t_cold = timed(cold, repeat=1)
    store.close()
    return t_n, t_n1, embedded, t_cold, new_sentences

if __name__ == "__main__":
    main()
