"""The cleaner on the reference scrapes (../shared/seeds), asserted in general terms:
nothing of a report is lost, furniture is gone, stated metadata is found. No test here
names a seed, outlet or person; the same checks must hold for any scrape."""

from __future__ import annotations

import re

import pytest

from newsdesk.clean import clean_report
from newsdesk.clean.dates import find_dates
from newsdesk.clean.glue import split_glued
from newsdesk.ingest import read_inputs
from newsdesk.model import Report
from newsdesk.settings import Settings

FURNITURE = [
    re.compile(r"^\s*(?:total\s+)?views?\s*:?\s*[\d,]+\s*$", re.I | re.M),
    re.compile(r"^\s*[\d,.]+k?\s*(?:shares?|comments?)\s*$", re.I | re.M),
    re.compile(r"^\s*shares?\s*$", re.I | re.M),
    re.compile(r"leave a (?:comment|reply)|email address will not be published|required fields are marked", re.I),
    re.compile(r"^\s*reply\s*$", re.I | re.M),
    re.compile(r"scroll to top|^\s*source site-\d+", re.I | re.M),
    re.compile(r"©|\(photo:|photo credit|getty images|\bimago\b", re.I),
    re.compile(r"^\s*\d+\s+comments?\s*:?\s*$", re.I | re.M),
]
AGENCY_SIGNS = re.compile(r"(?:^|\n)\s*(AFP|AP|Reuters|dpa)\s*[-–:]?\s*(?=\n|$)|\((AFP|AP|Reuters|dpa)\)|told (AFP|Reuters|AP|dpa)\b")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def cleaned(seed_files) -> list[tuple[str, object]]:
    out = []
    for report in read_inputs([str(p) for p in seed_files], Settings()):
        assert isinstance(report, Report), report
        raw = report.content.decode("utf-8") if isinstance(report.content, bytes) else report.content
        out.append((raw, clean_report(report, Settings())))
    return out


def test_no_line_of_a_report_is_silently_lost(cleaned) -> None:
    """Every raw line is in the clean text or accounted for by removed spans."""
    for raw, article in cleaned:
        clean = _norm(article.text)
        removed = [_norm(s.text) for s in article.removed] + [_norm(article.title or "")]
        for line in split_glued(raw, article.language).splitlines():  # glued words come out split
            rest = _norm(line)
            for r in removed:
                if len(r) >= 4 and r in rest:
                    rest = rest.replace(r, " ")
                elif r and (rest.startswith(r + " ") or rest.endswith(" " + r)):
                    rest = rest.removeprefix(r + " ").removesuffix(" " + r)
            rest = _norm(rest).strip(" -–—:|")
            if len(rest) < 3 or any(rest in r for r in removed):
                continue
            assert rest in clean, f"{article.source}: lost {rest[:80]!r}"


def test_prose_removed_only_as_comments_or_captions(cleaned) -> None:
    for _, article in cleaned:
        for span in article.removed:
            long_prose = len(span.text.split()) >= 15 and re.search(r"[.!?”\"]\s*$", span.text)
            if long_prose:
                assert span.kind in ("comments", "caption"), (article.source, span.kind, span.text[:80])


def test_furniture_is_gone_from_the_clean_text(cleaned) -> None:
    for _, article in cleaned:
        for pattern in FURNITURE:
            m = pattern.search(article.text)
            assert m is None, f"{article.source}: furniture left: {m.group(0)!r}"


def test_comment_threads_are_cut_whole(cleaned) -> None:
    for raw, article in cleaned:
        start = re.search(r"^\s*\d+\s+comments?\s*:?\s*$", raw, re.I | re.M)
        if start:
            tail = [ln for ln in raw[start.end():].splitlines() if len(ln.split()) >= 3]
            for line in tail:
                assert _norm(line) not in _norm(article.text)
            assert any(s.kind == "comments" for s in article.removed)


def test_stated_dates_authors_and_agencies_are_found(cleaned) -> None:
    for raw, article in cleaned:
        # A line that is mostly a date ("date 2024-06-25 ...", "19.6.2024 - 23:31") states
        # when the report was published; a date inside a body sentence does not.
        date_lines = [ln for ln in raw.splitlines()[:40] if find_dates(ln) and len(ln.split()) <= 8]
        if date_lines:
            assert article.published is not None, article.source
            stated = {d.date() for ln in date_lines for d, _, _ in find_dates(ln)}
            assert article.published.date() in stated
        m = re.search(r"^\s*(?:From|By)\s*:?\s+([A-Z][\w-]+(?: [A-Z][\w-]+)+)\s*$", raw, re.M)
        if m:
            assert m.group(1) in article.authors
        for groups in AGENCY_SIGNS.findall(raw):
            agency = next(g for g in groups if g)
            assert agency in article.agency_names, (article.source, agency)
        assert article.language == "en"


def test_titles_are_not_body_sentences(cleaned) -> None:
    for _, article in cleaned:
        if article.title:
            assert len(article.title.split()) <= 25
            assert not article.text.lstrip().startswith(article.title)


GLUE_CANDIDATE = re.compile(r"\b(?:[^\W\d_]*[a-z][A-Z][a-z]+|[A-Z]{2,}[a-z]{2,})\b")


def test_glued_words_are_split(cleaned) -> None:
    """No word glued at a case boundary ("concernThe", "USAthe") whose parts are both
    words (or names the report uses on its own) is left in the clean text."""
    from wordfreq import zipf_frequency

    for _, article in cleaned:
        standalone = {w.lower() for w in re.findall(r"[^\W\d_]+", article.text)}
        for token in GLUE_CANDIDATE.findall(article.text):
            if zipf_frequency(token.lower(), "en") > 0:
                continue
            for i in range(2, len(token) - 1):
                left, right = token[:i], token[i:]
                if (left[-1].islower() and right[0].isupper()) or (left.isupper() and right.islower()):
                    known = [zipf_frequency(p.lower(), "en") >= 1.5 or p.lower() in standalone for p in (left, right)]
                    assert not all(known), f"{article.source}: glued {token!r}"
