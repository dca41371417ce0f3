"""A small, realistic dossier built by hand (two outlets, one wire origin, one hostile text)."""

from __future__ import annotations

import pytest

from newsdesk.model import (
    Discrepancy,
    Dossier,
    DossierArticle,
    DossierClaim,
    DossierEntity,
    DossierEvent,
    DossierQuote,
    EntityMentionRef,
    Origin,
    Rendering,
    Speaker,
    SummarySentence,
    TimelineEntry,
    Variant,
)

WIRE = ("BREVIK (AFP) - Norland and Castavia signed a harbour accord on Tuesday after a two-hour meeting. "
        "\"This is a historic day for both our peoples,\" Prime Minister Elsa Marwick said.")
LOCAL = ("Last Tuesday (18 March) Marwick and Varga signed the accord after talks that lasted three hours. "
         "<script>alert('x')</script> Marwick spoke of \"a historic day for our two nations\".")


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


@pytest.fixture()
def dossier() -> Dossier:
    q1 = _span(WIRE, "This is a historic day for both our peoples,")
    q2 = _span(LOCAL, "a historic day for our two nations")
    d1 = _span(WIRE, "a two-hour meeting")
    d2 = _span(LOCAL, "talks that lasted three hours")
    arts = [
        DossierArticle(id="aaaa1111", source="wire.txt", title="Accord signed", outlet="Norland Daily",
                       published="2025-03-18T16:40:00+01:00", authors=["Marta K"], agencies=["AFP"],
                       language="en", text=WIRE, removed=[{"kind": "counter", "text": "Views: 14"}], origin="o1"),
        DossierArticle(id="bbbb2222", source="local.txt", title="<b>Doubts</b> grow", outlet="Brevik Post",
                       published=None, authors=[], agencies=[], language="en", text=LOCAL,
                       removed=[{"kind": "comments", "text": "<img src=x onerror=alert(1)>"}], origin="o2"),
    ]
    r1 = Rendering("aaaa1111", WIRE[q1[0]:q1[1]], *q1, True, "said")
    r2 = Rendering("bbbb2222", LOCAL[q2[0]:q2[1]], *q2, True, "spoke of")
    return Dossier(
        title="Harbour accord", articles=arts,
        origins=[Origin("o1", ["aaaa1111"], "AFP"), Origin("o2", ["bbbb2222"])],
        entities=[DossierEntity("E1", "Elsa Marwick", "PERSON", ["Elsa Marwick", "Marwick"],
                                [EntityMentionRef("aaaa1111", *_span(WIRE, "Elsa Marwick"))])],
        quotes=[DossierQuote("Q1", Speaker("Elsa Marwick", "E1"), [r1, r2], 2)],
        claims=[DossierClaim("C1", "Norland and Castavia signed a harbour accord on Tuesday.",
                             ["aaaa1111", "bbbb2222"], 2, "corroborated")],
        discrepancies=[Discrepancy("D1", "length of the meeting", 0.8, [
            Variant("PT2H: a two-hour meeting", ["aaaa1111"], [Rendering("aaaa1111", WIRE[d1[0]:d1[1]], *d1, False)]),
            Variant("PT3H: talks that lasted three hours", ["bbbb2222"],
                    [Rendering("bbbb2222", LOCAL[d2[0]:d2[1]], *d2, False)])], "duration")],
        timeline=[TimelineEntry("1987/1992", "range", "The cod war", ["aaaa1111"]),
                  TimelineEntry("2025-03-18", "day", "Accord signed in Brevik", ["aaaa1111", "bbbb2222"],
                                [r1])],
        events=[DossierEvent("AGREE", "sign", "Norland", "Castavia", "2025-03-18", "signed a harbour accord",
                             ["aaaa1111"])],
        summary=[SummarySentence("Norland and Castavia signed a harbour accord on Tuesday.",
                                 ["aaaa1111", "bbbb2222"], [r1, r2])],
        differences=[SummarySentence("Reports differ on how long the meeting lasted.", ["aaaa1111", "bbbb2222"])],
    )
