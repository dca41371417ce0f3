"""``newsdesk stories`` (list, merge, split, move) and the same edits through the API
and the web forms, on SQLite and PostgreSQL, with their unhappy paths and the
token / cross-site rules."""

from __future__ import annotations

import json
import os
import time

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.settings import Settings
from newsdesk.store import open_store
from newsdesk.web.app import create_app
from tests.pg import pg_schema_url
from tests.storyhelpers import two_stories

runner = CliRunner()


@pytest.fixture(params=["sqlite", "postgresql"])
def seeded(request, tmp_path):
    """(store URL, ferry story, bridge story, ferry ids, bridge ids)."""
    def make(url: str):
        store = open_store(url)
        out = (url, *two_stories(store))
        store.close()
        return out
    if request.param == "sqlite":
        yield make(f"sqlite:///{tmp_path / 'nd.db'}")
    else:
        with pg_schema_url() as url:
            yield make(url)


def cli(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_stories_lists_json_with_id_label_and_articles(seeded) -> None:
    url, ferry, bridge, f_ids, b_ids = seeded
    got = cli("stories", "--db", url, "--json")
    assert got.exit_code == 0, got.output
    rows = {r["id"]: r for r in json.loads(got.stdout)}
    assert rows[ferry]["articles"] == f_ids and rows[bridge]["articles"] == b_ids
    assert rows[ferry]["label"].startswith("Ferry 1") and rows[ferry]["size"] == 3
    assert rows[ferry]["edited"] is False and rows[ferry]["first"].startswith("2025-05-03")
    table = cli("stories", "--db", url)
    assert table.exit_code == 0 and "Ferry 1 runs aground" in table.stdout and "auto" in table.stdout


def test_cli_merge_split_move(seeded) -> None:
    url, ferry, bridge, f_ids, b_ids = seeded
    split = cli("stories", "split", str(ferry), f_ids[2], "--db", url, "--json")
    assert split.exit_code == 0, split.output
    new = json.loads(split.stdout)
    assert new["articles"] == [f_ids[2]] and new["edited"]
    moved = cli("stories", "move", f_ids[0], str(bridge), "--db", url, "--json")
    assert moved.exit_code == 0 and f_ids[0] in json.loads(moved.stdout)["articles"]
    merged = cli("stories", "merge", str(bridge), str(new["id"]), "--db", url, "--json")
    assert merged.exit_code == 0
    assert sorted(json.loads(merged.stdout)["articles"]) == sorted(b_ids + [f_ids[0], f_ids[2]])
    listing = {r["id"]: r["articles"] for r in json.loads(cli("stories", "--db", url, "--json").stdout)}
    assert listing == {ferry: [f_ids[1]], bridge: json.loads(merged.stdout)["articles"]}


@pytest.mark.parametrize("args, code, says", [
    (("merge", "{f}", "{f}"), 2, "itself"),
    (("merge", "{f}", "987654"), 4, "no story"),
    (("split", "{b}", "{b0}", "{b1}"), 2, "every article"),
    (("split", "{b}", "{f0}"), 2, "not in story"),
    (("split", "987654", "{b0}"), 4, "no story"),
    (("move", "{f0}", "{f}"), 2, "already in story"),
    (("move", "0000000000000000", "{f}"), 4, "no article"),
    (("move", "{f0}", "Nowhere at all"), 4, "no story"),
])
def test_cli_unhappy_paths_are_one_line_and_change_nothing(seeded, args, code, says) -> None:
    url, ferry, bridge, f_ids, b_ids = seeded
    before = cli("stories", "--db", url, "--json").stdout
    values = {"f": ferry, "b": bridge, "f0": f_ids[0], "b0": b_ids[0], "b1": b_ids[1]}
    got = cli("stories", *[a.format(**values) for a in args], "--db", url)
    assert got.exit_code == code and says in got.output and got.output.count("error:") == 1
    assert cli("stories", "--db", url, "--json").stdout == before


def _client(url: str, token: str | None = None) -> TestClient:
    return TestClient(create_app(Settings(db_url=url, token=token)), base_url="http://127.0.0.1")


def test_api_merge_split_move_and_errors(seeded) -> None:
    url, ferry, bridge, f_ids, b_ids = seeded
    with _client(url) as c:
        listed = {s["id"]: s for s in c.get("/api/stories").json()["stories"]}
        assert listed[ferry]["articles"] == f_ids and listed[ferry]["label"].startswith("Ferry 1")
        r = c.post(f"/api/stories/{ferry}/split", json={"article_ids": [f_ids[2]]})
        assert r.status_code == 201 and r.json()["articles"] == [f_ids[2]]
        new = r.json()["id"]
        r = c.post(f"/api/articles/{f_ids[0]}/move", json={"story_id": bridge})
        assert r.status_code == 200 and f_ids[0] in r.json()["articles"]
        r = c.post(f"/api/stories/{bridge}/merge", json={"story_id": new})
        assert r.status_code == 200 and f_ids[2] in r.json()["articles"]
        assert c.get(f"/api/stories/{new}").status_code == 404
        for path, body, status in [
                (f"/api/stories/{bridge}/merge", {"story_id": bridge}, 409),
                (f"/api/stories/{bridge}/merge", {"story_id": 987654}, 404),
                ("/api/stories/987654/merge", {"story_id": bridge}, 404),
                (f"/api/stories/{ferry}/split", {"article_ids": [f_ids[1]]}, 409),   # its only article
                (f"/api/stories/{ferry}/split", {"article_ids": []}, 422),
                (f"/api/stories/{ferry}/split", {"article_ids": [b_ids[0]]}, 409),
                (f"/api/articles/{f_ids[1]}/move", {"story_id": ferry}, 409),
                ("/api/articles/0000000000000000/move", {"story_id": ferry}, 404),
                (f"/api/articles/{f_ids[1]}/move", {"story_id": 0}, 422)]:
            r = c.post(path, json=body)
            assert r.status_code == status, (path, body, r.text)
            assert r.json()["error"]["status"] == status


def test_api_and_forms_need_the_token_and_refuse_cross_site(seeded) -> None:
    url, ferry, bridge, f_ids, _ = seeded
    with _client(url, token="harbour-token") as c:
        assert c.post(f"/api/stories/{ferry}/merge", json={"story_id": bridge}).status_code == 401
        assert c.post(f"/stories/{ferry}/merge", data={"other": str(bridge)}).status_code == 401
        cross = c.post(f"/api/articles/{f_ids[0]}/move", json={"story_id": bridge},
                       headers={"Authorization": "Bearer harbour-token", "Sec-Fetch-Site": "cross-site"})
        assert cross.status_code == 403
        c.cookies.set("newsdesk_token", "harbour-token")
        r = c.post(f"/stories/{ferry}/move", data={"article": f_ids[0], "target": str(bridge)},
                   headers={"Sec-Fetch-Site": "same-origin"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == f"/stories/{bridge}"
        c.cookies.clear()
        r = c.post(f"/stories/{ferry}/merge", data={"other": str(bridge)},
                   headers={"Authorization": "Bearer harbour-token"}, follow_redirects=False)
        assert r.status_code == 303
        assert c.get("/api/stories").json()["stories"][0]["id"] == ferry
        assert len(c.get("/api/stories").json()["stories"]) == 1


def test_web_forms_split_and_the_story_list(seeded) -> None:
    url, ferry, bridge, f_ids, _ = seeded
    with _client(url) as c:
        page = c.get("/")
        assert page.status_code == 200 and "Ferry 1 runs aground" in page.text and 'http-equiv="refresh"' in page.text
        r = c.post(f"/stories/{ferry}/split", data={"article": [f_ids[1], f_ids[2]]}, follow_redirects=False)
        assert r.status_code == 303
        new = int(r.headers["location"].rsplit("/", 1)[1])
        assert c.get(f"/api/stories/{new}").json()["articles"] == f_ids[1:]
        bad = c.post(f"/stories/{ferry}/merge", data={"other": "x"}, headers={"Accept": "text/html"})
        assert bad.status_code == 422
        cross = c.post(f"/stories/{ferry}/merge", data={"other": str(bridge)},
                       headers={"Origin": "http://evil.example"})
        assert cross.status_code == 403


def test_watch_usage_errors(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    nothing = cli("watch", "--db", db)
    assert nothing.exit_code == 2 and "--feed" in nothing.output
    missing = cli("watch", str(tmp_path / "no-such-folder"), "--db", db)
    assert missing.exit_code == 4 and "no such file or folder" in missing.output
    bad = cli("watch", str(tmp_path), "--interval", "0", "--db", db)
    assert bad.exit_code == 2 and "watch_interval" in bad.output


def test_watch_once_names_a_bad_file_and_exits_1_then_0_when_it_is_gone(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    bad = inbox / "scan.html"
    bad.write_bytes(b"\x00\x9f\xfe\x01" * 200)
    os.utime(bad, (time.time() - 10, time.time() - 10))  # settled: not still being written
    first = cli("watch", str(inbox), "--once", "--db", db)
    assert first.exit_code == 1 and "scan.html" in first.output
    bad.unlink()
    assert cli("watch", str(inbox), "--once", "--db", db).exit_code == 0
