"""Metadata hygiene: headlines without site suffixes or CMS placeholders, authors that are
people, and the outlet from the page's own statements.

Every rule compares a field with the page's other statements (its ``<h1>``, ``og:title``,
site name, domain, dateline) or with general shapes (template code, dates); none knows a
site.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlparse

from newsdesk.clean.dates import find_dates
from newsdesk.clean.page import plain

TEMPLATE = re.compile(r"\{\{|\}\}|\{%|%\}|<%|%>|\$\{|\[\[|\]\]|\[object |^(?:null|undefined|none|nan|true|false)$",
                      re.I)
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|«|»|•|/)\s+")
BYLINE_PREFIX = re.compile(r"^(?:by|von|par|por|di|door|av|af|de|from|text|texto|autor|author|written by)\s*:?\s+",
                           re.I)
NAME_JOINERS = re.compile(r"\s*;\s*|\s+(?:and|und|&|y|et|och|og)\s+", re.I)
# Words of a page's byline furniture that extractors take for a one-word author
# ("Posted", "Follow", "Name:", "Datum"): labels and buttons, never a person.
LABEL_WORDS = {"posted", "follow", "name", "datum", "date", "by", "von", "author", "autor", "autorin", "share",
               "teilen", "written", "published", "veröffentlicht", "updated", "aktualisiert", "admin", "unknown"}
UPPER_ORG = re.compile(r"^[A-Z0-9][A-Z0-9.&/-]{1,7}$")


def letters(text: str | None) -> str:
    """Case-folded letters and digits only ("Example Daily.de" → "exampledailyde")."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(c for c in text if c.isalnum())


# A web-archive snapshot address carries the original address after a timestamp
# (Wayback Machine: https://web.archive.org/web/20150408000000/https://example.org/a;
# archive.today: https://archive.ph/o/AbCd/https://example.org/a).
_ARCHIVED = re.compile(r"^https?://(?:web\.)?archive\.org/web/[^/]+/(.+)$|^https?://archive\.\w+/\w+/[^/]+/(.+)$",
                       re.IGNORECASE)


def original_url(url: str) -> str:
    """The archived page's own address for a web-archive snapshot URL, else ``url``.

    >>> original_url("https://web.archive.org/web/20160115000000/http://www.example.org/a")
    'http://www.example.org/a'
    """
    m = _ARCHIVED.match(url.strip())
    if not m:
        return url
    inner = m.group(1) or m.group(2)
    return inner if re.match(r"^https?://", inner, re.IGNORECASE) else "http://" + inner


def host_of(url: str | None) -> str | None:
    """The URL's host without "www." (None for pseudo-URLs); for a web-archive snapshot,
    the host of the page archived."""
    if not url:
        return None
    host = (urlparse(original_url(url)).hostname or "").removeprefix("www.")
    return host if "." in host else None


def is_site_name(text: str, site: str | None, host: str | None) -> bool:
    """Does ``text`` name the site itself (its stated name, or its domain)? A full name
    that only equals the domain without its suffix is kept: personal sites are named
    after their authors ("Ana Ruiz" on anaruiz.example).

    >>> is_site_name("Example Daily De", None, "example-daily.de")
    True
    >>> is_site_name("Ana Ruiz", None, "anaruiz.example")
    False
    """
    key = letters(text)
    if len(key) < 2:
        return False
    if site and key == letters(site):
        return True
    if host:
        full = letters(host)
        stem = letters(host.rsplit(".", 1)[0])
        if key == full:
            return True
        one_word = len(text.split()) == 1
        return one_word and (key == stem or (len(key) >= 4 and key == letters(host.split(".")[0])))
    return False


def is_placeholder(text: str | None) -> bool:
    """Template code or a CMS placeholder where a value should be."""
    return bool(text) and bool(TEMPLATE.search(text.strip()))


def _loose(text: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "").casefold()).strip(" .")


