"""Interactive API docs at /docs that work offline: Swagger UI from the pinned
``swagger-ui-bundle`` package, served by newsdesk itself (no CDN, no inline script, so
the server's Content-Security-Policy holds)."""

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
<link rel="icon" type="image/png" href="{ASSETS}/favicon-32x32.png">
</head><body>
<div id="swagger-ui" data-openapi="/openapi.json"><noscript>The interactive docs need JavaScript;
the OpenAPI document is at <a href="/openapi.json">/openapi.json</a>.</noscript></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body></html>
"""


def assets_dir() -> Path:
    """The packaged Swagger UI distribution (css, js, icons)."""
    from swagger_ui_bundle import swagger_ui_path

    return Path(str(swagger_ui_path))


@router.get("/docs", response_class=HTMLResponse)
def docs_page() -> HTMLResponse:
    return HTMLResponse(PAGE)
