"""The terminal progress display: reports with a total, then the synthesis stages."""

from __future__ import annotations

import io

from rich.console import Console

from newsdesk.render.progress import TerminalProgress


def test_bars_show_reports_then_each_stage_with_counts() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=120, color_system=None)
    with TerminalProgress(console) as bars:
        bars.reports(3, 12)
        bars.stage("embedding", 64, 256)
        shown = bars._bar.tasks
        assert (shown[0].completed, shown[0].total) == (3, 12)
        assert (shown[1].description, shown[1].completed, shown[1].total) == ("dossier: embedding sentences", 64, 256)
        bars.stage("alignment", 0, 1)
        assert (shown[1].description, shown[1].completed, shown[1].total) == ("dossier: alignment", 3, 8)
        bars.stage("summary", 1, 1)
        assert shown[1].completed == shown[1].total == 8
        console.file.flush()
    assert "embedding" in buffer.getvalue() or "dossier" in buffer.getvalue()


def test_disabled_bars_print_nothing() -> None:
    buffer = io.StringIO()
    with TerminalProgress(Console(file=buffer), enabled=False) as bars:
        bars.reports(1, None)
        bars.stage("origins", 0, 1)
    assert buffer.getvalue() == ""
