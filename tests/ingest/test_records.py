"""JSON records → Reports: metadata mapping, partial-text flags, and what the cleaner
makes of record metadata (markup in author names, mojibake, outlets)."""

from __future__ import annotations

import json

from newsdesk.clean import clean_report
from newsdesk.ingest.records import read_json, record_to_report
from newsdesk.model import InputProblem, Report
from newsdesk.settings import Settings

TEXT = ("The ferry between Lindqvist and Norholm resumed service on Tuesday after a two-week strike, "
        "the operator said. The agreement raises wages by four per cent, according to the union.")


def test_paywall_flags_mark_the_report_partial() -> None:
    for flag in ({"isAccessibleForFree": False}, {"isAccessibleForFree": "False"}, {"paywall": True}):
        report = record_to_report({"text": TEXT, **flag}, "r.json")
        assert isinstance(report, Report) and report.meta["partial"], flag
        assert clean_report(report, Settings()).partial == report.meta["partial"]
    free = record_to_report({"text": TEXT, "isAccessibleForFree": True}, "r.json")
    assert "partial" not in free.meta
    assert clean_report(free, Settings()).partial is None


def test_record_authors_and_outlet_are_cleaned_like_page_metadata() -> None:
    record = {"text": TEXT, "author": [{"name": "<b>Ana Ruiz</b> and Tom Ashby"}, {"name": "{{ author }}"}],
              "publisher": {"name": "Harbour Herald"}, "title": "Ferry service resumes | Harbour Herald"}
    article = clean_report(record_to_report(record, "r.json"), Settings())
    assert article.authors == ["Ana Ruiz", "Tom Ashby"]
    assert article.outlet == "Harbour Herald"
    assert article.title == "Ferry service resumes"


def test_outlet_falls_back_to_the_url_domain() -> None:
    report = record_to_report({"text": TEXT, "url": "https://www.norholm-post.example/ferry"}, "r.json")
    assert report.meta["outlet"] == "norholm-post.example"


def test_an_archived_snapshot_takes_the_outlet_of_the_page_archived() -> None:
    url = "https://web.archive.org/web/20160115000000/http://www.norholm-post.example/ferry"
    report = record_to_report({"text": TEXT, "url": url}, "r.json")
    assert report.meta["outlet"] == "norholm-post.example"


def test_mojibake_in_record_metadata_is_repaired() -> None:
    record = {"text": TEXT, "title": "AndrÃ©s NÃºÃ±ez wins", "author": "AndrÃ©s NÃºÃ±ez", "source": "Gaceta MarÃ­tima"}
    article = clean_report(record_to_report(record, "r.json"), Settings())
    assert (article.title, article.authors, article.outlet) == ("Andrés Núñez wins", ["Andrés Núñez"], "Gaceta Marítima")


def test_a_record_without_text_is_one_problem() -> None:
    [problem] = list(read_json(json.dumps({"title": "No body"}).encode(), "r.json"))
    assert isinstance(problem, InputProblem) and "no text" in problem.reason
