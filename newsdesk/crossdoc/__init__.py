"""Cross-source reasoning: from analysed articles of one story to one dossier.

>>> from newsdesk.crossdoc import build_dossier                    # doctest: +SKIP
>>> dossier = build_dossier(articles, embedder())                    # doctest: +SKIP
>>> len(dossier.origins)  # independent sources                      # doctest: +SKIP
4

Stages (each its own module): ``corpus`` (sentence units, embeddings, the LSH candidate
index), ``origins`` (copies, rewrites, translations, wire stories), ``entities``,
``statements`` (quotes and claims), ``discrepancies``, ``timeline`` (timeline and
events) and ``summary``. Every item keeps citations with offsets into article text.
"""

from __future__ import annotations

from newsdesk.crossdoc.corpus import CandidateIndex, build_corpus
from newsdesk.crossdoc.discrepancies import find_discrepancies
from newsdesk.crossdoc.disputed import mark_disputed
from newsdesk.crossdoc.entities import entity_names, merge_entities
from newsdesk.crossdoc.origins import find_origins
from newsdesk.crossdoc.statements import fact_groups, group_claims, group_quotes
from newsdesk.crossdoc.summary import differences, summarise
from newsdesk.crossdoc.timeline import build_timeline, merge_events
from newsdesk.model import Article, Dossier, DossierArticle
from newsdesk.vectors import SentenceVectors

__all__ = ["build_dossier"]


def _dossier_article(a: Article, origin: str) -> DossierArticle:
    return DossierArticle(
        id=a.id, source=a.source, title=a.title, outlet=a.outlet,
        published=a.published.isoformat() if a.published else None, authors=list(a.authors),
        agencies=a.agency_names, language=a.language, text=a.text,
        removed=[{"kind": r.kind, "text": r.text, "start": r.start, "end": r.end} for r in a.removed],
        origin=origin, url=a.url)


def build_dossier(articles: list[Article], embedder, vectors: dict[str, SentenceVectors] | None = None) -> Dossier:
    """The cross-checked dossier of these (analysed) articles of one story; ``vectors``
    (article id -> stored sentence vectors of this embedder) are used instead of
    embedding those sentences again."""
    articles = list({a.id: a for a in articles}.values())
    corpus = build_corpus(articles, embedder, vectors)
    lsh = CandidateIndex(corpus.vectors)
    origins = find_origins(corpus, lsh)
    entities, local = merge_entities(articles)
    names = entity_names(entities)
    groups = fact_groups(corpus, lsh)
    quotes = group_quotes(corpus, local, names, embedder)
    claims = group_claims(corpus, groups)
    discrepancies = find_discrepancies(corpus, lsh, entities, quotes)
    mark_disputed(claims, discrepancies)
    dossier_articles = [_dossier_article(a, corpus.origin_of[a.id]) for a in articles]
    return Dossier(
        articles=dossier_articles, origins=origins, entities=entities, quotes=quotes, claims=claims,
        discrepancies=discrepancies, timeline=build_timeline(corpus, groups),
        events=merge_events(corpus, local, names), summary=summarise(corpus, groups),
        differences=differences(discrepancies, dossier_articles),
        title=articles[0].title if articles else None)
