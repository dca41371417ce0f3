"""The grammar of attribution: which words cue an attribution, and which part of a
parsed sentence is the attributed content ("said that …", "X, he said, Y", "urged voters
to …", "endorsed X", "her promise to …", "is expected to …") and who holds it.

Written here rather than taken from a library: no maintained package extracts
attributions with their content spans (the Gender Gap Tracker's extractor is a research
script tied to its own pipeline). The rules read spaCy dependency parses; where the small
English model's tagger is known to fail (title case, a sentence-final "show") the
callers in ``quotes`` read the words instead.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

REPORTING = set(["say", "tell", "add", "warn", "announce", "call", "describe", "insist", "stress", "emphasise", "emphasize", "claim", "state", "note", "accuse", "deny", "assure", "argue", "explain", "confirm", "declare", "reply", "respond", "write", "suggest", "acknowledge", "admit", "vow", "pledge", "promise", "urge", "threaten", "predict", "ask", "comment", "remark", "observe", "conclude", "reiterate", "underline", "affirm", "allege", "contend", "maintain", "report", "tweet", "post", "hint", "speak", "caution", "criticise", "criticize", "complain", "recall", "estimate", "signal", "indicate", "concede", "continue", "quote"])
# Verbs of the manner of speaking and of writing that newspapers use as attribution cues
# ("“Go register,” Kell implored", "she emailed her daughter", "he quipped").
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
# Verbs of position-taking whose object is the position's content ("endorsed Ruiz",
# "sharply criticized the handling of ...").
STANCE_OBJECT = {"support", "endorse", "back", "oppose", "criticize", "criticise", "blast", "slam", "attack",
                 "mock", "reject", "dismiss", "praise", "condemn", "welcome", "defend", "dispute", "echo",
                 "recount", "cite", "propose", "announce", "request", "demand", "applaud", "decry", "hail",
                 "tout", "champion", "favor", "favour", "embrace", "recommend", "repeat", "denounce",
                 "disavow", "question", "challenge", "lament", "rebuke", "ridicule", "highlight", "promise",
                 "pledge", "threaten", "predict", "forecast", "estimate", "reveal", "confirm", "admit",
                 "acknowledge", "release", "describe", "detail", "outline", "tweet", "retweet", "share",
                 "disclose", "post", "publish", "consider", "tell", "ask"}
# Verbs that close a sentence after its source ("…, customs records show.").
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
# "critics consider the channel a state mouthpiece", "regards the deal as dead").
NAMING_OBJECT = {"call", "dub", "label", "brand", "term", "consider", "regard", "view", "describe", "deem",
                 "portray", "depict", "paint", "characterize", "characterise", "cast", "declare", "pronounce"}
CUE_VERBS = REPORTING | STANCE | INTENTION | OBJECT_XCOMP | CALL_FOR | STANCE_OBJECT | NAMING_OBJECT
# Nouns of attribution whose "that"-clause or infinitive is attributed content ("the
# allegation that ...", "Varga's threats to sue", "a decision to send a letter").
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


def subject(verb: Token, depth: int = 0) -> Token | None:
    """The verb's subject; for a participle or coordinated verb ("…, adding", "by
    affirming", "and warned") the subject of the clause it hangs from."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and not child.is_punct:  # the parser sometimes
            return child                                                  # makes "»" a subject
    head = verb.head
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and head.i < verb.i:
        if head.lemma_.lower() in SPEECH_NOUNS and head.dep_ in ("dobj", "obj") and depth < 3:
            return subject(head.head, depth + 1)  # "Pence released a statement saying ..."
        return head  # "polls showing Ruiz ahead"
    if head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    if depth < 3 and head.i != verb.i and verb.dep_ in ("conj", "advcl", "xcomp", "pcomp", "acl", "dep"):
        return subject(head, depth + 1)
    return None


def governor(doc: Doc, start: int, end: int) -> Token | None:
    """The reporting verb that syntactically governs a quoted span, if any."""
    span = doc.char_span(start, end, alignment_mode="expand")  # a binary search, not a pass over the doc
    inside = [t for t in span if start <= t.idx < end] if span is not None else []
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


def phrase(tok: Token) -> Span:
    """The subject noun phrase without relative clauses or appositions."""
    doc = tok.doc
    left = min([tok.i] + [t.i for t in tok.lefts if t.dep_ in ("compound", "amod", "det", "poss", "nmod", "case", "nummod")])
    right = max([tok.i] + [t.i for t in tok.rights if t.dep_ in ("compound", "flat")])
    return doc[left:right + 1]


