"""Does the discrepancy step stay linear? A quick scaling check.

    python bench/discrepancy_scale.py [--stories 5,10,20,40] [--claims 1000,4000,16000]

1. Real reports: the articles of the first N TUNE stories of ``bench/dossier_quality.py``
   (GVA, analysed articles from its cache) pooled into one dossier, for growing N; the
   seconds of the "discrepancies" stage of ``build_dossier`` (candidates, scoring, the
   disputed mark) per 1,000 sentence units. Linear work keeps that figure flat; an
   all-pairs step makes it grow with N.
2. The disputed mark alone on synthetic dossiers of n claims and n discrepancies
   (random spans over n/10 articles): ``disputed_claims`` (side index) against the
   pairwise ``disputes`` loop it replaced, same inputs, same results.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsdesk.crossdoc import build_dossier  # noqa: E402
from newsdesk.crossdoc.discrepancies import disputed_claims, disputes  # noqa: E402
from newsdesk.settings import Settings  # noqa: E402


def _bench_module():
    return _load("dossier_quality", ROOT / "bench" / "dossier_quality.py")


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def real_reports(sizes: list[int]) -> None:
    dq = _bench_module()
    stories = [s for s in dq.gva_stories() if s.split == "tune"][:max(sizes)]
    emb = dq.CachedEmbedder(dq.CACHE / "vectors.npz")
    settings = Settings()
    pooled = [dq.analysed(s, settings) for s in stories]
    print("stories articles units | discrepancies-stage s | s per 1,000 units | discrepancies")
    for n in sizes:
        articles = [a for arts in pooled[:n] for a in arts]
        marks: dict[str, float] = {}

        def progress(stage: str, done: int, total: int, marks: dict[str, float] = marks) -> None:
            marks.setdefault(stage, time.perf_counter())

        dossier = build_dossier(articles, emb, progress=progress)
        emb.save()
        units = sum(len(a.annotations.sentences) if a.annotations else 0 for a in articles)
        secs = marks["timeline"] - marks["discrepancies"]
        print(f"{n:7d} {len(articles):8d} {units:5d} | {secs:21.2f} | {1000 * secs / max(units, 1):17.3f} | "
              f"{len(dossier.discrepancies)}")


def synthetic(sizes: list[int]) -> None:
    module = _load("tests.crossdoc.test_discrepancy_confidence",
                   ROOT / "tests" / "crossdoc" / "test_discrepancy_confidence.py")
    print("claims=discrepancies | indexed s | pairwise s | same result")
    for n in sizes:
        claims, discs = module._random_dossier(n, 7)
        t0 = time.perf_counter()
        indexed = {c.id for c in disputed_claims(claims, discs)}
        t1 = time.perf_counter()
        pairwise = {c.id for c in claims if any(disputes(d, c.citations) for d in discs)} if n <= 2000 else None
        t2 = time.perf_counter()
        shown = f"{t2 - t1:10.2f}" if pairwise is not None else "   skipped"
        print(f"{n:20d} | {t1 - t0:9.3f} | {shown} | {pairwise == indexed if pairwise is not None else '-'}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", default="5,10,20,40")
    ap.add_argument("--claims", default="500,1000,2000,8000,32000")
    args = ap.parse_args(argv)
    synthetic([int(x) for x in args.claims.split(",") if x])
    real_reports([int(x) for x in args.stories.split(",") if x])


if __name__ == "__main__":
    main()
