"""The REST API on SQLite and on the real PostgreSQL."""

from __future__ import annotations

from tests.web.conftest import wait_for_job

HOSTILE = ("Officials in the port said on Monday that the ferry link would reopen. "
           "<script>alert('pwned')</script> <a href=\"javascript:alert(1)\" onmouseover=\"alert(2)\">link</a> "
           "The harbour master said repairs had taken three weeks.")


def test_health_and_openapi(client):
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["store"] in {"sqlite", "postgresql"}
    spec = client.get("/openapi.json").json()
    assert "/api/stories/{story_id}/dossier" in spec["paths"]
    assert "/api/search" in spec["paths"]


def test_upload_builds_a_story_and_its_dossier(client, sample_story):
    assert len(sample_story["article_ids"]) >= 6
    dossier = client.get(f"/api/stories/{sample_story['id']}/dossier").json()
    assert dossier["schema"] == "newsdesk.dossier/1"
    assert {a["id"] for a in dossier["articles"]} == set(sample_story["article_ids"])
    assert 1 <= len(dossier["origins"]) < len(dossier["articles"])
    for article in dossier["articles"]:
        assert article["origin"] in {o["id"] for o in dossier["origins"]}
    # a second read is served from the stored dossier, identical
    again = client.get(f"/api/stories/{sample_story['id']}/dossier").json()
    assert again["generated"] == dossier["generated"]


def test_articles_listing_and_detail(client, sample_story):
    listing = client.get("/api/articles", params={"limit": 3}).json()
    assert listing["total"] >= 6 and len(listing["articles"]) == 3
    article = client.get(f"/api/articles/{sample_story['article_ids'][0]}").json()
    assert article["text"] and article["annotations"] is not None


def test_search_ranks_and_highlights(client, sample_story):
    hits = client.get("/api/search", params={"q": "patrol vessels"}).json()["hits"]
    assert hits, "expected the sample corpus to mention patrol vessels"
    hit = hits[0]
    assert "<mark>" not in hit["snippet"]  # plain text, matches given as offsets
    assert {hit["snippet"][h["start"]:h["end"]].lower() for h in hit["highlights"]} >= {"patrol", "vessels"}
    assert client.get("/api/search", params={"q": '"unbalanced AND OR ('}).status_code == 200


def test_story_membership_changes_mark_the_dossier_stale(client, sample_story):
    sid = sample_story["id"]
    first = sample_story["article_ids"][0]
    removed = client.request("DELETE", f"/api/stories/{sid}/articles", json={"article_ids": [first]}).json()
    assert first not in removed["article_ids"] and removed["dossier_stale"]
    dossier = client.get(f"/api/stories/{sid}/dossier").json()
    assert first not in {a["id"] for a in dossier["articles"]}
    added = client.post(f"/api/stories/{sid}/articles", json={"article_ids": [first]}).json()
    assert first in added["article_ids"]


def test_paste_json_and_errors_have_one_shape(client):
    r = client.post("/api/reports", json={"text": HOSTILE, "title": "<b>Ferry</b> link", "story": "Ferry"})
    assert r.status_code == 202
    job = wait_for_job(client, r.json()["id"])
    assert job["story_id"]
    for resp, status in [
        (client.get("/api/articles/doesnotexist"), 404),
        (client.get("/api/stories/999999"), 404),
        (client.get("/api/articles", params={"limit": 0}), 422),
        (client.post("/api/reports", json={}), 400),
        (client.post("/api/reports", content=b"hello", headers={"content-type": "text/plain"}), 415),
        (client.post("/api/reports", json={"urls": ["ftp://example.org/x"]}), 400),
        (client.post("/api/stories", json={"name": ""}), 422),
    ]:
        assert resp.status_code == status, resp.text
        body = resp.json()
        assert set(body["error"]) == {"code", "message", "status", "details"}
        assert body["error"]["status"] == status and isinstance(body["error"]["details"], list)
    invalid = client.post("/api/stories", json={"name": ""}).json()["error"]["details"]
    assert [d["field"] for d in invalid] == ["body.name"] and invalid[0]["problem"]


def test_upload_limits(client):
    too_many = [("files", (f"r{i}.txt", b"A short report. " * 10)) for i in range(11)]
    assert client.post("/api/reports", files=too_many).status_code == 400
    big = [("files", ("big.txt", b"x" * 200_001))]
    r = client.post("/api/reports", files=big)
    assert r.status_code == 413 and "big.txt" in r.json()["error"]["message"]


def test_search_cache_never_hides_a_new_report(client, sample_story):
    word = "zanzibarquay"
    assert client.get("/api/search", params={"q": word}).json()["hits"] == []
    text = (f"The {word} ferry terminal reopened on Friday after repairs, the harbour authority said in a "
            "statement. Services to the islands resume on Monday.")
    r = client.post("/api/reports", json={"text": text, "story": "Ferries"})
    wait_for_job(client, r.json()["id"])
    hits = client.get("/api/search", params={"q": word}).json()["hits"]
    assert len(hits) == 1 and [hits[0]["snippet"][h["start"]:h["end"]] for h in hits[0]["highlights"]] == [word]


