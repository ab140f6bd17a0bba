"""Headline claims: which part of the document a claim's evidence offsets index.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

NULL (every claim stored before) is the text; "title" marks a claim read from the headline of
a document whose body told no figure.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("evidence_part", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_column("evidence_part")
