"""Dossier → JSON, Markdown and one self-contained HTML page (no network needed)."""

from __future__ import annotations

from pathlib import Path

from newsdesk.model import Dossier
from newsdesk.render.htmlpage import render_html
from newsdesk.render.jsondoc import render_json
from newsdesk.render.markdown import render_markdown

__all__ = ["render_html", "render_json", "render_markdown", "write_dossier"]


def write_dossier(dossier: Dossier, out_dir: str | Path) -> dict[str, Path]:
    """Write dossier.json, dossier.md and dossier.html into ``out_dir`` (created).

    >>> paths = write_dossier(Dossier(), "/tmp/d")  # doctest: +SKIP
    >>> sorted(paths)                                # doctest: +SKIP
    ['html', 'json', 'md']
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "dossier.json", "md": out / "dossier.md", "html": out / "dossier.html"}
    paths["json"].write_text(render_json(dossier), encoding="utf-8")
    paths["md"].write_text(render_markdown(dossier), encoding="utf-8")
    paths["html"].write_text(render_html(dossier), encoding="utf-8")
    return paths
