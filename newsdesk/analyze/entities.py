"""The entities component: spaCy's named entities grouped into one ArticleEntity per real
person, organisation or place, with short forms, spelling variants, descriptions ("the
Russian president") and unambiguous pronouns resolved to the full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsdesk.analyze import names as nm
from newsdesk.analyze.doctext import doc_text, span_text
from newsdesk.model import ArticleEntity, Mention

TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW"}
FAMILY = {"GPE": "place", "LOC": "place", "FAC": "facility", "ORG": "org", "NORP": "norp", "EVENT": "event",
          "LAW": "law", "PERSON": "person"}
ROLE_WORDS = sorted({w for ws in nm.roles()["roles"].values() for w in ws}, key=len, reverse=True)
DESCRIPTION = re.compile(
    r"\b[Tt]he\s+(?P<mods>(?:[A-Z][\w'’-]*\s+){0,3})(?P<role>" + "|".join(re.escape(w) for w in ROLE_WORDS)
    + r")\b(?!\s+(?:of\s+)?[A-Z])")
QUOTE_MARKS = re.compile(r"[“”\"«»„]")
PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


@dataclass
class Cluster:
    label: str
    tokens: list[str]
    mentions: list[Mention] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    context: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        names = [m.text for m in self.mentions if m.text[:1].isupper() and not m.text.startswith("The ")
                 and m.text.lower() not in PRONOUNS] or [m.text for m in self.mentions]
        forms = [t for t in names if len(nm.person_tokens(t)) == len(self.tokens)] or names
        return max(forms, key=lambda t: (forms.count(t), "- " not in t, len(t)))


FACILITY_HEADS = {"square", "street", "airport", "university", "stadium", "bridge", "hospital", "palace",
                  "station", "port", "avenue", "road", "hall", "center", "centre", "institute", "college"}
NAME_PARTICLES = {"bin", "ibn", "al", "el", "van", "von", "de", "der", "den", "da", "di", "du", "dos", "del", "la",
                  "le", "ter", "zu", "y"}


# Titles written only before a person's name ("General", "King", "Chief", "Secretary" also
# begin the names of companies and bodies: "General Motors", "King Features").
PERSON_TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "governor", "mayor", "senator", "judge", "sgt",
                 "lt", "col", "capt", "sheriff", "deputy", "officer", "detective", "det", "trooper", "sergeant",
                 "lieutenant", "cpl", "corporal", "rev", "reverend", "pastor", "rabbi", "imam", "councilman",
                 "councilwoman", "alderman", "assemblyman", "assemblywoman", "congressman", "congresswoman",
                 "constable", "miss", "mx", "president", "prime", "premier", "chancellor", "ambassador"}
PRONOUN_WORDS = {"i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "our", "his", "its",
                 "their", "my", "your"}


def label_of(ent: Span, text: str) -> str | None:
    """spaCy's label, corrected where the error is general: a name after a person's title
    ("Sheriff Jordan", "Gov. Marsh") is a person whatever it sounds like; a pronoun in
    ordinary case ("Us", "It") names no place or body; a "person" named after a square
    or a university is a facility; a one-word "person" after "on" or "via" is a medium
    ("wrote on Twitter"); a "person" with lower-case words is no name."""
    label = ent.label_
    words = text.split()
    if words and words[0].lower() in PRONOUN_WORDS and not text.isupper() and len(words) == 1:
        return None
    if label != "PERSON" and ent.start > 0:
        before = ent.doc[ent.start - 1]
        if before.text[:1].isupper() and before.text.lower().rstrip(".") in PERSON_TITLES and \
                not ent.text.lower().startswith("the "):
            return "PERSON"
    if label != "PERSON" and len(words) >= 2 and words[0].lower().rstrip(".") in PERSON_TITLES \
            and words[0][:1].isupper() and all(w[:1].isupper() for w in words[1:]):
        return "PERSON"
    if label == "PERSON":
        if len(words) == 1 and ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("on", "via") and \
                not (ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in ("'s", "’s")):
            return "ORG"  # "wrote on Twitter", "via Telegram": a medium, not a person
        if words and words[-1].lower() in FACILITY_HEADS:
            return "FAC"
        if any(w[:1].islower() and w.lower() not in NAME_PARTICLES for w in words):
            return None
    return label


NOT_NAME_POS = {"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "ADV", "DET", "PRON"}


def _clean_span(ent: Span) -> tuple[int, int, str] | None:
    """Entity text without a leading "the" or trailing possessive; None if nothing left."""
    text, start = ent.text, ent.start_char
    if ent.label_ == "PERSON" and len(ent) >= 2 and ent[0].pos_ in NOT_NAME_POS and ent[0].is_title and \
            ent[0].lower_ not in nm.TITLES:
        # a capitalised word that opens a sentence is no given name: "Having Jackman ..." -> "Jackman"
        text, start = text[ent[1].idx - ent.start_char:], ent[1].idx
    if "\n" in text:  # a heading or caption run into the next line: keep the longest line
        lines = text.split("\n")
        best = max(range(len(lines)), key=lambda k: len(lines[k].strip()))
        start += sum(len(x) + 1 for x in lines[:best])
        text = lines[best]
        lead = len(text) - len(text.lstrip())
        text, start = text.strip(), start + lead
    m = re.match(r"(?:the|The)\s+", text)
    if m and ent.label_ != "PERSON" and not nm.canonical(text):
        text, start = text[m.end():], start + m.end()
    text = re.sub(r"['’]s?$", "", text).rstrip(" ,")
    if text.endswith(".") and not re.search(r"(?:\b[A-Z]\.)+$|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St)\.$", text):
        text = text.rstrip(".")  # a sentence's full stop, not an abbreviation's ("U.S.", "Inc.")
    if len(text) < 2 or not re.search(r"[A-Za-z]", text):
        return None
    return start, start + len(text), text


def _context(doc: Doc, start: int, end: int) -> set[str]:
    """Words around a mention that describe the person: premodifiers and an apposition."""
    before = doc_text(doc)[max(0, start - 60):start]
    after = doc_text(doc)[end:end + 70]
    words = re.findall(r"[\w'’-]+", before)[-5:]
    if after.startswith(","):
        words += re.findall(r"[\w'’-]+", after.split(",")[1] if "," in after[1:] else after)[:7]
    return {w.lower().removesuffix("’s").removesuffix("'s") for w in words}


def _headline_line(text: str, start: int) -> bool:
    """Whether the line holding ``start`` is a title-case headline ("Pierre Thomas Placed
    On Injured Reserve"), where the tagger runs names into the verbs after them."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    words = re.findall(r"[A-Za-z][\w'’-]*", text[lo:hi if hi >= 0 else len(text)])
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "at", "by", "from", "as"}
    big = [w for w in words if w.lower() not in small]
    return len(big) >= 4 and sum(w[0].isupper() for w in big) >= 0.8 * len(big)


