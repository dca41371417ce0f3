"""Train the story clusterer's join decision (``newsdesk/stream/data/decision.json``).

Data (public development sets beside the project, read by path, never copied):

* ``clustering/basil``: 300 articles in 100 stories (gold story = triplet uuid);
* ``stories-dev/gva``: incidents with their scraped reports (gold story = incident);
* ``stories-dev/ecbplus``: sub-topics; each topic holds two events of one kind.

Only the TUNE half of each set is used (``split(..., "tune")``: BASIL stories and GVA
incidents in the first half of their sorted ids, ECB+ topics with an odd number); the
other half is what ``bench/stories.py`` reports on. The stream is replayed in
publication order with the gold stories as the clusterer's state (teacher forcing):
every candidate story the clusterer would score for an arriving article gives one
example, labelled 1 when it is the article's gold story. A logistic regression (fixed
seed, L2, scikit-learn) fits the weights, so its output is a probability; the join
level is then picked on the same tune streams (``pick_join_at``: best mean B³ F0.5).

    python -m newsdesk.train.stories [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import numpy as np

from newsdesk.model import Article, article_id
from newsdesk.stream.clusterer import StoryClusterer
from newsdesk.stream.decision import FEATURES, Decision
from newsdesk.stream.signal import StorySignal

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
OUT = Path(__file__).resolve().parents[1] / "stream" / "data" / "decision.json"


CACHE = Path(__file__).resolve().parents[2] / ".bench" / "story_vectors.npz"


class CachedEmbedder:
    """The shared embedder with a disk cache under ``.bench/`` (training and
    ``bench/stories.py`` embed the same leads; reruns skip the model)."""

    def __init__(self, path: Path = CACHE) -> None:
        from newsdesk.nlp_models import embedder

        self.inner = embedder()
        self.dim = self.inner.dim
        self.path = path
        self.known: dict[str, np.ndarray] = {}
        if path.is_file():
            data = np.load(path)
            self.known = {k: data[k] for k in data.files}

    def encode(self, texts: list[str]) -> np.ndarray:
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        todo = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in self.known))
        if todo:
            for t, v in zip(todo, self.inner.encode(todo), strict=True):
                self.known[hashlib.sha1(t.encode()).hexdigest()] = v
            self.path.parent.mkdir(exist_ok=True)
            np.savez(self.path, **self.known)
        return np.stack([self.known[k] for k in keys])


@dataclass
class GoldArticle:
    """One article of a gold story stream."""

    article: Article
    story: str
    dataset: str


def _article(text: str, title: str, published: str | None, url: str | None, outlet: str | None) -> Article:
    """The article newsdesk's cleaner makes of one scraped report (furniture removed)."""
    from newsdesk.clean import clean_report
    from newsdesk.errors import InputError
    from newsdesk.model import Report
    from newsdesk.settings import Settings

    meta = {"title": title or None, "url": url, "outlet": outlet, "published": published}
    try:
        return clean_report(Report(source=url or title, content=text, kind="text", meta=meta), Settings())
    except InputError:   # too little text: kept raw so the stream still holds it
        day = datetime.fromisoformat(published[:10]) if published else None
        return Article(id=article_id(f"{title}\n{text}"), source=url or title, text=text,
                       title=title or None, published=day, url=url, outlet=outlet)


