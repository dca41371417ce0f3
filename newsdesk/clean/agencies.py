"""Wire-agency evidence: which agency's copy a report is, from tags, datelines, bylines,
attributions and credits, each with a confidence.

Confidence scale (how strongly the evidence means the report *is* that agency's copy):
  0.95  dateline "CITY (AFP) -"                  0.9  a bare tag line "dpa", "AFP-", sign-off "(dpa)"
  0.85  "told AFP" (the agency did the interview) 0.8  byline "By X, with AFP", "Name, Reuters"
  0.6   "© 2024 AFP" copyright in the text       0.3  citation "Reuters reported", "according to Tass"
  0.15  photo credit "(AP pic)", "Photo: AFP"
The gazetteer below is a general resource (the world's wire services), not tied to any story.
"""

from __future__ import annotations

import re

from newsdesk.model import AgencyEvidence

# canonical name -> spellings (regex alternatives, matched case-sensitively unless noted)
AGENCIES: dict[str, list[str]] = {
    "AFP": ["AFP", "Agence France-Presse", "Agence France Presse"],
    "AP": ["AP", "Associated Press"],
    "Reuters": ["Reuters", "REUTERS"],
    "dpa": ["dpa", "DPA", "Deutsche Presse-Agentur"],
    "Tass": ["TASS", "Tass", "ITAR-TASS"],
    "Yonhap": ["Yonhap"],
    "Xinhua": ["Xinhua"],
    "KCNA": ["KCNA", "Korean Central News Agency"],
    "ANSA": ["ANSA"],
    "EFE": ["EFE"],
    "Kyodo": ["Kyodo"],
    "Jiji": ["Jiji Press", "Jiji"],
    "PTI": ["PTI", "Press Trust of India"],
    "IANS": ["IANS"],
    "ANI": ["ANI"],
    "Bernama": ["Bernama"],
    "UPI": ["UPI", "United Press International"],
    "RIA Novosti": ["RIA Novosti", "RIA"],
    "Interfax": ["Interfax"],
    "Anadolu": ["Anadolu Agency", "Anadolu"],
    "APA": ["APA", "apa", "Austria Presse Agentur"],
    "epd": ["epd", "Evangelischer Pressedienst"],
    "KNA": ["KNA", "Katholische Nachrichten-Agentur"],
    "SDA": ["SDA", "sda", "Schweizerische Depeschenagentur"],
    "AAP": ["AAP", "Australian Associated Press"],
    "Canadian Press": ["Canadian Press"],
    "Europa Press": ["Europa Press"],
    "Belga": ["Belga"],
    "Keystone-SDA": ["Keystone-SDA", "SDA"],
    "PAP": ["PAP"],
    "CTK": ["CTK", "ČTK"],
    "MTI": ["MTI"],
    "Ukrinform": ["Ukrinform"],
    "Sputnik": ["Sputnik"],
    "WAM": ["WAM"],
    "SPA": ["SPA"],
    "IRNA": ["IRNA"],
    "Antara": ["Antara"],
    "PA": ["PA Media", "Press Association"],
    "NTB": ["NTB"],
    "TT": ["TT"],
}
_ALT = {alias: canon for canon, aliases in AGENCIES.items() for alias in aliases}
_NAMES = "|".join(sorted((re.escape(a) for a in _ALT), key=len, reverse=True))
AGENCY = rf"(?P<agency>{_NAMES})"
ANY_AGENCY = re.compile(rf"(?:{_NAMES})")
# A wire dateline opening a story: place (any script; "Frankfurt/Main", "São Paulo"),
# an optional date ("June 20", "20 juin", "20.6."), the agency with optional service
# suffixes ("dpa/lno"), then a dash, double hyphen or colon.
_PLACE = r"(?P<place>[^\W\d_][^\W\d_.'’]*\.?(?:(?:[ /-]|-/)[^\W\d_][^\W\d_.'’]*\.?){0,4})"
_DL_DATE = r"(?P<date>[^\W\d_]{3,9}\.?\s+\d{1,2}|\d{1,2}\.?\s+[^\W\d_]{3,9}\.?|\d{1,2}\.\d{1,2}\.(?:\d{2,4})?)"
WIRE_DATELINE = re.compile(
    rf"^\s*{_PLACE}(?:\s*,\s*{_DL_DATE})?\s*,?\s*\(\s*{AGENCY}(?:\s*/\s*[A-Za-z]{{1,6}})*\s*\)\s*(?:--?|[–—:])\s*",
    re.M)

