"""Server-rendered newsroom pages (Jinja2, autoescaped; our own CSS/JS only)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from newsdesk import service
from newsdesk.render.cite import passage_id
from newsdesk.render.htmlpage import dossier_context
from newsdesk.store.search import snippet_html
from newsdesk.web.guard import token_from_headers, token_ok
from newsdesk.web.highlight import highlight, layers_of
from newsdesk.web.intake import start_ingest_job
from newsdesk.web.params import MAX_ID, ArticleId, JobId, Offset, SearchBox, StoryId, clean_text
from newsdesk.web.state import state
from newsdesk.web.templating import page

router = APIRouter(include_in_schema=False)


def web_citation(r: Any) -> str:
    """Story-page citations open the article page at the cited passage."""
    if r.start < r.end:
        return f"/articles/{r.article}?hl={r.start}-{r.end}#{passage_id(r.article, r.start, r.end)}"
    return f"/articles/{r.article}"


@router.get("/assets/dossier.css")
def dossier_css() -> Response:
    """The dossier section styles, shared with the offline dossier page (one file)."""
    from importlib.resources import files

    css = (files("newsdesk.render") / "templates" / "dossier.css").read_text(encoding="utf-8")
    return Response(css, media_type="text/css", headers={"Cache-Control": "max-age=3600"})


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request) -> HTMLResponse:
    """Every story with its size, origins, dates and last update; the page reloads
    itself while ``newsdesk watch`` grows the stories."""
    store = state(request).store
    return page("stories.html", stories=store.list_stories(), n_articles=store.count_articles(), nav="stories")


async def _form(request: Request) -> dict[str, list[str]]:
    form = await request.form()
    return {k: [str(v) for v in form.getlist(k)] for k in form}


def _story_ref(value: list[str] | None) -> int:
    raw = (value or [""])[0].strip()
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_ID:
        raise HTTPException(422, "choose a story")
    return int(raw)


def _text(value: str) -> str:
    try:
        return clean_text(value)[:200]
    except ValueError as exc:
        raise HTTPException(422, f"article: {exc}") from exc


@router.post("/stories/{story_id}/merge")
async def merge_form(story_id: StoryId, request: Request) -> RedirectResponse:
    """Merge the chosen story into this one (CSRF and token: RequestGuard)."""
    st = state(request)
    other = _story_ref((await _form(request)).get("other"))
    st.store.merge_stories(story_id, other)
    st.forget(story_id)
    st.forget(other)
    return RedirectResponse(f"/stories/{story_id}", status_code=303)


@router.post("/stories/{story_id}/split")
async def split_form(story_id: StoryId, request: Request) -> RedirectResponse:
    """Split the ticked articles off into a new story; shows the new story."""
    st = state(request)
    ids = [_text(a) for a in (await _form(request)).get("article", [])][:10_000]
    new = st.store.split_story(story_id, ids)
    st.forget(story_id)
    return RedirectResponse(f"/stories/{new.id}", status_code=303)


@router.post("/stories/{story_id}/move")
async def move_form(story_id: StoryId, request: Request) -> RedirectResponse:
    """Move one article of this story into the chosen story; shows that story."""
    st = state(request)
    form = await _form(request)
    target = _story_ref(form.get("target"))
    article = _text((form.get("article") or [""])[0])
    if not article:
        raise HTTPException(422, "choose an article")
    st.store.move_article(article, target)
    st.forget(story_id)
    st.forget(target)
    return RedirectResponse(f"/stories/{target}", status_code=303)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(story_id: StoryId, request: Request) -> Response:
    """The story page; rendered once per dossier version (keyed by the dossier's ETag)
    and answered 304 to a browser that already has this version."""
    st = state(request)
    served = st.dossier_json(story_id)
    if served is None:
        return page("story.html", story=st.store.get_story(story_id), empty=True, nav="stories")
    etag = served[1][:-1] + '-html"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})

    def render() -> bytes:
        story = st.store.get_story(story_id)
        dossier = service.dossier_record(st.dossier(story_id))
        ctx = dossier_context(dossier, cite_target=web_citation, article_href=lambda a: f"/articles/{a}")
        return page("story.html", story=story, empty=False, nav="stories", **ctx).body

    return HTMLResponse(st.rendered(story_id, etag, render), headers={"ETag": etag})


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, offset: Offset = 0) -> HTMLResponse:
    store = state(request).store
    return page("articles.html", articles=store.list_articles(limit=100, offset=offset),
                total=store.count_articles(), offset=offset, nav="articles")


def _passage(hl: str | None) -> tuple[int, int] | None:
    if not hl:
        return None
    start, _, end = hl.partition("-")
    if not (start.isdigit() and end.isdigit()):
        raise HTTPException(400, "hl must be START-END character offsets")
    return int(start), int(end)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: ArticleId, request: Request, hl: str | None = Query(None, max_length=40)) -> HTMLResponse:
    article = state(request).store.get_article(article_id)
    passage = _passage(hl)
    pid = passage_id(article.id, *passage) if passage else None
    body = highlight(article.text, layers_of(article), passage, pid)
    return page("article.html", a=article, body=body, ann=article.annotations, nav="articles",
                passage_text=article.text[passage[0]:passage[1]] if passage else None)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: SearchBox = "") -> HTMLResponse:
    hits = state(request).store.search(q, limit=50) if q.strip() else []
    # snippet_html escapes the plain-text snippet and adds only <mark> (tested in tests/store)
    return page("search.html", q=q, hits=[(h, Markup(snippet_html(h.snippet, h.highlights))) for h in hits],
                nav="search")


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request) -> HTMLResponse:
    st = state(request)
    locked = bool(st.settings.token) and not token_ok(token_from_headers(request), st.settings.token)
    return page("add.html", stories=st.store.list_stories(), need_token=locked,
                limits=(st.settings.max_upload_files, st.settings.max_upload_bytes), nav="add")


@router.post("/token")
async def token_submit(request: Request) -> RedirectResponse:
    """Check the write token once and keep it in an HttpOnly, same-site cookie, so the
    add form's uploads are authenticated before their body is read (RequestGuard)."""
    st = state(request)
    form = await request.form()
    given = str(form.get("token") or "")
    if not st.settings.token or not token_ok(given, st.settings.token):
        raise HTTPException(401, "a valid token is required to add reports")
    response = RedirectResponse("/add", status_code=303)
    response.set_cookie("newsdesk_token", given, httponly=True, samesite="strict", path="/")
    return response


@router.post("/add")
async def add_submit(request: Request) -> RedirectResponse:
    # With a token configured, RequestGuard has already refused a request without it.
    job = await start_ingest_job(request)
    return RedirectResponse(f"/jobs/{job['id']}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(job_id: JobId, request: Request) -> HTMLResponse:
    return page("job.html", job=state(request).store.get_job(job_id), nav="add")
