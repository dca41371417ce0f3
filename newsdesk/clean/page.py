"""What an HTML page says about itself, read from the parsed tree before extraction prunes
it: headline (``<h1>``, ``og:title``), site name (``og:site_name``, JSON-LD publisher),
JSON-LD authors, paywall signals and how much paragraph text the page holds.

All rules are structural (schema.org fields, Open Graph properties, element kinds and
class names that say "paywall"), never tied to one site.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsdesk.clean.dates import find_dates

ARTICLE_TYPES = re.compile(r"article|posting|report|newsarticle|blog", re.I)
TAG = re.compile(r"<[^>]+>")
PAYWALL_CLASS = re.compile(r"pay-?wall|subscriber-only|premium-(?:gate|content|wall)|regwall|meter-?wall", re.I)


@dataclass
class PageFacts:
    """Facts of one page. ``free`` is JSON-LD ``isAccessibleForFree`` (None: not stated);
    ``paywall_gate`` is True when an element named as a paywall carries text;
    ``paragraph_chars`` counts the characters of all ``<p>`` elements (the page's main
    text, roughly, for judging whether an extraction lost the body)."""

    h1: str | None = None
    og_title: str | None = None
    site_name: str | None = None
    publisher: str | None = None
    jsonld_authors: list[str] = field(default_factory=list)
    free: bool | None = None
    paywall_gate: bool = False
    paragraph_chars: int = 0
    headline_dates: list[datetime] = field(default_factory=list)


def plain(value: str) -> str:
    """Markup and entities stripped, whitespace collapsed ("<b>Ana</b>&nbsp;Ruiz" → "Ana Ruiz")."""
    return re.sub(r"\s+", " ", htmllib.unescape(TAG.sub(" ", value))).strip()


def _walk(node: Any) -> Iterator[dict]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            if isinstance(value, dict | list):
                yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [plain(value)] if plain(value) else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _types(node: dict) -> str:
    kind = node.get("@type", "")
    return " ".join(kind) if isinstance(kind, list) else str(kind)


def _jsonld(tree: Any, facts: PageFacts) -> None:
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue
        for node in _walk(data):
            if not ARTICLE_TYPES.search(_types(node)):
                continue
            free = node.get("isAccessibleForFree")
            if isinstance(free, str):
                free = {"false": False, "true": True}.get(free.strip().lower())
            if isinstance(free, bool):
                facts.free = free if facts.free is None else (facts.free and free)
            if not facts.jsonld_authors:
                facts.jsonld_authors = _names(node.get("author"))
            if not facts.publisher:
                names = _names(node.get("publisher"))
                facts.publisher = names[0] if names else None


def _meta(tree: Any, prop: str) -> str | None:
    for el in tree.iterfind(f'.//meta[@property="{prop}"]'):
        content = plain(el.get("content") or "")
        if content:
            return content
    return None


VISIBLE_TEXT = "[not(ancestor::script or ancestor::style or ancestor::noscript)]"
HEADLINE_REACH = 500  # characters after the headline where its dateline stands


def _headline_dates(h1: Any) -> list[datetime]:
    """Dates printed next to the headline: a few text nodes before it (a kicker line
    "Original research · 7 April 2020") and the first lines after it (byline, dateline)."""
    before = " ".join(t.strip() for t in h1.xpath(f"preceding::text(){VISIBLE_TEXT}[position() <= 6]"))
    after, size = [], 0
    for t in h1.xpath(f"following::text(){VISIBLE_TEXT}[position() <= 60]"):
        after.append(t.strip())
        size += len(t.strip())
        if size > HEADLINE_REACH:
            break
    # nearest first: the dates after the headline in reading order, then those before it
    return ([d for d, _, _ in find_dates(" ".join(after)[:HEADLINE_REACH])]
            + [d for d, _, _ in reversed(find_dates(before[-120:]))])


def page_facts(tree: Any) -> PageFacts:
    """Read the facts of a parsed page (an lxml tree; not modified).

    >>> from lxml import html
    >>> f = page_facts(html.fromstring('<html><head><meta property="og:site_name" content="The Courier"></head>'
    ...                                '<body><h1>Bridge opens</h1><p>Text.</p></body></html>'))
    >>> f.h1, f.site_name, f.paragraph_chars
    ('Bridge opens', 'The Courier', 5)
    """
    facts = PageFacts()
    h1s = [(h, plain(h.text_content())) for h in tree.iter("h1")]
    h1s = [(h, text) for h, text in h1s if text]
    facts.h1 = h1s[0][1] if len(h1s) == 1 else None
    facts.og_title = _meta(tree, "og:title")
    headline = h1s[0][0] if len(h1s) == 1 else next(
        (h for h, text in h1s if facts.og_title and text.casefold() == facts.og_title.casefold()), None)
    if headline is not None:
        facts.headline_dates = _headline_dates(headline)
    facts.site_name = _meta(tree, "og:site_name")
    _jsonld(tree, facts)
    for el in tree.iter("p"):
        facts.paragraph_chars += len((el.text_content() or "").strip())
    for el in tree.xpath('//*[@class or @id][not(self::script or self::style or self::body or self::html)]'):
        named = PAYWALL_CLASS.search((el.get("class") or "") + " " + (el.get("id") or ""))
        if named and len((el.text_content() or "").strip()) >= 20:
            facts.paywall_gate = True
            break
    return facts
