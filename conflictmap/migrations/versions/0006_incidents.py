"""Incidents: the events of many reports that tell one happening, and editors' decisions about them.

``events.incident_id`` groups events into incidents; ``incident_link`` says
how an event came to share its incident (``auto`` by the linker, ``editor``
by a join or a confirmed proposal; empty when alone). ``incident_proposals``
are the grey-zone matches waiting for an editor; ``incident_decisions`` keep
every split, join, confirmation, rejection and switch of automatic joins with
who, when and why, and whether it was undone (the linker obeys the decisions
that stand). ``incident_settings`` holds the automatic-join switch.

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    present = {c["name"] for c in inspector.get_columns("events")}
    missing = [c for c in (sa.Column("incident_id", sa.String(64)), sa.Column("incident_link", sa.String(10)),
                           sa.Column("incident_reason", sa.Text)) if c.name not in present]
    if missing:
        with op.batch_alter_table("events") as batch:
            for column in missing:
                batch.add_column(column)
    if "ix_events_incident" not in {i["name"] for i in inspector.get_indexes("events")}:
        op.create_index("ix_events_incident", "events", ["incident_id"])
    tables = set(inspector.get_table_names())
    if "incident_proposals" not in tables:
        op.create_table(
            "incident_proposals",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("event_a", sa.String(64), nullable=False),
            sa.Column("event_b", sa.String(64), nullable=False),
            sa.Column("score", sa.Float, nullable=False),
            sa.Column("reason", sa.Text, nullable=False),
            sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        )
    if "incident_decisions" not in tables:
        op.create_table(
            "incident_decisions",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("action", sa.String(12), nullable=False),
            sa.Column("event_a", sa.String(64)),
            sa.Column("event_b", sa.String(64)),
            sa.Column("pairs", sa.Text),
            sa.Column("score", sa.Float),
            sa.Column("editor", sa.Text, nullable=False),
            sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("reason", sa.Text),
            sa.Column("undone_by", sa.Text),
            sa.Column("undone_at", sa.DateTime(timezone=True)),
            sa.Column("undo_reason", sa.Text),
        )
    if "incident_settings" not in tables:
        op.create_table(
            "incident_settings",
            sa.Column("key", sa.String(40), primary_key=True),
            sa.Column("value", sa.Text, nullable=False),
        )


def downgrade() -> None:
    op.drop_table("incident_settings")
    op.drop_table("incident_decisions")
    op.drop_table("incident_proposals")
    op.drop_index("ix_events_incident", "events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("incident_reason")
        batch.drop_column("incident_link")
        batch.drop_column("incident_id")
