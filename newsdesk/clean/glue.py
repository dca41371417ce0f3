"""Words glued together where a scraper stripped markup ("Ostranderwaving", "dealwhich",
"BNNthe", "VNAMinister"): split them where word frequencies (wordfreq) say the split is
clearly better than the glued form.

A token is only considered when wordfreq does not know it at all. At a case boundary
("concernThe", "BNNthe", "VNAMinister") both parts must be known words (or occur on their
own in the same text). Without a case boundary ("dealwhich") the evidence must be
stronger: both parts common words (a name counts as one where the text uses it on its
own), together far likelier than an unknown word, and one of them used on its own
elsewhere in the text; and only in languages that do not form
compounds by gluing words (a German compound is not a glued pair).

The split runs on the clean text before any offset into it exists, so every later
annotation's offsets are consistent with it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

TOKEN = re.compile(r"(?<![\w@#/.-])[^\W\d_]{5,}(?![\w@/-])")
WORD = re.compile(r"[^\W\d_]+")
# Languages whose writing does not glue words into compounds; plain splits only there.
NON_COMPOUNDING = {"en", "fr", "es", "it", "pt", "ro", "ca", "pl", "cs", "ru", "uk", "id", "ms"}
MIN_PART_CASE = 1.5  # zipf of each part at a case boundary ("the" is 7.7, a news agency's acronym about 2)
MIN_PART_PLAIN = 3.0  # zipf of each part without a case boundary ("pact" 3.7, "which" 6.3)
MIN_PAIR_PLAIN = 7.0  # zipf(left) + zipf(right): an unknown word is rarer than 10^-9


@functools.lru_cache(maxsize=65536)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


@functools.lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())


def _case_points(word: str) -> list[int]:
    points = []
    for i in range(2, len(word) - 1):
        a, b = word[i - 1], word[i]
        if a.islower() and b.isupper() or a.isupper() and b.isupper() and word[i + 1].islower() and word[:i].isupper() or a.isupper() and b.islower() and word[:i].isupper() and word[i:].islower() and i >= 2:  # concern|The
            points.append(i)
    return points


def _split(word: str, lang: str, standalone: Counter[str], plain_ok: bool) -> int | None:
    """Where to split ``word``, or None."""
    if _zipf(word.lower(), lang) > 0 or standalone[word.lower()] > 1:
        return None

    def evidence(part: str) -> float:
        z = _zipf(part.lower(), lang)
        return max(z, 3.5) if standalone[part.lower()] else z

    best, best_score = None, 0.0
    for i in _case_points(word):
        left, right = evidence(word[:i]), evidence(word[i:])
        if min(left, right) >= MIN_PART_CASE and left + right > best_score:
            best, best_score = i, left + right
    if best is not None or not plain_ok or not word[1:].islower():
        return best
    for i in range(3, len(word) - 2):  # parts of 3+ letters: "Bod|oh" is no pair of words
        lp, rp = word[:i].lower(), word[i:].lower()
        left, right = evidence(lp), evidence(rp)
        if (min(left, right) >= MIN_PART_PLAIN and left + right >= MIN_PAIR_PLAIN
                and (standalone[lp] or standalone[rp]) and left + right > best_score):
            best, best_score = i, left + right
    return best


def split_glued(text: str, language: str | None = "en") -> str:
    """``text`` with glued word pairs split by a space.

    >>> split_glued("The deal was signed. Critics say the dealwhich Ostrander signed, and Ostranderwaving goodbye, ...")
    'The deal was signed. Critics say the deal which Ostrander signed, and Ostrander waving goodbye, ...'
    >>> split_glued("Reports from the BNNthe agency confirmed it.")
    'Reports from the BNN the agency confirmed it.'
    """
    lang = (language or "en").split("-")[0].lower()
    if lang not in _languages():
        lang = "en"
    standalone = Counter(w.lower() for w in WORD.findall(text))
    plain_ok = lang in NON_COMPOUNDING
    out, pos = [], 0
    for m in TOKEN.finditer(text):
        cut = _split(m.group(0), lang, standalone, plain_ok)
        if cut is None:
            continue
        out.append(text[pos:m.start() + cut] + " ")
        pos = m.start() + cut
    out.append(text[pos:])
    return "".join(out)
