"""Dossier → Markdown for editors: summary with citations, then the evidence."""

from __future__ import annotations

from newsdesk.model import Dossier, Rendering
from newsdesk.render.cite import article_labels, outlet_name


def _md(text: str) -> str:
    """Escape what Markdown would read as markup inside running text."""
    out = text.replace("\\", "\\\\")
    for ch in "*_`[]<>|#":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def _refs(articles: list[str], labels: dict[str, str]) -> str:
    return " ".join(f"[{labels[a]}]" for a in dict.fromkeys(articles) if a in labels)


def _cite(r: Rendering, labels: dict[str, str]) -> str:
    return f"[{labels.get(r.article, r.article)} {r.start}–{r.end}]"


def render_markdown(dossier: Dossier) -> str:
    """The dossier as a Markdown report.

    >>> render_markdown(Dossier(title="Harbour accord")).splitlines()[0]
    '# Harbour accord'
    """
    labels = article_labels(dossier)
    lines: list[str] = [f"# {_md(dossier.title or 'Story dossier')}", ""]
    n_orig = len(dossier.origins)
    lines += [f"{len(dossier.articles)} reports from {n_orig} independent origin"
              f"{'s' if n_orig != 1 else ''}."
              + (f" Generated {dossier.generated}." if dossier.generated else ""), ""]
    lines += ["## Summary", ""]
    lines += [f"- {_md(s.text)} {_refs(s.articles, labels)}" for s in dossier.summary] or ["_No summary._"]
    if dossier.differences:
        lines += ["", "**What differs between sources.** "
                  + " ".join(f"{_md(s.text)} {_refs(s.articles, labels)}" for s in dossier.differences)]
    lines += _sources(dossier, labels) + _quotes(dossier, labels) + _claims(dossier, labels)
    lines += _discrepancies(dossier, labels) + _timeline(dossier, labels) + _events(dossier, labels)
    lines += _entities(dossier)
    return "\n".join(lines).rstrip() + "\n"


def _sources(dossier: Dossier, labels: dict[str, str]) -> list[str]:
    by_id = {a.id: a for a in dossier.articles}
    lines = ["", "## Sources", "", "| ref | outlet | published | language | agencies | origin | title |",
             "|---|---|---|---|---|---|---|"]
    for a in dossier.articles:
        partial = " (partial report)" if a.partial else ""
        lines.append(f"| {labels[a.id]}{partial} | {_md(outlet_name(a))} | {a.published or '—'} | {a.language or '—'} "
                     f"| {_md(', '.join(a.agencies)) or '—'} | {a.origin} | {_md(a.title or '')} |")
    partial = [a for a in dossier.articles if a.partial]
    if partial:
        lines += ["", "Partial reports (only part of the article was available, e.g. a paywalled teaser; what "
                  "they leave out is not evidence against the other reports): "
                  + "; ".join(f"{labels[a.id]}: {_md(a.partial or '')}" for a in partial) + "."]
    lines += ["", "### Independent origins", ""]
    for o in dossier.origins:
        members = ", ".join(f"{labels[i]} ({_md(outlet_name(by_id[i]))})" for i in o.articles if i in by_id)
        agency = f" — {o.agency} wire" if o.agency else ""
        why = f" Evidence: {_md('; '.join(o.evidence))}." if o.evidence else ""
        lines.append(f"- **{o.id}**{agency}: {members}.{why}")
    return lines


def _quotes(dossier: Dossier, labels: dict[str, str]) -> list[str]:
    lines = ["", "## Who said what", ""]
    for q in dossier.quotes:
        who = q.speaker.name or "unknown speaker"
        lines.append(f"- **{_md(who)}** ({q.independent_sources} independent source"
                     f"{'s' if q.independent_sources != 1 else ''}):")
        for r in q.renderings:
            mark = "“" + _md(r.text) + "”" if r.direct else _md(r.text) + " (reported)"
            lines.append(f"  - {mark} {_cite(r, labels)}")
    return lines if dossier.quotes else lines + ["_No quotes found._"]


def _claims(dossier: Dossier, labels: dict[str, str]) -> list[str]:
    lines = ["", "## Claims", "", "| status | independent sources | claim | articles |", "|---|---|---|---|"]
    for c in sorted(dossier.claims, key=lambda c: (-c.independent_sources, c.id)):
        lines.append(f"| {c.status} | {c.independent_sources} | {_md(c.text)} | {_refs(c.articles, labels)} |")
    return lines


def _discrepancies(dossier: Dossier, labels: dict[str, str]) -> list[str]:
    lines = ["", "## Discrepancies", ""]
    for d in dossier.discrepancies:
        lines.append(f"- **{_md(d.about)}** (confidence {d.confidence:.2f})")
        for v in d.variants:
            lines.append(f"  - {_md(v.text)} {_refs(v.articles, labels)}")
    return lines if dossier.discrepancies else lines + ["_No discrepancies found._"]


def _timeline(dossier: Dossier, labels: dict[str, str]) -> list[str]:
    lines = ["", "## Timeline", "", "| date | precision | what | articles |", "|---|---|---|---|"]
    for t in dossier.timeline:
        lines.append(f"| {t.date} | {t.precision} | {_md(t.text)} | {_refs(t.articles, labels)} |")
    return lines


def _events(dossier: Dossier, labels: dict[str, str]) -> list[str]:
    lines = ["", "## Events (PLOVER)", "", "| type | actor | target | date | evidence | articles |",
             "|---|---|---|---|---|---|"]
    for e in dossier.events:
        flags = " (negated)" if e.negated else " (hypothetical)" if e.hypothetical else ""
        flags += f" (claimed by {e.claimed_by})" if e.claimed_by else ""
        lines.append(f"| {e.type}{'/' + e.mode if e.mode else ''}{flags} | {_md(e.actor or '?')} "
                     f"| {_md(e.target or '?')} | {e.date or '—'} | {_md(e.text)} | {_refs(e.articles, labels)} |")
    return lines


def _entities(dossier: Dossier) -> list[str]:
    lines = ["", "## Entities", "", "| type | name | also written | mentions |", "|---|---|---|---|"]
    for e in sorted(dossier.entities, key=lambda e: -len(e.mentions)):
        others = ", ".join(a for a in e.aliases if a != e.name)
        lines.append(f"| {e.type} | {_md(e.name)} | {_md(others)} | {len(e.mentions)} |")
    return lines
