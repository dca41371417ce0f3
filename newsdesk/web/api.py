"""REST API under /api (OpenAPI document at /openapi.json)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from newsdesk import __version__
from newsdesk.model import to_dict
from newsdesk.stories_ops import story_record
from newsdesk.web.intake import request_body_schema, start_ingest_job
from newsdesk.web.params import MAX_ID, ArticleId, CleanStr, Identifier, JobId, Offset, SearchQuery, StoryId
from newsdesk.web.state import require_token, state

router = APIRouter(prefix="/api", tags=["api"])


class StoryIn(BaseModel):
    name: CleanStr = Field(min_length=1, max_length=200)
    article_ids: list[Identifier] = Field(default_factory=list, max_length=10_000)


class ArticleIds(BaseModel):
    article_ids: list[Identifier] = Field(min_length=1, max_length=10_000)


class StoryRef(BaseModel):
    story_id: int = Field(ge=1, le=MAX_ID)


def _story(story: Any) -> dict[str, Any]:
    """A story as the API gives it: its stored fields plus ``stories_ops.story_record``."""
    return {**to_dict(story), **story_record(story)}


@router.post("/reports", status_code=202, dependencies=[Depends(require_token)],
             summary="Add reports (multipart files / text / urls, or JSON); returns a job",
             openapi_extra={"requestBody": request_body_schema()})
async def add_reports(request: Request) -> dict[str, Any]:
    return await start_ingest_job(request)


@router.get("/jobs/{job_id}")
def get_job(job_id: JobId, request: Request) -> dict[str, Any]:
    return to_dict(state(request).store.get_job(job_id))


@router.get("/articles")
def list_articles(request: Request, limit: int = Query(50, ge=1, le=500),
                  offset: Offset = 0) -> dict[str, Any]:
    store = state(request).store
    return {"total": store.count_articles(), "limit": limit, "offset": offset,
            "articles": to_dict(store.list_articles(limit=limit, offset=offset))}


@router.get("/articles/{article_id}")
def get_article(article_id: ArticleId, request: Request) -> dict[str, Any]:
    return to_dict(state(request).store.get_article(article_id))


@router.post("/stories", status_code=201, dependencies=[Depends(require_token)])
def create_story(body: StoryIn, request: Request) -> dict[str, Any]:
    store = state(request).store
    ids = [store.get_article(i).id for i in body.article_ids]
    return _story(store.create_story(body.name.strip(), ids))


@router.get("/stories")
def list_stories(request: Request) -> dict[str, Any]:
    return {"stories": [_story(s) for s in state(request).store.list_stories()]}


@router.get("/stories/{story_id}")
def get_story(story_id: StoryId, request: Request) -> dict[str, Any]:
    return _story(state(request).store.get_story(story_id))


@router.post("/stories/{story_id}/merge", dependencies=[Depends(require_token)],
             summary="Merge another story into this one (the other is removed); a person's edit")
def merge_stories(story_id: StoryId, body: StoryRef, request: Request) -> dict[str, Any]:
    story = state(request).store.merge_stories(story_id, body.story_id)
    state(request).forget(story_id)
    state(request).forget(body.story_id)
    return _story(story)


@router.post("/stories/{story_id}/split", status_code=201, dependencies=[Depends(require_token)],
             summary="Split these articles off the story into a new story (returned)")
def split_story(story_id: StoryId, body: ArticleIds, request: Request) -> dict[str, Any]:
    story = state(request).store.split_story(story_id, body.article_ids)
    state(request).forget(story_id)
    return _story(story)


@router.post("/articles/{article_id}/move", dependencies=[Depends(require_token)],
             summary="Move the article into a story, out of the one holding it")
def move_article(article_id: ArticleId, body: StoryRef, request: Request) -> dict[str, Any]:
    st = state(request)
    before = st.store.placements().get(st.store.get_article(article_id).id)
    story = st.store.move_article(article_id, body.story_id)
    for sid in (before, body.story_id):
        if sid is not None:
            st.forget(sid)
    return _story(story)


@router.post("/stories/{story_id}/articles", dependencies=[Depends(require_token)])
def add_story_articles(story_id: StoryId, body: ArticleIds, request: Request) -> dict[str, Any]:
    store = state(request).store
    ids = [store.get_article(i).id for i in body.article_ids]
    story = store.add_to_story(story_id, ids)
    state(request).forget(story_id)
    return _story(story)


@router.delete("/stories/{story_id}/articles", dependencies=[Depends(require_token)])
def remove_story_articles(story_id: StoryId, body: ArticleIds, request: Request) -> dict[str, Any]:
    story = state(request).store.remove_from_story(story_id, body.article_ids)
    state(request).forget(story_id)
    return _story(story)


@router.get("/stories/{story_id}/dossier", summary="The story's dossier (newsdesk.dossier/1)")
def get_dossier(story_id: StoryId, request: Request) -> Response:
    served = state(request).dossier_json(story_id)
    if served is None:
        raise HTTPException(409, "the story has no articles yet")
    body, etag = served
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(body, media_type="application/json", headers={"ETag": etag})


@router.get("/stories/{story_id}/export/{table}",
            summary="One table of the story's dossier (claims, quotes, entities, events, timeline) as CSV, JSONL or Parquet")
def export_table(story_id: StoryId, table: str, request: Request,
                 format: str = Query("csv", pattern="^(csv|jsonl|parquet)$")) -> Response:  # noqa: A002
    from newsdesk import service
    from newsdesk.render.export import MEDIA_TYPES, TABLES, export_bytes

    if table not in TABLES:
        raise HTTPException(404, f"no table {table!r}: choose from {', '.join(TABLES)}")
    st = state(request)
    if not st.store.get_story(story_id).article_ids:
        raise HTTPException(409, "the story has no articles yet")
    body = export_bytes(service.dossier_record(st.dossier(story_id)), table, format)
    name = f"story-{story_id}-{table}.{format}"
    return Response(body, media_type=MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/search")
def search(request: Request, q: SearchQuery,
           limit: int = Query(20, ge=1, le=100)) -> dict[str, Any]:
    return {"query": q, "hits": to_dict(state(request).search(q, limit))}


@router.get("/health")
def health(request: Request) -> dict[str, Any]:
    store = state(request).store
    return {"status": "ok", "version": __version__, "articles": store.count_articles(),
            "store": store.url.split("://", 1)[0]}
