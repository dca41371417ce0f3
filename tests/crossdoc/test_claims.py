"""Corroboration counts the same fact from independent origins: not the same topic, not
one agency interview twice, not one outlet twice, not copies of one release; captions
and teasers never become claims."""

from __future__ import annotations

from newsdesk.crossdoc import build_dossier
from newsdesk.crossdoc.claims import copying_pairs
from newsdesk.crossdoc.corpus import CandidateIndex, build_corpus
from newsdesk.crossdoc.facts import FEATURES, model
from tests.crossdoc.helpers import reports


def _claim(d, *words: str):
    found = [c for c in d.claims if all(w in c.text for w in words)]
    assert found, [c.text for c in d.claims]
    return found[0]


def _backing(claim) -> set[str]:
    return {c.article for c in claim.citations}


def test_the_shipped_model_matches_its_features() -> None:
    m = model()
    assert len(m.coef) == len(FEATURES) and 0.0 < m.threshold < 1.0


def test_same_vote_count_in_three_outlets_is_corroborated(nlp, embedder) -> None:
    d = build_dossier(reports(nlp, [
        "The Marren city council voted 7-2 on Tuesday to close the old ferry terminal by the end of the year. "
        "Residents had protested the plan for months.",
        "By a vote of 7-2, the Marren city council decided on Tuesday to close the old ferry terminal by year's end. "
        "The harbour union called the decision short-sighted.",
        "Marren's council on Tuesday voted 7-2 to shut the old ferry terminal before the end of the year. "
        "A new terminal is planned north of the city.",
    ]), embedder)
    vote = _claim(d, "7-2")
    assert vote.independent_sources == 3 and vote.status == "corroborated"


def test_same_topic_different_facts_do_not_corroborate(nlp, embedder) -> None:
    d = build_dossier(reports(nlp, [
        "Schools in the Kessel district were placed in lockdown after a shooting nearby on Wednesday afternoon. "
        "The lockdown was lifted two hours later.",
        "Shots rang out on Wednesday afternoon near Kessel High School just after a fire alarm went off inside. "
        "Police have not named a suspect.",
    ]), embedder)
    for claim in d.claims:
        if claim.independent_sources >= 2:
            texts = " ".join(c.text for c in claim.citations)
            assert not ("lockdown" in texts and "Shots rang out" in texts), claim


def test_one_agency_interview_counts_once(nlp, embedder) -> None:
    quote = ("The accord will let the northern fleet fish the strait for the first time in decades, "
             "Ola Brekke, a fisheries expert at Kessel University, told the Brevik Wire.")
    d = build_dossier(reports(nlp, [
        "Norland and Castavia signed a fisheries accord in Brevik on Tuesday. " + quote,
        "Castavia and Norland signed a fishing pact on Tuesday in the port city of Brevik. " + quote
        + " Opposition parties in Castavia said they would challenge the pact in parliament.",
    ]), embedder)
    expert = _claim(d, "Brekke")
    assert len(_backing(expert)) == 2 and expert.independent_sources == 1
    signing = _claim(d, "signed")
    assert signing.independent_sources == 2


def test_two_reports_of_one_outlet_count_once(nlp, embedder) -> None:
    d = build_dossier(reports(nlp, [
        "A fire destroyed the Dunmore paper mill on Sunday night, the fire brigade said. Nobody was hurt.",
        "The Dunmore paper mill burned down on Sunday night, according to the fire brigade. The cause is unknown.",
        "Fire destroyed the paper mill in Dunmore late on Sunday, firefighters said. The mill employed 200 people.",
    ], outlets=["Dunmore Daily", "Dunmore Daily", "Valley Radio"]), embedder)
    fire = _claim(d, "mill")
    assert len(_backing(fire)) == 3 and fire.independent_sources == 2


def test_copies_of_one_release_count_once(nlp, embedder) -> None:
    release = ("Police have arrested Tomas Wend, 19, of Oakridge, in connection with the shooting on Elm Street. "
               "Wend will be charged as an adult. His charges include two counts of attempted homicide and "
               "four counts of aggravated assault.")
    arts = reports(nlp, [
        "UPDATE: " + release,
        "Arrested Monday in the Elm Street shooting was Tomas Wend, 19, of Oakridge. " + release[release.index("Wend will"):],
    ])
    corpus = build_corpus(arts, embedder)
    assert copying_pairs(corpus, CandidateIndex(corpus.vectors))
    d = build_dossier(arts, embedder)
    adult = _claim(d, "adult")
    assert len(_backing(adult)) == 2 and adult.independent_sources == 1


def test_captions_and_teasers_are_not_claims(nlp, embedder) -> None:
    d = build_dossier(reports(nlp, [
        "Two people were killed in a shooting at a Marren bus station on Friday, police said. "
        "Investigators work outside the bus station where two bodies were found Friday, May 2, 2025, in Marren, Pa. "
        "A survivor of the shooting is speaking exclusively to Channel 9 about the night his cousin was killed.",
        "Police said two people died in a shooting at the Marren bus station on Friday. "
        "Investigators work outside the bus station where two bodies were found Friday, May 2, 2025, in Marren, Pa. "
        "The station will stay closed until Monday.",
    ]), embedder)
    texts = " ".join(c.text for c in d.claims)
    assert "Investigators work outside" not in texts and "exclusively" not in texts
    killed = _claim(d, "bus station")
    assert killed.independent_sources == 2
