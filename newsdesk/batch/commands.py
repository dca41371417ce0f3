"""The ``batch`` and ``load`` commands (registered on the CLI app in ``newsdesk.cli``)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from newsdesk.batch.plan import SHARD_BYTES, SHARD_FILES
from newsdesk.batch.run import ENGINES

QUARANTINE_LINES = 20   # bad inputs named on stderr; the rest are in quarantine.jsonl
OutOpt = Annotated[Path, typer.Option("--out", help="Batch folder: manifest, Parquet shards, quarantine.")]


def batch(inputs: Annotated[list[str], typer.Argument(help="Files or folders (recursive): HTML, text, JSON(L), WARC, feeds.")],
          out: OutOpt,
          engine: Annotated[str, typer.Option("--engine", help="local (worker processes) or ray (Ray Data).")] = "local",
          address: Annotated[str | None, typer.Option("--address", help="Ray cluster: auto, or ray://head:10001 (default: start Ray here).")] = None,
          workers: Annotated[int | None, typer.Option("--workers", help="Analysis processes / Ray actors (each loads the models once).")] = None,
          shard_files: Annotated[int, typer.Option("--shard-files", min=1, help="Most files per shard.")] = SHARD_FILES,
          shard_mb: Annotated[int, typer.Option("--shard-mb", min=1, help="Most megabytes per shard (larger JSONL files are cut).")] = SHARD_BYTES >> 20,
          max_bytes: Annotated[int | None, typer.Option("--max-bytes", help="Reject inputs larger than this many bytes.")] = None,
          as_json: Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")] = False,
          quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines or summary; errors only.")] = False,
          config: Annotated[Path | None, typer.Option("--config", help="TOML settings file.")] = None) -> None:
    """Read, clean, analyse and embed inputs into Parquet shards (resumable); see `load`."""
    from newsdesk import cli
    from newsdesk.batch.rayengine import RayMissing
    from newsdesk.batch.run import run_batch
    from newsdesk.batch.shards import BatchDirError

    if engine not in ENGINES:
        cli._fail(f"--engine must be one of {', '.join(ENGINES)}", cli.EXIT_USAGE)
    if address and engine != "ray":
        cli._fail("--address is for --engine ray", cli.EXIT_USAGE)
    settings = cli._settings(None, config, workers=workers, max_bytes=max_bytes)
    say = None if quiet or as_json else (lambda line: cli.err.print(cli.safe(line)))
    try:
        result = run_batch(inputs, out, settings, engine=engine, address=address, shard_files=shard_files,
                           shard_bytes=shard_mb << 20, say=say, bars=say is not None and cli.err.is_terminal)
    except (BatchDirError, RayMissing) as exc:
        cli._fail(str(exc), cli.EXIT_USAGE)
    _name_quarantined(out)
    if as_json:
        cli._print_json(asdict(result))
    elif not quiet:
        cli.err.print(f"{result.written} shards written, {result.skipped} already done; {result.articles} articles "
                      f"({result.annotations} analysed, {result.vectors} with vectors), {result.quarantined} "
                      f"quarantined ({cli.safe(out / 'quarantine.jsonl')}) in {result.wall_s:.1f} s -> {cli.safe(out)}")
    raise typer.Exit(cli.EXIT_INPUT if result.quarantined else cli.EXIT_OK)


def _name_quarantined(out: Path, limit: int = QUARANTINE_LINES) -> None:
    """One ``error: source: reason`` line on stderr per bad input of the batch (the
    first ``limit``; the rest are counted and left to ``out/quarantine.jsonl``)."""
    from newsdesk import cli

    path = out / "quarantine.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    for line in lines[:limit]:
        row = json.loads(line)
        cli.err.print(f"error: {cli.safe(str(row.get('source')))}: {cli.safe(str(row.get('reason')))}")
    if len(lines) > limit:
        cli.err.print(f"error: {len(lines) - limit} more bad inputs, listed in {cli.safe(path)}")


def load(folder: Annotated[Path, typer.Argument(help="A batch folder written by `newsdesk batch`.")],
         db: Annotated[str | None, typer.Option("--db", help="Store URL: sqlite:///file.db or postgresql://...", envvar="NEWSDESK_DB_URL")] = None,
         as_json: Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")] = False,
         quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines or summary; errors only.")] = False,
         config: Annotated[Path | None, typer.Option("--config", help="TOML settings file.")] = None) -> None:
    """Bulk-load a batch folder's finished shards into the store (each once, whole)."""
    from newsdesk import cli, service
    from newsdesk.batch.load import load_dir, require_manifest
    from newsdesk.batch.shards import BatchDirError

    settings = cli._settings(db, config)
    try:
        require_manifest(folder)  # before the store is opened: a wrong folder creates no store
    except BatchDirError as exc:
        cli._fail(str(exc), cli.EXIT_NOT_FOUND)
    store = cli._open(settings)
    say = None if quiet or as_json else (lambda line: cli.err.print(cli.safe(line)))
    try:
        result = load_dir(folder, store, say)
    except BatchDirError as exc:
        cli._fail(str(exc), cli.EXIT_NOT_FOUND)
    # Loaded articles join stories like ingested ones (setting cluster_stories); also
    # those of an earlier load that stopped before placing them.
    stories = service.cluster_stored(store) if settings.cluster_stories else []
    if as_json:
        cli._print_json(asdict(result) | {"stories": stories})
    elif not quiet:
        cli.err.print(f"{result.loaded} shards loaded, {result.already} loaded before, {result.unfinished} unfinished; "
                      f"{result.new} new articles, {result.skipped_articles} already stored; "
                      f"stories changed: {len(stories)} -> {cli.safe(settings.db_url)}")
    raise typer.Exit(cli.EXIT_OK)
