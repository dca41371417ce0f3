"""The shared working set of one dossier build: articles, their sentence units and
embeddings, and a candidate index so that cross-article comparisons never go
all-pairs over sentences.

Sentence embeddings come from multilingual e5 (``newsdesk.nlp_models.E5Embedder``), so a
translation and its English original land close even when they share no n-grams.
The candidate index is a faiss HNSW graph: every sentence is compared only with its
nearest neighbours, so no step goes over all pairs of sentences.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from newsdesk.model import Article, Rendering
from newsdesk.vectors import SentenceVectors

MAX_UNIT_CHARS = 600
MIN_UNIT_WORDS = 4


@dataclass
class Unit:
    """One sentence of one article: the grain of alignment and citation."""

    article: str
    start: int
    end: int
    text: str
    pos: int  # position among the article's units


@dataclass
class Corpus:
    articles: list[Article]
    units: list[Unit]
    vectors: np.ndarray
    by_article: dict[str, list[int]] = field(default_factory=dict)
    origin_of: dict[str, str] = field(default_factory=dict)
    page_of: dict[str, str] = field(default_factory=dict)  # copies of one page (near-duplicates, one outlet)
    stored: dict[str, SentenceVectors] = field(default_factory=dict)  # article id -> its vectors

    def vectors_of(self, items: list[tuple[str, str]], embedder) -> np.ndarray:  # noqa: ANN001
        """Vectors of (article id, text) pairs: stored ones looked up, the rest embedded."""
        return lookup_vectors(items, embedder, self.stored)

    def cite(self, article: str, start: int, end: int, direct: bool = False) -> Rendering:
        text = self.article(article).text[start:end]
        return Rendering(article=article, text=text, start=start, end=end, direct=direct)

    def article(self, article_id: str) -> Article:
        return self._articles[article_id]

    def __post_init__(self) -> None:
        self._articles = {a.id: a for a in self.articles}
        self._starts: dict[str, list[int]] = {}
        for i, u in enumerate(self.units):
            self.by_article.setdefault(u.article, []).append(i)

    def origins_of(self, article_ids: list[str]) -> set[str]:
        return {self.origin_of.get(a, a) for a in article_ids}

    def pages_of(self, article_ids: list[str]) -> set[str]:
        """Distinct pages among these articles: near-duplicate copies and one outlet's
        reports count once (agency rewrites stay apart, unlike ``origins_of``)."""
        return {self.page_of.get(a, a) for a in article_ids}

    def cross_lingual(self, i: int, j: int) -> bool:
        """Whether units ``i`` and ``j`` come from articles in different languages
        (a translation's sentences sit a little further from the original's)."""
        a, b = self.article(self.units[i].article), self.article(self.units[j].article)
        return bool(a.language and b.language and a.language != b.language)

    def unit_at(self, article: str, offset: int) -> int | None:
        """Index of the unit of ``article`` that contains ``offset`` (a bisection over
        the article's units, which are in text order)."""
        units = self.by_article.get(article, [])
        if article not in self._starts:
            self._starts[article] = [self.units[i].start for i in units]
        k = bisect.bisect_right(self._starts[article], offset) - 1
        if k >= 0 and offset < self.units[units[k]].end:
            return units[k]
        return None


def sentence_units(article: Article) -> list[Unit]:
    """The article's sentences (from its analysis, else split on line breaks)."""
    text = article.text
    spans: list[tuple[int, int]]
    foreign = bool(article.language) and article.language != "en"
    if foreign:
        # The parser is English; on other languages it cuts sentences at odd places
        # ("Hafen-\nund ..."), which would spoil alignment with a translation.
        spans = punctuation_sentences(text)
    elif article.annotations and article.annotations.sentences:
        spans = [(s.start, s.end) for s in article.annotations.sentences]
    else:
        spans, pos = [], 0
        for line in text.split("\n"):
            if line.strip():
                spans.append((pos, pos + len(line)))
            pos += len(line) + 1
    units: list[Unit] = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        chunk = text[start:end]
        if len(chunk.split()) < MIN_UNIT_WORDS:
            continue
        units.append(Unit(article.id, start, end, chunk[:MAX_UNIT_CHARS], len(units)))
    return units


SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“„«(]?[A-ZÀ-ÖØ-Þ0-9])|\n\s*\n")


ABBREVIATION = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Nr|Jr|Sr|Mme|Hr|Fr|No|vs|bzw)|"
                          r"(?<![\w.])[A-Z])\.$")


