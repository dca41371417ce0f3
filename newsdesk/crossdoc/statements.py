"""Who said what, and which facts rest on how many independent origins.

* Quotes: renderings of one statement across outlets and translations are grouped by
  speaker (the dossier entity) plus meaning (embedding similarity of the quoted
  words, or a close wording), not by string equality. A quote with no resolved
  speaker joins a group only when its words are nearly identical.
* Facts: sentences of different articles that say the same thing (strong embedding
  similarity from the candidate index) form one fact group; claims inherit the group's
  articles and independent origins.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
from rapidfuzz import fuzz

from newsdesk.crossdoc.corpus import CandidateIndex, Corpus, UnionFind
from newsdesk.model import Claim, DossierClaim, DossierQuote, Rendering, Speaker

SAME_QUOTE = 0.90       # cosine of two renderings of one statement by one speaker
SAME_QUOTE_UNKNOWN = 0.96
SAME_REPORTED = 0.93    # two reported-speech clauses (no quoted words to anchor them)
SAME_FACT = 0.925       # cosine of two sentences stating the same fact
SURE_FACT = 0.95        # ... so close that no shared wording is needed
SAME_FACT_CROSS = 0.905  # the same fact in two languages


def _nested(a, b) -> bool:
    """One span inside the other: a quoted fragment and the reported clause around it."""
    return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)


def group_quotes(corpus: Corpus, local_entity: dict[tuple[str, str], str], names: dict[str, str],
                 embedder) -> list[DossierQuote]:
    items = []  # (article, quote, dossier entity or None)
    for article in corpus.articles:
        if not article.annotations:
            continue
        for q in article.annotations.quotes:
            if q.kind != "statement":
                continue  # attributed beliefs and positions are not aligned as quotes
            ent = local_entity.get((article.id, q.speaker_entity)) if q.speaker_entity else None
            items.append((article, q, ent))
    if not items:
        return []
    # Direct quotes first: their exact words align best; a reported clause around a
    # quoted fragment then joins the fragment's statement.
    items.sort(key=lambda it: not it[1].direct)
    vecs = corpus.vectors_of([(article.id, q.text) for article, q, _ in items], embedder)
    clusters: list[dict] = []
    by_speaker: dict[str | None, list[int]] = defaultdict(list)
    for k, (article, q, ent) in enumerate(items):
        key = ent or (q.speaker or "").lower() or None
        best, best_sim = None, 0.0
        candidates = by_speaker.get(key, []) if key else [c for cs in by_speaker.values() for c in cs]
        nest = next((c for c in candidates if any(m[0].id == article.id and _nested(q, m[1])
                                                  for m in clusters[c]["members"])), None)
        if nest is not None:
            best, candidates = nest, []  # the fragment and its clause are one statement
        if candidates:
            cents = np.stack([clusters[c]["centroid"] for c in candidates])
            sims = cents @ vecs[k]
            for c, s in zip(candidates, sims, strict=True):
                same = [m[1] for m in clusters[c]["members"] if m[0].id == article.id]
                if same and not any(_nested(q, m) for m in same):
                    continue  # one article states a quote once; a second one is another statement
                close = max(fuzz.token_set_ratio(q.text, m[1].text) for m in clusters[c]["members"])
                need = SAME_QUOTE if key else SAME_QUOTE_UNKNOWN
                if not q.direct and not any(m[1].direct for m in clusters[c]["members"]):
                    need = max(need, SAME_REPORTED)  # paraphrases of one speaker's topic drift close
                score = max(float(s), 0.97 if close >= 90 else 0.0)
                if score >= need and score > best_sim:
                    best, best_sim = c, score
        if best is None:
            clusters.append({"members": [(article, q, ent)], "centroid": vecs[k].copy(), "key": key})
            by_speaker[key].append(len(clusters) - 1)
        else:
            cl = clusters[best]
            cl["members"].append((article, q, ent))
            n = len(cl["members"])
            cl["centroid"] = (cl["centroid"] * (n - 1) + vecs[k]) / n
    out: list[DossierQuote] = []
    for cl in clusters:
        members = cl["members"]
        ent = next((m[2] for m in members if m[2]), None)
        name = names.get(ent) if ent else next((m[1].speaker for m in members if m[1].speaker), None)
        renderings = [Rendering(a.id, q.text, q.start, q.end, q.direct, q.cue) for a, q, _ in members]
        arts = [a.id for a, _, _ in members]
        out.append(DossierQuote("", Speaker(name, ent), renderings, len(corpus.origins_of(arts))))
    out.sort(key=lambda d: (-d.independent_sources, -len(d.renderings), d.speaker.name or "~"))
    for k, d in enumerate(out, 1):
        d.id = f"Q{k}"
    return out


def _common_words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"(?<![\w’'])[a-z]{4,}\b", text)} - {"that", "with", "have", "been", "from",
                                                                        "this", "their", "said", "were", "which"}


def fact_groups(corpus: Corpus, lsh: CandidateIndex) -> list[int]:
    """A group label per unit: sentences of different articles stating the same thing."""
    labels = [u.article for u in corpus.units]
    uf = UnionFind([str(i) for i in range(len(corpus.units))])
    for i, j, sim in lsh.similar(SAME_FACT_CROSS, labels):
        if corpus.cross_lingual(i, j):
            # Across languages no words are shared; the embedding alone decides.
            if sim >= SAME_FACT_CROSS:
                uf.union(str(i), str(j))
            continue
        # Same-topic sentences of one story are all close in embedding space; ask for
        # shared common words too ("accused", "missiles"), not just the names.
        if sim >= SURE_FACT or (sim >= SAME_FACT and
                                len(_common_words(corpus.units[i].text) & _common_words(corpus.units[j].text)) >= 2):
            uf.union(str(i), str(j))
    return [int(uf.find(str(i))) for i in range(len(corpus.units))]


def group_claims(corpus: Corpus, groups: list[int]) -> list[DossierClaim]:
    """Claims merged by fact group. A group holds a claim when one of its sentences is a
    claim of its article (a quantity, a dated event, an attributed report) or when
    several reports state it; every article whose sentence is in the group supports it."""
    members: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        members[g].append(i)
    claimed: dict[int, Claim] = {}
    loose = -1
    extra: dict[int, list[tuple[str, Claim]]] = defaultdict(list)
    for article in corpus.articles:
        for claim in article.annotations.claims if article.annotations else []:
            unit = corpus.unit_at(article.id, claim.start + (len(claim.text) - len(claim.text.lstrip())))
            if unit is None:  # a claim outside any sentence unit (too short to align)
                extra[loose].append((article.id, claim))
                loose -= 1
            else:
                claimed.setdefault(groups[unit], claim)
    out: list[DossierClaim] = []
    for g, units in members.items():
        arts = list(dict.fromkeys(corpus.units[i].article for i in units))
        if g not in claimed and len(arts) < 2:
            continue
        first = claimed.get(g)
        text = first.text.strip() if first is not None else corpus.units[units[0]].text
        cites = [corpus.cite(corpus.units[i].article, corpus.units[i].start, corpus.units[i].end) for i in units]
        n = len(corpus.origins_of(arts))
        out.append(DossierClaim("", text, arts, n, "corroborated" if n >= 2 else "single-source", cites))
    for items in extra.values():
        (article_id, claim), = items
        out.append(DossierClaim("", claim.text.strip(), [article_id], 1, "single-source",
                                [corpus.cite(article_id, claim.start, claim.end)]))
    out.sort(key=lambda c: (-c.independent_sources, -len(c.articles)))
    for k, c in enumerate(out, 1):
        c.id = f"C{k}"
    return out
