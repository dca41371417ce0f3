"""Dossier → one self-contained HTML page (inline CSS, JS and SVG; works offline).

Every piece of article text goes through escaping (Jinja2 autoescape, or ``escape`` when
we build markup ourselves), so a report containing ``<script>`` stays text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from newsdesk.model import Dossier, Rendering, TimelineEntry
from newsdesk.render.cite import article_labels, cited_spans, outlet_name, passage_id

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22"]


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=PackageLoader("newsdesk.render", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals["passage_id"] = passage_id
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


def _years(value: str) -> tuple[float, float] | None:
    """A TimeML date value as a (start, end) position in fractional years."""
    if "/" in value:
        a, _, b = value.partition("/")
        lo, hi = _years(a), _years(b)
        return (lo[0], hi[1]) if lo and hi else None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if m:
        year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
        if not month:
            return (year, year + 1)
        start = year + (month - 1) / 12 + (max(day, 1) - 1) / 365
        return (start, start + (1 / 365 if day else 1 / 12))
    m = re.match(r"^(\d{4})-W(\d{2})", value)
    if m:
        start = int(m[1]) + (int(m[2]) - 1) * 7 / 365
        return (start, start + 7 / 365)
    m = re.match(r"^(\d{3})X?$", value)  # decade "199" / "199X"
    if m:
        return (int(m[1]) * 10, int(m[1]) * 10 + 10)
    return None


@dataclass
class _Row:
    entry: TimelineEntry
    x0: float
    x1: float
    y: int


def timeline_svg(timeline: list[TimelineEntry], width: int = 320) -> tuple[Markup, list[_Row]]:
    """A small SVG chart: each dated entry a bar on a shared year axis (ranges as bars)."""
    spans = [(t, _years(t.date)) for t in timeline]
    placed = [(t, s) for t, s in spans if s]
    if not placed:
        return Markup(""), []
    lo = min(s[0] for _, s in placed)
    hi = max(s[1] for _, s in placed)
    pad = max((hi - lo) * 0.02, 0.05)
    lo, hi = lo - pad, hi + pad
    row_h, top = 22, 24

    def x(v: float) -> float:
        return 8 + (v - lo) / (hi - lo) * (width - 16)

    rows = [_Row(t, x(s[0]), max(x(s[1]), x(s[0]) + 4), top + i * row_h) for i, (t, s) in enumerate(placed)]
    ticks = sorted({int(lo) + 1, int((lo + hi) / 2), int(hi)})
    parts = [f'<svg class="tl-chart" width="{width}" height="{top + len(rows) * row_h + 6}" role="img" '
             f'aria-label="timeline chart">']
    for year in ticks:
        parts.append(f'<line x1="{x(year):.1f}" x2="{x(year):.1f}" y1="14" y2="{top + len(rows) * row_h}" '
                     f'class="tick"/><text x="{x(year):.1f}" y="10" class="tick-label">{year}</text>')
    for r in rows:
        parts.append(f'<rect x="{r.x0:.1f}" y="{r.y + 5}" width="{r.x1 - r.x0:.1f}" height="10" rx="3" '
                     f'class="bar p-{escape(r.entry.precision)}"><title>{escape(r.entry.date)}</title></rect>')
    parts.append("</svg>")
    return Markup("".join(parts)), rows


def _cite_target(r: Rendering) -> str:
    return "#" + passage_id(r.article, r.start, r.end) if r.start < r.end else f"#art-{r.article}"


def dossier_context(dossier: Dossier, *, cite_target: Callable[[Rendering], str] = _cite_target,
                    article_href: Callable[[str], str] = lambda a: f"#art-{a}") -> dict[str, Any]:
    """Template variables for the dossier sections (shared with the web story page,
    which links citations to article pages instead of in-page passages)."""
    spans = cited_spans(dossier)
    chart, rows = timeline_svg(dossier.timeline)
    return {
        "d": dossier, "labels": article_labels(dossier),
        "origin_colour": {o.id: PALETTE[i % len(PALETTE)] for i, o in enumerate(dossier.origins)},
        "texts": {a.id: article_text_html(a.text, a.id, spans.get(a.id, set())) for a in dossier.articles},
        "chart": chart, "timeline_rows": rows, "by_id": {a.id: a for a in dossier.articles},
        "outlet_name": outlet_name, "cite_target": cite_target, "article_href": article_href,
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
