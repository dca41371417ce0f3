"""Stories at ingest: every stored, analysed article joins a story or starts one.

:class:`StoryStream` keeps one :class:`~newsdesk.stream.StoryClusterer` per store and
process. It is rebuilt from the store (each placed article's stored signal ``seed``-ed
into its present story, in placement order), so a restarted process continues exactly
where the last one stopped, and nothing stored is embedded again: the lead vector of
an article is made once, when it is placed, and stored with its signal. A person's
edit (``stories merge/split/move``, ``--story``) changes the store's edit counter;
the next call rebuilds from the store, so the clusterer only adds new articles to
stories and never moves an article or merges stories.

>>> stream = stream_for(store)                  # doctest: +SKIP
>>> [p.story for p in stream.assign(["3f2a..."])]  # doctest: +SKIP
[12]
"""

from __future__ import annotations

import functools
import logging
import threading
import weakref
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
from datasketch import MinHash

from newsdesk.store.streamrows import SignalRow
from newsdesk.stream.signal import NUM_PERM, StorySignal, story_signals, text_minhash

if TYPE_CHECKING:
    from newsdesk.nlp_models import Embedder
    from newsdesk.store import Store
    from newsdesk.stream import StoryClusterer

log = logging.getLogger(__name__)
BATCH = 32


@dataclass
class Placement:
    """Where one article went: the store's story id, whether that story is new, and
    the clusterer's reason ("copy", "joined", "new")."""

    article: str
    story: int
    created: bool
    reason: str


def _row(signal: StorySignal, model: str) -> SignalRow:
    facts = {"people": sorted(signal.people), "places": sorted(signal.places),
             "stated_days": [d.isoformat() for d in signal.stated_days],
             "numbers": sorted(signal.numbers), "terms": sorted(signal.terms)}
    return SignalRow(signal.article, model, signal.vector, sorted(signal.entities), signal.day,
                     None if signal.minhash is None else np.asarray(signal.minhash.hashvalues, np.uint64),
                     signal.title, facts=facts)


@functools.lru_cache(maxsize=1)
def _minhash_scheme() -> str:
    """The hashing scheme ``text_minhash`` uses (datasketch's default when it ran)."""
    return str(getattr(text_minhash("a b c d e"), "scheme", "affine32"))


def _signal(row: SignalRow) -> StorySignal:
    minhash = None if row.minhash is None else MinHash(num_perm=NUM_PERM, seed=11, hashvalues=row.minhash,
                                                      scheme=_minhash_scheme())
    f = row.facts
    return StorySignal(row.article_id, row.vector, set(row.entities), row.day, minhash, row.title,
                       people=set(f.get("people", ())), places=set(f.get("places", ())),
                       stated_days=tuple(date.fromisoformat(d) for d in f.get("stated_days", ())),
                       numbers=frozenset(int(n) for n in f.get("numbers", ())),
                       terms=frozenset(f.get("terms", ())))


class StoryStream:
    """The clusterer of one store, kept in step with it (see the module docstring)."""

    def __init__(self, store: Store, embedder: Embedder | None = None) -> None:
        self.store = store
        self._embedder = embedder
        self._lock = threading.Lock()
        self.clusterer: StoryClusterer | None = None
        self._edits = -1
        self._seq = 0
        self._to_store: dict[int, int] = {}   # clusterer story id → store story id
        self._to_cid: dict[int, int] = {}

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            from newsdesk.nlp_models import embedder

            self._embedder = embedder()
        return self._embedder

    @property
    def model(self) -> str:
        from newsdesk.vectors import model_name

        return model_name(self.embedder)

    # ------------------------------------------------------------------ state
    def _cid(self, story_id: int) -> int:
        """The clusterer's id for a store story (the same number when it is free)."""
        if story_id in self._to_cid:
            return self._to_cid[story_id]
        cid = story_id if story_id not in self._to_store else max(self._to_store) + 1
        self._to_store[cid], self._to_cid[story_id] = story_id, cid
        return cid

    def _signals_for(self, article_ids: list[str]) -> list[StorySignal]:
        out: list[StorySignal] = []
        for start in range(0, len(article_ids), BATCH):
            out += story_signals(self.store.get_articles(article_ids[start:start + BATCH]), self.embedder)
        return out

    def sync(self) -> None:
        """Bring the clusterer up to the store: rebuild after a person's edit, seed
        signals stored since (by another process), and make the signals of articles a
        person placed before they had one."""
        from newsdesk.stream import StoryClusterer

        missing = self.store.unsignalled_ids()
        for signal in self._signals_for(missing):
            self.store.save_signal(_row(signal, self.model))
        edits, seq = self.store.stream_position()
        if self.clusterer is None or edits != self._edits:
            self.clusterer = StoryClusterer(dim=int(getattr(self.embedder, "dim", 384)))
            self._seq, self._to_store, self._to_cid = 0, {}, {}
        self._edits = edits
        if seq <= self._seq:
            return
        rows = self.store.signals(after=self._seq)
        stale = [r.article_id for r in rows if r.model != self.model]
        if stale:  # made by another embedder: make them again (at the end of the order)
            for signal in self._signals_for(stale):
                self.store.save_signal(_row(signal, self.model))
            rows = [r for r in rows if r.model == self.model] + \
                [r for r in self.store.signals(after=self._seq) if r.article_id in set(stale)]
        placed = self.store.placements()
        for row in rows:
            self._seq = max(self._seq, row.seq)
            if row.article_id in placed:
                self.clusterer.seed(_signal(row), self._cid(placed[row.article_id]), row.title)

    # ------------------------------------------------------------------ stream
    def assign(self, article_ids: list[str] | None = None) -> list[Placement]:
        """Place each analysed article not yet in a story: ``article_ids`` first, in
        their order, then any other unplaced article in arrival order (left over by a
        killed run). A failure on one article is logged and leaves it unplaced (the next
        call retries it). Returns the placements made."""
        with self._lock:
            self.sync()
            waiting = self.store.unplaced_ids()
            pending = set(waiting)
            todo = [a for a in dict.fromkeys(article_ids or []) if a in pending]
            todo += [a for a in waiting if a not in set(todo)]
            done: list[Placement] = []
            for start in range(0, len(todo), BATCH):
                for signal in self._signals_for(todo[start:start + BATCH]):
                    try:
                        done.append(self._place(signal))
                    except Exception:
                        log.exception("placing article %s in a story failed", signal.article)
            return done

    def _place(self, signal: StorySignal) -> Placement:
        assert self.clusterer is not None
        got = self.clusterer.add(signal)
        target = None if got.created else self._to_store.get(got.story)
        story, created, seq = self.store.place_article(signal.article, _row(signal, self.model), target,
                                                       label=signal.title)
        if seq == 0:            # placed meanwhile by another process: rebuild next time
            self._edits = -1
        else:
            self._seq = max(self._seq, seq)
        if created:
            self._to_store[got.story], self._to_cid[story] = story, got.story
        return Placement(signal.article, story, created, got.reason)


_streams: weakref.WeakKeyDictionary[Store, StoryStream] = weakref.WeakKeyDictionary()
_streams_lock = threading.Lock()


def stream_for(store: Store) -> StoryStream:
    """The process's :class:`StoryStream` of ``store`` (made on first use)."""
    with _streams_lock:
        stream = _streams.get(store)
        if stream is None:
            stream = _streams[store] = StoryStream(store)
        return stream
