"""One contract for every back end: SQLite and the real PostgreSQL run the same tests."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk.errors import NotFoundError
from newsdesk.store import Job
from tests.store.conftest import CET, make_article

WIRE = ("BREVIK (AFP) - Norland and Castavia signed a harbour accord on Tuesday. Prime Minister "
        "Elsa Marwick said the deal would deploy 12 patrol vessels in the strait.")
LOCAL = ("Three days after the signing, fishermen in the harbour towns doubt the accord. Union head "
         "Ilona Varga said nobody had asked the people who fish the strait.")
HOSTILE = "Officials said the ferry would reopen. <script>alert('x')</script> The ferry is old."


def test_round_trip_keeps_every_field(store):
    article = make_article(WIRE, "wire.txt", datetime(2025, 3, 18, 16, 40, tzinfo=CET))
    assert store.add_article(article) is True
    back = store.get_article(article.id)
    assert back == article
    assert back.published.utcoffset().total_seconds() == 3600


def test_re_adding_is_a_no_op_that_records_the_source(store):
    article = make_article(WIRE, "wire.txt")
    assert store.add_article(article)
    assert store.add_article(make_article(WIRE, "copy/wire.txt")) is False
    assert store.count_articles() == 1
    assert store.has_source("copy/wire.txt") == article.id
    assert store.has_source("never-seen.txt") is None


def test_annotations_are_filled_in_when_missing(store):
    bare = make_article(WIRE, "wire.txt", analysed=False)
    store.add_article(bare)
    assert store.unanalyzed_ids() == [bare.id]
    store.add_article(make_article(WIRE, "wire.txt"))
    assert store.unanalyzed_ids() == []
    assert store.get_article(bare.id).annotations.quotes[0].speaker == "Elsa Marwick"


def test_prefix_lookup_and_not_found(store):
    article = make_article(WIRE, "wire.txt")
    store.add_article(article)
    assert store.get_article(article.id[:8]).id == article.id
    with pytest.raises(NotFoundError):
        store.get_article("ffffffffff")
    with pytest.raises(NotFoundError):
        store.get_article(article.id[:3])


def test_listing_puts_newest_first_and_undated_last(store):
    old = make_article(WIRE, "a.txt", datetime(2025, 3, 18, 9, 0, tzinfo=CET))
    new = make_article(LOCAL, "b.txt", datetime(2025, 3, 21, 9, 0, tzinfo=CET))
    undated = make_article(HOSTILE, "c.txt", None)
    for a in (old, undated, new):
        store.add_article(a)
    assert [r.id for r in store.list_articles()] == [new.id, old.id, undated.id]
    assert store.list_articles(limit=1, offset=1)[0].id == old.id
    assert store.list_articles()[0].agencies == ["AFP"]


def test_search_ranks_escapes_and_never_errors(store):
    for a in (make_article(WIRE, "a.txt"), make_article(LOCAL, "b.txt"), make_article(HOSTILE, "c.txt")):
        store.add_article(a)
    hits = store.search("patrol vessels")
    assert [h.id for h in hits][:1] == [make_article(WIRE, "a.txt").id]
    marked = [hits[0].snippet[h.start:h.end].lower() for h in hits[0].highlights]
    assert "patrol" in marked and "vessels" in marked
    ferry = store.search("ferry")
    # plain text: the report's own characters, nothing escaped, matches as offsets
    assert ferry and "alert('x')" in ferry[0].snippet and "&lt;" not in ferry[0].snippet
    for nasty in ['"unbalanced', "AND OR (", "NEAR(", "*", "'; drop table articles; --"]:
        store.search(nasty)
    assert store.count_articles() == 3
    assert store.search("fishermen OR nonexistentword")  # falls back to any-term matching


def test_search_stems_and_joins_british_and_american_spellings(store):
    us = make_article("The ministry said its defense budget would pay for two vessels at the harbor.", "us.txt",
                      title="Budget approved")
    uk = make_article("Coastguards patrolled the centre of the strait overnight, the officer said.", "uk.txt",
                      title="Night watch")
    store.add_article(us)
    store.add_article(uk)
    assert [h.id for h in store.search("defence")] == [us.id]
    assert [h.id for h in store.search("harbour")] == [us.id]
    assert [h.id for h in store.search("center patrols")] == [uk.id]  # variant + stemmed plural
    assert [h.id for h in store.search("vessel")] == [us.id]           # stem of "vessels"
    hit = store.search("defence")[0]
    assert [hit.snippet[h.start:h.end] for h in hit.highlights] == ["defense"]


def test_new_annotations_make_the_stories_dossier_stale(store):
    a = make_article(WIRE, "a.txt")
    store.add_article(a)
    story = store.create_story("Harbour accord", [a.id])
    store.save_dossier(story.id, {"schema": "newsdesk.dossier/1"})
    assert not store.get_story(story.id).dossier_stale
    store.save_annotations(a.id, a.annotations)
    assert store.get_story(story.id).dossier_stale


def test_stories_membership_and_dossier_staleness(store):
    a, b = make_article(WIRE, "a.txt"), make_article(LOCAL, "b.txt")
    store.add_article(a)
    store.add_article(b)
    story = store.create_story("Harbour accord", [a.id])
    assert story.article_ids == [a.id] and story.dossier_stale
    store.save_dossier(story.id, {"schema": "newsdesk.dossier/1", "articles": [{"id": a.id}]})
    assert not store.get_story(story.id).dossier_stale
    assert store.get_dossier(story.id)["articles"][0]["id"] == a.id
    same = store.create_story("Harbour accord", [b.id])
    assert same.id == story.id and same.article_ids == [a.id, b.id] and same.dossier_stale
    assert store.remove_from_story(story.id, [a.id]).article_ids == [b.id]
    assert store.find_story("Harbour accord").id == story.id
    assert store.find_story("nope") is None
    assert [s.name for s in store.list_stories()] == ["Harbour accord"]
    store.delete_story(story.id)
    with pytest.raises(NotFoundError):
        store.get_story(story.id)


def test_jobs_are_saved_and_updated(store):
    job = Job("abc123", None, "queued", total=3)
    store.save_job(job)
    job.state, job.done, job.errors = "done", 3, ["x.txt: empty file"]
    job.stage, job.stage_done, job.stage_total = "embedding", 40, 120
    store.save_job(job)
    assert store.get_job("abc123") == job
    with pytest.raises(NotFoundError):
        store.get_job("missing")


CHANGED = WIRE.replace("12 patrol vessels", "14 patrol vessels")


def test_a_changed_report_at_a_source_is_a_new_linked_version(store):
    first = make_article(WIRE, "desk/wire.txt")
    assert store.add_article(first, content_hash="a" * 64)
    story = store.create_story("Harbour accord", [first.id])
    store.save_dossier(story.id, {"schema": "newsdesk.dossier/1", "articles": [{"id": first.id}]})
    assert store.get_source("desk/wire.txt").content_hash == "a" * 64
    second = make_article(CHANGED, "desk/wire.txt")
    assert store.add_article(second, content_hash="b" * 64) is True
    assert store.count_articles() == 2 and store.get_article(first.id).text == WIRE  # the old one is kept
    assert store.get_source("desk/wire.txt").article_id == second.id
    assert store.latest_version(first.id) == store.latest_version(second.id) == second.id
    assert store.versions(first.id) == store.versions(second.id) == [first.id, second.id]
    assert store.get_story(story.id).dossier_stale  # its dossier must be rebuilt from the latest
    # changed back: the first text is the latest again, and no link goes round in a circle
    assert store.add_article(make_article(WIRE, "desk/wire.txt"), content_hash="c" * 64) is False
    assert store.latest_version(second.id) == first.id
    assert store.versions(first.id) == [second.id, first.id]


def test_without_a_content_hash_the_first_article_keeps_its_source(store):
    first = make_article(WIRE, "upload:wire.txt")
    store.add_article(first)
    store.add_article(make_article(CHANGED, "upload:wire.txt"))
    assert store.get_source("upload:wire.txt").article_id == first.id
    assert store.latest_version(first.id) == first.id and store.versions(first.id) == [first.id]
    assert store.get_source("never-seen.txt") is None


def test_nul_characters_are_stored_alike_on_every_back_end(store):
    text = "Officials said the ferry\x00 would reopen on Friday after repairs to the hull."
    article = make_article(text, "nul\x00.txt", title="Ferry\x00 to reopen", analysed=False)
    store.add_article(article)
    back = store.get_article(article.id)
    assert back.text == text.replace("\x00", "\ufffd") and len(back.text) == len(text)
    assert back.title == "Ferry\ufffd to reopen"
    assert store.has_source("nul\x00.txt") == article.id
    assert store.search("ferry\x00") and store.create_story("Ferry\x00").name == "Ferry\ufffd"
