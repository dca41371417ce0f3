"""The quotes component: direct quotes in every quotation-mark style and reported
speech, each with its cue and its speaker resolved to a named entity when the text
says who spoke (pronouns and descriptions go to the nearest compatible named person);
otherwise the speaker stays unknown — never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsdesk.analyze.names import role_class
from newsdesk.model import ArticleEntity, Quote

REPORTING = set(["say", "tell", "add", "warn", "announce", "call", "describe", "insist", "stress", "emphasise", "emphasize", "claim", "state", "note", "accuse", "deny", "assure", "argue", "explain", "confirm", "declare", "reply", "respond", "write", "suggest", "acknowledge", "admit", "vow", "pledge", "promise", "urge", "threaten", "predict", "ask", "comment", "remark", "observe", "conclude", "reiterate", "underline", "affirm", "allege", "contend", "maintain", "report", "tweet", "post", "hint", "speak", "caution", "criticise", "criticize", "complain", "recall", "estimate", "signal", "indicate", "concede", "continue", "quote"])
# Stance and evaluation verbs: attributions of beliefs, accusations and judgements that a
# fact-checker wants attributed too ("X believes that ...", "X accused Y of ...").
STANCE = {"believe", "think", "feel", "fear", "hope", "expect", "worry", "doubt", "agree", "disagree",
          "recommend", "propose", "demand", "reveal", "show", "find", "cite", "mention", "assert", "charge",
          "testify", "advise", "question", "recount", "boast", "point", "forecast", "project", "blame",
          "praise", "thank", "credit", "fault", "applaud", "slam", "condemn", "warn", "know", "learn"}
OBJECT_CONTENT = {"accuse", "blame", "praise", "thank", "credit", "fault", "criticize", "criticise", "condemn",
                  "slam", "applaud", "commend", "congratulate"}
# Verbs whose direct object is itself the attributed content (a proposition, finding or
# forecast), unlike "released a statement" where the object only names the speech act.
PROPOSITION_OBJECT = {"deny", "show", "reveal", "find", "indicate", "suggest", "predict", "estimate", "forecast",
                      "acknowledge", "admit", "confirm", "dispute", "reject", "question"}
SPEECH_NOUNS = {"statement", "report", "comment", "remark", "question", "speech", "interview", "letter", "email",
                "message", "post", "tweet", "note", "briefing", "conference", "call"}
NAMING = {"call", "describe", "dub", "term", "label", "brand", "denounce"}
PAIRS = {"“": "”", "«": "»", "„": "“", "‹": "›", '"': '"', "‘": "’", "”": "”"}
PRONOUN = {"he", "she", "they", "it", "we", "i"}
PERSON_PRONOUN = {"he", "she", "i", "we"}


@dataclass
class Found:
    start: int
    end: int
    direct: bool


def find_direct(text: str) -> list[Found]:
    """Quoted spans (content only), matching each opening mark to its closing mark;
    a quote left open at a paragraph end continues into the next paragraph when that one
    reopens with a quotation mark (the newspaper convention)."""
    out: list[Found] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if text.startswith(("''", "``"), i) and (i == 0 or text[i - 1] in " \n(") and i + 2 < n \
                and not text[i + 2].isspace():
            # ''typewriter'' and ``LaTeX'' quotation marks (common in wire and archive text)
            j = text.find("''", i + 2)
            para = text.find("\n\n", i + 2)
            if j != -1 and (para == -1 or j < para):
                if text[i + 2:j].strip():
                    out.append(Found(i + 2, j, True))
                i = j + 2
                continue
        close = PAIRS.get(ch)
        if close is None or (ch == "‘" and i > 0 and text[i - 1].isalnum()):
            i += 1
            continue
        if ch == "”" and not (i == 0 or text[i - 1] in " \n("):
            i += 1
            continue
        j = i + 1
        while j < n:
            c = text[j]
            if c == close and not (close == "’" and j + 1 < n and text[j + 1].isalpha() and text[j - 1].isalpha()):
                break
            if c == "\n" and text[j:j + 2] == "\n\n":
                k = j
                while k < n and text[k] in "\n ":
                    k += 1
                if k < n and text[k] == ch:  # continued quote: skip the reopening mark
                    j = k + 1
                    continue
                j = -1
                break
            j += 1
        if j == -1 or j >= n:
            i += 1
            continue
        if text[i + 1:j].strip():
            out.append(Found(i + 1, j, True))
        i = j + 1
    return out


def _entity_at(entities: list[ArticleEntity], start: int, end: int) -> ArticleEntity | None:
    for e in entities:
        for m in e.mentions:
            if m.start < end and start < m.end:
                return e
    return None


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The verb's subject; for a participle or coordinated verb ("…, adding", "by
    affirming", "and warned") the subject of the clause it hangs from."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and not child.is_punct:  # the parser sometimes
            return child                                                  # makes "»" a subject
    head = verb.head
    if head.pos_ == "ADP" and head.head is not head:
        head = head.head
    if depth < 3 and head is not verb and verb.dep_ in ("conj", "advcl", "xcomp", "pcomp", "acl", "dep"):
        return _subject(head, depth + 1)
    return None


def _governor(doc: Doc, start: int, end: int) -> Token | None:
    """The reporting verb that syntactically governs a quoted span, if any."""
    inside = [t for t in doc if start <= t.idx < end]
    for tok in inside:
        if start <= tok.head.idx < end:
            continue
        node, steps = tok.head, 0
        while steps < 5 and node is not node.head or steps == 0:
            if node.lemma_.lower() in REPORTING and node.pos_ in ("VERB", "AUX") and not start <= node.idx < end:
                return node
            if node is node.head:
                break
            node, steps = node.head, steps + 1
        break
    return None


def _phrase(tok: Token) -> Span:
    """The subject noun phrase without relative clauses or appositions."""
    doc = tok.doc
    left = min([tok.i] + [t.i for t in tok.lefts if t.dep_ in ("compound", "amod", "det", "poss", "nmod", "case")])
    right = max([tok.i] + [t.i for t in tok.rights if t.dep_ in ("compound", "flat")])
    return doc[left:right + 1]


def _complement(verb: Token) -> Span | None:
    """What a reporting or stance verb attributes: its clausal complement ("said that
    ..."), or for accusations and praise the object with its reason ("accused X of Y")."""
    doc = verb.doc
    comp = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
    if comp:
        sub = list(comp[0].subtree)
        has_that = any(c.dep_ == "mark" and c.lower_ == "that" for c in comp[0].children)
        # "said that ...", or "told supporters in Florida on Tuesday that ..."
        if sub[0].i <= verb.i + 4 or (has_that and sub[0].i <= verb.i + 14):
            return doc[sub[0].i:sub[-1].i + 1]
    sent = verb.sent
    # Words after the cue that are not its subject ("said Robert Brown, a professor at ...")
    # nor an adverbial ("..., officials said, although ..."): few means the cue closes it.
    aside = {t.i for c in verb.children if c.i > verb.i and c.dep_ in ("nsubj", "advcl", "npadvmod", "prep", "advmod")
             for t in c.subtree}
    tail = [t for t in doc[verb.i + 1:sent.end] if not t.is_punct and t.i not in aside]
    if len(tail) <= 3:
        # The cue closes the sentence: "The dollar held back exports, it said."
        before = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < verb.i]
        if before:
            sub = list(before[0].subtree)
            span = doc[sub[0].i:sub[-1].i + 1]
        elif verb.dep_ == "parataxis" and verb.head.i < verb.i:
            first = sent.start
            last = min(t.i for t in verb.subtree) - 1
            span = doc[first:last] if last > first else None
        else:
            span = None
        if span is not None:
            while len(span) and (span[-1].is_punct or span[-1].is_space):
                span = span[:-1]
            while len(span) and (span[0].is_punct or span[0].is_space):
                span = span[1:]
            if len(span) >= 3:
                return span
    if verb.lemma_.lower() in PROPOSITION_OBJECT:
        # "denied the allegations of fraud", "the poll showed a narrow lead for Smith"
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i > verb.i), None)
        if obj is not None and obj.lemma_.lower() not in SPEECH_NOUNS:
            sub = list(obj.subtree)
            if len(sub) >= 3 and sub[0].i <= verb.i + 3:
                return doc[sub[0].i:sub[-1].i + 1]
    if verb.lemma_.lower() in OBJECT_CONTENT:
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        reason = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
        if obj is not None and reason is not None and obj.i > verb.i:
            last = max(t.i for t in reason.subtree)
            first = min(t.i for t in obj.subtree)
            return doc[first:last + 1]
    return None


