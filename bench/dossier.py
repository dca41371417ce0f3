"""Time and peak memory of the cross-source synthesis (``build_dossier``) for stories of
5, 50, 200 and 1000 articles.

    python bench/dossier.py [--sizes 5,50,200,1000]

Stories are built from the public sets: MEANTIME's four topic corpora (120 Wikinews
articles), TempEval-3 platinum (20) and PolNeAR (84). Beyond the 224 originals, the
larger stories add lightly edited re-publications of them (a paragraph dropped, an
outlet line added), as wire copies appear in real crawls, so the near-duplicate and
alignment paths are exercised at scale. Analysis (spaCy) runs once beforehand and is
not timed; the timing covers sentence embedding, the candidate index, origins,
entities, quotes, claims, discrepancies, timeline, events and summary. Peak memory is
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

from gold import DATA, meantime_docs, tempeval_docs  # noqa: E402

from newsdesk.analyze import analyze_articles, build_pipeline  # noqa: E402
from newsdesk.crossdoc import build_dossier  # noqa: E402
from newsdesk.model import Article, article_id  # noqa: E402
from newsdesk.nlp_models import E5Embedder  # noqa: E402


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
    E5Embedder().encode(["warm-up"])  # load the model outside the timings
    print(f"{'articles':>8s} {'sentences':>9s} {'origins':>7s} {'seconds':>8s} {'ms/article':>10s} "
          f"{'py peak MiB':>11s} {'max RSS MiB':>11s}")
    for n in sizes:
        story = articles[:n]
        model = E5Embedder()  # an empty sentence-vector cache: every build embeds all it needs
        tracemalloc.start()
        t0 = time.perf_counter()
        dossier = build_dossier(story, model)
        secs = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        sentences = sum(len(a.annotations.sentences) for a in story)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # process high-water mark
        print(f"{n:8d} {sentences:9d} {len(dossier.origins):7d} {secs:8.1f} {1000 * secs / n:10.1f} "
              f"{peak / 2**20:11.0f} {rss:11.0f}")


if __name__ == "__main__":
    main()
