"""What the parse says around a coded event: negation and mood, its own date, its place,
and whose claim it is when it sits inside someone's quote.

Pure functions of spaCy tokens and our annotation records; the events component calls them
once it has a trigger and its two sides.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsdesk.analyze.plover import HYPOTHETICAL_GOVERNORS, MODALS, NEGATING_GOVERNORS
from newsdesk.model import ArticleEntity, Quote, Timex

CLAUSE_DEPS = ("xcomp", "ccomp", "dobj", "pobj", "prep", "advcl", "acl", "relcl", "conj", "pcomp")
DATED_PRECISION = ("day", "month", "year", "week", "range")


def _chain(tok: Token, limit: int = 6) -> list[Token]:
    """The token's governors, nearest first."""
    out: list[Token] = []
    node = tok
    while node.head != node and len(out) < limit:
        node = node.head
        out.append(node)
    return out


def negation_and_mood(tok: Token) -> tuple[bool, bool]:
    """(negated, hypothetical) for an event anchored on ``tok``.

    "did not attack" is negated; "may impose", "if ... attacks", "plans to visit" and "does
    not rule out cooperation" are hypothetical; "refused to meet" negates the meeting.
    """
    negated = any(c.dep_ == "neg" for c in tok.children)
    hypothetical = any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children)
    hypothetical |= any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children)
    node = tok
    for gov in _chain(tok):
        if node.dep_ not in CLAUSE_DEPS:
            break
        lemma = gov.lemma_.lower()
        gov_neg = any(c.dep_ == "neg" for c in gov.children)
        if lemma == "rule" and any(c.lower_ == "out" for c in gov.children):
            # "does not rule out X": X is possible, not done; "rules out X": X will not happen.
            hypothetical = True
            negated = negated or not gov_neg
            break
        if lemma in NEGATING_GOVERNORS and node.dep_ in ("xcomp", "dobj", "ccomp"):
            negated = not negated if not gov_neg else negated
            break
        if lemma in HYPOTHETICAL_GOVERNORS and node.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp"):
            hypothetical = True
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in gov.children) and node.dep_ == "xcomp":
            hypothetical = True
        if gov_neg and node.dep_ == "xcomp":
            negated = True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in gov.children):
            hypothetical = True
        node = gov
    return negated, hypothetical


def _clause_verb(tok: Token) -> Token:
    """The nearest verb governing ``tok`` (itself when it is one)."""
    node = tok
    for _ in range(12):
        if node.pos_ in ("VERB", "AUX") or node.head == node:
            return node
        node = node.head
    return node


def event_date(sent: Span, trigger: Token, timexes: list[Timex]) -> str | None:
    """The date of the event from its own sentence: a dated expression in the trigger's
    clause ("signed on 19 June"), else the sentence's only dated expression; never a date
    that belongs to another clause of the sentence ("sanctions in force since 2014")."""
    doc = sent.doc
    own = _clause_verb(trigger)
    dated: list[tuple[Timex, bool]] = []
    for t in timexes:
        if not (sent.start_char <= t.start < sent.end_char) or t.type != "DATE" or not t.value \
                or t.precision not in DATED_PRECISION:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        head = span.root if span is not None else None
        attached = head is not None and (_clause_verb(head.head if head.head != head else head) == own
                                         or head.head == trigger)
        dated.append((t, attached))
    for t, attached in dated:
        if attached:
            return t.value
    if len(dated) == 1 and not _in_other_clause(dated[0][0], doc, own):
        return dated[0][0].value
    return None


def _in_other_clause(t: Timex, doc, own: Token) -> bool:  # noqa: ANN001
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return True
    verb = _clause_verb(span.root)
    # The date of a clause that governs the event's ("On Monday X said it signed") may be
    # the event's; that of a clause inside or beside it ("Kim, whose country has been under
    # sanctions since 2006") is not.
    return verb != own and verb not in list(own.ancestors)


def claiming_quote(trigger: Token, actor: ArticleEntity | None, quotes: list[Quote]) -> Quote | None:
    """The statement that holds the event when the event is its speaker's claim, not a fact.

    An event worded inside someone's statement is that speaker's claim, unless the speaker
    is the actor itself (then the statement is the actor's own act: a threat, a promise).
    """
    at = trigger.idx
    for q in quotes:
        if q.start <= at < q.end and q.kind == "statement":
            if actor is not None and q.speaker_entity and q.speaker_entity == actor.id:
                return None
            return q
    return None


def claimed_by(trigger: Token, actor: ArticleEntity | None, quotes: list[Quote]) -> str | None:
    """The speaker's name of ``claiming_quote`` ("unnamed source" when it has none), else None."""
    q = claiming_quote(trigger, actor, quotes)
    return None if q is None else q.speaker or "unnamed source"


def place_of(sent: Span, by_token: dict[int, ArticleEntity], taken: set[str | None]) -> str | None:
    """The place named with "in" in the sentence that is not one of the event's sides."""
    for tok in sent:
        if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.ent_type_ in ("GPE", "LOC", "FAC"):
            ent = by_token.get(tok.i)
            if ent is not None and ent.id in taken:
                continue
            span = next((e for e in sent.doc.ents if e.start <= tok.i < e.end), None)
            return ent.name if ent else span.text if span else tok.text
    return None