def _headline_names(text: str, spans: list) -> list:
    """Names on a headline line are kept only as far as the body writes them too: the
    longest leading run of words found elsewhere in the text ("Yvonne Hiller Kills" →
    "Yvonne Hiller"); a span with no such run ("Driver Charged") is dropped."""
    body = [(label, c) for label, c in spans if not _headline_line(text, c[0])]
    if len(body) == len(spans):
        return spans
    labels = {c[2]: label for label, c in body}
    out = list(body)
    for label, (start, _end, name) in spans:
        if not _headline_line(text, start):
            continue
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", start)
        rest = text[:lo] + "\n" + (text[hi:] if hi >= 0 else "")
        words = name.split()
        for n in range(len(words), 0, -1):
            prefix = " ".join(words[:n])
            if re.search(rf"(?<!\w){re.escape(prefix)}(?!\w)", rest):
                out.append((labels.get(prefix, label), (start, start + len(prefix), prefix)))
                break
    return sorted(out, key=lambda x: x[1][0])


def _suffix(tokens: list[str]) -> str | None:
    return tokens[-1] if tokens and tokens[-1] in nm.SUFFIXES else None


NAME_PAIR = re.compile(r"\b([A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)\s+([A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)\b")


class EntityResolver:
    """spaCy component writing ``doc._.nd_entities``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        persons: list[Cluster] = []
        others: dict[tuple[str, str], Cluster] = {}
        spans = []
        for ent in doc.ents:
            cleaned = _clean_span(ent) if ent.label_ in TYPES else None
            label = label_of(ent, cleaned[2]) if cleaned else None
            if cleaned and label:
                spans.append((label, cleaned))
        spans = _headline_names(doc_text(doc), spans)
        # full names first (and the full names NER missed), so short forms can attach to them
        ordered = sorted(spans, key=lambda x: (-len(nm.person_tokens(x[1][2])), x[1][0]))
        swept = False
        for label, (start, end, text) in ordered:
            mention = Mention(start, end, text)
            if label == "PERSON":
                if not swept and len(nm.person_tokens(text)) < 2:
                    self._namesake_sweep(doc, persons)
                    swept = True
                self._add_person(persons, mention, _context(doc, start, end))
            else:
                canon = nm.canonical(text)
                key = ("gazetteer", nm.fold(canon)) if canon else (FAMILY[label], nm.fold(text))
                cluster = others.setdefault(key, Cluster(label, key[1].split()))
                cluster.mentions.append(mention)
                cluster.labels.append(label)
        if not swept:
            self._namesake_sweep(doc, persons)
        self._variant_sweep(doc, persons)
        self._surname_sweep(doc, persons)
        self._drop_person_parts(persons, others)
        self._descriptions(doc, persons, {(m.start, m.end) for c in persons for m in c.mentions})
        self._pronouns(doc, persons)
        doc._.nd_entities = self._records(persons, list(others.values()))
        return doc

    def _add_person(self, persons: list[Cluster], mention: Mention, context: set[str]) -> None:
        tokens = nm.person_tokens(mention.text)
        if not tokens:
            return
        if any(m.start <= mention.start and mention.end <= m.end for c in persons for m in c.mentions):
            return  # already inside a longer name ("Varga" within "Ilona Varga")
        for c in persons:
            if nm.same_person(tokens, c.tokens):
                c.mentions.append(mention)
                c.context |= context
                return
        # a nickname given in quotation marks counts as a form of the name ('Luis "Jerry"
        # Ortiz' / "Jerry Ortiz"), on either side
        forms = [tokens, *nm.nickname_forms(mention.text)]
        variants = [c for c in persons if len(c.tokens) >= 2 and _suffix(tokens) == _suffix(c.tokens)
                    and any(nm.compatible(f, g) for f in forms
                            for g in [c.tokens, *(n for m in c.mentions[:1] for n in nm.nickname_forms(m.text))])]
        if len(tokens) >= 2 and len(variants) == 1:
            # "Dana Whitfield" after "Dana Marie Whitfield", "Marcus Hale" after "Marcus J.
            # Hale": one person when no other full name fits; a suffix written in one name
            # only ("Darnell Brooks" / "Darnell Brooks Sr.") keeps father and son apart
            variants[0].mentions.append(mention)
            variants[0].context |= context
            return
        candidates = [c for c in persons if nm.is_part_of(tokens, c.tokens)
                      and (len(tokens) < 2 or _suffix(tokens) == _suffix(c.tokens))]
        introduced = [c for c in candidates if min(m.start for m in c.mentions) < mention.start]
        chosen = self._pick(introduced or candidates, mention.start)
        if chosen is not None:
            chosen.mentions.append(mention)
            return
        persons.append(Cluster("PERSON", tokens, [mention], ["PERSON"], set(context)))

    @staticmethod
    def _pick(candidates: list[Cluster], position: int) -> Cluster | None:
        """A short form shared by several full names goes to one only when that one is
        clearly the subject: it dominates the article, or it was just mentioned."""
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        ranked = sorted(candidates, key=lambda c: -len(c.mentions))
        if len(ranked[0].mentions) >= 3 * len(ranked[1].mentions):
            return ranked[0]
        before = [(max((m.end for m in c.mentions if m.end <= position), default=-1), c) for c in candidates]
        before.sort(key=lambda t: -t[0])
        if before[0][0] >= 0 and before[1][0] < 0:
            return before[0][1]  # only one of the namesakes has been introduced so far
        if before[0][0] >= 0 and position - before[0][0] < 200 and before[1][0] < before[0][0] - 200:
            return before[0][1]
        return None

    @staticmethod
    def _drop_person_parts(persons: list[Cluster], others: dict) -> None:
        """NER sometimes labels a surname as an organisation or place ("Varga" as ORG):
        a non-person mention inside a person's name, or equal to a known surname, goes."""
        spans = [(m.start, m.end) for c in persons for m in c.mentions]
        surnames = {c.tokens[-1] for c in persons if len(c.tokens) >= 2}
        for key in list(others):
            cluster = others[key]
            place = cluster.label in ("GPE", "LOC", "FAC")  # "Indonesia" stays a country even
            cluster.mentions = [m for m in cluster.mentions      # beside "Garuda Indonesia"
                                if not any(s <= m.start and m.end <= e for s, e in spans)
                                and (place or nm.fold(m.text) not in surnames)]
            if not cluster.mentions:
                del others[key]

    def _namesake_sweep(self, doc: Doc, persons: list[Cluster]) -> None:
        """Full names NER missed that share a known person's surname under another given
        name ("Ilona Varga" beside "Tomas Varga"): a different person, never merged."""
        surnames = {c.tokens[-1] for c in persons if len(c.tokens) >= 2}
        if not surnames:
            return
        taken = [(m.start, m.end) for c in persons for m in c.mentions]
        for m in NAME_PAIR.finditer(doc_text(doc)):
            first, last = m.group(1), m.group(2)
            if nm.fold(last) not in surnames or nm.fold(first) in nm.TITLES or nm.role_class(first):
                continue
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            if span is None or span[0].pos_ != "PROPN" or span[0].ent_type_ in ("GPE", "NORP", "ORG", "LOC"):
                continue
            self._add_person(persons, Mention(m.start(), m.end(), m.group(0)), _context(doc, m.start(), m.end()))
            taken.append((m.start(), m.end()))

    def _surname_sweep(self, doc: Doc, persons: list[Cluster]) -> None:
        """A known person's surname alone where NER saw no entity ("Marwick said"),
        attached only when it can mean one person at that point of the article."""
        by_surname: dict[str, list[Cluster]] = {}
        for c in persons:
            if len(c.tokens) >= 2:
                by_surname.setdefault(c.tokens[-1], []).append(c)
        if not by_surname:
            return
        taken = [(m.start, m.end) for c in persons for m in c.mentions]
        for clusters in by_surname.values():
            word = re.escape(clusters[0].name.split()[-1])
            for m in re.finditer(rf"(?<![\w-]){word}(?![\w-])", doc_text(doc)):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is not None and span[0].ent_type_ in ("GPE", "LOC", "NORP", "FAC"):
                    continue  # NER knows this word as a place or people here
                introduced = [c for c in clusters if min(x.start for x in c.mentions) < m.start()]
                chosen = self._pick(introduced, m.start())
                if chosen is not None:
                    chosen.mentions.append(Mention(m.start(), m.end(), m.group(0)))
                    taken.append((m.start(), m.end()))

    @staticmethod
    def _variant_sweep(doc: Doc, persons: list[Cluster]) -> None:
        """Find spellings of known full names that NER missed ("Moon Jae- in" once "Moon
        Jae-in" is known): same first word, same number of name parts, one part spelled
        differently at most (the namesake guard still applies)."""
        taken = [(m.start, m.end) for c in persons for m in c.mentions]
        for c in persons:
            if len(c.tokens) < 2:
                continue
            first = re.escape(c.name.split()[0])
            n = len(c.tokens) - 1
            pattern = re.compile(rf"\b{first}(?:[\s‐‑-]+[A-Za-z]\w*){{{n}}}\b")
            for m in pattern.finditer(doc_text(doc)):
                inside = [x for x in c.mentions if m.start() <= x.start and x.end <= m.end()]
                others = [(s, e) for s, e in taken if m.start() < e and s < m.end()
                          and not any(x.start == s and x.end == e for x in inside)]
                if others or not nm.same_person(nm.person_tokens(m.group(0)), c.tokens):
                    continue
                if any(x.start == m.start() and x.end == m.end() for x in inside):
                    continue
                c.mentions = [x for x in c.mentions if x not in inside]
                c.mentions.append(Mention(m.start(), m.end(), m.group(0)))
                taken.append((m.start(), m.end()))

    def _descriptions(self, doc: Doc, persons: list[Cluster], taken: set[tuple[int, int]]) -> None:
        seats = nm.roles()["seats"]
        demonyms = nm.roles()["demonyms"]
        for m in DESCRIPTION.finditer(doc_text(doc)):
            start, end = m.start(), m.end()
            if any(s < end and start < e for s, e in taken):
                continue
            role = m["role"].lower()
            mods = m["mods"].strip()
            if role == "head" and not mods:
                continue  # "shot in the head": a body part, not a leader
            nationality = seats.get(mods, mods)
            wanted = {w.lower() for w in nationality.split()} | {nm.fold(c) for c in demonyms.get(nationality, [])}
            cls = nm.role_class(role)
            matches = []
            for c in persons:
                roles_here = {w for w in c.context if nm.role_class(w) == cls}
                if not roles_here:
                    continue
                if mods and not wanted & c.context:
                    continue
                matches.append(c)
            if len(matches) == 1:
                matches[0].mentions.append(Mention(start, end, doc_text(doc)[start:end]))

    def _pronouns(self, doc: Doc, persons: list[Cluster]) -> None:
        """"He"/"she" as a sentence subject, when the previous sentence names exactly one
        person (of any mention form) — otherwise left alone."""
        sents = list(doc.sents)
        for prev, sent in zip(sents, sents[1:], strict=False):
            subj = next((t for t in sent if t.dep_ == "nsubj" and t.lower_ in ("he", "she")), None)
            if subj is None or QUOTE_MARKS.search(span_text(sent)):
                continue  # in or beside a quotation the speaker decides who "he" is (quotes' job)
            named = [c for c in persons if any(prev.start_char <= x.start < prev.end_char for x in c.mentions)]
            if len(named) == 1:
                other = {k for k, g in PRONOUNS.items() if g != PRONOUNS[subj.lower_]}
                if any(x.text.lower() in other for x in named[0].mentions):
                    continue  # already "he" elsewhere: "she" is someone else
                first = min(x.start for x in named[0].mentions if prev.start_char <= x.start < prev.end_char)
                same_gender = {k for k, g in PRONOUNS.items() if g == PRONOUNS[subj.lower_]}
                if any(t.lower_ in same_gender and t.idx < first for t in prev):
                    continue  # "Her publicist, Tom Vale, ...": "she" is someone else

                named[0].mentions.append(Mention(subj.idx, subj.idx + len(subj), subj.text))

    @staticmethod
    def _records(persons: list[Cluster], others: list[Cluster]) -> list[ArticleEntity]:
        out: list[ArticleEntity] = []
        clusters = sorted(persons + others, key=lambda c: min(m.start for m in c.mentions))
        for i, c in enumerate(clusters, start=1):
            mentions = sorted({(m.start, m.end): m for m in c.mentions}.values(), key=lambda m: m.start)
            label = c.label if c.label == "PERSON" else max(set(c.labels), key=c.labels.count)
            name = c.name
            if label != "PERSON":
                name = nm.canonical(name) or name
            aliases = list(dict.fromkeys([name] + [m.text for m in mentions if m.text.lower() not in PRONOUNS]))
            out.append(ArticleEntity(f"e{i}", name, label, aliases, mentions))
        return out
