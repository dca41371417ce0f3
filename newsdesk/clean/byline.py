"""Labelled bylines printed anywhere in a page's visible text: "Autor: Ana Ruiz",
"Ein Artikel von Ana Ruiz | 27.01.2022", "par Tom Ashby, 21 juin 2018", "Posted by Lea".

The fallback for pages whose markup names no author: the label is what tells a byline
from a sentence, so a line counts only when it opens with a byline label, goes on with
capitalised name words and then ends or turns to a separator, a date or "am"/"on". A weak
label ("by", "von", "par") needs full names of two words or more ("Von Montag bis
Freitag" is none); a strong one ("Autor:", "Written by") takes a single name too.
Lines inside comment threads, related-story boxes, sidebars and navigation are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

STRONG = (r"written by|posted by|geschrieben von|verfasst von|ein (?:artikel|beitrag|text|bericht) von|"
          r"publié par|escrito por|autor(?:in|en|innen)?|author|auteur|redakteur(?:in)?|redaktion")
WEAK = r"by|von|par|por|door|di|av|af|text|texto"
_LABEL = rf"(?i:(?P<strong>{STRONG})|(?P<weak>{WEAK}))"  # names stay case-sensitive: capitals
NAME = r"(?:(?=[A-ZÀ-ÞĀ-Ž])[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?)"
PARTICLE = r"(?:von|van|de|da|del|der|den|di|du|le|la|ten|ter|zu)"
FULL = rf"{NAME}(?:\s+(?:{PARTICLE}\s+)?{NAME}){{0,3}}"
JOIN = r"\s*(?:,|\bund\b|\band\b|&|\bet\b|\by\b)\s*"
LINE = re.compile(rf"^[^\w]{{0,6}}{_LABEL}\s*:?\s+(?P<names>{FULL}(?:{JOIN}{FULL})*)(?P<rest>.*)$", re.S)
# What may follow the names on a byline line: nothing, a separator, a date, "am"/"on"/"le".
REST = re.compile(r"^\s*(?:$|[|/·•,–—(-]|\d|(?:am|on|le|el|il|op|den|vom|at|um)\b)", re.I)
_HINT = "|".join(sorted({w for w in re.findall(r"[a-zé]+", STRONG + "|" + WEAK)}, key=len, reverse=True))
HINT = re.compile(rf"^\W{{0,6}}(?:{_HINT})", re.I)  # a text that may open a byline
OFF_STORY = re.compile(r"comment|related|teaser|sidebar|widget|recommend|outbrain|taboola|promo|newsletter|"
                       r"footer", re.I)
STORY_BOX = re.compile(r"article|entry|post|story|artikel", re.I)  # the story's own footer holds its byline
INLINE = {"a", "span", "em", "strong", "b", "i", "small", "font", "time", "label", "h5", "h6", "cite", "u"}
SKIP = {"script", "style", "noscript", "template", "title", "option", "button"}
MAX_LINE = 160


def byline_names(line: str) -> list[str]:
    """The names of one labelled byline line; empty when the line is no byline.

    >>> byline_names("Ein Artikel von Lea Brandt | 27.01.2022 - 12:45")
    ['Lea Brandt']
    >>> byline_names("Autor: Rechtsanwalt Jonas Ekberg")
    ['Rechtsanwalt Jonas Ekberg']
    >>> byline_names("Von Montag bis Freitag geöffnet")
    []
    """
    line = re.sub(r"\s+", " ", line).strip()
    m = LINE.match(line[:MAX_LINE])
    if not m or not REST.match(m.group("rest")):
        return []
    names = [n.strip(" .") for n in re.split(JOIN, m.group("names")) if n.strip(" .")]
    if m.group("weak") and not all(len(n.split()) >= 2 for n in names):
        return []
    return names


def _off_story(el: Any) -> bool:
    for anc in el.iterancestors():
        if anc.tag in ("body", "html"):  # page-wide classes ("has-sidebar") say nothing of the box
            break
        names = f"{anc.get('class', '')} {anc.get('id', '')}"
        off = anc.tag in ("aside", "nav", "footer") or (OFF_STORY.search(names) and not STORY_BOX.search(names))
        if off and anc.find(".//h1") is None:  # a layout box holding the headline ("one-sidebar") is the page
            return True
    return False


def _candidates(root: Any) -> Iterator[tuple[Any, str]]:
    """(element whose text holds it, text) for each text that may open a byline, in
    document order (a plain walk with one compiled pattern: a regex XPath costs 10x)."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            if el.tail and HINT.match(el.tail) and el.getparent() is not None:
                yield el.getparent(), el.tail
            continue
        if el.tag in SKIP:
            continue
        if el.text and HINT.match(el.text):
            yield el, el.text
        if el.tail and HINT.match(el.tail) and el.getparent() is not None:
            yield el.getparent(), el.tail


def page_byline(tree: Any) -> list[str]:
    """Names of the first labelled byline in the page's visible text (document order);
    empty when there is none. ``tree`` is an lxml HTML tree; it is not modified.

    >>> from lxml import html
    >>> page_byline(html.fromstring("<html><body><h1>Bridge opens</h1><div><h5>Autor: </h5>Mira Solberg</div>"
    ...                             "<p>The bridge opened on Monday.</p></body></html>"))
    ['Mira Solberg']
    """
    seen: set[Any] = set()  # the elements themselves: ids of lxml proxies are reused
    body = tree.find(".//body")
    for start, text in _candidates(body if body is not None else tree):
        block = start
        while block.tag in INLINE and block.getparent() is not None:
            block = block.getparent()
        content = re.sub(r"\s+", " ", block.text_content())
        at = content.find(text.strip()[:20])
        if (block, at) in seen:
            continue
        seen.add((block, at))
        names = byline_names(content[max(0, at):]) if at >= 0 else []
        if names and not _off_story(block):
            return names
    return []
