"""Readers for the public gold sets the benchmarks use (by path, never copied):
MEANTIME (token-level XML) and TempEval-3 platinum (TimeML)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
NO_SPACE_BEFORE = {",", ".", ":", ";", ")", "]", "}", "?", "!", "%", "'s", "n't", "'", "'re", "'ve", "'ll", "'d", "’s"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}


def prf(tp: float, n_pred: float, n_gold: float) -> tuple[float, float, float]:
    """Precision, recall and F1 from true positives and the predicted and gold counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class GoldSpan:
    start: int
    end: int
    kind: str            # entity type (PER/ORG/LOC/...) or TIMEX3 type
    value: str | None = None
    syntactic: str = ""


@dataclass
class GoldDoc:
    name: str
    text: str
    dct: str | None
    topic: str = ""
    entities: list[GoldSpan] = field(default_factory=list)
    timexes: list[GoldSpan] = field(default_factory=list)
    title: str = ""


def read_meantime(path: Path, topic: str = "") -> GoldDoc:
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    pos, prev_sent, prev_tok = 0, None, None
    first_sentence: list[str] = []
    for tok in root.iter("token"):
        word = tok.text or ""
        sent = tok.get("sentence")
        if prev_sent is not None and sent != prev_sent:
            sep = "\n\n"
        elif prev_tok is None or word in NO_SPACE_BEFORE or prev_tok in NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep)
        pos += len(sep)
        offsets[tok.get("t_id")] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        if sent == "0":
            first_sentence.append(word)
        prev_sent, prev_tok = sent, word
    text = "".join(parts)
    markables = root.find("Markables")
    relations = root.find("Relations")
    span_of: dict[str, tuple[int, int]] = {}
    mention_meta: dict[str, dict] = {}
    entity_type: dict[str, str] = {}
    timexes: list[GoldSpan] = []
    dct = None
    for m in markables if markables is not None else []:
        anchors = [offsets[a.get("t_id")] for a in m.findall("token_anchor") if a.get("t_id") in offsets]
        if m.tag == "ENTITY" and m.get("ent_type"):
            entity_type[m.get("m_id")] = m.get("ent_type")
        if not anchors:
            if m.tag == "TIMEX3" and m.get("functionInDocument") == "CREATION_TIME":
                dct = m.get("value")
            continue
        span = (min(a[0] for a in anchors), max(a[1] for a in anchors))
        if m.tag == "ENTITY_MENTION":
            span_of[m.get("m_id")] = span
            mention_meta[m.get("m_id")] = {"syntactic": m.get("syntactic_type", "")}
        elif m.tag == "TIMEX3":
            if m.get("functionInDocument") == "CREATION_TIME":
                dct = m.get("value")
            timexes.append(GoldSpan(span[0], span[1], m.get("type", ""), m.get("value")))
    entities: list[GoldSpan] = []
    for rel in relations.findall("REFERS_TO") if relations is not None else []:
        targets = [t.get("m_id") for t in rel.findall("target")]
        etype = next((entity_type[t] for t in targets if t in entity_type), None)
        for src in rel.findall("source"):
            mid = src.get("m_id")
            if etype and mid in span_of:
                s, e = span_of[mid]
                entities.append(GoldSpan(s, e, etype, syntactic=mention_meta[mid]["syntactic"]))
    return GoldDoc(path.stem, text, dct, topic, entities, timexes, " ".join(first_sentence))


def meantime_docs(root: Path | None = None) -> list[GoldDoc]:
    base = (root or DATA / "meantime") / "intra_cross-doc_annotation"
    return [read_meantime(p, p.parent.name.removeprefix("corpus_"))
            for p in sorted(base.glob("corpus_*/*.xml"))]


TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_timeml(path: Path) -> GoldDoc:
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    out: list[str] = []
    pos = 0
    open_timex: list[tuple[int, dict]] = []
    timexes: list[GoldSpan] = []
    last = 0
    for m in TAG.finditer(body):
        chunk = body[last:m.start()]
        out.append(chunk)
        pos += len(chunk)
        last = m.end()
        closing, tag, attrs = m.group(1), m.group(2), m.group(3)
        if tag != "TIMEX3":
            continue
        if not closing:
            open_timex.append((pos, dict(ATTR.findall(attrs))))
        elif open_timex:
            start, a = open_timex.pop()
            timexes.append(GoldSpan(start, pos, a.get("type", ""), a.get("value")))
    out.append(body[last:])
    text = "".join(out)  # XML escapes (&amp;) stay as written so gold offsets stay valid
    return GoldDoc(path.stem, text, dct_m.group(1) if dct_m else None, "", [], timexes)


def tempeval_docs(root: Path | None = None) -> list[GoldDoc]:
    return [read_timeml(p) for p in sorted((root or DATA / "tempeval3-platinum").glob("*.tml"))]
