"""Attacks on a live ``newsdesk serve`` on 127.0.0.1 (SQLite), with a second local HTTP
server as the internal service: SSRF with read-back, DNS rebinding, cross-site form
posts, oversized and unauthenticated bodies, uploads reusing a file name, and client
input that used to give server errors."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.web.live import Live, live_server, local_site

SECRET = b"INTERNAL-ONLY: the payroll database password is k9-velvet-harbour. " * 3
REPORT_A = ("The Tamsin river ferry resumed service on Tuesday after a two-week stoppage, the operator "
            "Brightwater Lines said. Commuters in Oskarby welcomed the return of the morning crossing.")
REPORT_B = ("Council members in Oskarby voted on Wednesday to fund a new pedestrian bridge over the Tamsin "
            "river, the town clerk Ilse Marrow said. Construction is expected to start next spring.")


@pytest.fixture(scope="module")
def live(tmp_path_factory) -> Iterator[Live]:
    tmp = tmp_path_factory.mktemp("live")
    with live_server(f"sqlite:///{tmp / 'n.db'}", tmp, max_request_bytes=2_000_000, max_json_bytes=300_000,
                     fetch_timeout=5) as server:
        yield server


@pytest.fixture(scope="module")
def live_token(tmp_path_factory) -> Iterator[Live]:
    tmp = tmp_path_factory.mktemp("live-token")
    with live_server(f"sqlite:///{tmp / 't.db'}", tmp, token="tok-3141") as server:
        yield server


@pytest.fixture(scope="module")
def internal() -> Iterator:
    with local_site({"/secret": ("text/plain", SECRET)}) as site:
        yield site


def _raw_request(port: int, head: str, body_chunks: Iterator[bytes], read_timeout: float = 10) -> tuple[int, int]:
    """Send ``head`` then body chunks until the server answers or closes; returns
    (HTTP status, body bytes sent before the answer)."""
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=read_timeout) as sock:
        sock.sendall(head.encode("latin-1"))
        sock.setblocking(False)
        answer = b""
        for chunk in body_chunks:
            try:
                answer += sock.recv(65536)
            except BlockingIOError:
                pass
            except OSError:
                break
            if answer:
                break
            try:
                sock.sendall(chunk)
                sent += len(chunk)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                break
        sock.setblocking(True)
        deadline = time.monotonic() + read_timeout
        while b"\r\n" not in answer and time.monotonic() < deadline:
            try:
                data = sock.recv(65536)
            except OSError:
                break
            if not data:
                break
            answer += data
    return int(answer.split(b" ", 2)[1]), sent


def test_ssrf_internal_service_is_never_fetched_or_stored(live, internal) -> None:
    r = httpx.post(f"{live.base}/api/reports", json={"urls": [f"{internal.base}/secret"], "story": "Probe"})
    assert r.status_code == 202, r.text
    job = live.wait_job(r.json()["id"])
    assert job["errors"] and "loopback" in job["errors"][0]
    assert internal.hits == []
    articles = httpx.get(f"{live.base}/api/articles", params={"limit": 500}).json()["articles"]
    assert all("payroll" not in (a.get("title") or "") for a in articles)
    assert not httpx.get(f"{live.base}/api/search", params={"q": "payroll velvet"}).json()["hits"]


def test_unknown_host_header_is_refused(live) -> None:
    assert httpx.get(f"{live.base}/api/health").status_code == 200
    assert httpx.get(f"{live.base}/api/health", headers={"Host": f"localhost:{live.port}"}).status_code == 200
    rebound = httpx.get(f"{live.base}/api/stories", headers={"Host": "attacker.example"})
    assert rebound.status_code == 400
    posted = httpx.post(f"{live.base}/add", data={"text": REPORT_A}, headers={"Host": "attacker.example"})
    assert posted.status_code == 400


def test_cross_origin_form_posts_are_refused_without_a_token(live) -> None:
    before = len(httpx.get(f"{live.base}/api/stories").json()["stories"])
    other = f"http://127.0.0.1:{live.port + 1}"
    for headers in ({"Origin": other}, {"Sec-Fetch-Site": "same-site"}, {"Sec-Fetch-Site": "cross-site"},
                    {"Origin": "null"}):
        r = httpx.post(f"{live.base}/add", data={"story": "Planted", "text": REPORT_A}, headers=headers)
        assert r.status_code == 403, (headers, r.status_code)
        assert r.json()["error"]["code"] == "forbidden"
    js = httpx.post(f"{live.base}/api/stories", json={"name": "Planted"}, headers={"Origin": other})
    assert js.status_code == 403
    assert len(httpx.get(f"{live.base}/api/stories").json()["stories"]) == before
    same = httpx.post(f"{live.base}/api/stories", json={"name": "Own page"},
                      headers={"Origin": live.base, "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 201


def test_oversized_bodies_are_refused_before_they_are_read(live) -> None:
    port = live.port
    declared = (f"POST /add HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: multipart/form-data; "
                f"boundary=xyz\r\nContent-Length: 600000000\r\n\r\n")
    began = time.monotonic()
    status, sent = _raw_request(port, declared, iter([b"x" * 65536] * 9000))
    assert status == 413 and sent < 50_000_000 and time.monotonic() - began < 20
    chunked = (f"POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: multipart/form-data; "
               f"boundary=xyz\r\nTransfer-Encoding: chunked\r\n\r\n")
    part = (b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n'
            b"Content-Type: text/plain\r\n\r\n")
    first = f"{len(part):x}\r\n".encode() + part + b"\r\n"
    piece = b"10000\r\n" + b"y" * 65536 + b"\r\n"
    status, sent = _raw_request(port, chunked, iter([first] + [piece] * 9000))
    assert status == 413 and sent < 50_000_000
    big_json = httpx.post(f"{live.base}/api/reports", content=b'{"text": "' + b"a" * 400_000 + b'"}',
                          headers={"Content-Type": "application/json"})
    assert big_json.status_code == 413 and big_json.json()["error"]["code"] == "too_large"
    assert httpx.get(f"{live.base}/api/health").status_code == 200


def test_writes_are_authenticated_before_the_body_is_read(live_token) -> None:
    port = live_token.port
    head = (f"POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: 20000000\r\n\r\n")
    status, sent = _raw_request(port, head, iter([b" " * 65536] * 300))
    assert status == 401 and sent < 20_000_000
    form = (f"POST /add HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: multipart/form-data; boundary=xyz\r\n"
            f"Content-Length: 600000000\r\n\r\n")
    status, sent = _raw_request(port, form, iter([b"z" * 65536] * 9000))
    assert status == 401 and sent < 20_000_000  # the add form is authenticated before its body
    ok = httpx.post(f"{live_token.base}/api/stories", json={"name": "Desk"}, headers={"Authorization": "Bearer tok-3141"})
    assert ok.status_code == 201
    assert httpx.post(f"{live_token.base}/add", data={"text": REPORT_A, "token": "wrong"}).status_code == 401


def test_the_add_form_takes_the_token_once_and_then_uploads_with_its_cookie(live_token) -> None:
    with httpx.Client(base_url=live_token.base) as browser:
        assert 'action="/token"' in browser.get("/add").text          # locked: only the token form
        assert browser.post("/token", data={"token": "wrong"}).status_code == 401
        assert "newsdesk_token" not in browser.cookies
        unlocked = browser.post("/token", data={"token": "tok-3141"})
        assert unlocked.status_code == 303 and unlocked.headers["location"] == "/add"
        assert 'id="addform"' in browser.get("/add").text             # the cookie unlocks the form
        added = browser.post("/add", data={"story": "Quay", "text": REPORT_A})
        assert added.status_code == 303 and added.headers["location"].startswith("/jobs/")
    cookie = unlocked.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    big = "t" * 10_000
    assert httpx.post(f"{live_token.base}/token", data={"token": big}).status_code == 413


def test_an_upload_is_identified_by_its_content_not_its_name(live) -> None:
    first = httpx.post(f"{live.base}/api/reports", files=[("files", ("report.txt", REPORT_A.encode()))],
                       data={"story": "Ferry"}, timeout=60)
    job1 = live.wait_job(first.json()["id"])
    assert job1["state"] == "done" and len(job1["added"]) == 1 and not job1["skipped"] and not job1["errors"]
    second = httpx.post(f"{live.base}/api/reports", files=[("files", ("report.txt", REPORT_B.encode())),
                                                           ("files", ("copy.txt", REPORT_A.encode()))],
                        data={"story": "Bridge"}, timeout=60)
    job2 = live.wait_job(second.json()["id"])
    assert job2["state"] == "done", job2
    assert [s.rsplit("/", 1)[1] for s in job2["added"]] == ["report.txt"]
    assert len(job2["skipped"]) == 1 and "copy.txt" in job2["skipped"][0]
    assert "1 added, 1 skipped" in job2["message"] and "0 failed" in job2["message"]
    story = httpx.get(f"{live.base}/api/stories/{job2['story_id']}").json()
    texts = [httpx.get(f"{live.base}/api/articles/{a}").json()["text"] for a in story["article_ids"]]
    assert any("pedestrian bridge" in t for t in texts) and any("ferry resumed" in t for t in texts)


@pytest.mark.parametrize(("path", "params"), [
    ("/api/articles", {"offset": "9223372036854775808"}),
    ("/api/articles", {"offset": "-1"}),
    ("/api/stories/2147483648", {}),
    ("/api/stories/0/dossier", {}),
    ("/api/search", {"q": "ferry\x00"}),
    ("/api/articles/ab%00cd", {}),
    ("/articles", {"offset": "99999999999999999999"}),
    ("/api/stories/99999999999999999999/export/claims", {"format": "csv"}),
    ("/api/search?q=%ff%fe", None),
    ("/search?q=%ed%a0%80", None),
])
def test_out_of_range_and_nul_input_is_422_json(live, path, params) -> None:
    r = httpx.get(f"{live.base}{path}", params=params)
    assert r.status_code == 422, (path, r.status_code, r.text[:200])
    assert r.json()["error"]["code"] == "invalid_request"


def test_nul_in_json_and_form_bodies_is_422(live) -> None:
    r = httpx.post(f"{live.base}/api/stories", json={"name": "Ferry\x00log"})
    assert r.status_code == 422 and r.json()["error"]["status"] == 422
    r = httpx.post(f"{live.base}/api/reports", json={"text": REPORT_A, "story_id": 2**40})
    assert r.status_code == 422
    r = httpx.post(f"{live.base}/api/reports", data={"text": REPORT_A, "story": "a\x00b"})
    assert r.status_code == 422
    r = httpx.post(f"{live.base}/api/reports", data={"text": REPORT_A, "story_id": "²"})
    assert r.status_code == 422
