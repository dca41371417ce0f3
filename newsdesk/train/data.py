"""Event-coding examples: (sentence, source span, target span) -> PLOVER root code.

Readers for the two coded sets in ``../shared/data/event-coding`` (see its README):

* ``plv/PLV_train.tsv`` / ``PLV_test.tsv`` (Hu et al., ACL 2024): the source and target are
  marked ``<s>…</s>`` / ``<t>…</t>`` in ``marked_sentence``; the label is ``gold_root``.
* ``PLOVER_GSR_CAMEO.txt``: the CAMEO manual's example sentences in an early PLOVER scheme,
  its types folded into the 15 root codes with ``EARLY_TO_ROOT`` (CONCEDE and RETREAT are
  YIELD, DISAPPROVE and INVESTIGATE are ACCUSE, DEMAND is REQUEST, FIGHT is ASSAULT).

Offsets are character offsets into ``Example.sentence``.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from newsdesk.analyze.plover import ROOT_CODES

EARLY_TO_ROOT = {"CONCEDE": "YIELD", "RETREAT": "YIELD", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                 "DEMAND": "REQUEST", "FIGHT": "ASSAULT"}
MARK = re.compile(r"</?[st]>")


@dataclass
class Example:
    """One coded pair (a side is None when the text leaves it implicit). ``group`` keeps
    rows of one sentence together when splitting."""

    sentence: str
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    label: str
    group: str


def unmark(marked: str) -> tuple[str, tuple[int, int] | None, tuple[int, int] | None]:
    """The plain sentence and the first ``<s>`` and ``<t>`` spans in it.

    >>> unmark("<s>Kalvia</s> thanked <t>Ostmark</t>.")
    ('Kalvia thanked Ostmark.', (0, 6), (15, 22))
    """
    out: list[str] = []
    pos = 0
    length = 0
    opened: dict[str, int] = {}
    spans: dict[str, tuple[int, int]] = {}
    for m in MARK.finditer(marked):
        out.append(marked[pos:m.start()])
        length += m.start() - pos
        pos = m.end()
        tag = m.group()
        kind = tag.strip("</>")
        if tag.startswith("</"):
            if kind in opened and kind not in spans:
                spans[kind] = (opened.pop(kind), length)
        else:
            opened.setdefault(kind, length)
    out.append(marked[pos:])
    return "".join(out), spans.get("s"), spans.get("t")


def _find(sentence: str, actor: str) -> tuple[int, int] | None:
    i = sentence.find(actor)
    return (i, i + len(actor)) if actor and i >= 0 else None


def read_plv(path: Path) -> list[Example]:
    """Rows of a PLV file; a side the sentence does not name is None."""
    out: list[Example] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            sentence, src, tgt = unmark(row["marked_sentence"])
            src = src or _find(sentence, row["source"])
            tgt = tgt or _find(sentence, row["target"])
            # "An actor" / "a recipient": the text leaves that side implicit.
            if (src is None and tgt is None) or row["gold_root"] not in ROOT_CODES:
                continue
            out.append(Example(sentence, src, tgt, row["gold_root"], f"{path.stem}:{row['sentence_id']}"))
    return out


def read_gsr_cameo(path: Path) -> list[Example]:
    """The CAMEO manual examples with a source and a target named in the text."""
    out: list[Example] = []
    for rec in json.loads(path.read_text(encoding="utf-8")):
        label = EARLY_TO_ROOT.get(rec.get("event", ""), rec.get("event", ""))
        if label not in ROOT_CODES:
            continue
        actors = [a["actorText"] for key in ("source", "target") if isinstance(rec.get(key), list)
                  for a in rec[key]]
        if len(actors) < 2:
            continue
        text = rec["text"]
        src, tgt = _find(text, actors[0]), _find(text, actors[1])
        if src is None or tgt is None or src == tgt:
            continue
        out.append(Example(text, src, tgt, label, f"gsr:{rec['id']}"))
    return out
