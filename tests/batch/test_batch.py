"""``batch`` → Parquet shards + quarantine, resumable; ``load`` → the store, once.

Both engines write the same shards; Ray runs in local mode on 2 CPUs (``ray_local``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsdesk.batch import run_batch
from newsdesk.batch.load import load_dir
from newsdesk.batch.shards import DONE, BatchDirError, finished_shards, read_manifest, shard_dir
from newsdesk.cli import app
from newsdesk.errors import StoreError
from newsdesk.settings import Settings
from newsdesk.store import open_store

pytestmark = pytest.mark.slow


def _table(out: Path, name: str) -> list[dict]:
    rows = []
    for shard in finished_shards(out):
        rows += pq.read_table(shard_dir(out, shard) / f"{name}.parquet").to_pylist()
    return rows


@pytest.fixture
def batch_out(inbox: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    result = run_batch([str(inbox)], out, Settings(workers=1), shard_files=3)
    assert (result.articles, result.annotations, result.vectors, result.quarantined) == (8, 8, 8, 2)
    return out


def test_batch_writes_shards_and_quarantines_bad_inputs(batch_out: Path) -> None:
    manifest = read_manifest(batch_out)
    assert manifest and len(manifest["shards"]) == 3 == len(finished_shards(batch_out))
    bad = [json.loads(line) for line in (batch_out / "quarantine.jsonl").read_text().splitlines()]
    assert sorted((Path(b["source"]).name, b["stage"]) for b in bad) == [("scan.bin", "read"),
                                                                          ("wire.jsonl#line-2", "read")]
    assert "binary" in next(b["reason"] for b in bad if b["source"].endswith("scan.bin"))
    articles = _table(batch_out, "articles")
    assert len(articles) == 8 and len({a["id"] for a in articles}) == 8
    jsonl = [a for a in articles if "#line-" in a["source"]]
    assert [a["source"].rsplit("#", 1)[1] for a in jsonl] == ["line-1", "line-3", "line-4"]
    assert all(a["url"].startswith("https://gazette.example/") for a in jsonl)
    assert all(len(a["content_hash"]) == 64 for a in articles)
    vectors = _table(batch_out, "vectors")
    assert all(v["dim"] > 0 and len(v["data"]) == len(json.loads(v["keys"])) * (v["dim"] + 4) for v in vectors)
    summary = json.loads((batch_out / "summary.json").read_text())
    assert summary["quarantined"] == 2 and summary["written"] == 3


def test_an_unfinished_shard_is_redone_and_finished_ones_are_skipped(inbox: Path, batch_out: Path) -> None:
    first = finished_shards(batch_out)
    before = pq.read_table(shard_dir(batch_out, first[1]) / "articles.parquet").to_pylist()
    (shard_dir(batch_out, first[1]) / DONE).unlink()                # as if killed before the marker
    (shard_dir(batch_out, first[1]) / "vectors.parquet").unlink()
    (batch_out / "shards" / f".tmp-{first[2]}-dead").mkdir()         # a half-written shard of a dead run
    again = run_batch([str(inbox)], batch_out, Settings(workers=1), shard_files=3)
    assert (again.written, again.skipped, again.articles, again.quarantined) == (1, 2, 8, 2)
    assert finished_shards(batch_out) == first
    assert pq.read_table(shard_dir(batch_out, first[1]) / "articles.parquet").to_pylist() == before
    assert (shard_dir(batch_out, first[1]) / "vectors.parquet").is_file()
    assert not list((batch_out / "shards").glob(".tmp-*"))


def test_a_folder_holding_another_batch_is_refused(inbox: Path, batch_out: Path, tmp_path: Path) -> None:
    with pytest.raises(BatchDirError, match="another batch"):
        run_batch([str(inbox / "wire.jsonl")], batch_out, Settings(workers=1))
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    with pytest.raises(BatchDirError, match="not empty"):
        run_batch([str(inbox)], tmp_path / "full", Settings(workers=1))


def _check_load(url: str, out: Path) -> None:
    from newsdesk.nlp_models import embedder
    from newsdesk.vectors import model_name

    store = open_store(url)
    try:
        first = load_dir(out, store)
        assert (first.loaded, first.new, first.annotations, first.vectors) == (3, 8, 8, 8)
        ids = [a.id for a in store.list_articles(limit=100)]
        assert len(ids) == 8 and not store.unanalyzed_ids()
        assert len(store.get_vectors(ids, model_name(embedder()))) == 8
        assert store.search("harbour wall") and store.get_source(next(
            a["source"] for a in _table(out, "articles") if "#line-" in a["source"])).content_hash
        again = load_dir(out, store)
        assert (again.loaded, again.already, again.new) == (0, 3, 0)
        assert store.count_articles() == 8
    finally:
        store.close()


def test_load_into_sqlite_once(batch_out: Path, tmp_path: Path) -> None:
    _check_load(f"sqlite:///{tmp_path / 'load.db'}", batch_out)


@pytest.mark.postgres
def test_load_into_postgresql_once(batch_out: Path) -> None:
    from tests.pg import pg_schema_url

    with pg_schema_url() as url:
        _check_load(url, batch_out)


def test_articles_already_stored_are_skipped_and_a_failed_shard_is_not_half_loaded(
        batch_out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdesk.store import bulk

    url = f"sqlite:///{tmp_path / 'load.db'}"
    store = open_store(url)
    calls = {"n": 0}
    real = bulk._load_vectors

    def fail_second(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls["n"] += 1
        if calls["n"] == 2:
            raise bulk.SQLAlchemyError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(bulk, "_load_vectors", fail_second)
    with pytest.raises(StoreError, match="disk full"):
        load_dir(batch_out, store)
    first_shard = len(pq.read_table(shard_dir(batch_out, finished_shards(batch_out)[0]) / "articles.parquet"))
    assert store.count_articles() == first_shard            # the second shard left nothing behind
    monkeypatch.setattr(bulk, "_load_vectors", real)
    # a copy of the batch (another batch id): every article is already stored
    copy = tmp_path / "copy"
    shutil.copytree(batch_out, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["batch"] = "another-run"
    (copy / "manifest.json").write_text(json.dumps(manifest))
    done = load_dir(batch_out, store)
    assert (done.loaded, done.already, store.count_articles()) == (2, 1, 8)
    dup = load_dir(copy, store)
    assert (dup.loaded, dup.new, dup.skipped_articles, store.count_articles()) == (3, 0, 8, 8)
    store.close()


def test_cli_batch_and_load(inbox: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out, db = tmp_path / "cli-out", f"sqlite:///{tmp_path / 'cli.db'}"
    done = runner.invoke(app, ["batch", str(inbox), "--out", str(out), "--workers", "1", "--json"])
    assert done.exit_code == 1, done.output  # bad inputs were quarantined
    assert json.loads(done.stdout)["quarantined"] == 2
    assert "error: " in done.stderr and "scan.bin" in done.stderr  # each bad input named on stderr
    loaded = runner.invoke(app, ["load", str(out), "--db", db, "--json"])
    assert loaded.exit_code == 0, loaded.output
    assert json.loads(loaded.stdout)["new"] == 8
    assert runner.invoke(app, ["batch", str(inbox), "--out", str(out), "--engine", "spark"]).exit_code == 2
    assert runner.invoke(app, ["load", str(tmp_path), "--db", db]).exit_code == 4
    never = tmp_path / "never.db"  # a folder that holds no batch creates no store
    assert runner.invoke(app, ["load", str(inbox), "--db", f"sqlite:///{never}"]).exit_code == 4
    assert not never.exists()


def test_loaded_articles_join_stories_once_and_a_story_id_names_its_dossier(batch_out: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'placed.db'}"
    first = runner.invoke(app, ["load", str(batch_out), "--db", db, "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["stories"]  # the loaded articles were placed
    listed = runner.invoke(app, ["stories", "--db", db, "--json"])
    stories = json.loads(listed.stdout)
    placed = [a for story in stories for a in story["articles"]]
    assert len(placed) == len(set(placed)) == 8
    again = runner.invoke(app, ["load", str(batch_out), "--db", db, "--json"])
    assert again.exit_code == 0 and json.loads(again.stdout)["stories"] == []
    story_id = str(stories[0]["id"])
    built = runner.invoke(app, ["dossier", "--story", story_id, "--db", db, "--out", str(tmp_path / "d"), "--json"])
    assert built.exit_code == 0, built.output
    assert sorted(json.loads(built.stdout)["articles"]) == sorted(stories[0]["articles"])
    missing = runner.invoke(app, ["dossier", "--story", "999", "--db", db, "--out", str(tmp_path / "d")])
    assert missing.exit_code == 4


def test_ray_engine_writes_the_same_shards(ray_local, inbox: Path, batch_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "ray-out"
    result = run_batch([str(inbox)], out, Settings(workers=2), engine="ray", shard_files=3)
    assert (result.written, result.articles, result.vectors, result.quarantined) == (3, 8, 8, 2)
    assert finished_shards(out) == finished_shards(batch_out)
    for name in ("articles", "annotations"):
        assert sorted(_table(out, name), key=lambda r: r["source" if name == "articles" else "article_id"]) == \
            sorted(_table(batch_out, name), key=lambda r: r["source" if name == "articles" else "article_id"])
    assert sorted(v["article_id"] for v in _table(out, "vectors")) == \
        sorted(v["article_id"] for v in _table(batch_out, "vectors"))
    assert (out / "quarantine.jsonl").read_text().count("\n") == 2
    again = run_batch([str(inbox)], out, Settings(workers=2), engine="ray", shard_files=3)
    assert (again.written, again.skipped) == (0, 3)
