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
    """Read uploaded (filename, bytes) pairs; sources become ``upload:<filename>``.

    >>> [r.source for r in reports_from_uploads([("a.txt", b"Hello world. " * 20)], Settings())]  # doctest: +SKIP
    ['upload:a.txt']
    """
    out: list[Report | InputProblem] = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-upload-") as tmp:
        for i, (name, data) in enumerate(files):
            local = Path(tmp) / _safe_name(name, i)
            local.write_bytes(data)
            shown = f"{prefix}:{Path(name or 'upload').name}"
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
