"""REST API under /api (OpenAPI document at /openapi.json)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from newsdesk import __version__
from newsdesk.model import Report, to_dict
from newsdesk.web.app import AppState, require_token, state
from newsdesk.web.uploads import reports_from_paste, reports_from_uploads

router = APIRouter(prefix="/api", tags=["api"])


class StoryIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    article_ids: list[str] = Field(default_factory=list, max_length=10_000)


class ArticleIds(BaseModel):
    article_ids: list[str] = Field(min_length=1, max_length=10_000)


class ReportsIn(BaseModel):
    text: str | None = Field(default=None, max_length=20_000_000)
    title: str | None = None
    url: str | None = None
    urls: list[str] = Field(default_factory=list, max_length=200)
    story: str | None = Field(default=None, max_length=200)
    story_id: int | None = None


def _split_urls(raw: str | None) -> list[str]:
    urls = [u.strip() for u in (raw or "").split() if u.strip()]
    bad = [u for u in urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        raise HTTPException(400, f"not an http(s) URL: {bad[0]}")
    return urls


async def _read_form(request: Request, st: AppState) -> tuple[list[Report], list[str], dict[str, Any]]:
    form = await request.form(max_files=st.settings.max_upload_files + 1)
    uploads = [f for f in form.getlist("files") if hasattr(f, "read") and getattr(f, "filename", "")]
    if len(uploads) > st.settings.max_upload_files:
        raise HTTPException(400, f"too many files: at most {st.settings.max_upload_files} per request")
    files: list[tuple[str, bytes]] = []
    for up in uploads:
        data = await up.read(st.settings.max_upload_bytes + 1)
        if len(data) > st.settings.max_upload_bytes:
            raise HTTPException(413, f"{up.filename}: larger than {st.settings.max_upload_bytes} bytes")
        files.append((up.filename, data))
    reports = reports_from_uploads(files, st.settings) if files else []
    text = str(form.get("text") or "").strip()
    if text:
        reports += reports_from_paste(text, st.settings, str(form.get("title") or "") or None,
                                      str(form.get("url") or "") or None)
    story_id = str(form.get("story_id") or "").strip()
    if story_id and not story_id.isdigit():
        raise HTTPException(400, "story_id must be a number")
    opts = {"story": str(form.get("story") or "").strip() or None,
            "story_id": int(story_id) if story_id else None}
    return reports, _split_urls(str(form.get("urls") or "")), opts


async def start_ingest_job(request: Request) -> dict[str, Any]:
    """Shared by the API and the /add form: parse the request, queue the job."""
    st = state(request)
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("application/json"):
        try:
            body = ReportsIn.model_validate(await request.json())
        except ValueError as exc:
            raise HTTPException(422, f"invalid JSON body: {exc}") from exc
        reports = reports_from_paste(body.text, st.settings, body.title, body.url) if body.text else []
        urls = _split_urls(" ".join(body.urls))
        opts = {"story": body.story, "story_id": body.story_id}
    elif ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        reports, urls, opts = await _read_form(request, st)
    else:
        raise HTTPException(415 if ctype else 400, "send multipart/form-data (files, text, urls) or JSON")
    if not reports and not urls:
        raise HTTPException(400, "nothing to add: give files, text or urls")
    if opts["story_id"] is not None:
        st.store.get_story(opts["story_id"])  # 404 before queueing
    job = st.jobs.submit(reports, urls, total=len(reports) + len(urls), story_name=opts["story"],
                         story_id=opts["story_id"])
    return to_dict(job)


@router.post("/reports", status_code=202, dependencies=[Depends(require_token)],
             summary="Add reports (multipart files / text / urls, or JSON); returns a job")
async def add_reports(request: Request) -> dict[str, Any]:
    return await start_ingest_job(request)


@router.get("/jobs/{job_id}")
def get_job(job_id: str, request: Request) -> dict[str, Any]:
    return to_dict(state(request).store.get_job(job_id))


@router.get("/articles")
def list_articles(request: Request, limit: int = Query(50, ge=1, le=500),
                  offset: int = Query(0, ge=0)) -> dict[str, Any]:
    store = state(request).store
    return {"total": store.count_articles(), "limit": limit, "offset": offset,
            "articles": to_dict(store.list_articles(limit=limit, offset=offset))}


@router.get("/articles/{article_id}")
def get_article(article_id: str, request: Request) -> dict[str, Any]:
    return to_dict(state(request).store.get_article(article_id))


@router.post("/stories", status_code=201, dependencies=[Depends(require_token)])
def create_story(body: StoryIn, request: Request) -> dict[str, Any]:
    store = state(request).store
    ids = [store.get_article(i).id for i in body.article_ids]
    return to_dict(store.create_story(body.name.strip(), ids))


@router.get("/stories")
def list_stories(request: Request) -> dict[str, Any]:
    return {"stories": to_dict(state(request).store.list_stories())}


@router.get("/stories/{story_id}")
def get_story(story_id: int, request: Request) -> dict[str, Any]:
    return to_dict(state(request).store.get_story(story_id))


@router.post("/stories/{story_id}/articles", dependencies=[Depends(require_token)])
def add_story_articles(story_id: int, body: ArticleIds, request: Request) -> dict[str, Any]:
    store = state(request).store
    ids = [store.get_article(i).id for i in body.article_ids]
    story = store.add_to_story(story_id, ids)
    state(request).forget(story_id)
    return to_dict(story)


@router.delete("/stories/{story_id}/articles", dependencies=[Depends(require_token)])
def remove_story_articles(story_id: int, body: ArticleIds, request: Request) -> dict[str, Any]:
    story = state(request).store.remove_from_story(story_id, body.article_ids)
    state(request).forget(story_id)
    return to_dict(story)


@router.get("/stories/{story_id}/dossier", summary="The story's dossier (newsdesk.dossier/1)")
def get_dossier(story_id: int, request: Request) -> Response:
    served = state(request).dossier_json(story_id)
    if served is None:
        raise HTTPException(409, "the story has no articles yet")
    body, etag = served
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(body, media_type="application/json", headers={"ETag": etag})


@router.get("/search")
def search(request: Request, q: str = Query(..., min_length=1, max_length=500),
           limit: int = Query(20, ge=1, le=100)) -> dict[str, Any]:
    return {"query": q, "hits": to_dict(state(request).search(q, limit))}


@router.get("/health")
def health(request: Request) -> dict[str, Any]:
    store = state(request).store
    return {"status": "ok", "version": __version__, "articles": store.count_articles(),
            "store": store.url.split("://", 1)[0]}