RULES: list[tuple[str, float, re.Pattern[str]]] = [
    ("dateline", 0.95, WIRE_DATELINE),
    ("tag", 0.9, re.compile(rf"^\s*[(\[]?{AGENCY}[)\]]?\s*[-–—:/]?\s*$", re.M)),
    ("tag", 0.9, re.compile(rf"\(\s*{AGENCY}(?:/[A-Za-z]+)*\s*\)\s*$")),
    ("attribution", 0.85, re.compile(rf"\btold\s+(?:the\s+)?{AGENCY}\b")),
    ("byline", 0.8, re.compile(rf"^\s*(?:By|From:?)\b[^\n]{{0,80}}?(?:with|and|for|,)\s+{AGENCY}\s*$", re.M)),
    ("byline", 0.8, re.compile(rf"^[A-Z][a-z]+(?: [A-Z][a-z]+){{1,3}},\s*{AGENCY}\s*$", re.M)),
    ("credit", 0.6, re.compile(rf"(?:©|\(c\)|Copyright)\s*(?:\d{{4}}\s+)?{AGENCY}\b")),
    ("citation", 0.3, re.compile(rf"\b{AGENCY}(?:\s+news agency)?\s+(?:reported|said|quoted|cited|reports)\b")),
    ("citation", 0.3, re.compile(rf"\b(?:according to|reported by|cited by|quoted by|told)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){{0,4}}(?:news\s+agency\s+)?{AGENCY}\b")),
    ("citation", 0.3, re.compile(rf"\bnews agency,?\s+{AGENCY}\b")),
    ("credit", 0.15, re.compile(rf"\(\s*{AGENCY}\s+(?:pic|photo|file photo)\s*\)")),
    ("credit", 0.15, re.compile(rf"(?:Photo|Picture|Image|Foto)s?\s*:\s*[^\n]{{0,40}}?{AGENCY}\b")),
    ("credit", 0.15, re.compile(rf"[A-Za-z]/\s*{AGENCY}\s*$", re.M)),
    ("credit", 0.15, re.compile(rf"©[^\n]{{0,40}}?\b{AGENCY}\b")),
]


def find_agencies(text: str, base: int = 0, removed: bool = False) -> list[AgencyEvidence]:
    """Agency evidence in ``text``; offsets shifted by ``base``.

    ``removed`` marks text that is page furniture (tags, bylines): its evidence keeps
    its kind but counts fully, since a bare "dpa" tag line is furniture *and* evidence.

    >>> [(e.agency, e.kind) for e in find_agencies("SEOUL (AFP) - Talks began.")]
    [('AFP', 'dateline')]
    >>> [(e.agency, e.confidence) for e in find_agencies("as Reuters reported on Monday")]
    [('Reuters', 0.3)]
    """
    found: list[AgencyEvidence] = []
    if not ANY_AGENCY.search(text):
        return found  # most reports name no agency at all: one scan instead of fifteen
    seen: set[tuple[str, int]] = set()
    for kind, confidence, pattern in RULES:
        for m in pattern.finditer(text):
            canon = _ALT[m.group("agency")]
            key = (canon, m.start("agency"))
            if key in seen:
                continue
            seen.add(key)
            found.append(AgencyEvidence(canon, kind, m.group(0).strip(), confidence,
                                        base + m.start(), base + m.end()))
    return found


def merge_evidence(evidence: list[AgencyEvidence]) -> list[AgencyEvidence]:
    """Sorted strongest first; duplicates (same agency, kind and text) dropped."""
    unique: dict[tuple[str, str, str], AgencyEvidence] = {}
    for ev in evidence:
        unique.setdefault((ev.agency, ev.kind, ev.evidence), ev)
    return sorted(unique.values(), key=lambda e: (-e.confidence, e.start))


def split_agency_authors(authors: list[str]) -> tuple[list[str], list[AgencyEvidence]]:
    """Authors that are wire agencies ("AFP", "Reuters", "By AP") become agency evidence
    (byline, 0.8); "Jane Doe, Reuters" keeps the person and credits the agency.

    >>> split_agency_authors(["AFP", "Jane Doe, Reuters", "Mara Jensen"])[0]
    ['Jane Doe', 'Mara Jensen']
    """
    people: list[str] = []
    evidence: list[AgencyEvidence] = []
    for author in authors:
        if not ANY_AGENCY.search(author):
            if author not in people:
                people.append(author)  # "Doe, Jane" stays one person
            continue
        parts = [p.strip() for p in re.split(r"\s*(?:,|/|\bfor\b|\bwith\b)\s*", author) if p.strip()]
        for part in parts:
            name = re.sub(r"^(?:by|from)\s+", "", part, flags=re.I)
            if name in _ALT:
                evidence.append(AgencyEvidence(_ALT[name], "byline", f"author: {author}", 0.8))
            elif name not in people:
                people.append(name)
    return people, evidence
