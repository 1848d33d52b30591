"""Geocoding: online answers cached, analysts' pins with their history, and why an event is unplaced.

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A database made by a development build before migrations existed may hold these tables already.
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "geocode_cache" not in present:
        _create_cache()
    if "place_pins" not in present:
        _create_pins()
    if "geocode_attempts" not in present:
        _create_attempts()


def _create_cache() -> None:
    op.create_table(
        "geocode_cache",
        sa.Column("key", sa.String(400), primary_key=True),
        sa.Column("provider", sa.String(60), nullable=False),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("near", sa.Text),
        sa.Column("found", sa.Boolean, nullable=False),
        sa.Column("place_id", sa.String(120)),
        sa.Column("name", sa.Text),
        sa.Column("display_name", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("precision", sa.String(20)),
        sa.Column("admin1", sa.Text),
        sa.Column("country", sa.String(2)),
        sa.Column("coord_source", sa.Text),
        sa.Column("confidence", sa.Float),
        sa.Column("raw", sa.Text),
        sa.Column("cached_at", sa.DateTime(timezone=True), nullable=False),
    )


def _create_pins() -> None:
    op.create_table(
        "place_pins",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("place_id", sa.String(120), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("precision", sa.String(20), nullable=False),
        sa.Column("admin1", sa.Text),
        sa.Column("previous_lat", sa.Float),
        sa.Column("previous_lon", sa.Float),
        sa.Column("previous_source", sa.Text),
        sa.Column("who", sa.Text, nullable=False),
        sa.Column("pinned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_place_pins_target", "place_pins", ["target"])


def _create_attempts() -> None:
    op.create_table(
        "geocode_attempts",
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, default=1),
        sa.Column("tried_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("geocode_attempts")
    op.drop_index("ix_place_pins_target", "place_pins")
    op.drop_table("place_pins")
    op.drop_table("geocode_cache")
