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

from newsdesk.analyze.names import fold, role_class
from newsdesk.model import ArticleEntity, Quote

REPORTING = set(["say", "tell", "add", "warn", "announce", "call", "describe", "insist", "stress", "emphasise", "emphasize", "claim", "state", "note", "accuse", "deny", "assure", "argue", "explain", "confirm", "declare", "reply", "respond", "write", "suggest", "acknowledge", "admit", "vow", "pledge", "promise", "urge", "threaten", "predict", "ask", "comment", "remark", "observe", "conclude", "reiterate", "underline", "affirm", "allege", "contend", "maintain", "report", "tweet", "post", "hint", "speak", "caution", "criticise", "criticize", "complain", "recall", "estimate", "signal", "indicate", "concede", "continue", "quote"])
# Verbs of the manner of speaking and of writing that newspapers use as attribution cues
# ("“Go register,” Trump implored", "she emailed her daughter", "he quipped").
REPORTING |= {"email", "text", "message", "implore", "fume", "joke", "quip", "muse", "exclaim", "shout",
              "scream", "yell", "whisper", "mutter", "sigh", "laugh", "plead", "beg", "retort", "counter",
              "interject", "chime", "scoff", "boast", "brag", "lament", "marvel", "gush", "snap", "bristle",
              "protest", "object", "query", "wonder", "inform", "notify", "advise", "testify", "disclose",
              "publish", "mention", "assert", "charge", "recount", "reveal", "concur", "echo", "repeat",
              "clarify", "elaborate", "summarize", "summarise", "agree", "reason", "surmise", "speculate",
              "guess", "acknowledge", "grumble", "groan", "cry", "thunder", "roar", "rail", "crow", "tout",
              "trumpet", "proclaim", "pronounce", "rule", "order", "instruct", "announce", "broadcast",
              "blurt", "holler", "stammer", "stress"}
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
# Verbs whose infinitive complement is the attributed intention or commitment ("has
# promised to fight back", "decided to withdraw", "declined to comment").
INTENTION = {"promise", "vow", "pledge", "threaten", "plan", "intend", "want", "hope", "seek", "decide",
             "refuse", "decline", "agree", "offer", "expect", "aim", "wish", "prefer", "demand", "propose",
             "claim", "pretend", "vote", "resolve", "insist", "volunteer", "move", "opt"}
# Verbs whose object and its infinitive are the content ("urged voters to turn out").
OBJECT_XCOMP = {"urge", "ask", "call", "order", "tell", "encourage", "invite", "warn", "advise", "instruct",
                "press", "push", "challenge", "want", "implore", "beg", "direct", "request", "exhort"}
# Verbs whose "for" phrase is a demand ("called for a special prosecutor").
CALL_FOR = {"call", "push", "press", "argue", "ask", "appeal", "lobby", "campaign", "clamor", "plead", "advocate"}
# Verbs of position-taking whose object is the position's content ("endorsed Clinton",
# "sharply criticized the handling of ...").
STANCE_OBJECT = {"support", "endorse", "back", "oppose", "criticize", "criticise", "blast", "slam", "attack",
                 "mock", "reject", "dismiss", "praise", "condemn", "welcome", "defend", "dispute", "echo",
                 "recount", "cite", "propose", "announce", "request", "demand", "applaud", "decry", "hail",
                 "tout", "champion", "favor", "favour", "embrace", "recommend", "repeat", "denounce",
                 "disavow", "question", "challenge", "lament", "rebuke", "ridicule", "highlight", "promise",
                 "pledge", "threaten", "predict", "forecast", "estimate", "reveal", "confirm", "admit",
                 "acknowledge", "release", "describe", "detail", "outline", "tweet", "retweet", "share",
                 "disclose", "post", "publish", "consider", "tell", "ask"}
# Verbs that close a sentence after its source ("…, FEC records show.").
CLOSING_VERBS = {"show", "shows", "showed", "say", "says", "said", "suggest", "suggests", "suggested",
                 "indicate", "indicates", "indicated", "found", "finds", "reported", "reports", "estimate",
                 "estimates", "estimated", "noted", "notes", "added", "wrote", "writes", "argued", "argue",
                 "argues", "believe", "believes", "think", "thinks", "warned", "warn", "warns"}
