"""The ``newsdesk`` command line: a thin layer over ``newsdesk.service``.

Exit codes (documented in README):
  0  everything asked for was done
  1  some inputs failed (each named on stderr); the rest were processed and stored
  2  usage error (bad option or argument)
  3  store error (cannot open, migrate or write the database)
  4  not found (an article id, story or file that does not exist)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsdesk import __version__
from newsdesk.errors import InputError, NewsdeskError, NotFoundError, StoreError
from newsdesk.model import Article, InputProblem, to_dict
from newsdesk.settings import Settings

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_STORE, EXIT_NOT_FOUND = 0, 1, 2, 3, 4

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="newsdesk: turn raw news reports about one event into a cross-checked dossier.")
# Piped output is not cut at 80 columns (rich's default without a terminal).
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOpt = Annotated[str | None, typer.Option("--db", help="Store URL: sqlite:///file.db (default newsdesk.db) or postgresql://...", envvar="NEWSDESK_DB_URL")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary; errors only.")]
WorkersOpt = Annotated[int | None, typer.Option("--workers", help="Analysis processes (each loads the models once).")]
NoAnalysisOpt = Annotated[bool, typer.Option("--no-analysis", help="Store clean articles without running the analysis.")]
MaxBytesOpt = Annotated[int | None, typer.Option("--max-bytes", help="Reject inputs larger than this many bytes.")]
TimeoutOpt = Annotated[float | None, typer.Option("--timeout", help="Seconds to wait for one URL.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML settings file.")]


def _settings(db: str | None = None, config: Path | None = None, **overrides: Any) -> Settings:
    return Settings.load(config, db_url=db, **overrides)


def _open(settings: Settings):  # noqa: ANN202 - returns a Store
    from newsdesk.store import open_store

    try:
        return open_store(settings.db_url)
    except NewsdeskError as exc:
        _fail(f"cannot open store {settings.db_url}: {exc}", EXIT_STORE)
    except Exception as exc:
        _fail(f"cannot open store {settings.db_url}: {type(exc).__name__}: {exc}", EXIT_STORE)


def _fail(message: str, code: int) -> None:
    err.print(f"error: {escape(message)}")
    raise typer.Exit(code)


def _problem_line(problem: InputProblem) -> None:
    err.print(f"error: {escape(problem.source)}: {escape(problem.reason)}")


def _run_ingest(inputs: list[str], store, settings: Settings, analyze: bool, quiet: bool):  # noqa: ANN001, ANN202
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from newsdesk import service

    show = not quiet and err.is_terminal
    with Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True,
                  disable=not show) as bar:
        task = bar.add_task("ingesting" + (" and analysing" if analyze else ""), total=None)
        return service.ingest(
            inputs, store, settings, analyze=analyze,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            on_problem=_problem_line)


@app.command()
def ingest(inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or http(s) URLs.")],
           db: DbOpt = None, no_analysis: NoAnalysisOpt = False, workers: WorkersOpt = None,
           max_bytes: MaxBytesOpt = None, timeout: TimeoutOpt = None,
           story: Annotated[str | None, typer.Option("--story", help="Also add the articles to this story.")] = None,
           as_json: JsonOpt = False, quiet: QuietOpt = False, config: ConfigOpt = None) -> None:
    """Read, clean, analyse and store news reports."""
    settings = _settings(db, config, workers=workers, max_bytes=max_bytes, fetch_timeout=timeout)
    store = _open(settings)
    result = _run_ingest(inputs, store, settings, not no_analysis, quiet or as_json)
    if story:
        store.create_story(story, result.article_ids)
    if as_json:
        out.print_json(json.dumps({"articles": result.article_ids, "new": result.new,
                                   "existing": result.existing, "analyzed": result.analyzed,
                                   "problems": [to_dict(p) for p in result.problems]}))
    elif not quiet:
        err.print(f"{result.new} new, {result.existing} already stored, {len(result.problems)} failed"
                  f" -> {settings.db_url}")
    raise typer.Exit(EXIT_INPUT if result.problems else EXIT_OK)


@app.command("articles")
def list_articles(db: DbOpt = None, limit: Annotated[int, typer.Option(help="How many to list.")] = 50,
                  offset: int = 0, as_json: JsonOpt = False, config: ConfigOpt = None) -> None:
    """List stored articles, newest first."""
    store = _open(_settings(db, config))
    rows = store.list_articles(limit=limit, offset=offset)
    if as_json:
        out.print_json(json.dumps(to_dict(rows)))
        return
    table = Table(box=None)
    table.add_column("id", no_wrap=True, min_width=16)
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("outlet", max_width=20, overflow="ellipsis", no_wrap=True)
    table.add_column("lang", no_wrap=True)
    table.add_column("agencies", no_wrap=True)
    table.add_column("title", overflow="ellipsis", no_wrap=True)
    for r in rows:
        table.add_row(r.id, r.published.date().isoformat() if r.published else "-", escape(r.outlet or "-"),
                      r.language or "-", ",".join(r.agencies) or "-", escape((r.title or "")[:70]))
    out.print(table, soft_wrap=False)
    err.print(f"{len(rows)} of {store.count_articles()} articles")


@app.command()
def show(article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix of 6+ chars).")],
         db: DbOpt = None, as_json: JsonOpt = False, config: ConfigOpt = None) -> None:
    """Show one article: metadata, clean text, removed furniture and its annotations."""
    store = _open(_settings(db, config))
    try:
        article = store.get_article(article_id)
    except NotFoundError as exc:
        _fail(str(exc), EXIT_NOT_FOUND)
    if as_json:
        out.print_json(json.dumps(to_dict(article)))
        return
    from newsdesk.render.terminal import print_article

    print_article(out, article)


@app.command()
def extract(source: Annotated[str, typer.Argument(help="One file or http(s) URL.")],
            analyze: Annotated[bool, typer.Option("--analyze", help="Include annotations.")] = False,
            max_bytes: MaxBytesOpt = None, timeout: TimeoutOpt = None, config: ConfigOpt = None) -> None:
    """Clean one report and print it as JSON on stdout (no store)."""
    from newsdesk import service
    from newsdesk.clean import clean_report
    from newsdesk.ingest import read_inputs

    settings = _settings(None, config, max_bytes=max_bytes, fetch_timeout=timeout)
    articles: list[Article] = []
    failed = False
    for item in read_inputs([source], settings):
        if isinstance(item, InputProblem):
            _problem_line(item)
            failed = True
            continue
        try:
            articles.append(clean_report(item, settings))
        except InputError as exc:
            _problem_line(InputProblem(item.source, exc.reason))
            failed = True
    if analyze and articles:
        service.annotate(articles, settings)
    if articles:
        payload = to_dict(articles[0] if len(articles) == 1 else articles)
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    raise typer.Exit(EXIT_INPUT if failed or not articles else EXIT_OK)


def _write(dossier, out_dir: Path, quiet: bool) -> None:  # noqa: ANN001
    from newsdesk.render import write_dossier

    paths = write_dossier(dossier, out_dir)
    if not quiet:
        err.print(f"dossier of {len(dossier.articles)} articles, {len(dossier.origins)} independent origins:")
        for kind, path in paths.items():
            out.print(f"  {kind:5} {path}")


@app.command()
def analyze(inputs: Annotated[list[str], typer.Argument(help="Files, folders or URLs of one story.")],
            out_dir: Annotated[Path, typer.Option("--out", help="Folder for dossier.json/.md/.html.")] = Path("dossier"),
            story: Annotated[str | None, typer.Option("--story", help="Store the set as a named story.")] = None,
            db: DbOpt = None, workers: WorkersOpt = None, max_bytes: MaxBytesOpt = None,
            timeout: TimeoutOpt = None, quiet: QuietOpt = False, config: ConfigOpt = None) -> None:
    """Ingest and analyse what is not yet stored, then write the story's dossier."""
    from newsdesk import service

    settings = _settings(db, config, workers=workers, max_bytes=max_bytes, fetch_timeout=timeout)
    store = _open(settings)
    result = _run_ingest(inputs, store, settings, True, quiet)
    ids = list(dict.fromkeys(result.article_ids))
    if not ids:
        _fail("no article could be read from the inputs", EXIT_INPUT)
    if story:
        saved = store.create_story(story, ids)
        data = service.refresh_story_dossier(store, saved.id, settings)
        dossier = service.dossier_record(data)
    else:
        dossier = service.build_dossier_for(store, ids, settings)
    _write(dossier, out_dir, quiet)
    raise typer.Exit(EXIT_INPUT if result.problems else EXIT_OK)


