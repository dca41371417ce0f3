"""Claims with normalised quantities and attributions (events: ``test_events.py``)."""

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
