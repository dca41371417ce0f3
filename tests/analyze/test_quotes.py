"""Direct quotes in every quotation style, reported speech, and speakers never guessed."""

from __future__ import annotations

import pytest


def _quotes(analyse, text):
    article, ann = analyse(text)
    return article, ann.quotes


@pytest.mark.parametrize("opening,closing", [("“", "”"), ('"', '"'), ("«", "»"), ("„", "“"), ("‘", "’")])
def test_quotation_styles(analyse, opening, closing) -> None:
    text = f"{opening}We will defend our sovereignty,{closing} Defence Minister Anna Kowalska said on Monday."
    article, quotes = _quotes(analyse, text)
    [q] = [q for q in quotes if q.direct]
    assert "We will defend our sovereignty" in q.text
    assert article.text[q.start:q.end] == q.text
    assert q.speaker == "Anna Kowalska"
    assert q.cue == "said"


def test_pronoun_speaker_resolves_to_the_nearest_named_person(analyse) -> None:
    text = ("Prime Minister Elsa Marwick visited the port on Tuesday. "
            "“This harbour is the heart of our economy,” she said.")
    _, quotes = _quotes(analyse, text)
    [q] = [q for q in quotes if q.direct]
    assert q.speaker == "Elsa Marwick"


def test_fragment_inside_a_sentence(analyse) -> None:
    text = "President Jonas Varga called the agreement a “truly historic document” during the ceremony."
    _, quotes = _quotes(analyse, text)
    assert any(q.text.startswith("truly historic document") and q.speaker == "Jonas Varga" for q in quotes)


def test_reported_speech_and_according_to(analyse) -> None:
    text = ("Foreign Minister Lena Ostrova said that the talks had been difficult but productive. "
            "According to Tomas Reyes, the deal will be ratified in March.")
    _, quotes = _quotes(analyse, text)
    indirect = {q.speaker: q for q in quotes if not q.direct}
    assert "Lena Ostrova" in indirect and "talks had been difficult" in indirect["Lena Ostrova"].text
    assert "Tomas Reyes" in indirect


def test_unattributed_quote_has_no_speaker(analyse) -> None:
    text = ("The crowd gathered outside the parliament on Sunday. "
            "“No more delays,” read one of the banners held above the square.")
    _, quotes = _quotes(analyse, text)
    for q in quotes:
        if "No more delays" in q.text:
            assert q.speaker is None


def test_multi_paragraph_quote(analyse) -> None:
    text = ("Mayor Ruth Okafor addressed the council. “The line will transform the east of the city.\n\n"
            "“It will also cut journeys to the hospital by half,” she said.")
    _, quotes = _quotes(analyse, text)
    assert any("cut journeys" in q.text and q.speaker == "Ruth Okafor" for q in quotes)
