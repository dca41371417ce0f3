"""The events component: who did what to whom, coded in PLOVER by a trained model.

Candidates come from the article's entities: every two actors (people, organisations,
places, groups) named in one sentence whose dependency path runs through an event word
form a candidate; the side on the subject side of that word is the source. The trained
model (``eventmodel.py``, features from ``eventfeatures.py``) gives the PLOVER root code;
the parse gives negation and mood, the event's own date and place (``eventcontext.py``);
an event worded inside someone else's statement is that speaker's claim, never a fact.
Negated and hypothetical events are kept and marked: a reader must see that the text
talks about them and that they did not (or not yet) happen.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsdesk.analyze.doctext import span_text
from newsdesk.analyze.eventargs import arguments, noun_chunks, side
from newsdesk.analyze.eventcontext import claiming_quote, event_date, negation_and_mood, place_of
from newsdesk.analyze.eventfeatures import MAX_PATH, PairView, describe, pair_path
from newsdesk.analyze.eventmodel import EventModel
from newsdesk.analyze.plover import NOUNS, QUAD_CLASS, SAYING, VERBS
from newsdesk.model import ArticleEntity, Event, Quote, Timex

ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
# Path labels that put a side on the doing end of the event word.
SOURCE_ROLES = frozenset({"nsubj", "csubj", "agent", "poss", "nsubj:xsubj"})
# Words that carry no event of their own between two actors ("X is Y's ally").
NOT_EVENTS = frozenset({"be", "have", "become", "remain", "seem", "include", "name", "call", "know"}) | SAYING
MIN_CONFIDENCE = 0.35
MAX_ARM = 3
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "during", "across", "throughout"})
# "at" names the target of an act aimed at a state ("fired at Ostmark") but the place of
# one done at a site ("met at Camp Ostra"): only sites and regions are places after it.
SITE_ONLY = frozenset({"at"})
# Saying is a verbal act: an event whose word is the reporting verb of a statement takes
# one of PLOVER's verbal codes (quad classes 1 and 3), whatever the statement is about.
VERBAL_CODES = frozenset(c for c, q in QUAD_CLASS.items() if q in (1, 3))
# A named party stating that another did one of these to someone accuses that other party
# (CAMEO 112 "accuse", 1123 "of aggression"): the statement itself is an event that happened.
ACCUSABLE = frozenset({"ASSAULT", "COERCE"})


@dataclass
class Candidate:
    """Two sides of a possible event in one sentence, read from the parse."""

    sent: Span
    source: Span | None
    target: Span | None
    source_entity: ArticleEntity | None
    target_entity: ArticleEntity | None
    view: PairView
    joint: bool = False  # both sides are the event word's coordinated subjects ("X and Y signed")


def _is_event_word(view: PairView, known: frozenset[str]) -> bool:
    trig = view.trigger
    if trig is None or len(view.path) > MAX_PATH:
        return False
    if trig in view.path:
        # Each side within three edges of the event word: "accused X of supplying arms to
        # Y" makes X the target, not Y.
        k = view.path.index(trig)
        if k > MAX_ARM or len(view.path) - 1 - k > MAX_ARM:
            return False
    lemma = trig.lemma_.lower()
    if lemma in NOT_EVENTS:
        return False
    return lemma in known or lemma in VERBS or lemma in NOUNS


def _same_side(view: PairView, a: Span, b: Span) -> bool:
    """One actor only modifies the other ("General X of Y", "Y's minister X", "X, envoy of
    Y"): the two are one side of whatever happens, never source and target."""
    lca = view.lca
    inside = lca is not None and (a.start <= lca.i < a.end or b.start <= lca.i < b.end)
    return inside and not any(t.dep_ == "conj" for t in view.path)


def _modifies(inner: Span, outer: Span) -> bool:
    """``inner`` sits in ``outer``'s phrase as a modifier ("Castavian" in "Castavian
    journalist Mara Lind", "Norland" in "General Tomas Vey of Norland"), not a conjunct."""
    node = inner.root
    for _ in range(6):
        if node.dep_ == "conj" or node.head == node:
            return False
        node = node.head
        if outer.start <= node.i < outer.end:
            return True
    return False


def _heads_only(cands: list[Candidate]) -> list[Candidate]:
    """Of candidates sharing a trigger and one side, keep the head actor of the other side."""
    def shadowed(c: Candidate) -> bool:
        return any(d is not c and d.view.trigger == c.view.trigger and (
            (d.target_entity.id == c.target_entity.id and _modifies(c.source, d.source))
            or (d.source_entity.id == c.source_entity.id and _modifies(c.target, d.target))) for d in cands)
    return [c for c in cands if not shadowed(c)]


def _entity_tokens(doc: Doc, entities: list[ArticleEntity]) -> dict[int, ArticleEntity]:
    """Token index -> the actor entity whose mention covers it."""
    return {t.i: e for e in entities if e.type in ACTOR_TYPES for m in e.mentions
            for t in (doc.char_span(m.start, m.end, alignment_mode="expand") or [])}


def _is_place(target: Span, entity: ArticleEntity) -> bool:
    """A place the event happens in ("signed in Geneva", "met at Camp Ostra"), not its target."""
    head = target.root
    prep = head.head.lower_
    if prep in SITE_ONLY and entity.type == "GPE":
        return False
    return entity.type in ("GPE", "LOC", "FAC") and head.dep_ == "pobj" and prep in LOCATIVE


def known_triggers(model: EventModel) -> frozenset[str]:
    """Event words the model was trained on ("trig=<lemma>" features)."""
    return frozenset(f[5:] for f in model.vocab if f.startswith("trig="))


def _name(span: Span | None, entity: ArticleEntity | None) -> str | None:
    return entity.name if entity is not None else span.text if span is not None else None


def _id(entity: ArticleEntity | None) -> str | None:
    return entity.id if entity is not None else None


def _reports_it(cand: Candidate, quotes: list[Quote]) -> bool:
    """One side only reports the event: the speaker or the addressee ("told AFP") of the
    statement the event is worded in."""
    trig = cand.view.trigger
    assert trig is not None
    for q in quotes:
        if not q.start <= trig.idx < q.end or q.kind == "stance":
            # An attributed intention or position ("X wants to attack Y", "X agreed to
            # lift the sanctions") is the holder's own act, not a report of someone else's.
            continue
        for span in (cand.source, cand.target):
            if span is None:
                continue
            a, b = span.start_char, span.end_char
            if q.speaker_start >= 0 and a < q.speaker_end and q.speaker_start < b:
                return True
            if q.cue_start >= 0 and q.cue_start <= span.root.head.idx < q.cue_end:  # "told AFP"
                return True
    return False


def _is_cue(trigger, quotes: list[Quote]) -> bool:  # noqa: ANN001
    """The trigger is the reporting verb of a statement ("said", "told")."""
    return any(q.cue_start <= trigger.idx < q.cue_end for q in quotes if q.cue_start >= 0)


class EventCoder:
    """spaCy component writing ``doc._.nd_events`` (reads entities, quotes and timexes).

    The model and the sentence embedder are loaded once per process through
    ``newsdesk.nlp_models`` the first time a document needs them.
    """

    def __init__(self, nlp: Language, name: str, min_confidence: float = MIN_CONFIDENCE) -> None:
        self.name = name
        self.min_confidence = min_confidence
        self._model: EventModel | None = None
        self._known: frozenset[str] = frozenset()

    @property
    def model(self) -> EventModel:
        if self._model is None:
            from newsdesk.nlp_models import event_model

            self._model = event_model()
            self._known = known_triggers(self._model)
        return self._model

    def __call__(self, doc: Doc) -> Doc:
        entities: list[ArticleEntity] = doc._.nd_entities or []
        model = self.model
        candidates = self.candidates(doc, entities)
        if not candidates:
            doc._.nd_events = []
            return doc
        vectors = None
        if model.uses_embedding:
            from newsdesk.nlp_models import embedder

            vectors = embedder().encode([c.view.phrase for c in candidates])
        probs = model.probabilities([c.view.features for c in candidates], vectors)
        events = self._events(doc, candidates, probs, entities)
        doc._.nd_events = events
        return doc

    def candidates(self, doc: Doc, entities: list[ArticleEntity]) -> list[Candidate]:
        """Ordered (source, target) pairs of distinct actors linked through an event word."""
        self.model  # noqa: B018 - loads the trigger vocabulary
        by_token = _entity_tokens(doc, entities)
        by_sent: dict[int, list[tuple[Span, ArticleEntity]]] = {}
        for ent in entities:
            if ent.type not in ACTOR_TYPES:
                continue
            for m in ent.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                by_sent.setdefault(span.sent.start, []).append((span, ent))
        out: list[Candidate] = []
        for mentions in by_sent.values():
            sent = mentions[0][0].sent
            if span_text(sent).rstrip().endswith("?"):
                continue
            best: dict[tuple[str, str, int], Candidate] = {}
            for (a, ea), (b, eb) in combinations(sorted(mentions, key=lambda m: m[0].start), 2):
                if ea.id == eb.id or (a.start < b.end and b.start < a.end):
                    continue
                cand = self._orient(sent, a, ea, b, eb)
                if cand is None:
                    continue
                key = (cand.source_entity.id, cand.target_entity.id, cand.view.trigger.i)
                if key not in best or len(cand.view.path) < len(best[key].view.path):
                    best[key] = cand
            pairs = _heads_only(list(best.values()))
            covered = {c.view.trigger.i for c in pairs if c.view.trigger is not None}
            out += pairs + self._one_named_side(sent, by_token, covered)
        return out

    def _one_named_side(self, sent: Span, by_token: dict[int, ArticleEntity],
                        covered: set[int]) -> list[Candidate]:
        """Events with one named actor and the other side a phrase or nobody, read from the
        event word's subject and object ("Police detained the Kalvian envoy")."""
        out: list[Candidate] = []
        chunks: dict[int, Span] | None = None  # the sentence's noun chunks, read on first need
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.i in covered or tok.pos_ != "VERB" or lemma in NOT_EVENTS \
                    or not (lemma in self._known or lemma in VERBS):
                continue
            subj, obj = arguments(tok)
            if chunks is None:
                chunks = noun_chunks(sent)
            s_span, s_ent = side(subj, by_token, chunks)
            t_span, t_ent = side(obj, by_token, chunks)
            if (s_ent is None and t_ent is None) or (s_ent is not None and s_ent is t_ent):
                continue
            if t_span is not None and t_ent is not None and _is_place(t_span, t_ent):
                t_span, t_ent = None, None
            if s_span is None and t_span is None:
                continue
            view = pair_path(s_span, t_span)
            if view.trigger is not None and view.trigger.i == tok.i:
                out.append(Candidate(sent, s_span, t_span, s_ent, t_ent, describe(view, s_span, t_span)))
        return out

    def _orient(self, sent: Span, a: Span, ea: ArticleEntity, b: Span, eb: ArticleEntity) -> Candidate | None:
        view = pair_path(a, b)  # features only for a pair that passes the checks below
        if not _is_event_word(view, self._known) or _same_side(view, a, b):
            return None
        if "advcl" in (view.source_role, view.target_role):
            return None  # a side only in an adverbial clause ("..., as X would be ...") is no party
        if any(t != view.trigger and t.pos_ == "VERB" and t.lemma_.lower() in SAYING for t in view.path):
            return None  # a side reached through a reporting verb ("..., announced X") reports it
        a_src, b_src = view.source_role in SOURCE_ROLES, view.target_role in SOURCE_ROLES
        if a_src:  # both subjects ("X and Y signed"): text order
            cand = Candidate(sent, a, b, ea, eb, view, joint=b_src)
        elif b_src:
            cand = Candidate(sent, b, a, eb, ea, pair_path(b, a))
        else:
            return None
        if _is_place(cand.target, cand.target_entity):
            return None
        describe(cand.view, cand.source, cand.target)
        return cand

    def _events(self, doc: Doc, candidates: list[Candidate], probs: np.ndarray,
                entities: list[ArticleEntity]) -> list[Event]:
        timexes: list[Timex] = doc._.nd_timexes or []
        quotes: list[Quote] = doc._.nd_quotes or []
        by_token = _entity_tokens(doc, entities)
        events: list[Event] = []
        classes = self.model.classes
        for cand, p in zip(candidates, probs, strict=True):
            trig = cand.view.trigger
            assert trig is not None
            if _reports_it(cand, quotes):
                continue
            if _is_cue(trig, quotes):
                p = np.where([c in VERBAL_CODES for c in classes], p, 0.0)
                p = p / max(float(p.sum()), 1e-9)
            k = int(p.argmax())
            if p[k] < self.min_confidence:
                continue
            etype = classes[k]
            if cand.joint and not _between_subjects(etype, trig):
                continue
            lexical = VERBS.get(trig.lemma_.lower()) or NOUNS.get(trig.lemma_.lower())
            mode = lexical[1] if lexical and lexical[0] == etype and lexical[1] else None
            negated, hypothetical = negation_and_mood(trig)
            sent = cand.sent
            claim = claiming_quote(trig, cand.source_entity, quotes)
            events.append(Event(
                id=f"ev{len(events) + 1}", type=etype, text=span_text(sent), start=sent.start_char, end=sent.end_char,
                trigger=trig.text, mode=mode,
                actor=_name(cand.source, cand.source_entity), actor_entity=_id(cand.source_entity),
                target=_name(cand.target, cand.target_entity), target_entity=_id(cand.target_entity),
                date=event_date(sent, trig, timexes),
                place=place_of(sent, by_token, {_id(cand.source_entity), _id(cand.target_entity)}),
                negated=negated, hypothetical=hypothetical, confidence=round(float(p[k]), 3),
                claimed_by=(claim.speaker or "unnamed source") if claim is not None else None))
            if claim is not None and etype in ACCUSABLE and not (negated or hypothetical):
                acc = _accusation(doc, claim, cand, entities, timexes, float(p[k]))
                if acc is not None and not any(
                        (e.type, e.actor_entity, e.target_entity, e.start) == (acc.type, acc.actor_entity,
                                                                             acc.target_entity, acc.start)
                        for e in events):
                    acc.id = f"ev{len(events) + 1}"
                    events.append(acc)
        return events


def _between_subjects(etype: str, trigger) -> bool:  # noqa: ANN001
    """Whether coordinated subjects do the event to each other: cooperation they share
    ("X and Y signed a pact", "met") or an act with no other object ("X and Y clashed");
    not a conflict act aimed elsewhere ("X and Y reject the allegations")."""
    if QUAD_CLASS[etype] in (1, 2):
        return True
    return not any(c.dep_ in ("dobj", "obj", "ccomp") for c in trigger.children)


def _accusation(doc: Doc, claim: Quote, cand: Candidate, entities: list[ArticleEntity], timexes: list[Timex],
                confidence: float) -> Event | None:
    """The speaker's accusation of the alleged doer ("Kalvia said Ostmark shelled the town":
    Kalvia ACCUSE Ostmark), worded by the statement's reporting verb in the same sentence.
    None when the speaker or the doer is not a named actor, or they are the same."""
    speaker = next((e for e in entities if e.id == claim.speaker_entity), None)
    doer = cand.source_entity
    if speaker is None or doer is None or speaker.type not in ACTOR_TYPES or speaker.id == doer.id \
            or claim.cue_start < 0:
        return None
    cue = doc.char_span(claim.cue_start, claim.cue_end, alignment_mode="expand")
    if cue is None or len(cue) == 0 or cue.sent.start != cand.sent.start:
        return None
    verb = cue[0]
    sent = cand.sent
    negated, hypothetical = negation_and_mood(verb)
    return Event(
        id="", type="ACCUSE", text=sent.text, start=sent.start_char, end=sent.end_char, trigger=verb.text,
        mode="allege", actor=speaker.name, actor_entity=speaker.id, target=doer.name, target_entity=doer.id,
        date=event_date(sent, verb, timexes), place=None, negated=negated, hypothetical=hypothetical,
        confidence=round(confidence, 3), claimed_by=None)
