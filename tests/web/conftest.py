"""A web app over each store back end (SQLite file, real PostgreSQL), with the sample
corpus ingested once per back end through the API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.settings import Settings
from newsdesk.web.app import create_app
from tests.pg import pg_schema_url

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store_url(request, tmp_path_factory) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('web') / 'newsdesk.db'}"
    else:
        with pg_schema_url() as url:
            yield url


@pytest.fixture(scope="module")
def client(store_url) -> Iterator[TestClient]:
    app = create_app(Settings(db_url=store_url, max_upload_files=10, max_upload_bytes=200_000))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def wait_for_job(client: TestClient, job_id: str) -> dict:
    client.app.state.newsdesk.jobs.wait_idle(timeout=300)
    job = client.get(f"/api/jobs/{job_id}").json()
    assert job["state"] == "done", job
    return job


@pytest.fixture(scope="module")
def sample_story(client) -> dict:
    """The sample corpus uploaded through the API into one story."""
    files = [("files", (p.name, p.read_bytes())) for p in sorted(CORPUS.iterdir())]
    r = client.post("/api/reports", files=files, data={"story": "Harbour accord"})
    assert r.status_code == 202, r.text
    job = wait_for_job(client, r.json()["id"])
    return client.get(f"/api/stories/{job['story_id']}").json()
