"""Flat exports of a dossier: every format holds the same rows and exactly the documented
columns; events carry the PLOVER fields and their source articles."""

from __future__ import annotations

import io
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from newsdesk.model import (
    Dossier,
    DossierArticle,
    DossierClaim,
    DossierEntity,
    DossierEvent,
    DossierQuote,
    EntityMentionRef,
    Rendering,
    Speaker,
    TimelineEntry,
)
from newsdesk.render.export import COLUMNS, FORMATS, ExportError, export_bytes, table_rows, write_exports

TEXT_A = "Coast guards of Valmora and Tessin held a joint patrol on 2 May, the ministry said."
TEXT_B = "Valmora and Tessin patrolled the bay together on Friday, officials said; a \"first\", one wrote."


def _article(aid: str, outlet: str, text: str, published: str, origin: str) -> DossierArticle:
    return DossierArticle(aid, f"{aid}.txt", "Joint patrol", outlet, published, [], [], "en", text, [], origin)


@pytest.fixture
def dossier() -> Dossier:
    cite_a, cite_b = Rendering("a1", TEXT_A[:50], 0, 50, False), Rendering("b2", TEXT_B[:40], 0, 40, False)
    return Dossier(
        articles=[_article("a1", "Valmora Courier", TEXT_A, "2026-05-03T08:00:00+02:00", "o1"),
                  _article("b2", "Tessin Ledger", TEXT_B, "2026-05-03T01:00:00+08:00", "o2")],
        claims=[DossierClaim("c1", "Valmora and Tessin held a joint patrol.", ["a1", "b2"], 2, "corroborated",
                             [cite_a, cite_b])],
        quotes=[DossierQuote("q1", Speaker("Ines Arvo", "e3"),
                             [Rendering("a1", "a first", 10, 17, True, "said"),
                              Rendering("b2", "a \"first\"", 70, 79, True, "wrote")], 2)],
        entities=[DossierEntity("e1", "Valmora", "GPE", ["Valmora"],
                                [EntityMentionRef("a1", 16, 23, "Valmora"), EntityMentionRef("b2", 0, 7, "Valmora")])],
        events=[DossierEvent("COOPERATE", "joint operation", "Valmora", "Tessin", "2026-05-02",
                             "held a joint patrol", ["a1", "b2"], citations=[cite_a, cite_b], place="the bay")],
        timeline=[TimelineEntry("2026-05-02", "day", "joint patrol held", ["a1"], [cite_a])])


def test_rows_have_exactly_the_documented_columns(dossier) -> None:
    for table, columns in COLUMNS.items():
        rows = table_rows(dossier, table)
        assert rows and all(list(r) == list(columns) for r in rows), table


def test_event_rows_carry_plover_fields_and_sources(dossier) -> None:
    [event] = table_rows(dossier, "events")
    assert {k: event[k] for k in ("type", "mode", "actor", "target", "date", "place")} == {
        "type": "COOPERATE", "mode": "joint operation", "actor": "Valmora", "target": "Tessin",
        "date": "2026-05-02", "place": "the bay"}
    assert event["articles"] == "a1; b2" and event["outlets"] == "Valmora Courier; Tessin Ledger"
    assert event["independent_sources"] == 2 and event["citations"] == "a1:0-50; b2:0-40"


def test_claim_rows_give_first_publication_by_instant(dossier) -> None:
    [claim] = table_rows(dossier, "claims")
    assert claim["first_published"] == "2026-05-03T01:00:00+08:00"  # 17:00 UTC the day before


def test_the_three_formats_hold_the_same_rows(dossier) -> None:
    for table in COLUMNS:
        csv_rows = pd.read_csv(io.BytesIO(export_bytes(dossier, table, "csv")), keep_default_na=False)
        jsonl_rows = [json.loads(line) for line in export_bytes(dossier, table, "jsonl").decode().splitlines()]
        parquet_rows = pq.read_table(io.BytesIO(export_bytes(dossier, table, "parquet"))).to_pylist()
        assert jsonl_rows == parquet_rows == table_rows(dossier, table)
        assert list(csv_rows.columns) == list(COLUMNS[table]) and len(csv_rows) == len(jsonl_rows)
    quotes = pd.read_csv(io.BytesIO(export_bytes(dossier, "quotes", "csv")))
    assert quotes["text"].tolist() == ["a first", 'a "first"']  # quoting survives the round trip


def test_an_empty_dossier_exports_headers_only(tmp_path) -> None:
    paths = write_exports(Dossier(), tmp_path, "csv")
    assert sorted(paths) == sorted(COLUMNS)
    assert paths["events"].read_text().strip().split(",") == list(COLUMNS["events"])
    assert pq.read_schema(write_exports(Dossier(), tmp_path, "parquet", ["claims"])["claims"]).names == \
        list(COLUMNS["claims"])


def test_unknown_table_or_format(dossier, tmp_path) -> None:
    with pytest.raises(ExportError, match="unknown table 'claimz'"):
        table_rows(dossier, "claimz")
    with pytest.raises(ExportError, match="unknown format 'xlsx'"):
        export_bytes(dossier, "claims", "xlsx")
    with pytest.raises(ExportError):
        write_exports(dossier, tmp_path / "none", "csv", ["claims", "nope"])
    assert not (tmp_path / "none").exists() and set(FORMATS) == {"csv", "jsonl", "parquet"}
