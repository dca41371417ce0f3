"""Claims with normalised quantities, and PLOVER events with negation and hypotheticals."""

from __future__ import annotations


def test_quantities_are_normalised(analyse) -> None:
    text = ("Between August and January, Russia received around 1.6 million artillery shells. "
            "Last October, the North delivered over 1,000 containers of equipment. "
            "The leaders signed the pact after a two-hour meeting.")
    _, ann = analyse(text)
    qs = {q.text: q for c in ann.claims for q in c.quantities}
    shells = next(q for t, q in qs.items() if "1.6 million" in t)
    assert shells.value == 1_600_000 and shells.unit.startswith("shell")
    containers = next(q for t, q in qs.items() if "1,000" in t)
    assert containers.value == 1000 and containers.modifier == "over"
    assert any(q.normalized == "PT2H" for q in qs.values())


def test_attributed_reports_are_claims(analyse) -> None:
    text = "The shipments were first revealed by satellite images, the Washington Post reported on Friday."
    _, ann = analyse(text)
    assert any(c.attributed_to and "Washington Post" in c.attributed_to for c in ann.claims)


def test_signing_is_coded_with_actor_target_place_and_date(analyse) -> None:
    text = "Norland's Prime Minister Elsa Marwick and Castavia's President Jonas Varga signed a harbour treaty in Geneva on Monday."
    _, ann = analyse(text)
    [ev] = [e for e in ann.events if e.trigger == "signed"]
    assert ev.type == "SUPPORT"
    assert ev.actor == "Elsa Marwick" and ev.target == "Jonas Varga"
    assert ev.place == "Geneva"
    assert ev.date == "2024-06-24"  # the Monday before a report of Tuesday 25 June
    assert not ev.negated and not ev.hypothetical


def test_ruled_out_cooperation_is_hypothetical_not_a_fact(analyse) -> None:
    _, ann = analyse("Russia does not rule out military cooperation with North Korea, the minister said.")
    coop = [e for e in ann.events if e.type == "COOPERATE"]
    assert coop and all(e.hypothetical for e in coop)


def test_refusal_negates_the_refused_act(analyse) -> None:
    _, ann = analyse("Seoul refused to meet with the envoys from Pyongyang.")
    meet = [e for e in ann.events if e.type == "CONSULT"]
    assert meet and meet[0].negated
    assert any(e.type == "REJECT" for e in ann.events)


def test_hostile_acts(analyse) -> None:
    _, ann = analyse("Japan condemned the launch and accused North Korea of violating UN resolutions. "
                     "Police arrested 20 protesters in the capital.")
    types = {e.type for e in ann.events}
    assert {"DISAPPROVE", "COERCE"} <= types
    accuse = next(e for e in ann.events if e.trigger == "accused")
    assert accuse.actor == "Japan" and accuse.target == "North Korea"
