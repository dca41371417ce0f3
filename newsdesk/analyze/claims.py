"""The claims component: sentences that state checkable facts — quantities, dated
events, reports attributed to a named source — with their numbers and dates attached."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsdesk.analyze.doctext import span_text
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


def _starting_in(items: list, starts: list[int], sent: Span) -> list:  # noqa: ANN001
    """The items (sorted by start, ``starts`` their start offsets) that start inside
    ``sent``: a binary search per sentence keeps a long report linear."""
    return items[bisect_left(starts, sent.start_char):bisect_left(starts, sent.end_char)]


class ClaimExtractor:
    """spaCy component writing ``doc._.nd_claims`` (reads timexes, entities)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        timexes: list[Timex] = doc._.nd_timexes or []
        entities: list[ArticleEntity] = doc._.nd_entities or []
        quantities = find_quantities(doc, [(t.start, t.end) for t in timexes])
        claims: list[Claim] = []
        quantities = sorted(quantities, key=lambda q: q.start)
        q_starts = [q.start for q in quantities]
        timexes = sorted(timexes, key=lambda t: t.start)
        t_starts = [t.start for t in timexes]
        mentions = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        m_starts = [m[0] for m in mentions]
        for sent in doc.sents:
            text = span_text(sent).strip()
            if len(text.split()) < 5 or text.endswith("?") or not re.search(r"[.!”\"’)]$", text):
                continue  # headings, questions, fragments
            if not any(t.pos_ in ("VERB", "AUX") for t in sent):
                continue
            qs = [q for q in _starting_in(quantities, q_starts, sent) if _in(sent, q.start, q.end)]
            near = _starting_in(timexes, t_starts, sent)
            qs += [Quantity(t.start, t.end, t.text, None, "duration", t.value or "", t.modifier)
                   for t in near if t.type == "DURATION" and t.value and "X" not in t.value
                   and _in(sent, t.start, t.end)]
            ts = [t for t in near if t.type == "DATE" and t.value and t.precision != "ref"
                  and _in(sent, t.start, t.end)]
            source = _attribution(text)
            kind = "quantity" if qs else "dated_event" if ts else "attributed" if source else None
            if kind is None:
                continue
            inside = {eid for start, end, eid in _starting_in(mentions, m_starts, sent) if _in(sent, start, end)}
            ents = [e.id for e in entities if e.id in inside]
            claims.append(Claim(f"c{len(claims) + 1}", span_text(sent), sent.start_char, sent.end_char, kind,
                                sorted(qs, key=lambda q: q.start), ts, source, ents))
        doc._.nd_claims = claims
        return doc
