"""Search snippets are cut from the stored text as plain text, with matches given as
offsets found in the text itself: marker characters in a report (\\x02 / \\x03, the
old sentinels) are text, never highlights or markup."""

from __future__ import annotations

import re

from newsdesk.store.search import match_offsets, snippet, snippet_html
from tests.store.conftest import make_article

INJECTING = ("The port authority of Velmora said the \x02<img src=x onerror=alert(1)>\x03 ferry "
             "service would resume on Friday, and \x02plain\x03 text follows the ferry news.")


def test_matches_are_found_from_offsets_with_light_stemming() -> None:
    text = "Patrol vessels patrolled the Kestrel bay; the patrols ended."
    spans = match_offsets(text, 'patrol "kestrel bay"')
    assert [text[a:b] for a, b in spans] == ["Patrol", "patrolled", "Kestrel bay", "patrols"]


def test_snippet_escapes_everything_but_our_own_marks() -> None:
    text, marks = snippet(INJECTING, "ferry")
    assert [text[h.start:h.end] for h in marks] == ["ferry", "ferry"]
    assert "\x02" not in text and "\x03" not in text
    snip = snippet_html(text, marks)
    assert re.findall(r"<mark>(.*?)</mark>", snip) == ["ferry", "ferry"]
    assert "<img" not in snip and "&lt;img" in snip
    assert snip.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_long_text_is_cut_around_the_matches() -> None:
    text = ("Filler words about the weather in the valley. " * 40 + "The Orlen dam spillway opened at dawn. "
            + "More filler about the market prices today. " * 40)
    snip, marks = snippet(text, "spillway")
    assert snip.startswith("…") and snip.endswith("…") and [snip[h.start:h.end] for h in marks] == ["spillway"]
    assert len(snip) < 400


def test_stored_marker_characters_do_not_inject_markup(store) -> None:
    store.add_article(make_article(INJECTING, "inject.txt"))
    hits = store.search("ferry")
    assert hits
    hit = hits[0]
    marked = [hit.snippet[h.start:h.end] for h in hit.highlights]
    assert marked and all(m.lower() == "ferry" for m in marked)  # only real matches are marked
    assert "<img" in hit.snippet  # plain text: the report's characters, shown escaped by pages
    html = snippet_html(hit.snippet, hit.highlights)
    assert all(tag in ("<mark>", "</mark>") for tag in re.findall(r"<[^>]*>", html))
