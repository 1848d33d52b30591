"""Shared claims: one figure a source gave for several places at once.

"1,300 killed in three towns" is one claim shared by three events. Each of
those events keeps a copy of the claim (so each place shows it), and the
copies carry the same ``shared_key`` (a hash of the report, source, figures
and quote) and ``shared_by`` (the place mentions, as JSON text), so every
total counts the figure once. Both are empty for an ordinary claim; rows
stored before this revision stay ordinary.

Revision ID: 0007
Revises: 0006
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    present = {c["name"] for c in inspector.get_columns("claims")}
    missing = [c for c in (sa.Column("shared_key", sa.String(40)), sa.Column("shared_by", sa.Text))
               if c.name not in present]
    if missing:
        with op.batch_alter_table("claims") as batch:
            for column in missing:
                batch.add_column(column)
    if "ix_claims_shared" not in {i["name"] for i in inspector.get_indexes("claims")}:
        op.create_index("ix_claims_shared", "claims", ["shared_key"])


def downgrade() -> None:
    op.drop_index("ix_claims_shared", table_name="claims")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("shared_by")
        batch.drop_column("shared_key")
