"""User search text → safe FTS5 / PostgreSQL queries, and snippets → plain text with offsets.

Users type anything ("AND OR (", unbalanced quotes); we keep only words and quoted
phrases so no query can be a syntax error. Stemming is the back end's (SQLite FTS5
``porter`` tokenizer, PostgreSQL ``english`` configuration); on top of it each single
word is widened to its British/American spelling variants ("defence" → "defense"),
which no stemmer joins.

Snippets are cut from the stored text as plain text, and the matches are given as
character offsets into the snippet (``Highlight``), found from the text itself: no
marker characters are ever interpreted, so a report cannot fake or inject highlights.
Pages escape the snippet and add ``<mark>`` from the offsets (``snippet_html``).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

_PHRASE = re.compile(r'"([^"]+)"')
_WORD = re.compile(r"\w+", re.UNICODE)
_OPERATORS = {"and", "or", "not", "near"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SUFFIXES = ("ing", "ed", "es", "s", "ly")

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
    """Character spans ``[start, end)`` of ``text`` that match a word (or one of its
    spelling variants) or a quoted phrase of ``query``, in text order, not overlapping.

    >>> match_offsets("Patrol vessels patrolled the bay.", 'patrol "the bay"')
    [(0, 6), (15, 24), (25, 32)]
    >>> match_offsets("The defense budget", "defence")
    [(4, 11)]
    """
    tokens = [(m.start(), m.end(), _fold(m.group())) for m in _WORD.finditer(text)]
    spans: list[tuple[int, int]] = []
    for group in _groups(query):
        for term in group:
            words = [_fold(w) for w in _WORD.findall(term)]
            n = len(words)
            for i in range(len(tokens) - n + 1) if n else ():
                if all(tokens[i + k][2] == words[k] for k in range(n)):
                    spans.append((tokens[i][0], tokens[i + n - 1][1]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, query: str, words: int = 30) -> tuple[str, list[Highlight]]:
    """About ``words`` words of ``text`` around the densest run of matches, as plain
    text ("…" marks a cut; control characters become spaces), and the offsets of each
    match in it.

    >>> snippet("Ann <b> met the patrol \x02boat\x03.", "patrol")
    ('Ann <b> met the patrol  boat .', [Highlight(start=16, end=22)])
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
    prefix = "…" if lo > 0 else ""
    body = _CONTROL.sub(" ", text[lo:hi])
    stripped = body.rstrip()
    marks = [Highlight(len(prefix) + max(a, lo) - lo, len(prefix) + min(b, lo + len(stripped)) - lo)
             for a, b in spans if b > lo and a < lo + len(stripped)]
    return prefix + stripped + (" …" if hi < len(text) else ""), marks


def snippet_html(text: str, highlights: list[Highlight]) -> str:
    """Escaped snippet text with each highlight wrapped in <mark>…</mark>, the only
    markup added.

    >>> snippet_html("a <b> hit", [Highlight(6, 9)])
    'a &lt;b&gt; <mark>hit</mark>'
    """
    out, pos = [], 0
    for h in sorted(highlights, key=lambda h: h.start):
        out.append(html.escape(text[pos:h.start], quote=True))
        out.append("<mark>" + html.escape(text[h.start:h.end], quote=True) + "</mark>")
        pos = h.end
    out.append(html.escape(text[pos:], quote=True))
    return "".join(out)
