"""``newsdesk load``: bulk-load a batch folder's finished shards into a store, each
in one transaction (``newsdesk.store.bulk``); shards already loaded are skipped.

>>> result = load_dir(Path("out"), open_store("postgresql://…"))   # doctest: +SKIP
>>> result.loaded, result.new, result.skipped_articles             # doctest: +SKIP
(12, 2290, 21)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.batch.shards import (
    BatchDirError,
    done_record,
    finished_shards,
    read_manifest,
    read_shard,
    shard_digest,
)
from newsdesk.errors import StoreError

if TYPE_CHECKING:
    from newsdesk.store import Store


@dataclass
class LoadResult:
    """What one ``load`` run did, in shards and articles."""

    batch: str
    shards: int = 0            # shards in the batch plan
    unfinished: int = 0        # not finished by ``batch`` yet: not loaded
    loaded: int = 0            # loaded by this run
    already: int = 0           # loaded by an earlier run
    new: int = 0               # articles stored
    skipped_articles: int = 0  # already in the store (same id or source content)
    annotations: int = 0
    vectors: int = 0


def require_manifest(out: Path) -> dict:
    """The batch manifest of ``out``; raises BatchDirError when ``out`` holds no batch."""
    manifest = read_manifest(out)
    if manifest is None:
        raise BatchDirError(f"{out} holds no batch (no manifest.json): run `newsdesk batch … --out {out}` first")
    return manifest


def load_dir(out: Path, store: Store, say: Callable[[str], None] | None = None) -> LoadResult:
    """Load every finished, not yet loaded shard of the batch in ``out``. Raises
    BatchDirError when ``out`` holds no batch, StoreError when the store is not SQL or
    refuses a shard (shards loaded before it stay loaded; re-run to continue)."""
    from newsdesk.store.bulk import load_shard, loaded_shard_digests
    from newsdesk.store.sql import SqlStore

    manifest = require_manifest(out)
    if not isinstance(store, SqlStore):
        raise StoreError("bulk loading needs an SQL store (sqlite:/// or postgresql://)")
    batch = manifest["batch"]
    finished = finished_shards(out)
    result = LoadResult(batch, shards=len(manifest["shards"]), unfinished=len(manifest["shards"]) - len(finished))
    loaded = loaded_shard_digests(store, batch)
    for shard_id in finished:
        if (shard_id, shard_digest(done_record(out, shard_id))) in loaded:
            result.already += 1
            continue
        counts = load_shard(store, batch, read_shard(out, shard_id))
        if counts.already:
            result.already += 1
            continue
        result.loaded += 1
        result.new += counts.new
        result.skipped_articles += counts.skipped
        result.annotations += counts.annotations
        result.vectors += counts.vectors
        if say:
            say(f"loaded {shard_id}: {counts.new} new articles, {counts.skipped} already stored "
                f"({result.loaded + result.already}/{len(finished)} shards)")
    return result
