"""What makes a raw input "the same" on a re-run: its source plus a hash of its content.

>>> from newsdesk.model import Report
>>> a = content_hash(Report("r.txt", b"The pier reopened on Friday."))
>>> a == content_hash(Report("r.txt", b"The pier reopened on Friday."))
True
>>> a == content_hash(Report("r.txt", b"The pier reopened on Saturday."))
False
"""

from __future__ import annotations

import hashlib
import json

from newsdesk.model import Report


def content_hash(report: Report) -> str:
    """SHA-256 (64 hex digits) of the raw content, its kind and the metadata its container
    gave (a JSON record whose title changed is a changed report)."""
    digest = hashlib.sha256()
    content = report.content.encode("utf-8", "surrogatepass") if isinstance(report.content, str) else report.content
    digest.update(content)
    digest.update(b"\0" + report.kind.encode() + b"\0")
    digest.update(json.dumps(report.meta, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
