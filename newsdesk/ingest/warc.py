"""WARC and WARC.gz → one Report per HTTP response with an HTML or text payload (warcio).

Damage is never silent: a record cut short, a gzip member that ends early or bytes
left unread after the last record each end the file with one problem naming it; the
whole records read before the damage are kept.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from newsdesk.ingest.sniff import sniff
from newsdesk.model import InputProblem, Report

_TEXTUAL = ("text/html", "application/xhtml", "text/plain")


class _Damaged(ValueError):
    """The archive ends or breaks inside a record."""


def gzip_damage(data: bytes) -> tuple[int, str] | None:
    """Where (byte offset of the damaged member) and why a multi-member gzip stream is
    incomplete or corrupt, or None if it is whole. Decompresses in bounded chunks and
    keeps nothing, so it costs time, not memory.

    >>> import gzip
    >>> gzip_damage(gzip.compress(b"x" * 100)), gzip_damage(gzip.compress(b"x" * 100)[:-4])
    (None, (0, 'gzip member 1 ends early (truncated file)'))
    """
    rest, member = data, 0
    while rest:
        start = len(data) - len(rest)
        member += 1
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            inflater.decompress(rest, 1 << 20)
            while inflater.unconsumed_tail and not inflater.eof:
                inflater.decompress(inflater.unconsumed_tail, 1 << 20)
        except zlib.error as exc:
            return start, f"gzip member {member} is corrupt: {exc}"
        if not inflater.eof:
            return start, f"gzip member {member} ends early (truncated file)"
        rest = inflater.unused_data
        if rest and not rest.lstrip(b"\0"):
            break  # zero padding after the last member is harmless
    return None


def read_warc(data: bytes, source: str, max_bytes: int) -> Iterator[Report | InputProblem]:
    """Records read before any damage are kept; damage is one problem naming the file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    damage = gzip_damage(data) if data[:2] == b"\x1f\x8b" else None
    try:
        records = ArchiveIterator(io.BytesIO(data), check_digests=False)
        for record in records:
            item = _response(record, source, found, max_bytes)
            # (the offset is asked after the payload was read: asking reads the record to its end)
            if damage and records.get_record_offset() >= damage[0]:
                break  # this record lies in the damaged gzip member: not whole
            if isinstance(item, Report):
                found += 1
            if item is not None:
                yield item
        if damage is None and data[records.offset:].strip(b"\r\n\0 "):
            damage = (records.offset, f"{len(data) - records.offset} bytes after the last whole record "
                                      "could not be read")
    except (ArchiveLoadFailed, OSError, ValueError, EOFError, AttributeError, TypeError, zlib.error) as exc:
        # warcio raises AttributeError/TypeError on some malformed headers
        yield InputProblem(source, f"malformed WARC after {found} records: {exc or type(exc).__name__}")
        return
    if damage:
        yield InputProblem(source, f"damaged WARC after {found} records: {damage[1]}")
    elif found == 0:
        yield InputProblem(source, "WARC has no HTML or text response records")


def _response(record, source: str, found: int, max_bytes: int) -> Report | InputProblem | None:  # noqa: ANN001
    """One WARC record → a Report, a problem (too large), or None (not a page); raises
    _Damaged when the record is cut short."""
    if record.rec_type != "response":
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"record-{found + 1}"
    where = f"{source}#{uri}"
    http = record.http_headers
    status = int(http.get_statuscode() or 200) if http is not None else 200
    ctype = ((http.get_header("Content-Type") if http is not None else "") or "").lower()
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return InputProblem(where, f"payload larger than {max_bytes} bytes")
    if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than Content-Length declares
        raise _Damaged(f"record {uri} is truncated ({record.raw_stream.limit} of "
                       f"{record.length} declared bytes missing)")
    if not 200 <= status < 300:
        return None
    kind = sniff(body)
    if kind not in ("html", "text") or (ctype and not ctype.startswith(_TEXTUAL) and kind != "html"):
        return None
    meta = {"url": uri if "://" in uri else None, "fetched": record.rec_headers.get_header("WARC-Date")}
    charset = ctype.partition("charset=")[2].split(";")[0].strip()
    if charset:
        meta["charset"] = charset
    return Report(where, body, kind, {k: v for k, v in meta.items() if v})
