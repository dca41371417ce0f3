"""Readers: whatever a user has (files, folders, crawls, feeds, URLs) → raw Reports.

The reader is chosen by content (``sniff``), not by file extension. Each bad input
yields one ``InputProblem`` naming it and why; the rest of the batch goes on.

>>> from newsdesk.settings import Settings
>>> items = list(read_inputs(["examples/corpus"], Settings()))  # doctest: +SKIP
"""

from __future__ import annotations

import codecs
import gzip
import logging
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsdesk.errors import FetchError
from newsdesk.ingest.feed import read_feed
from newsdesk.ingest.files import read_regular, walk
from newsdesk.ingest.records import read_json, read_jsonl
from newsdesk.ingest.sniff import sniff
from newsdesk.ingest.url import fetch_url
from newsdesk.ingest.warc import read_warc
from newsdesk.model import InputProblem, Report
from newsdesk.settings import Settings

__all__ = ["count_inputs", "fetch_url", "read_bytes", "read_inputs", "sniff"]

log = logging.getLogger(__name__)


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _gunzip(data: bytes, limit: int) -> bytes:
    """Every gzip member of ``data``, decompressed; raises ValueError past ``limit``
    bytes or when the stream ends early, zlib.error when it is corrupt."""
    parts: list[bytes] = []
    total, rest = 0, data
    while rest:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        body = inflater.decompress(rest, limit + 1 - total)
        total += len(body)
        parts.append(body)
        if total > limit:
            raise ValueError(f"larger than {limit} bytes when decompressed")
        if not inflater.eof:
            raise ValueError("truncated: the compressed stream ends early")
        rest = inflater.unused_data
        if not rest.strip(b"\0"):
            break
    return b"".join(parts)


def _as_utf8(data: bytes) -> bytes:
    """UTF-16 text (recognised by its BOM) as UTF-8 with a UTF-8 BOM, so that every reader
    and the decoder see its characters (and tags) rather than interleaved NUL bytes; the
    BOM keeps a stale ``<meta charset="utf-16">`` from being believed."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return codecs.BOM_UTF8 + data.decode("utf-16").encode("utf-8")
    return data


def read_bytes(data: bytes, source: str, settings: Settings, meta: dict | None = None,
               depth: int = 0) -> Iterator[Report | InputProblem]:
    """Sniff ``data`` and yield the Reports it holds (several for JSONL, WARC, feeds)."""
    try:
        data = _as_utf8(data)
    except UnicodeDecodeError as exc:
        yield InputProblem(source, f"invalid UTF-16: {exc.reason} at byte {exc.start}")
        return
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
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], 4096)
            if sniff(head) == "warc":  # WARC.gz is read member by member by warcio, damage and all
                yield from read_warc(data, source, settings.max_bytes)
                return
            inner = _gunzip(data, settings.max_bytes)
        except (zlib.error, ValueError, EOFError, gzip.BadGzipFile) as exc:
            yield InputProblem(source, f"bad gzip data: {exc}")
            return
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


def _guarded(items: Iterator[Report | InputProblem], source: str) -> Iterator[Report | InputProblem]:
    """Whatever a parser raises on one input (deep nesting, a library bug) becomes one
    problem for that input; what it yielded before stays, and the batch goes on."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - the one place that isolates a bad input
        log.debug("reading %s failed", source, exc_info=True)
        reason = "nested too deeply to parse" if isinstance(exc, RecursionError) else \
            f"could not parse: {type(exc).__name__}: {exc}"
        yield InputProblem(source, reason)


def _read_file(path: Path, shown: str, settings: Settings) -> Iterator[Report | InputProblem]:
    data = read_regular(path, shown, settings.max_bytes)
    if isinstance(data, InputProblem):
        yield data
    else:
        yield from _guarded(read_bytes(data, shown, settings), shown)


def read_inputs(inputs: Iterable[str], settings: Settings) -> Iterator[Report | InputProblem]:
    """Lazily read every input: files, folders (recursively) and http(s) URLs."""
    for item in inputs:
        if _is_url(item):
            try:
                report = fetch_url(item, settings)
            except FetchError as exc:
                yield InputProblem(item, exc.reason)
                continue
            yield from _guarded(read_bytes(report.content, item, settings, report.meta),  # type: ignore[arg-type]
                                item)
            continue
        path = Path(item)
        if path.is_dir():
            for file in walk(path):
                if isinstance(file, InputProblem):
                    yield file
                else:
                    yield from _read_file(file, str(file), settings)
        else:
            yield from _read_file(path, item, settings)


def count_inputs(inputs: Iterable[str]) -> int:
    """How many files and URLs ``read_inputs`` will open (cheap: no file is read), so a
    progress bar has a total; a JSONL file, feed or WARC counts once however many
    reports it holds.

    >>> count_inputs(["https://example.org/a", "no/such/file"])
    2
    """
    return sum(sum(1 for _ in walk(Path(i))) if not _is_url(i) and Path(i).is_dir() else 1 for i in inputs)
