"""Run the ledger's Alembic migrations programmatically (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: sa.Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest migration shipped with this version of reportedly."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


MIGRATE_LOCK = 0x72656D69  # PostgreSQL advisory lock taken while migrating


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the ledger at ``engine`` up to ``revision`` (all migrations by default).

    Processes opening a new ledger at the same time migrate it once: the migration holds the
    write lock (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock) and checks again."""
    head = head_revision()
    if revision == "head" and current_revision(engine) == head:
        return
    with engine.connect() as conn:
        conn.execution_options(reportedly_begin="IMMEDIATE")
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATE_LOCK})
            if revision == "head" and MigrationContext.configure(conn).get_current_revision() == head:
                return
            command.upgrade(alembic_config(conn), revision)


def downgrade(engine: sa.Engine, revision: str) -> None:
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)
