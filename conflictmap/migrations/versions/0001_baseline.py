"""Baseline: reports, places, events and claims as conflictmap first stored them.

A database created before migrations existed has exactly these tables; the
store stamps it with this revision and upgrades it from here.

Revision ID: 0001
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("pub_date", sa.Date),
        sa.Column("title", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "places",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("display_name", sa.Text, nullable=False),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("precision", sa.String(20)),
        sa.Column("admin1", sa.Text),
        sa.Column("coord_source", sa.Text),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("report_id", sa.String(32), sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("place_id", sa.String(120), sa.ForeignKey("places.id")),
        sa.Column("place_mention", sa.Text, nullable=False),
        sa.Column("event_date", sa.Date),
        sa.Column("date_precision", sa.String(10), nullable=False),
        sa.Column("event_type", sa.String(30), nullable=False),
        sa.Column("types", sa.Text, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
    )
    op.create_index("ix_events_date", "events", ["event_date"])
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.String(32), sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id", ondelete="CASCADE")),
        sa.Column("source", sa.Text),
        sa.Column("source_mention", sa.Text),
        sa.Column("source_kind", sa.Text),
        sa.Column("killed", sa.Integer),
        sa.Column("injured", sa.Integer),
        sa.Column("civilians", sa.Integer),
        sa.Column("rebels", sa.Integer),
        sa.Column("government", sa.Integer),
        sa.Column("children", sa.Integer),
        sa.Column("women", sa.Integer),
        sa.Column("killed_qualifier", sa.Text),
        sa.Column("killed_text", sa.Text),
        sa.Column("scope", sa.String(40), nullable=False),
        sa.Column("denial", sa.Boolean, nullable=False),
        sa.Column("flag", sa.Text),
        sa.Column("relayed_by", sa.Text),
        sa.Column("claim_date", sa.Date),
        sa.Column("quote", sa.Text, nullable=False),
    )
    op.create_index("ix_claims_event", "claims", ["event_id"])


def downgrade() -> None:
    for name in ("claims", "events", "places", "reports"):
        op.drop_table(name)
