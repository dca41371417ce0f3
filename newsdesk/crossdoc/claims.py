"""Facts across reports: which sentences state the same fact, the claims they make, and
how many independent sources back each claim.

* Fact groups: pairs from the candidate index (never all pairs) join when the same-fact
  model (``facts``) says they state one fact; a sentence joins a group only when it
  also states the fact of the group's first sentence (its leader), so a chain of
  look-alike sentences cannot drift from one fact to another, and two groups whose
  figures conflict never join. Furniture, captions and teasers stay alone.
* Independent sources of a claim: the sources of its passages (``source_key``: the
  interview or report a passage credits, else its origin), where a passage copied word
  for word from a report it is known to copy (two reports sharing ``COPIED_SENTENCES``
  narrative sentences word for word) counts with that report.
* Claim text: the group's rendering that stands alone best (no lean on context, no
  rendering faults), then the most central one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from newsdesk.crossdoc.corpus import CandidateIndex, Corpus, UnionFind
from newsdesk.crossdoc.facts import Signature, features, model, signatures
from newsdesk.crossdoc.furniture import is_furniture
from newsdesk.crossdoc.origins import outlet_key
from newsdesk.crossdoc.standalone import (
    defects,
    is_caption,
    is_teaser,
    needs_context,
    quoted_share,
    speaker_named,
)
from newsdesk.crossdoc.statements import source_key
from newsdesk.model import Claim, DossierClaim

FLOOR = 0.87            # candidate pairs below this cosine are never one fact (as in bench/same_fact.py)
SAME_FACT_CROSS = 0.905  # the same fact in two languages: no shared words, the embedding decides
COPIED_SENTENCES = 2     # narrative sentences two reports share word for word: one copies the other
VERBATIM = 0.97          # cosine of a sentence and its word-for-word (or one-word-changed) copy
SAME_WORDING = 95        # rapidfuzz ratio (0-100) of a copy's wording: a paraphrase reaches the cosine, not this
QUOTED = 0.3             # share of a sentence inside quotation marks that makes it a quotation


def excluded_units(corpus: Corpus, furniture: set[int] | None = None) -> set[int]:
    """Units that never make or back a claim: furniture, captions and teasers."""
    out = set(furniture or ())
    out |= {i for i, u in enumerate(corpus.units) if is_caption(u.text) or is_teaser(u.text)}
    return out


class SameFact:
    """The same-fact decision for unit pairs: the fitted model within one language, the
    embedding across languages; figures that conflict always keep two facts apart."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.sigs: list[Signature] = signatures(corpus)
        self.model = model()

    def probability(self, i: int, j: int, sim: float | None = None) -> float:
        if sim is None:
            sim = float(self.corpus.vectors[i] @ self.corpus.vectors[j])
        x = features(self.sigs[i], self.sigs[j], sim)
        if self.corpus.cross_lingual(i, j):
            apart = x[3] or x[5]  # names or figures of one kind that differ
            return 0.0 if apart else (1.0 if sim >= SAME_FACT_CROSS else 0.0)
        return self.model.probability(x)

    def same(self, i: int, j: int, sim: float | None = None) -> bool:
        return self.probability(i, j, sim) >= self.model.threshold


def _conflict(a: set[tuple[str | None, str]], b: set[tuple[str | None, str]]) -> bool:
    """Figures of one known role with no value in common (five killed vs four killed)."""
    ra: dict[str, set[str]] = defaultdict(set)
    for r, v in a:
        if r is not None:
            ra[r].add(v)
    rb: dict[str, set[str]] = defaultdict(set)
    for r, v in b:
        if r is not None:
            rb[r].add(v)
    return any(r in rb and not vs & rb[r] for r, vs in ra.items())


