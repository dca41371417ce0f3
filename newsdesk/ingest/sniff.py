"""Decide what an input is from its first bytes, not its file name.

>>> sniff(b"WARC/1.0\\r\\nWARC-Type: response")
'warc'
>>> sniff(b'<?xml version="1.0"?><rss version="2.0">')
'feed'
>>> sniff(b"<!DOCTYPE html><html>")
'html'
>>> sniff(b'{"title": "x"}\\n{"title": "y"}\\n')
'jsonl'
"""

from __future__ import annotations

import json
import re

_HTML = re.compile(rb"<(!doctype\s+html|html|head|body|article|main|div|p|meta|title|h1|h2|section|span|br)\b", re.I)
_FEED = re.compile(rb"<(rss|feed|rdf:RDF)\b", re.I)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def is_binary(head: bytes) -> bool:
    """NUL bytes or many control characters in the first KB mean binary (images, PDFs,
    executables); UTF-16 text is recognised by its BOM first."""
    if head.startswith(_BOMS[1:]):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(2, len(head) // 20)


def sniff(data: bytes) -> str:
    """One of: empty, gzip, warc, json, jsonl, feed, html, text, binary."""
    if not data.strip():
        return "empty"
    if data[:2] == b"\x1f\x8b":
        return "gzip"
    head = data[:4096]
    if head.startswith(_BOMS[1:]):  # UTF-16: sniff the characters, not the bytes
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
        data = head
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    stripped = head.lstrip()
    if stripped.startswith(b"WARC/"):
        return "warc"
    if is_binary(data[:1024]):
        return "binary"
    if stripped[:1] in (b"{", b"["):
        lines = [ln.strip() for ln in data.lstrip().splitlines()[:3] if ln.strip()]
        if len(lines) > 1 and lines[0].startswith(b"{") and lines[0].endswith(b"}"):
            try:  # a complete object on the first line with more after it: JSON Lines
                json.loads(lines[0])
                return "jsonl"
            except ValueError:
                pass
        return "json"
    if _FEED.search(head[:2048]) and (stripped.startswith(b"<?xml") or _FEED.match(stripped)):
        return "feed"
    if _HTML.search(head):
        return "html"
    return "text"
