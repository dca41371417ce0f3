"""HTML reports: trafilatura for the main content and metadata, htmldate for dates."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lxml import etree

from newsdesk.clean.byline import page_byline
from newsdesk.clean.dates import parse_date
from newsdesk.clean.meta import clean_authors, clean_title, host_of, is_site_name, outlet_of, split_names
from newsdesk.clean.page import PageFacts, page_facts


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
    partial: str | None = None  # why the text is only part of the article (paywall), or None
    facts: PageFacts = field(default_factory=PageFacts)


FAST = True  # skip the readability/jusText fallbacks: our cleaner removes what they would (bench/extraction.py)
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# htmldate's settings for the publication date, passed to trafilatura so it runs once.
# Extensive search reads visible dates in the page text; it only runs when the page's
# markup states no date, so it costs nothing on pages that do.
PUBLISHED_DATE = {"original_date": True, "extensive_search": True, "outputformat": DATE_FORMAT}


MODIFIED_KEYS = {"article:modified_time", "og:updated_time", "datemodified", "last-modified", "modified"}
JSON_MODIFIED = re.compile(r'"dateModified"\s*:\s*"([^"]+)"')


META_AUTHOR = re.compile(r"""<meta[^>]+name=["']author["'][^>]*content=["']([^"']{1,120})["']""", re.I)


def _updated(tree: Any, html: str, published: datetime | None) -> datetime | None:
    """The last-modified date the page declares (``<meta>`` tags, else JSON-LD), if later
    than the publication date. Read from the parsed tree's ``<meta>`` elements and one
    literal search of the markup: a second htmldate pass costs as much as the whole text
    extraction, and a regex over all the markup a sixth of it."""
    value = None
    for el in tree.iter("meta") if tree is not None else ():
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in MODIFIED_KEYS and el.get("content"):
            value = el.get("content")
            break
    if value is None:
        at = html.find('"dateModified"')
        m = JSON_MODIFIED.match(html, at) if at >= 0 else None
        value = m.group(1) if m else None
    updated = parse_date(value) if value else None
    if updated and published and updated.replace(tzinfo=None) <= published.replace(tzinfo=None):
        return None  # (one may carry an offset and the other not: compare wall-clock times)
    return updated


TEASER = re.compile(r"(?:^|[\s_-])(?:related|teasers?|recommend\w*|more-?stories|also-?read|read-?more|sidebar|"
                    r"outbrain|taboola)(?:$|[\s_-])", re.I)


# Every attribute trafilatura's author XPaths test, and the words they look for there
# (a case-insensitive superset: when none occurs, its author search cannot find anything).
AUTHOR_ATTRIBUTES = etree.XPath("//@class | //@id | //@rel | //@itemprop | //@data-testid | //@data-component",
                                smart_strings=False)
AUTHOR_WORDS = ("author", "byl", "bbl", "username", "screenname", "writer", "zuozhe", "bianji", "xiaobian",
                "channel-name", "submitted-by", "posted-by", "journalist-name")


def may_name_author(tree: Any) -> bool:
    """Could trafilatura's ``extract_author`` find anything in ``tree``? It copies the
    whole tree and runs three XPath passes; one scan of the attributes rules most pages
    out (an exact pre-check: False only where every one of its patterns fails)."""
    if tree.find(".//author") is not None or tree.find(".//rel") is not None:  # its ``rel='me'`` tests a child
        return True
    names = " ".join(AUTHOR_ATTRIBUTES(tree)).lower()
    return any(word in names for word in AUTHOR_WORDS)


# Elements whose own text contains a name (one XPath pass instead of a walk in Python).
NAME_HOLDERS = etree.XPath("//*[text()[contains(., $name)]][not(self::script or self::style)]")


def _story_card(box: Any, name: str) -> bool:
    """A box holding another story: it carries a headline of its own (a heading or a
    link of 3+ words that is not the name) and not the page's main headline."""
    if box.find(".//h1") is not None:
        return False
    for el in box.iter("h2", "h3", "h4", "a"):
        text = (el.text_content() or "").strip()
        if len(text.split()) >= 3 and name not in text:
            return True
    return False


def in_teaser(tree: Any, name: str) -> bool:
    """Every place the page prints ``name`` lies in a related-story card (a teaser,
    related list, sidebar, ``<aside>`` or ``<nav>`` box with a headline of its own): a
    byline of another article, not of this one. An author box is no story card."""
    if not name:
        return False
    hits = [el for el in NAME_HOLDERS(tree, name=name) if isinstance(el.tag, str)]
    if not hits:
        return False
    for el in hits:
        box = next((anc for anc in el.iterancestors() if anc.tag not in ("body", "html") and (
            anc.tag in ("aside", "nav") or TEASER.search(f"{anc.get('class', '')} {anc.get('id', '')}"))), None)
        if box is None or not _story_card(box, name):
            return False
    return True


def visible_published(machine: datetime | None, visible: list[datetime]) -> datetime | None:
    """The publication date: the date printed by the headline (the nearest one) wins over
    the page's machine date when it names a later day — machine dates that disagree with
    the printed dateline are mostly site-wide, creation or archive-migration stamps
    (htmldate's ``original_date`` prefers the earliest), while an earlier printed date
    is mostly another event's. With no machine date, the printed one is taken."""
    if not visible:
        return machine
    printed = visible[0]
    if machine is None or printed.date() > machine.date():
        return printed
    return machine


def parse_page(html: str) -> Any:
    """The page parsed once for every reader: htmldate's parse (it reads some pages' dates
    differently from trafilatura's, which drops comments: time zones, visible dates), or
    trafilatura's where htmldate's fails. ``page_metadata`` strips the comments after
    the date search, so trafilatura then reads the tree it would have parsed itself."""
    from htmldate.utils import load_html as htmldate_load
    from trafilatura.utils import load_html

    if html.lstrip().startswith("http") and " " not in html:
        return None  # htmldate would take it for a URL and download it
    try:
        tree = htmldate_load(html)
    except (TypeError, ValueError):
        tree = None
    return tree if tree is not None and len(tree) else load_html(html)


def page_metadata(tree: Any, url: str | None) -> Any:
    """Title, author, URL, site name and publication date with trafilatura's own
    metadata helpers and htmldate — ``trafilatura.extract_metadata`` without the parts
    newsdesk does not use (categories, tags, licence), which cost a third of the time.

    ``tree`` comes from ``parse_page``; its comments are removed here (after htmldate
    read it), as trafilatura's own parser would."""
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
    meta.url = meta.url or extract_url(tree, url)
    try:
        # on a tree, not the HTML string: the same dates, at 2.5x less cost (htmldate's
        # string path also searches the raw markup; bench/metadata.py tuning half)
        meta.date = find_date(tree, url=meta.url, **PUBLISHED_DATE)
    except Exception:  # htmldate raises on some broken documents; dates are optional
        meta.date = None
    etree.strip_tags(tree, etree.Comment)
    meta.title = meta.title or extract_title(tree)
    if not meta.author and may_name_author(tree):
        meta.author = extract_author(tree)
        if meta.author and in_teaser(tree, meta.author.split(";")[0].strip()):
            meta.author = None  # the byline of a related-story card, not of this article
    meta.sitename = (meta.sitename or extract_sitename(tree) or "").lstrip("@") or None
    if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
        meta.sitename = meta.sitename.title()
    meta.clean_and_trim()
    return meta


PRECISE = False  # precision mode on the fast pass lost recall: F1 0.959 vs 0.965 (bench/extraction.py, 40 pages)


def _extract(tree: Any, url: str | None, fast: bool, precise: bool = PRECISE) -> str:
    import trafilatura

    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_comments=False,
                                      include_tables=True, include_images=False, include_formatting=False,
                                      favor_precision=precise, deduplicate=False, fast=fast)
    return (getattr(doc, "text", None) or "").strip() if doc is not None else ""


SHORT_LINE = 5  # words: a menu item, not a sentence
SHORT_TEXT = 500  # characters: shorter than a brief; worth the full extractor's second look
# A fifth of the page's paragraph text: below it the body was lost (pull quotes and a promo
# out of a long feature); 0.4 sent 7 % of Scrapinghub's pages to the full extractor
# for no gain (bench/extraction.py), since <p> text also counts comments and teasers.
FAR_SHORTER = 0.2


def navigation_share(text: str) -> float:
    """Share of the text's characters in short lines that do not end like a sentence."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return 1.0
    nav = sum(len(ln) for ln in lines if len(ln.split()) < SHORT_LINE and not ln.endswith((".", "!", "?", "\"", "”")))
    return nav / max(1, sum(len(ln) for ln in lines))


def needs_full_extractor(text: str, paragraph_chars: int) -> bool:
    """The fast extraction lost the body: it is mostly navigation, shorter than a brief,
    or far shorter than the text the page holds in its paragraphs (``paragraph_chars``)."""
    if not text:
        return True
    return (navigation_share(text) > 0.5 or len(text) < SHORT_TEXT
            or (paragraph_chars >= 1000 and len(text) < FAR_SHORTER * paragraph_chars))


def _main_text(html: str, tree: Any, url: str | None, paragraph_chars: int) -> str:
    from trafilatura.utils import load_html

    text = _extract(tree if tree is not None else html, url, FAST)
    if FAST and needs_full_extractor(text, paragraph_chars):
        fresh = load_html(html)  # the first pass pruned the tree in place
        full = _extract(fresh if fresh is not None else html, url, fast=False, precise=False)
        if len(full) > len(text) or navigation_share(text) > 0.5 >= navigation_share(full):
            text = full
    if not text:  # pages trafilatura finds no main content in: fall back to its baseline
        import trafilatura

        try:
            _, text, _ = trafilatura.baseline(html)
        except Exception:
            text = ""
        text = (text or "").strip()
    return text


def _page_authors(author: str | None, facts: PageFacts, tree: Any, html: str, site: str | None,
                  host: str | None) -> list[str]:
    """The page's author statements, best first: trafilatura's (meta tags, JSON-LD,
    author markup), JSON-LD names with markup stripped, the byline under the headline, a
    labelled byline anywhere in the story, the ``<meta name="author">`` tag. The first
    source that names a person (after ``clean_authors``) wins; else the first that names
    anything (an agency-only byline is wire evidence)."""
    raw = [a.strip() for a in author.split(";") if a.strip()] if author else []
    if facts.jsonld_authors and (not raw or any("<" in a or "&lt;" in a for a in raw)):
        raw = facts.jsonld_authors  # markup inside JSON-LD author.name, stripped (page_facts)
    sources = (lambda: raw, lambda: list(facts.headline_byline),
               lambda: page_byline(tree) if tree is not None else [], lambda: _meta_author(html))
    first: list[str] = []
    for source in sources:
        names = source()
        if names and clean_authors(names, site, host):
            return names
        first = first or names
    return first


def _meta_author(html: str) -> list[str]:
    """trafilatura drops agency-only bylines ("AFP") from ``<meta name="author">``."""
    m = META_AUTHOR.search(html, 0, 40_000)  # the <head>
    return [m.group(1)] if m else []


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Main text and metadata of an HTML page; empty text when there is none.

    >>> extract_html("<html><body><article><p>" + "The council met. " * 10 + "</p></article></body></html>").text[:16]
    'The council met.'
    """
    tree = parse_page(html)
    meta = page_metadata(tree, url) if tree is not None else None
    facts = page_facts(tree) if tree is not None else PageFacts()
    published = visible_published(parse_date(getattr(meta, "date", None)) if meta is not None else None,
                                  facts.headline_dates)
    updated = _updated(tree, html, published)
    page_url = getattr(meta, "url", None) or url
    host = host_of(page_url)
    site = facts.site_name or facts.publisher or getattr(meta, "sitename", None)
    if site and is_site_name(site, None, host) and facts.publisher and not is_site_name(facts.publisher, None, host):
        site = facts.publisher  # a bare domain as og:site_name; the publisher has the name
    raw_authors = _page_authors(getattr(meta, "author", None) if meta is not None else None, facts, tree, html,
                                site, host)
    # The tree is then handed to the extractor, which prunes it in place: one parse.
    text = _main_text(html, tree, url, facts.paragraph_chars)
    partial = None
    if facts.free is False:
        partial = "paywall: the page marks the article as not free to read (isAccessibleForFree: false)"
    elif facts.paywall_gate:
        partial = "paywall: the page carries a subscription gate; only the text before it is available"
    return HtmlExtract(
        text=text, title=clean_title(getattr(meta, "title", None), facts.h1, facts.og_title, site, host),
        authors=[name for a in raw_authors for name in split_names(a)],
        outlet=outlet_of(facts.site_name, facts.publisher, None) or getattr(meta, "sitename", None) or host,
        url=page_url, published=published, updated=updated,
        language=getattr(meta, "language", None), partial=partial, facts=facts)
