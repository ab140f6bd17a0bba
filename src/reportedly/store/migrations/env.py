"""Alembic environment for the ledger. Run through :func:`reportedly.store.migrate.upgrade`.

The caller passes an open connection in ``config.attributes["connection"]``; no
``alembic.ini`` and no URL in a file are needed.
"""

from __future__ import annotations

from alembic import context

from reportedly.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when someone runs the alembic CLI by hand
    raise RuntimeError("run ledger migrations through reportedly.store.migrate.upgrade(engine)")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
