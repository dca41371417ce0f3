"""Who said what, and which facts rest on how many independent origins.

* Quotes: renderings of one statement across outlets and translations are grouped by
  speaker (the dossier entity) plus meaning (embedding similarity of the quoted
  words, or a close wording), not by string equality. A quote with no resolved
  speaker joins a group only when its words are nearly identical.
* Facts: sentences of different articles that say the same thing (strong embedding
  similarity from the candidate index, or a close one with the same figure) form one
  fact group, never two groups whose figures conflict; claims inherit the group's
  articles and independent sources (origins, one interview counting once).
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
from rapidfuzz import fuzz

from newsdesk.crossdoc.corpus import CandidateIndex, Corpus, UnionFind
from newsdesk.crossdoc.furniture import is_furniture
from newsdesk.crossdoc.points import ROLES, quantity_role, timex_role
from newsdesk.model import Claim, DossierClaim, DossierQuote, Rendering, Speaker

SAME_QUOTE = 0.90       # cosine of two renderings of one statement by one speaker
SAME_QUOTE_UNKNOWN = 0.96
SAME_REPORTED = 0.93    # two reported-speech clauses (no quoted words to anchor them)
SAME_FACT = 0.925       # cosine of two sentences stating the same fact
SURE_FACT = 0.95        # ... so close that no shared wording is needed
CLOSE_FACT = 0.93       # below this, same-topic sentences of one story need 3 shared common words, not 2
SAME_FACT_CROSS = 0.905  # the same fact in two languages
SAME_FIGURE = 0.87      # close sentences that state the same figure ("voted 50-49") state one fact
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


def _common_words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"(?<![\w’'])[a-z]{4,}\b", text)} - {"that", "with", "have", "been", "from",
                                                                        "this", "their", "said", "were", "which"}


def _figures(corpus: Corpus) -> list[dict[tuple[str, str | None], set[str]]]:
    """Per unit: its figures, keyed by (what is counted or "day", role) -> values.
    One pass over each article's claims (linear in quantities and dates)."""
    out: list[dict[tuple[str, str | None], set[str]]] = [defaultdict(set) for _ in corpus.units]
    for article in corpus.articles:
        ann = article.annotations
        if not ann:
            continue
        for claim in ann.claims:
            unit = corpus.unit_at(article.id, claim.start + (len(claim.text) - len(claim.text.lstrip())))
            if unit is None:
                continue
            for q in claim.quantities:
                if q.unit != "duration" and q.value is not None and not q.modifier and not AGE.search(q.text):
                    out[unit][(q.unit.rstrip("s"), quantity_role(article.text, q))].add(f"{q.value:g}")
            for t in claim.timexes:
                if t.precision == "day" and t.value:
                    out[unit][("day", timex_role(article.text, t))].add(t.value)
    return out


def _happenings(corpus: Corpus) -> list[frozenset[str]]:
    """Per unit: the kinds of happening its words name (killed, charged, trial …). Two
    sentences naming only different happenings ("was charged with …" vs "was found
    guilty of …") state different facts. (PLOVER event types were tried here and left
    out: one clause's event, "fighting together", split a shared statement.)"""
    return [frozenset(name for name, cue in ROLES.items() if cue.search(u.text)) for u in corpus.units]


def _different_happenings(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a and b and not a & b)


AGE = re.compile(r"year|old|aged?\b", re.I)  # an age identifies a person; it is not the fact stated


def _conflict(a: dict[tuple[str, str | None], set[str]], b: dict[tuple[str, str | None], set[str]]) -> bool:
    """Two sets of figures that give one thing different values (5 killed vs 4 killed)."""
    return any(key in b and not values & b[key] for key, values in a.items())


def _shared_figure(a: dict[tuple[str, str | None], set[str]], b: dict[tuple[str, str | None], set[str]]) -> bool:
    return any(key in b and values & b[key] and key[1] is not None for key, values in a.items())


NUMBER_TOKEN = re.compile(r"(?<![\w.,-])\d+(?:[,.-](?:to-)?\d+)+(?:\s?%)?(?![\w-])|(?<![\w.,-])\d+(?:\.\d+)?\s?%")


def _distinctive_numbers(text: str) -> set[str]:
    """Figures of a sentence that are hard to share by chance: a score or tally
    ("50-49", "19-to-0"), a number with separators ("194,000", "4.8"), a percentage."""
    return {n.replace("-to-", "-") for n in NUMBER_TOKEN.findall(text)}


