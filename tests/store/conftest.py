from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest

from newsdesk.model import (
    AgencyEvidence,
    Annotations,
    Article,
    ArticleEntity,
    Mention,
    Quote,
    RemovedSpan,
    Sentence,
    Timex,
    article_id,
)
from newsdesk.store import Store, open_store
from tests.pg import pg_schema_url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path) -> Iterator[Store]:
    if request.param == "sqlite":
        st = open_store(f"sqlite:///{tmp_path / 'store.db'}")
        yield st
        st.close()
    else:
        with pg_schema_url() as url:
            st = open_store(url)
            yield st
            st.close()


def make_article(text: str, source: str, published: datetime | None = None, analysed: bool = True,
                 title: str = "Harbour accord signed") -> Article:
    ann = None
    if analysed:
        name = "Elsa Marwick"
        start = text.find(name)
        ann = Annotations(
            entities=[ArticleEntity("e1", name, "PERSON", [name], [Mention(start, start + len(name), name)])]
            if start >= 0 else [],
            quotes=[Quote("q1", "This is a historic day", 1, 23, True, speaker=name, speaker_entity="e1")],
            timexes=[Timex(0, 7, "Tuesday", "DATE", "2025-03-18", "day", anchor="2025-03-18")],
            sentences=[Sentence(0, len(text))])
    return Article(
        id=article_id(text), source=source, text=text, title=title, outlet="The Norland Daily",
        url="https://norland-daily.example/a", published=published, authors=["Marta Kovalenko"],
        agencies=[AgencyEvidence("AFP", "dateline", "BREVIK (AFP) -", 0.9, 0, 14)], language="en",
        language_score=0.99, removed=[RemovedSpan("counter", "Views: 14", 10, 19)], annotations=ann)


CET = timezone(timedelta(hours=1))
