"""The quotes component: every attribution in a report — direct quotes in every
quotation-mark style, reported speech, headline and round-up sources, and attributed
beliefs, intentions and positions (``kind="stance"``) — each with its content span, its
cue and its speaker resolved to a named entity when the text says who spoke (pronouns
and descriptions go to the nearest compatible named person); otherwise the speaker stays
unknown — never guessed. Which words cue an attribution and which part of a sentence is
its content is the job of ``attribution``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsdesk.analyze.attribution import (
    CLOSING_VERBS,
    CUE_VERBS,
    NAMING,
    PROPOSITION_OBJECT,
    REPORTING,
    SECTION_LABELS,
    STANCE_OBJECT,
    adjacent_name,
    complement,
    compound_subject,
    governor,
    is_word,
    names_a_source,
    not_an_attribution,
    noun_cue,
    passive,
    phrase,
    subject,
    trim,
    verb_of,
)
from newsdesk.analyze.doctext import doc_text, span_text
from newsdesk.analyze.names import fold, role_class
from newsdesk.model import ArticleEntity, Quote

PAIRS = {"“": "”", "«": "»", "„": "“", "‹": "›", '"': '"', "‘": "’", "”": "”"}
PRONOUN = {"he", "she", "they", "it", "we", "i"}
PERSON_PRONOUN = {"he", "she", "i", "we"}
POSSESSIVE = {"his": "he", "her": "she", "their": "they", "its": "it", "my": "i", "our": "we"}


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


class QuoteExtractor:
    """spaCy component writing ``doc._.nd_quotes`` (needs ``doc._.nd_entities``)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        # per document, set at the start of each call: the quoted spans and the sentences
        self._quoted: list[tuple[int, int]] = []
        self._sents: list[Span] = []

    def __call__(self, doc: Doc) -> Doc:
        entities: list[ArticleEntity] = doc._.nd_entities or []
        direct = find_direct(doc_text(doc))
        self._quoted = [(f.start, f.end) for f in direct]
        self._sents = list(doc.sents)
        found = [self._direct(doc, f, entities) for f in direct]
        quotes = [q for q, keep in self._continue(doc_text(doc), found) if keep]
        quotes += self._headlines(doc, entities, [(q.start, q.end) for q in quotes])
        quotes += self._reported(doc, entities, [(q.start, q.end) for q in quotes])
        quotes += self._closing_source(doc, entities, [(q.start, q.end) for q in quotes])
        quotes.sort(key=lambda q: (q.start, -q.end))
        self._continuations(doc, quotes, entities)
        for i, q in enumerate(quotes, start=1):
            q.id = f"q{i}"
        # A quoted fragment inside a reported clause, or an attribution inside what
        # someone else is reported to have said ("she said voters are not backing X"), is
        # part of that one statement: ``within`` points at the outermost one.
        by_length = sorted(quotes, key=lambda q: q.start - q.end)
        for q in quotes:
            outer = next((c for c in by_length if c.start - 1 <= q.start and q.end <= c.end + 1
                          and (c.end - c.start) > (q.end - q.start) + 2), None)
            q.within = outer.id if outer is not None else None
            if outer is not None and outer.speaker is not None and outer.kind == "statement" and \
                    q.speaker_entity is None and (q.speaker is None or q.direct):
                _adopt(q, outer)  # a fragment quoted inside a reported statement is its speaker's
        doc._.nd_quotes = quotes
        return doc

    # speakers -----------------------------------------------------------------
    def _continuations(self, doc: Doc, quotes: list[Quote], entities: list[ArticleEntity]) -> None:
        """"…,” he added": a "he"/"she" speaker continues the previous named speaker of
        the passage, not the last person the text happened to mention (an expert's quote
        about a head of state stays the expert's). The nearest person is kept only when
        a new person became the subject of a sentence in between and the cue does not
        mark a continuation ("added", "continued")."""
        by_id = {e.id: e for e in entities}
        quoted = [(q.start, q.end) for q in quotes if q.direct]
        text = doc_text(doc)
        last: Quote | None = None
        for q in quotes:
            word = text[q.speaker_start:q.speaker_end].lower() if q.speaker_start >= 0 else ""
            if word in ("he", "she") and last is not None and q.speaker_entity != last.speaker_entity \
                    and 0 <= q.speaker_start - last.end < 900 and text.count("\n\n", last.end, q.start) <= 2:
                prev = by_id.get(last.speaker_entity or "")
                other = {"he": ("she", "her"), "she": ("he", "him", "his")}[word]
                agrees = prev is not None and not any(m.text.lower() in other for m in prev.mentions)
                cue = (q.cue or "").lower()
                carries_on = cue.startswith(("add", "continu", "conclud", "went on", "go on", "goes on"))
                if agrees and (carries_on or not self._new_subject(doc, entities, last, q, quoted)):
                    q.speaker, q.speaker_entity = last.speaker, last.speaker_entity
            ent = by_id.get(q.speaker_entity or "")
            if ent is not None and ent.type == "PERSON":
                last = q

    @staticmethod
    def _new_subject(doc: Doc, entities: list[ArticleEntity], prev: Quote, q: Quote,
                     quoted: list[tuple[int, int]]) -> bool:
        """Whether a person other than ``prev``'s speaker is a sentence subject between the
        two quotes, outside quotation marks."""
        for e in entities:
            if e.type != "PERSON" or e.id == prev.speaker_entity:
                continue
            for m in e.mentions:
                if not prev.end <= m.start < q.speaker_start or any(s <= m.start < t for s, t in quoted):
                    continue
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                    return True
        return False

    def _speaker(self, doc: Doc, tok: Token, entities: list[ArticleEntity],
                 content_start: int | None = None) -> tuple[str | None, str | None, int, int]:
        """``content_start``: where the quoted or reported words begin; a pronoun never
        resolves to a person named inside them ("Obama was the first ..., he said")."""
        if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":
            # "Ana Ruiz, who said ...": the antecedent speaks; the span stays on "who"
            name, ent_id, _, _ = self._speaker(doc, tok.head.head, entities, content_start)
            return name, ent_id, tok.idx, tok.idx + len(tok)
        span = phrase(tok)
        if compound_subject(tok):  # "Ruiz and Kell said": no one of them is the speaker
            return None, None, span.start_char, span.end_char
        ent = _entity_at(entities, tok.idx, tok.idx + len(tok))
        if ent is None and tok.pos_ == "PROPN":
            # a name the phrase ends on ("Jonas Varga"), not one inside it ("The Varga Foundation")
            ent = _entity_at(entities, span.start_char, span.end_char)
            if ent is not None and not any(m.start < tok.idx + len(tok) <= m.end + 1 for m in ent.mentions):
                ent = None
        for appos in (c for c in tok.children if c.dep_ == "appos"):
            ent = ent or _entity_at(entities, appos.idx, appos.idx + len(appos))
        if ent is not None:
            return ent.name, ent.id, span.start_char, span.end_char
        if role_class(tok.lemma_) in ("head", "government", "minister", "adviser") and \
                any(c.lower_ == "the" for c in tok.lefts):
            person = self._sole_person_before(doc, entities, tok)  # "…," the president said.
            if person is not None:
                return person.name, person.id, span.start_char, span.end_char
        pronoun = POSSESSIVE.get(tok.lower_, tok.lower_)
        if pronoun in PRONOUN:
            # The span keeps the pronoun the text uses; the name is given only when the
            # pronoun resolves to one person ("it" and "they" are left unresolved).
            person = None
            if pronoun in PERSON_PRONOUN:
                limit = tok.idx if content_start is None else min(tok.idx, content_start)
                person = self._nearest_person(entities, limit)
            if person is not None:
                return person.name, person.id, tok.idx, tok.idx + len(tok)
            return None, None, tok.idx, tok.idx + len(tok)
        if tok.lower_ in ("this", "that", "these", "those", "which", "what", "who", "there"):
            return None, None, -1, -1
        if tok.pos_ == "NOUN" and not names_a_source(tok):
            # "the economy", "the deal": the text credits these words, but no one speaks
            return None, None, span.start_char, span.end_char
        if tok.pos_ == "PROPN" and tok.text.isupper() and not tok.ent_type_ and len(span) == 1:
            return None, None, span.start_char, span.end_char  # a video label or credit ("RAW"): no source
        if tok.pos_ in ("NOUN", "PROPN", "NUM", "DET", "PRON", "ADJ", "X"):
            # a source the text names without naming a person: "analysts", "another", "the two"
            return span.text, None, span.start_char, span.end_char
        return None, None, -1, -1

    def _sole_person_before(self, doc: Doc, entities: list[ArticleEntity], tok: Token) -> ArticleEntity | None:
        """The one person named in this and the previous sentence before ``tok``; a title
        is resolved only when no other person could be meant."""
        sents = self._sents
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
                 and not (start <= t.idx < end) and not _has_own_content(t, start, end)]
        if not verbs:
            return None
        return min(verbs, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))

    def _direct(self, doc: Doc, f: Found, entities: list[ArticleEntity]) -> tuple[Quote, bool]:
        """The quote with its cue and speaker, and whether it stands as a statement on its
        own (a scare-quoted label or an uncued short quote does not, unless it continues
        a neighbouring attributed quote)."""
        text = doc_text(doc)[f.start:f.end]
        words = re.findall(r"\w+", text)
        sents = [s for s in self._sents if s.start_char <= f.start < s.end_char or s.start_char < f.end <= s.end_char]
        cue = governor(doc, f.start, f.end)
        for s in sents:
            cue = cue or self._cue_in(s, f.start, f.end)
        if cue is None:  # "X said:" before, or "…," he added." after, in a neighbouring sentence
            cue = self._neighbour_cue(doc, f)
        according = None if cue is not None else self._according(sents, f)
        if cue is None and according is None:
            labelled = self._colon_label(doc, f, entities)
            if labelled is not None:  # "Maria Olsen, Channel 4: “It was his strongest debate”"
                return labelled, True
        speaker: tuple[str | None, str | None, int, int] = (None, None, -1, -1)
        cue_text, cs, ce = None, -1, -1
        subj = subject(cue) if cue is not None else according
        if subj is None and cue is not None:
            subj = adjacent_name(doc, cue)
        if cue is not None and not_an_attribution(cue, subj):
            subj = None  # "Neither Ruiz nor Kell explained …": nobody is quoted here
        if subj is not None and not any(s <= subj.idx < e for s, e in self._quoted):
            speaker = self._speaker(doc, subj, entities, f.start)
        if cue is not None:
            cue_text, cs, ce = cue.text, cue.idx, cue.idx + len(cue)
        elif according is not None:
            head = according.head.head
            cue_text, cs, ce = "according to", head.idx, head.idx + len("according to")
        q = Quote("", text, f.start, f.end, True, speaker[0], speaker[1], speaker[2], speaker[3],
                  cue_text, cs, ce)
        if _is_title(doc_text(doc), f, words):
            return q, False  # a book, film or programme title: "Plenty Ladylike", "Meet the Press"
        if len(words) < 3:
            # Scare quotes and labels are not statements; a short piece of speech is:
            # "“Normally,” she said, “...”" (it closes on its own punctuation by its cue).
            spoken = cue is not None and subj is not None and text.rstrip()[-1:] in ",.!?…" and \
                min(abs(cue.idx - f.end), abs(f.start - cue.idx)) < 40 and not _in_content(cue, f.start, f.end)
            # "called it “a disgrace”" names; a word quoted near a verb of calling that does
            # not govern it ("by calling the tip line or texting “TIP”") does not
            named = cue is not None and cue.lemma_.lower() in NAMING and _governs(cue, f.start, f.end)
            return q, spoken or named
        if cue is None and according is None and (len(words) < 8 or not sents):
            return q, False
        return q, True

    @staticmethod
    def _continue(text: str, found: list[tuple[Quote, bool]]) -> list[tuple[Quote, bool]]:
        """A quote with no cue of its own continues the attributed quote next to it:
        "“…,” he said. “…”" in one paragraph, or a paragraph that opens with a quote right
        after a paragraph that closed on the previous quote or its attribution (the
        newspaper convention). Returns the quotes with whether each stands."""
        out = list(found)
        for k, (q, keep) in enumerate(found):
            if q.cue is not None or q.speaker is not None or _is_title_quote(text, q):
                continue
            prev = _statement_before(out, k)
            if prev is not None and (prev.speaker is not None or prev.cue is not None):
                gap = text[prev.end:q.start]
                line_start = text.rfind("\n", 0, q.start) + 1
                opens_line = not text[line_start:q.start].strip(" “\"«„‘")
                if "\n" not in gap and len(gap) < 160:
                    _adopt(q, prev)
                elif opens_line and len(gap) < 160 and gap.count("\n") == len(gap.split("\n")) - 1 \
                        and len(gap.split("\n")[0]) < 120 and not gap.strip("\n ”\"»’").count("\n"):
                    _adopt(q, prev)  # the previous paragraph ended on that speaker's quote
            if q.cue is None:
                nxt = found[k + 1][0] if k + 1 < len(found) else None
                if nxt is not None and nxt.speaker is not None and nxt.cue_start > nxt.end:
                    gap = text[q.end:nxt.start]
                    if len(gap) < 12 and "\n" not in gap:
                        _adopt(q, nxt)
            out[k] = (q, keep or (q.cue is not None and not _is_title_quote(text, q)))
        return out

    @staticmethod
    def _colon_label(doc: Doc, f: Found, entities: list[ArticleEntity]) -> Quote | None:
        """A quote introduced on its line by a name and a colon, as in round-ups of
        reactions and in transcripts."""
        text = doc_text(doc)
        line_start = text.rfind("\n", 0, f.start) + 1
        prefix = text[line_start:f.start].rstrip(" “\"«„‘")
        if not prefix.endswith(":"):
            return None
        label = prefix[:-1].strip()
        words = re.findall(r"[\w'’.-]+", label)
        if not 1 <= len(words) <= 10 or not words[0][:1].isupper():
            return None
        lo, hi = line_start, line_start + len(prefix) - 1
        named = _line_source(entities, lo, hi, label)
        if named is None or (named[1] is None and sum(w[:1].isupper() for w in words) < len(words) - 1):
            return None  # "Among her lessons:" introduces, but names nobody
        name, ent_id, sp = named
        colon = line_start + len(prefix) - 1
        return Quote("", text[f.start:f.end], f.start, f.end, True, name, ent_id, sp[0], sp[1], ":", colon, colon + 1)

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
        sents = self._sents
        for i, s in enumerate(sents):
            if s.start_char <= f.start < s.end_char:
                before = sents[i - 1] if i else None
                after = sents[i + 1] if i + 1 < len(sents) else None
                if before is not None and span_text(before).rstrip().endswith(":"):
                    return self._cue_in(before, f.start, f.end)
                if after is not None and not re.search(r"[“\"«„]", span_text(after)) and (
                        len(after) <= 8 or (len(after) <= 40 and not doc_text(doc)[f.end:after.start_char].strip(
                            " ”\"’»") and after[0].pos_ in ("PROPN", "PRON", "DET", "NOUN"))):
                    # "“…?” Ana Ruiz, the president's adviser on security, said": the
                    # tagger ends the sentence at the question mark inside the quote
                    cue = self._cue_in(after, f.start, f.end)
                    if cue is not None and (len(after) <= 8 or subject(cue) is not None):
                        return cue
        return None

    # headlines ----------------------------------------------------------------
    def _headlines(self, doc: Doc, entities: list[ArticleEntity], taken: list[tuple[int, int]]) -> list[Quote]:
        """Lines that give their source before the content, read from the words (a
        tagger trained on running text misreads title case): "Olsen on the leak:
        ‘Unethical’", "Kell: If elected, she could be impeached", and title-case
        headlines "Ruiz Warns Varga Policy Would Lead To War"."""
        out: list[Quote] = []
        text = doc_text(doc)
        for sent in self._sents:
            line_start = text.rfind("\n", 0, sent.start_char) + 1
            if text[line_start:sent.start_char].strip():
                continue  # not the start of a line
            found = self._colon_source(sent) or self._headline_verb(sent)
            if found is None:
                continue
            prefix, cue, content = found
            content = trim(content)
            if len([t for t in content if t.is_alpha]) < 3:
                continue
            start, end = content.start_char, content.end_char
            if _crosses(start, end, taken) or _all_quoted(text, start, end, taken):
                continue
            source = _line_source(entities, prefix.start_char, prefix.end_char, prefix.text)
            if source is None:
                continue  # "Ukraine: ..." is a dateline or a topic, not a speaker
            name, ent_id, sp = source
            lemma = cue.lower_.rstrip(":")
            kind = "statement" if cue.text == ":" or verb_of(lemma) in REPORTING else "stance"
            out.append(Quote("", content.text, start, end, False, name, ent_id, sp[0], sp[1],
                             cue.text, cue.idx, cue.idx + len(cue), kind))
            taken.append((start, end))
        return out

    @staticmethod
    def _colon_source(sent: Span) -> tuple[Span, Token, Span] | None:
        """"Marta Kell Jr: Voters who ..." — a short capitalised source, then a colon."""
        doc = sent.doc
        colon = next((t for t in sent if t.text == ":" and 1 <= t.i - sent.start <= 6), None)
        if colon is None:
            return None
        prefix = doc[sent.start:colon.i]
        words = [t for t in prefix if t.is_alpha]
        if not words or any(not t.text[0].isupper() and t.lower_ not in ("of", "the", "on", "to", "for", "and")
                            for t in words) or words[0].lower_ in SECTION_LABELS:
            return None
        return prefix, colon, doc[colon.i + 1:sent.end]

    @staticmethod
    def _headline_verb(sent: Span) -> tuple[Span, Token, Span] | None:
        """"Ruiz Says Varga Modeling Policies On Old Rivals": a title-case line whose first
        reporting verb (third person) follows a capitalised source."""
        words = [t for t in sent if t.is_alpha]
        if len(words) < 4 or len(words) > 25 or sum(t.text[0].isupper() for t in words) < 0.75 * len(words):
            return None
        doc = sent.doc
        for t in sent[1:8]:
            verb = verb_of(t.lower_)
            if verb and (verb in REPORTING or verb in STANCE_OBJECT or verb in PROPOSITION_OBJECT) and t.i > sent.start:
                return doc[sent.start:t.i], t, doc[t.i + 1:sent.end]
            if not t.text[0].isupper() and t.is_alpha:
                return None
        return None

    def _closing_source(self, doc: Doc, entities: list[ArticleEntity],
                        taken: list[tuple[int, int]]) -> list[Quote]:
        """"…, Federal Election Commission records show.": a sentence closed by its source
        and a reporting verb. Read from the words, not the parse: a small tagger often
        takes a sentence-final "show" or "data" for a noun."""
        out: list[Quote] = []
        for sent in self._sents:
            words = [t for t in sent if is_word(t)]
            if len(words) < 7 or words[-1].lower_ not in CLOSING_VERBS:
                continue
            comma = next((t for t in reversed(sent[:words[-1].i - sent.start]) if t.text in ",—–"), None)
            if comma is None:
                continue
            source = doc[comma.i + 1:words[-1].i]
            if not 1 <= len(source) <= 7 or not any(t.pos_ in ("NOUN", "PROPN", "PRON") or t.is_title
                                                    for t in source):
                continue
            content = trim(doc[sent.start:comma.i])
            start, end = content.start_char, content.end_char
            if len([t for t in content if is_word(t)]) < 4 or any(s < end and start < e for s, e in taken):
                continue
            head = source[-1]
            speaker = self._speaker(doc, head, entities, start)
            if speaker[1] is not None or head.lower_ in PRONOUN:
                name, sp_start, sp_end = speaker[0], speaker[2], speaker[3]
            else:  # the words the text uses: "customs data", "election commission records"
                name, sp_start, sp_end = source.text, source.start_char, source.end_char
            kind = "statement" if words[-1].lemma_.lower() in REPORTING or words[-1].lower_ in ("say", "says", "said") \
                else "stance"
            out.append(Quote("", content.text, start, end, False, name, speaker[1], sp_start, sp_end,
                             words[-1].text, words[-1].idx, words[-1].idx + len(words[-1]), kind))
            taken.append((start, end))
        return out

    # reported speech ----------------------------------------------------------
    def _reported(self, doc: Doc, entities: list[ArticleEntity], taken: list[tuple[int, int]]) -> list[Quote]:
        out: list[Quote] = []
        for sent in self._sents:
            for tok in sent:
                found = None
                lemma = tok.lemma_.lower()
                cue_text = tok.text
                anonymous = passive(tok) if tok.pos_ == "VERB" else None
                if anonymous is not None:
                    found, subj = (anonymous[0], "stance"), anonymous[1]
                elif lemma in CUE_VERBS and tok.pos_ == "VERB":
                    found = complement(tok)
                    subj = subject(tok)
                    if not_an_attribution(tok, subj):
                        continue
                elif tok.lower_ == "according" and tok.i + 1 < len(doc) and tok.nbor(1).lower_ == "to":
                    pobj = next((c for c in tok.nbor(1).children if c.dep_ == "pobj"), None)
                    if pobj is None:
                        continue
                    subj, cue_text = pobj, "according to"
                    # "X happened, according to Y, who ..." attributes what comes before;
                    # "According to Y, X happened" what comes after.
                    before = [t for t in sent if t.i < tok.i and is_word(t)]
                    rest = before if len(before) >= 4 else \
                        [t for t in sent if t.i > max(x.i for x in pobj.subtree) and is_word(t)]
                    if len(rest) >= 4 and not _reports_speech(rest):
                        found = (doc[rest[0].i:rest[-1].i + 1], "statement")
                else:
                    noun = noun_cue(tok)
                    if noun is not None:
                        found, subj = (noun[0], "stance"), noun[1]
                if found is None or len(found[0]) < 1:
                    continue
                content, kind = found
                start, end = content.start_char, content.end_char
                if _crosses(start, end, taken) or _all_quoted(doc_text(doc), start, end, taken):
                    continue  # cuts through a quote found already, or is all quoted already
                if subj is None and kind == "statement":
                    continue
                speaker = self._speaker(doc, subj, entities, start) if subj is not None else (None, None, -1, -1)
                if speaker[0] is None and speaker[2] < 0 and subj is not None and subj.lower_ not in PRONOUN and \
                        not (subj.tag_ in ("WP", "WDT") and subj.head.dep_ == "relcl"):
                    continue
                out.append(Quote("", content.text, start, end, False, speaker[0], speaker[1], speaker[2],
                                 speaker[3], cue_text, tok.idx, tok.idx + len(cue_text), kind))
                taken.append((start, end))
        return out


