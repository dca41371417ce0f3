"""PostgreSQL for tests: the real server on 127.0.0.1:5432, database ``test``, one
throw-away schema per use so tests never see each other's rows.

Under CI=true an unreachable server fails the test instead of skipping it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

PG_DSN = os.environ.get("NEWSDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _connect():  # noqa: ANN202
    import psycopg

    try:
        return psycopg.connect(PG_DSN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {PG_DSN} is required under CI=true: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {PG_DSN}: {exc}")


@contextmanager
def pg_schema_url() -> Iterator[str]:
    """A store URL whose tables live in a fresh schema, dropped afterwards."""
    schema = f"nd_test_{uuid.uuid4().hex[:10]}"
    conn = _connect()
    conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_DSN}?options=-csearch_path%3D{schema}"
    finally:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        conn.close()
