"""The cross-source dossier on the sample corpus (an invented story we wrote, so its
facts may be named here) and its invariants on any story."""

from __future__ import annotations

from collections import Counter

import pytest

from newsdesk.analyze.names import person_tokens, same_person
from newsdesk.crossdoc.timeline import sort_key
from newsdesk.model import Dossier, to_dict


def _by_source(d: Dossier) -> dict[str, str]:
    return {a.source.rsplit("/", 1)[-1]: a.id for a in d.articles}


def _origin(d: Dossier, article_id: str) -> str:
    return next(a.origin for a in d.articles if a.id == article_id)


def _citations(d: Dossier):
    for q in d.quotes:
        yield from q.renderings
    for group in (d.claims, d.timeline, d.events, d.summary, d.differences):
        for item in group:
            yield from item.citations
    for disc in d.discrepancies:
        for v in disc.variants:
            yield from v.citations


def check_invariants(d: Dossier) -> None:
    texts = {a.id: a.text for a in d.articles}
    origins = {a.id: a.origin for a in d.articles}
    assert sorted(x for o in d.origins for x in o.articles) == sorted(texts)
    for c in _citations(d):
        assert texts[c.article][c.start:c.end] == c.text, c
    for e in d.entities:
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(texts[m.article])
    for q in d.quotes:
        assert q.independent_sources == len({origins[r.article] for r in q.renderings})
    for c in d.claims:
        assert c.independent_sources == len({origins[a] for a in c.articles})
        assert c.status in ("corroborated", "single-source", "disputed")
        if c.status == "corroborated":
            assert c.independent_sources >= 2
    assert len(d.summary) <= 8 and all(s.articles and s.citations for s in d.summary)
    keys = [sort_key(t.date) for t in d.timeline]
    assert keys == sorted(keys)
    for disc in d.discrepancies:
        assert len(disc.variants) >= 2 and 0 < disc.confidence <= 1
    # the namesake guard: one entity never holds two different full names
    for e in d.entities:
        if e.type == "PERSON":
            names = [a for a in e.aliases if all(w[:1].isupper() for w in a.split())]  # not descriptions
            full = [person_tokens(a) for a in names if len(person_tokens(a)) >= 2]
            for x in full:
                assert all(same_person(x, y) for y in full), (e.name, e.aliases)
    doc = to_dict(d)
    assert doc["schema"] == "newsdesk.dossier/1"


def test_invariants_on_the_sample_story(corpus_dossier) -> None:
    check_invariants(corpus_dossier)


def test_wire_copies_are_one_origin_and_independent_reports_are_not(corpus_dossier) -> None:
    d, ids = corpus_dossier, _by_source(corpus_dossier)
    assert _origin(d, ids["01-norland-daily.html"]) == _origin(d, ids["02-coastwatch-blog.txt"])
    independent = _origin(d, ids["04-brevik-post.txt"])
    assert independent != _origin(d, ids["01-norland-daily.html"])
    assert independent != _origin(d, ids["03-castavia-herald-translated.txt"])
    wire = next(o for o in d.origins if ids["01-norland-daily.html"] in o.articles)
    assert wire.agency == "AFP" and wire.evidence


def test_namesakes_stay_apart_and_transliterations_merge(corpus_dossier) -> None:
    people = {e.name: e for e in corpus_dossier.entities if e.type == "PERSON"}
    presidents = [e for e in people.values() if any(a in ("Tomas Varga", "Tamás Varga") for a in e.aliases)]
    assert len(presidents) == 1 and {"Tomas Varga", "Tamás Varga"} <= set(presidents[0].aliases)
    union = [e for e in people.values() if "Ilona Varga" in e.aliases]
    assert len(union) == 1 and union[0] is not presidents[0]


def test_one_statement_many_renderings(corpus_dossier) -> None:
    historic = [q for q in corpus_dossier.quotes if any("historic day" in r.text for r in q.renderings)]
    assert len(historic) == 1
    q = historic[0]
    assert q.speaker.name == "Elsa Marwick"
    assert {r.text for r in q.renderings} >= {"a historic day for our two nations"}
    assert q.independent_sources >= 2


def test_real_discrepancies_are_found(corpus_dossier) -> None:
    kinds = {d.kind: d for d in corpus_dossier.discrepancies}
    duration = kinds["duration"]
    assert {v.text for v in duration.variants} == {"two-hour", "three hours"}
    number = kinds["number"]
    assert {v.text for v in number.variants} == {"12 patrol vessels", "14 patrol vessels"}
    assert "affiliation" in kinds
    assert corpus_dossier.differences and "two-hour" in " ".join(s.text for s in corpus_dossier.differences)


def test_claims_timeline_and_events(corpus_dossier) -> None:
    d = corpus_dossier
    assert any(c.status == "corroborated" for c in d.claims)
    assert any(c.status == "disputed" and "patrol vessels" in c.text for c in d.claims)
    signing = [t for t in d.timeline if t.date == "2025-03-18"]
    assert signing and max(len(t.articles) for t in signing) >= 3
    assert d.timeline[0].date < "2000"  # the old dispute comes first
    counts = Counter(e.type for e in d.events)
    assert counts["SUPPORT"] >= 1
    assert any(e.actor == "Elsa Marwick" for e in d.events)


def test_empty_and_single_article_stories(corpus_articles, embedder) -> None:
    from newsdesk.crossdoc import build_dossier

    empty = build_dossier([], embedder)
    assert empty.articles == [] and empty.origins == [] and empty.summary == []
    one = build_dossier(corpus_articles[:1], embedder)
    check_invariants(one)
    assert len(one.origins) == 1
    assert all(c.status != "corroborated" for c in one.claims)


def test_seed_dossier_invariants(seed_dossier) -> None:
    """The reference scrapes: invariants, and the wire copies grouped by evidence."""
    check_invariants(seed_dossier)
    assert 2 <= len(seed_dossier.origins) < len(seed_dossier.articles)
    for origin in seed_dossier.origins:
        if len(origin.articles) > 1:
            assert origin.evidence
    aligned = [q for q in seed_dossier.quotes if q.independent_sources >= 2]
    assert aligned, "statements reported by several outlets must be aligned"


@pytest.mark.parametrize("n", [1, 3])
def test_duplicate_input_articles_do_not_inflate_sources(corpus_articles, embedder, n) -> None:
    from newsdesk.crossdoc import build_dossier

    d = build_dossier(corpus_articles[:2] * n, embedder)
    assert len(d.articles) == 2


@pytest.mark.parametrize(("value", "key"), [("2024-W25", "2024-06-17"), ("2025-SU", "2025-06"), ("201", "2010"),
                                            ("19", "1900"), ("1950/1953", "1950"), ("2024-06-19TAF", "2024-06-19TAF")])
def test_timeline_values_sort_in_time_order(value, key) -> None:
    assert sort_key(value) == key
    assert sort_key("2024-W25") > sort_key("2024-01") and sort_key("2024-W25") < sort_key("2024-06-19")