@app.command()
def dossier(article_ids: Annotated[list[str] | None, typer.Argument(help="Stored article ids (or prefixes).")] = None,
            story: Annotated[str | None, typer.Option("--story", help="Use this stored story's articles.")] = None,
            out_dir: Annotated[Path, typer.Option("--out", help="Folder for dossier.json/.md/.html.")] = Path("dossier"),
            db: DbOpt = None, quiet: QuietOpt = False, config: ConfigOpt = None) -> None:
    """Build the dossier of stored articles (or of a stored story)."""
    from newsdesk import service

    settings = _settings(db, config)
    store = _open(settings)
    try:
        if story:
            found = store.find_story(story)
            if found is None:
                _fail(f"no story named {story!r}", EXIT_NOT_FOUND)
            built = service.dossier_record(service.story_dossier(store, found.id, settings))
        elif article_ids:
            built = service.build_dossier_for(store, article_ids, settings)
        else:
            _fail("give article ids or --story NAME", EXIT_USAGE)
    except NotFoundError as exc:
        _fail(str(exc), EXIT_NOT_FOUND)
    _write(built, out_dir, quiet)


@app.command("reanalyze")
def reanalyze(article_ids: Annotated[list[str] | None, typer.Argument(help="Ids; all articles if none.")] = None,
              db: DbOpt = None, workers: WorkersOpt = None, config: ConfigOpt = None) -> None:
    """Re-run the analysis on stored articles (after an upgrade of newsdesk)."""
    from newsdesk import service

    settings = _settings(db, config, workers=workers)
    store = _open(settings)
    ids = [store.get_article(i).id for i in article_ids] if article_ids else None
    done = service.analyze_stored(store, settings, ids, force=True)
    err.print(f"analysed {done} articles")


