"""Dossier → flat tables (claims, quotes, entities, events, timeline) as CSV, JSONL or
Parquet, for spreadsheets, pandas and event-data tools.

Every column is a scalar (string, integer or boolean), so the three formats hold the
same rows; lists (article ids, outlets, citations) are joined with ``"; "``. A citation
is ``ARTICLE_ID:START-END`` (character offsets into that article's text in the dossier).
The column lists are ``COLUMNS`` (README, "Exports").

>>> rows = table_rows(Dossier(), "claims")
>>> rows
[]
>>> list(COLUMNS["events"])[:6]
['event', 'type', 'mode', 'actor', 'target', 'date']
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsdesk.errors import NewsdeskError
from newsdesk.model import Dossier, DossierArticle, Rendering

FORMATS = ("csv", "jsonl", "parquet")
SEP = "; "

# table → column → type ("str", "int", "bool"); the order is the file's column order.
COLUMNS: dict[str, dict[str, str]] = {
    "claims": {"claim": "str", "text": "str", "status": "str", "independent_sources": "int",
               "articles": "str", "outlets": "str", "first_published": "str", "citations": "str"},
    "quotes": {"quote": "str", "speaker": "str", "speaker_entity": "str", "independent_sources": "int",
               "article": "str", "outlet": "str", "published": "str", "text": "str", "direct": "bool",
               "cue": "str", "start": "int", "end": "int"},
    "entities": {"entity": "str", "name": "str", "type": "str", "aliases": "str", "mentions": "int",
                 "articles": "str", "outlets": "str"},
    "events": {"event": "str", "type": "str", "mode": "str", "actor": "str", "target": "str", "date": "str",
               "place": "str", "negated": "bool", "hypothetical": "bool", "text": "str",
               "independent_sources": "int", "articles": "str", "outlets": "str", "citations": "str"},
    "timeline": {"date": "str", "precision": "str", "text": "str", "articles": "str", "outlets": "str",
                 "citations": "str"},
}
TABLES = tuple(COLUMNS)
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
               "parquet": "application/vnd.apache.parquet"}


class ExportError(NewsdeskError):
    """An unknown table or format was asked for."""


class _Lookup:
    """Article metadata by id, for the outlet and date columns."""

    def __init__(self, dossier: Dossier) -> None:
        self.by_id: dict[str, DossierArticle] = {a.id: a for a in dossier.articles}
        self.origin = {a.id: a.origin for a in dossier.articles}

    def outlets(self, ids: list[str]) -> str:
        names = [self.by_id[i].outlet or self.by_id[i].source for i in ids if i in self.by_id]
        return SEP.join(dict.fromkeys(names))

    def first_published(self, ids: list[str]) -> str | None:
        """The earliest publication (by instant, whatever the offsets), as stated."""
        dates = [p for i in ids if i in self.by_id and (p := self.by_id[i].published)]
        return min(dates, key=_instant) if dates else None

    def sources(self, ids: list[str]) -> int:
        return len({self.origin.get(i, i) for i in ids})


def _instant(iso: str) -> datetime:
    moment = datetime.fromisoformat(iso)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _cites(citations: list[Rendering]) -> str:
    return SEP.join(f"{c.article}:{c.start}-{c.end}" for c in citations)


def _claims(d: Dossier, at: _Lookup) -> list[dict[str, Any]]:
    return [{"claim": c.id, "text": c.text, "status": c.status, "independent_sources": c.independent_sources,
             "articles": SEP.join(c.articles), "outlets": at.outlets(c.articles),
             "first_published": at.first_published(c.articles), "citations": _cites(c.citations)}
            for c in d.claims]


def _quotes(d: Dossier, at: _Lookup) -> list[dict[str, Any]]:
    rows = []
    for q in d.quotes:
        for r in q.renderings:
            art = at.by_id.get(r.article)
            rows.append({"quote": q.id, "speaker": q.speaker.name, "speaker_entity": q.speaker.entity,
                         "independent_sources": q.independent_sources, "article": r.article,
                         "outlet": art.outlet if art else None, "published": art.published if art else None,
                         "text": r.text, "direct": r.direct, "cue": r.cue, "start": r.start, "end": r.end})
    return rows


def _entities(d: Dossier, at: _Lookup) -> list[dict[str, Any]]:
    rows = []
    for e in d.entities:
        ids = list(dict.fromkeys(m.article for m in e.mentions))
        rows.append({"entity": e.id, "name": e.name, "type": e.type, "aliases": SEP.join(e.aliases),
                     "mentions": len(e.mentions), "articles": SEP.join(ids), "outlets": at.outlets(ids)})
    return rows


def _events(d: Dossier, at: _Lookup) -> list[dict[str, Any]]:
    return [{"event": f"ev{n}", "type": e.type, "mode": e.mode, "actor": e.actor, "target": e.target,
             "date": e.date, "place": e.place, "negated": e.negated, "hypothetical": e.hypothetical,
             "text": e.text, "independent_sources": at.sources(e.articles), "articles": SEP.join(e.articles),
             "outlets": at.outlets(e.articles), "citations": _cites(e.citations)}
            for n, e in enumerate(d.events, start=1)]


def _timeline(d: Dossier, at: _Lookup) -> list[dict[str, Any]]:
    return [{"date": t.date, "precision": t.precision, "text": t.text, "articles": SEP.join(t.articles),
             "outlets": at.outlets(t.articles), "citations": _cites(t.citations)} for t in d.timeline]


_BUILDERS: dict[str, Callable[[Dossier, _Lookup], list[dict[str, Any]]]] = {
    "claims": _claims, "quotes": _quotes, "entities": _entities, "events": _events, "timeline": _timeline}


def table_rows(dossier: Dossier, table: str) -> list[dict[str, Any]]:
    """The rows of one table (dicts with exactly ``COLUMNS[table]`` as keys, in order).

    Raises ``ExportError`` for an unknown table.
    """
    if table not in _BUILDERS:
        raise ExportError(f"unknown table {table!r}: choose from {', '.join(TABLES)}")
    return _BUILDERS[table](dossier, _Lookup(dossier))


def export_bytes(dossier: Dossier, table: str, fmt: str) -> bytes:
    """One table in one format (``csv`` UTF-8 with a header row, ``jsonl``, ``parquet``).

    Raises ``ExportError`` for an unknown table or format.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
    rows = table_rows(dossier, table)
    columns = COLUMNS[table]
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO(newline="")
        writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue().encode("utf-8")
    return _parquet(rows, columns)


def _parquet(rows: list[dict[str, Any]], columns: dict[str, str]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"str": pa.string(), "int": pa.int64(), "bool": pa.bool_()}
    schema = pa.schema([(name, types[kind]) for name, kind in columns.items()])
    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), buf)
    return buf.getvalue()


def write_exports(dossier: Dossier, out_dir: str | Path, fmt: str,
                  tables: list[str] | None = None) -> dict[str, Path]:
    """Write ``<table>.<fmt>`` for each table (all by default) into ``out_dir`` (created).

    >>> write_exports(Dossier(), "/tmp/x", "csv")["claims"].name  # doctest: +SKIP
    'claims.csv'
    """
    out = Path(out_dir)
    chosen = list(tables or TABLES)
    data = {t: export_bytes(dossier, t, fmt) for t in chosen}  # validate all before writing any
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for table, body in data.items():
        paths[table] = out / f"{table}.{fmt}"
        paths[table].write_bytes(body)
    return paths
