"""Gathering the sides of each point on which reports differ into ``Discrepancy`` records.

A point is kept only when it is a disagreement a reader can see between reports: at
least two variants whose shown wordings differ and that come from different pages —
two copies of one page (near-duplicates, one outlet's reports) never disagree with each
other, while two rewrites of one agency story that state different facts do.

Each ``add`` brings the evidence of one candidate as features (``confidence``); a point's
confidence is the calibrated probability of its best-supported candidate, and points
below the model's cut are not listed.
"""

from __future__ import annotations

from newsdesk.crossdoc.confidence import DiscrepancyModel, kind_features, scaled, shipped_model
from newsdesk.crossdoc.corpus import Corpus
from newsdesk.model import Discrepancy, Variant


def _shown(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .,;:")


class Collector:
    """Variants per point ``(kind, about)``; ``records()`` turns them into discrepancies.

    Sides given to ``add`` inside furniture units (``furniture``: unit indices) are
    dropped, so page text never becomes a side of a discrepancy.
    """

    def __init__(self, corpus: Corpus, furniture: set[int] | None = None) -> None:
        self.corpus = corpus
        self.furniture = furniture or set()
        self.points: dict[tuple[str, str], dict] = {}

    def in_furniture(self, article: str, offset: int) -> bool:
        unit = self.corpus.unit_at(article, offset)
        return unit is not None and unit in self.furniture

    def add(self, kind: str, about: str, features: dict[str, float],
            sides: list[tuple[str, str, int, int, str]]) -> None:
        """``features``: the evidence of this candidate (``confidence.FEATURES``; the
        kind and the point-level features are filled in here); ``sides``: (variant
        key, article, start, end, shown text) for each side."""
        sides = [s for s in sides if not self.in_furniture(s[1], s[2])]
        if len(sides) < 2:
            return
        key = (kind, about)
        point = self.points.setdefault(key, {"evidence": [], "variants": {}})
        point["evidence"].append({**features, **kind_features(kind)})
        for vkey, article, start, end, shown in sides:
            var = point["variants"].setdefault(vkey, {"text": shown, "articles": [], "citations": []})
            if article not in var["articles"]:
                var["articles"].append(article)
                var["citations"].append(self.corpus.cite(article, start, end))

    def _visible(self, variants: list[Variant]) -> bool:
        """Two variants that read differently and come from different pages."""
        origins = [self.corpus.pages_of(v.articles) for v in variants]
        for x in range(len(variants)):
            for y in range(x + 1, len(variants)):
                if _shown(variants[x].text) == _shown(variants[y].text):
                    continue
                if len(origins[x] | origins[y]) >= 2:
                    return True
        return False

    def records(self, model: DiscrepancyModel | None = None, cut: float | None = None,
                evidence: dict[str, dict[str, float]] | None = None) -> list[Discrepancy]:
        """The visible points scored by ``model`` (default: the shipped one), those at or
        above ``cut`` (default: the model's) most confident first. ``evidence``, when
        given, receives each listed discrepancy's id -> the features that scored it."""
        model = model or shipped_model()
        cut = model.cut if cut is None else cut
        out: list[tuple[Discrepancy, dict[str, float]]] = []
        for (kind, about), point in self.points.items():
            variants = [Variant(v["text"], v["articles"], v["citations"]) for v in point["variants"].values()]
            if len(variants) < 2 or not self._visible(variants):
                continue
            whole = {"many": float(len(variants) > 2),
                     "origins": scaled(len(self.corpus.origins_of([a for v in variants for a in v.articles])) - 2, 3)}
            best = max(({**f, **whole} for f in point["evidence"]), key=model.probability)
            p = model.probability(best)
            if p >= cut:
                out.append((Discrepancy("", about, round(p, 2), variants, kind), best))
        out.sort(key=lambda x: (-x[0].confidence, x[0].about))
        for k, (d, features) in enumerate(out, 1):
            d.id = f"D{k}"
            if evidence is not None:
                evidence[d.id] = features
        return [d for d, _ in out]
