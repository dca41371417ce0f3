"""The cited summary: at most 8 sentences chosen for coverage of corroborated facts
and for non-redundancy (maximal marginal relevance over sentence embeddings), and the
"what differs between sources" paragraph built from the discrepancies.
"""

from __future__ import annotations

from urllib.parse import urlparse

import numpy as np

from newsdesk.crossdoc.corpus import Corpus
from newsdesk.model import Discrepancy, DossierArticle, SummarySentence

MAX_SENTENCES = 8
REDUNDANT = 0.93
MMR_LAMBDA = 0.7


def summarise(corpus: Corpus, groups: list[int], limit: int = MAX_SENTENCES) -> list[SummarySentence]:
    if not corpus.units:
        return []
    members: dict[int, list[int]] = {}
    for i, g in enumerate(groups):
        members.setdefault(g, []).append(i)
    centroid = corpus.vectors.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-9)
    origins_total = max(len(set(corpus.origin_of.values())), 1)
    best_of_group: dict[int, tuple[float, int]] = {}
    for i, u in enumerate(corpus.units):
        words = len(u.text.split())
        if words < 8 or words > 60 or u.text.rstrip()[-1:] not in ".!\"”’)":
            continue
        if u.text.lstrip()[:1] in "“\"«„":
            continue  # a bare quotation out of context makes a poor summary sentence
        arts = {corpus.units[k].article for k in members[groups[i]]}
        support = len(corpus.origins_of(list(arts))) / origins_total
        central = float(corpus.vectors[i] @ centroid)
        lead = 1.0 / (1 + u.pos)
        score = 1.0 * support + 0.6 * central + 0.25 * lead
        if score > best_of_group.get(groups[i], (-1.0, -1))[0]:
            best_of_group[groups[i]] = (score, i)
    candidates = sorted(best_of_group.values(), reverse=True)[:200]
    chosen: list[int] = []
    while candidates and len(chosen) < limit:
        best, best_val = None, -1e9
        for score, i in candidates:
            red = max((float(corpus.vectors[i] @ corpus.vectors[j]) for j in chosen), default=0.0)
            if red >= REDUNDANT:
                continue
            val = MMR_LAMBDA * score - (1 - MMR_LAMBDA) * red
            if val > best_val:
                best, best_val = (score, i), val
        if best is None:
            break
        chosen.append(best[1])
        candidates.remove(best)
    out = []
    for i in chosen:
        u = corpus.units[i]
        group = [corpus.units[k] for k in members[groups[i]]]
        arts = list(dict.fromkeys([u.article] + [g.article for g in group]))
        cites = [corpus.cite(u.article, u.start, u.end)]
        cites += [corpus.cite(g.article, g.start, g.end) for g in group if g.article != u.article]
        out.append(SummarySentence(u.text, arts, cites))
    return out


def _outlet(article: DossierArticle) -> str:
    """The stated outlet, else the URL's domain, else "unknown" (never the headline)."""
    host = (urlparse(article.url).hostname or "").removeprefix("www.") if article.url else ""
    return article.outlet or host or "unknown"


def differences(discrepancies: list[Discrepancy], articles: list[DossierArticle],
                limit: int = 5) -> list[SummarySentence]:
    names = {a.id: _outlet(a) for a in articles}
    out = []
    for d in discrepancies[:limit]:
        parts = []
        for v in d.variants:
            who = ", ".join(dict.fromkeys(names.get(a, a) for a in v.articles))
            parts.append(f"“{v.text}” ({who})")
        text = f"Sources differ on {d.about}: " + " versus ".join(parts) + f" (confidence {d.confidence:.2f})."
        out.append(SummarySentence(text, [a for v in d.variants for a in v.articles],
                                   [c for v in d.variants for c in v.citations]))
    return out
