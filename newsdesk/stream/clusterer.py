"""Online story clustering: each arriving article joins a story or starts one.

Why our own code: no maintained library clusters a news stream into stories with a
calibrated join decision; the parts that are generic come from libraries (faiss for
the nearest-centroid search, datasketch for copy detection).

Per article the cost does not grow with the number of stories:

1. candidates: the nearest story centroids in a faiss HNSW graph (``k`` of them),
   plus the most recent stories that share a rare named entity (an inverted index);
2. a copy of a report already placed (MinHash Jaccard ≥ ``COPY_JACCARD``) joins that
   report's story: copies and translations of one wire story always land together
   (translations through the vectors: their similarity to the original is high);
3. otherwise the calibrated decision (``decision.py``) scores each candidate and the
   article joins the best one when p ≥ the decision's ``join_at`` (picked on the tune
   streams), else it starts a new story.

Stories idle for more than ``window_days`` (by publication dates) leave the active
set; the HNSW graph is rebuilt from active stories when stale entries dominate, so
memory stays bounded by the active stories. Articles are processed one at a time, so
the result depends on the input order only, never on batch sizes. Articles already
placed are never moved: a person's edits to stories stay as they are.

>>> c = StoryClusterer(dim=4)   # doctest: +SKIP
"""

from __future__ import annotations

import math
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import faiss
import numpy as np
from datasketch import MinHashLSH

from newsdesk.stream.decision import Decision, PairFeatures, shipped_decision
from newsdesk.stream.signal import NUM_PERM, StorySignal

COPY_JACCARD = 0.6      # estimated 5-shingle Jaccard of two copies of one report
MEMBERS_KEPT = 16       # recent member vectors kept per story for the closest-member cosine
FACTS_KEPT = 32         # most-stated days and numbers kept per story
TERMS_KEPT = 256        # most frequent lead words kept per story


@dataclass
class StoryState:
    """What the clusterer keeps of one active story."""

    id: int
    vector_sum: np.ndarray
    members: list[str] = field(default_factory=list)
    recent: list[np.ndarray] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    days: list[date] = field(default_factory=list)
    last_seen: int = 0      # arrival number of its latest article
    label: str = ""
    people: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    stated: Counter[date] = field(default_factory=Counter)    # days its members state
    numbers: Counter[int] = field(default_factory=Counter)    # numbers its members state
    terms: Counter[str] = field(default_factory=Counter)      # lead words of its members
    _recent_matrix: np.ndarray | None = None
    _centroid: np.ndarray | None = None

    @property
    def recent_matrix(self) -> np.ndarray:
        """The recent member vectors as one (m, dim) matrix."""
        if self._recent_matrix is None:
            self._recent_matrix = np.stack(self.recent) if self.recent else np.zeros((0, len(self.vector_sum)),
                                                                                      np.float32)
        return self._recent_matrix

    @property
    def centroid(self) -> np.ndarray:
        """The unit-length mean of its members' vectors (kept until a member is added)."""
        if self._centroid is None:
            v = self.vector_sum
            self._centroid = v / max(float(np.linalg.norm(v)), 1e-9)
        return self._centroid


@dataclass
class Assignment:
    """Where one article went: ``story`` id, whether it ``created`` it, the decision's
    ``probability`` (1.0 for a copy) and ``reason`` ("copy", "joined", "new")."""

    article: str
    story: int
    created: bool
    probability: float
    reason: str


