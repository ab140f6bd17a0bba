"""The ledger's tables (SQLAlchemy Core), identical on SQLite and PostgreSQL.

Only portable types are used: strings, text, integers, floats, booleans, JSON and
timezone-aware timestamps. Dates of incidents are ISO strings (``YYYY-MM-DD``), which
sort and compare correctly as text on every backend.

Machine output (documents, claims, statements, mentions, places, events) is written by
ingest and re-clustering; human decisions live beside it (``claim_corrections``,
``constraints``, ``event_reviews``) and every human action appends to ``audit_log``.
The Alembic migrations in ``store/migrations/versions`` create exactly these tables; a
test compares the two.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

ID = sa.String(64)  # content hashes (16 hex digits today; room to grow)
ISO_DATE = sa.String(10)

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("title", sa.Text),
    sa.Column("published", ISO_DATE),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("path", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("ok", sa.Boolean, nullable=False),
    sa.Column("errors", sa.JSON, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

claims = sa.Table(
    "claims", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("doc_id", ID, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("idx", sa.Integer, nullable=False),  # order within the document
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("value", sa.Integer, nullable=False),
    sa.Column("qualifier", sa.String(16), nullable=False),
    sa.Column("victim_group", sa.String(32), nullable=False),
    sa.Column("claimant", sa.Text),
    sa.Column("claimant_start", sa.Integer),
    sa.Column("claimant_end", sa.Integer),
    sa.Column("claimant_type", sa.String(32), nullable=False),
    sa.Column("stance", sa.String(16), nullable=False),
    sa.Column("aggregate", sa.Boolean, nullable=False),
    sa.Column("event_type", sa.String(64)),
    sa.Column("sub_event_type", sa.String(64)),
    sa.Column("perpetrator", sa.Text),
    sa.Column("perpetrator_start", sa.Integer),
    sa.Column("perpetrator_end", sa.Integer),
    sa.Column("location", sa.Text),
    sa.Column("location_start", sa.Integer),
    sa.Column("location_end", sa.Integer),
    sa.Column("geonames_id", sa.Integer),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("country", sa.String(8)),
    sa.Column("admin1", sa.Text),
    sa.Column("admin2", sa.Text),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("feature", sa.String(32)),
    sa.Column("time_text", sa.Text),
    sa.Column("time_start", sa.Integer),
    sa.Column("time_end", sa.Integer),
    sa.Column("date_start", ISO_DATE),
    sa.Column("date_end", ISO_DATE),
    sa.Column("date_precision", sa.String(16)),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("evidence", sa.Text, nullable=False),
    sa.Column("evidence_part", sa.String(16)),  # NULL: the text; "title": a headline claim's offsets
    sa.Column("figure", sa.Text),
    sa.Column("figure_start", sa.Integer),
    sa.Column("figure_end", sa.Integer),
    sa.Column("event_id", ID),  # machine assignment, rewritten by re-clustering
    # What the clusterer needs besides the claim itself (its document's outlet, date, word and
    # name bags, main place, responsibility claims): computed once at ingest from the whole
    # DocumentResult, so re-clustering never re-reads or re-parses documents.
    sa.Column("cluster_ref", sa.JSON),
    sa.Index("ix_claims_doc_id", "doc_id"),
    sa.Index("ix_claims_event_id", "event_id"),
    sa.Index("ix_claims_date_start", "date_start"),
    sa.Index("ix_claims_place", "country", "admin1"),
)

# Blocking keys of each claim (from cluster.block_keys over the corrected claim): candidate
# claims for an incident are found through this index, never by scanning.
claim_blocks = sa.Table(
    "claim_blocks", metadata,
    sa.Column("block_key", sa.String(200), primary_key=True),
    sa.Column("claim_id", ID, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    sa.Index("ix_claim_blocks_claim_id", "claim_id"),
)

statements = sa.Table(
    "statements", metadata,
    sa.Column("doc_id", ID, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("speaker", sa.Text),
    sa.Column("speaker_start", sa.Integer),
    sa.Column("speaker_end", sa.Integer),
    sa.Column("speaker_as_written", sa.Text),
    sa.Column("speaker_as_written_start", sa.Integer),
    sa.Column("speaker_as_written_end", sa.Integer),
    sa.Column("cue", sa.Text, nullable=False),
    sa.Column("cue_start", sa.Integer, nullable=False),
    sa.Column("cue_end", sa.Integer, nullable=False),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("content_start", sa.Integer, nullable=False),
    sa.Column("content_end", sa.Integer, nullable=False),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("doc_id", ID, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("event_type", sa.String(64), nullable=False),
    sa.Column("sub_event_type", sa.String(64)),
    sa.Column("trigger", sa.Text, nullable=False),
    sa.Column("trigger_start", sa.Integer, nullable=False),
    sa.Column("trigger_end", sa.Integer, nullable=False),
    sa.Column("evidence", sa.Text, nullable=False),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
)

places = sa.Table(
    "places", metadata,
    sa.Column("doc_id", ID, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("geonames_id", sa.Integer),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("country", sa.String(8)),
    sa.Column("admin1", sa.Text),
    sa.Column("feature", sa.String(32)),
    sa.Index("ix_places_geonames_id", "geonames_id"),
    sa.Index("ix_places_latlon", "lat", "lon"),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("event_type", sa.String(64)),
    sa.Column("sub_event_type", sa.String(64)),
    sa.Column("place", sa.Text),
    sa.Column("geonames_id", sa.Integer),
    sa.Column("country", sa.String(8)),
    sa.Column("admin1", sa.Text),
    sa.Column("admin2", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("cell", sa.String(32)),  # 1-degree grid cell "lat_floor:lon_floor", for map queries
    sa.Column("date_start", ISO_DATE),
    sa.Column("date_end", ISO_DATE),
    sa.Column("date_precision", sa.String(16)),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("aggregate", sa.Boolean, nullable=False),
    sa.Column("killed_low", sa.Integer),
    sa.Column("killed_best", sa.Integer),
    sa.Column("killed_high", sa.Integer),
    sa.Column("injured_low", sa.Integer),
    sa.Column("injured_best", sa.Integer),
    sa.Column("injured_high", sa.Integer),
    sa.Column("number_of_sources", sa.Integer, nullable=False),
    sa.Column("n_claims", sa.Integer, nullable=False),
    sa.Column("n_documents", sa.Integer, nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Index("ix_events_date_start", "date_start"),
    sa.Index("ix_events_date_end", "date_end"),
    sa.Index("ix_events_latlon", "lat", "lon"),
    sa.Index("ix_events_cell", "cell"),
    sa.Index("ix_events_status", "status"),
    sa.Index("ix_events_country", "country", "admin1"),
    # migration 0002: the events listing answered from the index
    sa.Index("ix_events_listing", "date_start", "aggregate", "killed_best", "injured_best", "date_end",
             "event_type", "status"),
)

# Human decisions. A correction row holds the changed fields of one claim, as one reviewer
# set them; the effective claim is the machine claim with the active corrections applied
# in order. Undo deactivates (the audit log keeps the history).
claim_corrections = sa.Table(
    "claim_corrections", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("claim_id", ID, nullable=False),
    sa.Column("changes", sa.JSON, nullable=False),
    sa.Column("audit_id", sa.Integer, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Index("ix_claim_corrections_claim_id", "claim_id"),
)

# must-link (a merge) and cannot-link (a split) pairs of claim ids, fed to the clusterer.
# Claim ids are content hashes, so the pairs survive re-ingest and re-clustering.
constraints = sa.Table(
    "constraints", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(16), nullable=False),  # must_link | cannot_link
    sa.Column("claim_a", ID, nullable=False),
    sa.Column("claim_b", ID, nullable=False),
    sa.Column("audit_id", sa.Integer, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Index("ix_constraints_claim_a", "claim_a"),
    sa.Index("ix_constraints_claim_b", "claim_b"),
)

# A reviewer's "verified" mark on an event: kept by the event's anchor claim (the claim
# the event id derives from) so that it survives re-clustering.
event_reviews = sa.Table(
    "event_reviews", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", ID, nullable=False),
    sa.Column("claim_ids", sa.JSON, nullable=False),
    sa.Column("verified_by", sa.String(200), nullable=False),
    sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("audit_id", sa.Integer, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Index("ix_event_reviews_event_id", "event_id"),
)

audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user", sa.String(200), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("target_type", sa.String(32), nullable=False),
    sa.Column("target_id", sa.String(200), nullable=False),
    sa.Column("before", sa.JSON),
    sa.Column("after", sa.JSON),
    sa.Index("ix_audit_log_target", "target_type", "target_id"),
)

users = sa.Table(
    "users", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# Small key/value settings kept with the ledger (e.g. the web app's session secret).
settings = sa.Table(
    "settings", metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
