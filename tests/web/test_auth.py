"""Write endpoints need the token when one is configured; reads stay open."""

from __future__ import annotations

from fastapi.testclient import TestClient

from newsdesk.settings import Settings
from newsdesk.web.app import create_app


def test_token_guards_writes_only(tmp_path):
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'a.db'}", token="s3cret"))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        denied = client.post("/api/stories", json={"name": "x"})
        assert denied.status_code == 401 and denied.json()["error"]["code"] == "unauthorized"
        wrong = client.post("/api/stories", json={"name": "x"}, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        ok = client.post("/api/stories", json={"name": "x"}, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 201
        alt = client.post("/api/stories", json={"name": "y"}, headers={"X-Newsdesk-Token": "s3cret"})
        assert alt.status_code == 201
        assert client.get("/api/stories").status_code == 200
        assert client.post("/add", data={"story": "z", "text": "hello"}).status_code == 401


def test_security_headers(tmp_path):
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'b.db'}"))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        r = client.get("/")
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "http" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