def fact_groups(corpus: Corpus, lsh: CandidateIndex, furniture: set[int] | None = None) -> list[int]:
    """A group label per unit: sentences of different articles stating the same fact.

    Candidate pairs (cosine >= ``FLOOR`` among index neighbours) join, most probable
    first, when the same-fact model accepts the pair and the two groups' leaders; two
    groups whose figures conflict never join. Excluded units (``excluded_units``) stay
    alone. Linear in the number of candidate pairs.
    """
    skip = excluded_units(corpus, furniture)
    judge = SameFact(corpus)
    labels = [u.article for u in corpus.units]
    scored = []
    for i, j, sim in lsh.similar(FLOOR, labels):
        if i in skip or j in skip:
            continue
        p = judge.probability(i, j, sim)
        if p >= judge.model.threshold:
            scored.append((p, i, j))
    uf = UnionFind([str(i) for i in range(len(corpus.units))])
    leader: dict[int, int] = {}
    figures: dict[int, set[tuple[str | None, str]]] = {}
    for _, i, j in sorted(scored, reverse=True):
        ri, rj = int(uf.find(str(i))), int(uf.find(str(j)))
        if ri == rj:
            continue
        fa = figures.get(ri, set(judge.sigs[ri].figures))
        fb = figures.get(rj, set(judge.sigs[rj].figures))
        if _conflict(fa, fb):
            continue
        li, lj = leader.get(ri, ri), leader.get(rj, rj)
        if (li, lj) != (i, j) and not judge.same(li, lj):
            continue  # the groups' first sentences must state one fact too
        uf.union(str(i), str(j))
        root = int(uf.find(str(i)))
        leader[root] = li
        figures[root] = fa | fb
    return [int(uf.find(str(i))) for i in range(len(corpus.units))]


def copying_pairs(corpus: Corpus, lsh: CandidateIndex) -> set[tuple[str, str]]:
    """Article pairs (sorted ids) that share ``COPIED_SENTENCES`` or more narrative
    sentences (6+ words, not mostly a quotation) word for word or nearly so (cosine >=
    ``VERBATIM`` and character ratio >= ``SAME_WORDING``: "attempt" for "attempted"): one copies the other or both copy one release. The
    pairs come from the candidate index (linear)."""
    shared: Counter[tuple[str, str]] = Counter()
    for i, j, _ in lsh.similar(VERBATIM, [u.article for u in corpus.units]):
        a, b = corpus.units[i], corpus.units[j]
        if len(a.text.split()) < 6 or quoted_share(a.text) >= QUOTED or quoted_share(b.text) >= QUOTED:
            continue  # one speaker's words quoted by two reports: two reports, not a copy
        if fuzz.ratio(a.text.lower(), b.text.lower()) < SAME_WORDING:
            continue  # a close paraphrase, not a copy
        shared[(a.article, b.article) if a.article < b.article else (b.article, a.article)] += 1
    return {pair for pair, n in shared.items() if n >= COPIED_SENTENCES}


def _squeeze(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower().removeprefix("the "))


def _medium_origin(corpus: Corpus, key: str) -> str:
    """The origin of the report a "via <medium>" source names, when one of the story's
    reports is that medium's own (its outlet name or web host spells the name), else
    the key itself: "The Daily Mail reports …" and the Daily Mail's report are one source."""
    if not key.startswith("via "):
        return key
    name = _squeeze(key[4:])
    if len(name) < 3:
        return key
    for a in corpus.articles:
        host = _squeeze((outlet_key(a) or "").split(".")[0]) if outlet_key(a) else ""
        if name in {_squeeze(a.outlet or ""), host} or (host and len(host) >= 5 and host.startswith(name)):
            return corpus.origin_of.get(a.id, a.id)
    return key


