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
    # A database made by a development build before migrations existed may have some of this already.
    inspector = sa.inspect(op.get_bind())
    present = {c["name"] for c in inspector.get_columns("events")}
    missing = [c for c in (sa.Column("merged_into", sa.String(64)), sa.Column("deleted_at", sa.DateTime(timezone=True)))
               if c.name not in present]
    if missing:
        with op.batch_alter_table("events") as batch:
            for column in missing:
                batch.add_column(column)
    if inspector.has_table("event_changes"):
        return
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
