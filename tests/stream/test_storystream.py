"""Clustering at ingest (``newsdesk.storystream``): placement as articles arrive, a
restart that continues exactly, stored signals instead of re-embedding, and a
person's edits kept."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsdesk.model import article_id
from newsdesk.store import open_store
from newsdesk.storystream import StoryStream
from tests.pg import pg_schema_url
from tests.storyhelpers import EVENTS, BagEmbedder, interleaved, report


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'stream.db'}"
    else:
        with pg_schema_url() as u:
            yield u


def _partition(store) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in store.list_stories()}


def _feed(store, stream: StoryStream, articles) -> None:
    for a in articles:
        store.add_article(a)
        stream.assign([a.id])


def test_each_article_is_placed_once_and_events_are_kept_apart(url) -> None:
    store = open_store(url)
    articles = interleaved()
    _feed(store, StoryStream(store, BagEmbedder()), articles)
    placed = store.placements()
    assert set(placed) == {a.id for a in articles}          # every article, exactly once
    by_event = {e: {placed[a.id] for a in articles if a.source.startswith(e)} for e in EVENTS}
    assert all(len(s) == 1 for s in by_event.values()), by_event
    assert len({next(iter(s)) for s in by_event.values()}) == 3
    assert all(not s.edited for s in store.list_stories())


def test_a_restart_continues_exactly_and_embeds_nothing_stored(url, tmp_path) -> None:
    articles = interleaved()
    whole = open_store(f"sqlite:///{tmp_path / 'whole.db'}")
    _feed(whole, StoryStream(whole, BagEmbedder()), articles)

    store = open_store(url)
    _feed(store, StoryStream(store, BagEmbedder()), articles[:7])
    restarted = BagEmbedder()
    stream = StoryStream(store, restarted)
    stream.sync()
    assert restarted.calls == 0                    # rebuilt from stored signals alone
    _feed(store, stream, articles[7:])
    assert restarted.calls == len(articles) - 7    # one lead per new article
    assert _partition(store) == _partition(whole)


def test_unplaced_articles_left_by_a_killed_run_are_taken_up_in_arrival_order(url) -> None:
    store = open_store(url)
    articles = interleaved(2)
    for a in articles:
        store.add_article(a)                       # stored, never clustered (killed)
    placed = StoryStream(store, BagEmbedder()).assign()
    assert [p.article for p in placed] == [a.id for a in articles]
    assert StoryStream(store, BagEmbedder()).assign() == []


def test_a_persons_edits_are_kept_when_new_articles_arrive(url) -> None:
    store = open_store(url)
    stream = StoryStream(store, BagEmbedder())
    _feed(store, stream, interleaved(3))
    ferry = store.placements()[report("ferry", 1).id]
    bridge = store.placements()[report("bridge", 1).id]
    moved = report("ferry", 2).id
    store.move_article(moved, bridge)                          # a person's move
    split = store.split_story(ferry, [report("ferry", 3).id])  # and split
    _feed(store, stream, [report("ferry", 4), report("ferry", 5), report("bridge", 4)])
    fresh = StoryStream(store, BagEmbedder())                  # and after a restart too
    _feed(store, fresh, [report("ferry", 6)])
    placed = store.placements()
    assert placed[moved] == bridge
    assert placed[report("ferry", 3).id] == split.id and store.get_story(split.id).edited
    assert split.id in {s.id for s in store.list_stories()} and ferry in {s.id for s in store.list_stories()}
    assert placed[report("ferry", 3).id] != placed[report("ferry", 1).id]   # never merged back


def test_articles_pinned_to_a_named_story_draw_later_reports_in(url) -> None:
    store = open_store(url)
    first = [report("orchard", 1), report("orchard", 2)]
    for a in first:
        store.add_article(a)
    pinned = store.create_story("Kerrow frost", [a.id for a in first])   # --story NAME
    stream = StoryStream(store, BagEmbedder())
    _feed(store, stream, [report("orchard", 3), report("bridge", 1)])
    placed = store.placements()
    assert placed[report("orchard", 3).id] == pinned.id
    assert placed[report("bridge", 1).id] != pinned.id
    assert store.unsignalled_ids() == []


def test_an_article_a_person_took_out_of_its_story_stays_out(url) -> None:
    store = open_store(url)
    stream = StoryStream(store, BagEmbedder())
    _feed(store, stream, interleaved(2))
    out = report("ferry", 2).id
    store.remove_from_story(store.placements()[out], [out])
    _feed(store, stream, [report("ferry", 3)])
    assert out not in store.placements() and StoryStream(store, BagEmbedder()).assign() == []


def test_a_stored_signal_keeps_the_leads_facts() -> None:
    from datetime import date

    import numpy as np

    from newsdesk.storystream import _row, _signal
    from newsdesk.stream.signal import StorySignal

    signal = StorySignal("a1", np.ones(4, np.float32) / 2, {"mara quist", "quist", "brennford"}, date(2025, 3, 9),
                         None, "Two hurt in Brennford blaze", people={"mara quist"}, places={"brennford"},
                         stated_days=(date(2025, 3, 8),), numbers=frozenset({2, 41}),
                         terms=frozenset({"blaze", "hurt", "brennford"}))
    back = _signal(_row(signal, "test-model"))
    assert (back.people, back.places, back.stated_days, back.numbers, back.terms) == (
        signal.people, signal.places, signal.stated_days, signal.numbers, signal.terms)
    assert back.entities == signal.entities and back.day == signal.day


def test_a_changed_report_counts_once_in_its_story(url) -> None:
    store = open_store(url)
    stream = StoryStream(store, BagEmbedder())
    first = interleaved(2)
    for a in first:
        store.add_article(a, content_hash=f"v1-{a.source}")
        stream.assign([a.id])
    old = first[0]
    text = old.text + " The coastguard later raised its count of passengers taken ashore."
    new = replace(old, text=text, id=article_id(text))
    store.add_article(new, content_hash=f"v2-{old.source}")
    assert stream.assign([new.id]) == []                    # it took the old version's place
    story = store.placements()[new.id]
    assert old.id not in store.placements()
    assert sum(a.source == old.source for a in store.get_articles(store.get_story(story).article_ids)) == 1
    later = report("ferry", 3)
    store.add_article(later, content_hash="v1-ferry-3")
    stream.assign([later.id])
    assert store.placements()[later.id] == story            # the rebuilt clusterer still draws it in
    assert old.id not in store.placements() and len(store.get_story(story).article_ids) == 3
