"""Alembic environment: runs with a connection handed over by :func:`models.database.migrate`
(no alembic.ini at runtime), or, for developers' ``alembic revision --autogenerate``, with
``sqlalchemy.url`` set on the config."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

import models  # registers every table on Base.metadata
from models.base import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    # render_as_batch: SQLite cannot ALTER most things; batch mode rebuilds the table instead.
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set sqlalchemy.url or pass a connection in config.attributes")
    with create_engine(url).begin() as conn:
        _run(conn)
assert models  # keep the import: it is what fills target_metadata
