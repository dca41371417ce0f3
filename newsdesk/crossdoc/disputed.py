"""Claims that a discrepancy touches are marked disputed.

A claim is disputed when one of its citations contains a citation of a discrepancy's
variant (same article, the variant's span inside the claim's). The variants' spans are
indexed by article, so the cost grows with claims plus discrepancies, not their product.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from newsdesk.model import Discrepancy, DossierClaim


def mark_disputed(claims: list[DossierClaim], discrepancies: list[Discrepancy]) -> None:
    """Set ``status = "disputed"`` on every claim a discrepancy's citation falls inside."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for d in discrepancies:
        for v in d.variants:
            for c in v.citations:
                spans[c.article].append((c.start, c.end))
    for article_spans in spans.values():
        article_spans.sort()
    for claim in claims:
        if any(_contains_one(spans.get(x.article, []), x.start, x.end) for x in claim.citations):
            claim.status = "disputed"


def _contains_one(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a (sorted) span lies within [start, end)."""
    k = bisect_left(spans, (start, -1))
    while k < len(spans) and spans[k][0] < end:
        if spans[k][1] <= end:
            return True
        k += 1
    return False
