"""User search text → safe FTS5 / PostgreSQL queries, and snippets → safe HTML.

Users type anything ("AND OR (", unbalanced quotes); we keep only words and quoted
phrases so no query can be a syntax error, and we escape snippets before adding <mark>.
"""

from __future__ import annotations

import html
import re

_PHRASE = re.compile(r'"([^"]+)"')
_WORD = re.compile(r"\w+", re.UNICODE)
_OPERATORS = {"and", "or", "not", "near"}
START, STOP = "\x02", "\x03"


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


def fts5_query(query: str, mode: str = "and") -> str:
    """An FTS5 MATCH expression; every term double-quoted (so never an operator)."""
    parts = [f'"{t}"' for t in terms(query)]
    return (" OR " if mode == "or" else " ").join(parts)


def pg_query(query: str, mode: str = "and") -> str:
    """A ``websearch_to_tsquery`` string with only words and phrases."""
    parts = [f'"{t}"' if " " in t else t for t in terms(query)]
    return (" or " if mode == "or" else " ").join(parts)


def mark_snippet(raw: str) -> str:
    """Escape the snippet text, then turn the sentinel markers into <mark>…</mark>.

    >>> mark_snippet("a <b> \\x02hit\\x03")
    'a &lt;b&gt; <mark>hit</mark>'
    """
    return html.escape(raw or "", quote=True).replace(START, "<mark>").replace(STOP, "</mark>")
