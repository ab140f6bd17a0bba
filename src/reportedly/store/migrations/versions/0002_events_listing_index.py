"""A covering index for the events listing (the web app's filtered pages and the map).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

The events page filters on dates and aggregates and sorts by date; with the figures it shows
in the index, SQLite and PostgreSQL answer it from the index alone.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = ["date_start", "aggregate", "killed_best", "injured_best", "date_end", "event_type", "status"]


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_listing", COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_listing")
