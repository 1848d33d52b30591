"""The injured figure's words, kept as the killed figure's are.

``claims.injured_qualifier`` ("at least", "more than", "around", "up to"),
``claims.injured_text`` (a vague amount as the report words it: "dozens",
"several"), ``claims.injured_conventional`` (the number ACLED's codebook
reads such an amount as: "dozens" 12) and ``claims.injured_high`` (the
upper end of a range, "between 15 and 20 wounded": ``injured`` holds 15).
Rows stored before this revision keep them empty: their injured figure was
read as a bare number, and the reader's next pass of the report fills them.

Revision ID: 0008
Revises: 0007
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NEW_COLUMNS = (sa.Column("injured_qualifier", sa.Text), sa.Column("injured_text", sa.Text),
               sa.Column("injured_conventional", sa.Integer), sa.Column("injured_high", sa.Integer))


def upgrade() -> None:
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("claims")}
    missing = [sa.Column(c.name, c.type) for c in NEW_COLUMNS if c.name not in present]
    if missing:
        with op.batch_alter_table("claims") as batch:
            for column in missing:
                batch.add_column(column)


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        for column in reversed(NEW_COLUMNS):
            batch.drop_column(column.name)
