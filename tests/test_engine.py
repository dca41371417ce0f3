"""The local engine: worker processes lose no article and agree with one process;
an over-long report is cut at max_analysis_chars with a note."""

from __future__ import annotations

from newsdesk.engine import Analyser, analyse_here
from newsdesk.model import Article, article_id
from newsdesk.settings import Settings

TOWNS = ["Brevik", "Castavia", "Norland", "Ostrava Bay", "Kelmar", "Dunholt", "Varnby"]


def report(k: int) -> Article:
    town = TOWNS[k % len(TOWNS)]
    text = (f"The council of {town} voted on Tuesday to rebuild the harbour wall after the storm of "
            f"March {k + 3}.\n\n\"We cannot wait another winter,\" said mayor Anja Roslund of {town}. "
            f"The work will cost {k + 2} million crowns and take {k % 4 + 1} years, the council said.\n\n"
            f"Fishermen in {town} said {k * 10 + 40} boats were damaged.")
    return Article(article_id(text), f"report-{k}.txt", text)


def test_two_workers_lose_no_article_and_agree_with_one() -> None:
    articles = [report(k) for k in range(10)]
    with Analyser(Settings(workers=1), embed=False) as one:
        serial = one.run(articles)
    with Analyser(Settings(workers=2), embed=True) as two:
        parallel = two.run(articles)
    assert len(parallel) == len(articles)
    assert all(r.error is None and r.annotations is not None for r in parallel)
    assert all(r.vectors is not None and r.vectors.keys for r in parallel)
    for a, b in zip(serial, parallel, strict=True):
        assert [(q.start, q.end, q.speaker) for q in a.annotations.quotes] == \
               [(q.start, q.end, q.speaker) for q in b.annotations.quotes]
        assert a.annotations.sentences == b.annotations.sentences


def test_an_empty_batch_and_a_single_article() -> None:
    with Analyser(Settings(workers=2), embed=False) as two:
        assert two.run([]) == []
        [only] = two.run([report(1)])
    assert only.annotations is not None and only.annotations.note is None


def test_long_report_is_cut_with_a_note() -> None:
    long = report(2)
    text = "\n\n".join(report(k).text for k in range(40))
    long = Article(article_id(text), "long.txt", text)
    [done] = analyse_here([long], Settings(max_analysis_chars=3000), embed=False)
    ann = done.annotations
    assert ann is not None and ann.note and "max_analysis_chars" in ann.note
    assert f"{len(text):,}" in ann.note
    assert max(s.end for s in ann.sentences) <= 3000
    assert all(q.end <= 3000 for q in ann.quotes)
