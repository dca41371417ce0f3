"""Typed records that flow through every stage of newsdesk.

Report (raw input) -> Article (clean text + metadata + removed spans) -> Annotations
(mentions, quotes, claims, timexes, events; each with character offsets into
``Article.text``) -> Dossier (the cross-source view of one story).

Every record is a plain dataclass with named fields; records travel between stages and
into the store as JSON (``to_dict`` / ``from_dict``), never pickle.

>>> a = Article(id="abc", source="x.txt", text="Hello.")
>>> from_dict(Article, to_dict(a)).text
'Hello.'
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import types
import typing
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

T = TypeVar("T")

# --------------------------------------------------------------------------- input


@dataclass
class Report:
    """One raw input as a reader found it, before any cleaning.

    ``content`` is the undecoded bytes (or already-decoded text for JSON fields);
    ``kind`` is what the sniffer decided it is: "text", "html".
    ``meta`` holds metadata the container already gave (JSON fields, feed entries, WARC
    headers): keys among title, url, published, updated, authors, outlet, language.
    """

    source: str
    content: bytes | str
    kind: str = "text"
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class InputProblem:
    """One input that could not become an article, and why (one line for the user)."""

    source: str
    reason: str


# --------------------------------------------------------------------------- article


@dataclass
class RemovedSpan:
    """A piece of page furniture the cleaner dropped, kept so a user can audit it.

    ``kind`` is one of: comments, counter, caption, credit, navigation, byline,
    dateline, date, prompt, footer, agency_tag, headline_repeat, boilerplate, embed
    (social-post notices, video-player controls), tipline, related (related-story teasers).
    ``start``/``end`` index into the decoded, Unicode-repaired input text (not the clean
    text), or are -1 when the input was HTML and the span has no plain-text position.
    """

    kind: str
    text: str
    start: int = -1
    end: int = -1


@dataclass
class AgencyEvidence:
    """Evidence that a report comes from a wire agency ("AFP", "Reuters", "dpa", ...).

    ``kind``: tag (a bare agency line or "(AFP)"), dateline ("SEOUL (AFP) -"), byline,
    attribution ("told AFP", "Reuters reported"), credit ("(AP pic)"), meta.
    ``confidence`` in 0..1 says how strongly this evidence means the report *is* that
    agency's copy (an attribution "told AFP" is strong; "Reuters reported" is a citation
    of the agency, weaker).
    """

    agency: str
    kind: str
    evidence: str
    confidence: float
    start: int = -1
    end: int = -1


@dataclass
class Article:
    """One clean report: the text a reader would read plus its metadata.

    ``id`` is a stable hash of the normalised clean text (``article_id``) so re-ingesting
    the same report is a no-op. ``published``/``updated`` are timezone-aware or naive
    datetimes as the source stated them. ``partial`` says why the text is only part of
    the article (a paywalled teaser), None for a full report. ``dateline_place`` and
    ``dateline_date`` are the wire dateline's place and date as printed ("Hamburg",
    "June 20"), removed from the text.
    """

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    authors: list[str] = field(default_factory=list)
    agencies: list[AgencyEvidence] = field(default_factory=list)
    language: str | None = None
    language_score: float | None = None
    removed: list[RemovedSpan] = field(default_factory=list)
    input_kind: str = "text"
    annotations: Annotations | None = None
    partial: str | None = None
    dateline_place: str | None = None
    dateline_date: str | None = None

    @property
    def agency_names(self) -> list[str]:
        """Distinct agencies with evidence of at least 0.5 confidence, strongest first."""
        best: dict[str, float] = {}
        for ev in self.agencies:
            best[ev.agency] = max(best.get(ev.agency, 0.0), ev.confidence)
        return [a for a, c in sorted(best.items(), key=lambda kv: -kv[1]) if c >= 0.5]


def normalise_for_id(text: str) -> str:
    """Case-, space- and Unicode-normalised text used for the article id."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"\s+", " ", text).strip()


def article_id(text: str) -> str:
    """Stable article id: first 16 hex digits of SHA-256 of the normalised text.

    >>> article_id("Hello  World") == article_id("hello world")
    True
    """
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- annotations


@dataclass
class Mention:
    """One mention of an entity in an article: offsets into ``Article.text``."""

    start: int
    end: int
    text: str


