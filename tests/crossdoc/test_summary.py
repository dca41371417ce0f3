"""Summary sentences stand on their own: corroborated or attributed in the sentence,
the cleanest rendering of a fact, no furniture, no sentence leaning on the one before."""

from __future__ import annotations

from newsdesk.crossdoc import build_dossier
from newsdesk.crossdoc.standalone import defects, needs_context, speaker_named
from tests.crossdoc.helpers import reports


def test_defects_prefer_the_clean_rendering() -> None:
    assert defects("Kim Jong- un met the delegation in the capital.") > defects("Kim Jong-un met the delegation in the capital.")
    assert defects("The mayor said “we will rebuild.") > defects("The mayor said “we will rebuild.”")
    assert defects("The council approved the plan on Monday.") == 0


def test_leaning_openings() -> None:
    assert needs_context("Now a senior officer of the admiralty is threatening the northern ports.")
    assert needs_context("In return, the admiral gains access to the port.")
    assert not needs_context("Norland and Castavia signed a fisheries accord on Tuesday.")


def test_summary_is_corroborated_or_attributed(nlp, embedder) -> None:
    arts = reports(nlp, [
        "Norland and Castavia signed a fisheries accord in Brevik on Tuesday after two years of talks. "
        "The accord opens the northern strait to boats from both countries for the first time since 1998. "
        "Now a senior Castavian admiral is threatening to close the harbour to foreign ships entirely. "
        "In return, Castavia gains secure access to the rich cod grounds off the Norland coast.",
        "Castavia and Norland signed an accord on fisheries on Tuesday in Brevik, ending two years of talks. "
        "Boats from both countries may fish the northern strait for the first time since 1998 under the accord. "
        "The agreement will cost Norland's fleet dearly in the long run, fisheries expert Ola Brekke told the Brevik Post.",
    ])
    d = build_dossier(arts, embedder)
    assert d.summary
    by_text = {g: [c for c in d.claims if c.text.strip() == g] for g in (s.text for s in d.summary)}
    for s in d.summary:
        assert not needs_context(s.text), s.text
        corroborated = len({c.article for c in s.citations}) >= 2
        assert corroborated or speaker_named(s.text), (s.text, by_text)
    assert not any("cost Norland" in s.text and "Brekke" not in s.text for s in d.summary)


def test_summary_shows_the_clean_rendering_and_attributes_views(nlp, embedder) -> None:
    arts = reports(nlp, [
        "Prime Minister Anne- Marie Falk opened the new Marren bridge on Saturday after six years of work. "
        "The bridge links the island of Oster to the mainland.",
        "Prime Minister Anne-Marie Falk opened the new bridge in Marren on Saturday after six years of construction. "
        "In return, the island gains “a lifeline to the hospitals and schools of the mainland”, said engineer Tove Lind.",
        "Anne-Marie Falk, the prime minister, opened Marren's new bridge on Saturday after six years of building work. "
        "The island gains “a lifeline to the hospitals and schools of the mainland”, the engineer added.",
    ])
    d = build_dossier(arts, embedder)
    texts = [s.text for s in d.summary]
    assert any("Anne-Marie Falk" in t for t in texts), texts
    assert not any("Anne- Marie" in t for t in texts), texts
    for t in texts:
        assert not ("lifeline" in t and not speaker_named(t)), t
