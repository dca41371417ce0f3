"""The job starter shared by the API and the /add form: a request with files, pasted
text or URLs (multipart form or JSON) becomes a queued ingest job."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import HTTPException, Request
from pydantic import BaseModel, Field
from starlette.datastructures import FormData

from newsdesk.model import Report, to_dict
from newsdesk.web.jobs import QueueFull
from newsdesk.web.params import MAX_ID, CleanStr, clean_text
from newsdesk.web.state import AppState, state
from newsdesk.web.uploads import reports_from_paste, reports_from_uploads


class ReportsIn(BaseModel):
    text: CleanStr | None = Field(default=None, max_length=20_000_000)
    title: CleanStr | None = Field(default=None, max_length=1000)
    url: CleanStr | None = Field(default=None, max_length=4000)
    outlet: CleanStr | None = Field(default=None, max_length=200, description="who published the pasted report")
    published: CleanStr | None = Field(default=None, max_length=64,
                                       description="publication date or date-time of the pasted report (ISO 8601)")
    urls: list[Annotated[CleanStr, Field(max_length=4000)]] = Field(default_factory=list, max_length=200)
    story: CleanStr | None = Field(default=None, max_length=200)
    story_id: int | None = Field(default=None, ge=1, le=MAX_ID)


def request_body_schema() -> dict[str, Any]:
    """The OpenAPI ``requestBody`` of ``POST /api/reports`` (the route reads the body
    itself, so FastAPI cannot infer it): JSON (:class:`ReportsIn`) or a multipart form."""
    text = {"type": "string"}
    form = {"type": "object", "properties": {
        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
        "text": text, "title": text, "url": text, "urls": {**text, "description": "URLs, one per line"},
        "story": text, "story_id": {**text, "pattern": "^[0-9]{1,10}$"}}}
    return {"required": True, "content": {"application/json": {"schema": ReportsIn.model_json_schema()},
                                           "multipart/form-data": {"schema": form}}}


def _field(form: FormData, name: str) -> str:
    """A text field of the form ("" when absent); 422 for NUL or invalid Unicode."""
    value = form.get(name)
    if value is None or not isinstance(value, str):
        return ""
    try:
        return clean_text(value)
    except ValueError as exc:
        raise HTTPException(422, f"{name}: {exc}") from exc


def _paste_meta(title: str | None, url: str | None, outlet: str | None,
                published: str | None) -> dict[str, str | None]:
    """The metadata given with pasted text, checked: an http(s) URL and a readable date."""
    clean = {k: (v or "").strip() or None for k, v in
             {"title": title, "url": url, "outlet": outlet, "published": published}.items()}
    if clean["url"] and not clean["url"].lower().startswith(("http://", "https://")):
        raise HTTPException(400, f"url of the pasted report is not an http(s) URL: {clean['url']}")
    if clean["published"]:
        from newsdesk.clean.dates import parse_date

        if parse_date(clean["published"]) is None:
            raise HTTPException(400, f"published: not a date: {clean['published']!r} (use e.g. 2026-05-02)")
    return clean


def _split_urls(raw: str | None) -> list[str]:
    urls = [u.strip() for u in (raw or "").split() if u.strip()]
    bad = [u for u in urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        raise HTTPException(400, f"not an http(s) URL: {bad[0]}")
    return urls


async def read_form(request: Request, st: AppState) -> FormData:
    """The request's form, parsed once (Starlette caches it) with our file-count limit."""
    return await request.form(max_files=st.settings.max_upload_files + 1)


async def _read_form(request: Request, st: AppState) -> tuple[list[Report], list[str], dict[str, Any]]:
    form = await read_form(request, st)
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
    text = _field(form, "text").strip()
    if text:
        meta = _paste_meta(*(_field(form, k) for k in ("title", "url", "outlet", "published")))
        reports += reports_from_paste(text, st.settings, **meta)
    story_id = _field(form, "story_id").strip()
    if story_id and not (re.fullmatch(r"[0-9]{1,10}", story_id) and 1 <= int(story_id) <= MAX_ID):
        raise HTTPException(422, f"story_id must be a number from 1 to {MAX_ID}")
    opts = {"story": _field(form, "story").strip()[:200] or None,
            "story_id": int(story_id) if story_id else None}
    return reports, _split_urls(_field(form, "urls")), opts


async def start_ingest_job(request: Request) -> dict[str, Any]:
    """Shared by the API and the /add form: parse the request, queue the job."""
    st = state(request)
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("application/json"):
        try:
            body = ReportsIn.model_validate(await request.json())
        except ValueError as exc:
            raise HTTPException(422, f"invalid JSON body: {exc}") from exc
        meta = _paste_meta(body.title, body.url, body.outlet, body.published)
        reports = reports_from_paste(body.text, st.settings, **meta) if body.text else []
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
    try:
        job = st.jobs.submit(reports, urls, total=len(reports) + len(urls), story_name=opts["story"],
                             story_id=opts["story_id"])
    except QueueFull as exc:
        raise HTTPException(429, f"the analysis queue is full: {exc}") from exc
    return to_dict(job)