def independent_sources(corpus: Corpus, units: list[int], copies: set[tuple[str, str]]) -> int:
    """Independent sources behind these passages: distinct ``source_key``s (an interview
    or report a passage credits counts with that medium's own report when the story has
    it), where passages of two reports of which one copies the other (``copies``) count
    once. Pairs are looked at within the group only (a group is a handful of passages)."""
    keys = {i: _medium_origin(corpus, source_key(corpus, i)) for i in units}
    credited: dict[str, str] = {}  # one report's passages credit one source: the medium it names, if any
    for i in units:
        if keys[i].startswith("via "):
            credited.setdefault(corpus.units[i].article, keys[i])
    keys = {i: credited.get(corpus.units[i].article, k) for i, k in keys.items()}
    uf = UnionFind(list(dict.fromkeys(keys.values())))
    for x, i in enumerate(units):
        for j in units[x + 1:]:
            a, b = corpus.units[i].article, corpus.units[j].article
            if (a, b) in copies or (b, a) in copies:
                uf.union(keys[i], keys[j])
    return len(uf.groups())


def representative(corpus: Corpus, units: list[int]) -> int:
    """The unit whose text shows a group best: standing alone, naming its speaker when
    any rendering does ("…, the mayor said" over the bare quoted words), without
    rendering faults, the closest to the group's other sentences."""
    if len(units) == 1:
        return units[0]
    vecs = corpus.vectors[units]
    central = (vecs @ vecs.mean(axis=0)).tolist()
    return max(zip(units, central, strict=True),
               key=lambda t: (not needs_context(corpus.units[t[0]].text), speaker_named(corpus.units[t[0]].text),
                              -defects(corpus.units[t[0]].text), t[1]))[0]


def _annotated_claims(corpus: Corpus) -> tuple[dict[int, Claim], list[tuple[str, Claim]]]:
    """The analysis' claims by unit, and those outside any unit (too short to align)."""
    by_unit: dict[int, Claim] = {}
    loose: list[tuple[str, Claim]] = []
    for article in corpus.articles:
        for claim in article.annotations.claims if article.annotations else []:
            unit = corpus.unit_at(article.id, claim.start + (len(claim.text) - len(claim.text.lstrip())))
            if unit is None:
                if not is_furniture(claim.text):
                    loose.append((article.id, claim))
            else:
                by_unit.setdefault(unit, claim)
    return by_unit, loose


def group_claims(corpus: Corpus, groups: list[int], furniture: set[int] | None = None,
                 copies: set[tuple[str, str]] | None = None) -> list[DossierClaim]:
    """Claims merged by fact group. A group holds a claim when one of its sentences is a
    claim of its article (a quantity, a dated event, an attributed report) or when
    several reports state it; every article whose sentence is in the group supports it.
    Excluded units (furniture, captions, teasers) never make or back a claim; ``copies``
    (``copying_pairs``) are the article pairs of which one copies the other."""
    skip = excluded_units(corpus, furniture)
    members: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        if i not in skip:
            members[g].append(i)
    by_unit, loose = _annotated_claims(corpus)
    copies = copies or set()
    out: list[DossierClaim] = []
    for units in members.values():
        arts = list(dict.fromkeys(corpus.units[i].article for i in units))
        claimed = [i for i in units if i in by_unit]
        if not claimed and len(arts) < 2:
            continue
        lead = representative(corpus, units)
        text = by_unit[lead].text.strip() if len(units) == 1 else corpus.units[lead].text
        units = [lead] + [i for i in units if i != lead]
        cites = [corpus.cite(corpus.units[i].article, corpus.units[i].start, corpus.units[i].end) for i in units]
        n = independent_sources(corpus, units, copies)
        out.append(DossierClaim("", text, arts, n, "corroborated" if n >= 2 else "single-source", cites))
    for article_id, claim in loose:
        out.append(DossierClaim("", claim.text.strip(), [article_id], 1, "single-source",
                                [corpus.cite(article_id, claim.start, claim.end)]))
    out.sort(key=lambda c: (-c.independent_sources, -len(c.articles)))
    for k, c in enumerate(out, 1):
        c.id = f"C{k}"
    return out