# Labels of sections and formats that head a line before a colon without being a source.
SECTION_LABELS = {"update", "updated", "analysis", "exclusive", "watch", "opinion", "editorial", "breaking",
                  "live", "photos", "photo", "video", "review", "comment", "correction", "note", "editor",
                  "read", "related", "see", "listen", "source", "sources", "credit", "image", "by", "tags",
                  "topics", "q", "a", "question", "answer", "factbox", "explainer", "timeline", "fact", "poll"}
# Verbs that attribute a belief in the passive ("is expected to", "is said to").
PASSIVE_ATTRIBUTION = {"expect", "say", "know", "consider", "regard", "portray", "see", "view", "describe",
                       "believe", "think", "report", "rumor", "rumour", "suppose", "allege", "depict",
                       "perceive", "deem", "understand", "reckon", "hold", "judge", "criticize",
                       "criticise", "accuse", "tout", "celebrate", "praise", "cast", "project", "predict",
                       "estimate", "forecast", "brand", "label", "dub", "call"}
# Verbs that attribute a characterisation to their object ("called him a liar",
# "critics consider RT a Kremlin mouthpiece", "regards the deal as dead").
NAMING_OBJECT = {"call", "dub", "label", "brand", "term", "consider", "regard", "view", "describe", "deem",
                 "portray", "depict", "paint", "characterize", "characterise", "cast", "declare", "pronounce"}
CUE_VERBS = REPORTING | STANCE | INTENTION | OBJECT_XCOMP | CALL_FOR | STANCE_OBJECT | NAMING_OBJECT
# Nouns of attribution whose "that"-clause or infinitive is attributed content ("the
# allegation that ...", "Trump's threats to sue", "a decision to send a letter").
NOUN_CUES = {"claim", "allegation", "accusation", "criticism", "warning", "promise", "pledge", "threat",
             "decision", "plan", "call", "demand", "request", "hope", "fear", "belief", "view", "argument",
             "assertion", "suggestion", "insistence", "vow", "commitment", "proposal", "charge", "contention",
             "concern", "worry", "assurance", "denial", "admission", "confidence", "expectation", "intention",
             "order", "offer", "refusal", "determination", "conviction", "speculation", "rumor", "rumour",
             "insinuation"}
# Nouns of attribution whose "about"/"of"/"for" phrase is the content.
NOUN_PP_CUES = {"question", "fear", "concern", "worry", "claim", "allegation", "accusation", "criticism",
                "support", "opposition", "praise", "complaint", "warning", "doubt", "skepticism", "suspicion",
                "charge", "speculation", "rumor", "rumour", "denial", "demand", "call", "request", "plea",
                "appeal", "condemnation", "endorsement", "objection", "outrage", "anger", "frustration",
                "attack", "defense", "defence"}
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


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The verb's subject; for a participle or coordinated verb ("…, adding", "by
    affirming", "and warned") the subject of the clause it hangs from."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and not child.is_punct:  # the parser sometimes
            return child                                                  # makes "»" a subject
    head = verb.head
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and head.i < verb.i:
        if head.lemma_.lower() in SPEECH_NOUNS and head.dep_ in ("dobj", "obj") and depth < 3:
            return _subject(head.head, depth + 1)  # "Pence released a statement saying ..."
        return head  # "polls showing Trump ahead"
    if head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    if depth < 3 and head.i != verb.i and verb.dep_ in ("conj", "advcl", "xcomp", "pcomp", "acl", "dep"):
        return _subject(head, depth + 1)
    return None


def _governor(doc: Doc, start: int, end: int) -> Token | None:
    """The reporting verb that syntactically governs a quoted span, if any."""
    inside = [t for t in doc if start <= t.idx < end]
    for tok in inside:
        if start <= tok.head.idx < end:
            continue
        node, steps = tok.head, 0
        while steps < 5 and node.i != node.head.i or steps == 0:
            if node.lemma_.lower() in REPORTING and node.pos_ in ("VERB", "AUX") and not start <= node.idx < end:
                return node
            if node.i == node.head.i:
                break
            node, steps = node.head, steps + 1
        break
    return None


def _phrase(tok: Token) -> Span:
    """The subject noun phrase without relative clauses or appositions."""
    doc = tok.doc
    left = min([tok.i] + [t.i for t in tok.lefts if t.dep_ in ("compound", "amod", "det", "poss", "nmod", "case", "nummod")])
    right = max([tok.i] + [t.i for t in tok.rights if t.dep_ in ("compound", "flat")])
    return doc[left:right + 1]


