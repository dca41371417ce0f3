"""Page rendering (Jinja2, autoescaped) shared by the page routes and the error handlers."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from newsdesk import __version__
from newsdesk.render.when import time_html


@lru_cache(maxsize=1)
def _env() -> Environment:
    loader = ChoiceLoader([PackageLoader("newsdesk.web", "templates"), PackageLoader("newsdesk.render", "templates")])
    env = Environment(loader=loader, autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals["version"] = __version__
    env.globals["time_html"] = time_html
    return env


def page(template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    return HTMLResponse(_env().get_template(template).render(**ctx), status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return page("error.html", status=status, status_code=status, message=message)
