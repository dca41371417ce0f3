"""HTML reports: trafilatura for the main content and metadata, htmldate for dates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from newsdesk.clean.dates import parse_date


@dataclass
class HtmlExtract:
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    language: str | None = None


FAST = True  # skip the readability/jusText fallbacks: our cleaner removes what they would (bench/extraction.py)
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# htmldate's settings for the publication date, passed to trafilatura so it runs once.
PUBLISHED_DATE = {"original_date": True, "extensive_search": False, "outputformat": DATE_FORMAT}


MODIFIED = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)=["'](?:article:modified_time|og:updated_time|dateModified|"""
    r"""last-modified|modified)["'][^>]*content=["']([^"']+)["']"""
    r"""|<meta[^>]+content=["']([^"']+)["'][^>]*(?:property|name|itemprop)=["'](?:article:modified_time|"""
    r"""og:updated_time|dateModified|last-modified|modified)["']"""
    r'|"dateModified"\s*:\s*"([^"]+)"', re.I)


META_AUTHOR = re.compile(r"""<meta[^>]+name=["']author["'][^>]*content=["']([^"']{1,120})["']""", re.I)


def _updated(html: str, published: datetime | None) -> datetime | None:
    """The last-modified date the page declares (meta tags, JSON-LD), if later than the
    publication date. A regex over the markup: a second htmldate pass costs as much as
    the whole text extraction."""
    m = MODIFIED.search(html)
    if not m:
        return None
    updated = parse_date(next(g for g in m.groups() if g))
    if updated and published and updated.replace(tzinfo=None) <= published.replace(tzinfo=None):
        return None  # (one may carry an offset and the other not: compare wall-clock times)
    return updated


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Main text and metadata of an HTML page; empty text when there is none.

    >>> extract_html("<html><body><article><p>" + "The council met. " * 10 + "</p></article></body></html>").text[:16]
    'The council met.'
    """
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, include_images=False, include_formatting=False,
                                      favor_precision=False, deduplicate=False, fast=FAST,
                                      date_extraction_params=PUBLISHED_DATE)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:  # pages trafilatura finds no main content in: fall back to its baseline
        try:
            _, text, _ = trafilatura.baseline(html)
        except Exception:
            text = ""
        text = (text or "").strip()
    meta = doc if doc is not None else None
    published = parse_date(getattr(meta, "date", None)) if meta is not None else None
    updated = _updated(html, published)
    author = getattr(meta, "author", None) if meta is not None else None
    if not author:  # trafilatura drops agency-only bylines ("AFP"); they are wire evidence
        m = META_AUTHOR.search(html)
        author = m.group(1) if m else None
    authors = [a.strip() for a in author.split(";") if a.strip()] if author else []
    return HtmlExtract(
        text=text, title=getattr(meta, "title", None), authors=authors,
        outlet=getattr(meta, "sitename", None), url=getattr(meta, "url", None) or url,
        published=published, updated=updated,
        language=getattr(meta, "language", None))
