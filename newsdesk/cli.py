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
import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from newsdesk import __version__
from newsdesk.errors import InputError, NewsdeskError, NotFoundError, StoreError
from newsdesk.model import Article, Dossier, InputProblem, to_dict
from newsdesk.render.terminal import safe
from newsdesk.settings import Settings, SettingsError

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
    try:
        return Settings.load(config, db_url=db, **overrides)
    except SettingsError as exc:
        _fail(f"settings: {exc}", EXIT_USAGE)
        raise  # unreachable: _fail exits


def _missing_sqlite_file(url: str) -> Path | None:
    """The SQLite file a store URL names, if that file does not exist yet."""
    if not url.startswith("sqlite:///") or url in ("sqlite:///:memory:",):
        return None
    path = Path(url[len("sqlite:///"):].split("?", 1)[0])
    return None if path.exists() else path


def _open(settings: Settings, read_only: bool = False):  # noqa: ANN202 - returns a Store
    """Open the store; a read-only command never creates one (it says how to instead)."""
    from newsdesk.store import open_store

    missing = _missing_sqlite_file(settings.db_url) if read_only else None
    if missing is not None:
        _fail(f"no store at {missing}: create one with `newsdesk ingest FILES --db {settings.db_url}` "
              f"(or give the store to read with --db / NEWSDESK_DB_URL)", EXIT_NOT_FOUND)
    try:
        return open_store(settings.db_url)
    except NewsdeskError as exc:
        _fail(f"cannot open store {settings.db_url}: {_one_line(str(exc))}", EXIT_STORE)
    except Exception as exc:
        _fail(f"cannot open store {settings.db_url}: {type(exc).__name__}: {_one_line(str(exc))}", EXIT_STORE)


def _one_line(text: str) -> str:
    """A driver's multi-line message as one line (an error is one line on stderr)."""
    return " ".join(text.split())


def _fail(message: str, code: int) -> None:
    err.print(f"error: {safe(message)}")
    raise typer.Exit(code)


