"""Quote wording, affiliations, the calibrated confidence and the indexed disputed mark:
what a wire editor would sign, and no all-pairs step."""

from __future__ import annotations

import random

import numpy as np
import pytest

from newsdesk.crossdoc import build_dossier
from newsdesk.crossdoc.collector import Collector
from newsdesk.crossdoc.confidence import FEATURES, DiscrepancyModel, shipped_model
from newsdesk.crossdoc.corpus import Corpus
from newsdesk.crossdoc.discrepancies import disputed_claims, disputes
from newsdesk.crossdoc.persons import quote_wording, wording_change
from newsdesk.model import Article, Discrepancy, DossierClaim, DossierQuote, Rendering, Speaker, Variant
from newsdesk.train.discrepancies import choose_cut, fit
from tests.crossdoc.helpers import reports

EVERYTHING = DiscrepancyModel((0.0,) * len(FEATURES), 0.0, cut=0.0)


def _collector(texts: dict[str, str]) -> Collector:
    arts = [Article(k, f"{k}.txt", t) for k, t in texts.items()]
    return Collector(Corpus(arts, [], np.zeros((0, 8), np.float32)))


def _quote(speaker: str | None, renderings: list[tuple[str, str]]) -> tuple[DossierQuote, dict[str, str]]:
    """One grouped statement: (article, quoted words) per rendering; the article texts."""
    texts = {a: f"“{words}” the chief said." for a, words in renderings}
    rend = [Rendering(a, words, 1, 1 + len(words), True) for a, words in renderings]
    return DossierQuote("Q1", Speaker(speaker, "E1" if speaker else None), rend, len(rend)), texts


@pytest.mark.parametrize(("a", "b", "meaning"), [
    ("We will not close the Eastgate clinic this year", "We will close the Eastgate clinic this year", True),
    ("The fire destroyed 40 homes on the ridge", "The fire destroyed 14 homes on the ridge", True),
    ("The fire destroyed forty homes on the ridge", "The fire destroyed 40 homes on the ridge", True),
    ("We're asking anyone who saw something to call us", "We are asking anyone who saw something to call us",
     False),
])
def test_wording_change_sees_negation_and_numbers(a, b, meaning) -> None:
    change = wording_change(a, b)
    assert change is not None and change.meaning is meaning and change.aligned >= 0.75


def test_a_fragment_is_compared_only_where_it_overlaps() -> None:
    longer = ("Look, this is real, this ain't a prank, I'm going live. If you want to know what happens next, "
              "stay tuned to your local station")
    change = wording_change("If you want to know what happens next, stay tuned in to your local station", longer)
    assert change is not None and not change.meaning


def test_two_statements_of_one_speaker_are_not_one_quote() -> None:
    quote, texts = _quote("Rona Vetch", [
        ("a1", "It was turned down because they wanted to sell beer and charge at the door. We frown upon that"),
        ("a2", "We flatly refuse them. If you want a party, rent a hall and hire an officer"),
    ])
    col = _collector(texts)
    quote_wording(col, [quote])
    assert not col.records(EVERYTHING)


def test_a_negated_rendering_of_one_statement_is_found() -> None:
    quote, texts = _quote("Rona Vetch", [
        ("a1", "We will not reopen the Eastgate clinic before the inquiry ends"),
        ("a2", "We will reopen the Eastgate clinic before the inquiry ends"),
        ("a3", "We will not reopen the Eastgate clinic before the inquiry ends"),
    ])
    col = _collector(texts)
    quote_wording(col, [quote])
    [d] = col.records(EVERYTHING)
    assert d.kind == "quote" and len(d.variants) == 2
    assert {len(v.articles) for v in d.variants} == {1, 2}


def test_a_quote_without_a_named_speaker_is_not_compared() -> None:
    quote, texts = _quote(None, [("a1", "We will not reopen the clinic this year"),
                                 ("a2", "We will reopen the clinic this year")])
    col = _collector(texts)
    quote_wording(col, [quote])
    assert not col.records(EVERYTHING)


