"""Opening an older database upgrades it; opening twice is harmless."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from newsdesk.errors import StoreError
from newsdesk.store import Job, open_store
from newsdesk.store.schema import LATEST, MIGRATIONS, current_version, migrate
from newsdesk.store.sql import engine_for
from tests.store.conftest import make_article


def test_old_database_is_upgraded_in_place(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = engine_for(url)
    with engine.begin() as conn:
        assert migrate(conn, target=1) == 1
        conn.execute(text("INSERT INTO articles (id, source, text, authors, agencies, removed, created) "
                          "VALUES ('abcdef0123456789', 'old.txt', 'An old report about the harbour.', '[]', "
                          "'[]', '[]', '2025-01-01 00:00:00')"))
    engine.dispose()
    store = open_store(url)
    with store.engine.connect() as conn:
        assert current_version(conn) == LATEST
    assert [h.id for h in store.search("harbour")] == ["abcdef0123456789"]
    store.add_article(make_article("A new report about the harbour accord.", "new.txt"))
    assert open_store(url).count_articles() == 2
    assert "abcdef0123456789" in [h.id for h in store.search("harbours")]  # stemmed after migration 4
    job = Job("j1", None, "running", stage="alignment", stage_done=3, stage_total=8)
    store.save_job(job)
    assert store.get_job("j1") == job  # migration 5 added the stage columns


def test_unreachable_postgres_is_a_clear_store_error():
    with pytest.raises(StoreError, match="PostgreSQL at 127.0.0.1:1"):
        open_store("postgresql://postgres@127.0.0.1:1/test?connect_timeout=2")


def test_unknown_url_scheme_is_rejected():
    with pytest.raises(StoreError, match="unsupported store URL"):
        open_store("mysql://localhost/x")


def test_store_from_before_versions_gains_content_hashes_and_keeps_its_rows(tmp_path):
    url = f"sqlite:///{tmp_path / 'v3.db'}"
    engine = engine_for(url)
    with engine.begin() as conn:
        migrate(conn, target=3)
        conn.execute(text("ALTER TABLE sources DROP COLUMN content_hash"))  # as version 3 made it
        conn.execute(text("INSERT INTO articles (id, source, text, authors, agencies, removed, created) "
                          "VALUES ('abcdef0123456789', 'old.txt', 'An old report about the harbour.', '[]', "
                          "'[]', '[]', '2025-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO sources (source, article_id) VALUES ('old.txt', 'abcdef0123456789')"))
    engine.dispose()
    store = open_store(url)
    assert store.get_source("old.txt").content_hash is None
    with store.engine.begin() as conn:
        for step in MIGRATIONS:  # every migration can run again without harm
            step(conn)
    assert store.versions("abcdef0123456789") == ["abcdef0123456789"]
    assert [h.id for h in store.search("harbour")] == ["abcdef0123456789"]


def _store_before(url: str, version: int, table: str, columns: tuple[str, ...], row: str) -> None:
    """A SQLite store as migration ``version + 1`` found it: ``columns`` of ``table``
    not there yet, and one ``row`` (an INSERT) in it."""
    engine = engine_for(url)
    with engine.begin() as conn:
        migrate(conn, target=version)
        for column in columns:
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        conn.execute(text(row))
    engine.dispose()


def test_jobs_table_from_before_stages_gains_the_stage_columns(tmp_path):
    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    _store_before(url, 4, "jobs", ("stage", "stage_done", "stage_total"),
                  "INSERT INTO jobs (id, state, total, done, errors, message, updated) "
                  "VALUES ('old', 'done', 2, 2, '[]', 'finished', '2025-01-01 00:00:00')")
    store = open_store(url)
    assert store.get_job("old") == Job("old", None, "done", 2, 2, [], "finished")


def test_stories_from_before_the_stream_count_as_a_persons(tmp_path):
    url = f"sqlite:///{tmp_path / 'v8.db'}"
    _store_before(url, 8, "stories", ("label", "edited", "origins"),
                  "INSERT INTO stories (name, created, updated, dossier_stale) "
                  "VALUES ('Harbour accord', '2025-01-01 00:00:00', '2025-01-01 00:00:00', 1)")
    store = open_store(url)
    story = store.find_story("Harbour accord")
    assert story.edited and story.label == "Harbour accord" and story.origins is None
    assert store.stream_position() == (0, 0) and store.unplaced_ids() == []


def test_story_signals_made_without_lead_facts_gain_the_column(tmp_path):
    url = f"sqlite:///{tmp_path / 'v10.db'}"
    engine = engine_for(url)
    with engine.begin() as conn:
        migrate(conn, target=10)
        conn.execute(text("ALTER TABLE story_signals DROP COLUMN facts"))  # as an early migration 9 made it
        assert current_version(conn) == 10
    engine.dispose()
    store = open_store(url)
    with store.engine.connect() as conn:
        assert current_version(conn) == LATEST
        columns = [r[1] for r in conn.execute(text("PRAGMA table_info(story_signals)"))]
    assert "facts" in columns


def test_stories_stored_before_the_id_mark_keep_their_ids_and_new_ones_go_above(tmp_path):
    url = f"sqlite:///{tmp_path / 'v11.db'}"
    engine = engine_for(url)
    with engine.begin() as conn:
        migrate(conn)
        for n, name in ((3, "Orsund ferry strike"), (7, "Kerrow frost losses")):
            conn.execute(text("INSERT INTO stories (id, name, label, edited, created, updated, dossier_stale) "
                              f"VALUES ({n}, '{name}', '{name}', 1, '2025-01-01 00:00:00', "
                              "'2025-01-01 00:00:00', 1)"))
    engine.dispose()
    store = open_store(url)
    assert store.find_story("Kerrow frost losses").id == 7
    first = store.create_story("Velmora harbour dredging")
    assert first.id == 8
    store.delete_story(first.id)
    store.delete_story(7)
    store.close()
    again = open_store(url)                                  # the mark survives reopening
    assert again.create_story("Tessin bridge repairs").id == 9
    assert [s.id for s in again.list_stories() if s.name == "Orsund ferry strike"] == [3]