def trim(span: Span) -> Span:
    while len(span) and (span[-1].is_punct or span[-1].is_space) and span[-1].text not in "”\"’»":
        span = span[:-1]
    while len(span) and (span[0].is_punct or span[0].is_space) and span[0].text not in "“\"‘«„":
        span = span[1:]
    return span


def subtree_span(tok: Token) -> Span:
    sub = list(tok.subtree)
    return tok.doc[sub[0].i:sub[-1].i + 1]


def parenthetical(verb: Token) -> Span | None:
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
    words_before = [t for t in doc[sent.start:left - 1] if is_word(t)]
    words_after = [t for t in doc[right + 1:sent.end] if is_word(t)]
    if not words_before or len(words_after) < 3:
        return None
    if len(words_before) <= 3 and not any(t.dep_ in ("nsubj", "nsubjpass") for t in doc[sent.start:left - 1]):
        # "Instead, he said, the merger ...": the opening words are a discourse adverbial
        return trim(doc[right + 1:sent.end])
    return trim(doc[sent.start:sent.end])


def complement(verb: Token) -> tuple[Span, str] | None:
    """What a reporting, stance or intention verb attributes, and its kind: its clausal
    complement ("said that ..."), the sentence around a parenthetical cue ("X, he said,
    Y"), an intention ("promised to ..."), an appeal ("urged voters to ...", "called for
    ..."), or a position's object ("endorsed X", "accused X of Y")."""
    doc = verb.doc
    lemma = verb.lemma_.lower()
    speech = lemma in REPORTING
    clause_kind = "statement" if speech else "stance"
    if speech or lemma in STANCE:
        paren = parenthetical(verb)
        if paren is not None and len(paren) >= 4:
            return paren, clause_kind
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i > verb.i]
    if lemma in NAMING_OBJECT and objects and objects[0].left_edge.i <= verb.i + 3 and any(
            c.i > objects[0].i and (c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") or
                                    (c.dep_ == "prep" and c.lower_ == "as")) for c in verb.children):
        return object_phrase(verb, objects[0]), "stance"
    if lemma == "call":
        # "called on the congregation to vote"
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "on" and c.i == verb.i + 1), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        xc = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i), None)
        if pobj is not None and xc is not None:
            return trim(doc[pobj.left_edge.i:max(t.i for t in xc.subtree) + 1]), "stance"
    comp = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
    if not comp and speech:
        # "told “Meet the Press” on Sunday that ...": a quoted title misleads the parser,
        # which hangs the "that"-clause under it
        comp = [t for t in verb.subtree if t.dep_ == "ccomp" and verb.i < t.i <= verb.i + 16
                and t.head.dep_ in ("xcomp", "dobj") and t.head.head.i == verb.i
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)][:1]
    if comp and lemma in PROPOSITION_OBJECT and objects and objects[0].i < comp[0].i:
        # "polls showing him leading"
        return trim(doc[objects[0].left_edge.i:max(t.i for t in comp[0].subtree) + 1]), clause_kind
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
            return trim(doc[sub[0].i:last + 1]), clause_kind
    sent = verb.sent
    if speech or lemma in STANCE:
        # Words after the cue that are not its subject ("said Robert Brown, a professor at
        # ...") nor an adverbial ("..., officials said, although ..."): few means the cue
        # closes it.
        aside = {t.i for c in verb.children if c.i > verb.i and c.dep_ in ("nsubj", "advcl", "npadvmod", "prep",
                                                                            "advmod")
                 for t in c.subtree}
        tail = [t for t in doc[verb.i + 1:sent.end] if is_word(t) and t.i not in aside]
        if len(tail) <= 3:
            # The cue closes the sentence: "The dollar held back exports, it said."
            before = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < verb.i]
            if before:
                span: Span | None = subtree_span(before[0])
            elif verb.dep_ == "parataxis" and verb.head.i < verb.i:
                first = sent.start
                last = min(t.i for t in verb.subtree) - 1
                span = doc[first:last] if last > first else None
            else:
                span = None
            if span is not None:
                span = trim(span)
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
        sub = subtree_span(xcomp)
        if sub[0].i <= verb.i + 3 and lemma not in INTENTION:
            return sub, "stance"
    if xcomp is not None and lemma in INTENTION:
        sub = subtree_span(xcomp)
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
        # "denied the allegations of fraud", "polls showing Ruiz ahead"
        return object_phrase(verb, objects[0]), clause_kind
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
            # "praised Varga as a strong leader", "blasted Kell for her handling of the strike"
            return object_phrase(verb, obj), "stance"
    if (speech or lemma in STANCE) and not objects:
        # "warned of Russian efforts to ...", "boasted about the golf course"
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "about", "over", "against")
                     and verb.i < c.i <= verb.i + 4
                     and all(t.dep_ in ("prt", "advmod") for t in doc[verb.i + 1:c.i])), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is not None:
            return subtree_span(pobj), "stance"
    return None


