"""Date spans, the words of a date, vague-toll readings, and a data set's own fields.

``events.event_date_end`` and ``events.date_text`` (a span's last day; the
words that gave the date) and ``claims.killed_conventional`` (the number a
vague toll such as "dozens" conventionally stands for) came with the
extractor's date and toll reading; ``events.attributes`` keeps, as JSON,
the fields of an ACLED or UCDP GED row that conflictmap has no column for
(actors, codes, ids) so they come back out on export.

A database made by conflictmap just before migrations existed may already
have the first three columns, so each column is added only where missing.

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

NEW_COLUMNS = {
    "events": (sa.Column("event_date_end", sa.Date), sa.Column("date_text", sa.Text),
               sa.Column("attributes", sa.Text)),
    "claims": (sa.Column("killed_conventional", sa.Integer),),
}


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    for table, columns in NEW_COLUMNS.items():
        present = {c["name"] for c in inspector.get_columns(table)}
        missing = [c for c in columns if c.name not in present]
        if missing:
            with op.batch_alter_table(table) as batch:
                for column in missing:
                    batch.add_column(column)


def downgrade() -> None:
    for table, columns in NEW_COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_column(column.name)
