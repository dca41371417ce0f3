"""Scores for event coding: accuracy, macro-F1, quad-class accuracy, confusion counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from newsdesk.analyze.plover import QUAD_CLASS


@dataclass
class Scores:
    """``accuracy`` and ``macro_f1`` over root codes (macro over the gold classes present),
    ``quad_accuracy`` over the four quad classes, ``confusion[(gold, predicted)]`` counts."""

    n: int
    accuracy: float
    macro_f1: float
    quad_accuracy: float
    confusion: Counter

    def line(self) -> str:
        return (f"root accuracy {self.accuracy:.3f}  macro-F1 {self.macro_f1:.3f}  "
                f"quad accuracy {self.quad_accuracy:.3f}  (n={self.n})")


def score(gold: list[str], predicted: list[str]) -> Scores:
    """Compare two equal-length label lists.

    >>> score(["AGREE", "ASSAULT"], ["AGREE", "COERCE"]).quad_accuracy
    1.0
    """
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    n = len(gold)
    confusion = Counter(zip(gold, predicted, strict=True))
    right = sum(c for (g, p), c in confusion.items() if g == p)
    f1s = []
    for label in sorted(set(gold)):
        tp = confusion[(label, label)]
        fp = sum(c for (g, p), c in confusion.items() if p == label and g != label)
        fn = sum(c for (g, p), c in confusion.items() if g == label and p != label)
        f1s.append(2 * tp / max(2 * tp + fp + fn, 1))
    quad = sum(c for (g, p), c in confusion.items() if QUAD_CLASS.get(g) == QUAD_CLASS.get(p, -1))
    return Scores(n, right / max(n, 1), sum(f1s) / max(len(f1s), 1), quad / max(n, 1), confusion)


def confusion_table(scores: Scores, labels: list[str]) -> str:
    """The confusion counts as a text table, gold in rows, predicted in columns."""
    short = [lab[:4] for lab in labels]
    lines = ["gold \\ pred  " + " ".join(f"{s:>4}" for s in short)]
    for g in labels:
        cells = " ".join(f"{scores.confusion[(g, p)] or '.':>4}" for p in labels)
        lines.append(f"{g:<12} {cells}")
    return "\n".join(lines)
