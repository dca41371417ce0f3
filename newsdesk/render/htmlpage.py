"""Dossier → one self-contained HTML page (inline CSS, JS and SVG; works offline).

Every piece of article text goes through escaping (Jinja2 autoescape, or ``escape`` when
we build markup ourselves), so a report containing ``<script>`` stays text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from newsdesk.model import Dossier, Rendering
from newsdesk.render.cite import article_labels, cited_spans, outlet_name, passage_id
from newsdesk.render.timechart import short_date, timeline_chart
from newsdesk.render.when import time_html

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22"]


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=PackageLoader("newsdesk.render", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals["passage_id"] = passage_id
    env.globals["time_html"] = time_html
    return env


def article_text_html(text: str, article: str, spans: set[tuple[int, int]]) -> Markup:
    """Escaped article text with an anchor at each cited passage and the covered
    characters wrapped in ``<span data-p="...">`` so a citation can highlight them.

    >>> str(article_text_html("a <b> c", "x", {(2, 5)}))
    'a <a class="anchor" id="p-x-2-5"></a><span class="seg" data-p="p-x-2-5">&lt;b&gt;</span> c'
    """
    bounds = sorted({0, len(text)} | {b for s in spans for b in s if 0 <= b <= len(text)})
    starts: dict[int, list[str]] = {}
    for s, e in spans:
        starts.setdefault(s, []).append(passage_id(article, s, e))
    parts: list[str] = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        parts.extend(f'<a class="anchor" id="{pid}"></a>' for pid in sorted(starts.get(lo, [])))
        covering = [passage_id(article, s, e) for s, e in spans if s <= lo and hi <= e]
        piece = str(escape(text[lo:hi]))
        if covering:
            parts.append(f'<span class="seg" data-p="{" ".join(sorted(covering))}">{piece}</span>')
        else:
            parts.append(piece)
    return Markup("".join(parts))


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word boundary with "…" (never mid-word).

    >>> shorten("Norland and Castavia signed a harbour accord", 30)
    'Norland and Castavia signed a…'
    >>> shorten("Brevik", 30)
    'Brevik'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.–—-") + "…"


def per_article(citations: list[Rendering]) -> list[Rendering]:
    """One citation per article (its first passage), so a sentence never ends in "A2 A2".

    >>> [r.article for r in per_article([Rendering("a", "x", 0, 1, True), Rendering("a", "y", 5, 6, True),
    ...                                  Rendering("b", "z", 0, 1, True)])]
    ['a', 'b']
    """
    seen: dict[str, Rendering] = {}
    for r in citations:
        seen.setdefault(r.article, r)
    return list(seen.values())


def _cite_target(r: Rendering) -> str:
    return "#" + passage_id(r.article, r.start, r.end) if r.start < r.end else f"#art-{r.article}"


def dossier_context(dossier: Dossier, *, cite_target: Callable[[Rendering], str] = _cite_target,
                    article_href: Callable[[str], str] = lambda a: f"#art-{a}") -> dict[str, Any]:
    """Template variables for the dossier sections (shared with the web story page,
    which links citations to article pages instead of in-page passages)."""
    spans = cited_spans(dossier)
    return {
        "d": dossier, "labels": article_labels(dossier),
        "origin_colour": {o.id: PALETTE[i % len(PALETTE)] for i, o in enumerate(dossier.origins)},
        "texts": {a.id: article_text_html(a.text, a.id, spans.get(a.id, set())) for a in dossier.articles},
        "tl": timeline_chart(dossier.timeline, [a.published for a in dossier.articles]),
        "by_id": {a.id: a for a in dossier.articles}, "short_date": short_date,
        "outlet_name": outlet_name, "cite_target": cite_target, "article_href": article_href,
        "per_article": per_article, "shorten": shorten,
        "matrix": _matrix(dossier), "entities": sorted(dossier.entities, key=lambda e: -len(e.mentions)),
    }


def render_html(dossier: Dossier) -> str:
    """The dossier as one HTML page with no external resources.

    >>> "<!DOCTYPE html>" in render_html(Dossier())
    True
    """
    return _env().get_template("dossier.html").render(**dossier_context(dossier))


def _matrix(dossier: Dossier) -> list[tuple[str, str, set[str]]]:
    """Rows of the source matrix: (kind, label, article ids carrying it)."""
    rows: list[tuple[str, str, set[str]]] = []
    for c in sorted(dossier.claims, key=lambda c: -c.independent_sources)[:40]:
        rows.append(("claim", c.text, set(c.articles)))
    for q in sorted(dossier.quotes, key=lambda q: -q.independent_sources)[:25]:
        label = f"{q.speaker.name or 'unknown'}: “{q.renderings[0].text}”" if q.renderings else ""
        rows.append(("quote", label, {r.article for r in q.renderings}))
    return rows
