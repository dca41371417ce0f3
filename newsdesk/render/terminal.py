"""Article → terminal (rich) for ``newsdesk show``, and ``safe`` for every piece of
stored or user-supplied text the CLI prints (report text can carry escape sequences
that would recolour, retitle or rewrite a reporter's terminal)."""

from __future__ import annotations

import re

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from newsdesk.model import Article

# C0 controls except tab and newline, DEL, and C1 controls (0x9b is a one-byte CSI)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(value: object) -> str:
    r"""``value`` as inert terminal text: control characters shown as ``\xNN``, rich
    markup escaped.

    >>> safe("red \x1b[31malert[/] \x07")
    'red \\x1b[31malert\\[/] \\x07'
    """
    return escape(_CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", str(value)))


def _meta_table(article: Article) -> Table:
    table = Table(show_header=False, box=None)
    rows = [
        ("id", article.id), ("source", article.source), ("title", article.title),
        ("outlet", article.outlet), ("url", article.url),
        ("published", article.published.isoformat() if article.published else None),
        ("updated", article.updated.isoformat() if article.updated else None),
        ("authors", ", ".join(article.authors)),
        ("agencies", "; ".join(f"{a.agency} ({a.kind}, {a.confidence:.2f}: {a.evidence!r})"
                               for a in article.agencies)),
        ("language", f"{article.language} ({article.language_score:.2f})" if article.language_score
         else article.language),
    ]
    for key, value in rows:
        table.add_row(f"[bold]{key}[/]", safe(str(value)) if value else "-")
    return table


def print_article(console: Console, article: Article) -> None:
    """Metadata, clean text, removed furniture and annotation lists of one article."""
    console.print(_meta_table(article))
    console.print(Panel(safe(article.text), title="clean text", title_align="left"), soft_wrap=False)
    if article.removed:
        table = Table("kind", "removed text", title="removed page furniture", title_justify="left")
        for span in article.removed:
            text = span.text if len(span.text) < 200 else span.text[:200] + "…"
            table.add_row(safe(span.kind), safe(text))
        console.print(table)
    ann = article.annotations
    if ann is None:
        console.print("[dim]not analysed (run `newsdesk reanalyze ID`)[/]")
        return
    _section(console, "entities", ("type", "name", "aliases", "mentions"),
             [(e.type, e.name, ", ".join(e.aliases), str(len(e.mentions))) for e in ann.entities])
    _section(console, "quotes", ("speaker", "cue", "direct", "quote", "offsets"),
             [(q.speaker or "unknown", q.cue or "", "yes" if q.direct else "no", q.text,
               f"{q.start}-{q.end}") for q in ann.quotes if q.kind == "statement"])
    _section(console, "attributed positions", ("holder", "cue", "position", "offsets"),
             [(q.speaker or "unknown", q.cue or "", q.text, f"{q.start}-{q.end}")
              for q in ann.quotes if q.kind == "stance"])
    _section(console, "dates", ("text", "value", "precision", "offsets"),
             [(t.text, t.value or "?", t.precision + (" (anchor inferred)" if t.anchor_inferred else ""),
               f"{t.start}-{t.end}") for t in ann.timexes])
    _section(console, "claims", ("kind", "claim", "quantities", "source"),
             [(c.kind, c.text, "; ".join(q.normalized for q in c.quantities), c.attributed_to or "")
              for c in ann.claims])
    _section(console, "events", ("type", "actor", "target", "date", "flags", "evidence"),
             [(e.type + (f"/{e.mode}" if e.mode else ""), e.actor or "?", e.target or "?", e.date or "",
               " ".join(f for f, on in (("negated", e.negated), ("hypothetical", e.hypothetical),
                                        (f"claimed by {e.claimed_by}", bool(e.claimed_by))) if on),
               e.text) for e in ann.events])


def _section(console: Console, title: str, headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    if not rows:
        return
    table = Table(*headers, title=f"{title} ({len(rows)})", title_justify="left")
    for row in rows:
        table.add_row(*(safe(str(c)) for c in row))
    console.print(table)
