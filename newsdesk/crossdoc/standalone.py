"""Whether one sentence can stand on its own as a claim or a summary sentence.

Three tests, each on the sentence alone:

* ``needs_context``: the sentence leans on the one before it. Its opening is a discourse
  connective ("Now …", "But …", "In return, …", "Meanwhile …"), a bare pronoun or
  demonstrative subject ("He …", "They …", "This …", "Those …"), or a definite reference
  back ("The two …", "The same …", "The latter …"); or it points forward to what follows
  (it ends with a colon, "here's how", "here is what").
* ``is_teaser``: it promotes other page content rather than stating the report's facts:
  "is speaking exclusively to …", "tells us …", "find out", "coming up", "watch".
* ``is_caption``: a photo or video caption or an embedded post ("— City Police
  (@citypolice) May 2, 2025"): a present-tense scene with a full date and
  place ("… were found Wednesday, June 22, 2016, in Lacey, Wash."), a credit in
  parentheses at the end ("(AP Photo/…)", "(KTVX)"), or position words ("left,", "right,").

``speaker_named`` says whether a sentence attributes what it states to someone it
names in the sentence itself ("…, police said", "according to the ministry", "Lund told
reporters"), not to a bare pronoun ("…, he added").
"""

from __future__ import annotations

import re

CONNECTIVE = (r"now|but|and|so|or|yet|still|also|meanwhile|however|instead|then|thus|therefore|hence|moreover|"
              r"furthermore|besides|otherwise|likewise|similarly|indeed|even so|in return|in turn|in addition|"
              r"as a result|as well|at the same time|for (?:his|her|their|its) part|on the other hand|"
              r"by contrast|in contrast|nevertheless|nonetheless|after that|before that|since then|until then|"
              r"that is why|this is why|because of this|for this reason|despite this|in response|in doing so")
PRONOUN = (r"he|she|they|we|i|you|it|his|her|their|our|its|him|them|this|that|these|those|such|here|"
           r"there(?!\s+(?:is|are|was|were|has|have|had|will|would|may|might|could|should|must|seems?)\b)")
BACK_REFERENCE = r"the (?:two|three|four|both|same|latter|former|other|rest|above|move|decision|latest)\b"
LEANS_BACK = re.compile(rf"^[\W_]*(?:(?:{CONNECTIVE})\b|(?:{PRONOUN})\b(?![-’'])|{BACK_REFERENCE})", re.I)
POINTS_FORWARD = re.compile(r":\s*$|\bhere(?:'s|’s| is| are)\s+(?:how|what|why|where|who|the)\b|"
                            r"\b(?:the following|as follows)\b", re.I)
TEASER = re.compile(r"\b(?:speak(?:s|ing)? exclusively|exclusive(?:ly)? (?:interview|to)|tells us|told us|"
                    r"find out|coming up|stay tuned|watch (?:the|our|his|her)|tune in|in the video (?:above|below)|"
                    r"(?:more|details|story) (?:to come|at \d|on the)|we'll have|we will have)\b", re.I)
FULL_DATE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}, (?:19|20)\d\d\b",
                       re.I)
CREDIT_END = re.compile(r"\((?:[^()]*\b(?:photo|pic|image|file|video|credit)\b[^()]*|[A-Z][A-Z0-9&.-]{1,10}"
                        r"(?:\s*/\s*[^()]+)?)\)\s*\.?\s*$", re.I)
CREDIT_WORDS = re.compile(r"\b(?:AP|AFP|Reuters|Getty) (?:Photo|Images)\b|\bphoto(?:graph)? (?:by|courtesy)\b",
                          re.I)
POSITION = re.compile(r"\b(?:left|right|center|centre|second (?:left|right)|from left|top|bottom)\s*[,)]", re.I)
SCENE_VERB = re.compile(r"^[^,]{0,80}?\b(?:work|works|stand|stands|walk|walks|look|looks|sit|sits|gather|gathers|"
                        r"smiles?|arrives?|enters?|speaks?|leaves?|is seen|are seen|pose|poses|hold|holds|wait|"
                        r"waits|shake|shakes|rest|rests|mourn|mourns|hug|hugs|embrace|embraces|pray|prays)\b", re.I)
SPEECH = (r"said|says|say|told|tells|added|adds|stated|states|announced|announces|confirmed|confirms|wrote|"
          r"writes|testified|alleged|alleges|claimed|claims|reported|reports|estimated|estimates|noted|notes|"
          r"explained|explains|warned|warns|insisted|insists|argued|argues|acknowledged|acknowledges|emphasized|"
          r"emphasised|stressed|continued|recalled")
