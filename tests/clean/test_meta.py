"""Metadata hygiene: headlines, authors that are people, outlets (invented sites)."""

from __future__ import annotations

from newsdesk.clean.meta import (
    clean_authors,
    clean_title,
    host_of,
    is_site_name,
    original_url,
    outlet_of,
    split_names,
)


def test_site_suffixes_and_dates_are_cut_from_titles() -> None:
    assert clean_title("Ferry strike ends | Harbour Herald | 19.01.2020", None, None, "Harbour Herald",
                       None) == "Ferry strike ends"
    assert clean_title("Ferry strike ends - HARBOUR TV REGIONAL", None, None, "Harbour TV Regional",
                       None) == "Ferry strike ends"
    assert clean_title("Ferry strike ends – harbourherald.example", None, None, None,
                       "harbourherald.example") == "Ferry strike ends"


def test_dashes_inside_a_headline_are_kept() -> None:
    title = "Sazerac - the cocktail classic from the old port"
    assert clean_title(title, None, None, "Drinks Weekly", "drinksweekly.example") == title


def test_the_shown_headline_wins_over_a_longer_title() -> None:
    assert clean_title("Harbour Herald - Ferry strike ends - News", "Ferry strike ends", None, None,
                       None) == "Ferry strike ends"


def test_cms_placeholder_gives_way_to_agreeing_h1_and_og_title() -> None:
    assert clean_title("escenic", "Ferry strike ends", "Ferry strike ends", None, None) == "Ferry strike ends"
    assert clean_title("{{ page.title }}", "Ferry strike ends", None, None, None) == "Ferry strike ends"
    assert clean_title(None, None, None, None, None) is None


def test_names_are_split_and_markup_stripped() -> None:
    assert split_names("<b>Ana Ruiz</b> and <a href='/a'>Tom Ashby</a>") == ["Ana Ruiz", "Tom Ashby"]
    assert split_names("Von Lea Brandt, Jonas Ekberg und Mira Solberg, NDR") == [
        "Lea Brandt", "Jonas Ekberg", "Mira Solberg", "NDR"]
    assert split_names("Ruiz, Ana") == ["Ruiz, Ana"]  # one person written surname first
    assert split_names("Deutscher Tierschutzverein e. V.") == ["Deutscher Tierschutzverein e. V."]


def test_authors_that_are_not_people_are_dropped() -> None:
    assert clean_authors(["Ana Ruiz and Tom Ashby, Metro News"], "Metro News", None) == ["Ana Ruiz", "Tom Ashby"]
    assert clean_authors(["Example Daily De"], None, "example-daily.de") == []
    assert clean_authors(["{{ page.metaAuthor }}"], None, None) == []
    assert clean_authors(["Hamburg"], None, None, places=("Hamburg",)) == []
    assert clean_authors(["Lea Brandt, Jonas Ekberg und Mira Solberg, NDR"], None, None) == [
        "Lea Brandt", "Jonas Ekberg", "Mira Solberg"]


def test_real_single_names_survive() -> None:
    # a blogger's handle is what the page states; only site names, places and code go
    assert clean_authors(["Kathrin"], "Baking Notes", "bakingnotes.example") == ["Kathrin"]


def test_outlet_from_site_name_publisher_or_domain() -> None:
    assert outlet_of("Harbour Herald", "Herald Media Group", "harbourherald.example") == "Harbour Herald"
    assert outlet_of(None, "Herald Media Group", "harbourherald.example") == "Herald Media Group"
    assert outlet_of(None, None, "harbourherald.example") == "harbourherald.example"
    assert outlet_of(None, None, None) is None
    assert host_of("https://www.harbourherald.example/a/b") == "harbourherald.example"
    assert host_of("hard::page.html") is None
    assert is_site_name("Harbourherald", None, "harbourherald.example")
    assert not is_site_name("Ana Ruiz", "Harbour Herald", "harbourherald.example")


def test_a_web_archive_snapshot_names_the_page_archived() -> None:
    snap = "https://web.archive.org/web/20150408120000/https://www.lindqvist-tribune.example/news/ferry"
    assert original_url(snap) == "https://www.lindqvist-tribune.example/news/ferry"
    assert host_of(snap) == "lindqvist-tribune.example"
    assert host_of("https://web.archive.org/web/2015id_/lindqvist-tribune.example/a") == "lindqvist-tribune.example"
    assert original_url("https://www.lindqvist-tribune.example/a") == "https://www.lindqvist-tribune.example/a"
    assert host_of("notes.txt") is None
