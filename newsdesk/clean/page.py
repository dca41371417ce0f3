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

from lxml import etree

from newsdesk.clean.dates import find_dates

ARTICLE_TYPES = re.compile(r"article|posting|report|newsarticle|blog", re.I)
TAG = re.compile(r"<[^>]+>")
PAYWALL_CLASS = re.compile(r"pay-?wall|subscriber-only|premium-(?:gate|wall)|regwall|meter-?wall")  # lower-cased input
CLASS_NAMES = etree.XPath("//@class | //@id", smart_strings=False)
PARAGRAPH_TEXT = etree.XPath("//p//text()", smart_strings=False)


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
    headline_byline: list[str] = field(default_factory=list)


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


HEADLINE_REACH = 500  # characters after the headline where its dateline stands
BYLINE_REACH = 500  # characters after the headline where its byline stands


SKIP = {"script", "style", "noscript", "template"}


def _texts(el: Any, budget: int) -> list[str]:
    """The visible text pieces of ``el``, about ``budget`` characters of them."""
    out: list[str] = []
    for node in el.iter():
        if isinstance(node.tag, str) and node.tag not in SKIP and node.text and node.text.strip():
            out.append(node.text.strip())
            budget -= len(out[-1])
        if node is not el and node.tail and node.tail.strip():
            out.append(node.tail.strip())
            budget -= len(out[-1])
        if budget <= 0:
            break
    return out


def _beside(h1: Any, limit: int, preceding: bool, sep: str = " ") -> str:
    """Visible text next to ``h1`` in reading order (after it, or before it), up to
    ``limit`` characters: siblings first, then the siblings of its ancestors, never
    beyond the ``<article>`` that holds it."""
    parts: list[str] = []
    size, node = 0, h1
    if not preceding and h1.tail and h1.tail.strip():
        parts.append(h1.tail.strip())
    while node is not None and size < limit:
        for sib in node.itersiblings(preceding=preceding):
            if not isinstance(sib.tag, str) or sib.tag in SKIP:
                continue
            texts = _texts(sib, limit - size) + ([sib.tail.strip()] if sib.tail and sib.tail.strip() and not preceding else [])
            parts.extend(reversed(texts) if preceding else texts)
            size += sum(len(t) for t in texts)
            if size >= limit:
                break
        node = node.getparent()
        if node is not None and node.tag == "article":
            break  # the headline's own article ends here; what follows is other stories
    if preceding:
        parts.reverse()
    text = sep.join(parts)
    return text[-limit:] if preceding else text[:limit]


# A byline printed under the headline: a capitalised byline word ("By", "Von", "Par",
# "Por", "Door", "Di", "Av", "Text:", "Autor:") and two to four capitalised name words.
_NAME = r"[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?"
HEADLINE_BYLINE = re.compile(
    r"(?:^|[\s|·•,])(?:By|BY|Von|VON|Par|PAR|Por|POR|Door|Di|Av|Text|Texto|Autor|Autorin|Author|Written by)\s*:?\s+"
    rf"((?=[A-ZÀ-ÞĀ-Ž]){_NAME}(?:\s+(?:(?:von|van|de|da|del|der|den|di|du|le|la|ten|ter)\s+)?(?=[A-ZÀ-ÞĀ-Ž]){_NAME}){{1,3}}"
    rf"(?:\s*(?:,|und|and|&|et|y)\s+(?=[A-ZÀ-ÞĀ-Ž]){_NAME}(?:\s+(?=[A-ZÀ-ÞĀ-Ž]){_NAME}){{1,3}})*)")


def _headline_facts(h1: Any) -> tuple[list[datetime], list[str]]:
    """Dates printed next to the headline (the first lines after it, then a kicker line
    before it: "Original research · 7 April 2020"), nearest first; and the byline under it."""
    after_text = _beside(h1, HEADLINE_REACH, preceding=False)
    after = [d for d, _, _ in find_dates(after_text)]
    before = [d for d, _, _ in reversed(find_dates(_beside(h1, 120, preceding=True)))]
    for line in _beside(h1, BYLINE_REACH, preceding=False, sep="\n").splitlines():  # a byline is one line
        m = HEADLINE_BYLINE.search(line)
        if m:
            return after + before, [m.group(1).strip()]
    return after + before, []


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
        facts.headline_dates, facts.headline_byline = _headline_facts(headline)
    facts.site_name = _meta(tree, "og:site_name")
    _jsonld(tree, facts)
    facts.paragraph_chars = sum(len(t.strip()) for t in PARAGRAPH_TEXT(tree))
    if PAYWALL_CLASS.search(" ".join(CLASS_NAMES(tree)).lower()):  # one scan; the element walk only when named
        facts.paywall_gate = any(
            el.tag not in ("body", "html", "script") and len((el.text_content() or "").strip()) >= 20
            for el in tree.iter() if isinstance(el.tag, str)
            and PAYWALL_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}".lower()))
    return facts