def _statement_before(found: list[tuple[Quote, bool]], k: int) -> Quote | None:
    """The stand-alone quote before ``found[k]`` that a cue-less quote may continue.
    Quoted labels in between ("a “long day”") are skipped while they hang on that
    quote's own cue; one hanging on another cue ("…,” he added, saying it was a “long
    day.”") started another clause, so nothing is continued across it."""
    cue_start = None
    for q, keep in reversed(found[:k]):
        if keep:
            return q if cue_start is None or q.cue_start == cue_start else None
        if q.cue is not None:
            if cue_start is not None and q.cue_start != cue_start:
                return None
            cue_start = q.cue_start
    return None


def _reports_speech(tokens: list[Token]) -> bool:
    """Whether words credited "according to" a source already say who spoke ("“…,” said
    Ruiz in an interview, according to the Ledger"): the source is the medium that
    carried the words, not their speaker."""
    return any(t.lemma_.lower() in REPORTING and t.pos_ == "VERB" and subject(t) is not None for t in tokens)


def _governs(verb: Token, start: int, end: int) -> bool:
    """Whether the quoted span hangs on ``verb`` within three steps of the parse."""
    span = verb.doc.char_span(start, end, alignment_mode="expand")
    for tok in span if span is not None else []:
        if start <= tok.head.idx < end:
            continue
        node = tok.head
        for _ in range(3):
            if node.i == verb.i:
                return True
            if node.i == node.head.i:
                break
            node = node.head
    return False


