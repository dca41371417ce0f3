"""The grammatical sides of an event word: who does it (subject, passive agent) and to
whom (object, passive subject, "with/against/to/on" object), as phrases.

Used for events with one named side ("Police detained the Kalvian envoy", "Ostmark
troops shelled the village"): the other side is the phrase the parse gives, or nobody.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsdesk.model import ArticleEntity

TARGET_PREPS = frozenset({"with", "against", "to", "on", "into", "for", "at"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "who", "which", "that", "you", "this"})
NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def arguments(tok: Token) -> tuple[Token | None, Token | None]:
    """Heads of the doer and the receiver of the event word ``tok`` (None where absent)."""
    subj = obj = None
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj") and subj is None:
            subj = c
        elif c.dep_ == "agent":
            subj = next((g for g in c.children if g.dep_ == "pobj"), subj)
        elif c.dep_ in ("dobj", "obj", "nsubjpass", "dative") and obj is None:
            obj = c
    if obj is None:
        obj = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
                    for g in c.children if g.dep_ == "pobj"), None)
    node = tok
    for _ in range(3):  # "X agreed to send troops": the controlling clause's subject
        if subj is not None or node.dep_ not in ("xcomp", "conj", "advcl") or node.head == node:
            break
        node = node.head
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj, obj


def side(head: Token | None, by_token: dict[int, ArticleEntity],
         chunks: dict[int, Span]) -> tuple[Span | None, ArticleEntity | None]:
    """The phrase headed by ``head`` and the entity it names (its head word's, else a
    modifier's: "Ostmark troops" names Ostmark). Unresolved pronouns and numbers are nobody."""
    if head is None or head.ent_type_ in NOT_ACTORS:
        return None, None
    ent = by_token.get(head.i)
    if head.lower_ in PRONOUNS and ent is None:
        return None, None
    span = chunks.get(head.i) or head.doc[head.i:head.i + 1]
    if ent is None:  # "Ostmark troops", "a part of Ostmark's capital": the named modifier
        phrase = [t for t in head.subtree if not any(a.dep_ in CLAUSES for a in _up_to(t, head))]
        ent = next((by_token[t.i] for t in phrase if t.i in by_token), None)
    return span, ent


CLAUSES = frozenset({"relcl", "acl", "appos", "advcl", "ccomp", "conj"})


def _up_to(tok: Token, top: Token) -> list[Token]:
    """``tok`` and its governors below ``top``."""
    out: list[Token] = []
    node = tok
    while node != top and node.head != node and len(out) < 12:
        out.append(node)
        node = node.head
    return out


def noun_chunks(doc: Doc | Span) -> dict[int, Span]:
    """Token index -> the noun chunk it heads, in a doc or in one sentence of it (chunks
    never cross a sentence, so a sentence's are the doc's that lie in it). A sentence is
    read alone: ``Span.noun_chunks`` would walk the whole doc for each sentence."""
    whole = doc.doc
    if whole.noun_chunks_iterator is None:
        return {}
    try:
        chunks = [Span(whole, start, end, label=label) for start, end, label in whole.noun_chunks_iterator(doc)]
        return {c.root.i: c for c in chunks}
    except ValueError:  # no parse
        return {}