def _print_json(data: Any) -> None:
    """JSON on stdout, non-ASCII text as it is; C1 controls (and DEL) are written as
    ``\\u00XX`` escapes like JSON's own C0 escapes, so no control character reaches a
    terminal raw (the output stays valid JSON)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    sys.stdout.write(_C1.sub(lambda m: f"\\u{ord(m[0]):04x}", text) + "\n")


_C1 = re.compile("[\x7f-\x9f]")


def _problem_line(problem: InputProblem) -> None:
    err.print(f"error: {safe(problem.source)}: {safe(problem.reason)}")


def _bars(quiet: bool):  # noqa: ANN202 - a TerminalProgress
    from newsdesk.render.progress import TerminalProgress

    return TerminalProgress(err, enabled=not quiet and err.is_terminal)


def _run_ingest(inputs: list[str], store, settings: Settings, analyze: bool, bars):  # noqa: ANN001, ANN202
    from newsdesk import service

    label = "reading and analysing reports" if analyze else "reading reports"
    return service.ingest(inputs, store, settings, analyze=analyze,
                          progress=lambda done, total: bars.reports(done, total, label),
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
    with _bars(quiet or as_json) as bars:
        result = _run_ingest(inputs, store, settings, not no_analysis, bars)
    if story and result.article_ids:
        store.create_story(story, result.article_ids)
    if as_json:
        _print_json({"articles": result.article_ids, "new": result.new, "existing": result.existing,
                     "analyzed": result.analyzed, "problems": [to_dict(p) for p in result.problems]})
    elif not quiet:
        err.print(f"{result.new} new, {result.existing} already stored, {len(result.problems)} failed"
                  f" -> {safe(settings.db_url)}")
    raise typer.Exit(EXIT_INPUT if result.problems else EXIT_OK)


@app.command("articles")
def list_articles(db: DbOpt = None, limit: Annotated[int, typer.Option(help="How many to list.")] = 50,
                  offset: int = 0, as_json: JsonOpt = False, config: ConfigOpt = None) -> None:
    """List stored articles, newest first."""
    store = _open(_settings(db, config), read_only=True)
    rows = store.list_articles(limit=limit, offset=offset)
    if as_json:
        _print_json(to_dict(rows))
        return
    table = Table(box=None)
    table.add_column("id", no_wrap=True, min_width=16)
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("outlet", max_width=20, overflow="ellipsis", no_wrap=True)
    table.add_column("lang", no_wrap=True)
    table.add_column("agencies", no_wrap=True)
    table.add_column("title", overflow="ellipsis", no_wrap=True)
    for r in rows:
        table.add_row(safe(r.id), r.published.date().isoformat() if r.published else "-", safe(r.outlet or "-"),
                      safe(r.language or "-"), safe(",".join(r.agencies) or "-"), safe((r.title or "")[:70]))
    out.print(table, soft_wrap=False)
    err.print(f"{len(rows)} of {store.count_articles()} articles")


@app.command()
def show(article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix of 6+ chars).")],
         db: DbOpt = None, as_json: JsonOpt = False, config: ConfigOpt = None) -> None:
    """Show one article: metadata, clean text, removed furniture and its annotations."""
    store = _open(_settings(db, config), read_only=True)
    try:
        article = store.get_article(article_id)
    except NotFoundError as exc:
        _fail(str(exc), EXIT_NOT_FOUND)
    if as_json:
        _print_json(to_dict(article))
        return
    from newsdesk.render.terminal import print_article

    print_article(out, article)
    versions = store.versions(article.id)
    if len(versions) > 1:
        out.print("versions of this report, oldest first: "
                  + ", ".join(f"[bold]{v}[/] (this)" if v == article.id else v for v in versions))


@app.command()
def extract(source: Annotated[str, typer.Argument(help="One file or http(s) URL.")],
            analyze: Annotated[bool, typer.Option("--analyze", help="Include annotations.")] = False,
            max_bytes: MaxBytesOpt = None, timeout: TimeoutOpt = None, config: ConfigOpt = None,
            as_json: Annotated[bool, typer.Option("--json", help="Accepted for uniformity: the output is always JSON.")] = True) -> None:
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
        _print_json(payload)
    raise typer.Exit(EXIT_INPUT if failed or not articles else EXIT_OK)


def _write(dossier: Dossier, out_dir: Path, quiet: bool, rebuilt: bool = True) -> dict[str, Path]:
    from newsdesk.render import write_dossier

    paths = write_dossier(dossier, out_dir)
    if not quiet:
        what = "dossier" if rebuilt else "dossier (unchanged inputs, not rebuilt)"
        err.print(f"{what} of {len(dossier.articles)} articles, {len(dossier.origins)} independent origins:")
        for kind, path in paths.items():
            out.print(f"  {kind:5} {safe(path)}")
    return paths


def _dossier_json(dossier: Dossier, paths: dict[str, Path], rebuilt: bool, **extra: Any) -> dict[str, Any]:
    return {**extra, "title": dossier.title, "articles": [a.id for a in dossier.articles],
            "origins": len(dossier.origins), "claims": len(dossier.claims), "quotes": len(dossier.quotes),
            "events": len(dossier.events), "rebuilt": rebuilt, "inputs": dossier.inputs,
            "files": {k: str(p) for k, p in paths.items()}}


def _previous(out_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads((out_dir / "dossier.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@app.command()
def analyze(inputs: Annotated[list[str], typer.Argument(help="Files, folders or URLs of one story.")],
            out_dir: Annotated[Path, typer.Option("--out", help="Folder for dossier.json/.md/.html.")] = Path("dossier"),
            story: Annotated[str | None, typer.Option("--story", help="Store the set as a named story.")] = None,
            db: DbOpt = None, workers: WorkersOpt = None, max_bytes: MaxBytesOpt = None,
            timeout: TimeoutOpt = None, as_json: JsonOpt = False, quiet: QuietOpt = False,
            config: ConfigOpt = None) -> None:
    """Ingest and analyse what is not yet stored, then write the story's dossier.

    The dossier is rebuilt only when its inputs changed (new articles, new annotations)."""
    from newsdesk import service

    settings = _settings(db, config, workers=workers, max_bytes=max_bytes, fetch_timeout=timeout)
    store = _open(settings)
    with _bars(quiet or as_json) as bars:
        result = _run_ingest(inputs, store, settings, True, bars)
        ids = list(dict.fromkeys(result.article_ids))
        if not ids:
            _fail("no article could be read from the inputs", EXIT_INPUT)
        if story:
            saved = store.create_story(story, ids)
            made = service.ensure_story_dossier(store, saved.id, settings, progress=bars.stage)
            dossier, rebuilt = service.dossier_record(made.data), made.rebuilt
        elif service.current_dossier(store, ids, settings, previous := _previous(out_dir)):
            dossier, rebuilt = service.dossier_record(previous), False
        else:
            dossier, rebuilt = service.build_dossier_for(store, ids, settings, progress=bars.stage), True
    paths = _write(dossier, out_dir, quiet or as_json, rebuilt)
    if as_json:
        _print_json(_dossier_json(dossier, paths, rebuilt, story=story, new=result.new, existing=result.existing,
                            problems=[to_dict(p) for p in result.problems]))
    raise typer.Exit(EXIT_INPUT if result.problems else EXIT_OK)


def _story_or_fail(store, name: str):  # noqa: ANN001, ANN202 - a Story
    """The story of this exact name, or else of this id (as `newsdesk stories` lists them)."""
    found = store.find_story(name)
    if found is None and name.strip().isdigit():
        try:
            found = store.get_story(int(name))
        except NotFoundError:
            found = None
    if found is None:
        known = ", ".join(repr(s.name) for s in store.list_stories()[:5]) or "none yet"
        _fail(f"no story named {name!r} (stories: {known})", EXIT_NOT_FOUND)
    return found


@app.command()
def dossier(article_ids: Annotated[list[str] | None, typer.Argument(help="Stored article ids (or prefixes).")] = None,
            story: Annotated[str | None, typer.Option("--story", help="Use this stored story's articles (its name, or its id from `newsdesk stories`).")] = None,
            out_dir: Annotated[Path, typer.Option("--out", help="Folder for dossier.json/.md/.html.")] = Path("dossier"),
            db: DbOpt = None, as_json: JsonOpt = False, quiet: QuietOpt = False, config: ConfigOpt = None) -> None:
    """Build the dossier of stored articles (or of a stored story)."""
    from newsdesk import service

    settings = _settings(db, config)
    if not story and not article_ids:
        _fail("give article ids or --story NAME", EXIT_USAGE)
    store = _open(settings, read_only=True)
    rebuilt = True
    try:
        with _bars(quiet or as_json) as bars:
            if story:
                made = service.ensure_story_dossier(store, _story_or_fail(store, story).id, settings,
                                                    progress=bars.stage)
                built, rebuilt = service.dossier_record(made.data), made.rebuilt
            else:
                built = service.build_dossier_for(store, article_ids or [], settings, progress=bars.stage)
    except NotFoundError as exc:
        _fail(str(exc), EXIT_NOT_FOUND)
    paths = _write(built, out_dir, quiet or as_json, rebuilt)
    if as_json:
        _print_json(_dossier_json(built, paths, rebuilt, story=story))


@app.command()
def export(article_ids: Annotated[list[str] | None, typer.Argument(help="Stored article ids (or prefixes).")] = None,
           story: Annotated[str | None, typer.Option("--story", help="Export this stored story's dossier (its name, or its id from `newsdesk stories`).")] = None,
           fmt: Annotated[str, typer.Option("--format", help="csv, jsonl or parquet.")] = "csv",
           tables: Annotated[list[str] | None, typer.Option("--table", help="claims, quotes, entities, events, timeline (repeatable; all by default).")] = None,
           out_dir: Annotated[Path, typer.Option("--out", help="Folder for <table>.<format> files.")] = Path("export"),
           db: DbOpt = None, as_json: JsonOpt = False, quiet: QuietOpt = False, config: ConfigOpt = None) -> None:
    """Write the dossier's claims, quotes, entities, events and timeline as tables."""
    from newsdesk import service
    from newsdesk.render.export import FORMATS, TABLES, ExportError, write_exports

    settings = _settings(db, config)
    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}", EXIT_USAGE)
    bad = [t for t in tables or [] if t not in TABLES]
    if bad:
        _fail(f"unknown table {bad[0]!r}: choose from {', '.join(TABLES)}", EXIT_USAGE)
    if not story and not article_ids:
        _fail("give article ids or --story NAME", EXIT_USAGE)
    store = _open(settings, read_only=True)
    try:
        with _bars(quiet or as_json) as bars:
            if story:
                data = service.story_dossier(store, _story_or_fail(store, story).id, settings, progress=bars.stage)
                built = service.dossier_record(data)
            else:
                built = service.build_dossier_for(store, article_ids or [], settings, progress=bars.stage)
        paths = write_exports(built, out_dir, fmt, tables)
    except NotFoundError as exc:
        _fail(str(exc), EXIT_NOT_FOUND)
    except ExportError as exc:
        _fail(str(exc), EXIT_USAGE)
    if as_json:
        _print_json({"story": story, "format": fmt, "files": {t: str(p) for t, p in paths.items()}})
    elif not quiet:
        for table, path in paths.items():
            out.print(f"  {table:9} {safe(path)}")


