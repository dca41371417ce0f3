"""The dossier's own defence against page furniture the cleaner left in the text.

A sentence of the page rather than of the report (a rights line, a share prompt, a
link, a time stamp, video-player labels, a tip-line number) must never become a claim,
a side of a discrepancy or a summary sentence. Each sentence unit gets a small score
from independent signs of page furniture; a score of at least ``FURNITURE`` marks it:

=========  ======  ==========================================================================
sign       weight  what it looks at
=========  ======  ==========================================================================
link       1.0     a URL or a bare web address
rights     1.0     rights and legal vocabulary (copyright, "all rights reserved", "may not be
                   redistributed", terms of use, privacy policy)
stamp      1.0     a publication stamp: after its dates, times and stamp words ("posted",
                   "updated") nothing is left (one word when it names the stamp)
phone      1.0     a telephone number (tip lines, hotlines)
gallery    1.0     a gallery counter ("Image 5 of 40"): a caption, not the report
reader     0.6     it speaks to the reader: "you"/"your" outside quotation marks, or it opens
                   with a page action verb ("Read", "Share", "Click", "Watch", "Follow")
labels     0.5     four or more words without one lowercase function word ("CLOSE Skip in
                   Skip x Embed x Share": interface labels)
ui         0.5     page-action words (share, embed, tweet, subscribe, newsletter, skip …)
echo       1.0     the same sentence word for word in reports of different origins while
                   almost none of its content words occur anywhere else in the story
=========  ======  ==========================================================================

Only the whole sentence's score counts, so one weak sign (a quote saying "you") never
removes a sentence on its own.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from newsdesk.crossdoc.corpus import Corpus

FURNITURE = 1.0

LINK = re.compile(r"https?://|\bwww\.|\b[\w-]+\.(?:com|org|net|gov|edu|co\.uk|tv)(?:/|\b)", re.I)
RIGHTS = re.compile(r"\bcopyright\b|©|\ball rights reserved\b|\bmay not be (?:re)?(?:published|broadcast|rewritten|"
                    r"redistributed|reproduced)|\bterms of (?:use|service)\b|\bprivacy policy\b|\bcookie", re.I)
STAMP_WORD = re.compile(r"\b(?:posted|updated|published|last modified|modified|created|print|email|share|"
                        r"a\.?m\.?|p\.?m\.?|[ecmp][sd]t|gmt|utc|at|on|by)\b", re.I)
STAMP_HEAD = re.compile(r"\b(?:posted|updated|published|last modified)\b", re.I)
PAREN_STAMP = re.compile(r"\(\s*(?:posted|updated|published|last modified)\b[^()]{0,60}\)", re.I)
DATE_WORD = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
                       r"sept|oct|nov|dec)[a-z]*\.?|\b\d{1,4}(?::\d\d)?\b|\b(?:today|yesterday)\b", re.I)
PHONE = re.compile(r"(?:\(\d{3}\)\s?|\b\d{3}[-.\s])\d{3}[-.\s]?[\dA-Z]{4}\b|\b\d{3}-(?:[A-Z]{4,}|\d{4})\b|\b1-800-")
READER = re.compile(r"\byou(?:r|rs)?\b", re.I)
ACTION_START = re.compile(r"^\W*(?:read|share|click|tap|watch|subscribe|sign up|follow|download|like us|comment|"
                          r"email|print|tweet|skip|close|see (?:more|also)|view|join|listen|get the)\b", re.I)
GALLERY = re.compile(r"\b(?:image|photo|picture|slide|video)\s+\d+\s+of\s+\d+\b", re.I)
UI = re.compile(r"\b(?:share|embed|tweet|subscribe|newsletter|skip|click|sign up|log in|download|app|video|"
                r"photo|gallery|slideshow|advertisement|sponsored)\b", re.I)
FUNCTION = {"the", "a", "an", "of", "to", "in", "on", "and", "was", "is", "are", "were", "for", "with", "at",
            "by", "from", "that", "he", "she", "they", "it", "his", "her", "has", "have", "had", "said", "be"}
QUOTE_MARK = re.compile(r"[\"“”]")
QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
CONTENT = re.compile(r"[a-z]{4,}")
CONTENT_STOP = {"that", "this", "with", "from", "have", "been", "were", "will", "would", "their", "there", "about",
                "said", "also", "after", "more", "other", "which", "when", "what", "into", "than", "they"}


def signs(text: str) -> dict[str, float]:
    """The furniture signs that fire on one sentence, with their weights.

    >>> sorted(signs("Copyright 2019 Example Media. All rights reserved."))
    ['rights']
    >>> signs("The council approved the budget on Tuesday.")
    {}
    """
    out: dict[str, float] = {}
    if LINK.search(text):
        out["link"] = 1.0
    if RIGHTS.search(text):
        out["rights"] = 1.0
    if PHONE.search(text):
        out["phone"] = 1.0
    if GALLERY.search(text):
        out["gallery"] = 1.0
    rest = STAMP_WORD.sub(" ", DATE_WORD.sub(" ", text))
    content = re.findall(r"[A-Za-z]{3,}", rest)
    outside = PAREN_STAMP.sub(" ", text)
    if DATE_WORD.search(text) and (not content or (len(content) <= 1 and STAMP_HEAD.search(text))):
        out["stamp"] = 1.0
    elif outside != text and len(re.findall(r"[A-Za-z]+", outside)) <= 4:
        out["stamp"] = 1.0  # "Jane Roe reports (Published Monday, Oct. 31, 2016)": byline and stamp
    unquoted = QUOTED.sub(" ", text)
    if text.lstrip()[:1] not in "\"“'‘" and (READER.search(unquoted) or ACTION_START.search(text)):
        out["reader"] = 0.6
    words = re.findall(r"[A-Za-z]+", unquoted)
    if len(words) >= 4 and not any(w in FUNCTION for w in words):
        out["labels"] = 0.5
    if UI.search(unquoted):
        out["ui"] = 0.5
    return out


def score(text: str) -> float:
    """Sum of the weights of the furniture signs of ``text`` (0 for a plain news sentence)."""
    return sum(signs(text).values())


def is_furniture(text: str) -> bool:
    """Whether one sentence, on its own evidence, is page furniture.

    >>> is_furniture("Read or Share this story: https://example.com/story/1")
    True
    >>> is_furniture("Police said two men were arrested on Friday.")
    False
    """
    return score(text) >= FURNITURE


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _content(text: str) -> set[str]:
    return {w for w in CONTENT.findall(text.lower()) if w not in CONTENT_STOP}


def furniture_units(corpus: Corpus) -> set[int]:
    """Indices of the corpus's sentence units that are page furniture.

    Besides each sentence's own signs, a sentence repeated word for word in reports of
    different origins counts as furniture when its content words (4+ letters) hardly
    occur in any other sentence of the story: shared page text, not a shared fact.
    Linear in the number of units (one pass to count, one to decide).
    """
    units = corpus.units
    out = {i for i, u in enumerate(units) if is_furniture(u.text)}
    keys = [_norm(u.text) for u in units]
    origins: dict[str, set[str]] = defaultdict(set)
    for key, u in zip(keys, units, strict=True):
        origins[key].add(corpus.origin_of.get(u.article, u.article))
    copies = Counter(keys)
    vocabulary: Counter[str] = Counter()
    for i, u in enumerate(units):
        if i not in out:
            vocabulary.update(_content(u.text))
    for i, (key, u) in enumerate(zip(keys, units, strict=True)):
        if i in out or len(origins[key]) < 2 or QUOTE_MARK.search(u.text):
            continue  # a quotation repeated verbatim is a shared statement, not page text
        elsewhere = {w for w in _content(u.text) if vocabulary[w] > copies[key]}
        if len(elsewhere) <= 1:
            out.add(i)
    return out
