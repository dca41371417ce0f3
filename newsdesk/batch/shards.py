"""The batch output folder: a manifest, one folder per shard, and the quarantine.

Layout of ``DIR``::

    manifest.json            the batch id, its inputs, the models, and the shard plan
    shards/<shard>/          one finished shard, written whole or not at all:
        articles.parquet     one row per cleaned article (ARTICLE_SCHEMA)
        annotations.parquet  article_id, version, data (Annotations JSON)
        vectors.parquet      article_id, model, dim, keys (JSON), data (int8 rows + scales)
        quarantine.jsonl     {"source", "reason", "stage"} per bad input of the shard
        _DONE.json           counts and the SHA-256 of each file above: the done marker
    quarantine.jsonl         every shard's bad inputs (rewritten at the end of each run)
    summary.json             totals of the last run

A shard is written into ``shards/.tmp-…`` and renamed into place once complete, with
``_DONE.json`` written last: a shard folder without ``_DONE.json`` (an interrupted
run, or a marker deleted by hand) is unfinished and is redone by the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsdesk.batch.plan import Shard

FORMAT = "newsdesk.batch/1"
DONE = "_DONE.json"

ARTICLE_SCHEMA = pa.schema([
    ("id", pa.string()), ("source", pa.string()), ("content_hash", pa.string()), ("url", pa.string()),
    ("title", pa.string()), ("outlet", pa.string()), ("published", pa.string()), ("updated", pa.string()),
    ("language", pa.string()), ("language_score", pa.float64()), ("input_kind", pa.string()),
    ("text", pa.large_string()), ("authors", pa.string()), ("agencies", pa.string()), ("removed", pa.string()),
    ("partial", pa.string()), ("dateline_place", pa.string()), ("dateline_date", pa.string()),
])
ANNOTATION_SCHEMA = pa.schema([("article_id", pa.string()), ("version", pa.string()), ("data", pa.large_string())])
VECTOR_SCHEMA = pa.schema([("article_id", pa.string()), ("model", pa.string()), ("dim", pa.int64()),
                           ("keys", pa.large_string()), ("data", pa.large_binary())])
_JSON_COLUMNS = ("authors", "agencies", "removed")


class BatchDirError(Exception):
    """The output folder holds something else (another batch, an unknown format)."""


def _atomic_json(path: Path, data: Any) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def read_manifest(out: Path) -> dict[str, Any] | None:
    path = out / "manifest.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise BatchDirError(f"{path} is not a newsdesk batch manifest ({FORMAT})")
    return data


def write_manifest(out: Path, inputs: list[str], shards: list[Shard], models: dict[str, str],
                   batch_id: str | None = None) -> dict[str, Any]:
    """Write (atomically) and return the manifest of a batch."""
    data = {"format": FORMAT, "batch": batch_id or uuid.uuid4().hex, "inputs": inputs, "models": models,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "shards": [s.to_json() for s in shards]}
    (out / "shards").mkdir(parents=True, exist_ok=True)
    _atomic_json(out / "manifest.json", data)
    return data


def shard_dir(out: Path, shard_id: str) -> Path:
    return out / "shards" / shard_id


def is_done(out: Path, shard_id: str) -> bool:
    return (shard_dir(out, shard_id) / DONE).is_file()


def remove_stale_tmp(out: Path) -> None:
    """Remove half-written shard folders an interrupted run left behind."""
    for tmp in (out / "shards").glob(".tmp-*"):
        shutil.rmtree(tmp, ignore_errors=True)


def _article_record(r: dict[str, Any]) -> dict[str, Any]:
    a = json.loads(r["article"])
    rec = {name: a.get(name) for name in ARTICLE_SCHEMA.names}
    rec["content_hash"] = r["content_hash"] or None
    for name in _JSON_COLUMNS:
        rec[name] = json.dumps(a.get(name) or [], ensure_ascii=False)
    return rec


@dataclass
class ShardCounts:
    """Rows written to one shard's files (``quarantined``: lines of its quarantine.jsonl)."""

    articles: int = 0
    annotations: int = 0
    vectors: int = 0
    quarantined: int = 0


