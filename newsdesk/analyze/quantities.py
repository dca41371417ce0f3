"""Numbers with what they count, normalised ("1.6 million artillery shells" → 1600000
shells; "over 1,000 containers" keeps its "over"; "$300mn" → 300000000 USD)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsdesk.analyze.doctext import doc_text
from newsdesk.model import Quantity

WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20,
         "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a dozen": 12, "dozen": 12, "dozens": 24,
         "hundreds": 200, "thousands": 2000, "half": 0.5}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
          "b": 1e9, "trillion": 1e12, "tn": 1e12}
MODIFIERS = ["more than", "less than", "fewer than", "at least", "up to", "at most", "as many as", "nearly",
             "almost", "around", "about", "some", "over", "under", "roughly", "approximately", "an estimated",
             "close to", "just over", "just under"]
CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "dollars": "USD", "euros": "EUR", "pounds": "GBP"}
NUMBER = re.compile(r"(?P<cur>[$€£¥])?\s?(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?P<scale>million|billion|trillion|thousand|mn|bn|mln|tn|k)?\b(?P<pct>\s?%|\s(?:percent|per cent))?", re.I)


def _value(text: str) -> float | None:
    m = NUMBER.search(text)
    if m:
        value = float(m["n"].replace(",", ""))
        return value * SCALES.get((m["scale"] or "").lower(), 1)
    return WORDS.get(text.lower().strip())


def _modifier(doc: Doc, start_tok: int) -> tuple[str | None, int]:
    before = doc[max(0, start_tok - 3):start_tok].text.lower()
    for mod in MODIFIERS:
        if before.endswith(mod):
            return mod, start_tok - len(mod.split())
    return None, start_tok


def _counted(tok: Token) -> Token | None:
    """The noun a number counts: its head when it is a numeric modifier."""
    head = tok
    for _ in range(3):
        if head.dep_ in ("nummod", "quantmod", "compound") and head.head is not head:
            head = head.head
            if head.pos_ in ("NOUN", "PROPN") and not head.like_num and head.lower_ not in SCALES:
                return head
        else:
            break
    return None


def find_quantities(doc: Doc, skip: list[tuple[int, int]]) -> list[Quantity]:
    """Quantities outside the ``skip`` spans (dates and durations found by the timex tagger)."""
    out: list[Quantity] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not (tok.like_num or tok.lower_ in WORDS or tok.text in CURRENCY) or tok.lower_ in ("one",) and tok.dep_ != "nummod":
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and (doc[j + 1].like_num or doc[j + 1].lower_ in SCALES or doc[j + 1].text in "%"
                                     or doc[j + 1].lower_ in ("percent",)):
            j += 1
        span = doc[i:j + 1]
        i = j + 1
        if any(s < span.end_char and span.start_char < e for s, e in skip):
            continue
        q = _quantity(doc, span)
        if q is not None:
            out.append(q)
    return out


def _quantity(doc: Doc, span: Span) -> Quantity | None:
    text = span.text
    value = _value(text) if any(c.isdigit() for c in text) else WORDS.get(text.lower())
    if value is None:
        return None
    if re.fullmatch(r"(?:19|20)\d{2}", text.strip()):
        return None  # years are the timex tagger's
    if not any(c.isdigit() for c in text) and (span.start > 0 and doc[span.start - 1].lower_ in ("the", "both", "these", "those", "their")
                                               or doc_text(doc)[span.end_char:span.end_char + 1] == "-"):
        return None  # "the two countries", "one-on-one": references, not counts
    mod, first = _modifier(doc, span.start)
    noun = next((n for n in (_counted(t) for t in span) if n is not None), None)
    currency = next((CURRENCY[t.text] for t in span if t.text in CURRENCY), None)
    if "%" in text or "percent" in text.lower() or (span.end < len(doc) and doc[span.end].lower_ in ("percent", "%")):
        unit = "percent"
    elif currency or (noun is not None and noun.lower_ in CURRENCY):
        unit = currency or CURRENCY[noun.lower_]
    elif noun is not None:
        unit = noun.text.lower()
    else:
        return None  # a bare number ("aged 61", list numbers) counts nothing we can name
    end_tok = max(span.end, noun.i + 1) if noun is not None and noun.i >= span.start else span.end
    start_char = doc[first].idx
    end_char = doc[end_tok - 1].idx + len(doc[end_tok - 1])
    shown = f"{value:g}" if value < 1e15 else str(value)
    if value == int(value):
        shown = str(int(value))
    normalized = " ".join(x for x in (mod, shown, unit) if x)
    return Quantity(start_char, end_char, doc_text(doc)[start_char:end_char], value, unit, normalized, mod)