def _trim(span: Span) -> Span:
    while len(span) and (span[-1].is_punct or span[-1].is_space) and span[-1].text not in "”\"’»":
        span = span[:-1]
    while len(span) and (span[0].is_punct or span[0].is_space) and span[0].text not in "“\"‘«„":
        span = span[1:]
    return span


def _subtree_span(tok: Token) -> Span:
    sub = list(tok.subtree)
    return tok.doc[sub[0].i:sub[-1].i + 1]


def _parenthetical(verb: Token) -> Span | None:
    """"Fraudsters, he said in the video, don't last long.": the cue clause set off by
    commas inside the sentence it attributes; the content is the sentence around it."""
    doc, sent = verb.doc, verb.sent
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subj is None or any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > verb.i and
                           c.i - verb.i <= 2 for c in verb.children):
        return None
    left = min(t.i for t in subj.subtree)
    right = verb.i + 1
    while right < sent.end and doc[right].text != "," and right - verb.i <= 6:
        right += 1
    if left - 1 <= sent.start or doc[left - 1].text != "," or right >= sent.end or doc[right].text != ",":
        return None
    words_before = [t for t in doc[sent.start:left - 1] if _word(t)]
    words_after = [t for t in doc[right + 1:sent.end] if _word(t)]
    if not words_before or len(words_after) < 3:
        return None
    if len(words_before) <= 3 and not any(t.dep_ in ("nsubj", "nsubjpass") for t in doc[sent.start:left - 1]):
        # "Instead, he said, the merger ...": the opening words are a discourse adverbial
        return _trim(doc[right + 1:sent.end])
    return _trim(doc[sent.start:sent.end])


