"""Cross-source reasoning: from analysed articles of one story to one dossier.

>>> from newsdesk.crossdoc import build_dossier                    # doctest: +SKIP
>>> dossier = build_dossier(articles, embedder())                    # doctest: +SKIP
>>> len(dossier.origins)  # independent sources                      # doctest: +SKIP
4

Stages (each its own module): ``corpus`` (sentence units, embeddings, the LSH candidate
index), ``origins`` (copies, rewrites, translations, wire stories), ``entities``,
``furniture`` (page text the cleaner left, never a claim), ``statements`` (quotes), ``facts`` and ``claims`` (which passages state one
fact, claims and their independent sources), ``points`` (whether two passages are about one point), ``discrepancies``
(with ``collector`` and ``persons``), ``timeline`` (timeline and events) and ``summary``. Every item keeps citations with offsets into article text.
"""

from __future__ import annotations

from collections.abc import Callable

from newsdesk.crossdoc.claims import copying_pairs, fact_groups, group_claims
from newsdesk.crossdoc.corpus import CandidateIndex, build_corpus
from newsdesk.crossdoc.discrepancies import disputed_claims, find_discrepancies
from newsdesk.crossdoc.entities import entity_names, merge_entities
from newsdesk.crossdoc.furniture import furniture_units
from newsdesk.crossdoc.origins import find_origins
from newsdesk.crossdoc.statements import group_quotes
from newsdesk.crossdoc.summary import differences, summarise
from newsdesk.crossdoc.timeline import build_timeline, merge_events
from newsdesk.model import Article, Dossier, DossierArticle
from newsdesk.vectors import SentenceVectors

__all__ = ["STAGES", "build_dossier"]

# The synthesis stages in order, as reported to ``progress``; "embedding" counts
# sentences, every other stage counts 0 → 1.
STAGES = ("embedding", "origins", "entities", "alignment", "claims", "discrepancies", "timeline", "summary")
StageProgress = Callable[[str, int, int], None]


def _dossier_article(a: Article, origin: str) -> DossierArticle:
    return DossierArticle(
        id=a.id, source=a.source, title=a.title, outlet=a.outlet,
        published=a.published.isoformat() if a.published else None, authors=list(a.authors),
        agencies=a.agency_names, language=a.language, text=a.text,
        removed=[{"kind": r.kind, "text": r.text, "start": r.start, "end": r.end} for r in a.removed],
        origin=origin, url=a.url, partial=a.partial)


def build_dossier(articles: list[Article], embedder, progress: StageProgress | None = None,
                  vectors: dict[str, SentenceVectors] | None = None,
                  evidence: dict[str, dict[str, float]] | None = None) -> Dossier:
    """The cross-checked dossier of these (analysed) articles of one story.

    ``progress(stage, done, total)`` reports each of ``STAGES`` as it runs: during
    "embedding" ``done``/``total`` count sentences, other stages go from 0 to 1.
    ``vectors`` (article id -> stored sentence vectors of this embedder) are used
    instead of embedding those sentences again. ``evidence``, when given, receives each
    discrepancy id -> the features its confidence was scored from (for fitting the
    confidence model, ``crossdoc.confidence``).
    """
    report = progress or (lambda stage, done, total: None)
    articles = list({a.id: a for a in articles}.values())
    corpus = build_corpus(articles, embedder, vectors,
                          progress=lambda done, total: report("embedding", done, total))
    report("origins", 0, 1)
    lsh = CandidateIndex(corpus.vectors)
    origins = find_origins(corpus, lsh)
    report("entities", 0, 1)
    entities, local = merge_entities(articles)
    names = entity_names(entities)
    report("alignment", 0, 1)
    furniture = furniture_units(corpus)
    groups = fact_groups(corpus, lsh, furniture)
    quotes = group_quotes(corpus, local, names, embedder)
    report("claims", 0, 1)
    copies = copying_pairs(corpus, lsh)
    claims = group_claims(corpus, groups, furniture, copies)
    report("discrepancies", 0, 1)
    discrepancies = find_discrepancies(corpus, lsh, entities, quotes, furniture, evidence)
    for claim in disputed_claims(claims, discrepancies):
        claim.status = "disputed"
    report("timeline", 0, 1)
    dossier_articles = [_dossier_article(a, corpus.origin_of[a.id]) for a in articles]
    timeline = build_timeline(corpus, groups, furniture)
    events = merge_events(corpus, local, names)
    report("summary", 0, 1)
    dossier = Dossier(
        articles=dossier_articles, origins=origins, entities=entities, quotes=quotes, claims=claims,
        discrepancies=discrepancies, timeline=timeline, events=events,
        summary=summarise(corpus, groups, furniture=furniture, copies=copies),
        differences=differences(discrepancies, dossier_articles),
        title=articles[0].title if articles else None)
    report("summary", 1, 1)
    return dossier