@dataclass
class ArticleEntity:
    """One real-world entity inside one article, with all its mentions.

    ``type``: PERSON, ORG, GPE (countries, cities), LOC, NORP (nationalities, groups),
    FAC, EVENT, LAW. ``id`` is local to the article ("e1", "e2", ...).
    ``aliases`` are the distinct surface forms used (full names, short names,
    descriptions such as "the Russian president" that were resolved to it).
    """

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Quote:
    """A direct or reported statement with its speaker.

    ``speaker`` is the resolved speaker name, or None when the text does not say who
    spoke (never guessed). ``speaker_entity`` is the ArticleEntity id when resolved.
    ``cue`` is the reporting verb or phrase ("said", "told AFP", "according to").
    ``kind`` is "statement" for what someone said or wrote, "stance" for an attributed
    belief, intention, judgement or position ("X believes ...", "X has promised to ...",
    "X endorsed Y"): both are attributions a fact-checker follows, but only statements are
    aligned across outlets as quotes. ``within`` is the id of the reported clause that a
    quoted fragment sits in ("X said the plan was “dead on arrival”"): one statement.
    """

    id: str
    text: str
    start: int
    end: int
    direct: bool
    speaker: str | None = None
    speaker_entity: str | None = None
    speaker_start: int = -1
    speaker_end: int = -1
    cue: str | None = None
    cue_start: int = -1
    cue_end: int = -1
    kind: str = "statement"
    within: str | None = None


@dataclass
class Timex:
    """A temporal expression normalised TimeML-style.

    ``type``: DATE, TIME, DURATION, SET. ``value``: "2024-06-19", "2024-06", "2024",
    "2024-W25", "PRESENT_REF", "PT2H", "P24Y", "1950/1953" (ranges as start/end).
    ``precision``: day, month, year, week, range, duration, time, decade, century, ref.
    ``anchor`` is the ISO date the expression was resolved against; ``anchor_inferred``
    is True when the publication date was unknown and a date the text states was used.
    ``modifier``: TimeML mod such as "LESS_THAN", "MORE_THAN", "APPROX", "START".
    """

    start: int
    end: int
    text: str
    type: str
    value: str | None
    precision: str
    anchor: str | None = None
    anchor_inferred: bool = False
    modifier: str | None = None


@dataclass
class Quantity:
    """A number with what it counts, normalised.

    "1.6 million artillery shells" -> value 1600000, unit "shells", text as written;
    "two-hour" -> value None, unit "duration", normalized "PT2H";
    "over 1,000 containers" -> value 1000, unit "containers", modifier "over".
    """

    start: int
    end: int
    text: str
    value: float | None
    unit: str
    normalized: str
    modifier: str | None = None


