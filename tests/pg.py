"""PostgreSQL for tests: find the server, make a fresh database per test.

The server is the one ``.ci/services.sh`` starts (``make test`` runs it as root); tests find it
through env ``REPORTEDLY_PG_URL``, defaulting to :data:`DEFAULT_URL` when that answers. Without a
server, PostgreSQL tests are skipped with the reason, except in CI (env ``CI`` set) where they fail.

Use in a test module::

    from tests import pg

    pg_database = pg.pg_database  # the fixture, in this module

    @pytest.mark.postgres
    def test_x(pg_database: str) -> None: ...   # a fresh, empty database's SQLAlchemy URL

``python -m tests.pg`` prints the server's URL and exits 0 when it answers, else exits 1
(the Makefile uses it to export ``REPORTEDLY_PG_URL`` for pytest).
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import pytest

DEFAULT_URL = "postgresql+psycopg://reportedly:reportedly@127.0.0.1:5432/reportedly"


def _libpq(url: str) -> str:
    """A SQLAlchemy URL as a libpq connection string for psycopg."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    parts = {"host": u.host or "127.0.0.1", "port": str(u.port or 5432), "user": u.username or "",
             "password": u.password or "", "dbname": u.database or "postgres"}
    return " ".join(f"{k}='{v}'" for k, v in parts.items() if v)


def _answers(url: str) -> str | None:
    """None when the server answers at ``url``, else why not."""
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        return f"psycopg is not installed ({exc})"
    try:
        with psycopg.connect(_libpq(url), connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means "no server here"
        return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
    return None


@lru_cache(maxsize=1)
def server_url() -> tuple[str | None, str]:
    """(URL, "") when a server answers, else (None, reason)."""
    url = os.environ.get("REPORTEDLY_PG_URL") or DEFAULT_URL
    why = _answers(url)
    if why is None:
        return url, ""
    src = "REPORTEDLY_PG_URL" if os.environ.get("REPORTEDLY_PG_URL") else "the default URL"
    return None, (f"no PostgreSQL server at {src} ({url.split('@')[-1]}): {why}. "
                  "Run `.ci/services.sh` as root (make test does) or set REPORTEDLY_PG_URL.")


def require_server() -> str:
    """The server's URL, or skip the test (fail it in CI) with the reason."""
    url, why = server_url()
    if url is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs PostgreSQL: {why}")
        pytest.skip(why)
    return url


@contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """Create an empty database beside ``url``'s, yield its URL, drop it afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"reportedly_t_{uuid.uuid4().hex[:12]}"
    admin = psycopg.connect(_libpq(url), autocommit=True, connect_timeout=5)
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield make_url(url).set(database=name).render_as_string(hide_password=False)
        finally:
            _drop(admin, name)
    finally:
        admin.close()


def _drop(admin: Any, name: str) -> None:
    """Drop a test database, waiting for sessions that are still closing (or autovacuum) to go."""
    import time

    import psycopg

    for attempt in range(120):
        try:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            return
        except psycopg.errors.ObjectInUse:
            if attempt == 119:
                raise
            # our own leftover sessions can be ended; an autovacuum worker is waited for
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = %s AND usename = current_user AND pid <> pg_backend_pid()", (name,))
            time.sleep(0.25)


@pytest.fixture
def pg_database() -> Iterator[str]:
    """The SQLAlchemy URL of a fresh, empty PostgreSQL database, dropped after the test."""
    with fresh_database(require_server()) as url:
        yield url


def main() -> int:
    url, why = server_url()
    if url is None:
        print(why, file=sys.stderr)
        return 1
    print(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
