"""A doc's text, built once.

spaCy's ``Doc.text`` joins every token's text on each read, so a component that reads
it once per entity, quote or date does O(n) work per read and O(n²) per document
(a 200 KB report took minutes). The text of a doc never changes once it is made, so
it is kept in ``doc.user_data`` on first read.

>>> import spacy
>>> doc = spacy.blank("en")("Harbour talks resumed on Tuesday.")
>>> doc_text(doc) == doc.text and doc_text(doc) is doc_text(doc)
True
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

_KEY = "newsdesk.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed on the first call and cached on the doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def keep_text(doc: Doc, text: str) -> None:
    """Record ``text`` as ``doc``'s text when the caller made ``doc`` from it (spaCy's
    tokenizer keeps every character, so ``doc.text == text``): saves the first join."""
    doc.user_data[_KEY] = text


def span_text(span: Span) -> str:
    """``span.text`` sliced from the cached doc text (``Span.text`` joins its tokens on
    each read).

    >>> import spacy
    >>> doc = spacy.blank("en")("Talks resumed. The ferry  sailed at dawn. ")
    >>> span_text(doc[3:7]) == doc[3:7].text
    True
    """
    return doc_text(span.doc)[span.start_char:span.end_char]