@app.command("reanalyze")
def reanalyze(article_ids: Annotated[list[str] | None, typer.Argument(help="Ids; all articles if none.")] = None,
              db: DbOpt = None, workers: WorkersOpt = None, as_json: JsonOpt = False,
              config: ConfigOpt = None) -> None:
    """Re-run the analysis on stored articles (after an upgrade of newsdesk); the
    dossiers of stories holding them are marked stale and rebuilt on next use."""
    from newsdesk import service

    settings = _settings(db, config, workers=workers)
    store = _open(settings, read_only=True)
    try:
        ids = [store.get_article(i).id for i in article_ids] if article_ids else None
    except NotFoundError as exc:
        _fail(str(exc), EXIT_NOT_FOUND)
    done = service.analyze_stored(store, settings, ids, force=True)
    stale = [s.name for s in store.list_stories() if s.dossier_stale]
    if as_json:
        _print_json({"analyzed": done, "stale_stories": stale})
    else:
        err.print(f"analysed {done} articles; stories with a stale dossier: {safe(', '.join(stale)) or 'none'}")


@app.command()
def search(query: Annotated[str, typer.Argument(help="Words or a phrase in quotes.")],
           db: DbOpt = None, limit: int = 20, as_json: JsonOpt = False, config: ConfigOpt = None) -> None:
    """Full-text search over stored articles, best first (stemmed; British and American
    spellings find each other)."""
    store = _open(_settings(db, config), read_only=True)
    hits = store.search(query, limit=limit)
    if as_json:
        _print_json(to_dict(hits))
        return
    for h in hits:
        snippet, pos = [], 0
        for mark in h.highlights:
            snippet += [safe(h.snippet[pos:mark.start]), f"[bold]{safe(h.snippet[mark.start:mark.end])}[/]"]
            pos = mark.end
        snippet.append(safe(h.snippet[pos:]))
        out.print(f"[bold]{safe(h.id)}[/]  {safe(h.outlet or '-')}  {safe(h.title or '')}\n    {''.join(snippet)}")
    err.print(f"{len(hits)} hits")