@app.command()
def search(query: Annotated[str, typer.Argument(help="Words or a phrase in quotes.")],
           db: DbOpt = None, limit: int = 20, as_json: JsonOpt = False, config: ConfigOpt = None) -> None:
    """Full-text search over stored articles, best first."""
    import re

    store = _open(_settings(db, config))
    hits = store.search(query, limit=limit)
    if as_json:
        out.print_json(json.dumps(to_dict(hits)))
        return
    for h in hits:
        snippet = re.sub(r"</?mark>", "", h.snippet)
        import html

        out.print(f"[bold]{h.id}[/]  {escape(h.outlet or '-')}  {escape(h.title or '')}\n    {escape(html.unescape(snippet))}")
    err.print(f"{len(hits)} hits")


@app.command()
def stories(db: DbOpt = None, as_json: JsonOpt = False, config: ConfigOpt = None) -> None:
    """List stored stories."""
    store = _open(_settings(db, config))
    rows = store.list_stories()
    if as_json:
        out.print_json(json.dumps(to_dict(rows)))
        return
    for s in rows:
        out.print(f"{s.id:4}  {escape(s.name)}  ({len(s.article_ids)} articles{', dossier stale' if s.dossier_stale else ''})")


@app.command()
def serve(db: DbOpt = None, host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = "127.0.0.1",
          port: int = 8000,
          token: Annotated[str | None, typer.Option("--token", envvar="NEWSDESK_TOKEN", help="Require this bearer token for writes.")] = None,
          workers: Annotated[int, typer.Option(help="Server processes (share the store).")] = 1,
          config: ConfigOpt = None) -> None:
    """Serve the REST API and the newsroom web pages."""
    from newsdesk.web.app import run

    settings = _settings(db, config, token=token)
    _open(settings)  # fail early with a clear line if the store is unreachable
    run(settings, host=host, port=port, workers=workers)


@app.command()
def version() -> None:
    """Print the version."""
    out.print(__version__)


def main() -> None:
    """Console-script entry point; turns stray newsdesk errors into one line + exit code."""
    try:
        app()
    except StoreError as exc:
        err.print(f"error: store: {escape(str(exc))}")
        sys.exit(EXIT_STORE)
    except NotFoundError as exc:
        err.print(f"error: {escape(str(exc))}")
        sys.exit(EXIT_NOT_FOUND)
    except NewsdeskError as exc:
        err.print(f"error: {escape(str(exc))}")
        sys.exit(EXIT_INPUT)
