"""Gathering the sides of each point on which reports differ into ``Discrepancy`` records.

A point is kept only when it is a disagreement a reader can see between reports: at
least two variants whose shown wordings differ and that come from different pages —
two copies of one page (near-duplicates, one outlet's reports) never disagree with each
other, while two rewrites of one agency story that state different facts do.
"""

from __future__ import annotations

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

    def add(self, kind: str, about: str, confidence: float, sides: list[tuple[str, str, int, int, str]]) -> None:
        """``sides``: (variant key, article, start, end, shown text) for each side."""
        sides = [s for s in sides if not self.in_furniture(s[1], s[2])]
        if len(sides) < 2:
            return
        key = (kind, about)
        point = self.points.setdefault(key, {"confidence": 0.0, "variants": {}})
        point["confidence"] = max(point["confidence"], confidence)
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

    def records(self) -> list[Discrepancy]:
        out = []
        for (kind, about), point in self.points.items():
            variants = [Variant(v["text"], v["articles"], v["citations"]) for v in point["variants"].values()]
            if len(variants) < 2 or not self._visible(variants):
                continue
            out.append(Discrepancy("", about, round(point["confidence"], 2), variants, kind))
        out.sort(key=lambda d: (-d.confidence, d.about))
        for k, d in enumerate(out, 1):
            d.id = f"D{k}"
        return out
