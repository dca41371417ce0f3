"""The events component: who did what to whom, coded in PLOVER.

A trigger word from the PLOVER lexicon (``plover.py``) anchors each event; the
dependency parse gives its actor (subject, or the agent of a passive), its target
(object, or the object of "with/against/to/on"), and the sentence's place and date.
Actors and targets are resolved to the article's entities where a mention overlaps.
Negation ("did not attack", "refused to meet") and hypotheticals ("may impose",
"does not rule out military cooperation", "if ... attacks") are marked, never dropped:
a reader must see that the text talks about them and that they did not happen.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsdesk.analyze.plover import (
    AGREEMENT_NOUNS,
    COOPERATIVE,
    HOSTILE,
    HYPOTHETICAL_GOVERNORS,
    INTENT_WORDS,
    LIGHT_VERBS,
    MODALS,
    NEGATING_GOVERNORS,
    NOUNS,
    VERBS,
)
from newsdesk.model import ArticleEntity, Event, Timex

ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
TARGET_PREPS = {"with", "against", "to", "on", "at", "into", "from", "for"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "who", "which", "that"}


def classify(tok: Token) -> tuple[str, str] | None:
    """The PLOVER (type, mode) a token triggers, considering its object, or None."""
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX"):
        objs = [c for c in tok.children if c.dep_ in ("dobj", "obj", "attr")]
        obj_lemmas = {o.lemma_.lower() for o in objs}
        if lemma in ("sign", "ratify", "conclude", "seal", "finalize", "finalise", "strike", "reach") \
                and obj_lemmas & AGREEMENT_NOUNS:
            return ("SUPPORT", "") if lemma in ("sign", "ratify") else ("AGREE", "")
        if lemma == "impose" and obj_lemmas & {"sanction", "sanctions", "embargo", "ban", "tariff"}:
            return ("COERCE", "restrict")
        if lemma == "call" and any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in tok.children):
            return ("DEMAND", "")
        if lemma == "rule" and any(c.lower_ == "out" for c in tok.children):
            return None
        if lemma == "fire" and not any(t.dep_ == "prep" and t.lower_ in ("at", "on", "into") for t in tok.subtree):
            return None
        if lemma == "blow" and any(c.lower_ == "up" for c in tok.children):
            return ("ASSAULT", "")
        if lemma in LIGHT_VERBS:
            # "held talks", and "engaged the patrol in a firefight": the noun is the event
            pobjs = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "into")
                     for g in c.children if g.dep_ == "pobj"]
            for o in objs + pobjs:
                hit = NOUNS.get(o.lemma_.lower()) or NOUNS.get(o.lower_)
                if hit:
                    return hit
            if lemma not in VERBS:
                return None
        if lemma in ("free", "back", "mass", "help", "provide", "grant", "order", "charge", "sentence",
                     "share", "trade", "exchange", "storm", "strike") and not _has_actor_or_target(tok):
            return None
        return VERBS.get(lemma)
    # "Talks between X and Y ended", "The attack on Z killed ..." as the clause's topic.
    if tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass", "ROOT") and lemma in TOPIC_NOUNS:
        return NOUNS.get(lemma)
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj") and lemma in NOUN_OBJECT_TRIGGERS:
        # "does not rule out military cooperation with X", "talked about sanctions on X":
        # the noun is the event when its verb is not an event word itself.
        head = tok.head.head if tok.dep_ == "pobj" else tok.head
        if head.pos_ == "VERB" and head.lemma_.lower() not in VERBS and head.lemma_.lower() not in LIGHT_VERBS:
            return NOUNS.get(lemma)
    return None


TOPIC_NOUNS = frozenset({"talk", "talks", "summit", "attack", "strike", "airstrike", "bombing", "invasion"})
NOUN_OBJECT_TRIGGERS = frozenset({"cooperation", "aid", "assistance", "sanction", "sanctions", "attack",
                                  "strike", "talks", "invasion", "embargo", "ceasefire"})


def _has_actor_or_target(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "agent") for c in tok.children)


def _chain(tok: Token, limit: int = 6) -> list[Token]:
    """The token's governors, nearest first."""
    out: list[Token] = []
    node = tok
    while node.head is not node and len(out) < limit:
        node = node.head
        out.append(node)
    return out


