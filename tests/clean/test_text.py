"""The plain-text cleaner on an invented furniture-heavy page (every kind of furniture
the brief names) and its unhappy paths."""

from __future__ import annotations

import pytest

from newsdesk.clean import clean_report
from newsdesk.clean.text import clean_text
from newsdesk.model import Report
from newsdesk.settings import Settings

PAGE = """Home | World | Business | Sport | Login

Tram line approved after marathon debate

By Jane Holloway and Tomas Berg

Published: 2024-03-04 10:15

Views: 1,204
Share on Facebook
12 SHARES

MAPLEFORD, March 4 (Reuters) - The city council of Mapleford approved a new tram line on Monday after a three-hour debate, council leader Ruth Okafor said.

The line will cost 240 million euros and open in 2027, according to the council's own estimate.

Council leader Ruth Okafor waves to supporters outside the town hall. Photo: Erik Lund/Reuters

"This is the biggest investment the city has made in a generation," Okafor told reporters after the vote.

Watch the video: the debate in two minutes

Opposition councillors said the cost had doubled since the plan was first presented in 2021.

Subscribe to our newsletter for the latest news

This article was automatically aggregated from a syndicated feed. We take no responsibility for its content.

Leave a comment

Your email address will not be published. Required fields are marked *

3 comments:
anna_k: finally!! about time
Reply
mapleforder: waste of money, the old buses were fine
Reply
"""

BODY = [
    "The city council of Mapleford approved a new tram line on Monday after a three-hour debate, council leader Ruth Okafor said.",
    "The line will cost 240 million euros and open in 2027, according to the council's own estimate.",
    "\"This is the biggest investment the city has made in a generation,\" Okafor told reporters after the vote.",
    "Opposition councillors said the cost had doubled since the plan was first presented in 2021.",
]


def _article():
    return clean_report(Report("page.txt", PAGE.encode(), "text"), Settings())


def test_every_sentence_of_the_report_survives() -> None:
    text = _article().text
    for sentence in BODY:
        assert sentence in text


def test_furniture_is_removed_and_kept_for_audit_by_kind() -> None:
    article = _article()
    text = article.text
    for furniture in ("Login", "Views:", "SHARES", "Share on Facebook", "Photo:", "Watch the video",
                      "Subscribe", "automatically aggregated", "Leave a comment", "email address",
                      "anna_k", "waste of money", "Reply"):
        assert furniture not in text, furniture
    kinds = {span.kind for span in article.removed}
    assert {"navigation", "counter", "comments", "caption", "prompt", "footer"} <= kinds, kinds
    comments = [s for s in article.removed if s.kind == "comments"]
    assert any("waste of money" in s.text for s in comments)


def test_metadata_from_byline_date_and_dateline() -> None:
    article = _article()
    assert article.title == "Tram line approved after marathon debate"
    assert article.authors == ["Jane Holloway", "Tomas Berg"]
    assert article.published is not None and article.published.isoformat().startswith("2024-03-04T10:15")
    assert "Reuters" in article.agency_names
    assert article.language == "en"
    assert not article.text.startswith("MAPLEFORD")  # the dateline became metadata


def test_removed_spans_point_into_the_input() -> None:
    result = clean_text(PAGE)
    for span in result.removed:
        if span.start >= 0:
            assert PAGE[span.start:span.end].strip().startswith(span.text.strip()[:20])


def test_plain_prose_is_left_alone() -> None:
    prose = ("The river flooded the lower town on Sunday night. Residents said the water rose within an hour.\n\n"
             "Emergency crews evacuated 300 people, the mayor said on Monday.")
    result = clean_text(prose)
    assert result.text.strip() == prose.strip()
    assert result.removed == []


def test_translated_quotes_and_mojibake_are_repaired_before_offsets() -> None:
    original = "The minister said “we will not yield” on Tuesday in a speech to parliament."
    mojibake = original.encode("utf-8").decode("latin-1").encode("utf-8")  # UTF-8 read as Latin-1
    article = clean_report(Report("m.txt", mojibake, "text"), Settings())
    assert article.text == original  # repaired, curly quotes kept


def test_wire_credit_lines_become_authors_and_leave_the_text() -> None:
    text = ("BEIJING, July 3 (Reuters) - Heavy rain flooded parts of the northern province on Wednesday, "
            "forcing thousands of residents to leave their homes, state media said.\n\n"
            "(Reporting by Jane Li in Beijing and Ryan Woo; Additional reporting by Ella Cao; Editing by Tom Hogue)")
    article = clean_report(Report("wire.txt", text.encode(), "text"), Settings())
    assert article.authors == ["Jane Li", "Ryan Woo", "Ella Cao"]
    assert "Reporting by" not in article.text and "Editing" not in article.text
    assert any(s.kind == "byline" and "Tom Hogue" in s.text for s in article.removed)
    contributed = ("WASHINGTON (AP) — The Senate voted on Thursday to extend the program for another two years.\n\n"
                   "Associated Press writers Mary Clare Jalonick and Lisa Mascaro contributed to this report.")
    article = clean_report(Report("ap.txt", contributed.encode(), "text"), Settings())
    assert article.agency_names == ["AP"]
    assert article.text.endswith("for another two years.")
    assert article.authors == ["Mary Clare Jalonick", "Lisa Mascaro"]


