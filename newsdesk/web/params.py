"""Validated request parameters shared by the API and the pages: ids and offsets in the
range both store back ends hold (PostgreSQL ``integer``), text without NUL characters or
lone surrogates (which PostgreSQL cannot store). A value outside gets 422 with the
documented JSON error, never a server error.

>>> clean_text("harbour")
'harbour'
>>> clean_text("a\\x00b")
Traceback (most recent call last):
...
ValueError: must not contain NUL characters
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator, Field

MAX_ID = 2**31 - 1          # PostgreSQL integer; story ids and offsets stay within it


def clean_text(value: str) -> str:
    """``value`` unchanged, or ValueError for a NUL character or a lone surrogate."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("must be valid Unicode (no lone surrogates)") from exc
    return value


CleanStr = Annotated[str, AfterValidator(clean_text)]
Identifier = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(clean_text)]

StoryId = Annotated[int, Path(ge=1, le=MAX_ID, description="A story id (1 to 2147483647).")]
ArticleId = Annotated[str, Path(min_length=1, max_length=200, description="An article id or unique prefix."),
                      AfterValidator(clean_text)]
JobId = Annotated[str, Path(min_length=1, max_length=64), AfterValidator(clean_text)]
Offset = Annotated[int, Query(ge=0, le=MAX_ID, description="Rows to skip (0 to 2147483647).")]
SearchQuery = Annotated[str, Query(min_length=1, max_length=500), AfterValidator(clean_text)]
SearchBox = Annotated[str, Query(max_length=500), AfterValidator(clean_text)]