def clean_title(title: str | None, h1: str | None, og_title: str | None, site: str | None,
                host: str | None) -> str | None:
    """The headline: the page's ``<h1>`` where it and ``og:title`` agree but the extracted
    title does not (a CMS placeholder), and site names, domains and dates cut from the ends.

    >>> clean_title("Bridge opens | The Courier | 19.01.2020", None, None, "The Courier", None)
    'Bridge opens'
    >>> clean_title("escenic", "Bridge opens", "Bridge opens", None, None)
    'Bridge opens'
    """
    title = plain(title) if title else None
    agree = h1 and og_title and _loose(h1) == _loose(og_title) and _loose(title) != _loose(h1)
    if agree and (not title or is_placeholder(title) or _loose(h1) not in _loose(title) or len(title.split()) <= 1):
        return h1
    if not title or is_placeholder(title):
        return h1 or og_title or None
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) == 1:
        return title
    seps = TITLE_SEPARATORS.findall(title)
    for anchor in (h1, og_title):  # the headline the page shows, where it is one of the parts
        if anchor and _loose(anchor) != _loose(title):
            for i in range(len(parts)):
                for j in range(i + 1, len(parts) + 1):
                    if _loose(_join(parts[i:j], seps[i:j - 1])) == _loose(anchor):
                        return _join(parts[i:j], seps[i:j - 1])
    while len(parts) > 1 and _furniture_part(parts[-1], site, host, seps[-1]):
        parts, seps = parts[:-1], seps[:-1]
    while len(parts) > 1 and _furniture_part(parts[0], site, host, seps[0]):
        parts, seps = parts[1:], seps[1:]
    return _join(parts, seps)


def _join(parts: list[str], seps: list[str]) -> str:
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=False):
        out += sep + part
    return out


def _furniture_part(part: str, site: str | None, host: str | None, sep: str) -> bool:
    part = part.strip()
    if is_site_name(part, site, host) or (site and letters(site) and letters(site) in letters(part)
                                          and len(part) <= len(site) + 12):
        return True
    if find_dates(part) and len(part) <= 30:
        return True
    return bool(host and letters(host.split(".")[0]) and letters(host.split(".")[0]) == letters(part))


def split_names(author: str) -> list[str]:
    """One byline string → names: markup stripped, "By"/"Von" dropped, split on ";" and
    "and"/"und"/"&", and on commas where every part is a full name.

    >>> split_names("Von Ana Ruiz, Tom Ashby und Lea Brandt")
    ['Ana Ruiz', 'Tom Ashby', 'Lea Brandt']
    >>> split_names("Doe, Jane")
    ['Doe, Jane']
    """
    text = BYLINE_PREFIX.sub("", plain(author)).strip(" ,;|")
    out: list[str] = []
    for chunk in NAME_JOINERS.split(text):
        chunk = BYLINE_PREFIX.sub("", chunk.strip(" ,;|"))
        parts = [p.strip() for p in chunk.split(",") if p.strip()]
        if len(parts) > 1 and (sum(len(p.split()) >= 2 for p in parts) >= len(parts) - 1):
            out.extend(parts)
        elif chunk:
            out.append(chunk)
    return [n for n in out if n]


def clean_authors(authors: list[str], site: str | None, host: str | None,
                  places: tuple[str, ...] = ()) -> list[str]:
    """Authors that are people: names split, template code, the site's own name, places
    (the dateline's) and organisation acronyms trailing a list of people dropped.

    >>> clean_authors(["Ana Ruiz and Tom Ashby, Metro News"], "Metro News", None)
    ['Ana Ruiz', 'Tom Ashby']
    >>> clean_authors(["{{ page.metaAuthor }}", "Example Daily De"], None, "example-daily.de")
    []
    """
    names: list[str] = []
    for author in authors:
        if not author or is_placeholder(author):
            continue
        for name in split_names(author):
            if is_placeholder(name) or is_site_name(name, site, host) or len(name) > 80:
                continue
            if name.strip(" :.").casefold() in LABEL_WORDS:
                continue
            if any(letters(name) == letters(p) for p in places if p):
                continue
            if site and letters(site) and letters(name) in (letters(site), letters(site).removeprefix("the")):
                continue
            if name not in names:
                names.append(name)
    people = [n for n in names if len(n.split()) >= 2]
    if people and len(names) > len(people):  # "A, B und C, NDR": the acronym is the outlet
        names = [n for n in names if not UPPER_ORG.match(n)]
    return names


def outlet_of(site: str | None, publisher: str | None, host: str | None) -> str | None:
    """The outlet: the site's stated name, its JSON-LD publisher, else its domain."""
    for value in (site, publisher):
        if value and not is_placeholder(value) and not value.startswith(("http://", "https://")):
            return value.lstrip("@").strip() or None
    return host