def _in_content(verb: Token, start: int, end: int) -> bool:
    """Whether the quoted span lies inside a clause the verb reports ("saying it was a
    “long day.”"): a quoted word of reported speech, not speech on its own."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp", "dobj"):
            sub = list(child.subtree)
            if sub[0].idx <= start and end <= sub[-1].idx + len(sub[-1]) + 2 and \
                    not start <= child.idx < end:
                return True
    return False


def _has_own_content(verb: Token, start: int, end: int) -> bool:
    """Whether a reporting verb already reports a clause of its own outside the quoted
    span ("…,” he added, saying that the incident occurred …"): a cue reports one
    content, so a quote beyond that clause is not its content."""
    for child in verb.children:
        if child.dep_ != "ccomp":
            continue
        sub = list(child.subtree)
        lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1])
        if hi <= start or lo >= end:
            return True
    return False


def _is_title_quote(text: str, q: Quote) -> bool:
    return _is_title(text, Found(q.start, q.end, True), re.findall(r"\w+", q.text))


def _is_title(text: str, f: Found, words: list[str]) -> bool:
    """A quoted title in running text: every word capitalised (small words aside) while
    the sentence around it is not itself a title-case headline."""
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "at", "by", "from", "is"}
    if not 2 <= len(words) <= 10 or any(w[0].islower() and w.lower() not in small for w in words) \
            or not any(w[0].isupper() for w in words):
        return False
    line_start = text.rfind("\n", 0, f.start) + 1
    line_end = text.find("\n", f.end)
    outside = text[line_start:f.start] + " " + text[f.end:len(text) if line_end < 0 else line_end]
    rest = [w for w in re.findall(r"[A-Za-z][\w'’-]*", outside) if w.lower() not in small]
    return bool(rest) and sum(w[0].islower() for w in rest) >= max(3, len(rest) // 3)


def _line_source(entities: list[ArticleEntity], lo: int, hi: int,
                 label: str) -> tuple[str, str | None, tuple[int, int]] | None:
    """Who the words ``lo:hi`` heading a line name: a person or organisation mentioned
    there, a person named by surname only (headlines do so before the text introduces
    them), else the words themselves; None when they name a place (a dateline or topic)."""
    def inside(e: ArticleEntity) -> list:
        return [m for m in e.mentions if lo <= m.start and m.end <= hi]
    for kinds in (("PERSON",), ("ORG", "NORP")):
        ent = next((e for e in entities if e.type in kinds and inside(e)), None)
        if ent is not None:
            m = inside(ent)[0]
            return ent.name, ent.id, (m.start, m.end)
    words = label.split()
    last = fold(words[-1].strip(":,")) if words else ""
    people = [e for e in entities if e.type == "PERSON" and fold(e.name).split()[-1:] == [last]]
    if len(people) == 1:
        return people[0].name, people[0].id, (lo, hi)
    if any(e.type == "GPE" and inside(e) for e in entities):
        return None
    return label, None, (lo, lo + len(label))


def _crosses(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """Whether ``start:end`` overlaps a span found already without containing it."""
    return any(s < end and start < e and not (start - 2 <= s and e <= end + 2) for s, e in taken)


def _all_quoted(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """Whether quotes already found cover all but a couple of words of ``text[start:end]``."""
    inside = sorted(((s, e) for s, e in taken if start - 2 <= s and e <= end + 2), reverse=True)
    if not inside:
        return False
    outside = text[start:end]
    for s, e in inside:
        outside = outside[:max(s - start, 0)] + outside[e - start:]
    return len(re.findall(r"\w+", outside)) < 3


def _adopt(q: Quote, other: Quote) -> None:
    """Give ``q`` the speaker and cue of the quote it continues."""
    q.speaker, q.speaker_entity = other.speaker, other.speaker_entity
    q.speaker_start, q.speaker_end = other.speaker_start, other.speaker_end
    q.cue, q.cue_start, q.cue_end = other.cue, other.cue_start, other.cue_end
