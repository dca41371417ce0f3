"""Readers: whatever a user has (files, folders, crawls, feeds, URLs) → raw Reports.

The reader is chosen by content (``sniff``), not by file extension. Each bad input
yields one ``InputProblem`` naming it and why; the rest of the batch goes on.

>>> from newsdesk.settings import Settings
>>> items = list(read_inputs(["examples/corpus"], Settings()))  # doctest: +SKIP
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsdesk.errors import FetchError
from newsdesk.ingest.feed import read_feed
from newsdesk.ingest.records import read_json, read_jsonl
from newsdesk.ingest.sniff import sniff
from newsdesk.ingest.url import fetch_url
from newsdesk.ingest.warc import read_warc
from newsdesk.model import InputProblem, Report
from newsdesk.settings import Settings

__all__ = ["count_inputs", "fetch_url", "read_bytes", "read_inputs", "sniff"]


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _walk(path: Path) -> Iterator[Path]:
    """Files below a folder, recursively, sorted, hidden files and folders skipped."""
    for root, dirs, files in os.walk(path, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _gunzip(data: bytes, limit: int) -> bytes:
    out = zlib.decompressobj(16 + zlib.MAX_WBITS)
    body = out.decompress(data, limit + 1)
    if len(body) > limit:
        raise ValueError(f"larger than {limit} bytes when decompressed")
    return body


def read_bytes(data: bytes, source: str, settings: Settings, meta: dict | None = None,
               depth: int = 0) -> Iterator[Report | InputProblem]:
    """Sniff ``data`` and yield the Reports it holds (several for JSONL, WARC, feeds)."""
    kind = sniff(data)
    if kind == "empty":
        yield InputProblem(source, "empty file" if not meta else "empty response")
    elif kind == "binary":
        yield InputProblem(source, "binary content, not a news report")
    elif kind == "gzip":
        if depth > 1:
            yield InputProblem(source, "nested compression")
            return
        try:
            inner = _gunzip(data, settings.max_bytes)
        except (zlib.error, ValueError, EOFError, gzip.BadGzipFile) as exc:
            yield InputProblem(source, f"bad gzip data: {exc}")
            return
        if sniff(inner) == "warc":  # WARC.gz is read member by member by warcio
            yield from read_warc(data, source, settings.max_bytes)
        else:
            yield from read_bytes(inner, source, settings, meta, depth + 1)
    elif kind == "warc":
        yield from read_warc(data, source, settings.max_bytes)
    elif kind == "json":
        yield from read_json(data, source)
    elif kind == "jsonl":
        yield from read_jsonl(data, source)
    elif kind == "feed":
        yield from read_feed(data, source)
    else:
        yield Report(source, data, kind, dict(meta or {}))


def _read_file(path: Path, shown: str, settings: Settings) -> Iterator[Report | InputProblem]:
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            yield InputProblem(shown, f"larger than {settings.max_bytes} bytes ({size} bytes)")
            return
        data = path.read_bytes()
    except PermissionError:
        yield InputProblem(shown, "permission denied")
        return
    except OSError as exc:
        yield InputProblem(shown, f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes(data, shown, settings)


def read_inputs(inputs: Iterable[str], settings: Settings) -> Iterator[Report | InputProblem]:
    """Lazily read every input: files, folders (recursively) and http(s) URLs."""
    for item in inputs:
        if _is_url(item):
            try:
                report = fetch_url(item, settings)
            except FetchError as exc:
                yield InputProblem(item, exc.reason)
                continue
            yield from read_bytes(report.content, item, settings, report.meta)  # type: ignore[arg-type]
            continue
        path = Path(item)
        if path.is_dir():
            for file in _walk(path):
                yield from _read_file(file, str(file), settings)
        elif path.exists():
            yield from _read_file(path, item, settings)
        else:
            yield InputProblem(item, "no such file or directory")


def count_inputs(inputs: Iterable[str]) -> int:
    """How many files and URLs ``read_inputs`` will open (cheap: no file is read), so a
    progress bar has a total; a JSONL file, feed or WARC counts once however many
    reports it holds.

    >>> count_inputs(["https://example.org/a", "no/such/file"])
    2
    """
    return sum(sum(1 for _ in _walk(Path(i))) if not _is_url(i) and Path(i).is_dir() else 1 for i in inputs)
