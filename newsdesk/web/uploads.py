"""Uploaded files and pasted text → Reports, through the same content-sniffing readers
as files on disk (so a JSONL, WARC or feed upload splits into its records)."""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path

from newsdesk.ingest import read_inputs
from newsdesk.model import InputProblem, Report
from newsdesk.settings import Settings


def _safe_name(name: str, index: int) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name or "").name).strip("._") or "upload"
    return f"{index:03d}-{base[:80]}"


def reports_from_uploads(files: list[tuple[str, bytes]], settings: Settings,
                         prefix: str = "upload") -> list[Report | InputProblem]:
    """Read uploaded (filename, bytes) pairs; sources become
    ``upload:<sha256 of the bytes, 12 hex>/<filename>``, so an upload's identity is its
    content: the same file uploaded again is recognised whatever its name, and another
    file under a used name is a new report.

    >>> [r.source for r in reports_from_uploads([("a.txt", b"Hello world. " * 20)], Settings())]  # doctest: +SKIP
    ['upload:7d1a1a3a8cb4/a.txt']
    """
    out: list[Report | InputProblem] = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-upload-") as tmp:
        for i, (name, data) in enumerate(files):
            local = Path(tmp) / _safe_name(name, i)
            local.write_bytes(data)
            digest = hashlib.sha256(data).hexdigest()[:12]
            shown = f"{prefix}:{digest}/{Path(name or 'upload').name}"
            for item in read_inputs([str(local)], settings):
                item.source = item.source.replace(str(local), shown, 1)
                out.append(item)
    return out


def reports_from_paste(text: str, settings: Settings, title: str | None = None, url: str | None = None,
                       outlet: str | None = None, published: str | None = None) -> list[Report | InputProblem]:
    """Pasted text (or HTML) as one report with source ``paste:<hash>``; the title, URL,
    outlet and publication date the user gave take precedence over what the text says
    (the date anchors relative dates such as "on Monday")."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    items = reports_from_uploads([(f"{digest}.txt", text.encode("utf-8"))], settings, prefix="paste")
    for item in items:
        item.source = f"paste:{digest}"
        if isinstance(item, Report):
            given = {"title": title, "url": url, "outlet": outlet, "published": published}
            item.meta.update({k: v for k, v in given.items() if v})
    return items
