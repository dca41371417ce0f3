"""The rows a batch moves between its stages, and the work done on them.

A shard's inputs become rows in input order (``seq``): an *article* row (a cleaned
article as JSON, its source's content hash) or a *problem* row (a bad input: its
source, the reason and the stage that rejected it). Analysis adds the article's
annotations (JSON) and sentence vectors (int8 bytes, see ``newsdesk.vectors``) to
article rows; a failure there keeps the article (unanalysed) and adds an error line.
Every row carries every column (empty strings and zeroes for the absent ones), so
any batch of rows is one Arrow table (``ROW_SCHEMA``).

Both engines run the same functions: ``clean_rows`` (reports → rows) and
``analyse_rows`` (rows → rows with annotations and vectors); the Ray engine moves raw
reports from its read tasks to its analysis actors as *report* rows (``report_rows``,
``clean_report_rows``), so cleaning runs on the actors' CPUs.
"""

from __future__ import annotations

import json
import logging
import pickle
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from newsdesk.errors import NewsdeskError
from newsdesk.model import Article, InputProblem, Report, from_dict, to_dict
from newsdesk.settings import Settings

log = logging.getLogger(__name__)

ROW_SCHEMA = pa.schema([
    ("shard", pa.string()), ("seq", pa.int64()), ("kind", pa.string()),  # report | article | problem | end
    ("report", pa.large_binary()),                                      # report rows: the raw Report (pickle)
    ("source", pa.string()), ("content_hash", pa.string()), ("article", pa.large_string()),
    ("reason", pa.string()), ("stage", pa.string()),                   # problem rows: why, where
    ("total", pa.int64()),                                              # end rows: rows in the shard
    ("annotations", pa.large_string()), ("vec_model", pa.string()), ("vec_keys", pa.large_string()),
    ("vec_dim", pa.int64()), ("vectors", pa.large_binary()), ("error", pa.string()),
])
_EMPTY: dict[str, Any] = {f.name: (0 if pa.types.is_integer(f.type) else
                                   b"" if pa.types.is_large_binary(f.type) else "") for f in ROW_SCHEMA}


def row(**values: Any) -> dict[str, Any]:
    """A row with every column (defaults for those not given)."""
    return {**_EMPTY, **values}


def problem_row(shard: str, seq: int, source: str, reason: str, stage: str) -> dict[str, Any]:
    return row(shard=shard, seq=seq, kind="problem", source=source, reason=reason, stage=stage)


def end_row(shard: str, seq: int) -> dict[str, Any]:
    """The last row of a shard: ``total`` rows (this one included) make the shard whole."""
    return row(shard=shard, seq=seq, kind="end", total=seq + 1)


def report_rows(shard: str, items: Iterable[tuple[int, Report | InputProblem]]) -> list[dict[str, Any]]:
    """Read items as rows: a raw report (pickled, to be cleaned where the CPUs are) or a
    reader's problem."""
    return [problem_row(shard, seq, item.source, item.reason, "read") if isinstance(item, InputProblem)
            else row(shard=shard, seq=seq, kind="report", source=item.source, report=pickle.dumps(item))
            for seq, item in items]


def clean_report_rows(rows: list[dict[str, Any]], settings: Settings) -> list[dict[str, Any]]:
    """Report rows cleaned into article (or problem) rows; other rows unchanged."""
    out: list[dict[str, Any]] = []
    for r in rows:
        if r["kind"] == "report":
            out += clean_rows(r["shard"], [(r["seq"], pickle.loads(r["report"]))], settings)
        else:
            out.append(r)
    return out


def clean_rows(shard: str, items: Iterable[tuple[int, Report | InputProblem]],
               settings: Settings) -> list[dict[str, Any]]:
    """Clean each report into an article row; a reader's problem or a report the
    cleaner rejects (or fails on) becomes a problem row. Never raises for one input."""
    from newsdesk.clean import clean_report
    from newsdesk.ingest.identity import content_hash

    out: list[dict[str, Any]] = []
    for seq, item in items:
        if isinstance(item, InputProblem):
            out.append(problem_row(shard, seq, item.source, item.reason, "read"))
            continue
        try:
            article = clean_report(item, settings)
            out.append(row(shard=shard, seq=seq, kind="article", source=item.source,
                           content_hash=content_hash(item),
                           article=json.dumps(to_dict(article), ensure_ascii=False)))
        except NewsdeskError as exc:
            out.append(problem_row(shard, seq, item.source, getattr(exc, "reason", str(exc)), "clean"))
        except Exception as exc:  # a bug on one input must not sink the batch
            log.exception("cleaning %s failed", item.source)
            out.append(problem_row(shard, seq, item.source, f"unexpected error: {type(exc).__name__}: {exc}",
                                   "clean"))
    return out


def analyse_rows(rows: list[dict[str, Any]], settings: Settings) -> list[dict[str, Any]]:
    """The rows with annotations and vectors added to every article row (in this
    process; models load once per process). Other rows pass through unchanged."""
    from newsdesk.engine import analyse_here

    todo = [i for i, r in enumerate(rows) if r["kind"] == "article"]
    if not todo:
        return rows
    articles = [from_dict(Article, json.loads(rows[i]["article"])) for i in todo]
    try:
        done = analyse_here(articles, settings, embed=True)
    except Exception as exc:  # analyse_here isolates articles; this is the last guard
        log.exception("analysis of %d articles failed", len(articles))
        done = None
        error = f"analysis failed: {type(exc).__name__}: {exc}"
    out = list(rows)
    for k, i in enumerate(todo):
        result = done[k] if done is not None else None
        r = dict(rows[i])
        if result is None:
            r["error"] = error
        else:
            r["error"] = result.error or ""
            if result.annotations is not None:
                r["annotations"] = json.dumps(to_dict(result.annotations), ensure_ascii=False)
            if result.vectors is not None:
                v = result.vectors
                r.update(vec_model=v.model, vec_keys=json.dumps(v.keys), vec_dim=v.dim if v.keys else 0,
                         vectors=v.to_bytes())
        out[i] = r
    return out


def to_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as one Arrow table of ``ROW_SCHEMA``."""
    return pa.Table.from_pylist(rows, schema=ROW_SCHEMA)
