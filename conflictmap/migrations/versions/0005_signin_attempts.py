"""Failed editor-password sign-ins, per client and in all, so the limit holds across sessions and servers.

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "signin_attempts" in set(sa.inspect(op.get_bind()).get_table_names()):
        return
    op.create_table(
        "signin_attempts",
        sa.Column("client", sa.String(200), primary_key=True),  # a client's address, or "*" for all clients
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("first_failure", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_failure", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("signin_attempts")
