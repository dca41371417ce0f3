"""``newsdesk show`` output: report text can never drive the terminal (issue 11, item 14)."""

from __future__ import annotations

import io

from rich.console import Console

from newsdesk.model import Article, RemovedSpan
from newsdesk.render.terminal import print_article, safe


def test_safe_shows_controls_and_keeps_text_and_markup_inert() -> None:
    assert safe("Mayor Ilse Brandt\x1b[2J said [bold]no[/bold]\r\n") == \
        "Mayor Ilse Brandt\\x1b[2J said \\[bold]no\\[/bold]\\x0d\n"
    assert safe("Zürich\tpier\n") == "Zürich\tpier\n"
    assert safe("one-byte CSI \x9b31m") == "one-byte CSI \\x9b31m"


def test_print_article_writes_no_control_character() -> None:
    article = Article(
        id="0123456789abcdef", source="desk/\x1b]0;title\x07pier.txt",
        text="The north pier of Tessel \x1b[31mreopened\x1b[0m on Friday, harbour chair Anneke Vos said.",
        title="Pier \x9b5m reopens", outlet="Tessel Courier\x08\x08\x08\x08",
        authors=["Joost \x1b[8mMeeuw"], removed=[RemovedSpan("footer\x1b[1m", "Read more \x1b[5m here")])
    buf = io.StringIO()
    print_article(Console(file=buf, width=200, force_terminal=False), article)
    shown = buf.getvalue()
    assert "reopened" in shown and "Anneke Vos" in shown
    assert not any(ch in shown for ch in ("\x1b", "\x07", "\x08", "\x9b")), repr(shown)