def negation_and_mood(tok: Token) -> tuple[bool, bool]:
    """(negated, hypothetical) for an event anchored on ``tok``."""
    negated = any(c.dep_ == "neg" for c in tok.children)
    hypothetical = any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children)
    hypothetical |= any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children)
    node = tok
    for gov in _chain(tok):
        if node.dep_ not in ("xcomp", "ccomp", "dobj", "pobj", "prep", "advcl", "acl", "relcl", "conj", "pcomp"):
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


def _intended(tok: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in INTENT_WORDS for c in tok.children):
        return True
    node = tok
    for gov in _chain(tok, 3):
        if node.dep_ != "xcomp":
            return False
        if gov.lemma_.lower() in INTENT_WORDS:
            return True
        node = gov
    return False


class EventCoder:
    """spaCy component writing ``doc._.nd_events`` (reads entities and timexes)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        entities: list[ArticleEntity] = doc._.nd_entities or []
        timexes: list[Timex] = doc._.nd_timexes or []
        by_token = self._entity_index(doc, entities)
        events: list[Event] = []
        for sent in doc.sents:
            if sent.text.rstrip().endswith("?"):
                continue
            for tok in sent:
                coded = classify(tok)
                if coded is None:
                    continue
                ev = self._event(doc, sent, tok, coded, by_token, timexes)
                if ev is not None:
                    ev.id = f"ev{len(events) + 1}"
                    events.append(ev)
        doc._.nd_events = events
        return doc

    @staticmethod
    def _entity_index(doc: Doc, entities: list[ArticleEntity]) -> dict[int, ArticleEntity]:
        index: dict[int, ArticleEntity] = {}
        for ent in entities:
            if ent.type not in ACTOR_TYPES:
                continue
            for m in ent.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                for t in span:
                    index.setdefault(t.i, ent)
        return index

    def _event(self, doc: Doc, sent: Span, tok: Token, coded: tuple[str, str],
               by_token: dict[int, ArticleEntity], timexes: list[Timex]) -> Event | None:
        etype, mode = coded
        actor_tok, target_tok = self._roles(tok)
        actor = self._participant(actor_tok, by_token, tok)
        target = self._participant(target_tok, by_token, tok)
        if actor is None and target is None:
            return None
        if actor and target and actor[1] and actor[1] == target[1]:
            target = None
        if target is None and actor_tok is not None:
            # "X and Y signed / met / agreed": each party is the other's counterpart.
            partner = next((c for c in actor_tok.children if c.dep_ == "conj"), None)
            target = self._participant(partner, by_token, tok)
        negated, hypothetical = negation_and_mood(tok)
        if hypothetical and not negated and _intended(tok):
            # PLOVER: an intended or promised cooperative act is an AGREE; a hostile one a THREATEN.
            if etype in COOPERATIVE:
                etype, mode = "AGREE", etype.lower()
            elif etype in HOSTILE:
                etype, mode = "THREATEN", etype.lower()
        date = next((t.value for t in timexes if sent.start_char <= t.start < sent.end_char
                     and t.type == "DATE" and t.value and t.precision in ("day", "month", "year", "week", "range")),
                    None)
        place = self._place(sent, tok, by_token, {actor[1] if actor else None, target[1] if target else None})
        return Event(
            id="", type=etype, text=sent.text, start=sent.start_char, end=sent.end_char,
            trigger=tok.text, mode=mode or None,
            actor=actor[0] if actor else None, actor_entity=actor[1] if actor else None,
            target=target[0] if target else None, target_entity=target[1] if target else None,
            date=date, place=place, negated=negated, hypothetical=hypothetical)

    @staticmethod
    def _roles(tok: Token) -> tuple[Token | None, Token | None]:
        actor = target = None
        for c in tok.children:
            if c.dep_ in ("nsubj", "csubj"):
                actor = c
            elif c.dep_ == "nsubjpass":
                target = c
            elif c.dep_ == "agent":
                actor = next((g for g in c.children if g.dep_ == "pobj"), actor)
            elif c.dep_ in ("dobj", "obj", "dative") and target is None:
                target = c
        if target is not None and target.lemma_.lower() in AGREEMENT_NOUNS | set(NOUNS):
            # "signed a treaty with X", "held talks with X": the partner is the target.
            partner = next((g for p in target.children if p.dep_ == "prep" and p.lower_ in TARGET_PREPS
                            for g in p.children if g.dep_ == "pobj"), None)
            target = partner
        if target is None and tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and tok.tag_ == "VBN":
            target = tok.head  # "soldiers killed in ...": the noun the participle describes
        if target is None:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        target = pobj
                        break
        if tok.pos_ == "NOUN" and target is None:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("on", "against", "with", "between"):
                    target = next((g for g in c.children if g.dep_ == "pobj"), None)
                elif c.dep_ in ("poss", "compound", "amod") and actor is None and c.ent_type_:
                    actor = c
        if actor is None and tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj"):
            head = tok.head.head if tok.dep_ == "pobj" else tok.head
            actor = next((c for c in head.children if c.dep_ in ("nsubj",)), None)
            if actor is None:
                tok = head
        if actor is None:
            # Coordinated, participial or controlled verbs share the governing clause's subject.
            node = tok
            for _ in range(3):
                if node.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acl") or node.head is node:
                    break
                node = node.head
                subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    actor = subj
                    break
        return actor, target

    @staticmethod
    def _participant(tok: Token | None, by_token: dict[int, ArticleEntity],
                     trigger: Token) -> tuple[str, str | None] | None:
        """Name and entity id of the participant headed by ``tok``."""
        if tok is None or tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY"):
            return None
        if tok.lower_ in PRONOUNS:
            ent = by_token.get(tok.i)
            if ent is not None:
                return ent.name, ent.id
            # "X said they will attack Y": the pronoun is the reporting clause's subject.
            for gov in _chain(trigger):
                subj = next((c for c in gov.children if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS), None)
                if subj is not None:
                    return EventCoder._participant(subj, by_token, trigger)
            return None
        subtree = [t for t in tok.subtree if t.dep_ not in ("relcl", "acl", "appos")] or [tok]
        # Prefer the entity on the head itself, then conjuncts and modifiers in the phrase.
        for t in [tok, *subtree]:
            ent = by_token.get(t.i)
            if ent is not None:
                return ent.name, ent.id
        for t in [tok, *subtree]:
            if t.ent_type_ in ACTOR_TYPES:
                span = _entity_span(t)
                if span is not None:
                    return span.text, None
        if tok.pos_ in ("NOUN", "PROPN"):
            words = [t for t in tok.lefts if t.dep_ in ("compound", "amod") and t.is_alpha]
            return " ".join([w.text for w in words] + [tok.text]), None
        return None

    @staticmethod
    def _place(sent: Span, trigger: Token, by_token: dict[int, ArticleEntity],
               taken: set[str | None]) -> str | None:
        for tok in sent:
            if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.ent_type_ in ("GPE", "LOC", "FAC"):
                ent = by_token.get(tok.i)
                if ent is not None and ent.id in taken:
                    continue
                span = _entity_span(tok)
                return ent.name if ent else span.text if span else tok.text
        return None


def _entity_span(tok: Token) -> Span | None:
    """The named-entity span around ``tok``, found from its IOB tags (reading
    ``doc.ents`` rebuilds every entity of the document on each call)."""
    if not tok.ent_type_:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]