class QuoteExtractor:
    """spaCy component writing ``doc._.nd_quotes`` (needs ``doc._.nd_entities``)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self._quoted: list[tuple[int, int]] = []

    def __call__(self, doc: Doc) -> Doc:
        entities: list[ArticleEntity] = doc._.nd_entities or []
        quotes: list[Quote] = []
        direct = find_direct(doc.text)
        self._quoted = [(f.start, f.end) for f in direct]
        for f in direct:
            q = self._direct(doc, f, entities)
            if q is not None:
                quotes.append(q)
        quotes += self._reported(doc, entities, [(q.start, q.end) for q in quotes])
        quotes.sort(key=lambda q: q.start)
        for i, q in enumerate(quotes, start=1):
            q.id = f"q{i}"
        doc._.nd_quotes = quotes
        return doc

    # speakers -----------------------------------------------------------------
    def _speaker(self, doc: Doc, tok: Token, entities: list[ArticleEntity],
                 content_start: int | None = None) -> tuple[str | None, str | None, int, int]:
        """``content_start``: where the quoted or reported words begin; a pronoun never
        resolves to a person named inside them ("Obama was the first ..., he said")."""
        span = _phrase(tok)
        ent = _entity_at(entities, tok.idx, tok.idx + len(tok))
        if ent is None and tok.pos_ == "PROPN":
            ent = _entity_at(entities, span.start_char, span.end_char)
        for appos in (c for c in tok.children if c.dep_ == "appos"):
            ent = ent or _entity_at(entities, appos.idx, appos.idx + len(appos))
        if ent is not None:
            return ent.name, ent.id, span.start_char, span.end_char
        if role_class(tok.lemma_) in ("head", "government", "minister", "adviser") and \
                any(c.lower_ == "the" for c in tok.lefts):
            person = self._sole_person_before(doc, entities, tok)  # "…," the president said.
            if person is not None:
                return person.name, person.id, span.start_char, span.end_char
        if tok.lower_ in PRONOUN:
            if tok.lower_ not in PERSON_PRONOUN:
                return None, None, -1, -1
            limit = tok.idx if content_start is None else min(tok.idx, content_start)
            person = self._nearest_person(entities, limit)
            if person is not None:
                return person.name, person.id, tok.idx, tok.idx + len(tok)
            return None, None, -1, -1
        if tok.pos_ in ("NOUN", "PROPN"):
            return span.text, None, span.start_char, span.end_char
        return None, None, -1, -1

    @staticmethod
    def _sole_person_before(doc: Doc, entities: list[ArticleEntity], tok: Token) -> ArticleEntity | None:
        """The one person named in this and the previous sentence before ``tok``; a title
        is resolved only when no other person could be meant."""
        sents = list(doc.sents)
        idx = next(i for i, s in enumerate(sents) if s.start <= tok.i < s.end)
        lo = sents[max(0, idx - 1)].start_char
        named = [e for e in entities if e.type == "PERSON" and any(lo <= m.start < tok.idx for m in e.mentions)]
        return named[0] if len(named) == 1 else None

    @staticmethod
    def _nearest_person(entities: list[ArticleEntity], pos: int) -> ArticleEntity | None:
        best, best_end = None, -1
        for e in entities:
            if e.type != "PERSON":
                continue
            for m in e.mentions:
                if best_end < m.end <= pos:
                    best, best_end = e, m.end
        return best if best is not None and pos - best_end < 600 else None

    # direct quotes ------------------------------------------------------------
    def _cue_in(self, sent: Span, start: int, end: int) -> Token | None:
        """The reporting verb of the sentence outside the quoted span, nearest to it."""
        verbs = [t for t in sent if t.lemma_.lower() in REPORTING and t.pos_ in ("VERB", "AUX")
                 and not (start <= t.idx < end)]
        if not verbs:
            return None
        return min(verbs, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))

    def _direct(self, doc: Doc, f: Found, entities: list[ArticleEntity]) -> Quote | None:
        text = doc.text[f.start:f.end]
        words = re.findall(r"\w+", text)
        sents = [s for s in doc.sents if s.start_char <= f.start < s.end_char or s.start_char < f.end <= s.end_char]
        cue = _governor(doc, f.start, f.end)
        for s in sents:
            cue = cue or self._cue_in(s, f.start, f.end)
        if cue is None:  # "X said:" before, or "…," he added." after, in a neighbouring sentence
            cue = self._neighbour_cue(doc, f)
        according = None if cue is not None else self._according(sents, f)
        if len(words) < 3 and not (cue is not None and cue.lemma_.lower() in NAMING):
            return None  # scare quotes and labels are not statements
        if cue is None and according is None and (len(words) < 8 or not sents):
            return None
        speaker: tuple[str | None, str | None, int, int] = (None, None, -1, -1)
        cue_text, cs, ce = None, -1, -1
        subj = _subject(cue) if cue is not None else according
        if subj is not None and not any(s <= subj.idx < e for s, e in self._quoted):
            speaker = self._speaker(doc, subj, entities, f.start)
        if cue is not None:
            cue_text, cs, ce = cue.text, cue.idx, cue.idx + len(cue)
        elif according is not None:
            head = according.head.head
            cue_text, cs, ce = "according to", head.idx, head.idx + len("according to")
        return Quote("", text, f.start, f.end, True, speaker[0], speaker[1], speaker[2], speaker[3],
                     cue_text, cs, ce)

    @staticmethod
    def _according(sents: list[Span], f: Found) -> Token | None:
        """"According to X, … “quote”": X, when outside the quote."""
        for s in sents:
            for t in s:
                if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "to" \
                        and not f.start <= t.idx < f.end:
                    pobj = next((c for c in t.nbor(1).children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
        return None

    def _neighbour_cue(self, doc: Doc, f: Found) -> Token | None:
        sents = list(doc.sents)
        for i, s in enumerate(sents):
            if s.start_char <= f.start < s.end_char:
                before = sents[i - 1] if i else None
                after = sents[i + 1] if i + 1 < len(sents) else None
                if before is not None and before.text.rstrip().endswith(":"):
                    return self._cue_in(before, f.start, f.end)
                if after is not None and len(after) <= 8 and not re.search(r"[“\"«„]", after.text):
                    return self._cue_in(after, f.start, f.end)
        return None

    # reported speech ----------------------------------------------------------
    def _reported(self, doc: Doc, entities: list[ArticleEntity], taken: list[tuple[int, int]]) -> list[Quote]:
        out: list[Quote] = []
        for sent in doc.sents:
            for tok in sent:
                content = None
                lemma = tok.lemma_.lower()
                if (lemma in REPORTING or lemma in STANCE) and tok.pos_ == "VERB":
                    content = _complement(tok)
                    subj = _subject(tok)
                    cue = tok
                elif tok.lower_ == "according" and tok.i + 1 < len(doc) and tok.nbor(1).lower_ == "to":
                    pobj = next((c for c in tok.nbor(1).children if c.dep_ == "pobj"), None)
                    if pobj is None:
                        continue
                    subj, cue = pobj, tok
                    rest = [t for t in sent if t.i > max(x.i for x in pobj.subtree) and not t.is_punct] or \
                           [t for t in sent if t.i < tok.i and not t.is_punct]
                    if len(rest) >= 4:
                        content = doc[rest[0].i:rest[-1].i + 1]
                if content is None or len(content) < 3:
                    continue
                start, end = content.start_char, content.end_char
                inside = [(s, e) for s, e in taken if start - 2 <= s and e <= end + 2]
                if any(s < end and start < e for s, e in taken if (s, e) not in inside):
                    continue
                if inside and sum(e - s for s, e in inside) >= 0.6 * (end - start):
                    continue  # the clause is (nearly) all quoted already
                if subj is None:
                    continue
                speaker = self._speaker(doc, subj, entities, start)
                if speaker[0] is None and subj.lower_ not in PRONOUN:
                    continue
                cue_text = "according to" if cue.lower_ == "according" else cue.text
                out.append(Quote("", content.text, start, end, False, speaker[0], speaker[1], speaker[2],
                                 speaker[3], cue_text, cue.idx, cue.idx + len(cue_text)))
                taken.append((start, end))
        return out
