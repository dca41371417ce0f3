"""Citations shared by the Markdown and HTML renderers: stable passage anchors and
short labels for articles."""

from __future__ import annotations

from newsdesk.clean.meta import host_of
from newsdesk.model import Dossier, DossierArticle, Rendering


def passage_id(article: str, start: int, end: int) -> str:
    """The anchor id of one cited passage.

    >>> passage_id("ab12", 3, 9)
    'p-ab12-3-9'
    """
    return f"p-{article}-{start}-{end}"


def article_labels(dossier: Dossier) -> dict[str, str]:
    """Short, unique labels per article: "A1", "A2", ... in dossier order."""
    return {a.id: f"A{i}" for i, a in enumerate(dossier.articles, start=1)}


def outlet_name(article: DossierArticle) -> str:
    """The outlet as the report states it, else its URL's domain, else "unknown" (never
    the headline or the file name, which would read as an outlet).

    >>> outlet_name(DossierArticle("a", "x.html", "Title", None, None, [], [], None, "", [], "O1",
    ...                            url="https://www.example.org/a"))
    'example.org'
    """
    if article.outlet:
        return article.outlet
    return host_of(article.url) or "unknown"


def cited_spans(dossier: Dossier) -> dict[str, set[tuple[int, int]]]:
    """Every (start, end) passage cited anywhere in the dossier, per article id."""
    spans: dict[str, set[tuple[int, int]]] = {}

    def add(renderings: list[Rendering]) -> None:
        for r in renderings:
            if 0 <= r.start < r.end:
                spans.setdefault(r.article, set()).add((r.start, r.end))

    for q in dossier.quotes:
        add(q.renderings)
    for c in dossier.claims:
        add(c.citations)
    for d in dossier.discrepancies:
        for v in d.variants:
            add(v.citations)
    for t in dossier.timeline:
        add(t.citations)
    for e in dossier.events:
        add(e.citations)
    for s in dossier.summary + dossier.differences:
        add(s.citations)
    return spans
