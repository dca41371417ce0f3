"""Train the PLOVER event model shipped in ``newsdesk/analyze/data/eventcoder.npz``.

    python -m newsdesk.train.events [--data ../shared/data/event-coding] [--seed 13]

Data (see ``newsdesk.train.data``): PLV_train.tsv (Hu et al. 2024) plus the CAMEO manual's
examples (PLOVER_GSR_CAMEO.txt, folded into the 15 root codes). PLV_test.tsv is never read
here: ``bench/events.py`` scores on it. Model selection: the PLV training sentences are
split into ``--folds`` parts (shuffled with ``--seed``); each setting of the grid (L2
strength, class balancing, and with ``--embedding`` the weight of the phrase embedding)
is fitted with one part held out and scored on it, for every part; the best by held-out
accuracy + macro-F1 is refitted on all training data and saved, with its held-out scores
in the file's metadata. Parses and embeddings are cached under ``--cache``. Deterministic:
the same data and seed give the same weights.
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
L2_GRID = (1e-4, 3e-4)
BALANCE_GRID = (0.5, 1.0)
EMBED_GRID = (0.0, 2.0)


@dataclass
class Featurized:
    """Parse features and event phrase of each example, in input order."""

    features: list[list[str]]
    phrases: list[str]
    labels: list[str]
    groups: list[str]


def parse(texts: list[str], nlp, cache: Path | None = None) -> list:  # noqa: ANN001
    """spaCy docs of ``texts``, kept in a DocBin under ``cache`` (keyed by the texts and the
    model's name and version) so that a rerun with other features does not parse again."""
    from spacy.tokens import DocBin

    key = hashlib.sha1("\n".join([nlp.meta["name"], nlp.meta["version"], *texts]).encode()).hexdigest()[:16]
    path = cache / f"parses-{key}.spacy" if cache else None
    if path is not None and path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=64))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(attrs=["ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"],
               docs=docs).to_disk(path)
    return docs


def featurize(examples: list[Example], nlp, cache: Path | None = None) -> Featurized:  # noqa: ANN001
    """Parse each distinct sentence once and read every example's pair from it (one entry
    per example, in order)."""
    texts = list(dict.fromkeys(e.sentence for e in examples))
    docs = dict(zip(texts, parse(texts, nlp, cache), strict=True))
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
    from newsdesk.nlp_models import embedder

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
        weight: float, meta: dict, balance: float = 0.0) -> EventModel:
    """One model on the given rows; the embedding block is scaled by ``weight`` (0: unused)."""
    vocab = {f: i for i, f in enumerate(sorted({f for fs in features for f in fs}))}
    y = np.array([ROOT_CODES.index(lab) for lab in labels])
    w, b = fit_softmax(design(features, vectors, vocab, weight), y, len(ROOT_CODES), l2, balance=balance)
    v = len(vocab)
    dense = w[v:] * weight if weight > 0 else np.zeros((0, len(ROOT_CODES)))
    return EventModel(ROOT_CODES, vocab, w[:v], dense, b, meta)


def predict(model: EventModel, features: list[list[str]], vectors: np.ndarray) -> list[str]:
    probs = model.probabilities(features, vectors if model.uses_embedding else None)
    return [model.classes[i] for i in probs.argmax(axis=1)]


def folds_of(groups: list[str], k: int, seed: int) -> list[set[str]]:
    """``k`` disjoint sets of PLV training sentences (the CAMEO manual examples always train)."""
    plv = sorted({g for g in groups if g.startswith("PLV_train:")})
    random.Random(seed).shuffle(plv)
    return [set(plv[i::k]) for i in range(k)]


def cross_validate(data: Featurized, vectors: np.ndarray, folds: list[set[str]], l2: float, weight: float,
                   balance: float):
    """Scores of one setting over the held-out folds (each PLV training sentence held out once)."""
    gold: list[str] = []
    pred: list[str] = []
    for held in folds:
        fit_idx = [i for i, g in enumerate(data.groups) if g not in held]
        dev_idx = [i for i, g in enumerate(data.groups) if g in held]
        model = fit([data.features[i] for i in fit_idx], vectors[fit_idx], [data.labels[i] for i in fit_idx],
                    l2, weight, {}, balance)
        gold += [data.labels[i] for i in dev_idx]
        pred += predict(model, [data.features[i] for i in dev_idx], vectors[dev_idx])
    return score(gold, pred)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    ap.add_argument("--cache", type=Path, default=Path(".bench/train-events"))
    ap.add_argument("--embedding", action="store_true",
                    help="also try the sentence embedder's vector of the event phrase (slow at analysis time)")
    args = ap.parse_args(argv)

    from newsdesk.nlp_models import base_spacy

    t0 = time.perf_counter()
    plv = read_plv(args.data / "plv" / "PLV_train.tsv")
    gsr = read_gsr_cameo(args.data / "PLOVER_GSR_CAMEO.txt")
    data = featurize(plv + gsr, base_spacy(), args.cache)
    print(f"examples: PLV_train {len(plv)}, CAMEO manual {len(gsr)}")
    vectors = (embed_cached(data.phrases, args.cache) if args.embedding
               else np.zeros((len(data.phrases), 0), dtype=np.float32))
    folds = folds_of(data.groups, args.folds, args.seed)
    best: tuple | None = None
    for weight in EMBED_GRID if args.embedding else (0.0,):
        for balance in BALANCE_GRID:
            for l2 in L2_GRID:
                s = cross_validate(data, vectors, folds, l2, weight, balance)
                print(f"  embedding x{weight:<3} balance {balance:<3} l2 {l2:<7} held-out {s.line()}", flush=True)
                if best is None or (s.macro_f1 + s.accuracy) > best[0]:
                    best = (s.macro_f1 + s.accuracy, s, l2, weight, balance)
    assert best is not None
    _, s, l2, weight, balance = best
    meta = {"data": ["PLV_train.tsv", "PLOVER_GSR_CAMEO.txt"], "seed": args.seed, "l2": l2,
            "balance": balance, "embedding_weight": weight, "examples": len(data.labels),
            "held_out": {"folds": args.folds, "accuracy": round(s.accuracy, 4), "macro_f1": round(s.macro_f1, 4)}}
    model = fit(data.features, vectors, data.labels, l2, weight, meta, balance)
    save_event_model(model, args.out)
    size = args.out.stat().st_size / 1e6
    print(f"chosen: embedding x{weight}, balance {balance}, l2 {l2} ({args.folds}-fold held-out {s.line()})")
    print(f"saved {args.out} ({size:.1f} MB) in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
