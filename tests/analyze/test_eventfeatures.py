"""How the event model reads a (source, target) pair from the parse."""

from __future__ import annotations

import pytest

from newsdesk.analyze.eventargs import noun_chunks
from newsdesk.analyze.eventfeatures import dependency_path, describe, head_of, pair_path, pair_view


@pytest.fixture(scope="module")
def parse():
    from newsdesk.nlp_models import base_spacy

    return base_spacy()


def test_path_runs_through_the_verb_between_subject_and_object(parse) -> None:
    doc = parse("The Kalvian navy has shelled the port of Ostra.")
    view = pair_view(doc[0:3], doc[5:9])
    assert view.trigger is not None and view.trigger.lemma_ == "shell"
    assert (view.source_role, view.target_role) == ("nsubj", "dobj")
    assert "trig=shell" in view.features and "mod=aux:has" in view.features
    assert view.phrase.startswith("The Kalvian navy has shelled")


def test_coordinated_actors_hang_on_their_common_verb(parse) -> None:
    doc = parse("Ostmark and Kalvia agreed to hold joint naval drills.")
    view = pair_view(doc[0:1], doc[2:3])
    assert view.trigger is not None and view.trigger.lemma_ == "agree"
    assert "coord" in view.features


def test_names_never_become_features(parse) -> None:
    doc = parse("Ostmark accused Kalvia of smuggling rifles.")
    view = pair_view(doc[0:1], doc[2:3])
    assert not any("kalvia" in f or "ostmark" in f for f in view.features)
    assert any(f.startswith("prepobj=of:") for f in view.features)  # what the accusation is about


def test_an_implicit_side_reads_from_the_named_one(parse) -> None:
    doc = parse("Thousands of protesters were detained in the capital.")
    view = pair_view(None, doc[0:3])
    assert view.trigger is not None and view.trigger.lemma_ == "detain"
    assert view.source_role == "absent" and "srole=absent" in view.features
    with pytest.raises(ValueError):
        pair_view(None, None)


def test_head_and_path_helpers(parse) -> None:
    doc = parse("Kalvia's foreign minister met the Ostmark envoy.")
    assert head_of(doc[0:4]).text == "minister"
    path, lca = dependency_path(doc[3], doc[7])
    assert lca.text == "met" and [t.text for t in path] == ["minister", "met", "envoy"]


def test_structure_first_then_features_reads_the_pair_as_pair_view(parse) -> None:
    doc = parse("Officials said the Kalvian navy had shelled the port of Ostra on Monday.")
    src, tgt = doc[3:5], doc[8:12]
    bare = pair_path(src, tgt)
    assert bare.features == [] and bare.phrase == ""
    full = pair_view(src, tgt)
    assert (bare.trigger, bare.path, bare.source_role, bare.target_role, bare.lca) == \
        (full.trigger, full.path, full.source_role, full.target_role, full.lca)
    described = describe(bare, src, tgt)
    assert described.features == full.features and described.phrase == full.phrase


def test_a_sentence_has_the_noun_chunks_the_doc_has_in_it(parse) -> None:
    doc = parse("The Ostmark envoy met the Kalvian minister in Tarvo. Both sides signed a ferry accord. "
                "Harbour workers in Ostra protested the new port fees on Friday.")
    whole = {i: (c.start, c.end) for i, c in noun_chunks(doc).items()}
    assert whole
    for sent in doc.sents:
        part = {i: (c.start, c.end) for i, c in noun_chunks(sent).items()}
        assert part == {i: v for i, v in whole.items() if sent.start <= i < sent.end}
