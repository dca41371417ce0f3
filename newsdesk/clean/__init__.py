"""Report → Article: decode, extract (HTML) or clean (text), metadata, agencies, language.

>>> from newsdesk.model import Report
>>> from newsdesk.settings import Settings
>>> a = clean_report(Report("r.txt", b"Views: 3\\n\\nThe mayor opened the new bridge on Monday, officials said."), Settings())
>>> a.text
'The mayor opened the new bridge on Monday, officials said.'
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlparse

from newsdesk.clean.agencies import find_agencies, merge_evidence, split_agency_authors
from newsdesk.clean.dates import parse_date
from newsdesk.clean.decode import decode, repair
from newsdesk.clean.html import extract_html
from newsdesk.clean.sniffing import looks_like_html
from newsdesk.clean.text import CleanText, clean_text
from newsdesk.errors import InputError
from newsdesk.model import Article, Report, article_id
from newsdesk.nlp_models import detect_language
from newsdesk.settings import Settings

__all__ = ["clean_report", "clean_text"]

MIN_CHARS = 40


def _published(dates: list[datetime]) -> tuple[datetime | None, datetime | None]:
    if not dates:
        return None, None
    published = dates[0]
    later = [d for d in dates[1:] if d.replace(tzinfo=None) > published.replace(tzinfo=None)]
    return published, (later[-1] if later else None)


def clean_report(report: Report, settings: Settings) -> Article:
    """Turn one raw report into a clean, auditable Article (raises InputError)."""
    meta = report.meta
    raw = decode(report.content, report.source, meta.get("charset"), fix=False)
    is_html = report.kind == "html" or (report.kind not in ("text",) and looks_like_html(raw))
    if not is_html:
        raw = repair(raw)
    title = meta.get("title")
    outlet = meta.get("outlet")
    url = meta.get("url")
    authors = list(meta.get("authors") or [])
    published, updated = parse_date(meta.get("published")), parse_date(meta.get("updated"))
    if is_html:
        page = extract_html(raw, url)
        cleaned = clean_text(repair(page.text), title_hint=title or page.title)
        title = title or page.title
        outlet = outlet or page.outlet
        url = url or page.url
        authors = authors or page.authors
        published = published or page.published
        updated = updated or page.updated
    else:
        cleaned = clean_text(raw, title_hint=title)
        title = title or cleaned.title
        outlet = outlet or cleaned.outlet
    text = cleaned.text.strip()
    if len(text) < MIN_CHARS:
        raise InputError(report.source, "no article text found" if not text else
                         f"too little article text after cleaning ({len(text)} characters)")
    found_pub, found_upd = _published(cleaned.dates)
    published = published or found_pub
    updated = updated or found_upd
    authors = authors or cleaned.authors
    authors, credited = split_agency_authors(authors)
    if not outlet and url:
        outlet = (urlparse(url).hostname or "").removeprefix("www.") or None
    language, score = detect_language(text)
    return Article(
        id=article_id(text), source=report.source, text=text, title=title, outlet=outlet, url=url,
        published=published, updated=updated, authors=authors, agencies=_agencies(text, cleaned, credited),
        language=language, language_score=score, removed=cleaned.removed,
        input_kind="html" if is_html else report.kind if report.kind != "unknown" else "text")


def _agencies(text: str, cleaned: CleanText, credited: list | None = None) -> list:
    evidence = find_agencies(text) + list(credited or [])
    for span in cleaned.removed:
        if span.kind in ("agency_tag", "byline", "dateline", "caption", "footer", "boilerplate"):
            for ev in find_agencies(span.text):
                ev.start, ev.end = -1, -1  # lives in removed furniture, not in the clean text
                evidence.append(ev)
    return merge_evidence(evidence)
