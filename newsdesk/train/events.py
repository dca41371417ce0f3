"""Train the PLOVER event model shipped in ``newsdesk/analyze/data/eventcoder.npz``.

    python -m newsdesk.train.events [--data ../shared/data/event-coding] [--seed 13]

Data (see ``newsdesk.train.data``): PLV_train.tsv (Hu et al. 2024) plus the CAMEO manual's
examples (PLOVER_GSR_CAMEO.txt, folded into the 15 root codes). PLV_test.tsv is never read
here: ``bench/events.py`` scores on it. Model selection: one sixth of the PLV training
sentences (chosen with ``--seed``) is held out; each setting of the grid (L2 strength,
weight of the phrase embedding) is fitted on the rest and scored on it; the best by
macro-F1 is refitted on all training data and saved, with its held-out scores in the
file's metadata. Embeddings are cached under ``--cache`` (text -> vector), so a rerun
only embeds new phrases.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from newsdesk.analyze.eventfeatures import pair_view
from newsdesk.analyze.eventmodel import WEIGHTS, EventModel, save_event_model
from newsdesk.analyze.plover import ROOT_CODES
from newsdesk.train.data import Example, read_gsr_cameo, read_plv
from newsdesk.train.metrics import score
from newsdesk.train.softmax import fit_softmax, sparse_rows

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "event-coding"
L2_GRID = (3e-5, 1e-4, 3e-4, 1e-3)
EMBED_GRID = (0.0, 1.0, 2.0, 4.0)


@dataclass
class Featurized:
    """Parse features and event phrase of each example, in input order."""

    features: list[list[str]]
    phrases: list[str]
    labels: list[str]
    groups: list[str]


def featurize(examples: list[Example], nlp) -> Featurized:  # noqa: ANN001
    """Parse each distinct sentence once and read every example's pair from it (one entry
    per example, in order)."""
    texts = list(dict.fromkeys(e.sentence for e in examples))
    docs = dict(zip(texts, nlp.pipe(texts, batch_size=64), strict=True))
    out = Featurized([], [], [], [])
    for ex in examples:
        doc = docs[ex.sentence]
        src = doc.char_span(*ex.source, alignment_mode="expand") if ex.source else None
        tgt = doc.char_span(*ex.target, alignment_mode="expand") if ex.target else None
        if src is None and tgt is None:
            feats, phrase = ["unplaced"], ex.sentence  # the offsets fall outside the tokens
        else:
            view = pair_view(src, tgt)
            feats, phrase = view.features, view.phrase
        out.features.append(feats)
        out.phrases.append(phrase)
        out.labels.append(ex.label)
        out.groups.append(ex.group)
    return out


def embed_cached(texts: list[str], cache: Path | None) -> np.ndarray:
    """Phrase vectors from the shared embedder, memoised on disk when ``cache`` is set."""
    from newsdesk.models import embedder

    if cache is None:
        return embedder().encode(texts)
    cache.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha1("\n".join(texts).encode()).hexdigest()[:16]
    path = cache / f"phrases-{key}.npy"
    if path.exists():
        return np.load(path)
    vecs = np.concatenate([embedder().encode(texts[i:i + 64]) for i in range(0, len(texts), 64)])
    np.save(path, vecs)
    return vecs


def design(features: list[list[str]], vectors: np.ndarray, vocab: dict[str, int],
           weight: float) -> sparse.csr_matrix:
    x = sparse_rows(features, vocab)
    if weight > 0:
        x = sparse.hstack([x, sparse.csr_matrix(vectors * weight)]).tocsr()
    return x


def fit(features: list[list[str]], vectors: np.ndarray, labels: list[str], l2: float,
        weight: float, meta: dict) -> EventModel:
    """One model on the given rows; the embedding block is scaled by ``weight`` (0: unused)."""
    vocab = {f: i for i, f in enumerate(sorted({f for fs in features for f in fs}))}
    y = np.array([ROOT_CODES.index(lab) for lab in labels])
    w, b = fit_softmax(design(features, vectors, vocab, weight), y, len(ROOT_CODES), l2)
    v = len(vocab)
    dense = w[v:] * weight if weight > 0 else np.zeros((0, len(ROOT_CODES)))
    return EventModel(ROOT_CODES, vocab, w[:v], dense, b, meta)


def predict(model: EventModel, features: list[list[str]], vectors: np.ndarray) -> list[str]:
    probs = model.probabilities(features, vectors if model.uses_embedding else None)
    return [model.classes[i] for i in probs.argmax(axis=1)]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    ap.add_argument("--cache", type=Path, default=Path(".bench/train-events"))
    ap.add_argument("--no-embedding", action="store_true", help="parse features only")
    args = ap.parse_args(argv)

    from newsdesk.models import base_spacy

    t0 = time.perf_counter()
    plv = read_plv(args.data / "plv" / "PLV_train.tsv")
    gsr = read_gsr_cameo(args.data / "PLOVER_GSR_CAMEO.txt")
    nlp = base_spacy()
    data = featurize(plv + gsr, nlp)
    print(f"examples: PLV_train {len(plv)}, CAMEO manual {len(gsr)}; featurized {len(data.labels)}")
    embed_grid = (0.0,) if args.no_embedding else EMBED_GRID
    vectors = (np.zeros((len(data.phrases), 0), dtype=np.float32) if args.no_embedding
               else embed_cached(data.phrases, args.cache))

    plv_groups = sorted({g for g in data.groups if g.startswith("PLV_train:")})
    random.Random(args.seed).shuffle(plv_groups)
    held = set(plv_groups[: len(plv_groups) // 6])
    fit_idx = [i for i, g in enumerate(data.groups) if g not in held]
    dev_idx = [i for i, g in enumerate(data.groups) if g in held]

    def rows(idx: list[int]) -> tuple[list[list[str]], np.ndarray, list[str]]:
        return [data.features[i] for i in idx], vectors[idx], [data.labels[i] for i in idx]

    best: tuple[float, float, float, float] | None = None
    for weight in embed_grid:
        for l2 in L2_GRID:
            f, v, y = rows(fit_idx)
            model = fit(f, v, y, l2, weight, {})
            df, dv, dy = rows(dev_idx)
            s = score(dy, predict(model, df, dv))
            print(f"  embedding x{weight:<4} l2 {l2:<7} held-out {s.line()}")
            if best is None or (s.macro_f1, s.accuracy) > best[:2]:
                best = (s.macro_f1, s.accuracy, l2, weight)
    assert best is not None
    f1, acc, l2, weight = best
    meta = {"data": ["PLV_train.tsv", "PLOVER_GSR_CAMEO.txt"], "seed": args.seed, "l2": l2,
            "embedding_weight": weight, "held_out": {"accuracy": round(acc, 4), "macro_f1": round(f1, 4),
                                                     "sentences": len(held)},
            "examples": len(data.labels)}
    model = fit(data.features, vectors, data.labels, l2, weight, meta)
    save_event_model(model, args.out)
    size = args.out.stat().st_size / 1e6
    print(f"chosen: embedding x{weight}, l2 {l2} (held-out accuracy {acc:.3f}, macro-F1 {f1:.3f})")
    print(f"saved {args.out} ({size:.1f} MB) in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
