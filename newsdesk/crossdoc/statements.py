"""Who said what, and which facts rest on how many independent origins.

* Quotes: renderings of one statement across outlets and translations are grouped by
  speaker (the dossier entity) plus meaning (embedding similarity of the quoted
  words, or a close wording), not by string equality. A quote with no resolved
  speaker joins a group only when its words are nearly identical.
* Sources: ``source_key`` names the independent source behind one passage (the
  interview or report it credits, else its origin); facts and claims are in ``claims``.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
from rapidfuzz import fuzz

from newsdesk.crossdoc.corpus import CandidateIndex, Corpus
from newsdesk.model import DossierQuote, Rendering, Speaker

SAME_QUOTE = 0.90       # cosine of two renderings of one statement by one speaker
SAME_QUOTE_UNKNOWN = 0.96
SAME_REPORTED = 0.93    # two reported-speech clauses (no quoted words to anchor them)
QUOTE_NEIGHBOURS = 24   # nearest quotes a quote of no known speaker is compared with
MAX_WORDINGS = 8        # distinct wordings of a statement kept for the close-wording test


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
    cluster_of: dict[int, int] = {}  # item -> its cluster, once placed
    in_article: dict[str, list[tuple[object, int]]] = defaultdict(list)  # article -> (quote, cluster)
    neighbours: np.ndarray | None = None  # nearest quotes, for quotes of no known speaker
    for k, (article, q, ent) in enumerate(items):
        key = ent or (q.speaker or "").lower() or None
        best, best_sim = None, 0.0
        if key:  # a known speaker: compared within that speaker's statements only
            candidates = by_speaker.get(key, [])
        else:  # no speaker: only the statements of its nearest quotes (candidate index)
            if neighbours is None:
                neighbours = CandidateIndex(vecs, k=QUOTE_NEIGHBOURS).neighbours()[1]
            candidates = list(dict.fromkeys(cluster_of[int(j)] for j in neighbours[k] if int(j) in cluster_of))
        allowed = set(candidates)
        nest = next((c for other, c in in_article.get(article.id, []) if c in allowed and _nested(q, other)), None)
        if nest is not None:
            best, candidates = nest, []  # the fragment and its clause are one statement
        if candidates:
            cents = np.stack([clusters[c]["centroid"] for c in candidates])
            sims = cents @ vecs[k]
            for c, s in zip(candidates, sims, strict=True):
                same = [other for other, oc in in_article.get(article.id, []) if oc == c]
                if same and not any(_nested(q, m) for m in same):
                    continue  # one article states a quote once; a second one is another statement
                need = SAME_QUOTE if key else SAME_QUOTE_UNKNOWN
                if not q.direct and not clusters[c]["direct"]:
                    need = max(need, SAME_REPORTED)  # paraphrases of one speaker's topic drift close
                score = float(s)
                if score < 0.97:  # a close wording counts as the same words (distinct wordings only)
                    close = max(fuzz.token_set_ratio(q.text, t) for t in clusters[c]["texts"])
                    score = max(score, 0.97 if close >= 90 else 0.0)
                if score >= need and score > best_sim:
                    best, best_sim = c, score
        if best is None:
            clusters.append({"members": [(article, q, ent)], "centroid": vecs[k].copy(), "key": key,
                             "texts": [q.text], "direct": q.direct})
            best = len(clusters) - 1
            by_speaker[key].append(best)
        else:
            cl = clusters[best]
            cl["members"].append((article, q, ent))
            cl["direct"] = cl["direct"] or q.direct
            if q.text not in cl["texts"] and len(cl["texts"]) < MAX_WORDINGS:
                cl["texts"].append(q.text)
            n = len(cl["members"])
            cl["centroid"] = (cl["centroid"] * (n - 1) + vecs[k]) / n
        cluster_of[k] = best
        in_article[article.id].append((q, best))
    out: list[DossierQuote] = []
    for cl in clusters:
        members = cl["members"]
        ent = next((m[2] for m in members if m[2]), None)
        name = names.get(ent) if ent else next((m[1].speaker for m in members if m[1].speaker), None)
        renderings = [Rendering(a.id, q.text, q.start, q.end, q.direct, q.cue) for a, q, _ in members]
        units = [corpus.unit_at(a.id, q.start) for a, q, _ in members]
        sources = {source_key(corpus, u) if u is not None else corpus.origin_of.get(a.id, a.id)
                   for u, (a, _, _) in zip(units, members, strict=True)}
        out.append(DossierQuote("", Speaker(name, ent), renderings, len(sources)))
    out.sort(key=lambda d: (-d.independent_sources, -len(d.renderings), d.speaker.name or "~"))
    for k, d in enumerate(out, 1):
        d.id = f"Q{k}"
    return out


# "…, he told AFP", "Gemmer tells The Associated Press", "The Columbian reported that …":
# the words come from that interview or report, so every report carrying them is one
# source however many outlets print it. Official bodies ("Police reported …") are the
# source of the fact, not a medium, and stay with each report's own origin.
MEDIUM = re.compile(r"\b(?:told|tells|telling|in an interview with|speaking to|interviewed by|said to)\s+"
                    r"(?:[Tt]he\s+)?(?P<medium>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})"
                    r"|(?:[Tt]he\s+)?(?P<reporter>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})\s+"
                    r"(?:newspaper\s+|news agency\s+)?(?:reported|reports)\b")
OFFICIAL = re.compile(r"\b(?:police|officials?|authorities|sheriff|department|office|court|prosecutors?|"
                      r"investigators|officers?|deputies|agency|he|she|they|it)\b", re.I)


def source_key(corpus: Corpus, unit: int) -> str:
    """The independent source behind one passage: the interview or report it credits,
    else its origin."""
    u = corpus.units[unit]
    for m in MEDIUM.finditer(u.text):
        name = m.group("medium") or m.group("reporter")
        if name and not OFFICIAL.search(name):
            return "via " + " ".join(name.lower().split())
    return corpus.origin_of.get(u.article, u.article)
