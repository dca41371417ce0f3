"""Dossier → the ``newsdesk.dossier/1`` JSON document (docs/dossier.md)."""

from __future__ import annotations

import json as _json

from newsdesk.model import Dossier, to_dict


def render_json(dossier: Dossier) -> str:
    """The dossier as pretty-printed UTF-8 JSON, ``schema`` first.

    >>> render_json(Dossier()).splitlines()[1].strip()
    '"schema": "newsdesk.dossier/1",'
    """
    data = to_dict(dossier)
    ordered = {"schema": data.pop("schema"), **data}
    return _json.dumps(ordered, ensure_ascii=False, indent=2) + "\n"
