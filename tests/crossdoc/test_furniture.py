"""Page furniture the cleaner missed never becomes a claim: the sentence-level signs
and the cross-origin echo, on invented page text."""

from __future__ import annotations

import numpy as np
import pytest

from newsdesk.crossdoc.corpus import Corpus, Unit
from newsdesk.crossdoc.furniture import furniture_units, is_furniture, signs
from newsdesk.model import Article


@pytest.mark.parametrize("text", [
    "Copyright 2019 Northfield Media Group. All rights reserved.",
    "This material may not be published, broadcast, rewritten or redistributed.",
    "Read or Share this story: https://www.example-courier.com/story/news/2019/04/17/fire/123/",
    "When you tweet with a location, the service stores that location.",
    "CLOSE Skip in Skip x Embed x Share",
    "(Published Friday, June 10, 2016)",
    "Posted: Wednesday, April 8, 2015 4:09 AM EDT Updated: Wednesday, April 8, 2015 4:09 AM EDT",
    "Anyone with information is asked to call the tip line at (555) 014-2323.",
    "Call Crime Watchers at 555-TIPS.",
    "Watch the video above and share your thoughts.",
])
def test_page_text_is_furniture(text: str) -> None:
    assert is_furniture(text), signs(text)


@pytest.mark.parametrize("text", [
    "Police said two men were arrested on Friday after the shooting on Elm Street.",
    "A 17-year-old boy died and three other people were injured, the chief said.",
    "He died Friday.",
    "\"If you see something, say something,\" Chief Dana Rourke told reporters.",
    "The council voted 7-2 on Tuesday to approve the new budget.",
    "You can't keep closing schools, the mayor said at the meeting.",
])
def test_news_sentences_are_not_furniture(text: str) -> None:
    assert not is_furniture(text), signs(text)


def _corpus(texts_by_article: dict[str, list[str]]) -> Corpus:
    articles, units = [], []
    for aid, sentences in texts_by_article.items():
        text = " ".join(sentences)
        articles.append(Article(aid, f"{aid}.txt", text))
        pos = 0
        for k, s in enumerate(sentences):
            units.append(Unit(aid, pos, pos + len(s), s, k))
            pos += len(s) + 1
    corpus = Corpus(articles, units, np.zeros((len(units), 4), dtype=np.float32))
    corpus.origin_of.update({aid: f"o-{aid}" for aid in texts_by_article})
    return corpus


def test_a_sentence_echoed_across_origins_without_story_words_is_furniture() -> None:
    banner = "Stay informed with the stories that matter most to our community every morning."
    corpus = _corpus({
        "a": ["A warehouse fire destroyed three buildings in Millbrook on Sunday.", banner],
        "b": ["Firefighters fought the warehouse fire in Millbrook for six hours.", banner],
        "c": ["Three buildings burned in the Millbrook warehouse fire, officials said."],
    })
    marked = furniture_units(corpus)
    assert {corpus.units[i].text for i in marked} == {banner}


def test_a_fact_repeated_verbatim_across_origins_stays() -> None:
    shared = "The warehouse fire in Millbrook destroyed three buildings."
    corpus = _corpus({
        "a": [shared, "Firefighters from Millbrook fought the fire for six hours."],
        "b": [shared, "The fire started in a storage room of the warehouse, officials said."],
    })
    assert not furniture_units(corpus)


def test_one_page_copied_twice_is_not_an_echo_across_origins() -> None:
    line = "Stay informed with the stories that matter most to our community every morning."
    corpus = _corpus({"a": ["A fire burned in Millbrook on Sunday night.", line],
                      "b": ["A fire burned in Millbrook on Sunday night.", line]})
    corpus.origin_of.update({"a": "o1", "b": "o1"})
    assert not furniture_units(corpus)


def test_a_byline_with_a_stamp_is_furniture() -> None:
    assert is_furniture("Dana Roe reports (Published Monday, Oct. 31, 2016)")
    assert not is_furniture("The study, published Monday in a medical journal, followed 3,000 patients for a year.")