@dataclass
class Claim:
    """A sentence (or clause) stating a checkable fact.

    ``kind``: quantity, dated_event, attributed, statement. ``attributed_to`` names the
    source the text credits ("the Washington Post", "Tass"), if any.
    """

    id: str
    text: str
    start: int
    end: int
    kind: str
    quantities: list[Quantity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    attributed_to: str | None = None
    entities: list[str] = field(default_factory=list)


@dataclass
class Event:
    """Who did what to whom, coded in PLOVER.

    ``type``: one of the 15 PLOVER root codes (AGREE, CONSULT, SUPPORT, COOPERATE, AID,
    YIELD, ACCUSE, REQUEST, REJECT, THREATEN, PROTEST, MOBILIZE, SANCTION, COERCE,
    ASSAULT); ``mode`` a PLOVER mode where the trigger word says it. ``text`` is the
    evidence sentence with its offsets; ``negated``/``hypothetical`` mark events the text
    says did not or may happen (neither: asserted). ``claimed_by`` names the speaker when
    the event is worded inside someone else's statement: a claim, not a reported fact.
    ``confidence``: the event model's probability of ``type`` (0-1).
    """

    id: str
    type: str
    text: str
    start: int
    end: int
    trigger: str = ""
    mode: str | None = None
    actor: str | None = None
    actor_entity: str | None = None
    target: str | None = None
    target_entity: str | None = None
    date: str | None = None
    place: str | None = None
    negated: bool = False
    hypothetical: bool = False
    claimed_by: str | None = None
    confidence: float | None = None


@dataclass
class Sentence:
    """A sentence boundary in the clean text (kept for alignment and citations)."""

    start: int
    end: int


@dataclass
class Annotations:
    """Everything the analysis found in one article; offsets into ``Article.text``."""

    entities: list[ArticleEntity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    version: str = "1"
    note: str | None = None  # e.g. only the first max_analysis_chars characters were analysed


# --------------------------------------------------------------------------- dossier
# Field names follow the "newsdesk.dossier/1" JSON contract (docs/dossier.md).


@dataclass
class DossierArticle:
    id: str
    source: str
    title: str | None
    outlet: str | None
    published: str | None
    authors: list[str]
    agencies: list[str]
    language: str | None
    text: str
    removed: list[dict[str, Any]]
    origin: str
    url: str | None = None
    partial: str | None = None  # why this report is only part of its article (Article.partial)


@dataclass
class Origin:
    """A group of articles that share one origin (a wire story, or one report and its
    copies/translations). The number of origins is the number of independent sources."""

    id: str
    articles: list[str]
    agency: str | None = None
    evidence: list[str] = field(default_factory=list)


@dataclass
class EntityMentionRef:
    article: str
    start: int
    end: int
    text: str = ""


@dataclass
class DossierEntity:
    id: str
    name: str
    type: str
    aliases: list[str]
    mentions: list[EntityMentionRef]


@dataclass
class Speaker:
    name: str | None
    entity: str | None


@dataclass
class Rendering:
    article: str
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None = None


@dataclass
class DossierQuote:
    id: str
    speaker: Speaker
    renderings: list[Rendering]
    independent_sources: int


@dataclass
class DossierClaim:
    id: str
    text: str
    articles: list[str]
    independent_sources: int
    status: str  # corroborated | single-source | disputed
    citations: list[Rendering] = field(default_factory=list)


@dataclass
class Variant:
    text: str
    articles: list[str]
    citations: list[Rendering] = field(default_factory=list)


@dataclass
class Discrepancy:
    id: str
    about: str
    confidence: float
    variants: list[Variant]
    kind: str = ""


@dataclass
class TimelineEntry:
    date: str
    precision: str
    text: str
    articles: list[str]
    citations: list[Rendering] = field(default_factory=list)


@dataclass
class DossierEvent:
    type: str
    mode: str | None
    actor: str | None
    target: str | None
    date: str | None
    text: str
    articles: list[str]
    negated: bool = False
    hypothetical: bool = False
    citations: list[Rendering] = field(default_factory=list)
    place: str | None = None
    claimed_by: str | None = None


@dataclass
class SummarySentence:
    text: str
    articles: list[str]
    citations: list[Rendering] = field(default_factory=list)


@dataclass
class Dossier:
    articles: list[DossierArticle] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)
    entities: list[DossierEntity] = field(default_factory=list)
    quotes: list[DossierQuote] = field(default_factory=list)
    claims: list[DossierClaim] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    events: list[DossierEvent] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    differences: list[SummarySentence] = field(default_factory=list)
    title: str | None = None
    generated: str | None = None
    inputs: str | None = None     # fingerprint of the articles and annotations it was built from
    schema: str = "newsdesk.dossier/1"


# --------------------------------------------------------------------------- JSON


def to_dict(obj: Any) -> Any:
    """Turn a record (or list/dict of records) into JSON-ready data.

    Datetimes become ISO 8601 strings; dataclasses become dicts in field order.
    """
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, datetime):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        for a in args:
            if a in (str, bytes) and isinstance(value, a):
                return value
        return _convert(args[0], value) if len(args) == 1 else value
    if origin is list:
        (inner,) = typing.get_args(tp) or (Any,)
        return [_convert(inner, v) for v in value]
    if origin is dict:
        return dict(value)
    if tp is datetime and isinstance(value, str):
        return datetime.fromisoformat(value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return from_dict(tp, value)
    return value


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record of type ``cls`` from ``to_dict`` output; unknown keys are ignored."""
    hints = _hints(cls)
    kwargs = {
        f.name: _convert(hints[f.name], data[f.name])
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.name in data
    }
    return cls(**kwargs)