@app.command()
def serve(db: DbOpt = None, host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = "127.0.0.1",
          port: int = 8000,
          token: Annotated[str | None, typer.Option("--token", envvar="NEWSDESK_TOKEN", help="Require this bearer token for writes.")] = None,
          workers: Annotated[int, typer.Option(help="Server processes (share the store).")] = 1,
          config: ConfigOpt = None) -> None:
    """Serve the REST API and the newsroom web pages."""
    from newsdesk.web.app import run

    settings = _settings(db, config, token=token)
    missing = _missing_sqlite_file(settings.db_url)
    if missing is not None:
        err.print(f"note: no store at {missing} yet; starting with an empty one (reports added on /add go there)")
    _open(settings)  # fail early with a clear line if the store is unreachable
    run(settings, host=host, port=port, workers=workers)


@app.command()
def version(as_json: JsonOpt = False) -> None:
    """Print the version."""
    if as_json:
        _print_json({"version": __version__})
    else:
        out.print(__version__)


# Commands whose bodies live in their own modules.
from newsdesk.batch.commands import batch, load  # noqa: E402
from newsdesk.cli_stream import stories_app, watch  # noqa: E402

app.add_typer(stories_app, name="stories")
app.command()(watch)
app.command("batch")(batch)
app.command("load")(load)


def main() -> None:
    """Console-script entry point; turns stray newsdesk errors into one line + exit code."""
    try:
        app()
    except SettingsError as exc:
        err.print(f"error: settings: {safe(str(exc))}")
        sys.exit(EXIT_USAGE)
    except StoreError as exc:
        err.print(f"error: store: {safe(str(exc))}")
        sys.exit(EXIT_STORE)
    except NotFoundError as exc:
        err.print(f"error: {safe(str(exc))}")
        sys.exit(EXIT_NOT_FOUND)
    except NewsdeskError as exc:
        err.print(f"error: {safe(str(exc))}")
        sys.exit(EXIT_INPUT)
