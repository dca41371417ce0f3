"""User search text → safe FTS5 / PostgreSQL queries, and snippets → plain text with offsets.

Users type anything ("AND OR (", unbalanced quotes); we keep only words and quoted
phrases so no query can be a syntax error. Stemming is the back end's (SQLite FTS5
``porter`` tokenizer, PostgreSQL ``english`` configuration); on top of it each single
word is widened to its British/American spelling variants ("defence" → "defense"),
which no stemmer joins.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_PHRASE = re.compile(r'"([^"]+)"')
_WORD = re.compile(r"\w+", re.UNICODE)
_OPERATORS = {"and", "or", "not", "near"}
START, STOP = "\x02", "\x03"

# (British, American) word endings; each applies both ways. ``min_stem`` keeps short
# words out ("four" is not "for", "filled" is not "filed").
_SPELLINGS: list[tuple[str, str, int]] = [
    (r"ence", "ense", 3),                     # defence, offence, licence
    (r"our", "or", 3),                        # labour, harbour, honour
    (r"ours", "ors", 3), (r"oured", "ored", 3), (r"ouring", "oring", 3),
    (r"re", "er", 3),                         # centre, metre, theatre
    (r"res", "ers", 3),
    (r"ise", "ize", 3), (r"ised", "ized", 3), (r"ises", "izes", 3), (r"ising", "izing", 3),
    (r"isation", "ization", 3), (r"isations", "izations", 3),
    (r"yse", "yze", 3), (r"ysed", "yzed", 3), (r"ysing", "yzing", 3),
    (r"ogue", "og", 4), (r"ogues", "ogs", 4),  # catalogue, dialogue
    (r"lled", "led", 4), (r"lling", "ling", 4), (r"ller", "ler", 4),  # travelled, cancelling
    (r"gramme", "gram", 3), (r"grammes", "grams", 3),
    (r"dgement", "dgment", 2),
]


@dataclass
class Highlight:
    """One matched stretch of a search snippet: ``snippet[start:end]`` (characters)."""

    start: int
    end: int


def terms(query: str) -> list[str]:
    """Quoted phrases (kept together) and single words, operators dropped.

    >>> terms('"historic day" AND (patrol')
    ['historic day', 'patrol']
    """
    found: list[str] = []
    for phrase in _PHRASE.findall(query):
        words = _WORD.findall(phrase)
        if words:
            found.append(" ".join(words))
    rest = _PHRASE.sub(" ", query)
    found += [w for w in _WORD.findall(rest) if w.lower() not in _OPERATORS]
    return found


def spelling_variants(word: str) -> list[str]:
    """The word and its other-side-of-the-Atlantic spellings, lower case, word first.

    >>> spelling_variants("Defence")
    ['defence', 'defense']
    >>> spelling_variants("labor")
    ['labor', 'labour']
    >>> spelling_variants("four")
    ['four']
    """
    low = word.lower()
    found = [low]
    for british, american, min_stem in _SPELLINGS:
        for have, other in ((british, american), (american, british)):
            if low.endswith(have) and len(low) - len(have) >= min_stem:
                variant = low[: len(low) - len(have)] + other
                if variant not in found:
                    found.append(variant)
    return found


def _groups(query: str) -> list[list[str]]:
    """Per term, the alternatives to OR together (a phrase has only itself)."""
    return [[t] if " " in t else spelling_variants(t) for t in terms(query)]


def fts5_query(query: str, mode: str = "and") -> str:
    """An FTS5 MATCH expression; every term double-quoted (so never an operator).

    >>> fts5_query('defence "coast guard"')
    '("coast guard") AND ("defence" OR "defense")'
    """
    parts = ["(" + " OR ".join(f'"{t}"' for t in group) + ")" for group in _groups(query)]
    return (" OR " if mode == "or" else " AND ").join(parts)


def pg_query(query: str, mode: str = "and") -> str:
    """A ``to_tsquery`` string built only from words (``\\w+``), so never a syntax error.

    >>> pg_query('defence "coast guard"')
    '(coast <-> guard) & (defence | defense)'
    """
    parts = ["(" + " | ".join(t.replace(" ", " <-> ") for t in group) + ")" for group in _groups(query)]
    return (" | " if mode == "or" else " & ").join(parts)


def split_snippet(raw: str) -> tuple[str, list[Highlight]]:
    """The back end's snippet (matches between sentinel characters) as plain text and
    the offsets of each match in it.

    >>> split_snippet("a <b> \\x02hit\\x03 here")
    ('a <b> hit here', [Highlight(start=6, end=9)])
    """
    text, marks, start = [], [], None
    length = 0
    for ch in raw or "":
        if ch == START:
            start = length
        elif ch == STOP:
            if start is not None and length > start:
                marks.append(Highlight(start, length))
            start = None
        else:
            text.append(ch)
            length += 1
    return "".join(text), marks


def snippet_html(snippet: str, highlights: list[Highlight]) -> str:
    """Escaped snippet text with each highlight wrapped in <mark>…</mark>.

    >>> snippet_html("a <b> hit", [Highlight(6, 9)])
    'a &lt;b&gt; <mark>hit</mark>'
    """
    out, pos = [], 0
    for h in sorted(highlights, key=lambda h: h.start):
        out.append(html.escape(snippet[pos:h.start], quote=True))
        out.append("<mark>" + html.escape(snippet[h.start:h.end], quote=True) + "</mark>")
        pos = h.end
    out.append(html.escape(snippet[pos:], quote=True))
    return "".join(out)
