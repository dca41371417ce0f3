"""HTML reports: trafilatura for the main content and metadata, htmldate for dates."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

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


def page_metadata(tree: Any, url: str | None) -> Any:
    """Title, author, URL, site name and publication date with trafilatura's own
    metadata helpers and htmldate — ``trafilatura.extract_metadata`` without the parts
    newsdesk does not use (categories, tags, licence), which cost a third of the time."""
    from htmldate import find_date
    from trafilatura.metadata import (
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # one-word "authors" are usually site names
    with contextlib.suppress(Exception):  # trafilatura's JSON-LD reader raises on malformed data
        meta = extract_meta_json(tree, meta)
    meta.title = meta.title or extract_title(tree)
    meta.author = meta.author or extract_author(tree)
    meta.url = meta.url or extract_url(tree, url)
    try:
        meta.date = find_date(tree, url=meta.url, **PUBLISHED_DATE)
    except Exception:  # htmldate raises on some broken documents; dates are optional
        meta.date = None
    meta.sitename = (meta.sitename or extract_sitename(tree) or "").lstrip("@") or None
    if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
        meta.sitename = meta.sitename.title()
    if not meta.sitename and meta.url:
        meta.sitename = (urlparse(meta.url).hostname or "").removeprefix("www.") or None
    meta.clean_and_trim()
    return meta


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Main text and metadata of an HTML page; empty text when there is none.

    >>> extract_html("<html><body><article><p>" + "The council met. " * 10 + "</p></article></body></html>").text[:16]
    'The council met.'
    """
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    meta = page_metadata(tree, url) if tree is not None else None
    # The tree is then handed to the extractor, which prunes it in place: one parse.
    doc = trafilatura.bare_extraction(tree if tree is not None else html, url=url, with_metadata=False,
                                      include_comments=False, include_tables=True, include_images=False,
                                      include_formatting=False, favor_precision=False, deduplicate=False,
                                      fast=FAST)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:  # pages trafilatura finds no main content in: fall back to its baseline
        try:
            _, text, _ = trafilatura.baseline(html)
        except Exception:
            text = ""
        text = (text or "").strip()
    published = parse_date(getattr(meta, "date", None)) if meta is not None else None
    updated = _updated(html, published)
    author = getattr(meta, "author", None) if meta is not None else None
    if not author:  # trafilatura drops agency-only bylines ("AFP"); they are wire evidence
        m = META_AUTHOR.search(html, 0, 40_000)  # the <head>
        author = m.group(1) if m else None
    authors = [a.strip() for a in author.split(";") if a.strip()] if author else []
    return HtmlExtract(
        text=text, title=getattr(meta, "title", None), authors=authors,
        outlet=getattr(meta, "sitename", None), url=getattr(meta, "url", None) or url,
        published=published, updated=updated,
        language=getattr(meta, "language", None))
