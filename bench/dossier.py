"""Time and peak memory of the cross-source synthesis (``build_dossier``) for stories of
5, 50, 200 and 1000 articles.

    python bench/dossier.py [--sizes 5,50,200,1000]

Stories are built from the public sets: MEANTIME's four topic corpora (120 Wikinews
articles), TempEval-3 platinum (20) and PolNeAR (84). Beyond the 224 originals, the
larger stories add lightly edited re-publications of them (a paragraph dropped, an
outlet line added), as wire copies appear in real crawls, so the near-duplicate and
alignment paths are exercised at scale. Analysis (spaCy) and the sentence vectors run
once beforehand, as ingest does, and are not timed (vectors are cached under
.bench/vectors/ by text, so a rerun embeds nothing); the timing covers the build from
stored vectors: the candidate index, origins, entities, quotes, claims,
discrepancies, timeline, events and summary. The "embedded" column counts texts the
embedder was asked for during the build (0: everything came from the stored vectors).
``--embed-in-build`` times the old way, every sentence embedded inside the build. Peak memory is
tracemalloc's peak during the build (Python and numpy allocations) and the process's
maximum resident set size so far (which includes the models).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from gold import DATA, meantime_docs, tempeval_docs  # noqa: E402

from newsdesk.analyze import analyze_articles, build_pipeline  # noqa: E402
from newsdesk.crossdoc import build_dossier  # noqa: E402
from newsdesk.model import Article, article_id  # noqa: E402
from newsdesk.nlp_models import E5Embedder  # noqa: E402
from newsdesk.vectors import embed_articles, text_key  # noqa: E402

CACHE = Path(__file__).resolve().parent.parent / ".bench" / "vectors"


class CachedEmbedder:
    """The e5 embedder with a disk cache by text (bench reruns only), counting what it embeds."""

    def __init__(self, inner: E5Embedder) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.asked = 0
        CACHE.mkdir(parents=True, exist_ok=True)
        self.path = CACHE / (inner.name.replace("/", "_") + ".npz")
        self.cache = dict(np.load(self.path)) if self.path.exists() else {}

    def encode(self, texts: list[str]) -> np.ndarray:
        self.asked += len(texts)
        keys = [text_key(t) for t in texts]
        todo = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in self.cache))
        if todo:
            for t, v in zip(todo, self.inner.encode(todo), strict=True):
                self.cache[text_key(t)] = v
            np.savez(self.path, **self.cache)
        return np.stack([self.cache[k] for k in keys]) if keys else np.zeros((0, self.dim), np.float32)


def source_texts() -> list[tuple[str, str, datetime | None]]:
    out = []
    for d in meantime_docs() + tempeval_docs():
        published = None
        if d.dct:
            try:
                published = datetime.fromisoformat(d.dct[:10])
            except ValueError:
                published = None
        out.append((d.name, d.text, published))
    for path in sorted((DATA / "polnear-test" / "text").glob("*.txt")):
        out.append((path.stem, path.read_text(encoding="utf-8"), None))
    return out


def republish(text: str, k: int, rng: random.Random) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if len(paragraphs) > 3:
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
    return "\n\n".join(paragraphs + [f"This report was republished by outlet number {k}."])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5,50,200,1000")
    ap.add_argument("--embed-in-build", action="store_true", help="no stored vectors: the build embeds")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = random.Random(7)
    base = source_texts()
    rng.shuffle(base)
    items = list(base)
    k = 0
    while len(items) < max(sizes):
        name, text, published = base[k % len(base)]
        items.append((f"{name}-copy{k}", republish(text, k, rng), published))
        k += 1
    articles = [Article(article_id(t), n, t, published=p) for n, t, p in items[:max(sizes)]]
    nlp = build_pipeline()
    t0 = time.perf_counter()
    for article, ann in zip(articles, analyze_articles(articles, nlp), strict=True):
        article.annotations = ann
    print(f"analysed {len(articles)} articles in {time.perf_counter() - t0:.0f}s (not part of the timings below)")
    model = CachedEmbedder(E5Embedder())
    t0 = time.perf_counter()
    stored = {} if args.embed_in_build else embed_articles(articles, model)
    print(f"sentence vectors of {len(stored)} articles made as ingest does in {time.perf_counter() - t0:.0f}s "
          f"(cached under .bench/vectors; not part of the timings below)")
    print(f"{'articles':>8s} {'sentences':>9s} {'origins':>7s} {'embedded':>8s} {'seconds':>8s} {'cpu s':>7s} "
          f"{'ms/article':>10s} {'py peak MiB':>11s} {'max RSS MiB':>11s}")
    for n in sizes:
        story = articles[:n]
        if args.embed_in_build:
            model = E5Embedder()  # an empty sentence-vector cache: every build embeds all it needs
        if isinstance(model, CachedEmbedder):
            model.asked = 0
        tracemalloc.start()
        t0, c0 = time.perf_counter(), time.process_time()
        dossier = build_dossier(story, model, vectors={a.id: stored[a.id] for a in story if a.id in stored})
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        sentences = sum(len(a.annotations.sentences) for a in story)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # process high-water mark
        asked = getattr(model, "asked", -1)
        print(f"{n:8d} {sentences:9d} {len(dossier.origins):7d} {asked:8d} {secs:8.1f} {cpu:7.1f} "
              f"{1000 * secs / n:10.1f} {peak / 2**20:11.0f} {rss:11.0f}", flush=True)


if __name__ == "__main__":
    main()
