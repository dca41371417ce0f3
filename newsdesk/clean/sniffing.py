"""Decoded text that is really HTML (e.g. a pasted page, or a URL body)."""

from __future__ import annotations

import re

_TAGS = re.compile(r"<(!doctype\s+html|html|head|body|article|div|p|span|meta|br)\b", re.I)


def looks_like_html(text: str) -> bool:
    """True when the first KB has HTML structure tags.

    >>> looks_like_html("<html><body><p>Hi</p></body></html>"), looks_like_html("a < b and c > d")
    (True, False)
    """
    return len(_TAGS.findall(text[:2048])) >= 2
