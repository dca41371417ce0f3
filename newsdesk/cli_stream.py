"""The ``stories`` commands (list, merge, split, move) and ``watch``; registered in
``newsdesk.cli``, whose helpers (settings, store, output, exit codes) they use."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsdesk import stories_ops
from newsdesk.cli import (
    EXIT_INPUT,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    ConfigOpt,
    DbOpt,
    JsonOpt,
    QuietOpt,
    WorkersOpt,
    _fail,
    _open,
    _print_json,
    _problem_line,
    _settings,
    err,
    out,
)
from newsdesk.errors import EditError, NotFoundError
from newsdesk.render.terminal import safe
from newsdesk.store import Story

stories_app = typer.Typer(add_completion=False, rich_markup_mode=None,
                          help="List stories; merge, split and move articles between them.")


def _day(value) -> str:  # noqa: ANN001 - datetime | None
    return value.date().isoformat() if value is not None else "-"


def _list(stories: list[Story]) -> None:
    table = Table(box=None)
    for name, kw in (("id", {"no_wrap": True}), ("size", {"justify": "right"}), ("origins", {"justify": "right"}),
                     ("dates", {"no_wrap": True}), ("updated", {"no_wrap": True}), ("by", {"no_wrap": True}),
                     ("label", {"overflow": "ellipsis", "no_wrap": True})):
        table.add_column(name, **kw)
    for s in stories:
        dates = _day(s.first) if _day(s.first) == _day(s.last) else f"{_day(s.first)}..{_day(s.last)}"
        table.add_row(str(s.id), str(len(s.article_ids)), "-" if s.origins is None else str(s.origins), dates,
                      s.updated.strftime("%Y-%m-%d %H:%M") if s.updated else "-",
                      "person" if s.edited else "auto", safe((s.label or s.name)[:90]))
    out.print(table, soft_wrap=False)


@stories_app.callback(invoke_without_command=True)
def stories(ctx: typer.Context, db: DbOpt = None, as_json: JsonOpt = False, config: ConfigOpt = None) -> None:
    """List stored stories, latest update first: size, independent origins (from the
    last dossier), date range, last update, made by a person or automatically."""
    if ctx.invoked_subcommand:
        return
    store = _open(_settings(db, config), read_only=True)
    rows = store.list_stories()
    if as_json:
        _print_json([stories_ops.story_record(s) for s in rows])
        return
    _list(rows)
    err.print(f"{len(rows)} stories")


def _edit(db: str | None, config: Path | None, as_json: bool, action, what: str) -> None:  # noqa: ANN001
    store = _open(_settings(db, config), read_only=True)
    try:
        story = action(store)
    except NotFoundError as exc:
        _fail(str(exc), EXIT_NOT_FOUND)
    except EditError as exc:
        _fail(str(exc), EXIT_USAGE)
    if as_json:
        _print_json(stories_ops.story_record(story))
    else:
        err.print(f"{what}: story {story.id} ({len(story.article_ids)} articles) {safe(story.label)}")


@stories_app.command("merge")
def merge(target: Annotated[str, typer.Argument(help="Story id (or exact name) that stays.")],
          other: Annotated[str, typer.Argument(help="Story id (or name) merged into it and removed.")],
          db: DbOpt = None, as_json: JsonOpt = False, config: ConfigOpt = None) -> None:
    """Merge story OTHER into story TARGET (a person's edit: kept by the clusterer)."""
    _edit(db, config, as_json, lambda st: stories_ops.merge(st, target, other), "merged into")


@stories_app.command("split")
def split(story: Annotated[str, typer.Argument(help="Story id (or exact name).")],
          article_ids: Annotated[list[str], typer.Argument(help="Articles (ids or 6+ char prefixes) to split off.")],
          db: DbOpt = None, as_json: JsonOpt = False, config: ConfigOpt = None) -> None:
    """Move these articles of STORY into a new story (never merged back automatically)."""
    _edit(db, config, as_json, lambda st: stories_ops.split(st, story, article_ids), "split off as")


@stories_app.command("move")
def move(article_id: Annotated[str, typer.Argument(help="Article id (or 6+ char prefix).")],
         story: Annotated[str, typer.Argument(help="Story id (or exact name) to move it into.")],
         db: DbOpt = None, as_json: JsonOpt = False, config: ConfigOpt = None) -> None:
    """Move one article into STORY, out of the story holding it."""
    _edit(db, config, as_json, lambda st: stories_ops.move(st, article_id, story), "moved into")


def watch(paths: Annotated[list[str] | None, typer.Argument(help="Files or folders to watch (recursively).")] = None,
          feeds: Annotated[list[str] | None, typer.Option("--feed", help="RSS/Atom feed URL to poll (repeatable).")] = None,
          interval: Annotated[float | None, typer.Option("--interval", help="Seconds between checks (setting watch_interval, default 60).")] = None,
          once: Annotated[bool, typer.Option("--once", help="Check once and exit.")] = False,
          db: DbOpt = None, workers: WorkersOpt = None, quiet: QuietOpt = False, config: ConfigOpt = None) -> None:
    """Keep reading folders and feeds: ingest, analyse, put articles into stories and
    rebuild the dossiers of stories that changed, until Ctrl-C / SIGTERM."""
    from newsdesk.watch import Check, Watcher

    if not paths and not feeds:
        _fail("give folders/files to watch and/or --feed URL", EXIT_USAGE)
    missing = [p for p in paths or [] if not Path(p).exists()]
    if missing:
        _fail(f"no such file or folder: {missing[0]}", EXIT_NOT_FOUND)
    settings = _settings(db, config, workers=workers, watch_interval=interval)
    store = _open(settings)

    def report(check: Check) -> None:
        for problem in check.problems:
            _problem_line(problem)
        if not quiet and (check.files or check.entries or check.stories or check.dossiers):
            err.print(f"{check.files} files, {check.entries} feed entries, {check.new} new articles; "
                      f"stories changed: {', '.join(map(str, check.stories)) or 'none'}; "
                      f"dossiers rebuilt: {', '.join(map(str, check.dossiers)) or 'none'}")

    watcher = Watcher(paths or [], feeds or [], store, settings, on_check=report)
    if once:  # like `ingest`: exit 1 when an input failed (each named on stderr)
        raise typer.Exit(EXIT_INPUT if watcher.check().problems else EXIT_OK)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    if not quiet:
        err.print(f"watching {len(paths or [])} paths and {len(feeds or [])} feeds every "
                  f"{settings.watch_interval:g}s -> {safe(settings.db_url)} (Ctrl-C stops)")
    checks = watcher.run(stop)
    store.close()
    if not quiet:
        err.print(f"stopped after {checks} checks")