def _complement(verb: Token) -> tuple[Span, str] | None:
    """What a reporting, stance or intention verb attributes, and its kind: its clausal
    complement ("said that ..."), the sentence around a parenthetical cue ("X, he said,
    Y"), an intention ("promised to ..."), an appeal ("urged voters to ...", "called for
    ..."), or a position's object ("endorsed X", "accused X of Y")."""
    doc = verb.doc
    lemma = verb.lemma_.lower()
    speech = lemma in REPORTING
    clause_kind = "statement" if speech else "stance"
    if speech or lemma in STANCE:
        paren = _parenthetical(verb)
        if paren is not None and len(paren) >= 4:
            return paren, clause_kind
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i > verb.i]
    if lemma in NAMING_OBJECT and objects and objects[0].left_edge.i <= verb.i + 3 and any(
            c.i > objects[0].i and (c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") or
                                    (c.dep_ == "prep" and c.lower_ == "as")) for c in verb.children):
        return _object_phrase(verb, objects[0]), "stance"
    if lemma == "call":
        # "called on the congregation to vote"
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "on" and c.i == verb.i + 1), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        xc = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i), None)
        if pobj is not None and xc is not None:
            return _trim(doc[pobj.left_edge.i:max(t.i for t in xc.subtree) + 1]), "stance"
    comp = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
    if not comp and speech:
        # "told “Meet the Press” on Sunday that ...": a quoted title misleads the parser,
        # which hangs the "that"-clause under it
        comp = [t for t in verb.subtree if t.dep_ == "ccomp" and verb.i < t.i <= verb.i + 16
                and t.head.dep_ in ("xcomp", "dobj") and t.head.head.i == verb.i
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)][:1]
    if comp and lemma in PROPOSITION_OBJECT and objects and objects[0].i < comp[0].i:
        # "polls showing him leading"
        return _trim(doc[objects[0].left_edge.i:max(t.i for t in comp[0].subtree) + 1]), "statement"
    if comp:
        sub = list(comp[0].subtree)
        has_that = any(c.dep_ == "mark" and c.lower_ == "that" for c in comp[0].children)
        # "said that ...", or "told supporters in Florida on Tuesday that ..."
        if sub[0].i <= verb.i + 4 or (has_that and sub[0].i <= verb.i + 14):
            last = sub[-1].i
            # "has said the accord is historic and urged lawmakers to ...": a cue verb
            # coordinated inside the clause belongs to the speaker, not to what was said
            for c in comp[0].children:
                if c.dep_ == "conj" and c.lemma_.lower() in CUE_VERBS and c.i > comp[0].i:
                    cc = [t.i for t in comp[0].children if t.dep_ == "cc" and comp[0].i < t.i < c.i]
                    last = min(last, (cc[-1] if cc else c.left_edge.i) - 1)
            return _trim(doc[sub[0].i:last + 1]), clause_kind
    sent = verb.sent
    if speech or lemma in STANCE:
        # Words after the cue that are not its subject ("said Robert Brown, a professor at
        # ...") nor an adverbial ("..., officials said, although ..."): few means the cue
        # closes it.
        aside = {t.i for c in verb.children if c.i > verb.i and c.dep_ in ("nsubj", "advcl", "npadvmod", "prep",
                                                                            "advmod")
                 for t in c.subtree}
        tail = [t for t in doc[verb.i + 1:sent.end] if _word(t) and t.i not in aside]
        if len(tail) <= 3:
            # The cue closes the sentence: "The dollar held back exports, it said."
            before = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < verb.i]
            if before:
                span: Span | None = _subtree_span(before[0])
            elif verb.dep_ == "parataxis" and verb.head.i < verb.i:
                first = sent.start
                last = min(t.i for t in verb.subtree) - 1
                span = doc[first:last] if last > first else None
            else:
                span = None
            if span is not None:
                span = _trim(span)
                if len(span) >= 3:
                    return span, clause_kind
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                  and any(a.lower_ == "to" for a in c.children)), None)
    if xcomp is not None and lemma in OBJECT_XCOMP and objects:
        # "urged voters to turn out", "asked both campaigns to explain ..."
        first = min(t.i for t in objects[0].subtree)
        return doc[first:max(t.i for t in xcomp.subtree) + 1], "stance"
    if xcomp is not None and lemma in OBJECT_XCOMP and not objects:
        # the parser often hangs the object inside the infinitive: "urged [men to vote]"
        sub = _subtree_span(xcomp)
        if sub[0].i <= verb.i + 3 and lemma not in INTENTION:
            return sub, "stance"
    if xcomp is not None and lemma in INTENTION:
        sub = _subtree_span(xcomp)
        if sub[0].i <= verb.i + 3:
            return sub, "statement" if lemma in ("promise", "vow", "pledge", "threaten", "claim", "insist",
                                                 "propose", "demand") else "stance"
    if lemma in CALL_FOR:
        # "called for a special prosecutor to investigate ..."
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" and c.i <= verb.i + 2),
                    None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is not None:
            return doc[pobj.left_edge.i:max(t.i for t in prep.subtree) + 1], "stance"
    if lemma in PROPOSITION_OBJECT and objects and objects[0].lemma_.lower() not in SPEECH_NOUNS \
            and objects[0].left_edge.i <= verb.i + 3:
        # "denied the allegations of fraud", "polls showing Trump ahead"
        return _object_phrase(verb, objects[0]), "statement"
    if lemma in OBJECT_CONTENT:
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        reason = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "on")), None)
        if reason is None and obj is not None:  # "accused the candidate [of groping them]"
            reason = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
        if obj is not None and reason is not None and obj.i > verb.i:
            last = max(t.i for t in reason.subtree)
            first = min(t.i for t in obj.subtree)
            return doc[first:last + 1], "statement"
    if lemma in STANCE_OBJECT and objects:
        obj = objects[0]
        if obj.left_edge.i <= verb.i + 3 and obj.lemma_.lower() not in SPEECH_NOUNS and obj.pos_ != "PRON":
            # "praised Putin as a strong leader", "blasted Trump for his treatment of women"
            return _object_phrase(verb, obj), "stance"
    if (speech or lemma in STANCE) and not objects:
        # "warned of Russian efforts to ...", "boasted about the golf course"
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "about", "over", "against")
                     and verb.i < c.i <= verb.i + 4
                     and all(t.dep_ in ("prt", "advmod") for t in doc[verb.i + 1:c.i])), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is not None:
            return _subtree_span(pobj), "stance"
    return None


def _passive(verb: Token) -> tuple[Span, Token | None] | None:
    """"The Fed is not expected to change rates", "the senator is said to have made his
    peace", "regarded as a sharp political mind": a belief attributed in the passive, to
    the "by" phrase when there is one and otherwise to nobody named (an anonymous
    attribution a fact-checker wants flagged)."""
    if verb.lemma_.lower() not in PASSIVE_ATTRIBUTION or verb.tag_ != "VBN":
        return None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or verb.dep_ in ("acl", "advcl")
    if not passive:
        return None
    comp = next((c for c in verb.children if c.i > verb.i and (
        (c.dep_ in ("xcomp", "oprd", "ccomp") and c.pos_ != "ADP") or
        (c.dep_ == "prep" and c.lower_ in ("as", "for")))), None)
    if comp is None:
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    holder = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    content = _subtree_span(comp)
    return (content, holder) if len(content) >= 2 else None


