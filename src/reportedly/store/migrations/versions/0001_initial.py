"""The initial ledger schema (reportedly 0.1).

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-26

Migrations are frozen: later schema changes go in new revisions, never here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("audit_log",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("user", sa.String(length=200), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("action", sa.String(length=32), nullable=False),
    sa.Column("target_type", sa.String(length=32), nullable=False),
    sa.Column("target_id", sa.String(length=200), nullable=False),
    sa.Column("before", sa.JSON(), nullable=True),
    sa.Column("after", sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_target", ["target_type", "target_id"], unique=False)

    op.create_table("claim_corrections",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("claim_id", sa.String(length=64), nullable=False),
    sa.Column("changes", sa.JSON(), nullable=False),
    sa.Column("audit_id", sa.Integer(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("claim_corrections", schema=None) as batch_op:
        batch_op.create_index("ix_claim_corrections_claim_id", ["claim_id"], unique=False)

    op.create_table("constraints",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("kind", sa.String(length=16), nullable=False),
    sa.Column("claim_a", sa.String(length=64), nullable=False),
    sa.Column("claim_b", sa.String(length=64), nullable=False),
    sa.Column("audit_id", sa.Integer(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("constraints", schema=None) as batch_op:
        batch_op.create_index("ix_constraints_claim_a", ["claim_a"], unique=False)
        batch_op.create_index("ix_constraints_claim_b", ["claim_b"], unique=False)

    op.create_table("documents",
    sa.Column("id", sa.String(length=64), nullable=False),
    sa.Column("title", sa.Text(), nullable=True),
    sa.Column("published", sa.String(length=10), nullable=True),
    sa.Column("source", sa.Text(), nullable=True),
    sa.Column("url", sa.Text(), nullable=True),
    sa.Column("path", sa.Text(), nullable=True),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("ok", sa.Boolean(), nullable=False),
    sa.Column("errors", sa.JSON(), nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint("id")
    )
    op.create_table("event_reviews",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("event_id", sa.String(length=64), nullable=False),
    sa.Column("claim_ids", sa.JSON(), nullable=False),
    sa.Column("verified_by", sa.String(length=200), nullable=False),
    sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("audit_id", sa.Integer(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("event_reviews", schema=None) as batch_op:
        batch_op.create_index("ix_event_reviews_event_id", ["event_id"], unique=False)

    op.create_table("events",
    sa.Column("id", sa.String(length=64), nullable=False),
    sa.Column("event_type", sa.String(length=64), nullable=True),
    sa.Column("sub_event_type", sa.String(length=64), nullable=True),
    sa.Column("place", sa.Text(), nullable=True),
    sa.Column("geonames_id", sa.Integer(), nullable=True),
    sa.Column("country", sa.String(length=8), nullable=True),
    sa.Column("admin1", sa.Text(), nullable=True),
    sa.Column("admin2", sa.Text(), nullable=True),
    sa.Column("lat", sa.Float(), nullable=True),
    sa.Column("lon", sa.Float(), nullable=True),
    sa.Column("geo_precision", sa.Integer(), nullable=True),
    sa.Column("cell", sa.String(length=32), nullable=True),
    sa.Column("date_start", sa.String(length=10), nullable=True),
    sa.Column("date_end", sa.String(length=10), nullable=True),
    sa.Column("date_precision", sa.String(length=16), nullable=True),
    sa.Column("status", sa.String(length=32), nullable=False),
    sa.Column("aggregate", sa.Boolean(), nullable=False),
    sa.Column("killed_low", sa.Integer(), nullable=True),
    sa.Column("killed_best", sa.Integer(), nullable=True),
    sa.Column("killed_high", sa.Integer(), nullable=True),
    sa.Column("injured_low", sa.Integer(), nullable=True),
    sa.Column("injured_best", sa.Integer(), nullable=True),
    sa.Column("injured_high", sa.Integer(), nullable=True),
    sa.Column("number_of_sources", sa.Integer(), nullable=False),
    sa.Column("n_claims", sa.Integer(), nullable=False),
    sa.Column("n_documents", sa.Integer(), nullable=False),
    sa.Column("record", sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_cell", ["cell"], unique=False)
        batch_op.create_index("ix_events_country", ["country", "admin1"], unique=False)
        batch_op.create_index("ix_events_date_end", ["date_end"], unique=False)
        batch_op.create_index("ix_events_date_start", ["date_start"], unique=False)
        batch_op.create_index("ix_events_latlon", ["lat", "lon"], unique=False)
        batch_op.create_index("ix_events_status", ["status"], unique=False)

    op.create_table("settings",
    sa.Column("key", sa.String(length=200), nullable=False),
    sa.Column("value", sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint("key")
    )
    op.create_table("users",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("name", sa.String(length=200), nullable=False),
    sa.Column("password_hash", sa.Text(), nullable=False),
    sa.Column("role", sa.String(length=32), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("name")
    )
    op.create_table("claims",
    sa.Column("id", sa.String(length=64), nullable=False),
    sa.Column("doc_id", sa.String(length=64), nullable=False),
    sa.Column("idx", sa.Integer(), nullable=False),
    sa.Column("kind", sa.String(length=16), nullable=False),
    sa.Column("value", sa.Integer(), nullable=False),
    sa.Column("qualifier", sa.String(length=16), nullable=False),
    sa.Column("victim_group", sa.String(length=32), nullable=False),
    sa.Column("claimant", sa.Text(), nullable=True),
    sa.Column("claimant_start", sa.Integer(), nullable=True),
    sa.Column("claimant_end", sa.Integer(), nullable=True),
    sa.Column("claimant_type", sa.String(length=32), nullable=False),
    sa.Column("stance", sa.String(length=16), nullable=False),
    sa.Column("aggregate", sa.Boolean(), nullable=False),
    sa.Column("event_type", sa.String(length=64), nullable=True),
    sa.Column("sub_event_type", sa.String(length=64), nullable=True),
    sa.Column("perpetrator", sa.Text(), nullable=True),
    sa.Column("perpetrator_start", sa.Integer(), nullable=True),
    sa.Column("perpetrator_end", sa.Integer(), nullable=True),
    sa.Column("location", sa.Text(), nullable=True),
    sa.Column("location_start", sa.Integer(), nullable=True),
    sa.Column("location_end", sa.Integer(), nullable=True),
    sa.Column("geonames_id", sa.Integer(), nullable=True),
    sa.Column("lat", sa.Float(), nullable=True),
    sa.Column("lon", sa.Float(), nullable=True),
    sa.Column("country", sa.String(length=8), nullable=True),
    sa.Column("admin1", sa.Text(), nullable=True),
    sa.Column("admin2", sa.Text(), nullable=True),
    sa.Column("geo_precision", sa.Integer(), nullable=True),
    sa.Column("feature", sa.String(length=32), nullable=True),
    sa.Column("time_text", sa.Text(), nullable=True),
    sa.Column("time_start", sa.Integer(), nullable=True),
    sa.Column("time_end", sa.Integer(), nullable=True),
    sa.Column("date_start", sa.String(length=10), nullable=True),
    sa.Column("date_end", sa.String(length=10), nullable=True),
    sa.Column("date_precision", sa.String(length=16), nullable=True),
    sa.Column("evidence_start", sa.Integer(), nullable=False),
    sa.Column("evidence_end", sa.Integer(), nullable=False),
    sa.Column("evidence", sa.Text(), nullable=False),
    sa.Column("figure", sa.Text(), nullable=True),
    sa.Column("figure_start", sa.Integer(), nullable=True),
    sa.Column("figure_end", sa.Integer(), nullable=True),
    sa.Column("event_id", sa.String(length=64), nullable=True),
    sa.Column("cluster_ref", sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index("ix_claims_date_start", ["date_start"], unique=False)
        batch_op.create_index("ix_claims_doc_id", ["doc_id"], unique=False)
        batch_op.create_index("ix_claims_event_id", ["event_id"], unique=False)
        batch_op.create_index("ix_claims_place", ["country", "admin1"], unique=False)

    op.create_table("mentions",
    sa.Column("doc_id", sa.String(length=64), nullable=False),
    sa.Column("idx", sa.Integer(), nullable=False),
    sa.Column("event_type", sa.String(length=64), nullable=False),
    sa.Column("sub_event_type", sa.String(length=64), nullable=True),
    sa.Column("trigger", sa.Text(), nullable=False),
    sa.Column("trigger_start", sa.Integer(), nullable=False),
    sa.Column("trigger_end", sa.Integer(), nullable=False),
    sa.Column("evidence", sa.Text(), nullable=False),
    sa.Column("evidence_start", sa.Integer(), nullable=False),
    sa.Column("evidence_end", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("doc_id", "idx")
    )
    op.create_table("places",
    sa.Column("doc_id", sa.String(length=64), nullable=False),
    sa.Column("idx", sa.Integer(), nullable=False),
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("start", sa.Integer(), nullable=False),
    sa.Column("end", sa.Integer(), nullable=False),
    sa.Column("geonames_id", sa.Integer(), nullable=True),
    sa.Column("lat", sa.Float(), nullable=True),
    sa.Column("lon", sa.Float(), nullable=True),
    sa.Column("country", sa.String(length=8), nullable=True),
    sa.Column("admin1", sa.Text(), nullable=True),
    sa.Column("feature", sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("doc_id", "idx")
    )
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.create_index("ix_places_geonames_id", ["geonames_id"], unique=False)
        batch_op.create_index("ix_places_latlon", ["lat", "lon"], unique=False)

    op.create_table("statements",
    sa.Column("doc_id", sa.String(length=64), nullable=False),
    sa.Column("idx", sa.Integer(), nullable=False),
    sa.Column("speaker", sa.Text(), nullable=True),
    sa.Column("speaker_start", sa.Integer(), nullable=True),
    sa.Column("speaker_end", sa.Integer(), nullable=True),
    sa.Column("speaker_as_written", sa.Text(), nullable=True),
    sa.Column("speaker_as_written_start", sa.Integer(), nullable=True),
    sa.Column("speaker_as_written_end", sa.Integer(), nullable=True),
    sa.Column("cue", sa.Text(), nullable=False),
    sa.Column("cue_start", sa.Integer(), nullable=False),
    sa.Column("cue_end", sa.Integer(), nullable=False),
    sa.Column("content", sa.Text(), nullable=False),
    sa.Column("content_start", sa.Integer(), nullable=False),
    sa.Column("content_end", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("doc_id", "idx")
    )
    op.create_table("claim_blocks",
    sa.Column("block_key", sa.String(length=200), nullable=False),
    sa.Column("claim_id", sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("block_key", "claim_id")
    )
    with op.batch_alter_table("claim_blocks", schema=None) as batch_op:
        batch_op.create_index("ix_claim_blocks_claim_id", ["claim_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("claim_blocks", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_blocks_claim_id")

    op.drop_table("claim_blocks")
    op.drop_table("statements")
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_index("ix_places_latlon")
        batch_op.drop_index("ix_places_geonames_id")

    op.drop_table("places")
    op.drop_table("mentions")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index("ix_claims_place")
        batch_op.drop_index("ix_claims_event_id")
        batch_op.drop_index("ix_claims_doc_id")
        batch_op.drop_index("ix_claims_date_start")

    op.drop_table("claims")
    op.drop_table("users")
    op.drop_table("settings")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_status")
        batch_op.drop_index("ix_events_latlon")
        batch_op.drop_index("ix_events_date_start")
        batch_op.drop_index("ix_events_date_end")
        batch_op.drop_index("ix_events_country")
        batch_op.drop_index("ix_events_cell")

    op.drop_table("events")
    with op.batch_alter_table("event_reviews", schema=None) as batch_op:
        batch_op.drop_index("ix_event_reviews_event_id")

    op.drop_table("event_reviews")
    op.drop_table("documents")
    with op.batch_alter_table("constraints", schema=None) as batch_op:
        batch_op.drop_index("ix_constraints_claim_b")
        batch_op.drop_index("ix_constraints_claim_a")

    op.drop_table("constraints")
    with op.batch_alter_table("claim_corrections", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_corrections_claim_id")

    op.drop_table("claim_corrections")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_target")

    op.drop_table("audit_log")
