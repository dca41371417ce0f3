"""An input's identity on a re-run: its source plus a hash of what it holds."""

from __future__ import annotations

from newsdesk.ingest.identity import content_hash
from newsdesk.model import Report

TEXT = "The harbour board of Tessel voted on Monday to close the north pier for repairs."


def test_same_content_same_hash_any_change_a_new_one() -> None:
    base = content_hash(Report("pier.json#item-1", TEXT, "text", {"title": "Pier closes"}))
    assert base == content_hash(Report("elsewhere.json", TEXT, "text", {"title": "Pier closes"}))
    assert len(base) == 64
    assert base != content_hash(Report("pier.json#item-1", TEXT + " ", "text", {"title": "Pier closes"}))
    assert base != content_hash(Report("pier.json#item-1", TEXT, "text", {"title": "Pier to close"}))
    assert base != content_hash(Report("pier.json#item-1", TEXT, "html", {"title": "Pier closes"}))
    assert content_hash(Report("p.txt", TEXT.encode())) == content_hash(Report("p.txt", TEXT))
