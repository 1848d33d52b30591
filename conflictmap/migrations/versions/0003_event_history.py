"""Corrections with history: events can be deleted or merged (and brought back); every change is logged.

Deleting and merging only mark an event (``deleted_at``, ``merged_into``),
so undoing is exact. ``event_changes`` records who changed what, when, the
old and the new value, and why.

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("merged_into", sa.String(64)))
        batch.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True)))
    op.create_table(
        "event_changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("editor", sa.Text, nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("field", sa.Text),
        sa.Column("old_value", sa.Text),
        sa.Column("new_value", sa.Text),
        sa.Column("reason", sa.Text),
    )
    op.create_index("ix_event_changes_event", "event_changes", ["event_id"])


def downgrade() -> None:
    op.drop_index("ix_event_changes_event", "event_changes")
    op.drop_table("event_changes")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("deleted_at")
        batch.drop_column("merged_into")