def fact_groups(corpus: Corpus, lsh: CandidateIndex, furniture: set[int] | None = None) -> list[int]:
    """A group label per unit: sentences of different articles stating the same fact.

    Pairs from the candidate index join, strongest first, when they say the same thing
    (a very close embedding; or a close one naming the same kind of happening and
    sharing common words — two when very close, three otherwise — or sharing two and
    stating the same figure). Two groups never join when their figures conflict (five
    killed vs four killed) or when their first sentences are not both about one fact,
    so a chain of look-alike sentences cannot merge different facts. Furniture units
    stay alone.
    """
    labels = [u.article for u in corpus.units]
    skip = furniture or set()
    figures = _figures(corpus)
    numbers = [_distinctive_numbers(u.text) for u in corpus.units]
    happenings = _happenings(corpus)
    uf = UnionFind([str(i) for i in range(len(corpus.units))])
    leader: dict[int, int] = {}  # group root -> the sentence that opened the group
    for i, j, sim in sorted(lsh.similar(SAME_FIGURE, labels), key=lambda p: -p[2]):
        if i in skip or j in skip:
            continue
        if corpus.cross_lingual(i, j):
            same = sim >= SAME_FACT_CROSS  # across languages no words are shared; the embedding decides
        else:
            common = len(_common_words(corpus.units[i].text) & _common_words(corpus.units[j].text))
            same = sim >= SURE_FACT or (not _different_happenings(happenings[i], happenings[j]) and (
                (sim >= SAME_FACT and common >= (2 if sim >= CLOSE_FACT else 3))
                or (common >= 2 and (_shared_figure(figures[i], figures[j]) or bool(numbers[i] & numbers[j])))))
        if not same:
            continue
        ri, rj = int(uf.find(str(i))), int(uf.find(str(j)))
        if ri == rj or _conflict(figures[ri], figures[rj]):
            continue
        li, lj = leader.get(ri, ri), leader.get(rj, rj)
        if float(corpus.vectors[li] @ corpus.vectors[lj]) < SAME_FIGURE:
            continue  # the groups' first sentences must be close too: no chains of drift
        uf.union(str(i), str(j))
        root = int(uf.find(str(i)))
        leader[root] = li
        for key, values in list(figures[ri].items()) + list(figures[rj].items()):
            figures[root][key] |= values
    return [int(uf.find(str(i))) for i in range(len(corpus.units))]


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


def group_claims(corpus: Corpus, groups: list[int], furniture: set[int] | None = None) -> list[DossierClaim]:
    """Claims merged by fact group. A group holds a claim when one of its sentences is a
    claim of its article (a quantity, a dated event, an attributed report) or when
    several reports state it; every article whose sentence is in the group supports it.
    Independent sources are distinct origins, one interview counting once (``source_key``);
    furniture units never make or back a claim."""
    skip = furniture or set()
    members: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        if i not in skip:
            members[g].append(i)
    claimed: dict[int, Claim] = {}
    loose = -1
    extra: dict[int, list[tuple[str, Claim]]] = defaultdict(list)
    for article in corpus.articles:
        for claim in article.annotations.claims if article.annotations else []:
            unit = corpus.unit_at(article.id, claim.start + (len(claim.text) - len(claim.text.lstrip())))
            if unit is None:  # a claim outside any sentence unit (too short to align)
                if not is_furniture(claim.text):
                    extra[loose].append((article.id, claim))
                    loose -= 1
            elif unit not in skip:
                claimed.setdefault(groups[unit], claim)
    out: list[DossierClaim] = []
    for g, units in members.items():
        arts = list(dict.fromkeys(corpus.units[i].article for i in units))
        if g not in claimed and len(arts) < 2:
            continue
        first = claimed.get(g)
        text = first.text.strip() if first is not None else corpus.units[units[0]].text
        cites = [corpus.cite(corpus.units[i].article, corpus.units[i].start, corpus.units[i].end) for i in units]
        n = len({source_key(corpus, i) for i in units})
        out.append(DossierClaim("", text, arts, n, "corroborated" if n >= 2 else "single-source", cites))
    for items in extra.values():
        (article_id, claim), = items
        out.append(DossierClaim("", claim.text.strip(), [article_id], 1, "single-source",
                                [corpus.cite(article_id, claim.start, claim.end)]))
    out.sort(key=lambda c: (-c.independent_sources, -len(c.articles)))
    for k, c in enumerate(out, 1):
        c.id = f"C{k}"
    return out