def _object_phrase(verb: Token, obj: Token) -> Span:
    """The object with what the verb says of it: "Trump ahead", "Putin as a strong
    leader", "Trump for his treatment of women" (up to the end of those dependents)."""
    last = max(t.i for t in obj.subtree)
    for c in verb.children:
        if c.i > obj.i and (c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") or
                            (c.dep_ == "advmod" and c.i == last + 1) or
                            (c.dep_ == "prep" and c.lower_ in ("as", "for", "of", "over", "on", "with"))):
            last = max(last, max(t.i for t in c.subtree))
    return _trim(obj.doc[obj.left_edge.i:last + 1])


def _noun_cue(tok: Token) -> tuple[Span, Token | None] | None:
    """"the allegation that ...", "Trump's threats to sue ...": a noun of attribution with
    its attributed clause, and the possessor or "by"/"of" phrase that holds it, if any."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in NOUN_CUES | NOUN_PP_CUES or \
            (tok.i > 0 and tok.nbor(-1).lower_ == "in"):  # "in order to", "in support of"
        return None
    comp = next((c for c in tok.children if c.i > tok.i and c.dep_ in ("acl", "ccomp")
                 and any((a.dep_ == "mark" and a.lower_ == "that") or (a.dep_ == "aux" and a.lower_ == "to")
                         for a in c.children)), None)
    if comp is None and tok.lemma_.lower() in NOUN_PP_CUES:
        # "questions about her use of email", "fears of a Trump presidency", "claims of fraud"
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.i == tok.i + 1
                     and c.lower_ in ("about", "of", "over", "for", "on", "that")), None)
        comp = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if comp is not None:
            holder = next((c for c in tok.children if c.dep_ == "poss"), None)
            return _subtree_span(comp), holder
    if comp is None:
        return None
    content = _subtree_span(comp)
    if len(content) < 3:
        return None
    holder = next((c for c in tok.children if c.dep_ == "poss"), None)
    if holder is None:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "of", "from")
                     and c.i < comp.i), None)
        holder = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    return content, holder


class QuoteExtractor:
    """spaCy component writing ``doc._.nd_quotes`` (needs ``doc._.nd_entities``)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self._quoted: list[tuple[int, int]] = []

    def __call__(self, doc: Doc) -> Doc:
        entities: list[ArticleEntity] = doc._.nd_entities or []
        direct = find_direct(doc.text)
        self._quoted = [(f.start, f.end) for f in direct]
        found = [self._direct(doc, f, entities) for f in direct]
        quotes = [q for q, keep in self._continue(doc.text, found) if keep]
        quotes += self._headlines(doc, entities, [(q.start, q.end) for q in quotes])
        quotes += self._reported(doc, entities, [(q.start, q.end) for q in quotes])
        quotes += self._closing_source(doc, entities, [(q.start, q.end) for q in quotes])
        quotes.sort(key=lambda q: (q.start, -q.end))
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
                    q.speaker_entity is None:
                _adopt(q, outer)  # a fragment quoted inside a reported statement is its speaker's
        doc._.nd_quotes = quotes
        return doc

    # speakers -----------------------------------------------------------------
    def _speaker(self, doc: Doc, tok: Token, entities: list[ArticleEntity],
                 content_start: int | None = None) -> tuple[str | None, str | None, int, int]:
        """``content_start``: where the quoted or reported words begin; a pronoun never
        resolves to a person named inside them ("Obama was the first ..., he said")."""
        if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":
            # "Matt Bai, who said ...": the antecedent speaks; the span stays on "who"
            name, ent_id, _, _ = self._speaker(doc, tok.head.head, entities, content_start)
            return name, ent_id, tok.idx, tok.idx + len(tok)
        span = _phrase(tok)
        ent = _entity_at(entities, tok.idx, tok.idx + len(tok))
        if ent is None and tok.pos_ == "PROPN":
            # a name the phrase ends on ("Donald Trump"), not one inside it ("The Washington Post")
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
        if tok.pos_ in ("NOUN", "PROPN", "NUM", "DET", "PRON", "ADJ", "X"):
            # a source the text names without naming a person: "analysts", "another", "the two"
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

    def _direct(self, doc: Doc, f: Found, entities: list[ArticleEntity]) -> tuple[Quote, bool]:
        """The quote with its cue and speaker, and whether it stands as a statement on its
        own (a scare-quoted label or an uncued short quote does not, unless it continues
        a neighbouring attributed quote)."""
        text = doc.text[f.start:f.end]
        words = re.findall(r"\w+", text)
        sents = [s for s in doc.sents if s.start_char <= f.start < s.end_char or s.start_char < f.end <= s.end_char]
        cue = _governor(doc, f.start, f.end)
        for s in sents:
            cue = cue or self._cue_in(s, f.start, f.end)
        if cue is None:  # "X said:" before, or "…," he added." after, in a neighbouring sentence
            cue = self._neighbour_cue(doc, f)
        according = None if cue is not None else self._according(sents, f)
        if cue is None and according is None:
            labelled = self._colon_label(doc, f, entities)
            if labelled is not None:  # "Howard Kurtz, Fox News: “Trump had his strongest debate”"
                return labelled, True
        speaker: tuple[str | None, str | None, int, int] = (None, None, -1, -1)
        cue_text, cs, ce = None, -1, -1
        subj = _subject(cue) if cue is not None else according
        if subj is None and cue is not None:
            subj = _adjacent_name(doc, cue)
        if subj is not None and not any(s <= subj.idx < e for s, e in self._quoted):
            speaker = self._speaker(doc, subj, entities, f.start)
        if cue is not None:
            cue_text, cs, ce = cue.text, cue.idx, cue.idx + len(cue)
        elif according is not None:
            head = according.head.head
            cue_text, cs, ce = "according to", head.idx, head.idx + len("according to")
        q = Quote("", text, f.start, f.end, True, speaker[0], speaker[1], speaker[2], speaker[3],
                  cue_text, cs, ce)
        if _is_title(doc.text, f, words):
            return q, False  # a book, film or programme title: "Plenty Ladylike", "Meet the Press"
        if len(words) < 3:
            # Scare quotes and labels are not statements; a short piece of speech is:
            # "“Normally,” she said, “...”" (it closes on its own punctuation by its cue).
            spoken = cue is not None and subj is not None and text.rstrip()[-1:] in ",.!?…" and \
                min(abs(cue.idx - f.end), abs(f.start - cue.idx)) < 40
            return q, spoken or (cue is not None and cue.lemma_.lower() in NAMING)
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
            prev = out[k - 1][0] if k else None
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
        text = doc.text
        line_start = text.rfind("\n", 0, f.start) + 1
        prefix = text[line_start:f.start].rstrip(" “\"«„‘")
        if not prefix.endswith(":"):
            return None
        label = prefix[:-1].strip()
        words = re.findall(r"[\w'’.-]+", label)
        if not 1 <= len(words) <= 10 or not words[0][:1].isupper():
            return None
        lo, hi = line_start, line_start + len(prefix) - 1
        ent = next((e for kind in ("PERSON", "ORG") for e in entities if e.type == kind
                    and any(lo <= m.start and m.end <= hi for m in e.mentions)), None)
        if ent is None and sum(w[:1].isupper() for w in words) < len(words) - 1:
            return None  # "Among her lessons:" introduces, but names nobody
        if ent is not None:
            m = next(m for m in ent.mentions if lo <= m.start and m.end <= hi)
            name, ent_id, sp = ent.name, ent.id, (m.start, m.end)
        else:
            name, ent_id, sp = label, None, (lo, lo + len(label))
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
        sents = list(doc.sents)
        for i, s in enumerate(sents):
            if s.start_char <= f.start < s.end_char:
                before = sents[i - 1] if i else None
                after = sents[i + 1] if i + 1 < len(sents) else None
                if before is not None and before.text.rstrip().endswith(":"):
                    return self._cue_in(before, f.start, f.end)
                if after is not None and not re.search(r"[“\"«„]", after.text) and (
                        len(after) <= 8 or (len(after) <= 40 and not doc.text[f.end:after.start_char].strip(
                            " ”\"’»") and after[0].pos_ in ("PROPN", "PRON", "DET", "NOUN"))):
                    # "“…?” Lisa Monaco, Obama's adviser on counterterrorism, said": the
                    # tagger ends the sentence at the question mark inside the quote
                    cue = self._cue_in(after, f.start, f.end)
                    if cue is not None and (len(after) <= 8 or _subject(cue) is not None):
                        return cue
        return None

    # headlines ----------------------------------------------------------------
    def _headlines(self, doc: Doc, entities: list[ArticleEntity], taken: list[tuple[int, int]]) -> list[Quote]:
        """Lines that give their source before the content, read from the words (a
        tagger trained on running text misreads title case): "Jake Tapper on the leak:
        ‘Unethical’", "McCaul: If elected, she could be impeached", and title-case
        headlines "Trump Warns Clinton Policy Would Lead To War"."""
        out: list[Quote] = []
        text = doc.text
        for sent in doc.sents:
            line_start = text.rfind("\n", 0, sent.start_char) + 1
            if text[line_start:sent.start_char].strip():
                continue  # not the start of a line
            found = self._colon_source(sent) or self._headline_verb(sent)
            if found is None:
                continue
            prefix, cue, content = found
            content = _trim(content)
            if len([t for t in content if t.is_alpha]) < 3:
                continue
            start, end = content.start_char, content.end_char
            if any(s < end and start < e and not (start - 2 <= s and e <= end + 2) for s, e in taken) or \
                    _all_quoted(text, start, end, taken):
                continue
            source = next((e for e in entities if e.type in ("PERSON", "ORG", "NORP") and any(
                prefix.start_char <= m.start and m.end <= prefix.end_char for m in e.mentions)), None)
            if source is None:
                # a headline names people by surname before the text introduces them
                last = fold(prefix[-1].text) if len(prefix) else ""
                people = [e for e in entities if e.type == "PERSON" and fold(e.name).split()[-1:] == [last]]
                if len(people) == 1:
                    name, ent_id, sp = people[0].name, people[0].id, (prefix.start_char, prefix.end_char)
                    source = people[0]
            if source is not None and any(prefix.start_char <= m.start and m.end <= prefix.end_char
                                          for m in source.mentions):
                m = next(m for m in source.mentions if prefix.start_char <= m.start and m.end <= prefix.end_char)
                name, ent_id, sp = source.name, source.id, (m.start, m.end)
            elif source is not None:
                pass  # resolved by surname above
            elif any(e.type == "GPE" and any(prefix.start_char <= m.start and m.end <= prefix.end_char
                                             for m in e.mentions) for e in entities):
                continue  # "Ukraine: ..." is a dateline or a topic, not a speaker
            else:
                name, ent_id, sp = prefix.text, None, (prefix.start_char, prefix.end_char)
            lemma = cue.lower_.rstrip(":")
            kind = "statement" if cue.text == ":" or _verb_of(lemma) in REPORTING else "stance"
            out.append(Quote("", content.text, start, end, False, name, ent_id, sp[0], sp[1],
                             cue.text, cue.idx, cue.idx + len(cue), kind))
            taken.append((start, end))
        return out

    @staticmethod
    def _colon_source(sent: Span) -> tuple[Span, Token, Span] | None:
        """"Donald Trump Jr: Women who ..." — a short capitalised source, then a colon."""
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
        """"Obama Says Trump Modeling Policies On Putin": a title-case line whose first
        reporting verb (third person) follows a capitalised source."""
        words = [t for t in sent if t.is_alpha]
        if len(words) < 4 or len(words) > 25 or sum(t.text[0].isupper() for t in words) < 0.75 * len(words):
            return None
        doc = sent.doc
        for t in sent[1:8]:
            verb = _verb_of(t.lower_)
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
        for sent in doc.sents:
            words = [t for t in sent if _word(t)]
            if len(words) < 7 or words[-1].lower_ not in CLOSING_VERBS:
                continue
            comma = next((t for t in reversed(sent[:words[-1].i - sent.start]) if t.text in ",—–"), None)
            if comma is None:
                continue
            source = doc[comma.i + 1:words[-1].i]
            if not 1 <= len(source) <= 7 or not any(t.pos_ in ("NOUN", "PROPN", "PRON") or t.is_title
                                                    for t in source):
                continue
            content = _trim(doc[sent.start:comma.i])
            start, end = content.start_char, content.end_char
            if len([t for t in content if _word(t)]) < 4 or any(s < end and start < e for s, e in taken):
                continue
            head = source[-1]
            speaker = self._speaker(doc, head, entities, start)
            if speaker[1] is not None or head.lower_ in PRONOUN:
                name, sp_start, sp_end = speaker[0], speaker[2], speaker[3]
            else:  # the words the text uses: "customs data", "FEC records"
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
        verbs = CUE_VERBS
        for sent in doc.sents:
            for tok in sent:
                found = None
                lemma = tok.lemma_.lower()
                cue_text = tok.text
                passive = _passive(tok) if tok.pos_ == "VERB" else None
                if passive is not None:
                    found, subj = (passive[0], "stance"), passive[1]
                elif lemma in verbs and tok.pos_ == "VERB":
                    found = _complement(tok)
                    subj = _subject(tok)
                elif tok.lower_ == "according" and tok.i + 1 < len(doc) and tok.nbor(1).lower_ == "to":
                    pobj = next((c for c in tok.nbor(1).children if c.dep_ == "pobj"), None)
                    if pobj is None:
                        continue
                    subj, cue_text = pobj, "according to"
                    # "X happened, according to Y, who ..." attributes what comes before;
                    # "According to Y, X happened" what comes after.
                    before = [t for t in sent if t.i < tok.i and _word(t)]
                    rest = before if len(before) >= 4 else \
                        [t for t in sent if t.i > max(x.i for x in pobj.subtree) and _word(t)]
                    if len(rest) >= 4:
                        found = (doc[rest[0].i:rest[-1].i + 1], "statement")
                else:
                    noun = _noun_cue(tok)
                    if noun is not None:
                        found, subj = (noun[0], "stance"), noun[1]
                if found is None or len(found[0]) < 1:
                    continue
                content, kind = found
                start, end = content.start_char, content.end_char
                inside = [(s, e) for s, e in taken if start - 2 <= s and e <= end + 2]
                if any(s < end and start < e for s, e in taken if (s, e) not in inside):
                    continue
                if _all_quoted(doc.text, start, end, taken):
                    continue  # the clause is all quoted already
                if subj is None and kind == "statement":
                    continue
                speaker = self._speaker(doc, subj, entities, start) if subj is not None else (None, None, -1, -1)
                if speaker[0] is None and subj is not None and subj.lower_ not in PRONOUN and \
                        not (subj.tag_ in ("WP", "WDT") and subj.head.dep_ == "relcl"):
                    continue
                out.append(Quote("", content.text, start, end, False, speaker[0], speaker[1], speaker[2],
                                 speaker[3], cue_text, tok.idx, tok.idx + len(cue_text), kind))
                taken.append((start, end))
        return out


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