class StoryClusterer:
    """Assigns a stream of :class:`StorySignal` to stories, one article at a time.

    ``dim``: vector dimension; ``decision``: the join model (default: the shipped one);
    ``k``: nearest centroids scored per article; ``window_days``/``max_active``: when a
    story leaves the active set; ``join_at``: overrides the decision's join level.
    """

    def __init__(self, dim: int, decision: Decision | None = None, k: int = 8,
                 window_days: int = 365, max_active: int = 50_000, join_at: float | None = None) -> None:
        self.dim = dim
        self.decision = decision or shipped_decision()
        self.join_at = self.decision.join_at if join_at is None else join_at
        self.k = k
        self.window_days = window_days
        self.max_active = max_active
        self.stories: OrderedDict[int, StoryState] = OrderedDict()  # active, oldest activity first
        self._next_id = 0
        self._arrivals = 0
        self._df: Counter[str] = Counter()
        self._term_df: Counter[str] = Counter()
        self._by_entity: dict[str, OrderedDict[int, None]] = defaultdict(OrderedDict)
        self._lsh = MinHashLSH(threshold=COPY_JACCARD, num_perm=NUM_PERM)
        self._story_of: dict[str, int] = {}
        self._latest_day: date | None = None
        self._new_index()

    # ------------------------------------------------------------------ index
    def _new_index(self) -> None:
        self._index = faiss.IndexHNSWFlat(self.dim, 32, faiss.METRIC_INNER_PRODUCT)
        self._index.hnsw.efSearch = 64
        self._entry_story: list[int] = []

    def _index_story(self, story: StoryState) -> None:
        # HNSW cannot update a vector: the new centroid is added as another entry and
        # old entries of the story are ignored (deduplicated) at query time.
        self._index.add(story.centroid.reshape(1, -1).astype(np.float32))
        self._entry_story.append(story.id)
        if len(self._entry_story) > 4 * max(64, len(self.stories)):
            self._rebuild()

    def _rebuild(self) -> None:
        self._new_index()
        # one vector per call: faiss inserts a batch on several threads, which would make
        # the graph, and so the candidates, depend on thread timing
        for story in self.stories.values():
            self._index.add(story.centroid.reshape(1, -1).astype(np.float32))
            self._entry_story.append(story.id)

    # ------------------------------------------------------------------ features
    def _idf(self, key: str) -> float:
        return math.log((self._arrivals + 1) / (self._df[key] + 1)) + 1.0

    def features(self, signal: StorySignal, story: StoryState) -> PairFeatures:
        """The decision's features for ``signal`` against ``story``."""
        weights = {key: self._idf(key) for key in sorted(signal.entities)}
        return self._features(signal, weights, _median(weights), story)

    def _features(self, signal: StorySignal, weights: dict[str, float], median: float,
                  story: StoryState) -> PairFeatures:
        cos_c = float(signal.vector @ story.centroid)
        sims = story.recent_matrix @ signal.vector
        cos_m = float(sims.max()) if len(sims) else cos_c
        cos_mean = float(sims.sum()) / len(sims) if len(sims) else cos_c
        cos_min = float(sims.min()) if len(sims) else cos_c
        total = sum(weights.values())
        shared = [k for k in weights if k in story.entities]
        overlap = sum(weights[k] for k in shared) / total if total else 0.0
        n = len(story.members)
        frequent = {k: self._idf(k) for k, c in story.entities.items() if c * 2 >= n or c >= 3}
        ftotal = sum(frequent.values())
        story_share = sum(w for k, w in frequent.items() if k in signal.entities) / ftotal if ftotal else 0.0
        rare = 1.0 if any(weights[k] > median or len(weights) == 1 for k in shared) else 0.0
        if signal.day and story.days:
            gap = min(abs((signal.day - d).days) for d in story.days)
            log_days, no_date = math.log1p(gap), 0.0
        else:
            log_days, no_date = 0.0, 1.0
        person_overlap = person_conflict = 0.0
        if signal.people:
            people = sorted(signal.people)
            ptotal = sum(weights.get(k, 1.0) for k in people)
            person_overlap = sum(weights.get(k, 1.0) for k in people if k in story.people) / ptotal
            person_conflict = 1.0 if story.people and person_overlap == 0.0 else 0.0
        place_only = 1.0 if shared and all(k in signal.places for k in shared) else 0.0
        if signal.stated_days and story.stated:
            gap = min(abs((a - b).days) for a in signal.stated_days for b in story.stated)
            event_log_days, no_event = math.log1p(gap), 0.0
        else:
            event_log_days, no_event = 0.0, 1.0
        lexical = 0.0
        if signal.terms:
            tw = {t: math.log((self._arrivals + 1) / (self._term_df[t] + 1)) + 1.0 for t in sorted(signal.terms)}
            ttotal = sum(tw.values())
            lexical = sum(w for t, w in tw.items() if t in story.terms) / ttotal if ttotal > 0 else 0.0
        number_overlap = number_conflict = 0.0
        if signal.numbers and story.numbers:
            number_overlap = sum(1 for x in signal.numbers if x in story.numbers) / len(signal.numbers)
            number_conflict = 1.0 if number_overlap == 0.0 else 0.0
        return PairFeatures(cos_c, cos_m, overlap, story_share, rare, log_days, no_date,
                            cos_member_mean=cos_mean, person_overlap=person_overlap,
                            person_conflict=person_conflict, place_only=place_only,
                            event_log_days=event_log_days, no_event_date=no_event,
                            number_overlap=number_overlap, number_conflict=number_conflict,
                            lexical_overlap=lexical, cos_member_min=cos_min)

    def candidates(self, signal: StorySignal) -> list[StoryState]:
        """Active stories worth scoring: nearest centroids plus recent stories that
        share one of the article's rarest entity keys."""
        found: dict[int, None] = {}
        if self._entry_story:
            k = min(len(self._entry_story), self.k * 3)
            _, ids = self._index.search(signal.vector.reshape(1, -1).astype(np.float32), k)
            for entry in ids[0]:
                sid = self._entry_story[entry] if entry >= 0 else None
                if sid is not None and sid in self.stories:
                    found.setdefault(sid)
                if len(found) >= self.k:
                    break
        for key in sorted(signal.entities, key=lambda e: (-self._idf(e), e))[:4]:
            for sid in list(reversed(self._by_entity.get(key, {})))[:4]:
                if sid in self.stories:
                    found.setdefault(sid)
        return [self.stories[s] for s in found]

    # ------------------------------------------------------------------ stream
    def add(self, signal: StorySignal) -> Assignment:
        """Place one article; returns where it went. Idempotent per article id."""
        if signal.article in self._story_of:
            return Assignment(signal.article, self._story_of[signal.article], False, 1.0, "known")
        self._arrivals += 1
        self._expire(signal.day)
        copy_of = self._copy_story(signal)
        if copy_of is not None:
            assignment = Assignment(signal.article, copy_of, False, 1.0, "copy")
        else:
            best, best_p = None, 0.0
            candidates = self.candidates(signal)
            if candidates:
                weights = {key: self._idf(key) for key in sorted(signal.entities)}
                median = _median(weights)
                rows = np.stack([self._features(signal, weights, median, story).row() for story in candidates])
                probs = self.decision.probabilities(rows)
                j = int(np.argmax(probs))   # the first of equals: candidates are in a fixed order
                best, best_p = candidates[j], float(probs[j])
            if best is not None and best_p >= self.join_at:
                assignment = Assignment(signal.article, best.id, False, best_p, "joined")
            else:
                assignment = Assignment(signal.article, self._create(signal).id, True, 1.0 - best_p, "new")
        self._place(signal, assignment.story)
        return assignment

    def seed(self, signal: StorySignal, story_id: int, label: str = "") -> None:
        """Put an article into a known story without a decision (restoring state from a
        store, or a person's edit). An article already placed stays where it is."""
        if signal.article in self._story_of:
            return
        if story_id not in self.stories:
            self.stories[story_id] = StoryState(id=story_id, vector_sum=np.zeros(self.dim, np.float32),
                                                label=label or signal.title)
            self._next_id = max(self._next_id, story_id + 1)
        self._arrivals += 1
        self._place(signal, story_id)

    def _create(self, signal: StorySignal) -> StoryState:
        story = StoryState(id=self._next_id, vector_sum=np.zeros(self.dim, np.float32), label=signal.title)
        self._next_id += 1
        self.stories[story.id] = story
        return story

    def _copy_story(self, signal: StorySignal) -> int | None:
        if signal.minhash is None:
            return None
        for other in sorted(self._lsh.query(signal.minhash)):
            sid = self._story_of.get(other)
            if sid is not None and sid in self.stories:
                return sid
        return None

    def _place(self, signal: StorySignal, story_id: int) -> None:
        story = self.stories[story_id]
        story.vector_sum = story.vector_sum + signal.vector
        story._centroid = None
        story.members.append(signal.article)
        story.recent = (story.recent + [signal.vector])[-MEMBERS_KEPT:]
        story._recent_matrix = None
        story.entities.update(sorted(signal.entities))   # a fixed order whatever the hash seed
        story.people.update(signal.people)
        story.places.update(signal.places)
        _bounded_update(story.stated, signal.stated_days)
        _bounded_update(story.numbers, signal.numbers)
        _bounded_update(story.terms, signal.terms, TERMS_KEPT)
        for term in signal.terms:
            self._term_df[term] += 1
        if signal.day:
            story.days.append(signal.day)
            story.days = sorted(set(story.days))[-MEMBERS_KEPT:]
        story.last_seen = self._arrivals
        self.stories.move_to_end(story_id)
        for key in signal.entities:
            self._df[key] += 1
            bucket = self._by_entity[key]
            bucket.pop(story_id, None)
            bucket[story_id] = None
            while len(bucket) > 8:
                bucket.popitem(last=False)
        self._story_of[signal.article] = story_id
        if signal.minhash is not None:
            self._lsh.insert(signal.article, signal.minhash)
        self._index_story(story)

    def _expire(self, day: date | None) -> None:
        if day is not None and (self._latest_day is None or day > self._latest_day):
            self._latest_day = day
        expired = []
        for sid, story in self.stories.items():   # oldest activity first
            too_old = (self._latest_day is not None and story.days
                       and (self._latest_day - story.days[-1]).days > self.window_days)
            if too_old or len(self.stories) - len(expired) > self.max_active:
                expired.append(sid)
            else:
                break
        for sid in expired:
            story = self.stories.pop(sid)
            for article in story.members:
                self._story_of.pop(article, None)
                if article in self._lsh:
                    self._lsh.remove(article)
        if expired and len(self._entry_story) > 2 * max(64, len(self.stories)):
            self._rebuild()

    def assignments(self) -> dict[str, int]:
        """Article id → story id for the articles of active stories."""
        return dict(self._story_of)


def _median(weights: dict[str, float]) -> float:
    """Median of the weights (0.0 when there are none)."""
    values = sorted(weights.values())
    if not values:
        return 0.0
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def _bounded_update(counter: Counter, items: Iterable, keep: int = FACTS_KEPT) -> None:
    """Count ``items`` and keep the ``keep`` most counted (smallest first on ties)."""
    counter.update(items)
    if len(counter) > keep:
        kept = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
        counter.clear()
        counter.update(dict(kept))