def punctuation_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans from punctuation and paragraph breaks (any Latin-script language)."""
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    merged: list[tuple[int, int]] = []
    for span in spans:  # "Dr. Müller", "J. Smith": an abbreviation does not end a sentence
        if merged and ABBREVIATION.search(text[merged[-1][0]:merged[-1][1]]) \
                and "\n\n" not in text[merged[-1][1]:span[0]]:
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


EMBED_CHUNK = 128  # sentences per embedder call: small enough for a progress bar to move


def lookup_vectors(items: list[tuple[str, str]], embedder, stored: dict[str, SentenceVectors]) -> np.ndarray:  # noqa: ANN001
    """Vectors (rows, float32) of (article id, text) pairs: read from the article's stored
    vectors when it has one for that text, else embedded, each distinct text once; the
    embedder is not called at all when everything is stored."""
    rows: list[np.ndarray | None] = []
    for article_id, text in items:
        known = stored.get(article_id)
        rows.append(known.get(text) if known is not None else None)
    todo = list(dict.fromkeys(t for (_, t), r in zip(items, rows, strict=True) if r is None))
    fresh = dict(zip(todo, np.asarray(embedder.encode(todo), dtype=np.float32), strict=True)) if todo else {}
    if not items:
        return np.zeros((0, getattr(embedder, "dim", 384)), dtype=np.float32)
    return np.stack([r if r is not None else fresh[t] for (_, t), r in zip(items, rows, strict=True)])


def build_corpus(articles: list[Article], embedder, stored: dict[str, SentenceVectors] | None = None,  # noqa: ANN001
                 progress: Callable[[int, int], None] | None = None) -> Corpus:
    """Sentence units of every article and their vectors (rows of ``vectors``): ``stored``
    ones reused, the rest embedded in chunks; ``progress(done, total)`` is called after
    each chunk of sentences."""
    units = [u for a in articles for u in sentence_units(a)]
    stored = stored or {}
    items = [(u.article, u.text) for u in units]
    if not items:
        return Corpus(articles, units, np.zeros((0, getattr(embedder, "dim", 384)), dtype=np.float32), stored=stored)
    chunks = []
    for start in range(0, len(items), EMBED_CHUNK):
        chunks.append(lookup_vectors(items[start:start + EMBED_CHUNK], embedder, stored))
        if progress:
            progress(min(start + EMBED_CHUNK, len(items)), len(items))
    return Corpus(articles, units, np.concatenate(chunks), stored=stored)


class CandidateIndex:
    """Approximate nearest neighbours over the unit vectors (faiss HNSW, inner product
    on L2-normalised vectors = cosine): each unit is compared only with its ``k``
    nearest neighbours, so the cost grows as n log n, not n²."""

    def __init__(self, vectors: np.ndarray, k: int = 24, m: int = 32) -> None:
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.k = k
        self._neighbours: tuple[np.ndarray, np.ndarray] | None = None
        self.m = m

    def neighbours(self) -> tuple[np.ndarray, np.ndarray]:
        """(similarities, indices), shape (n, k+1), each row its nearest units first.

        The graph is built over the distinct vectors only (a sentence repeated by every
        copy of a wire story is one point, not one per copy); each row's list is then
        its own copies first, then the rows of the nearest distinct vectors, cut at k+1."""
        if self._neighbours is None:
            n = self.vectors.shape[0]
            if n == 0:
                self._neighbours = (np.zeros((0, 0), np.float32), np.zeros((0, 0), np.int64))
            else:
                distinct, of_row = np.unique(self.vectors, axis=0, return_inverse=True)
                of_row = of_row.reshape(-1)
                rows_of: list[list[int]] = [[] for _ in range(len(distinct))]
                for row, d in enumerate(of_row):
                    rows_of[d].append(row)
                d_sims, d_idx = self._search(distinct, min(len(distinct), self.k + 1))
                self_sims = np.einsum("ij,ij->i", distinct, distinct)
                self._neighbours = self._expand(of_row, rows_of, self_sims, d_sims, d_idx, min(n, self.k + 1))
        return self._neighbours

    def _search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        import faiss

        index = faiss.IndexHNSWFlat(vectors.shape[1], self.m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = max(64, 2 * self.k)
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return index.search(np.ascontiguousarray(vectors, dtype=np.float32), k)

    @staticmethod
    def _expand(of_row: np.ndarray, rows_of: list[list[int]], self_sims: np.ndarray, d_sims: np.ndarray,
                d_idx: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
        sims = np.full((len(of_row), width), -1.0, np.float32)
        idx = np.full((len(of_row), width), -1, np.int64)
        for row, d in enumerate(of_row):
            got = 0
            near = [(self_sims[d], d)] + [(s, e) for s, e in zip(d_sims[d], d_idx[d], strict=True)
                                          if e >= 0 and e != d]
            for s, e in near:
                for other in rows_of[e]:  # the row itself and its copies first
                    if got == width:
                        break
                    sims[row, got], idx[row, got] = s, other
                    got += 1
                if got == width:
                    break
        return sims, idx

    def similar(self, threshold: float, same_group: list[str] | None = None) -> list[tuple[int, int, float]]:
        """Pairs (i < j) among each other's nearest neighbours with cosine >= ``threshold``;
        with ``same_group`` (a label per row) pairs of one label are left out."""
        sims, idx = self.neighbours()
        out: dict[tuple[int, int], float] = {}
        for i in range(idx.shape[0]):
            for s, j in zip(sims[i], idx[i], strict=True):
                if j < 0 or j == i or s < threshold:
                    continue
                if same_group is not None and same_group[i] == same_group[j]:
                    continue
                out[(i, int(j)) if i < j else (int(j), i)] = float(s)
        return [(i, j, s) for (i, j), s in sorted(out.items())]


class UnionFind:
    def __init__(self, items: list[str]) -> None:
        self.parent = {x: x for x in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return out
