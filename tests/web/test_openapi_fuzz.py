"""Schemathesis over the live server's /openapi.json, on SQLite and on the real
PostgreSQL: a bounded number of generated requests (valid and invalid) per operation,
and not one may get a 5xx answer — client input is validated, 4xx with the documented
JSON error. (Driven through schemathesis' Python API: its pytest plugin does not run
under pytest 9.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from tests.pg import pg_schema_url
from tests.web.live import Live, live_server

EXAMPLES = 25  # per operation, generation mode and back end; derandomised, so repeatable


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fuzz_server(request, tmp_path_factory) -> Iterator[Live]:
    tmp = tmp_path_factory.mktemp(f"fuzz-{request.param}")
    if request.param == "sqlite":
        with live_server(f"sqlite:///{tmp / 'f.db'}", tmp) as live:
            yield live
    else:
        with pg_schema_url() as url, live_server(url, tmp) as live:
            yield live


def test_no_server_errors_on_generated_requests(fuzz_server: Live) -> None:
    schema = schemathesis.openapi.from_url(f"{fuzz_server.base}/openapi.json")
    failures: list[str] = []
    statuses: dict[str, set[int]] = {}
    calls = 0
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck))
            def run(case) -> None:
                nonlocal calls
                calls += 1
                response = case.call(base_url=fuzz_server.base, timeout=30)
                statuses.setdefault(f"{case.method} {case.operation.path}", set()).add(response.status_code)
                if response.status_code >= 500:
                    failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}: "
                                    f"{response.text[:200]}\n  {case.as_curl_command()}")
                elif response.status_code >= 400:
                    assert response.json()["error"]["status"] == response.status_code, response.text[:300]

            try:
                run()
            except Unsatisfiable:  # nothing to make invalid (an operation without parameters)
                assert mode is schemathesis.GenerationMode.NEGATIVE
    assert calls >= len(operations) * 2
    # the generated requests reach the handlers, not only the validation (409: a story
    # edit the handler refused after reading the store, e.g. a merge of a story with itself)
    answered = [op for op, codes in statuses.items() if any(c < 300 or c == 409 for c in codes)]
    assert len(answered) >= len(operations) // 2, sorted(statuses.items())
    assert not failures, f"{len(failures)} server errors in {calls} requests:\n" + "\n".join(failures[:10])