def write_shard(out: Path, shard_id: str, rows: list[dict[str, Any]]) -> ShardCounts:
    """Write one shard's rows (any order; written in ``seq`` order) atomically."""
    rows = sorted((r for r in rows if r["kind"] != "end"), key=lambda r: r["seq"])
    articles = [r for r in rows if r["kind"] == "article"]
    quarantine = [{"source": r["source"], "reason": r["reason"], "stage": r["stage"]}
                  for r in rows if r["kind"] == "problem"]
    quarantine += [{"source": r["source"], "reason": r["error"], "stage": "analyse"}
                   for r in articles if r["error"]]
    records = [_article_record(r) for r in articles]
    ann = [{"article_id": rec["id"], "version": json.loads(r["annotations"]).get("version", "1"),
            "data": r["annotations"]} for r, rec in zip(articles, records, strict=True) if r["annotations"]]
    vec = [{"article_id": rec["id"], "model": r["vec_model"], "dim": r["vec_dim"], "keys": r["vec_keys"],
            "data": r["vectors"]} for r, rec in zip(articles, records, strict=True) if r["vec_model"]]
    tmp = out / "shards" / f".tmp-{shard_id}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    digests: dict[str, str] = {}
    for name, data, schema in (("articles.parquet", records, ARTICLE_SCHEMA),
                               ("annotations.parquet", ann, ANNOTATION_SCHEMA),
                               ("vectors.parquet", vec, VECTOR_SCHEMA)):
        pq.write_table(pa.Table.from_pylist(data, schema=schema), tmp / name, compression="zstd")
        digests[name] = _sha256(tmp / name)
    (tmp / "quarantine.jsonl").write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in quarantine),
                                          encoding="utf-8")
    digests["quarantine.jsonl"] = _sha256(tmp / "quarantine.jsonl")
    counts = ShardCounts(len(records), len(ann), len(vec), len(quarantine))
    _atomic_json(tmp / DONE, {"shard": shard_id, **counts.__dict__, "files": digests,
                              "finished": datetime.now(UTC).isoformat(timespec="seconds")})
    final = shard_dir(out, shard_id)
    if final.exists():
        shutil.rmtree(final)
    os.rename(tmp, final)
    return counts


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def done_record(out: Path, shard_id: str) -> dict[str, Any]:
    """The done marker of a finished shard (counts, file digests)."""
    return json.loads((shard_dir(out, shard_id) / DONE).read_text(encoding="utf-8"))


def shard_digest(done: dict[str, Any]) -> str:
    """One digest of a finished shard's files (what ``load`` records as loaded)."""
    return hashlib.sha256(json.dumps(done["files"], sort_keys=True).encode()).hexdigest()[:32]


@dataclass
class ShardData:
    """A finished shard read back: rows of its three tables as dicts."""

    id: str
    digest: str
    articles: list[dict[str, Any]]
    annotations: list[dict[str, Any]]
    vectors: list[dict[str, Any]]


def read_shard(out: Path, shard_id: str) -> ShardData:
    """A finished shard's tables; raises BatchDirError when a file does not match its
    digest in the done marker (a shard changed or damaged after it was written)."""
    folder = shard_dir(out, shard_id)
    done = done_record(out, shard_id)
    for name, digest in done["files"].items():
        if _sha256(folder / name) != digest:
            raise BatchDirError(f"{folder / name} does not match its digest in {DONE}: redo the batch")
    tables = {n: pq.read_table(folder / f"{n}.parquet").to_pylist() for n in ("articles", "annotations", "vectors")}
    return ShardData(shard_id, shard_digest(done), tables["articles"], tables["annotations"], tables["vectors"])


def finished_shards(out: Path) -> list[str]:
    """Ids of the finished shards, in plan order (manifest), else by name."""
    manifest = read_manifest(out)
    ids = [s["id"] for s in manifest["shards"]] if manifest else \
        sorted(p.name for p in (out / "shards").iterdir() if not p.name.startswith("."))
    return [i for i in ids if is_done(out, i)]


def write_quarantine(out: Path) -> int:
    """Gather every finished shard's bad inputs into ``DIR/quarantine.jsonl``; their number."""
    lines: list[str] = []
    for shard_id in finished_shards(out):
        for line in (shard_dir(out, shard_id) / "quarantine.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                lines.append(json.dumps({"shard": shard_id, **entry}, ensure_ascii=False))
    tmp = out / f".quarantine.{uuid.uuid4().hex[:8]}.tmp"
    tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    os.replace(tmp, out / "quarantine.jsonl")
    return len(lines)


def write_summary(out: Path, summary: dict[str, Any]) -> None:
    _atomic_json(out / "summary.json", summary)
