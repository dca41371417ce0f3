"""Sharding: JSONL ranges cover the file at line ends and keep ingest's record names."""

from __future__ import annotations

import json
from pathlib import Path

from newsdesk.batch.plan import jsonl_ranges, plan_shards, read_part
from newsdesk.settings import Settings


def _jsonl(path: Path, n: int) -> bytes:
    lines = [json.dumps({"title": f"Ferry {k}", "text": "The ferry to Osterholm sailed late. " * (k % 7 + 1)})
             for k in range(n)]
    lines[11] = "{not json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path.read_bytes()


def test_ranges_cover_the_file_at_line_ends(tmp_path: Path) -> None:
    data = _jsonl(tmp_path / "wire.jsonl", 120)
    for target in (1, 500, 4000, len(data) * 2):
        parts = jsonl_ranges(str(tmp_path / "wire.jsonl"), target)
        assert b"".join(data[p.start:p.end] for p in parts) == data
        assert all(data[p.end - 1:p.end] == b"\n" for p in parts)
        assert [p.first_line for p in parts] == [data[:p.start].count(b"\n") + 1 for p in parts]


def test_records_keep_their_line_numbers_across_ranges(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    _jsonl(path, 40)
    whole = [r.source for r in read_part(plan_shards([str(path)])[0].parts[0], Settings())]
    shards = plan_shards([str(path)], shard_bytes=700)
    assert len(shards) > 3 and all(len(s.parts) == 1 for s in shards)
    cut = [r.source for s in shards for r in read_part(s.parts[0], Settings())]
    assert cut == whole and whole[11].endswith("#line-12")


def test_small_files_are_grouped_and_the_plan_is_stable(tmp_path: Path) -> None:
    for k in range(7):
        (tmp_path / f"r{k}.txt").write_text("The bridge at Lunde closed.", encoding="utf-8")
    first = plan_shards([str(tmp_path)], shard_files=3)
    assert [len(s.parts) for s in first] == [3, 3, 1]
    assert [s.id for s in plan_shards([str(tmp_path)], shard_files=3)] == [s.id for s in first]
