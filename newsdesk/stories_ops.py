"""Stories as the CLI, the API and the web pages show them, and a person's edits.

>>> story_record(Story(3, "Harbour fire [ab12cd34]", ["ab12cd34ef"], label="Harbour fire"))["articles"]
['ab12cd34ef']
"""

from __future__ import annotations

from typing import Any

from newsdesk.errors import NotFoundError
from newsdesk.store import Store, Story


def story_record(story: Story) -> dict[str, Any]:
    """A story as JSON: ``id``, ``label``, ``name``, ``articles`` (ids), ``size``,
    ``origins`` (independent origins in its last dossier, None before one),
    ``first``/``last`` (publication times, ISO), ``updated``, ``edited`` (a person made
    or changed it), ``dossier_stale``."""
    def iso(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    return {"id": story.id, "label": story.label or story.name, "name": story.name,
            "articles": list(story.article_ids), "size": len(story.article_ids), "origins": story.origins,
            "first": iso(story.first), "last": iso(story.last), "updated": iso(story.updated),
            "edited": story.edited, "dossier_stale": story.dossier_stale}


def find(store: Store, ref: str | int) -> Story:
    """The story with this id, or else this exact name. Raises NotFoundError."""
    text = str(ref).strip()
    if text.isdigit():
        try:
            return store.get_story(int(text))
        except NotFoundError:
            pass
    found = store.find_story(text)
    if found is None:
        raise NotFoundError(f"no story {text!r} (give a story id or its exact name; `newsdesk stories` lists them)")
    return found


def merge(store: Store, target: str | int, other: str | int) -> Story:
    """Merge story ``other`` into ``target`` (ids or names); returns ``target``."""
    return store.merge_stories(find(store, target).id, find(store, other).id)


def split(store: Store, story: str | int, article_ids: list[str]) -> Story:
    """Split these articles off the story into a new one, returned."""
    return store.split_story(find(store, story).id, article_ids)


def move(store: Store, article_id: str, story: str | int) -> Story:
    """Move one article into the story; returns that story."""
    return store.move_article(article_id, find(store, story).id)