def test_agency_sign_off_names_come_from_the_agency_gazetteer() -> None:
    for agency in ("dpa", "epd", "KNA", "Reuters"):
        result = clean_text(f"The synod met in Hanover on Monday and elected a new chair for six years. ({agency})")
        assert result.text.endswith("for six years.")
        assert [(s.kind, s.text) for s in result.removed] == [("agency_tag", f"({agency})")]


def test_a_one_paragraph_report_is_text_not_a_headline() -> None:
    result = clean_text("Police closed the bridge on Sunday after a lorry hit its railing (dpa)")
    assert result.title is None
    assert result.text == "Police closed the bridge on Sunday after a lorry hit its railing"


LOCAL = """Riverton man charged in Elm Street shooting

Published 5:32 p.m. ET April 18, 2015 | Updated 7:01 p.m. ET April 18, 2015

Published Saturday

CLOSE

Skip in Skip x Embed x Share

Police in Riverton charged a 34-year-old man on Friday with the shooting of a store clerk on Elm Street, Sheriff Dana Whitmore said.

The clerk was taken to Riverton General Hospital and is in stable condition, the sheriff said.

Anyone with information is asked to call Crime Stoppers at 555-0123-CALL.

RELATED: Elm Street store reopens after break-in

Related stories

Council approves new patrol cars
Bridge closed after crash on Route 9

Copyright 2017 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.

Read or Share this story: https://www.riverton-example.com/story/news/2015/04/17/shooting/100/

When you tweet with a location, Twitter stores that location. You always have the option to delete your Tweet location history.
"""


def test_local_news_furniture_is_removed() -> None:
    result = clean_text(LOCAL)
    assert result.text.startswith("Police in Riverton charged a 34-year-old man")
    assert result.text.endswith("is in stable condition, the sheriff said.")
    kinds = {s.kind for s in result.removed}
    assert {"date", "embed", "tipline", "related", "footer", "prompt"} <= kinds
    assert result.dates and result.dates[0].date().isoformat() == "2015-04-18"


def test_report_sentences_with_numbers_and_labels_stay() -> None:
    text = ("The minister called the 2024 budget of 300 000 000 crowns fair on Monday, officials said.\n\n"
            "Deadline: 03.11.2019 (postmark)\n\n"
            "More than 40 boats took part in the rescue, the coast guard said on Tuesday morning.")
    result = clean_text(text)
    assert "300 000 000 crowns" in result.text
    assert "Deadline: 03.11.2019" in result.text
    assert "More than 40 boats" in result.text


def test_wire_dateline_in_a_scrape_becomes_metadata() -> None:
    result = clean_text("Hamburg (dpa/lno) – Der Hafen bleibt bis Montag geschlossen, teilte die Behörde mit.")
    assert result.text.startswith("Der Hafen bleibt")
    assert result.dateline == "Hamburg"
    article = clean_report(Report("w.txt", b"SEOUL, June 20 (Yonhap) -- The two leaders met on Thursday in "
                                           b"the capital, officials said."), Settings())
    assert article.dateline_place == "Seoul" and article.dateline_date == "June 20"
    assert "Yonhap" in article.agency_names
    assert article.outlet == "Yonhap"  # no outlet of its own: the dateline's agency


@pytest.mark.parametrize(("opening", "place", "agency"), [
    ("Київ (AFP) - ", "Київ", "AFP"),
    ("東京 (Kyodo) -- ", "東京", "Kyodo"),
    ("Rio de Janeiro (Reuters) - ", "Rio de Janeiro", "Reuters"),
    ("Düsseldorf (dpa/lnw) - ", "Düsseldorf", "dpa"),
])
def test_datelines_in_any_script_with_spaces_and_service_suffixes(opening: str, place: str, agency: str) -> None:
    article = clean_report(Report("w.txt", (opening + "The two leaders met on Thursday in the capital, "
                                            "officials said.").encode()), Settings())
    assert article.text.startswith("The two leaders met")
    assert article.dateline_place == place and agency in article.agency_names


def test_a_lead_repeated_as_a_paragraph_opening_keeps_the_paragraph() -> None:
    lead = "The harbour board of Norholm approved the new ferry timetable on Tuesday."
    text = (f"{lead}\n\n{lead} The timetable adds two night crossings and a Sunday service from May, "
            "chair Ole Brandt said after a three-hour meeting that ended without a vote against it.")
    result = clean_text(text, from_html=True)
    assert "adds two night crossings" in result.text
    assert result.text.count(lead) == 1


def test_a_one_line_page_dump_with_a_copyright_mark_is_not_a_caption() -> None:
    dump = ("Harbour notes from April. Posted 11 April 2018 by Ole Brandt. Crossings: Norholm to Lindqvist. "
            "Boats: two ferries and a tug. Crew: twelve. " * 5 + "Copyright © 2018. All rights reserved.")
    assert "Crossings: Norholm to Lindqvist" in clean_text(dump, from_html=True).text


def test_a_capitalised_label_before_a_colon_is_no_dateline() -> None:
    text = ("Fazit: Die Fähre nach Norholm fährt ab Mai auch sonntags, teilte die Hafenbehörde mit.\n\n"
            "Die Reederei stellt dafür zwei zusätzliche Besatzungen ein.")
    result = clean_text(text, from_html=True)
    assert result.text.startswith("Fazit: Die Fähre") and result.dateline is None
    assert clean_text("OSLO: The ferry to Norholm will run on Sundays from May, the port said.").dateline == "Oslo"
