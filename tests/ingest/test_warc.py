"""Damaged crawls are never silent: the whole records before the damage are kept and the
damage is one problem (issue 11, item 11)."""

from __future__ import annotations

import gzip
import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.ingest import read_bytes
from newsdesk.ingest.warc import gzip_damage
from newsdesk.model import InputProblem, Report
from newsdesk.settings import Settings

PARAGRAPH = ("The harbour board of Tessel voted on Monday to close the north pier for repairs, "
             "board chair Anneke Vos said. ")


def _crawl(compressed: bool, pages: int = 5) -> tuple[bytes, list[int]]:
    """A WARC of ``pages`` HTML responses, and the byte offset where each record ends."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compressed)
    ends = []
    for i in range(pages):
        html = f"<html><body><article><h1>Pier {i}</h1><p>{PARAGRAPH * 12}</p><p>END-{i}</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://tessel-courier.example/pier-{i}", "response",
                                                      payload=io.BytesIO(html.encode()), http_headers=headers))
        ends.append(buf.tell())
    return buf.getvalue(), ends


def _read(data: bytes) -> tuple[list[Report], list[InputProblem]]:
    items = list(read_bytes(data, "crawl.warc", Settings()))
    return [i for i in items if isinstance(i, Report)], [i for i in items if isinstance(i, InputProblem)]


def test_truncated_warc_gz_keeps_whole_records_and_says_so() -> None:
    data, ends = _crawl(compressed=True)
    reports, problems = _read(data[:ends[2] + (ends[3] - ends[2]) // 2])  # cut inside record 4
    assert [r.meta["url"][-6:] for r in reports] == ["pier-0", "pier-1", "pier-2"]
    assert len(problems) == 1 and "truncated" in problems[0].reason and "after 3 records" in problems[0].reason


def test_warc_gz_missing_only_its_last_checksum_is_damage_too() -> None:
    data, _ = _crawl(compressed=True)
    reports, problems = _read(data[:-4])
    assert len(reports) == 4 and len(problems) == 1


def test_uncompressed_warc_cut_mid_record_never_stores_half_a_page() -> None:
    data, ends = _crawl(compressed=False)
    reports, problems = _read(data[:ends[1] + (ends[2] - ends[1]) // 2])
    assert [r.meta["url"][-6:] for r in reports] == ["pier-0", "pier-1"]
    assert all(b"END-" in r.content for r in reports)
    assert len(problems) == 1 and "truncated" in problems[0].reason


def test_whole_archives_have_no_problem() -> None:
    for compressed in (True, False):
        reports, problems = _read(_crawl(compressed)[0])
        assert len(reports) == 5 and not problems


def test_gzip_damage_names_the_member() -> None:
    two = gzip.compress(b"first member") + gzip.compress(b"second member")
    assert gzip_damage(two) is None
    offset, reason = gzip_damage(two[:-3])
    assert offset == len(gzip.compress(b"first member")) and "member 2" in reason


def test_truncated_plain_gzip_is_a_problem() -> None:
    data = gzip.compress((PARAGRAPH * 40).encode())
    reports, problems = _read(data[: len(data) // 2])
    assert not reports and "truncated" in problems[0].reason


def test_every_member_of_a_concatenated_gzip_is_read() -> None:
    first, second = (PARAGRAPH * 3).encode(), b"The second member carries the rest of the report on the pier repairs."
    [report] = _read(gzip.compress(first) + gzip.compress(second))[0]
    assert report.content == first + second
