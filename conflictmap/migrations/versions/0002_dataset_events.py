"""Events from data sets: an end date, and the source row's own fields.

UCDP GED events span ``date_start``..``date_end``; ACLED and UCDP rows carry
actors, codes and ids that conflictmap has no columns for but must give back
on export. ``attributes`` keeps them as JSON text.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("date_end", sa.Date))
        batch.add_column(sa.Column("attributes", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("attributes")
        batch.drop_column("date_end")
