"""Temporal expressions on TempEval-3 platinum and MEANTIME: extent and value F1.

    python bench/dates.py

Each document's creation time is the anchor (the publication date newsdesk would
have). Definitions follow TempEval-3 task A: a *strict* match has identical extent, a
*relaxed* match any overlap (each gold and predicted TIMEX3 used once); *value* F1
counts relaxed matches whose normalised value is identical. Our duration and date
values are TimeML values; our ranges ("2023-08/2024-01") have no TimeML counterpart
and count as misses, as do our extra expressions TimeML leaves untagged.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold import GoldDoc, meantime_docs, prf, tempeval_docs  # noqa: E402

from newsdesk.analyze import analyze_articles, build_pipeline  # noqa: E402
from newsdesk.model import Article, article_id  # noqa: E402


def _anchor(dct: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(dct[:10]) if dct else None
    except ValueError:
        return None


def evaluate(docs: list[GoldDoc], nlp) -> dict[str, float]:
    articles = [Article(article_id(d.text), d.name, d.text, published=_anchor(d.dct)) for d in docs]
    t0 = time.perf_counter()
    anns = analyze_articles(articles, nlp)
    secs = time.perf_counter() - t0
    n_gold = n_pred = strict = relaxed = value = 0
    for doc, ann in zip(docs, anns, strict=True):
        gold = [g for g in doc.timexes if g.value]
        pred = list(ann.timexes)
        n_gold += len(gold)
        n_pred += len(pred)
        used: set[int] = set()
        for p in pred:
            best = None
            for k, g in enumerate(gold):
                if k in used or not (p.start < g.end and g.start < p.end):
                    continue
                if best is None or (g.start == p.start and g.end == p.end):
                    best = k
            if best is None:
                continue
            used.add(best)
            g = gold[best]
            relaxed += 1
            strict += g.start == p.start and g.end == p.end
            value += (p.value or "") == g.value
    return {"docs": len(docs), "gold": n_gold, "pred": n_pred, "strict": prf(strict, n_pred, n_gold),
            "relaxed": prf(relaxed, n_pred, n_gold), "value": prf(value, n_pred, n_gold),
            "docs_per_s": len(docs) / secs}


def main() -> None:
    nlp = build_pipeline()
    for name, docs in (("TempEval-3 platinum", tempeval_docs()), ("MEANTIME (120 Wikinews articles)", meantime_docs())):
        r = evaluate(docs, nlp)
        print(f"{name}: {r['docs']} documents, {r['gold']} gold TIMEX3, {r['pred']} predicted")
        for key in ("strict", "relaxed", "value"):
            p, rc, f1 = r[key]
            print(f"  {key:8s} P {p:.3f}  R {rc:.3f}  F1 {f1:.3f}")
        print(f"  speed: {r['docs_per_s']:.1f} documents/s (whole analysis pipeline)")


if __name__ == "__main__":
    main()
