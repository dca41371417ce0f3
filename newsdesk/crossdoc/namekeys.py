"""Candidate indexes over entity names, so that cross-article merging compares a name only
with the few names that could match it (linear in the number of names, no all-pairs scan).

Keys are folded name tokens (``names.person_tokens`` / ``names.fold``):

* ``person_keys``: a full name of n tokens is filed under (n, i, the other tokens, a
  ``token_keys`` key of token i) for each position i; two names that ``same_person``
  accepts (same length, at most one token differing, in spelling) share one of these
  keys unless that token's spelling differs at both ends.
* ``token_keys``: a token is filed under its first two and its last three letters; two
  tokens that are spellings of one another (``token_close``) share one of these keys
  unless the spelling differs at both ends (a case the index gives up on).
* ``surname_keys``: the surname and the given name of a full name (suffix dropped) with
  their ``token_keys``, and the name written without spaces; every pair that
  ``compatible`` accepts shares one, bar spellings that differ at both ends.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

from newsdesk.analyze.names import SUFFIXES

T = TypeVar("T")


def person_keys(tokens: list[str]) -> list[tuple]:
    """Keys of a full name for ``same_person`` look-ups: per position, the other tokens
    with the ``token_keys`` of the one at that position. Two names of one length that
    differ in at most one token, spelled alike at one of its ends, share a key.

    >>> person_keys(["moon", "jae", "in"])[:2]
    [(3, 0, ('jae', 'in'), 'pre', 'mo'), (3, 0, ('jae', 'in'), 'suf', 'oon')]
    """
    n = len(tokens)
    return [(n, i, tuple(tokens[:i] + tokens[i + 1:]), *k) for i in range(n) for k in token_keys(tokens[i])]


def token_keys(token: str) -> list[tuple]:
    """Keys of one name token for ``token_close`` look-ups.

    >>> token_keys("vladimir")
    [('pre', 'vl'), ('suf', 'mir')]
    """
    if not token:
        return []
    return [("pre", token[:2]), ("suf", token[-3:])]


def surname_keys(tokens: list[str]) -> list[tuple]:
    """Keys of a name for ``compatible`` look-ups: its core's last and first tokens
    (exact and by ``token_keys``) and the whole name without spaces."""
    core = tokens[:-1] if len(tokens) > 1 and tokens[-1] in SUFFIXES else tokens
    if not core:
        return []
    keys: list[tuple] = [("last", core[-1]), ("first", core[0]), ("joined", "".join(core))]
    keys += [("last",) + k for k in token_keys(core[-1])]
    return keys


class KeyIndex(Generic[T]):
    """Items filed under hashable keys; ``candidates`` returns the items sharing a key
    with the keys asked for, each once, in the order they were added.

    >>> ix = KeyIndex()
    >>> ix.add("a", [("x", 1)]); ix.add("b", [("x", 1), ("y", 2)]); ix.add("c", [("z", 3)])
    >>> ix.candidates([("x", 1), ("y", 2)])
    ['a', 'b']
    """

    def __init__(self) -> None:
        self._by_key: dict[Hashable, list[T]] = defaultdict(list)
        self._order: dict[int, int] = {}

    def add(self, item: T, keys: Iterable[Hashable]) -> None:
        self._order.setdefault(id(item), len(self._order))
        for key in dict.fromkeys(keys):
            bucket = self._by_key[key]
            if not bucket or bucket[-1] is not item:
                bucket.append(item)

    def candidates(self, keys: Iterable[Hashable]) -> list[T]:
        seen: dict[int, T] = {}
        for key in dict.fromkeys(keys):
            for item in self._by_key.get(key, ()):
                seen.setdefault(id(item), item)
        return sorted(seen.values(), key=lambda it: self._order[id(it)])
