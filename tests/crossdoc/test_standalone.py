"""Whether a sentence can stand alone: context-dependence, teasers, captions, named speakers."""

from __future__ import annotations

import pytest

from newsdesk.crossdoc.standalone import (
    is_caption,
    is_teaser,
    needs_context,
    quoted_share,
    speaker_named,
    stands_alone,
)


@pytest.mark.parametrize("text", [
    "Now a senior admiral of the island state is threatening its neighbours.",
    "In return, the admiral gains secure access to the northern port.",
    "He was taken to Marren General Hospital with wounds to the leg.",
    "They had asked the council for a permit weeks before the fair.",
    "This is the third such attack in the valley this year.",
    "The two leaders then drove to the harbour together.",
    "Meanwhile, the minister is getting access to the shipyards, he added.",
    "Here's how the night unfolded:",
    "Leading up to the standoff, this is what happened:",
])
def test_sentences_that_need_their_context(text: str) -> None:
    assert needs_context(text)
    assert not stands_alone(text)


@pytest.mark.parametrize("text", [
    "Norland and Castavia signed a fisheries accord in Brevik on Tuesday.",
    "Police said two men were arrested near the Kessel market on Friday.",
    "Heavy rain flooded the lower town of Marren overnight, the mayor said.",
    "Theresa Valdt, 34, was pronounced dead at the scene.",
    "Itsuki Mori, the harbour master, closed the port at noon.",
    "There are way too many guns in the hands of young people, the commissioner said.",
])
def test_sentences_that_stand_alone(text: str) -> None:
    assert not needs_context(text)
    assert stands_alone(text)


def test_teasers_and_captions() -> None:
    assert is_teaser("A Kessel teenager who survived the shooting is speaking exclusively to Channel 9 about his cousin.")
    assert not is_teaser("A Kessel teenager who survived the shooting told police he saw two men.")
    assert is_caption("Firefighters work outside a warehouse where two bodies were found Friday, May 2, 2025, in Dunmore, Pa.")
    assert is_caption("Accused gunman Rolf Aster smiles as he enters a Marren court on Monday, May 5, 2025 (KXYZ)")
    assert is_caption("Mayor Ida Lund, left, and Chief Paul Orr, right, speak to reporters outside city hall.")
    assert is_caption("Road closed near the harbour #marren — Marren Police (@marrenpolice) May 2, 2025")
    assert not is_caption("Two bodies were found in a warehouse in Dunmore on Friday, May 2, 2025, police said.")


def test_speaker_named_in_the_sentence() -> None:
    assert speaker_named("The bridge will reopen in May, the ministry said.")
    assert speaker_named("Dana Roe, a professor at Kessel University, told reporters the deal was historic.")
    assert speaker_named("According to the harbour authority, 40 ships were turned away.")
    assert not speaker_named("The bridge will reopen in May, he added.")
    assert not speaker_named("The bridge will reopen in May.")


def test_quoted_share() -> None:
    assert quoted_share("In return, the admiral gains “secure access to the port, which he needs badly”.") > 0.5
    assert quoted_share("The accord was signed in Brevik on Tuesday.") == 0.0
