"""The claims component: sentences that state checkable facts — quantities, dated
events, reports attributed to a named source — with their numbers and dates attached."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsdesk.analyze.quantities import find_quantities
from newsdesk.model import ArticleEntity, Claim, Quantity, Timex

ATTRIBUTION = re.compile(
    r"(?:according to|citing|cited by|quoted by|reported by)\s+(?P<src>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|for|and))*)"
    r"|(?P<src2>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})(?:\s+news agency)?\s+(?:reported|reports|said in a report|wrote)")


def _attribution(text: str) -> str | None:
    m = ATTRIBUTION.search(text)
    if not m:
        return None
    src = (m["src"] or m["src2"] or "").strip()
    return re.sub(r"^(?:the|The)\s+", "the ", src) or None


def _in(span: Span, start: int, end: int) -> bool:
    return span.start_char <= start and end <= span.end_char


class ClaimExtractor:
    """spaCy component writing ``doc._.nd_claims`` (reads timexes, entities)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        timexes: list[Timex] = doc._.nd_timexes or []
        entities: list[ArticleEntity] = doc._.nd_entities or []
        quantities = find_quantities(doc, [(t.start, t.end) for t in timexes])
        claims: list[Claim] = []
        for sent in doc.sents:
            text = sent.text.strip()
            if len(text.split()) < 5 or text.endswith("?") or not re.search(r"[.!”\"’)]$", text):
                continue  # headings, questions, fragments
            if not any(t.pos_ in ("VERB", "AUX") for t in sent):
                continue
            qs = [q for q in quantities if _in(sent, q.start, q.end)]
            qs += [Quantity(t.start, t.end, t.text, None, "duration", t.value or "", t.modifier)
                   for t in timexes if t.type == "DURATION" and t.value and "X" not in t.value
                   and _in(sent, t.start, t.end)]
            ts = [t for t in timexes if t.type == "DATE" and t.value and t.precision != "ref"
                  and _in(sent, t.start, t.end)]
            source = _attribution(text)
            kind = "quantity" if qs else "dated_event" if ts else "attributed" if source else None
            if kind is None:
                continue
            ents = [e.id for e in entities if any(_in(sent, m.start, m.end) for m in e.mentions)]
            claims.append(Claim(f"c{len(claims) + 1}", sent.text, sent.start_char, sent.end_char, kind,
                                sorted(qs, key=lambda q: q.start), ts, source, ents))
        doc._.nd_claims = claims
        return doc
