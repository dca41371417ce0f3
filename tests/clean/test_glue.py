"""Glued words in plain-text scrapes: split where frequencies say so, nowhere else."""

from __future__ import annotations

from newsdesk.clean import clean_report
from newsdesk.clean.glue import split_glued
from newsdesk.model import Report
from newsdesk.settings import Settings

TEXT = ("Orsolya Vanek met the minister in Lindqvist on Monday. The pact was signed after two hours. "
        "Critics said the pactwhich Vanek signed gives the port to foreign owners. Photos showed "
        "Vanekwaving from the ferry. State agency VNA said so: VNAMinister Dao Lien, its editor, confirmed "
        "that the delegation from the USAthe week before had left. The harbour causes concernThe "
        "mayor spoke.")


def test_glued_pairs_are_split() -> None:
    out = split_glued(TEXT, "en")
    for split in ("pact which", "Vanek waving", "VNA Minister", "USA the", "concern The"):
        assert split in out, split
    for glued in ("pactwhich", "Vanekwaving", "VNAMinister", "USAthe", "concernThe"):
        assert glued not in out


def test_real_words_names_and_handles_stay_whole() -> None:
    text = ("The substack newsletter of Orsolya Vanek, the McDonald franchise, penalisation rules, "
            "user @GhostofHarbour and the YouTube channel all stayed online. Vanek said so.")
    assert split_glued(text, "en") == text


def test_compounds_are_not_split_in_compounding_languages() -> None:
    text = "Der Hafenschlüsseldienst öffnete am Montag. Der Hafen war zu, der Dienst kam spät."
    assert split_glued(text, "de") == text


def test_case_boundary_glue_is_split_in_any_language() -> None:
    assert split_glued("Die Stadt meldete den UnfallDer Bürgermeister sprach.", "de") == \
        "Die Stadt meldete den Unfall Der Bürgermeister sprach."


def test_clean_report_splits_scrapes_before_offsets_exist() -> None:
    article = clean_report(Report("glued.txt", TEXT.encode()), Settings())
    assert "pact which" in article.text and "Vanek waving" in article.text
    for quote in (article.annotations.quotes if article.annotations else []):
        assert article.text[quote.start:quote.end] == quote.text


def test_html_is_not_resplit() -> None:
    page = ("<html><body><article><p>The SmartHarbour project of the port started on Monday, "
            "officials said in a statement to the press.</p></article></body></html>")
    article = clean_report(Report("p.html", page.encode(), "html"), Settings())
    assert "SmartHarbour" in article.text


def test_agency_evidence_offsets_index_the_split_text() -> None:
    text = ("Critics said the pactwhich Vanek signed was rushed. The pact was signed on Monday, "
            "Vanek told AFP in Lindqvist. Vanek said so.")
    article = clean_report(Report("g.txt", text.encode()), Settings())
    assert "pact which" in article.text
    for ev in article.agencies:
        if ev.start >= 0:
            assert article.text[ev.start:ev.end] == ev.evidence