def test_docs_are_served_from_the_package(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "cdn" not in page.text.lower() and "<script>" not in page.text
    for asset in ("/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css", "/static/docs.js"):
        assert client.get(asset).status_code == 200, asset
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_exports_of_a_story(client, sample_story):
    import io

    import pandas as pd

    from newsdesk.render.export import COLUMNS

    sid = sample_story["id"]
    dossier = client.get(f"/api/stories/{sid}/dossier").json()
    events = client.get(f"/api/stories/{sid}/export/events", params={"format": "parquet"})
    assert events.status_code == 200 and events.headers["content-type"] == "application/vnd.apache.parquet"
    frame = pd.read_parquet(io.BytesIO(events.content))
    assert list(frame.columns) == list(COLUMNS["events"]) and len(frame) == len(dossier["events"])
    claims = client.get(f"/api/stories/{sid}/export/claims")
    assert claims.headers["content-type"].startswith("text/csv")
    assert f'story-{sid}-claims.csv' in claims.headers["content-disposition"]
    assert len(pd.read_csv(io.BytesIO(claims.content))) == len(dossier["claims"])
    assert client.get(f"/api/stories/{sid}/export/quotes", params={"format": "jsonl"}).text.count("\n") == \
        sum(len(q["renderings"]) for q in dossier["quotes"])
    assert client.get(f"/api/stories/{sid}/export/claimz").status_code == 404
    assert client.get(f"/api/stories/{sid}/export/claims", params={"format": "xlsx"}).status_code == 422


def test_pasted_text_carries_outlet_url_and_date(client):
    text = ("The Tessin water board said on Monday that the Orlan reservoir had fallen to a third of its "
            "capacity. Rationing in four districts begins next week, a spokesman said.")
    r = client.post("/api/reports", json={"text": text, "title": "Reservoir low", "outlet": "Tessin Ledger",
                                          "url": "https://ledger.example/reservoir",
                                          "published": "2026-05-06", "story": "Drought"})
    job = wait_for_job(client, r.json()["id"])
    story = client.get(f"/api/stories/{job['story_id']}").json()
    article = client.get(f"/api/articles/{story['article_ids'][0]}").json()
    assert (article["outlet"], article["url"], article["published"][:10]) == \
        ("Tessin Ledger", "https://ledger.example/reservoir", "2026-05-06")
    monday = [t for t in article["annotations"]["timexes"] if t["text"].lower().endswith("monday")]
    assert monday and monday[0]["value"] == "2026-05-04"  # the Monday before publication
    bad = client.post("/api/reports", json={"text": text, "published": "someday soon"})
    assert bad.status_code == 400 and "published" in bad.json()["error"]["message"]


def test_a_failed_upload_creates_no_story(client):
    before = {s["id"] for s in client.get("/api/stories").json()["stories"]}
    r = client.post("/api/reports", files=[("files", ("empty.txt", b"")), ("files", ("noise.bin", bytes(range(256))))],
                    data={"story": "Should not exist"})
    assert r.status_code == 202
    client.app.state.newsdesk.jobs.wait_idle(timeout=120)
    job = client.get(f"/api/jobs/{r.json()['id']}").json()
    assert job["state"] == "failed" and job["story_id"] is None and len(job["errors"]) == 2
    assert {s["id"] for s in client.get("/api/stories").json()["stories"]} == before


def test_jobs_report_the_synthesis_stages(client, monkeypatch):
    from newsdesk.settings import Settings
    from newsdesk.store import Job
    from newsdesk.web.jobs import run_job
    from newsdesk.web.uploads import reports_from_paste

    text = ("Valmora's port authority said on Tuesday that the northern quay would close for dredging. "
            "Ferries will use the southern quay until June, the authority said.")
    store = client.app.state.newsdesk.store
    saved: list[tuple[str, int, int]] = []
    real = store.save_job
    monkeypatch.setattr(store, "save_job", lambda job: (saved.append((job.stage, job.stage_done, job.stage_total)),
                                                       real(job))[1])
    job = Job("stagetest01", None, "queued", total=1)
    run_job(store, Settings(db_url=store.url), job, reports_from_paste(text, Settings()), [], "Quay works", None)
    stages = [stage for stage, _, total in saved if stage and total > 0]
    assert stages[0] == "embedding" and {"alignment", "summary"} <= set(stages)
    assert stages.index("alignment") < stages.index("summary")
    assert all(done <= total for stage, done, total in saved if stage)
    assert store.get_job("stagetest01").state == "done" and store.get_job("stagetest01").stage == ""


def test_story_page_is_rendered_once_per_dossier_version(client, sample_story, monkeypatch):
    import newsdesk.web.pages as pages

    sid = sample_story["id"]
    first = client.get(f"/stories/{sid}")
    assert first.status_code == 200 and first.headers["etag"].endswith('-html"')
    renders = []
    real = pages.dossier_context
    monkeypatch.setattr(pages, "dossier_context", lambda *a, **k: renders.append(1) or real(*a, **k))
    again = client.get(f"/stories/{sid}")
    assert again.text == first.text and again.headers["etag"] == first.headers["etag"] and not renders
    assert client.get(f"/stories/{sid}", headers={"If-None-Match": first.headers["etag"]}).status_code == 304
    article = sample_story["article_ids"][-1]
    client.request("DELETE", f"/api/stories/{sid}/articles", json={"article_ids": [article]})
    changed = client.get(f"/stories/{sid}")
    assert changed.headers["etag"] != first.headers["etag"] and renders == [1]
    client.post(f"/api/stories/{sid}/articles", json={"article_ids": [article]})
