"""Fit the same-fact model (``newsdesk/crossdoc/facts.py``) on hand-labelled TUNE pairs.

    python bench/same_fact.py candidates OUT.jsonl [--limit N]   # pairs to label (TUNE stories only)
    python bench/same_fact.py fit [--limit N] [--cached]         # fit, cross-validate, write the weights

``candidates`` lists, per TUNE story, the sentence pairs of different origins that the
candidate index proposes (cosine >= ``FLOOR``, no furniture, one language), with their
texts, for labelling. Labels are kept in ``bench/labels/same_fact_tune.jsonl``, one line per
pair: ``{"story", "type": "pair", "key": "<text a> || <text b>", "label": "same"|"different"}``
(the key is the two normalised texts in sorted order; guideline: GUIDELINE.md, test 2 of
multi-source claims). ``fit`` recomputes the features of each labelled pair from the
story, fits an L2 logistic regression (scikit-learn), prints 5-fold cross-validated
precision/recall at the chosen threshold, and writes ``newsdesk/crossdoc/data/same_fact.json``.
The threshold is the lowest probability whose cross-validated precision is >= ``TARGET``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from dossier_quality import CACHE, CachedEmbedder, Story, _code_hash, allsides_stories, analysed, gva_stories  # noqa: E402

from newsdesk.crossdoc.claims import FLOOR, excluded_units  # noqa: E402
from newsdesk.crossdoc.corpus import CandidateIndex, build_corpus  # noqa: E402
from newsdesk.crossdoc.facts import FEATURES, WEIGHTS, features, signatures  # noqa: E402
from newsdesk.crossdoc.furniture import furniture_units  # noqa: E402
from newsdesk.crossdoc.origins import find_origins  # noqa: E402
from newsdesk.settings import Settings  # noqa: E402

TARGET = 0.95
LABELS = ROOT / "bench" / "labels" / "same_fact_tune.jsonl"


def pair_key(a: str, b: str) -> str:
    x, y = sorted(" ".join(t.split()) for t in (a, b))
    return f"{x} || {y}"


def cached(story: Story) -> bool:
    """Whether the story's analysis is in the bench cache already."""
    return (CACHE / _code_hash() / (story.key.replace("/", "_") + ".db")).exists()


def tune_stories(limit: int, only_cached: bool = False) -> list[Story]:
    out = []
    for loader in (gva_stories, allsides_stories):
        chosen = [s for s in loader() if s.split == "tune"]
        out += chosen[:limit] if limit else chosen
    return [s for s in out if cached(s)] if only_cached else out


def story_pairs(story: Story, emb: CachedEmbedder, settings: Settings) -> list[dict]:
    """Candidate pairs of one story with their features."""
    articles = analysed(story, settings)
    corpus = build_corpus(articles, emb)
    emb.save()
    lsh = CandidateIndex(corpus.vectors)
    find_origins(corpus, lsh)
    skip = excluded_units(corpus, furniture_units(corpus))
    sigs = signatures(corpus)
    out, seen = [], set()
    for i, j, sim in lsh.similar(FLOOR, [corpus.origin_of[u.article] for u in corpus.units]):
        if i in skip or j in skip or corpus.cross_lingual(i, j):
            continue
        a, b = corpus.units[i].text, corpus.units[j].text
        if pair_key(a, b) in seen:
            continue  # copies of one pair of sentences: labelled once
        seen.add(pair_key(a, b))
        out.append({"story": story.key, "key": pair_key(a, b), "sim": round(sim, 3), "a": a, "b": b,
                    "x": features(sigs[i], sigs[j], sim).tolist()})
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["candidates", "fit"])
    ap.add_argument("out", nargs="?", default="")
    ap.add_argument("--limit", type=int, default=15, help="TUNE stories per set (0: all)")
    ap.add_argument("--cached", action="store_true", help="only stories whose analysis is cached")
    args = ap.parse_args(argv)
    settings = Settings()
    CACHE.mkdir(parents=True, exist_ok=True)
    emb = CachedEmbedder(CACHE / "vectors.npz")
    pairs = [p for s in tune_stories(args.limit, args.cached) for p in story_pairs(s, emb, settings)]
    if args.command == "candidates":
        with open(args.out, "w", encoding="utf-8") as fh:
            for p in pairs:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
        print(f"{len(pairs)} candidate pairs -> {args.out}")
        return
    labels = {}
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            labels[(rec["story"], rec["key"])] = rec["label"] == "same"
    rows = [(p["x"], labels[(p["story"], p["key"])]) for p in pairs if (p["story"], p["key"]) in labels]
    fit(np.array([x for x, _ in rows]), np.array([y for _, y in rows], dtype=int))


def fit(x: np.ndarray, y: np.ndarray) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    print(f"labelled pairs: {len(y)} (same {int(y.sum())}, different {int(len(y) - y.sum())})")
    clf = LogisticRegression(C=1.0, max_iter=2000)
    prob = cross_val_predict(clf, x, y, cv=StratifiedKFold(5, shuffle=True, random_state=0),
                             method="predict_proba")[:, 1]
    threshold = 0.5
    for t in np.arange(0.3, 0.95, 0.025):
        chosen = prob >= t
        if chosen.sum() and y[chosen].mean() >= TARGET:
            threshold = float(round(t, 3))
            break
    chosen = prob >= threshold
    tp = int((chosen & (y == 1)).sum())
    print(f"5-fold CV at threshold {threshold}: precision {tp}/{int(chosen.sum())} = "
          f"{tp / max(int(chosen.sum()), 1):.3f}, recall {tp}/{int(y.sum())} = {tp / max(int(y.sum()), 1):.3f}")
    for t in (0.5, 0.6, 0.7, 0.8):
        c = prob >= t
        print(f"   at {t}: precision {y[c].mean() if c.sum() else 0:.3f} ({int(c.sum())} chosen), "
              f"recall {(c & (y == 1)).sum() / max(int(y.sum()), 1):.3f}")
    clf.fit(x, y)
    for name, c in zip(FEATURES, clf.coef_[0], strict=True):
        print(f"   {name:15s} {c:+.3f}")
    WEIGHTS.parent.mkdir(exist_ok=True)
    WEIGHTS.write_text(json.dumps({
        "features": list(FEATURES), "coef": [round(float(c), 4) for c in clf.coef_[0]],
        "intercept": round(float(clf.intercept_[0]), 4), "threshold": threshold,
        "fitted_on": f"{len(y)} labelled TUNE pairs (bench/labels/same_fact_tune.jsonl)",
        "command": "python bench/same_fact.py fit"}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    main()
