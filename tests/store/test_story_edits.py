"""Stories as a partition: a person's merge, split and move on every back end, and
the unhappy paths (unknown ids, moving into itself, splitting every article)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from newsdesk.errors import EditError, NotFoundError
from newsdesk.model import article_id
from newsdesk.store.streamrows import SignalRow
from tests.storyhelpers import report, two_stories


def test_placements_are_automatic_until_a_person_edits(store) -> None:
    ferry, bridge, f_ids, b_ids = two_stories(store)
    s = store.get_story(ferry)
    assert s.article_ids == f_ids and not s.edited and s.label.startswith("Ferry 1 runs aground")
    assert s.first is not None and s.last is not None and s.first <= s.last
    assert store.placements() == {**{a: ferry for a in f_ids}, **{a: bridge for a in b_ids}}
    assert store.stream_position()[1] == 5      # five signals, in placement order
    assert [r.article_id for r in store.signals()] == f_ids + b_ids


def test_merge_moves_every_article_and_removes_the_other_story(store) -> None:
    ferry, bridge, f_ids, b_ids = two_stories(store)
    edits = store.stream_position()[0]
    merged = store.merge_stories(ferry, bridge)
    assert merged.id == ferry and merged.edited and sorted(merged.article_ids) == sorted(f_ids + b_ids)
    with pytest.raises(NotFoundError):
        store.get_story(bridge)
    assert store.stream_position()[0] == edits + 1


def test_split_makes_a_new_edited_story_and_keeps_the_rest(store) -> None:
    ferry, _, f_ids, _ = two_stories(store)
    new = store.split_story(ferry, [f_ids[2][:8]])          # a unique prefix is enough
    assert new.article_ids == [f_ids[2]] and new.edited and new.id != ferry
    assert store.get_story(ferry).article_ids == f_ids[:2] and store.get_story(ferry).edited
    assert store.placements()[f_ids[2]] == new.id


def test_move_takes_the_article_out_of_its_story_and_drops_an_emptied_one(store) -> None:
    ferry, bridge, f_ids, b_ids = two_stories(store)
    moved = store.move_article(f_ids[0], bridge)
    assert f_ids[0] in moved.article_ids and f_ids[0] not in store.get_story(ferry).article_ids
    store.move_article(f_ids[1], bridge)
    store.move_article(f_ids[2], bridge)
    with pytest.raises(NotFoundError):          # the ferry story lost its last article
        store.get_story(ferry)
    assert len(store.get_story(bridge).article_ids) == 5


def test_unhappy_edits_change_nothing(store) -> None:
    ferry, bridge, f_ids, b_ids = two_stories(store)
    before = store.placements()
    with pytest.raises(EditError, match="itself"):
        store.merge_stories(ferry, ferry)
    with pytest.raises(NotFoundError):
        store.merge_stories(ferry, 9999)
    with pytest.raises(NotFoundError):
        store.merge_stories(9999, ferry)
    with pytest.raises(EditError, match="already in story"):
        store.move_article(f_ids[0], ferry)
    with pytest.raises(NotFoundError):
        store.move_article("0" * 16, ferry)
    with pytest.raises(NotFoundError):
        store.move_article(f_ids[0], 9999)
    with pytest.raises(EditError, match="every article"):
        store.split_story(bridge, b_ids)
    with pytest.raises(EditError, match="not in story"):
        store.split_story(bridge, [f_ids[0]])
    with pytest.raises(EditError, match="name the articles"):
        store.split_story(bridge, [])
    with pytest.raises(NotFoundError):
        store.split_story(bridge, ["nosuchid"])
    assert store.placements() == before
    assert not store.get_story(ferry).edited and not store.get_story(bridge).edited


def test_pinning_with_a_name_moves_articles_out_of_automatic_stories(store) -> None:
    ferry, bridge, f_ids, _ = two_stories(store)
    pinned = store.create_story("Velmora grounding", f_ids[:2])
    assert pinned.edited and pinned.article_ids == f_ids[:2]
    assert store.get_story(ferry).article_ids == [f_ids[2]]
    assert store.placements()[f_ids[0]] == pinned.id
    extra = report("orchard", 1)
    store.add_article(extra)
    assert store.unplaced_ids() == [extra.id]
    assert store.unsignalled_ids() == []       # pinned articles kept their signals


def test_feed_state_and_entries_survive_reopening(store) -> None:
    url = "https://courier.example/rss"
    assert store.feed_state(url) == (None, None) and store.seen_entries(url) == set()
    store.save_feed_state(url, '"v1"', "Mon, 05 May 2025 09:00:00 GMT")
    store.mark_entry(url, "tag:courier.example,2025:1", None)
    store.mark_entry(url, "tag:courier.example,2025:1", None)   # twice is harmless
    assert store.feed_state(url) == ('"v1"', "Mon, 05 May 2025 09:00:00 GMT")
    assert store.seen_entries(url) == {"tag:courier.example,2025:1"}


def test_a_dossier_records_its_origin_count(store) -> None:
    ferry, *_ = two_stories(store)
    assert store.get_story(ferry).origins is None
    store.save_dossier(ferry, {"origins": [{"id": "o1"}, {"id": "o2"}]})
    assert store.get_story(ferry).origins == 2 and not store.get_story(ferry).dossier_stale


def test_a_story_labelled_with_a_headline_that_left_takes_a_remaining_one(store) -> None:
    ferry, _, f_ids, b_ids = two_stories(store)
    first_title = store.get_story(ferry).label
    store.split_story(ferry, [f_ids[0]])                     # the article that gave the label
    left = store.get_story(ferry)
    assert left.label != first_title and left.label.startswith("Ferry ")
    named = store.create_story("Bridge inquiry", b_ids)      # a person's name stays
    store.move_article(b_ids[0], ferry)
    assert store.get_story(named.id).label == "Bridge inquiry"



def test_a_story_id_is_never_handed_out_twice(store) -> None:
    ferry, bridge, f_ids, _ = two_stories(store)
    low, top = min(ferry, bridge), max(ferry, bridge)
    store.merge_stories(low, top)                           # the highest id is deleted
    split = store.split_story(low, [store.get_story(low).article_ids[0]])
    assert split.id > top
    store.delete_story(split.id)
    named = store.create_story("Lighthouse keepers strike at Orsund", [f_ids[0]])
    assert named.id > split.id
    store.merge_stories(low, named.id)
    frost = report("orchard", 1)
    store.add_article(frost)
    signal = SignalRow(frost.id, "test", np.ones(4, np.float32) / 2, [], None, None, frost.title or "")
    auto, created, _ = store.place_article(frost.id, signal, None, frost.title or "")
    assert created and auto > named.id


def test_a_new_version_of_a_report_takes_the_old_ones_place_in_its_story(store) -> None:
    ferry, _, f_ids, _ = two_stories(store)
    edits = store.stream_position()[0]
    old = report("ferry", 2)
    new = replace(old, text=old.text + " Updated with the coastguard's final count.")
    new = replace(new, id=article_id(new.text))
    store.add_article(new, content_hash="changed-ferry-2")
    story = store.get_story(ferry)
    assert story.article_ids == [f_ids[0], new.id, f_ids[2]]     # same place, one report counted once
    assert old.id not in store.placements() and store.placements()[new.id] == ferry
    assert store.versions(new.id) == [old.id, new.id]
    assert store.stream_position()[0] == edits + 1              # a running clusterer rebuilds
    assert old.id not in store.unplaced_ids() and new.id not in store.unplaced_ids()
    assert new.id in store.unsignalled_ids()                    # its signal is made on the next sync
