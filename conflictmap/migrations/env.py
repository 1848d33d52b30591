"""Alembic's entry point for conflictmap's schema.

``EventStore`` runs these migrations itself when it opens a database, so a
user never calls Alembic by hand. To add a migration (a new table or
column), copy the newest file in ``versions/``, give it the next number as
``revision`` and the old newest as ``down_revision``, write ``upgrade`` with
``op.*`` calls that work on SQLite and PostgreSQL (``batch_alter_table`` for
anything SQLite cannot ALTER), and change ``conflictmap/store.py``'s tables
to match: ``tests/test_migrations.py`` fails if the two disagree.
``alembic -c conflictmap/migrations/alembic.ini revision --autogenerate -m "…"``
(with ``-x url=…``) drafts one from the difference.
"""
from __future__ import annotations

from alembic import context

from conflictmap.store import _make_engine, default_url, metadata

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # EventStore passes its own connection, inside its transaction
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or default_url()
    engine = _make_engine(url)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


def _run(connection) -> None:  # noqa: ANN001 - a SQLAlchemy Connection
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():  # pragma: no cover - SQL scripts are not part of the workflow
    raise SystemExit("conflictmap migrates a live database; offline SQL generation is not supported")
run_migrations_online()
