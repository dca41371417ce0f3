"""Origins: one outlet counts once, web-archive copies are read through."""

from __future__ import annotations

from newsdesk.crossdoc.origins import outlet_key
from newsdesk.model import Article


def test_outlet_key_reads_through_web_archive_addresses() -> None:
    a = Article("a", "s", "t", url="http://web.archive.org/web/20160101000000/http://www.kxyz-news.com:80/story/1")
    b = Article("b", "s", "t", url="https://www.kxyz-news.com/story/2")
    assert outlet_key(a) == outlet_key(b) == "kxyz-news.com"


def test_outlet_key_falls_back_to_the_outlet_name() -> None:
    assert outlet_key(Article("a", "s", "t", outlet="The  Brevik Post")) == "the brevik post"
    assert outlet_key(Article("a", "s", "t")) is None
