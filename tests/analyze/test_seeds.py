"""Analysis of the reference scrapes, asserted in general terms (no names, outlets or
strings of the seeds appear here): offsets trace back to text, one entity per person
per article, quotes followed by "<Name> said" go to that name, explicit dates win."""

from __future__ import annotations

import re

import pytest

from newsdesk.analyze import analyze_articles
from newsdesk.analyze.names import person_tokens, same_person
from newsdesk.clean import clean_report
from newsdesk.ingest import read_inputs
from newsdesk.settings import Settings

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], 1)}


@pytest.fixture(scope="module")
def analysed(seed_files, nlp):
    articles = [clean_report(r, Settings()) for r in read_inputs([str(p) for p in seed_files], Settings())]
    for article, ann in zip(articles, analyze_articles(articles, nlp), strict=True):
        article.annotations = ann
    return articles


def test_every_offset_traces_back_to_text(analysed) -> None:
    for a in analysed:
        ann = a.annotations
        for e in ann.entities:
            for m in e.mentions:
                assert a.text[m.start:m.end] == m.text
        for q in ann.quotes:
            assert a.text[q.start:q.end] == q.text
            if q.speaker_start >= 0:
                assert a.text[q.speaker_start:q.speaker_end].strip()
        for t in ann.timexes:
            assert a.text[t.start:t.end] == t.text
        for c in ann.claims:
            assert a.text[c.start:c.end] == c.text
            for q in c.quantities:
                assert a.text[q.start:q.end] == q.text
        for ev in ann.events:
            assert a.text[ev.start:ev.end] == ev.text and ev.trigger in ev.text


def test_one_entity_per_person_in_each_article(analysed) -> None:
    for a in analysed:
        people = [e for e in a.annotations.entities if e.type == "PERSON" and len(person_tokens(e.name)) >= 2]
        for i, x in enumerate(people):
            for y in people[i + 1:]:
                assert not same_person(person_tokens(x.name), person_tokens(y.name)), (a.source, x.name, y.name)


def test_quotes_followed_by_a_named_speaker_go_to_that_speaker(analysed) -> None:
    checked = 0
    for a in analysed:
        for q in a.annotations.quotes:
            if not q.direct:
                continue
            after = a.text[q.end:q.end + 80]
            m = re.match(r"^[”\"’»]?[,.]?[”\"’»]?\s+(?:[a-z]+\s+){0,3}?((?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+)\s+"
                         r"(?:said|told|added|stressed|warned)\b", after)
            if not m:
                continue
            surname = m.group(1).split()[-1]
            if surname.lower() in {"he", "she", "they", "minister", "president", "leader"}:
                continue
            checked += 1
            assert q.speaker and person_tokens(surname)[-1] in person_tokens(q.speaker), \
                (a.source, q.text[:50], q.speaker, m.group(1))
    assert checked >= 3


def test_explicit_day_in_a_relative_date_wins(analysed) -> None:
    for a in analysed:
        for t in a.annotations.timexes:
            m = re.search(r"\((\d{1,2}) ([A-Z][a-z]+)\)", t.text)
            if m and m.group(2).lower() in MONTHS and t.value:
                assert t.value.endswith(f"-{MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"), t


def test_relative_dates_resolve_against_the_publication_date(analysed) -> None:
    for a in analysed:
        if a.published is None:
            continue
        for t in a.annotations.timexes:
            if t.text.lower() in ("today", "this week") and t.value:
                assert t.value.startswith(a.published.date().isoformat()[:4])
            if t.text.lower() == "today":
                assert t.value == a.published.date().isoformat()
