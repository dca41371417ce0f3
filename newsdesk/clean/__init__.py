"""Report → Article: decode, extract (HTML) or clean (text), metadata, agencies, language.

>>> from newsdesk.model import Report
>>> from newsdesk.settings import Settings
>>> a = clean_report(Report("r.txt", b"Views: 3\\n\\nThe mayor opened the new bridge on Monday, officials said."), Settings())
>>> a.text
'The mayor opened the new bridge on Monday, officials said.'
"""

from __future__ import annotations

import re
from datetime import datetime

from newsdesk.clean.agencies import find_agencies, merge_evidence, split_agency_authors
from newsdesk.clean.dates import parse_date
from newsdesk.clean.decode import decode, repair
from newsdesk.clean.glue import split_glued
from newsdesk.clean.html import HtmlExtract, extract_html
from newsdesk.clean.meta import clean_authors, clean_title, host_of
from newsdesk.clean.sniffing import looks_like_html
from newsdesk.clean.text import CleanText, clean_text
from newsdesk.errors import InputError
from newsdesk.model import Article, Report, article_id
from newsdesk.nlp_models import detect_language
from newsdesk.settings import Settings

__all__ = ["clean_report", "clean_text"]

MIN_CHARS = 40
TEMPLATE_TOKEN = re.compile(r"\{\{.{0,80}?\}\}|\{%.{0,80}?%\}|<%.{0,80}?%>|\$\{.{0,60}?\}")


def _published(dates: list[datetime]) -> tuple[datetime | None, datetime | None]:
    if not dates:
        return None, None
    published = dates[0]
    later = [d for d in dates[1:] if _naive(d) > _naive(published)]
    return published, (later[-1] if later else None)


def _naive(d: datetime) -> datetime:
    return d.replace(tzinfo=None)


def _ordered(published: datetime | None, updated: datetime | None) -> tuple[datetime | None, datetime | None]:
    """Keep ``published <= updated`` (compared as wall-clock times): a page that states
    them the other way round swapped its labels."""
    if published and updated and _naive(updated) < _naive(published):
        return updated, published
    if published and updated and _naive(updated) == _naive(published):
        return published, None
    return published, updated


def template_share(text: str) -> float:
    """Share of the text's characters inside client-side template tokens ({{ x }}, {% x %})."""
    return sum(len(m.group(0)) for m in TEMPLATE_TOKEN.finditer(text)) / max(1, len(text))


def _fix(value: str | None) -> str | None:
    return repair(value).strip() or None if value else value


def clean_report(report: Report, settings: Settings) -> Article:
    """Turn one raw report into a clean, auditable Article.

    Raises InputError when no article text is left, or when the page is a template
    shell (rendered client-side: its text is template code, not the article)."""
    meta = report.meta
    raw = decode(report.content, report.source, meta.get("charset"), fix=False)
    is_html = report.kind == "html" or (report.kind not in ("text",) and looks_like_html(raw))
    if not is_html:
        raw = repair(raw)
    title, outlet, url = _fix(meta.get("title")), _fix(meta.get("outlet")), meta.get("url")
    authors = [a for a in (_fix(a) for a in meta.get("authors") or []) if a]
    published, updated = parse_date(meta.get("published")), parse_date(meta.get("updated"))
    partial = meta.get("partial")
    if is_html:
        page, cleaned = _clean_page(raw, report.source, url, title)
        title = title or _fix(page.title)
        outlet = outlet or _fix(page.outlet)
        url = url or page.url
        authors = authors or _html_authors(page.authors, cleaned)
        published = published or page.published
        updated = updated or page.updated
        partial = partial or page.partial
    else:
        cleaned = clean_text(raw, title_hint=title)
        title = title or cleaned.title
        outlet = outlet or cleaned.outlet
    text = cleaned.text.strip()
    if len(text) < MIN_CHARS:
        raise InputError(report.source, "no article text found" if not text else
                         f"too little article text after cleaning ({len(text)} characters)")
    if template_share(text) > 0.05:
        raise InputError(report.source, "the text is template code ({{ … }}), not an article: a page rendered "
                                        "in the browser was saved before rendering")
    language, score = detect_language(text)
    if not is_html:  # scrapes glue words where markup was stripped; split before any offset into the text
        text = split_glued(text, language)
    found_pub, found_upd = _published(cleaned.dates)
    if published and found_upd and _naive(found_upd) <= _naive(published):
        found_upd = None  # a date in the text before the stated publication is no update
    published, updated = _ordered(published or found_pub, updated or found_upd)
    authors = authors or cleaned.authors
    authors, credited = split_agency_authors(authors)
    places = (cleaned.dateline,) if cleaned.dateline else ()
    authors = clean_authors(authors, outlet, host_of(url), places)
    agencies = _agencies(text, cleaned, credited)
    outlet = outlet or host_of(url) or next((e.agency for e in agencies if e.kind == "dateline"), None)
    title = clean_title(title, None, None, outlet, host_of(url))  # site suffixes of given titles too
    return Article(
        id=article_id(text), source=report.source, text=text, title=title, outlet=outlet, url=url,
        published=published, updated=updated, authors=authors, agencies=agencies,
        language=language, language_score=score, removed=cleaned.removed,
        input_kind="html" if is_html else report.kind if report.kind != "unknown" else "text",
        partial=partial, dateline_place=cleaned.dateline, dateline_date=cleaned.dateline_date)


def _clean_page(raw: str, source: str, url: str | None, title: str | None) -> tuple[HtmlExtract, CleanText]:
    """Extract an HTML page and clean its main text; a template shell raises InputError."""
    page = extract_html(raw, url)
    if template_share(page.text) > 0.05 or (page.facts.h1 and template_share(page.facts.h1) > 0.3):
        raise InputError(source, "the page is a template shell rendered in the browser: its text is "
                                 "template code, not an article (save the rendered page instead)")
    return page, clean_text(repair(page.text), title_hint=title or _fix(page.title), from_html=True)


BYLINE_REACH = 400  # characters: a byline above the story sits in its first lines


def _html_authors(page_authors: list[str], cleaned: CleanText) -> list[str]:
    """A byline printed at the top of the article text ("Von A, B und C, NDR") wins over
    the page's machine author when they name nobody in common: it is what the reader
    sees above the story. Only full names count (a heading "By land and sea" is none)."""
    top = any(s.kind == "byline" and 0 <= s.start < BYLINE_REACH for s in cleaned.removed)
    if not cleaned.authors or not top or not all(len(a.split()) >= 2 for a in cleaned.authors):
        return page_authors
    shared = {w.casefold() for a in page_authors for w in a.split()} & {
        w.casefold() for a in cleaned.authors for w in a.split()}
    return page_authors if shared else list(cleaned.authors)


def _agencies(text: str, cleaned: CleanText, credited: list | None = None) -> list:
    evidence = find_agencies(text) + list(credited or [])
    for span in cleaned.removed:
        if span.kind in ("agency_tag", "byline", "dateline", "caption", "footer", "boilerplate"):
            for ev in find_agencies(span.text):
                ev.start, ev.end = -1, -1  # lives in removed furniture, not in the clean text
                evidence.append(ev)
    return merge_evidence(evidence)
