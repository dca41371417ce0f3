"""WARC and WARC.gz → one Report per HTTP response with an HTML or text payload (fastwarc)."""

from __future__ import annotations

import io
from collections.abc import Iterator

from newsdesk.ingest.sniff import sniff
from newsdesk.model import InputProblem, Report

_TEXTUAL = ("text/html", "application/xhtml", "text/plain")


def read_warc(data: bytes, source: str, max_bytes: int) -> Iterator[Report | InputProblem]:
    """Records read before any damage are kept; damage is one problem naming the file."""
    from fastwarc.stream_io import GZipStream, StreamError
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    stream = GZipStream(io.BytesIO(data)) if data[:2] == b"\x1f\x8b" else io.BytesIO(data)
    found = 0
    try:
        for record in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True,
                                      verify_digests=False):
            uri = record.headers.get("WARC-Target-URI", "") or f"record-{found + 1}"
            where = f"{source}#{uri}"
            http = record.http_headers
            status = http.status_code if http is not None else 200
            ctype = (http.get("Content-Type", "") if http is not None else "").lower()
            if status and not 200 <= status < 300:
                continue
            body = record.reader.read(max_bytes + 1)
            if len(body) > max_bytes:
                yield InputProblem(where, f"payload larger than {max_bytes} bytes")
                continue
            kind = sniff(body)
            if ctype and not ctype.startswith(_TEXTUAL) and kind not in ("html", "text"):
                continue
            if kind not in ("html", "text"):
                continue
            found += 1
            meta = {"url": uri if "://" in uri else None, "fetched": record.headers.get("WARC-Date")}
            charset = ctype.partition("charset=")[2].split(";")[0].strip()
            if charset:
                meta["charset"] = charset
            yield Report(where, body, kind, {k: v for k, v in meta.items() if v})
    except (StreamError, OSError, ValueError, EOFError) as exc:
        yield InputProblem(source, f"malformed WARC after {found} records: {exc}")
        return
    if found == 0:
        yield InputProblem(source, "WARC has no HTML or text response records")