def passive(verb: Token) -> tuple[Span, Token | None] | None:
    """"The Fed is not expected to change rates", "the senator is said to have made his
    peace", "regarded as a sharp political mind": a belief attributed in the passive, to
    the "by" phrase when there is one and otherwise to nobody named (an anonymous
    attribution a fact-checker wants flagged)."""
    if verb.lemma_.lower() not in PASSIVE_ATTRIBUTION or verb.tag_ != "VBN":
        return None
    in_passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or verb.dep_ in ("acl", "advcl")
    if not in_passive:
        return None
    comp = next((c for c in verb.children if c.i > verb.i and (
        (c.dep_ in ("xcomp", "oprd", "ccomp") and c.pos_ != "ADP") or
        (c.dep_ == "prep" and c.lower_ in ("as", "for")))), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    holder = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if comp is None and holder is not None:  # "described by analysts [as reckless]"
        comp = next((c for c in holder.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if comp is None:
        return None
    content = subtree_span(comp)
    return (content, holder) if len(content) >= 2 else None


def object_phrase(verb: Token, obj: Token) -> Span:
    """The object with what the verb says of it: "Ruiz ahead", "Varga as a strong
    leader", "Kell for her handling of the strike" (up to the end of those dependents)."""
    last = max(t.i for t in obj.subtree)
    for c in verb.children:
        if c.i > obj.i and (c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") or
                            (c.dep_ == "advmod" and c.i == last + 1) or
                            (c.dep_ == "prep" and c.lower_ in ("as", "for", "of", "over", "on", "with"))):
            last = max(last, max(t.i for t in c.subtree))
    return trim(obj.doc[obj.left_edge.i:last + 1])


def noun_cue(tok: Token) -> tuple[Span, Token | None] | None:
    """"the allegation that ...", "Varga's threats to sue ...": a noun of attribution with
    its attributed clause, and the possessor or "by"/"of" phrase that holds it, if any."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in NOUN_CUES | NOUN_PP_CUES or \
            (tok.i > 0 and tok.nbor(-1).lower_ == "in"):  # "in order to", "in support of"
        return None
    comp = next((c for c in tok.children if c.i > tok.i and c.dep_ in ("acl", "ccomp")
                 and any((a.dep_ == "mark" and a.lower_ == "that") or (a.dep_ == "aux" and a.lower_ == "to")
                         for a in c.children)), None)
    if comp is None and tok.lemma_.lower() in NOUN_PP_CUES:
        # "questions about her use of email", "fears of a Varga presidency", "claims of fraud"
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.i == tok.i + 1
                     and c.lower_ in ("about", "of", "over", "for", "on", "that")), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is not None:
            return subtree_span(pobj), next((c for c in tok.children if c.dep_ == "poss"), None)
    if comp is None:
        return None
    content = subtree_span(comp)
    if len(content) < 3:
        return None
    holder = next((c for c in tok.children if c.dep_ == "poss"), None)
    if holder is None:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "of", "from")
                     and c.i < comp.i), None)
        holder = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    return content, holder


# Verbs whose object is the one spoken to: in "“…,” told AFP" or "told Simonyan" the
# name after the verb is the listener, never the speaker.
ADDRESSEE_VERBS = {"tell", "inform", "notify", "advise", "ask", "email", "text", "message", "assure", "urge",
                   "warn", "brief", "remind", "instruct", "order", "beg", "implore", "thank"}
REFUSING = {"decline", "refuse", "fail", "neglect", "hesitate"}


# Common nouns that can name a source: people, bodies and the documents they issue.
SOURCE_NOUNS = {"police", "authorities", "authority", "official", "officials", "spokesperson", "witness",
                "neighbor", "neighbour", "family", "relative", "friend", "source", "expert", "analyst",
                "critic", "attorney", "victim", "survivor", "doctor", "nurse", "chief", "staff", "aide",
                "statement", "report", "study", "survey", "poll", "document", "filing", "record", "data",
                "letter", "memo", "complaint", "lawsuit", "affidavit", "indictment", "website", "release",
                "post", "tweet", "media", "press", "administration", "campaign", "company", "firm", "bank",
                "club", "organization", "organisation", "association", "board", "panel", "commission",
                "military", "army", "navy", "force", "troops", "coalition", "alliance", "regime",
                "leadership", "public", "people", "other", "many", "some", "both", "all", "everyone",
                "someone", "anyone", "kid", "child", "mother", "father", "wife", "husband", "daughter", "son",
                "brother", "sister", "cousin", "boyfriend", "girlfriend", "partner", "fan", "guest",
                "employee", "worker", "teacher", "student", "parent", "adult", "resident", "citizen",
                "customer", "patient", "group", "party", "union", "team", "court", "jury", "judge",
                "government", "ministry", "department", "agency", "committee", "council", "office",
                "service", "institute", "center", "centre", "foundation", "network", "station", "outlet",
                "paper", "newspaper", "magazine", "agent", "cop", "deputy", "trooper", "sheriff",
                "coroner", "prosecutor", "candidate", "lawmaker", "legislator", "senator", "delegate",
                "diplomat", "envoy", "minister", "leader", "person", "man", "woman", "men", "women",
                "rep", "representative", "executive", "director", "manager", "owner",
                "founder", "chairman", "chairwoman", "chair", "president", "secretary", "governor", "mayor",
                "commissioner", "superintendent", "principal", "pastor", "priest", "activist", "advocate",
                "observer", "insider", "researcher", "scientist", "economist", "historian", "professor",
                "author", "writer", "reporter", "journalist", "editor", "host", "anchor", "commentator",
                "strategist", "pollster", "consultant", "adviser", "advisor", "counsel", "lawyer", "spokesman",
                "spokeswoman"}
# "-ent" names agents ("president", "student", "parent") but not "-ment", "-tent" or
# "-vent" things ("developments", "content", "event")
AGENT_SUFFIX = re.compile(r"(?:[^aeiou]er|or|ist|ian|ant|(?<![mtv])ent|eer|ee|man|men|woman|women|person|people)$")


def names_a_source(tok: Token) -> bool:
    """Whether a common noun heading a subject can name who speaks: a person, a body,
    or a document they issued ("the spokeswoman", "prosecutors", "the report"), not a
    thing that cannot speak ("the economy", "the deal")."""
    lemma = tok.lemma_.lower()
    return lemma in SOURCE_NOUNS or tok.lower_ in SOURCE_NOUNS or bool(AGENT_SUFFIX.search(lemma))


def compound_subject(subj: Token | None) -> bool:
    """"Ruiz and Kell said": several sources, none of which is the speaker alone."""
    return subj is not None and (any(c.dep_ == "conj" for c in subj.children) or any(
        c.dep_ == "cc" and c.lower_ in ("and", "nor") for c in subj.children))


def not_an_attribution(cue: Token, subj: Token | None) -> bool:
    """Whether a cue and its subject attribute nothing: a negated cue ("did not say",
    "declined to explain", "Neither Ruiz nor Kell explained") or a subject that negates
    ("no one said")."""
    if any(c.dep_ == "neg" for c in cue.children):
        return True
    if cue.dep_ == "xcomp" and cue.head.lemma_.lower() in REFUSING:
        return True
    if subj is None:
        return False
    if any(c.dep_ in ("preconj", "det", "neg") and c.lower_ in ("neither", "nor", "no") for c in subj.children):
        return True
    return subj.lower_ in ("nobody", "none", "neither") or (subj.lower_ == "one" and any(
        c.lower_ == "no" for c in subj.children))


def adjacent_name(doc: Doc, cue: Token) -> Token | None:
    """The name right next to a cue the parser left without a subject ("Kell implored",
    "said Simonyan"): the tagger sometimes reads a surname as a verb. After a verb of
    telling the name is the listener ("told AFP"), so only the name before counts."""
    after = () if cue.lemma_.lower() in ADDRESSEE_VERBS else (cue.i + 1,)
    for i in (cue.i - 1, *after):
        if 0 <= i < len(doc) and doc[i].text[:1].isupper() and doc[i].is_alpha and \
                (doc[i].ent_type_ in ("PERSON", "ORG") or doc[i].pos_ == "PROPN"):
            return doc[i]
    return None


def verb_of(word: str) -> str | None:
    """The base form of a third-person verb written in a headline: "says", "pushes",
    "denies"."""
    if not word.endswith("s") or len(word) < 4:
        return None
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("shes", "ches", "sses", "xes")):
        return word[:-2]
    return word[:-1]


def is_word(tok: Token) -> bool:
    return not (tok.is_punct or tok.is_space)
