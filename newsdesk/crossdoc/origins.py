"""Independent origins: which reports are copies, rewrites or translations of one
another or of one wire story.

Three kinds of evidence, each recorded on the origin it creates:

* near-duplicates: MinHash LSH (datasketch) over word 5-shingles finds candidate
  pairs; an estimated Jaccard of at least ``NEAR_DUP`` joins them;
* renderings: a large share of one article's sentences has a strong, mutual-best
  counterpart in the other (sentence embeddings, so translations count) — the pairs
  come from the corpus's LSH candidate index, never from all pairs of sentences;
* copies: four or more narrative sentences (outside quotations) copied word for word
  make one syndicated story, however much else each report adds;
* wire evidence: two articles crediting the same agency that also share several
  strongly aligned sentences are one agency story, even when one was cut or rewritten.

* one outlet: reports published by the same outlet (its web host, read through web
  archive addresses, else the outlet name) count once, however many there are.

Everything else is independent: sharing a quote from the same press conference does
not make two reports one source.
"""

from __future__ import annotations

import re
from collections import defaultdict

from datasketch import MinHash, MinHashLSH

from newsdesk.clean.meta import host_of
from newsdesk.crossdoc.corpus import CandidateIndex, Corpus, UnionFind
from newsdesk.model import Article, Origin

NEAR_DUP = 0.5
STRONG = 0.925          # cosine of two renderings of one sentence (multilingual e5-small)
STRONG_CROSS = 0.885    # ... when one is a translation (measured 0.89-0.94; other sentences of
                        # the same story <= 0.88, and a pair must also be each other's best)
RENDERING_SHARE = 0.4   # share of the shorter article's sentences that align strongly
AGENCY_MIN_PAIRS = 3    # strongly aligned sentences that confirm a shared agency story
MIN_RENDERING_PAIRS = 3  # two three-line briefs of one event share facts, not a source
NUM_PERM = 128
VERBATIM = 0.97         # cosine of a sentence and its word-for-word copy
VERBATIM_PAIRS = 4      # narrative sentences (no quotation) copied word for word: one syndicated story
QUOTE_MARK = re.compile(r"[\"“”]")


def shingles(text: str, n: int = 5) -> set[bytes]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + n]).encode("utf-8") for i in range(max(1, len(words) - n + 1))}


def minhash(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=7)
    m.update_batch(list(shingles(text)))
    return m


def outlet_key(article: Article) -> str | None:
    """The publishing outlet of ``article``: the host of its URL (the archived page's
    own URL when it is a web-archive copy, see ``clean.meta.host_of``), else its outlet
    name; None when unknown.

    >>> from newsdesk.model import Article
    >>> outlet_key(Article("a", "s", "t", url="https://web.archive.org/web/2016/http://www.kxyz.com/news/1"))
    'kxyz.com'
    """
    host = host_of(article.url)
    if host:
        return host
    return " ".join(article.outlet.lower().split()) if article.outlet else None


def strong_pairs(corpus: Corpus, lsh: CandidateIndex) -> dict[tuple[str, str], list[tuple[int, int, float]]]:
    """Mutual-best strongly similar sentence pairs, per article pair."""
    labels = [u.article for u in corpus.units]
    best: dict[tuple[int, str], tuple[int, float]] = {}
    hits = [(i, j, s) for i, j, s in lsh.similar(STRONG_CROSS, labels)
            if s >= STRONG or corpus.cross_lingual(i, j)]
    for i, j, s in hits:
        for x, y in ((i, j), (j, i)):
            key = (x, labels[y])
            if s > best.get(key, (-1, -1.0))[1]:
                best[key] = (y, s)
    out: dict[tuple[str, str], list[tuple[int, int, float]]] = defaultdict(list)
    for i, j, s in hits:
        if best.get((i, labels[j]), (None,))[0] == j and best.get((j, labels[i]), (None,))[0] == i:
            a, b = sorted((labels[i], labels[j]))
            out[(a, b)].append((i, j, s))
    return out


def find_origins(corpus: Corpus, lsh: CandidateIndex) -> list[Origin]:
    articles = corpus.articles
    ids = [a.id for a in articles]
    uf = UnionFind(ids)
    pages = UnionFind(ids)  # copies of one page only: near-duplicates and one outlet
    why: dict[str, list[str]] = defaultdict(list)

    index = MinHashLSH(threshold=NEAR_DUP, num_perm=NUM_PERM)
    hashes = {}
    for a in articles:
        hashes[a.id] = minhash(a.text)
        for other in index.query(hashes[a.id]):
            jac = hashes[a.id].jaccard(hashes[other])
            if jac >= NEAR_DUP:
                uf.union(a.id, other)
                pages.union(a.id, other)
                why[a.id].append(f"near-duplicate of {other} (Jaccard {jac:.2f})")
        index.insert(a.id, hashes[a.id])

    agencies = {a.id: set(a.agency_names) for a in articles}
    for (a, b), pairs in strong_pairs(corpus, lsh).items():
        n = min(len(corpus.by_article.get(a, [])), len(corpus.by_article.get(b, []))) or 1
        share = len(pairs) / n
        shared = agencies[a] & agencies[b]
        verbatim = sum(1 for i, j, sim in pairs if sim >= VERBATIM
                       and not QUOTE_MARK.search(corpus.units[i].text) and not QUOTE_MARK.search(corpus.units[j].text))
        if verbatim >= VERBATIM_PAIRS:
            uf.union(a, b)
            why[b].append(f"{verbatim} sentences copied word for word from {a}")
        elif share >= RENDERING_SHARE and len(pairs) >= MIN_RENDERING_PAIRS:
            uf.union(a, b)
            why[b].append(f"{len(pairs)} of {n} sentences render {a}'s (share {share:.2f})")
        elif shared and len(pairs) >= AGENCY_MIN_PAIRS:
            uf.union(a, b)
            why[b].append(f"same {'/'.join(sorted(shared))} story as {a}: {len(pairs)} sentences align")

    first_of_outlet: dict[str, str] = {}
    for a in articles:
        key = outlet_key(a)
        if key is None:
            continue
        if key in first_of_outlet:
            pages.union(first_of_outlet[key], a.id)
            if uf.union(first_of_outlet[key], a.id):
                why[a.id].append(f"same outlet ({key}) as {first_of_outlet[key]}")
        first_of_outlet.setdefault(key, a.id)

    for a in ids:
        corpus.page_of[a] = pages.find(a)
    origins: list[Origin] = []
    order = {a.id: i for i, a in enumerate(articles)}
    groups = sorted(uf.groups().values(), key=lambda g: min(order[x] for x in g))
    for k, members in enumerate(groups, 1):
        members.sort(key=lambda x: order[x])
        common = set.intersection(*(agencies[m] for m in members)) if members else set()
        anywire = sorted({ag for m in members for ag in agencies[m]})
        agency = sorted(common)[0] if common else (anywire[0] if len(members) > 1 and len(anywire) == 1 else None)
        oid = f"o{k}"
        for m in members:
            corpus.origin_of[m] = oid
        evidence = [e for m in members for e in why[m]]
        if agency and not evidence:
            evidence = [f"credited to {agency}"]
        origins.append(Origin(oid, members, agency, evidence))
    return origins
