from newsdesk.render import render_markdown


def test_markdown_cites_every_summary_sentence(dossier):
    md = render_markdown(dossier)
    summary = md.split("## Summary", 1)[1].split("##", 1)[0]
    bullets = [line for line in summary.splitlines() if line.startswith("- ")]
    assert bullets and all("[A1]" in b or "[A2]" in b for b in bullets)
    assert "What differs between sources" in md


def test_markdown_lists_discrepancy_variants_with_articles(dossier):
    md = render_markdown(dossier)
    assert "length of the meeting" in md
    assert "PT2H: a two-hour meeting [A1]" in md
    assert "PT3H: talks that lasted three hours [A2]" in md


def test_markdown_escapes_markup_from_reports(dossier):
    md = render_markdown(dossier)
    assert "<b>Doubts</b>" not in md
    assert "\\<b\\>Doubts\\</b\\>" in md
