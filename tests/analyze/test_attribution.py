"""The grammar of attribution on parsed sentences: what content a cue attributes, and
what it does not."""

from __future__ import annotations

import pytest

from newsdesk.analyze.attribution import complement, noun_cue, passive, verb_of


def _token(nlp, text: str, word: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text,cue,content,kind", [
    ("Foreign Minister Ana Ruiz said that the talks had failed.", "said", "that the talks had failed",
     "statement"),
    ("The treaty, Ruiz said on Monday, will be ratified within weeks.", "said",
     "The treaty, Ruiz said on Monday, will be ratified within weeks", "statement"),
    ("Opposition leader Marta Kell wants to delay the vote.", "wants", "to delay the vote", "stance"),
    ("Marta Kell urged voters to turn out on Sunday.", "urged", "voters to turn out on Sunday", "stance"),
    ("Marta Kell called for a special prosecutor.", "called", "a special prosecutor", "stance"),
    ("She called him a liar.", "called", "him a liar", "stance"),
    ("The Green Party endorsed Ruiz for president.", "endorsed", "Ruiz for president", "stance"),
    ("President Jonas Varga denied every allegation of fraud.", "denied", "every allegation of fraud",
     "statement"),
])
def test_complement_of_a_cue(nlp, text, cue, content, kind) -> None:
    found = complement(_token(nlp, text, cue))
    assert found is not None
    span, got_kind = found
    assert span.text == content and got_kind == kind


@pytest.mark.parametrize("text,cue", [
    ("Marta Kell walked to the station on Sunday.", "walked"),   # not a cue
    ("Marta Kell said nothing.", "said"),                        # nothing is attributed
])
def test_no_content_where_nothing_is_attributed(nlp, text, cue) -> None:
    found = complement(_token(nlp, text, cue))
    assert found is None or found[0].text != "nothing"


def test_passive_attribution_with_and_without_a_holder(nlp) -> None:
    content, holder = passive(_token(nlp, "The central bank is expected to raise interest rates.", "expected"))
    assert content.text == "to raise interest rates" and holder is None
    content, holder = passive(_token(nlp, "The plan was described by analysts as reckless.", "described"))
    assert content.text == "as reckless" and holder is not None and holder.text == "analysts"
    assert passive(_token(nlp, "The bridge was built in 1950.", "built")) is None


def test_nominal_cues(nlp) -> None:
    content, holder = noun_cue(_token(nlp, "Her promise to cut fuel taxes drew criticism.", "promise"))
    assert content.text == "to cut fuel taxes" and holder.text == "Her"
    assert noun_cue(_token(nlp, "Prices were cut in order to keep sales up.", "order")) is None


@pytest.mark.parametrize("word,base", [("says", "say"), ("pushes", "push"), ("denies", "deny"),
                                       ("warns", "warn"), ("is", None), ("said", None)])
def test_third_person_verbs_of_headlines(word, base) -> None:
    assert verb_of(word) == base
