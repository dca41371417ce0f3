"""WARC and WARC.gz → one Report per HTTP response with an HTML or text payload (warcio)."""

from __future__ import annotations

import io
from collections.abc import Iterator

from newsdesk.ingest.sniff import sniff
from newsdesk.model import InputProblem, Report

_TEXTUAL = ("text/html", "application/xhtml", "text/plain")


def read_warc(data: bytes, source: str, max_bytes: int) -> Iterator[Report | InputProblem]:
    """Records read before any damage are kept; damage is one problem naming the file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data), check_digests=False):
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"record-{found + 1}"
            where = f"{source}#{uri}"
            http = record.http_headers
            status = int(http.get_statuscode() or 200) if http is not None else 200
            ctype = ((http.get_header("Content-Type") if http is not None else "") or "").lower()
            declared = int(record.rec_headers.get_header("Content-Length") or 0)
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield InputProblem(where, f"payload larger than {max_bytes} bytes")
                continue
            if declared and record.length is not None and len(body) < declared and http is None:
                raise ValueError(f"record {uri} is truncated ({len(body)} of {declared} bytes)")
            if not 200 <= status < 300:
                continue
            kind = sniff(body)
            if kind not in ("html", "text") or (ctype and not ctype.startswith(_TEXTUAL) and kind != "html"):
                continue
            found += 1
            meta = {"url": uri if "://" in uri else None, "fetched": record.rec_headers.get_header("WARC-Date")}
            charset = ctype.partition("charset=")[2].split(";")[0].strip()
            if charset:
                meta["charset"] = charset
            yield Report(where, body, kind, {k: v for k, v in meta.items() if v})
    except (ArchiveLoadFailed, OSError, ValueError, EOFError, AttributeError, TypeError) as exc:
        # warcio raises AttributeError/TypeError on some malformed headers
        yield InputProblem(source, f"malformed WARC after {found} records: {exc or type(exc).__name__}")
        return
    if found == 0:
        yield InputProblem(source, "WARC has no HTML or text response records")
