"""Analysis jobs run in a worker process, never in the server's; the queue is bounded
(429 with the JSON error when full); a store only this process sees uses a thread."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from newsdesk.settings import Settings
from newsdesk.store import open_store
from newsdesk.web.app import create_app
from newsdesk.web.jobs import JobRunner
from tests.web.live import live_server

REFUSED_URL = "http://127.0.0.1:9/internal"  # loopback: refused at once, so jobs end fast


def test_jobs_run_in_a_worker_process_with_a_bounded_queue(tmp_path) -> None:
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'j.db'}", job_processes=1, max_queued_jobs=0)
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as client:
        first = client.post("/api/reports", json={"urls": [REFUSED_URL], "story": "Probe one"})
        second = client.post("/api/reports", json={"urls": [REFUSED_URL], "story": "Probe two"})
        assert first.status_code == 202
        assert second.status_code == 429 and second.json()["error"]["code"] == "too_many_requests"
        jobs = client.app.state.newsdesk.jobs
        jobs.wait_idle(timeout=120)
        pids = jobs.worker_pids()
        assert pids and os.getpid() not in pids
        job = client.get(f"/api/jobs/{first.json()['id']}").json()
        # nothing could be stored: the job fails and leaves no empty story behind
        assert job["state"] == "failed" and "loopback" in job["errors"][0] and job["story_id"] is None
        assert "no story was created" in job["message"]
        assert client.get("/api/stories").json()["stories"] == []
        again = client.post("/api/reports", json={"urls": [REFUSED_URL], "story": "Probe three"})
        assert again.status_code == 202  # the queue drained


def test_an_in_memory_store_runs_jobs_in_a_thread() -> None:
    store = open_store("sqlite:///:memory:")
    runner = JobRunner(store, Settings(db_url="sqlite:///:memory:"))
    job = runner.submit([], [REFUSED_URL], total=1, story_name="Memory")
    runner.wait_idle(timeout=60)
    assert runner.in_process and runner.worker_pids() == []
    assert store.get_job(job.id).state == "failed" and store.list_stories() == []
    runner.shutdown()


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def test_workers_exit_when_the_server_is_killed(tmp_path) -> None:
    with live_server(f"sqlite:///{tmp_path / 'k.db'}", tmp_path) as live:
        r = httpx.post(f"{live.base}/api/reports", json={"urls": [REFUSED_URL]})
        live.wait_job(r.json()["id"], timeout=120)
        workers = _children(live.pid)
        assert workers, "expected an analysis worker process"
        os.kill(live.pid, signal.SIGKILL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
            time.sleep(0.2)
        for w in workers:  # reaped by init, or at least a zombie that runs nothing
            status = Path(f"/proc/{w}/status")
            assert not status.exists() or "State:\tZ" in status.read_text()