ATTRIBUTION = re.compile(rf"\b(?:{SPEECH})\b|\baccording to\b", re.I)
PRONOUN_SPEAKER = re.compile(rf"(?:\b(?:he|she|they|it|we|i)\s+(?:also\s+)?(?:{SPEECH})\b|"
                             rf"\b(?:{SPEECH})\s+(?:he|she|they|it|we)\b)(?!\s+(?:that\s+)?[A-Z])", re.I)
SOURCE_NOUN = re.compile(r"\b(?:police|officials?|authorities|prosecutors?|investigators|witnesses|residents|"
                         r"spokes(?:man|woman|person)|ministry|government|court|sheriff|department|agency|officers?|"
                         r"deputies|analysts?|experts?|statement|report|documents|records|study|survey|data|authority)\b",
                         re.I)
CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w’'-]+")
NEAR = 60  # characters on either side of a speech verb where its speaker is named


def needs_context(text: str) -> bool:
    """Whether the sentence leans on the one before it or points to the one after.

    >>> needs_context("Now a senior officer is threatening the neighbours.")
    True
    >>> needs_context("The council approved the budget on Tuesday.")
    False
    """
    return bool(LEANS_BACK.match(text) or POINTS_FORWARD.search(text))


def is_teaser(text: str) -> bool:
    """Whether the sentence promotes other content of the page ("… is speaking
    exclusively to …", "here's how …")."""
    return bool(TEASER.search(text))


EMBED = re.compile(r"\(@\w+\)|pic\.twitter\.com/|\bautoplay\b|\bcopy this code\b", re.I)
LABEL_START = re.compile(r"^\W*(?:gallery|photos?|video|watch|related|read more|see also|listen|slideshow|"
                         r"graphic|map|file)\s*:", re.I)


def is_caption(text: str) -> bool:
    """Whether the sentence reads as a photo or video caption.

    >>> is_caption("Firefighters work outside a warehouse in Dunmore, Pa., on Friday, May 2, 2025. (Photo/Jo Vale)")
    True
    >>> is_caption("Firefighters were called to a warehouse in Dunmore on Friday, police said.")
    False
    """
    if CREDIT_END.search(text) or CREDIT_WORDS.search(text) or LABEL_START.match(text) or EMBED.search(text):
        return True
    if POSITION.search(text) and re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", text):
        return True
    return bool(FULL_DATE.search(text) and SCENE_VERB.search(text) and not ATTRIBUTION.search(text))


def speaker_named(text: str) -> bool:
    """Whether the sentence attributes its content to a speaker it names itself.

    >>> speaker_named("The bridge will reopen in May, the ministry said.")
    True
    >>> speaker_named("The bridge will reopen in May, he added.")
    False
    """
    if not ATTRIBUTION.search(text):
        return False
    if re.search(r"\baccording to (?!(?:him|her|them|it|he|she|they)\b)\w", text, re.I):
        return True
    rest = PRONOUN_SPEAKER.sub(" ", text)
    for m in ATTRIBUTION.finditer(rest):
        window = rest[max(0, m.start() - NEAR):m.end() + NEAR]
        if SOURCE_NOUN.search(window) or CAPITALISED.search(window[1:]):
            return True
    return False


QUOTED_SPAN = re.compile(r"\"[^\"]+\"|“[^”]+”|«[^»]+»|„[^“”]+[“”]")


def quoted_share(text: str) -> float:
    """Share (0-1) of the sentence's characters inside quotation marks.

    >>> round(quoted_share('He called it "a good day".'), 2)
    0.46
    """
    return sum(len(m.group(0)) for m in QUOTED_SPAN.finditer(text)) / max(len(text), 1)


def stands_alone(text: str) -> bool:
    """Neither leaning on its context, nor a teaser, nor a caption."""
    return not (needs_context(text) or is_teaser(text) or is_caption(text))


DEFECTS = (re.compile(r"\w- \w"), re.compile(r"\s[,.;:!?](?:\s|$)"), re.compile(r"\s{2,}"),
           re.compile(r"[ÃâÂ][\x80-\xbf€™œ]"), re.compile(r"^\W*[a-z]"))


def defects(text: str) -> int:
    """Rendering faults in one sentence: broken hyphenation ("Anne- Marie"), a space
    before punctuation, doubled spaces, mojibake, a lowercase start, odd quotation marks.

    >>> defects("Anne- Marie Lund arrived ."), defects("Anne-Marie Lund arrived.")
    (2, 0)
    """
    n = sum(1 for p in DEFECTS if p.search(text))
    quotes = text.count("\"") + text.count("“") + text.count("”")
    return n + (quotes % 2)
