"""Summary sentences stand on their own: corroborated or attributed in the sentence,
the cleanest rendering of a fact, no furniture, no sentence leaning on the one before."""

from __future__ import annotations

from newsdesk.crossdoc import build_dossier
from newsdesk.crossdoc.summary import LEANS_BACK, defects
from tests.crossdoc.helpers import reports


def test_defects_prefer_the_clean_rendering() -> None:
    assert defects("Kim Jong- un met the delegation in the capital.") > defects("Kim Jong-un met the delegation in the capital.")
    assert defects("The mayor said “we will rebuild.") > defects("The mayor said “we will rebuild.”")
    assert defects("The council approved the plan on Monday.") == 0


def test_leaning_openings() -> None:
    assert LEANS_BACK.match("Now a military official is threatening the West.")
    assert LEANS_BACK.match("In return, the admiral gains access to the port.")
    assert not LEANS_BACK.match("Norland and Castavia signed a fisheries accord on Tuesday.")


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
        assert not LEANS_BACK.match(s.text), s.text
        corroborated = len({c.article for c in s.citations}) >= 2
        attributed = " told " in s.text or " said" in s.text
        assert corroborated or attributed, (s.text, by_text)
