"""The PostgreSQL service the tests rely on (started by .ci/services.sh) and the ledger on it."""

from __future__ import annotations

import pytest

from tests import pg
from tests.pg import fresh_database, require_server

pg_database = pg.pg_database  # fixture: a fresh database per test

pytestmark = pytest.mark.postgres


def test_fresh_database_is_empty_and_dropped() -> None:
    import psycopg

    from tests.pg import _libpq

    url = require_server()
    with fresh_database(url) as fresh:
        assert fresh != url
        with psycopg.connect(_libpq(fresh)) as conn:
            tables = conn.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").fetchone()
            assert tables == (0,)
            conn.execute("CREATE TABLE t (x int)")
            conn.commit()
        name = fresh.rsplit("/", 1)[-1]
    with psycopg.connect(_libpq(url)) as conn:
        left = conn.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (name,)).fetchone()
    assert left == (0,)


def test_sqlalchemy_reaches_the_server(pg_database: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_database)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT current_database()")).scalar() == pg_database.rsplit("/", 1)[-1]
    finally:
        engine.dispose()
