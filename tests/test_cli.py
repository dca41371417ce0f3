"""The command line end to end: ingest, list, show, extract, analyze, dossier, search,
exit codes, one error line per bad input, and an interrupted ingest re-run to completion."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app
from tests.conftest import CORPUS

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'nd.db'}"
    result = run("ingest", str(CORPUS), "--db", url, "--json", "--story", "Harbour")
    assert result.exit_code == 0, result.output
    return url


def test_ingest_reports_json_and_is_idempotent(db) -> None:
    again = run("ingest", str(CORPUS), "--db", db, "--json", "-q")
    assert again.exit_code == 0
    data = json.loads(again.stdout)
    assert data["new"] == 0 and data["existing"] == 7 and data["problems"] == []


def test_articles_and_show(db) -> None:
    listing = json.loads(run("articles", "--db", db, "--json").stdout)
    assert len(listing) == 7
    wire = next(a for a in listing if a["source"].endswith("01-norland-daily.html"))
    shown = run("show", wire["id"][:8], "--db", db, "--json")
    assert shown.exit_code == 0
    article = json.loads(shown.stdout)
    assert article["title"] and article["published"]
    assert any(r["kind"] for r in article["removed"])
    assert article["annotations"]["entities"] and article["annotations"]["quotes"]
    text = run("show", wire["id"], "--db", db)
    assert "clean text" in text.stdout and "removed page furniture" in text.stdout


def test_extract_prints_one_report_as_json(tmp_path) -> None:
    result = run("extract", str(CORPUS / "04-brevik-post.txt"))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert "Last Tuesday (18 March) Prime Minister Elsa Marwick" in data["text"]
    assert data["authors"] and data["published"].startswith("2025-03-21")
    assert {r["kind"] for r in data["removed"]} >= {"caption", "footer"}


def test_analyze_writes_the_three_dossier_files(tmp_path) -> None:
    out = tmp_path / "dossier"
    result = run("analyze", str(CORPUS), "--db", f"sqlite:///{tmp_path / 'a.db'}", "--out", str(out), "-q")
    assert result.exit_code == 0, result.output
    data = json.loads((out / "dossier.json").read_text())
    assert data["schema"] == "newsdesk.dossier/1" and len(data["articles"]) == 7
    assert (out / "dossier.md").read_text().startswith("#")
    html = (out / "dossier.html").read_text()
    assert "<script src=" not in html and "http://" not in html.split("<body")[0]


def test_dossier_of_ids_and_search(db, tmp_path) -> None:
    ids = [a["id"] for a in json.loads(run("articles", "--db", db, "--json").stdout)][:3]
    result = run("dossier", *ids, "--db", db, "--out", str(tmp_path / "d"), "-q")
    assert result.exit_code == 0
    assert len(json.loads((tmp_path / "d" / "dossier.json").read_text())["articles"]) == 3
    hits = json.loads(run("search", "patrol vessels", "--db", db, "--json").stdout)
    assert hits and "patrol" in [hits[0]["snippet"][h["start"]:h["end"]].lower() for h in hits[0]["highlights"]]
    stories = json.loads(run("stories", "--db", db, "--json").stdout)
    assert stories[0]["name"] == "Harbour" and len(stories[0]["articles"]) == 7


def test_bad_inputs_one_line_each_nonzero_exit_nothing_lost(db, tmp_path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.dat").write_bytes(bytes(range(256)) * 4)
    result = runner.invoke(app, ["ingest", str(tmp_path), str(tmp_path / "nope.txt"), "--db", db, "-q",
                                 "--no-analysis"])
    assert result.exit_code == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 3, lines
    assert any("empty.txt" in ln and "empty" in ln for ln in lines)
    assert any("bin.dat" in ln and "binary" in ln for ln in lines)
    assert len(json.loads(run("articles", "--db", db, "--json").stdout)) == 7


def test_exit_codes(tmp_path) -> None:
    assert runner.invoke(app, ["show", "ffffffffffff", "--db", f"sqlite:///{tmp_path / 'e.db'}"]).exit_code == 4
    assert runner.invoke(app, ["articles", "--db", "mysql://nowhere/x"]).exit_code == 3
    assert runner.invoke(app, ["ingest"]).exit_code == 2
    # a driver's multi-line refusal is still one error line (nothing listens on port 1)
    refused = runner.invoke(app, ["stories", "--db", "postgresql://nobody@127.0.0.1:1/x"])
    assert refused.exit_code == 3
    assert [ln for ln in refused.stderr.splitlines() if ln.strip()] == [refused.stderr.strip()]


def _count(url: str, sql: str) -> tuple:
    """One row of ``sql`` against the store at ``url`` (SQLite file or PostgreSQL schema);
    () while the store does not exist yet."""
    if url.startswith("sqlite:///"):
        try:
            with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0.2) as con:
                return con.execute(sql).fetchone()
        except sqlite3.Error:
            return ()
    import psycopg

    dsn, _, schema = url.partition("?options=-csearch_path%3D")
    try:
        with psycopg.connect(dsn, connect_timeout=5, options=f"-csearch_path={schema}") as con:
            return con.execute(sql).fetchone()
    except psycopg.Error:
        return ()


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_interrupted_ingest_reruns_to_completion_without_duplicates(kind, tmp_path) -> None:
    """SIGKILL the ingest of a NEW store mid-batch; the store holds only whole articles
    and a re-run completes it with each report stored once, on both back ends."""
    from tests.pg import pg_schema_url

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(400):
        (folder / f"r{i:03d}.txt").write_text(
            f"Report {i}: the council of town number {i} approved budget line {i * 7} on Monday, "
            f"the mayor of town {i} said after a vote of {i % 50} to {50 - i % 50}.\n")
    with contextlib.ExitStack() as stack:
        url = f"sqlite:///{tmp_path / 'kill.db'}" if kind == "sqlite" else stack.enter_context(pg_schema_url())
        cmd = [sys.executable, "-m", "newsdesk", "ingest", str(folder), "--db", url, "--no-analysis", "-q"]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        deadline = time.time() + 60
        while time.time() < deadline and proc.poll() is None:
            if (_count(url, "select count(*) from articles") or (0,))[0] >= 20:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.02)
        proc.wait(timeout=30)
        partial, empty = _count(url, "select count(*), count(*) filter (where text is null or text = '') "
                                     "from articles")
        assert empty == 0
        print(f"killed after {partial} of 400 stored")
        assert partial < 400 or proc.returncode == 0
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        total, distinct, sources = _count(url, "select count(*), count(distinct source), "
                                               "(select count(*) from sources) from articles")
        assert total == distinct == sources == 400


PIER = ("TESSEL (Courier) - The harbour board of Tessel voted on Monday to close the north pier for "
        "repairs, board chair Anneke Vos said. Ferries will dock at the south quay until {month}.\n")


def _truncated_warc_gz() -> bytes:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i in range(5):
        page = f"<html><body><article><p>Page {i}. {PIER.format(month='May') * 4}</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://tessel-courier.example/p{i}", "response",
                                                      payload=io.BytesIO(page.encode()), http_headers=headers))
    return buf.getvalue()[:-30]


def test_hostile_and_damaged_inputs_are_one_line_each_and_the_rest_is_stored(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-pier.txt").write_text(PIER.format(month="June"))
    os.mkfifo(folder / "b-pipe.txt")
    (folder / "c-zero.txt").symlink_to("/dev/zero")
    (folder / "d-deep.json").write_text("[" * 5000 + "]" * 5000)
    (folder / "e-crawl.warc.gz").write_bytes(_truncated_warc_gz())
    url = f"sqlite:///{tmp_path / 'h.db'}"
    result = subprocess.run([sys.executable, "-m", "newsdesk", "ingest", str(folder), "--db", url,
                             "--no-analysis", "--json"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 4, lines
    for name, reason in (("b-pipe.txt", "FIFO"), ("c-zero.txt", "character device"),
                         ("d-deep.json", "nested too deeply"), ("e-crawl.warc.gz", "truncated")):
        assert any(name in ln and reason in ln for ln in lines), (name, lines)
    data = json.loads(result.stdout)
    assert data["new"] == 5 and len(data["problems"]) == 4  # the pier report and 4 whole crawl pages


def test_control_sequences_in_reports_never_reach_the_terminal(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'esc.db'}"
    hostile = ("\x1b]0;pwned\x07" + PIER.format(month="July").replace("Anneke Vos", "Anneke \x1b[2J\x1b[31mVos")
               + "Harbour staff were told \x9b6n to wait.\n")
    record = {"title": "Pier \x1b[5mclosed\x1b[0m", "text": hostile, "outlet": "Tessel \x1b[8mCourier"}
    (tmp_path / "hostile.json").write_text(json.dumps(record))
    assert run("ingest", str(tmp_path / "hostile.json"), "--db", url, "--no-analysis", "-q").exit_code == 0
    article_id = json.loads(run("articles", "--db", url, "--json").stdout)[0]["id"]
    outputs = [run("articles", "--db", url), run("show", article_id, "--db", url), run("search", "pier", "--db", url)]
    for out in outputs:
        assert out.exit_code == 0
        assert "Vos" in out.output or "closed" in out.output
        assert not any(ch in out.output for ch in ("\x1b", "\x07", "\x9b")), repr(out.output)
    assert "\\x1b[31m" in outputs[1].output  # shown, inert, so an editor can see what was there
    for args in (("articles",), ("show", article_id), ("search", "pier")):
        raw = run(*args, "--db", url, "--json").output
        assert not any(ch in raw for ch in ("\x1b", "\x07", "\x9b")), repr(raw)
        data = json.loads(raw)
        assert (data if isinstance(data, dict) else data[0])["title"] == record["title"]  # same value
    assert "\x9b6n" in json.loads(run("show", article_id, "--db", url, "--json").output)["text"]


def test_a_changed_report_is_a_new_version_and_the_dossier_uses_it(tmp_path) -> None:
    folder = tmp_path / "pier"
    folder.mkdir()
    report = folder / "pier.txt"
    report.write_text(PIER.format(month="June"))
    (folder / "ferry.txt").write_text("TESSEL (Courier) - Ferry captains said on Tuesday that the south quay "
                                      "was too shallow for the larger boats, harbour pilot Joost Meeuw said.\n")
    url = f"sqlite:///{tmp_path / 'v.db'}"
    first = json.loads(run("ingest", str(folder), "--db", url, "--json", "--story", "Pier").stdout)
    assert first["new"] == 2
    report.write_text(PIER.format(month="September"))
    second = run("ingest", str(folder), "--db", url, "--json")
    assert second.exit_code == 0
    data = json.loads(second.stdout)
    assert data["new"] == 1 and data["existing"] == 1
    old_id, new_id = first["articles"][1], data["articles"][1]  # ferry.txt, then pier.txt
    assert old_id != new_id
    assert "September" in json.loads(run("show", new_id, "--db", url, "--json").stdout)["text"]
    assert f"{old_id}, {new_id} (this)" in run("show", new_id, "--db", url).output
    out = tmp_path / "d"
    assert run("dossier", "--story", "Pier", "--db", url, "--out", str(out), "-q").exit_code == 0
    ids = {a["id"] for a in json.loads((out / "dossier.json").read_text())["articles"]}
    assert new_id in ids and old_id not in ids and len(ids) == 2
    third = json.loads(run("ingest", str(folder), "--db", url, "--json").stdout)
    assert third["new"] == 0 and third["existing"] == 2  # unchanged now: skipped



def test_a_changed_report_counts_once_in_its_story(tmp_path) -> None:
    report = tmp_path / "pier.txt"
    report.write_text(PIER.format(month="June"))
    url = f"sqlite:///{tmp_path / 'once.db'}"
    old_id = json.loads(run("ingest", str(report), "--db", url, "--json").stdout)["articles"][0]
    report.write_text(PIER.format(month="October"))
    new_id = json.loads(run("ingest", str(report), "--db", url, "--json").stdout)["articles"][0]
    assert old_id != new_id
    stories = json.loads(run("stories", "--db", url, "--json").stdout)
    assert [(s["size"], s["articles"]) for s in stories] == [(1, [new_id])]


def test_every_printing_command_takes_json(db, tmp_path) -> None:
    ids = [a["id"] for a in json.loads(run("articles", "--db", db, "--json").stdout)]
    outputs = {
        "show": run("show", ids[0], "--db", db, "--json"),
        "stories": run("stories", "--db", db, "--json"),
        "search": run("search", "harbour", "--db", db, "--json"),
        "version": run("version", "--json"),
        "extract": run("extract", str(CORPUS / "04-brevik-post.txt"), "--json"),
        "dossier": run("dossier", "--story", "Harbour", "--db", db, "--out", str(tmp_path / "d"), "--json"),
        "export": run("export", "--story", "Harbour", "--db", db, "--out", str(tmp_path / "x"), "--json"),
        "analyze": run("analyze", str(CORPUS / "04-brevik-post.txt"), "--db", db, "--out", str(tmp_path / "a"),
                       "--json"),
    }
    for name, result in outputs.items():
        assert result.exit_code == 0, (name, result.output)
        json.loads(result.stdout)  # the whole of stdout is one JSON document
    dossier = json.loads(outputs["dossier"].stdout)
    assert set(dossier["files"]) == {"json", "md", "html"} and len(dossier["articles"]) == 7
    assert json.loads(outputs["analyze"].stdout)["existing"] == 1
    assert set(json.loads(outputs["export"].stdout)["files"]) == {"claims", "quotes", "entities", "events",
                                                                  "timeline"}


def test_analyze_rebuilds_the_story_dossier_only_when_inputs_change(db, tmp_path) -> None:
    def analyze() -> dict:
        result = run("analyze", str(CORPUS), "--db", db, "--story", "Harbour", "--out", str(tmp_path), "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    first = analyze()
    again = analyze()
    assert again["new"] == 0 and again["rebuilt"] is False and again["inputs"] == first["inputs"]
    reanalyzed = json.loads(run("reanalyze", first["articles"][0], "--db", db, "--json").stdout)
    assert reanalyzed == {"analyzed": 1, "stale_stories": ["Harbour"]}
    assert json.loads(run("stories", "--db", db, "--json").stdout)[0]["dossier_stale"] is True
    after = analyze()
    assert after["rebuilt"] is True
    assert json.loads(run("stories", "--db", db, "--json").stdout)[0]["dossier_stale"] is False


@pytest.mark.parametrize("env, config, says", [
    ({"NEWSDESK_MAX_BYTES": "lots"}, None, "NEWSDESK_MAX_BYTES='lots'"),
    ({"NEWSDESK_WORKES": "2"}, None, "did you mean NEWSDESK_WORKERS"),
    ({}, "max_byte = 1000\n", "unknown setting 'max_byte'"),
    ({}, "[newsdesk]\nbatch_size = \n", "not valid TOML"),
    ({}, None, "does not exist"),
])
def test_bad_settings_are_one_line_and_exit_2(tmp_path, env, config, says) -> None:
    path = tmp_path / "settings.toml"
    if config is not None:
        path.write_text(config)
    result = runner.invoke(app, ["stories", "--db", f"sqlite:///{tmp_path / 's.db'}", "--config", str(path)]
                           if config is not None or not env else ["stories"], env=env)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: settings: ") and says in lines[0], lines
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [["articles"], ["show", "abcdef12"], ["search", "harbour"], ["stories"],
                                     ["dossier", "--story", "Harbour"], ["export", "--story", "Harbour"],
                                     ["reanalyze"]])
def test_read_only_commands_never_create_a_store(tmp_path, command) -> None:
    path = tmp_path / "absent.db"
    result = runner.invoke(app, [*command, "--db", f"sqlite:///{path}"])
    assert result.exit_code == 4
    line = result.stderr.strip()
    assert "no store at" in line and "newsdesk ingest" in line and "\n" not in line
    assert not path.exists()


def test_exports_read_back_with_pandas_and_pyarrow(db, tmp_path) -> None:
    import pandas as pd
    import pyarrow.parquet as pq

    from newsdesk.render.export import COLUMNS

    dossier = json.loads(run("dossier", "--story", "Harbour", "--db", db, "--out", str(tmp_path / "d"),
                             "--json").stdout)
    data = json.loads((tmp_path / "d" / "dossier.json").read_text())
    frames = {}
    for fmt in ("csv", "jsonl", "parquet"):
        result = run("export", "--story", "Harbour", "--db", db, "--format", fmt, "--out", str(tmp_path / fmt), "-q")
        assert result.exit_code == 0, result.output
        for table, columns in COLUMNS.items():
            path = tmp_path / fmt / f"{table}.{fmt}"
            frame = (pd.read_csv(path) if fmt == "csv" else pd.read_json(path, lines=True) if fmt == "jsonl"
                     else pd.read_parquet(path))
            if len(frame):
                assert list(frame.columns) == list(columns), (fmt, table)
            frames[fmt, table] = frame
    assert len(frames["csv", "claims"]) == len(data["claims"]) == dossier["claims"]
    assert len(frames["parquet", "quotes"]) == sum(len(q["renderings"]) for q in data["quotes"])
    events = frames["parquet", "events"]
    assert len(events) == len(data["events"]) > 0
    assert set(events["type"]) <= {e["type"] for e in data["events"]}
    first = data["events"][0]
    row = events.iloc[0]
    cells = [None if pd.isna(row[c]) else row[c] for c in ("type", "actor", "target", "date", "place")]
    assert cells == [first["type"], first["actor"], first["target"], first["date"], first["place"]]
    assert row["articles"].split("; ") == first["articles"]
    schema = pq.read_schema(tmp_path / "parquet" / "events.parquet")
    assert str(schema.field("negated").type) == "bool" and str(schema.field("independent_sources").type) == "int64"


def test_export_rejects_unknown_format_and_table(db, tmp_path) -> None:
    bad = runner.invoke(app, ["export", "--story", "Harbour", "--db", db, "--format", "xlsx"])
    assert bad.exit_code == 2 and "unknown format 'xlsx'" in bad.stderr
    bad = runner.invoke(app, ["export", "--story", "Harbour", "--db", db, "--table", "claimz"])
    assert bad.exit_code == 2 and "unknown table 'claimz'" in bad.stderr
    missing = runner.invoke(app, ["export", "--story", "Nope", "--db", db])
    assert missing.exit_code == 4 and "no story named 'Nope'" in missing.stderr


def test_reanalyze_prints_stale_story_names_as_they_are(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'names.db'}"
    report = tmp_path / "quay.txt"
    report.write_text("The Ostvik quay reopened on Monday after repairs, the port office of Ostvik said.\n",
                      encoding="utf-8")
    name = "Quay works [bead1234]"   # looks like rich markup; must not be swallowed
    made = run("ingest", str(report), "--db", db, "--story", name)
    assert made.exit_code == 0, made.output
    article = json.loads(run("articles", "--db", db, "--json").stdout)[0]["id"]
    again = run("reanalyze", article, "--db", db)
    assert again.exit_code == 0 and name in again.stderr
