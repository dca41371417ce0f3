"""Readers of the coded event sets, on small files we write ourselves."""

from __future__ import annotations

import json
from pathlib import Path

from newsdesk.train.data import read_gsr_cameo, read_plv, unmark

PLV_HEADER = ["", "sentence_id", "sentence", "marked_sentence", "source", "target", "gold_penta", "gold_root"]


def _tsv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join("\t".join(r) for r in [PLV_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_unmark_gives_offsets_into_the_plain_sentence() -> None:
    text, src, tgt = unmark("<s>The Kalvian navy</s> shelled <t>Port Ostra</t> at dawn.")
    assert text == "The Kalvian navy shelled Port Ostra at dawn."
    assert text[src[0]:src[1]] == "The Kalvian navy" and text[tgt[0]:tgt[1]] == "Port Ostra"


def test_unmark_without_a_target() -> None:
    text, src, tgt = unmark("<s>Ostmark</s> lifted the curfew.")
    assert text == "Ostmark lifted the curfew." and src == (0, 7) and tgt is None


def test_read_plv_keeps_implicit_sides_and_drops_unknown_codes(tmp_path: Path) -> None:
    path = _tsv(tmp_path / "PLV_train.tsv", [
        ["0", "7", "Ostmark thanked Kalvia.", "<s>Ostmark</s> thanked <t>Kalvia</t>.", "Ostmark", "Kalvia",
         "1", "SUPPORT"],
        ["1", "8", "Ostmark lifted the curfew.", "<s>Ostmark</s> lifted the curfew.", "Ostmark", "a recipient",
         "2", "YIELD"],
        ["2", "9", "Ostmark stole a boat.", "<s>Ostmark</s> stole <t>a boat</t>.", "Ostmark", "a boat", "4", "CRIME"],
    ])
    rows = read_plv(path)
    assert [r.label for r in rows] == ["SUPPORT", "YIELD"]
    assert rows[1].target is None and rows[1].source == (0, 7)
    assert rows[0].group == "PLV_train:7"


def test_cameo_manual_examples_fold_into_root_codes(tmp_path: Path) -> None:
    records = [
        {"id": "doc", "event": "DOCUMENT"},
        {"id": "x1", "event": "DEMAND", "text": "Kalvia urged Ostmark to free the sailors.",
         "source": [{"actorText": "Kalvia"}], "target": [{"actorText": "Ostmark"}]},
        {"id": "x2", "event": "RETREAT", "text": "Ostmark freed the Kalvian sailors.",
         "source": [{"actorText": "Ostmark"}], "target": [{"actorText": "Kalvian sailors"}]},
        {"id": "x3", "event": "AGREE", "text": "Nobody named here agreed.", "source": [], "target": []},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    rows = read_gsr_cameo(path)
    assert [(r.label, r.group) for r in rows] == [("REQUEST", "gsr:x1"), ("YIELD", "gsr:x2")]
    assert rows[0].sentence[slice(*rows[0].target)] == "Ostmark"
