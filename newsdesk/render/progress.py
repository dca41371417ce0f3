"""Progress on the terminal (rich): one bar for reading and analysing reports, one for
building the dossier, whose label names the synthesis stage running (embedding,
alignment, …) and whose count is sentences while embedding, stages after.

>>> with TerminalProgress(Console(), enabled=False) as bars:   # doctest: +SKIP
...     bars.reports(3, 10); bars.stage("embedding", 40, 400)
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from newsdesk.crossdoc import STAGES


class TerminalProgress:
    """Context manager over a rich ``Progress``; a no-op when ``enabled`` is False."""

    def __init__(self, console: Console, enabled: bool = True) -> None:
        self._bar = Progress(SpinnerColumn(), TextColumn("{task.description:<34}"), BarColumn(),
                             MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                             transient=True, disable=not enabled)
        self._reports: TaskID | None = None
        self._synthesis: TaskID | None = None

    def __enter__(self) -> TerminalProgress:
        self._bar.__enter__()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._bar.__exit__(kind, exc, tb)

    def reports(self, done: int, total: int | None, label: str = "reading and analysing reports") -> None:
        """Reports processed so far, of ``total`` (None while unknown)."""
        if self._reports is None:
            self._reports = self._bar.add_task(label, total=total)
        self._bar.update(self._reports, completed=done, total=total)

    def stage(self, stage: str, done: int, total: int) -> None:
        """A synthesis stage's progress (``crossdoc.STAGES``): sentences while embedding,
        otherwise the stage's position among the stages."""
        if self._synthesis is None:
            self._synthesis = self._bar.add_task("dossier", total=None)
        if stage == "embedding":
            self._bar.update(self._synthesis, description="dossier: embedding sentences",
                             completed=done, total=total)
        else:
            position = STAGES.index(stage) if stage in STAGES else 0
            self._bar.update(self._synthesis, description=f"dossier: {stage}",
                             completed=position + done, total=len(STAGES))
