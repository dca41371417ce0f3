"""Interactive API docs at /docs that work offline: the Swagger UI 5 assets packaged in
the pinned ``fastapi-offline`` wheel, served by newsdesk itself with our own page and
start-up script (no CDN, no inline script, so the server's Content-Security-Policy
holds). Swagger UI 5 is needed for FastAPI's OpenAPI 3.1 document."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

ASSETS = "/docs/assets"
router = APIRouter(include_in_schema=False)

PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsdesk API</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
<link rel="icon" type="image/png" href="{ASSETS}/favicon.png">
</head><body>
<div id="swagger-ui" data-openapi="/openapi.json"><noscript>The interactive docs need JavaScript;
the OpenAPI document is at <a href="/openapi.json">/openapi.json</a>.</noscript></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body></html>
"""


def assets_dir() -> Path:
    """The packaged Swagger UI files (swagger-ui-bundle.js, swagger-ui.css, favicon.png)."""
    from importlib.resources import files

    return Path(str(files("fastapi_offline") / "static"))


@router.get("/docs", response_class=HTMLResponse)
def docs_page() -> HTMLResponse:
    return HTMLResponse(PAGE)
