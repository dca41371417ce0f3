"""PLOVER events: the trained coder on invented reports, claims inside quotes, negation,
hypotheticals, dates from the event's own clause, and the model loaded once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsdesk.analyze.eventmodel import EventModelError, load_event_model
from newsdesk.analyze.plover import ROOT_CODES


def _events(analyse, text: str):
    _, ann = analyse(text)
    return ann.events


def test_signing_a_treaty_is_cooperation_between_the_two_states_on_its_day(analyse) -> None:
    # PLOVER's reference codes signing or ratifying an agreement as SUPPORT (CAMEO 057).
    text = ("Norland and Castavia signed a defence treaty in Geneva on Monday, "
            "ten years after sanctions were imposed in 2014.")
    [ev] = [e for e in _events(analyse, text) if e.trigger == "signed"]
    assert ev.type in ("AGREE", "COOPERATE", "SUPPORT")
    assert all(e.target != "Geneva" for e in _events(analyse, text))  # the place, not a party
    assert {ev.actor, ev.target} == {"Norland", "Castavia"}
    assert ev.date == "2024-06-24"  # the Monday before a report of Tuesday 25 June, not 2014
    assert ev.place == "Geneva"
    assert not ev.negated and not ev.hypothetical and ev.claimed_by is None


def test_accusation_is_coded_with_its_sides(analyse) -> None:
    evs = _events(analyse, "Castavia accused Norland of delivering weapons to the rebels.")
    accuse = next(e for e in evs if e.trigger == "accused")
    assert accuse.type == "ACCUSE"
    assert (accuse.actor, accuse.target) == ("Castavia", "Norland")


def test_an_event_inside_someone_elses_statement_is_their_claim(analyse) -> None:
    text = "Castavian Defence Minister Ilse Brandt said Norland's army had shelled Castavia overnight."
    evs = [e for e in _events(analyse, text) if e.trigger == "shelled"]
    assert evs, "the shelling is coded"
    assert all(e.claimed_by == "Ilse Brandt" for e in evs)


def test_a_partys_claim_of_violence_is_its_accusation_of_the_doer(analyse) -> None:
    text = "Castavia said Norland troops shelled the border town of Kelm on Monday."
    evs = _events(analyse, text)
    shelling = [e for e in evs if e.trigger == "shelled"]
    assert shelling and all(e.claimed_by == "Castavia" for e in shelling)  # not a fact
    [acc] = [e for e in evs if e.type == "ACCUSE"]
    assert (acc.actor, acc.target, acc.trigger) == ("Castavia", "Norland", "said")
    assert acc.claimed_by is None and not acc.negated and not acc.hypothetical


def test_a_stated_intention_is_the_holders_own_hypothetical_act(analyse) -> None:
    evs = _events(analyse, "Norland wants to attack Castavia.")
    [ev] = [e for e in evs if e.trigger == "attack"]
    assert (ev.actor, ev.target) == ("Norland", "Castavia") and ev.hypothetical


def test_coordinated_subjects_share_cooperation_but_do_not_reject_each_other(analyse) -> None:
    signed = _events(analyse, "Norland and Castavia signed a trade pact.")
    assert {(e.actor, e.target) for e in signed if e.trigger == "signed"} == {("Norland", "Castavia")}
    denied = _events(analyse, "Norland and Castavia reject the allegations.")
    assert not [e for e in denied if {e.actor, e.target} == {"Norland", "Castavia"}]


def test_a_permission_does_not_say_the_act_happened(analyse) -> None:
    text = "The ministry allowed Vestan forces to strike Norland with longer-range missiles."
    evs = [e for e in _events(analyse, text) if e.trigger == "strike"]
    assert evs and all(e.hypothetical for e in evs)


def test_a_side_only_in_an_adverbial_clause_is_no_party(analyse) -> None:
    text = "Norland denies the allegations of arms deliveries, as Kelmia would then be breaking the embargo."
    assert not [e for e in _events(analyse, text) if e.trigger == "denies" and e.target == "Kelmia"]


def test_the_reporter_of_a_signing_is_not_a_party_to_it(analyse) -> None:
    text = "Norland and Vesta signed a defence pact on Wednesday, announced Norland's president Ivo Marek."
    evs = [e for e in _events(analyse, text) if e.trigger == "signed"]
    assert {(e.actor, e.target) for e in evs} == {("Norland", "Vesta")}


def test_firing_at_a_state_makes_it_the_target_not_the_place(analyse) -> None:
    evs = [e for e in _events(analyse, "Norland fired rockets at Castavia on Sunday.") if e.trigger == "fired"]
    assert evs and evs[0].type == "ASSAULT" and evs[0].target == "Castavia"


def test_a_threat_in_the_speakers_own_words_is_the_speakers_act(analyse) -> None:
    text = "General Tomas Vey of Norland threatened Castavia with a new war on Friday."
    threat = next(e for e in _events(analyse, text) if e.trigger == "threatened")
    assert threat.type == "THREATEN" and threat.target == "Castavia"
    assert threat.claimed_by is None


def test_negated_and_hypothetical_events_are_marked(analyse) -> None:
    [neg] = [e for e in _events(analyse, "Norland did not attack Castavia.") if e.trigger == "attack"]
    assert neg.negated and not neg.hypothetical
    hyp = [e for e in _events(analyse, "Norland may impose sanctions on Castavia next year.")]
    assert hyp and all(e.hypothetical for e in hyp)


def test_questions_and_lone_actors_give_no_event(analyse) -> None:
    assert _events(analyse, "Will Norland attack Castavia?") == []
    assert _events(analyse, "Norland is a small country with a large navy.") == []


def test_the_model_loads_once_and_scores_every_root_code() -> None:
    from newsdesk.nlp_models import event_model

    assert event_model() is event_model()
    model = event_model()
    assert model.classes == ROOT_CODES
    attack = ["trig=attack", "lex=ASSAULT", "trigpos=VERB", "srole=nsubj", "trole=dobj", "roles=nsubj|dobj"]
    probs = model.probabilities([attack, []],
                                np.zeros((2, model.dense.shape[0]), dtype=np.float32))
    assert probs.shape == (2, len(ROOT_CODES)) and np.allclose(probs.sum(axis=1), 1.0)
    assert model.classes[int(probs[0].argmax())] == "ASSAULT"


def test_missing_or_mismatched_weights_are_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EventModelError):
        load_event_model(tmp_path / "absent.npz")
    model = load_event_model()
    if model.uses_embedding:
        with pytest.raises(ValueError):
            model.probabilities([["trig=attack"]], np.zeros((1, 3), dtype=np.float32))


def test_a_date_inside_a_relative_clause_is_not_the_events(analyse) -> None:
    text = ("Varga thanked his host Marwick, whose country has been under a trade embargo since 2006, "
            "for the warm welcome.")
    evs = [e for e in _events(analyse, text) if e.trigger == "thanked"]
    assert evs and all(e.date is None for e in evs)