def read_basil(data: Path) -> list[GoldArticle]:
    with gzip.open(data / "clustering" / "basil" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return [GoldArticle(_article(r["text"], r.get("title", ""), r.get("date"), r.get("url"), r.get("outlet")),
                        r["story"], "basil") for r in rows]


def _story_folders(root: Path, dataset: str, dated: bool) -> list[GoldArticle]:
    """Every report of ``root/<story>/reports.jsonl``, its folder name as the gold story."""
    out = []
    for folder in sorted(root.iterdir()):
        if not (folder / "reports.jsonl").is_file():
            continue
        for line in (folder / "reports.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                published = r.get("published") if dated else None
                out.append(GoldArticle(_article(r.get("text", ""), r.get("title", ""), published, r.get("url"), None),
                                       folder.name, dataset))
    return out


def read_gva(data: Path) -> list[GoldArticle]:
    return _story_folders(data / "stories-dev" / "gva", "gva", dated=True)


def read_ecbplus(data: Path) -> list[GoldArticle]:
    return _story_folders(data / "stories-dev" / "ecbplus", "ecbplus", dated=False)


def topic_of(item: GoldArticle) -> str:
    """ECB+ topic number of a sub-topic ("12plus" -> "12"); the story otherwise."""
    return item.story.removesuffix("plus") if item.dataset == "ecbplus" else item.story


def split(items: list[GoldArticle], part: str) -> list[GoldArticle]:
    """The ``tune`` or ``report`` half of one data set (see the module docstring)."""
    if items and items[0].dataset == "ecbplus":
        keep = {t for t in {topic_of(i) for i in items} if (int(t) % 2 == 1) == (part == "tune")}
        return [i for i in items if topic_of(i) in keep]
    stories = sorted({i.story for i in items})
    half = set(stories[: len(stories) // 2]) if part == "tune" else set(stories[len(stories) // 2:])
    return [i for i in items if i.story in half]


def stream_order(items: list[GoldArticle]) -> list[GoldArticle]:
    """Publication order (undated articles keep their place after the dated ones of
    equal rank); ties keep the input order, so the stream is deterministic."""
    return sorted(items, key=lambda i: (i.article.published or datetime.max, ))


def teacher_forced_examples(signals: list[StorySignal], gold: list[str], dim: int,
                            with_groups: bool = False) -> tuple[np.ndarray, ...]:
    """Feature rows (n, len(FEATURES)) and 0/1 labels from replaying the stream with gold
    stories as state; ``with_groups`` adds each row's article index and, per article,
    whether its gold story was new (no earlier active article)."""
    ids: dict[str, int] = {}
    clusterer = StoryClusterer(dim=dim, decision=Decision(coef=(0.0,) * len(FEATURES), intercept=0.0))
    rows, labels, groups, new = [], [], [], []
    for i, (signal, story) in enumerate(zip(signals, gold, strict=True)):
        clusterer._expire(signal.day)
        target = ids.get(story)
        for cand in clusterer.candidates(signal):
            rows.append(clusterer.features(signal, cand).row())
            labels.append(1 if cand.id == target else 0)
            groups.append(i)
        is_new = target is None or target not in clusterer.stories
        new.append(is_new)
        if is_new:
            target = ids[story] = max(ids.values(), default=-1) + 1
        clusterer.seed(signal, target)
    x = np.array(rows).reshape(-1, len(FEATURES))
    if with_groups:
        return x, np.array(labels), np.array(groups, dtype=int), new
    return x, np.array(labels)


@dataclass
class Calibration:
    """How well the decision's probabilities match outcomes on a teacher-forced replay.

    ``pair_brier``/``pair_ece``: Brier score and expected calibration error (10 equal
    bins) of P(join) over every (article, candidate story) pair; ``new_brier``/``new_ece``:
    the same for the "new story" probability of each article (1 − its best candidate's
    P, 1 without candidates) against whether its gold story had no earlier article;
    ``candidate_recall``: share of articles whose earlier gold story was among the
    candidates scored.
    """

    pairs: int
    pair_brier: float
    pair_ece: float
    articles: int
    new_brier: float
    new_ece: float
    candidate_recall: float


def _ece(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    idx = np.minimum((p * bins).astype(int), bins - 1)
    return float(sum(abs(p[idx == b].mean() - y[idx == b].mean()) * (idx == b).sum()
                     for b in range(bins) if (idx == b).any()) / max(len(p), 1))


def calibration(signals: list[StorySignal], gold: list[str], dim: int, decision: Decision) -> Calibration:
    """Replay the stream with gold stories as state and measure ``decision``'s calibration."""
    x, y, groups, new = teacher_forced_examples(signals, gold, dim, with_groups=True)
    p = decision.probabilities(x) if len(x) else np.zeros(0)
    p_new, found = [], []
    for i, is_new in enumerate(new):
        mine = groups == i
        p_new.append(1.0 - float(p[mine].max()) if mine.any() else 1.0)
        if not is_new:
            found.append(bool(y[mine].any()))
    p_new_arr, new_arr = np.array(p_new), np.array(new, dtype=float)
    return Calibration(pairs=len(y), pair_brier=float(np.mean((p - y) ** 2)) if len(y) else 0.0,
                       pair_ece=_ece(p, y), articles=len(new),
                       new_brier=float(np.mean((p_new_arr - new_arr) ** 2)), new_ece=_ece(p_new_arr, new_arr),
                       candidate_recall=float(np.mean(found)) if found else 1.0)


def b_cubed(pred: dict[str, int], gold: dict[str, str]) -> tuple[float, float, float]:
    """B³ precision, recall, F1 (Bagga & Baldwin 1998) over the articles of ``gold``."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for a in gold:
        by_pred[pred[a]].add(a)
        by_gold[gold[a]].add(a)
    p = sum(len(by_pred[pred[a]] & by_gold[gold[a]]) / len(by_pred[pred[a]]) for a in gold) / len(gold)
    r = sum(len(by_pred[pred[a]] & by_gold[gold[a]]) / len(by_gold[gold[a]]) for a in gold) / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


JOIN_GRID = tuple(round(0.4 + 0.05 * i, 2) for i in range(11))   # 0.40 … 0.90
BETA = 0.5   # B³ F-beta that picks the join level: precision counts twice (merging two events is worse)


def pick_join_at(streams: list[tuple[list[StorySignal], list[str]]], dim: int,
                 decision: Decision) -> tuple[float, dict[float, float]]:
    """The join level on ``JOIN_GRID`` with the best mean B³ F0.5 over ``streams``
    (replayed with ``decision``), and the mean F0.5 of every level tried."""
    means = {}
    for level in JOIN_GRID:
        scores = []
        for signals, gold in streams:
            clusterer = StoryClusterer(dim=dim, decision=decision, join_at=level)
            pred = {s.article: clusterer.add(s).story for s in signals}
            p, r, _ = b_cubed(pred, {s.article: g for s, g in zip(signals, gold, strict=True)})
            scores.append((1 + BETA**2) * p * r / (BETA**2 * p + r) if p + r else 0.0)
        means[level] = float(np.mean(scores))
    return max(means, key=lambda lv: (means[lv], -lv)), means


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    from sklearn.linear_model import LogisticRegression

    from newsdesk.nlp_models import lead_ner
    from newsdesk.stream.signal import story_signals

    enc = CachedEmbedder()
    ner = lead_ner()
    xs, ys, names, streams = [], [], [], []
    for reader in (read_basil, read_gva, read_ecbplus):
        items = stream_order(split(reader(args.data), "tune"))
        signals = story_signals([i.article for i in items], enc, ner)
        streams.append((signals, [i.story for i in items]))
        x, y = teacher_forced_examples(signals, [i.story for i in items], enc.dim)
        xs.append(x)
        ys.append(y)
        names.append(f"{items[0].dataset} tune ({len(items)} articles, {int(y.sum())}/{len(y)} positive pairs)")
        print(names[-1])
    model = LogisticRegression(C=1.0, max_iter=20000, tol=1e-10, random_state=0).fit(np.vstack(xs), np.concatenate(ys))
    decision = Decision(coef=tuple(float(c) for c in model.coef_[0]), intercept=float(model.intercept_[0]),
                        trained_on="; ".join(names))
    join_at, means = pick_join_at(streams, enc.dim, decision)
    print("join level: mean tune B3 F0.5 " + ", ".join(f"{lv:.2f} {m:.3f}" for lv, m in means.items()))
    decision = replace(decision, join_at=join_at)
    args.out.write_text(decision.to_json() + "\n", encoding="utf-8")
    for name, c in zip(FEATURES, decision.coef, strict=True):
        print(f"{name:20s} {c:+.3f}")
    print(f"{'intercept':20s} {decision.intercept:+.3f}\n{'join at':20s} {decision.join_at:.2f}\nwrote {args.out}")


if __name__ == "__main__":
    main()