def test_a_funeral_venue_is_not_an_affiliation(nlp, embedder) -> None:
    arts = reports(nlp, [
        "Services for Officer Dale Brenner will be held at St. Brigid Catholic Church on Tuesday, the Marlow "
        "Police Department said. Brenner died on Friday after the crash on Route 9.",
        "Dale Brenner, an officer with the Marlow Police Department, died on Friday after the crash on Route 9, "
        "the department said.",
    ])
    d = build_dossier(arts, embedder)
    assert not [x for x in d.discrepancies if x.kind == "affiliation"], d.discrepancies


def test_a_different_organisation_for_one_expert_is_found(nlp, embedder) -> None:
    arts = [a for a in reports(nlp, [
        "Ines Kalla, a professor at Brevik University, said the strait accord would hold.",
        "Ines Kalla, a researcher at the Sollen Institute, said the strait accord would hold.",
    ])]
    col = _collector({a.id: a.text for a in arts})
    from newsdesk.crossdoc.entities import merge_entities
    from newsdesk.crossdoc.persons import affiliations

    entities, _ = merge_entities(arts)
    affiliations(col, col.corpus, entities)
    found = col.records(EVERYTHING)
    assert [d.kind for d in found] == ["affiliation"]
    assert {"Brevik University", "Sollen Institute"} <= {v.text.replace("the ", "") for v in found[0].variants}


def test_confidence_is_the_shipped_models_probability() -> None:
    model = shipped_model()
    weak = {"numeric": 1.0, "align": 0.1}
    assert 0.0 < model.probability(weak) < 1.0
    assert model.probability(weak) == model.probability({**weak, "unknown": 5.0})
    assert 0.0 <= model.cut <= 1.0 and model.trained_on


def test_points_below_the_cut_are_not_listed() -> None:
    col = _collector({"a1": "Four people were hurt.", "a2": "Five people were hurt."})
    col.add("number", "how many people", {"align": 1.0}, [("4", "a1", 0, 4, "Four"), ("5", "a2", 0, 4, "Five")])
    sure = DiscrepancyModel(tuple(4.0 if f == "align" else 0.0 for f in FEATURES), -2.0, cut=0.6)
    evidence: dict[str, dict[str, float]] = {}
    [d] = col.records(sure, evidence=evidence)
    assert d.confidence == pytest.approx(0.88, abs=0.01) and evidence[d.id]["numeric"] == 1.0
    assert not col.records(DiscrepancyModel(sure.coef, -4.0, cut=0.6))


def test_fit_learns_the_direction_of_the_evidence_and_a_cut() -> None:
    rng = random.Random(3)
    rows, labels = [], []
    for _ in range(60):
        align = rng.random()
        rows.append({"numeric": 1.0, "align": align})
        labels.append(int(align + rng.gauss(0, 0.15) > 0.6))
    model, loo = fit(rows, labels)
    assert model.coef[FEATURES.index("align")] > 0
    assert model.probability({"numeric": 1.0, "align": 0.9}) > 0.6 > 0.4 > model.probability(
        {"numeric": 1.0, "align": 0.1})
    kept = [lab for lab, p in zip(labels, loo, strict=True) if p >= model.cut]
    assert kept and sum(kept) / len(kept) >= 0.85
    assert choose_cut(np.array([0.2, 0.4]), [0, 0], 0.85) == 0.0


