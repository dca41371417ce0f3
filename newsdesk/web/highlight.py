"""Article text → safe HTML with annotations highlighted from their character offsets.

Every text piece is escaped; annotations become ``<span class="...">`` wrappers over the
segments they cover, so overlapping annotations never produce broken markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from newsdesk.model import Article


@dataclass(frozen=True)
class Layer:
    """One highlighted span: ``kind`` is its CSS class (ent, quote, date, claim, hl)."""

    kind: str
    start: int
    end: int
    label: str = ""


def layers_of(article: Article) -> list[Layer]:
    """Entity mentions, quotes, dates and claims of an analysed article."""
    ann = article.annotations
    if ann is None:
        return []
    out = [Layer("claim", c.start, c.end, f"claim ({c.kind})") for c in ann.claims]
    out += [Layer("quote", q.start, q.end, f"{'quote' if q.kind == 'statement' else 'position'} — "
                  f"{q.speaker or 'unknown speaker'}") for q in ann.quotes if q.within is None]
    out += [Layer(f"ent ent-{e.type.lower()}", m.start, m.end, f"{e.type}: {e.name}")
            for e in ann.entities for m in e.mentions]
    out += [Layer("date", t.start, t.end, f"{t.type} {t.value or '?'}") for t in ann.timexes]
    return out


def highlight(text: str, layers: list[Layer], passage: tuple[int, int] | None = None,
              passage_id: str | None = None) -> Markup:
    """Escaped ``text`` with each layer wrapped; ``passage`` gets an anchor and class hl.

    >>> str(highlight("Ann <b> met Bo", [Layer("ent", 0, 3, "PERSON: Ann")]))
    '<span class="ent" title="PERSON: Ann">Ann</span> &lt;b&gt; met Bo'
    """
    n = len(text)
    layers = [x for x in layers if 0 <= x.start < x.end <= n]
    if passage and 0 <= passage[0] < passage[1] <= n:
        layers.append(Layer("hl", *passage, "cited passage"))
    else:
        passage = None
    bounds = sorted({0, n} | {b for x in layers for b in (x.start, x.end)})
    parts: list[str] = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        if passage and lo == passage[0] and passage_id:
            parts.append(f'<a id="{escape(passage_id)}" class="anchor"></a>')
        covering = [x for x in layers if x.start <= lo and hi <= x.end]
        piece = str(escape(text[lo:hi]))
        if covering:
            classes = " ".join(dict.fromkeys(c for x in covering for c in x.kind.split()))
            title = " · ".join(dict.fromkeys(x.label for x in covering if x.label))
            parts.append(f'<span class="{escape(classes)}" title="{escape(title)}">{piece}</span>')
        else:
            parts.append(piece)
    return Markup("".join(parts))
