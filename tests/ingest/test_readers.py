"""Readers chosen by content: text, HTML, JSON/JSONL, WARC, feeds, folders, and the
one-clear-line-per-bad-input rule."""

from __future__ import annotations

import gzip
import io
import json

from newsdesk.ingest import read_bytes, read_inputs, sniff
from newsdesk.model import InputProblem, Report
from newsdesk.settings import Settings

STORY = ("MAPLEFORD (Reuters) - The city council of Mapleford approved a new tram line on Monday "
         "after a three-hour debate, council leader Ruth Okafor said.\n\n"
         "The line will cost 240 million euros and open in 2027, according to the council.")


def _items(data: bytes, source: str = "x", settings: Settings | None = None) -> list:
    return list(read_bytes(data, source, settings or Settings()))


def test_sniff_goes_by_content_not_extension() -> None:
    assert sniff(b"<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff(b'{"text": "hello"}') == "json"
    assert sniff(b'{"text": "a"}\n{"text": "b"}\n') == "jsonl"
    assert sniff(b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>') == "feed"
    assert sniff(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n") == "warc"
    assert sniff(gzip.compress(b"hello")) == "gzip"
    assert sniff(STORY.encode()) == "text"
    assert sniff(b"") == "empty"
    assert sniff(bytes(range(256)) * 4) == "binary"


def test_json_record_mapping() -> None:
    record = {"content": STORY, "title": "Tram line approved", "url": "https://example.org/tram",
              "date": "2024-03-04T10:00:00Z", "authors": ["Ruth Okafor", "Ben Li"], "domain": "example.org"}
    [report] = _items(json.dumps(record).encode(), "rec.json")
    assert isinstance(report, Report)
    assert str(report.content).startswith("MAPLEFORD")
    assert report.kind == "text"
    meta = report.meta
    assert meta["title"] == "Tram line approved"
    assert meta["url"] == "https://example.org/tram"
    assert meta["authors"] == ["Ruth Okafor", "Ben Li"]
    assert meta["outlet"] == "example.org"
    assert str(meta["published"]).startswith("2024-03-04")


def test_jsonl_bad_line_is_one_problem_and_the_rest_goes_on() -> None:
    data = (json.dumps({"text": STORY}) + "\n{not json\n" + json.dumps({"html": f"<p>{STORY}</p>"}) + "\n").encode()
    items = _items(data, "feed.jsonl")
    reports = [i for i in items if isinstance(i, Report)]
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert len(reports) == 2
    assert len(problems) == 1 and problems[0].source == "feed.jsonl#line-2"


def test_warc_response_records(tmp_path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    html = f"<html><head><title>Tram</title></head><body><article><p>{STORY}</p></article></body></html>"
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://example.org/tram", "response",
                                                  payload=io.BytesIO(html.encode()), http_headers=headers))
    image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://example.org/logo.png", "response",
                                                  payload=io.BytesIO(b"\x89PNG\r\n" + bytes(200)), http_headers=image))
    missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://example.org/gone", "response",
                                                  payload=io.BytesIO(b"<html>gone</html>"), http_headers=missing))
    writer.write_record(writer.create_warc_record("https://example.org/second", "response",
                                                  payload=io.BytesIO(html.replace("Tram", "Ferry").encode()),
                                                  http_headers=headers))
    items = _items(buf.getvalue(), "crawl.warc.gz")  # one gzip member per record
    reports = [i for i in items if isinstance(i, Report)]
    assert [r.meta["url"] for r in reports] == ["https://example.org/tram", "https://example.org/second"]
    assert reports[0].kind == "html" and reports[0].source == "crawl.warc.gz#https://example.org/tram"
    assert b"tram line" in reports[0].content
    assert not [i for i in items if isinstance(i, InputProblem)]


def test_rss_feed_entries() -> None:
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>City news</title>
    <item><title>Tram approved</title><link>https://example.org/a</link>
    <pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate><description>{STORY}</description></item>
    <item><title>Second</title><link>https://example.org/b</link><description>Another report about the council budget vote held on Tuesday evening.</description></item>
    </channel></rss>""".encode()
    reports = [i for i in _items(feed, "city.xml") if isinstance(i, Report)]
    assert [r.meta["title"] for r in reports] == ["Tram approved", "Second"]
    assert "2024-03-04" in str(reports[0].meta["published"])
    assert reports[0].meta["url"] == "https://example.org/a"


def test_bad_inputs_each_get_one_clear_line(tmp_path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "big.txt").write_text("word " * 5000)
    (tmp_path / "broken.json").write_text('{"text": "unterminated')
    (tmp_path / "broken.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort")
    (tmp_path / "broken.xml").write_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>x')
    (tmp_path / "good.txt").write_text(STORY)
    settings = Settings(max_bytes=10_000)
    items = list(read_inputs([str(tmp_path), str(tmp_path / "missing.txt")], settings))
    problems = {p.source.rsplit("/", 1)[-1]: p.reason for p in items if isinstance(p, InputProblem)}
    reports = [r for r in items if isinstance(r, Report)]
    assert [r.source.rsplit("/", 1)[-1] for r in reports] == ["good.txt"]
    assert "empty" in problems["empty.txt"]
    assert "binary" in problems["blob.bin"]
    assert "10000" in problems["big.txt"] or "large" in problems["big.txt"]
    assert "json" in problems["broken.json"].lower()
    assert "missing.txt" in problems and "no such" in problems["missing.txt"].lower()
    assert "malformed warc" in problems["broken.warc"].lower()
    assert any(name.startswith("broken.xml") for name in problems), problems


def test_folders_are_read_recursively(tmp_path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text(STORY)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.txt").write_text(STORY)
    reports = [r for r in read_inputs([str(tmp_path)], Settings()) if isinstance(r, Report)]
    assert [r.source.rsplit("/", 1)[-1] for r in reports] == ["deep.txt"]


def test_utf16_html_with_a_bom_is_read_as_html_not_as_text_with_tags() -> None:
    from newsdesk.clean import clean_report

    page = ("<!DOCTYPE html><html><head><title>Tram line approved</title></head><body><article>"
            f"<h1>Tram line approved</h1><p>{STORY}</p></article></body></html>")
    for encoding in ("utf-16", "utf-16-be"):
        data = ("\ufeff" if encoding.endswith("be") else "") + page
        [report] = _items(data.encode(encoding), "tram.html")
        assert report.kind == "html"
        article = clean_report(report, Settings())
        assert "<p>" not in article.text and "<article>" not in article.text
        assert "council leader Ruth Okafor said" in article.text


def test_utf16_json_is_decoded_before_parsing() -> None:
    [report] = _items(json.dumps({"text": STORY, "title": "Tram"}).encode("utf-16"), "rec.json")
    assert isinstance(report, Report) and report.meta["title"] == "Tram"
