"""PLACEHOLDER: replaced by the real component (owner: the events work)."""

from spacy.language import Language
from spacy.tokens import Doc


class EventCoder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.nd_events = []
        return doc