def _adjacent_name(doc: Doc, cue: Token) -> Token | None:
    """The name right next to a cue the parser left without a subject ("Trump implored",
    "said Simonyan"): the tagger sometimes reads a surname as a verb."""
    for i in (cue.i - 1, cue.i + 1):
        if 0 <= i < len(doc) and doc[i].text[:1].isupper() and doc[i].is_alpha and \
                (doc[i].ent_type_ in ("PERSON", "ORG") or doc[i].pos_ == "PROPN"):
            return doc[i]
    return None


def _verb_of(word: str) -> str | None:
    """The base form of a third-person verb written in a headline: "says", "pushes",
    "denies"."""
    if not word.endswith("s") or len(word) < 4:
        return None
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("shes", "ches", "sses", "xes")):
        return word[:-2]
    return word[:-1]


def _all_quoted(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """Whether quotes already found cover all but a couple of words of ``text[start:end]``."""
    inside = sorted(((s, e) for s, e in taken if start - 2 <= s and e <= end + 2), reverse=True)
    if not inside:
        return False
    outside = text[start:end]
    for s, e in inside:
        outside = outside[:max(s - start, 0)] + outside[e - start:]
    return len(re.findall(r"\w+", outside)) < 3


def _word(tok: Token) -> bool:
    return not (tok.is_punct or tok.is_space)


def _adopt(q: Quote, other: Quote) -> None:
    """Give ``q`` the speaker and cue of the quote it continues."""
    q.speaker, q.speaker_entity = other.speaker, other.speaker_entity
    q.speaker_start, q.speaker_end = other.speaker_start, other.speaker_end
    q.cue, q.cue_start, q.cue_end = other.cue, other.cue_start, other.cue_end
