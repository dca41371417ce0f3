"""An index of full person names by their "all tokens but one" keys.

``names.same_person`` accepts two names of the same length that differ in at most one
token, so two names it accepts share at least one key (length, position, the other
tokens). Looking names up by those keys finds every possible match without comparing
each new name with every person of the story, which made merging quadratic.

>>> index = NameIndex()
>>> index.add(["moon", "jae", "in"], 0)
>>> index.add(["anna", "berg"], 1)
>>> index.candidates(["moon", "jae", "inn"])
[0]
>>> index.candidates(["carl", "lind"])
[]
"""

from __future__ import annotations

from collections import defaultdict


def _keys(tokens: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    return [(len(tokens), i, tuple(tokens[:i] + tokens[i + 1:])) for i in range(len(tokens))]


class NameIndex:
    """Token lists of full names, each with the number of the group it belongs to."""

    def __init__(self) -> None:
        self._groups: dict[tuple[int, int, tuple[str, ...]], set[int]] = defaultdict(set)

    def add(self, tokens: list[str], group: int) -> None:
        for key in _keys(tokens):
            self._groups[key].add(group)

    def candidates(self, tokens: list[str]) -> list[int]:
        """Groups holding a name that may be a variant of ``tokens``, in group order."""
        found: set[int] = set()
        for key in _keys(tokens):
            found |= self._groups.get(key, set())
        return sorted(found)
