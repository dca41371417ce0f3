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
seed, L2, scikit-learn) fits the weights, so its output is a probability.

    python -m newsdesk.train.stories [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from dataclasses import dataclass
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


def teacher_forced_examples(signals: list[StorySignal], gold: list[str], dim: int) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels from replaying the stream with gold stories as state."""
    ids: dict[str, int] = {}
    clusterer = StoryClusterer(dim=dim, decision=Decision(coef=(0.0,) * len(FEATURES), intercept=0.0))
    rows, labels = [], []
    for signal, story in zip(signals, gold, strict=True):
        clusterer._expire(signal.day)
        target = ids.get(story)
        for cand in clusterer.candidates(signal):
            rows.append(clusterer.features(signal, cand).row())
            labels.append(1 if cand.id == target else 0)
        if target is None or target not in clusterer.stories:
            target = ids[story] = max(ids.values(), default=-1) + 1
        clusterer.seed(signal, target)
    return np.array(rows), np.array(labels)


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
    xs, ys, names = [], [], []
    for reader in (read_basil, read_gva, read_ecbplus):
        items = stream_order(split(reader(args.data), "tune"))
        signals = story_signals([i.article for i in items], enc, ner)
        x, y = teacher_forced_examples(signals, [i.story for i in items], enc.dim)
        xs.append(x)
        ys.append(y)
        names.append(f"{items[0].dataset} tune ({len(items)} articles, {int(y.sum())}/{len(y)} positive pairs)")
        print(names[-1])
    model = LogisticRegression(C=1.0, max_iter=2000, random_state=0).fit(np.vstack(xs), np.concatenate(ys))
    decision = Decision(coef=tuple(float(c) for c in model.coef_[0]), intercept=float(model.intercept_[0]),
                        trained_on="; ".join(names))
    args.out.write_text(decision.to_json() + "\n", encoding="utf-8")
    for name, c in zip(FEATURES, decision.coef, strict=True):
        print(f"{name:20s} {c:+.3f}")
    print(f"{'intercept':20s} {decision.intercept:+.3f}\nwrote {args.out}")


if __name__ == "__main__":
    main()
