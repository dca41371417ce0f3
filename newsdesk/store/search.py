"""User search text → safe FTS5 / PostgreSQL queries, and snippets → safe HTML.

Users type anything ("AND OR (", unbalanced quotes); we keep only words and quoted
phrases so no query can be a syntax error. Snippets are cut from the stored text and
highlighted from the character offsets of the matched words: every text piece is
escaped and ``<mark>`` is only ever our own markup (no marker characters in the text
are interpreted, so a report cannot inject markup through them).
"""

from __future__ import annotations

import html
import re
import unicodedata

_PHRASE = re.compile(r'"([^"]+)"')
_WORD = re.compile(r"\w+", re.UNICODE)
_OPERATORS = {"and", "or", "not", "near"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SUFFIXES = ("ing", "ed", "es", "s", "ly")


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


def _fold(word: str) -> str:
    """Lower case, no diacritics, a common English suffix removed (matching is for
    highlighting only; which articles match is the store's full-text index's call)."""
    word = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) >= 4 and word[-1] == word[-2]:  # patrolled → patroll → patrol
        word = word[:-1]
    return word


def match_offsets(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans ``[start, end)`` of ``text`` that match a word or a quoted
    phrase of ``query``, in text order, not overlapping.

    >>> match_offsets("Patrol vessels patrolled the bay.", 'patrol "the bay"')
    [(0, 6), (15, 24), (25, 32)]
    """
    tokens = [(m.start(), m.end(), _fold(m.group())) for m in _WORD.finditer(text)]
    spans: list[tuple[int, int]] = []
    for term in terms(query):
        words = [_fold(w) for w in _WORD.findall(term)]
        if not words:
            continue
        n = len(words)
        for i in range(len(tokens) - n + 1):
            if all(tokens[i + k][2] == words[k] for k in range(n)):
                spans.append((tokens[i][0], tokens[i + n - 1][1]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _clean(piece: str) -> str:
    return html.escape(_CONTROL.sub(" ", piece), quote=True)


def snippet_html(text: str, query: str, words: int = 30) -> str:
    """About ``words`` words of ``text`` around the densest run of matches, escaped,
    with each match in ``<mark>…</mark>`` placed from its offsets; "…" marks a cut.

    >>> snippet_html("Ann <b> met the patrol \x02boat\x03.", "patrol")
    'Ann &lt;b&gt; met the <mark>patrol</mark>  boat .'
    """
    spans = match_offsets(text, query)
    starts = [m.start() for m in _WORD.finditer(text)]
    if len(starts) <= words:
        lo, hi = 0, len(text)
    else:
        best, first = -1, 0
        for i in range(0, len(starts) - words + 1, max(1, words // 4)):
            a, b = starts[i], starts[i + words - 1]
            count = sum(1 for s0, _ in spans if a <= s0 <= b)
            if count > best:
                best, first = count, i
        lo = starts[first] if first else 0
        last = first + words
        hi = starts[last] if last < len(starts) else len(text)
    parts = ["…"] if lo > 0 else []
    pos = lo
    for start, end in spans:
        if end <= lo or start >= hi:
            continue
        start, end = max(start, lo), min(end, hi)
        parts += [_clean(text[pos:start]), "<mark>", _clean(text[start:end]), "</mark>"]
        pos = end
    parts.append(_clean(text[pos:hi]).rstrip())
    if hi < len(text):
        parts.append(" …")
    return "".join(parts).strip()
