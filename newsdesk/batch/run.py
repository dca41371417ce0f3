"""``newsdesk batch``: plan (or resume) a batch, run an engine over its unfinished
shards, write each shard whole, then the quarantine and a summary.

>>> from pathlib import Path                                            # doctest: +SKIP
>>> result = run_batch(["crawl/"], Path("out"), Settings(workers=2))     # doctest: +SKIP
>>> result.written, result.articles, result.quarantined                 # doctest: +SKIP
(12, 2311, 40)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsdesk import __version__
from newsdesk.batch.plan import SHARD_BYTES, SHARD_FILES, Shard, plan_shards
from newsdesk.batch.shards import (
    BatchDirError,
    ShardCounts,
    done_record,
    finished_shards,
    is_done,
    read_manifest,
    remove_stale_tmp,
    write_manifest,
    write_quarantine,
    write_shard,
    write_summary,
)
from newsdesk.settings import Settings

ENGINES = ("local", "ray")
Say = Callable[[str], None]


@dataclass
class BatchResult:
    """What one ``batch`` run did. ``articles`` … ``quarantined`` count every finished
    shard of the batch (this run's and earlier runs'); ``written`` this run's shards."""

    batch: str
    out: str
    engine: str
    shards: int = 0
    skipped: int = 0          # shards already finished by an earlier run
    written: int = 0
    articles: int = 0
    annotations: int = 0
    vectors: int = 0
    quarantined: int = 0
    read: int = 0             # inputs (reports and bad inputs) this run
    analysed: int = 0         # articles this run sent to analysis
    wall_s: float = 0.0
    per_stage: dict[str, int] = field(default_factory=dict)


class _Progress:
    """Counts per stage; says one line per shard written."""

    def __init__(self, result: BatchResult, todo: int, say: Say | None) -> None:
        self.result, self.todo, self.say = result, todo, say
        self.counts = {"read": 0, "analyse": 0, "write": 0}
        self.start = time.perf_counter()

    def count(self, stage: str, n: int) -> None:
        self.counts[stage] += n

    def written(self, shard_id: str, counts: ShardCounts) -> None:
        self.counts["write"] += 1
        if self.say:
            rate = self.counts["analyse"] / max(time.perf_counter() - self.start, 1e-9)
            self.say(f"shard {self.counts['write']}/{self.todo} {shard_id}: {counts.articles} articles, "
                     f"{counts.quarantined} quarantined | read {self.counts['read']}, "
                     f"analysed {self.counts['analyse']} ({rate:.2f} articles/s)")


def _plan(inputs: list[str], out: Path, settings: Settings, shard_files: int, shard_bytes: int,
          ) -> tuple[dict[str, Any], list[Shard]]:
    manifest = read_manifest(out)
    if manifest is not None:
        if manifest["inputs"] != list(inputs):
            raise BatchDirError(f"{out} holds another batch (inputs {manifest['inputs'][:3]}…); "
                                f"give a new --out, or the same inputs to resume it")
        return manifest, [Shard.from_json(s) for s in manifest["shards"]]
    if out.exists() and any(out.iterdir()):
        raise BatchDirError(f"{out} is not empty and holds no batch manifest; give an empty or new --out")
    out.mkdir(parents=True, exist_ok=True)
    shards = plan_shards(list(inputs), shard_files, shard_bytes)
    models = {"newsdesk": __version__, "spacy_model": settings.spacy_model,
              "max_analysis_chars": str(settings.max_analysis_chars)}
    return write_manifest(out, list(inputs), shards, models), shards


def run_batch(inputs: list[str], out: Path, settings: Settings, engine: str = "local",
              address: str | None = None, shard_files: int = SHARD_FILES, shard_bytes: int = SHARD_BYTES,
              say: Say | None = None, bars: bool = False) -> BatchResult:
    """Read → clean → analyse (+ vectors) every input into Parquet shards under ``out``.

    Resumes the batch already in ``out`` (same inputs): finished shards are skipped,
    unfinished ones redone. Raises BatchDirError when ``out`` holds something else,
    ValueError for an unknown engine, RayMissing for ``ray`` without Ray installed.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    started = time.perf_counter()
    manifest, shards = _plan(inputs, out, settings, shard_files, shard_bytes)
    remove_stale_tmp(out)
    todo = [s for s in shards if not is_done(out, s.id)]
    result = BatchResult(manifest["batch"], str(out), engine, shards=len(shards), skipped=len(shards) - len(todo))
    progress = _Progress(result, len(todo), say)

    def write(shard_id: str, rows: list[dict[str, Any]]) -> None:
        progress.written(shard_id, write_shard(out, shard_id, rows))

    if todo and engine == "ray":
        from newsdesk.batch.rayengine import run_ray

        run_ray(todo, settings, write, progress.count, address=address, bars=bars)
    elif todo:
        from newsdesk.batch.local import run_local

        run_local(todo, settings, write, progress.count)
    result.written = progress.counts["write"]
    result.read, result.analysed = progress.counts["read"], progress.counts["analyse"]
    result.per_stage = dict(progress.counts)
    for shard_id in finished_shards(out):
        done = done_record(out, shard_id)
        result.articles += done["articles"]
        result.annotations += done["annotations"]
        result.vectors += done["vectors"]
    result.quarantined = write_quarantine(out)
    result.wall_s = round(time.perf_counter() - started, 3)
    write_summary(out, asdict(result))
    return result
