"""Invented reports and a tiny deterministic embedder for story-stream tests (no models)."""

from __future__ import annotations

import re
import zlib
from datetime import UTC, datetime

import numpy as np

from newsdesk.model import Annotations, Article, article_id
from newsdesk.store import Store
from newsdesk.store.streamrows import SignalRow

# Three invented events, four reports each (wording varies as it does between outlets).
EVENTS = {
    "ferry": ("Ferry {n} runs aground near Velmora harbour",
              "The passenger ferry Alder Crest ran aground on a sandbank outside Velmora harbour on "
              "Monday morning, the coastguard said. All {k} passengers were taken ashore by lifeboat "
              "crews and no one was hurt, according to harbour master Ilse Brandvik. Report {n}."),
    "bridge": ("Quarry bridge {n} closed after cracks found in Tessin valley",
               "Engineers closed the old quarry bridge over the Tessin river after inspectors found deep "
               "cracks in two of its stone piers, the valley council announced. Lorries face a detour of "
               "{k} kilometres while the bridge is assessed, councillor Maren Ostby said. Report {n}."),
    "orchard": ("Frost destroys apple blossom in Kerrow orchards {n}",
                "A late frost destroyed most of the apple blossom in the Kerrow orchards overnight, growers "
                "said, putting this year's harvest in doubt. The growers' cooperative estimates losses of "
                "{k} percent, its chair Odran Vessey told reporters on Thursday. Report {n}."),
}


def report(event: str, n: int, day: int = 3) -> Article:
    title, body = EVENTS[event]
    text = body.format(n=n, k=10 + n)
    return Article(id=article_id(text), source=f"{event}-{n}.txt", text=text, title=title.format(n=n),
                   outlet=f"The Invented Courier {n}", published=datetime(2025, 5, day, 9, n, tzinfo=UTC),
                   language="en", annotations=Annotations())


def interleaved(rounds: int = 4) -> list[Article]:
    """Reports of the three events in arrival order, interleaved."""
    return [report(e, n) for n in range(1, rounds + 1) for e in EVENTS]


class BagEmbedder:
    """Hashed bag of words, L2-normalised: texts sharing words are close. ``calls``
    counts the texts embedded."""

    dim = 64
    name = "test-bag-of-words"

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += len(texts)
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"[a-z]{4,}", t.lower()):
                out[i, zlib.crc32(w.encode()) % self.dim] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def two_stories(store: Store) -> tuple[int, int, list[str], list[str]]:
    """Stores three ferry and two bridge reports, placed in two automatic stories;
    returns (ferry story, bridge story, ferry ids, bridge ids)."""
    ids: dict[str, list[str]] = {"ferry": [], "bridge": []}
    story: dict[str, int | None] = {"ferry": None, "bridge": None}
    for event, count in (("ferry", 3), ("bridge", 2)):
        for n in range(1, count + 1):
            a = report(event, n)
            store.add_article(a)
            row = SignalRow(a.id, "test", np.ones(4, np.float32) / 2, [], None, None, a.title or "")
            story[event], _, _ = store.place_article(a.id, row, story[event], a.title or "")
            ids[event].append(a.id)
    return story["ferry"], story["bridge"], ids["ferry"], ids["bridge"]  # type: ignore[return-value]
