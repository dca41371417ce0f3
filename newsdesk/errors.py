"""The small, named error hierarchy of newsdesk.

Every error the CLI or API reports to a user is a ``NewsdeskError``; the CLI turns it
into one line and an exit code, the API into a JSON error body.
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base class of every error newsdesk raises on purpose."""


class InputError(NewsdeskError):
    """One input (file, URL, record) could not be read or made into an article.

    >>> str(InputError("a.html", "empty file"))
    'a.html: empty file'
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class FetchError(InputError):
    """A URL could not be fetched (unreachable, slow, too large, bad status)."""


class StoreError(NewsdeskError):
    """The store could not be opened, migrated, read or written."""


class NotFoundError(NewsdeskError):
    """An article, story or dossier asked for does not exist."""


class AnalysisError(NewsdeskError):
    """The analysis pipeline failed on one article."""


class EditError(NewsdeskError):
    """A person's edit to stories that cannot be done (merge a story with itself, split
    off every article, move an article into the story that holds it)."""
