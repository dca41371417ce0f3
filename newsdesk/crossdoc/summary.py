"""The cited summary: at most 8 sentences chosen for coverage of corroborated facts
and for non-redundancy (maximal marginal relevance over sentence embeddings), and the
"what differs between sources" paragraph built from the discrepancies.

A summary sentence must stand on its own: when the story has two or more independent
origins, each sentence is either corroborated (its fact group spans 2+ origins) or
names its source in the sentence itself ("…, police said"); never page furniture, never
a sentence that leans on the one before it ("Now …", "In return, …", "He …"), in
capitals, with an unclosed quotation, or far from what the reports share. Of the
renderings of one fact the cleanest is shown (no broken hyphenation like "Jong- un",
no stray spaces before punctuation, balanced quotation marks).
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import numpy as np

from newsdesk.crossdoc.claims import excluded_units, independent_sources
from newsdesk.crossdoc.corpus import Corpus
from newsdesk.crossdoc.standalone import defects, quoted_share, speaker_named, stands_alone
from newsdesk.model import Discrepancy, DossierArticle, SummarySentence

MAX_SENTENCES = 8
REDUNDANT = 0.93
MMR_LAMBDA = 0.7
DEFECT_PENALTY = 0.3
QUOTED = 0.4  # share of a rendering inside quotation marks that makes the fact someone's words
OFF_TOPIC_QUANTILE = 0.1  # sentences less central than this share of the story's are never chosen
FULL_STOP = re.compile(r"[.!][\"”’)]*\s*$")


def _shouting(text: str) -> bool:
    """A sentence in capitals (a video transcript or a caption), not report prose."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _open_quote(text: str) -> bool:
    """A quotation opened and not closed: the sentence is cut from a longer quote."""
    straight = text.count("\"") % 2 == 1
    curly = text.count("“") != text.count("”")
    return straight or curly


def summarise(corpus: Corpus, groups: list[int], limit: int = MAX_SENTENCES,
              furniture: set[int] | None = None, copies: set[tuple[str, str]] | None = None) -> list[SummarySentence]:
    """At most ``limit`` cited sentences; ``furniture``: unit indices never chosen;
    ``copies``: article pairs of which one copies the other (``claims.copying_pairs``)."""
    skip = excluded_units(corpus, furniture)
    if not corpus.units:
        return []
    members: dict[int, list[int]] = {}
    for i, g in enumerate(groups):
        if i not in skip:
            members.setdefault(g, []).append(i)
    centroid = corpus.vectors.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-9)
    origins_total = max(len(set(corpus.origin_of.values())), 1)
    off_topic = float(np.quantile(corpus.vectors @ centroid, OFF_TOPIC_QUANTILE))
    copies = copies or set()
    sources: dict[int, int] = {}
    best_of_group: dict[int, tuple[tuple[int, float], int]] = {}
    for i, u in enumerate(corpus.units):
        words = len(u.text.split())
        if i in skip or words < 8 or words > 60 or not FULL_STOP.search(u.text):
            continue
        if u.text.lstrip()[:1] in "“\"«„":
            continue  # a bare quotation out of context makes a poor summary sentence
        if not stands_alone(u.text) or _shouting(u.text) or _open_quote(u.text):
            continue
        central = float(corpus.vectors[i] @ centroid)
        if central < off_topic:
            continue  # a related-story teaser or an aside far from what the reports share
        group = members[groups[i]]
        if groups[i] not in sources:
            sources[groups[i]] = independent_sources(corpus, group, copies)
        n = sources[groups[i]]
        attributed = speaker_named(u.text)
        if origins_total >= 2 and n < 2 and not attributed:
            continue  # one report's unattributed statement is not the story's fact
        if not attributed and any(quoted_share(corpus.units[k].text) >= QUOTED for k in group):
            continue  # someone's words (quoted in one rendering) stated as if they were fact
        score = 1.0 * n / origins_total + 0.6 * central + 0.25 / (1 + u.pos)
        rank = (-defects(u.text), score)  # of one fact's renderings the cleanest first
        if rank > best_of_group.get(groups[i], ((-99, -1.0), -1))[0]:
            best_of_group[groups[i]] = (rank, i)
    candidates = sorted(((r[1] - DEFECT_PENALTY * -r[0], i) for r, i in best_of_group.values()), reverse=True)[:200]
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