def _random_dossier(n: int, seed: int) -> tuple[list[DossierClaim], list[Discrepancy]]:
    rng = random.Random(seed)
    arts = [f"a{k}" for k in range(max(2, n // 10))]
    discs = []
    for k in range(n):
        variants = []
        for _ in range(rng.choice((2, 2, 3))):
            art, start = rng.choice(arts), rng.randrange(0, 5000)
            variants.append(Variant("v", [art], [Rendering(art, "v", start, start + rng.randrange(1, 12), False)]))
        discs.append(Discrepancy(f"D{k}", "x", rng.choice((0.3, 0.6, 0.9)), variants, "number"))
    claims = []
    for k in range(n):
        cites = []
        for _ in range(rng.choice((1, 2, 3))):
            art, start = rng.choice(arts), rng.randrange(0, 5000)
            cites.append(Rendering(art, "c", start, start + rng.randrange(20, 200), False))
        claims.append(DossierClaim(f"C{k}", "c", [], 1, "single-source", cites))
    return claims, discs


def test_indexed_disputed_mark_equals_the_pairwise_one() -> None:
    claims, discs = _random_dossier(300, 5)
    indexed = {c.id for c in disputed_claims(claims, discs)}
    pairwise = {c.id for c in claims if any(disputes(d, c.citations) for d in discs)}
    assert indexed == pairwise and indexed


def test_unit_lookup_is_a_bisection_that_finds_the_same_unit() -> None:
    from newsdesk.crossdoc.corpus import Unit

    text = "One two three four. Five six seven eight. Nine ten eleven twelve."
    units = [Unit("a", 0, 19, text[0:19], 0), Unit("a", 20, 41, text[20:41], 1), Unit("a", 42, 65, text[42:], 2)]
    corpus = Corpus([Article("a", "a.txt", text)], units, np.zeros((3, 8), np.float32))
    assert [corpus.unit_at("a", k) for k in (0, 18, 19, 20, 41, 42, 64, 65)] == [0, 0, None, 1, None, 2, 2, None]
    assert corpus.unit_at("b", 3) is None


def test_a_field_of_study_is_not_the_organisation(nlp) -> None:
    from newsdesk.crossdoc.entities import merge_entities
    from newsdesk.crossdoc.persons import affiliations

    arts = reports(nlp, [
        "Ines Kalla, professor of Baltic Studies at Brevik University, said the strait accord would hold.",
        "According to expert Ines Kalla from Brevik University, the strait accord would hold.",
    ])
    col = _collector({a.id: a.text for a in arts})
    entities, _ = merge_entities(arts)
    affiliations(col, col.corpus, entities)
    assert not col.records(EVERYTHING)


def test_one_organisation_named_two_ways_is_one_affiliation() -> None:
    from newsdesk.crossdoc.persons import _same_organisations

    keys = _same_organisations(["St. Adalbert Catholic Church", "Faith Community of St. Adalbert", "Marlow College"])
    assert keys["St. Adalbert Catholic Church"] == keys["Faith Community of St. Adalbert"] != keys["Marlow College"]


def test_a_number_in_a_name_counts_nothing() -> None:
    from newsdesk.crossdoc.discrepancies import _identifier
    from newsdesk.model import Quantity

    text = "Two Precinct 5 deputy constables were hit, and 5 deputies arrived later."
    named = Quantity(text.index("5"), text.index(" were"), "5 deputy constables", 5.0, "constables", "5")
    counted = Quantity(text.index("5 deputies"), text.index(" arrived"), "5 deputies", 5.0, "deputies", "5")
    assert _identifier(text, named) and not _identifier(text, counted)


@pytest.mark.parametrize(("a", "b", "found"), [
    ("Claims fell to the lowest level since the flood began, the ministry said.",
     "Claims fell to the lowest level since March 2019, the ministry said.", False),
    ("The two towns have been partners since the end of the border war.",
     "The two towns have been partners since the founding of the republic.", True),
])
def test_a_date_and_an_event_may_be_one_starting_point(a, b, found) -> None:
    from newsdesk.crossdoc.discrepancies import _since

    col = _collector({"a1": a, "a2": b})
    _since(col, 0.95, set(), (col.corpus.article("a1"), 0, len(a)), (col.corpus.article("a2"), 0, len(b)))
    assert bool(col.records(EVERYTHING)) is found
