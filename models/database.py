"""Engine, connection PRAGMAs, sessions and the programmatic ``alembic upgrade head``.

The only module that knows SQLite specifics: the service code above it runs unchanged on
PostgreSQL. SQLite gets:

* ``PRAGMA foreign_keys=ON`` (off by default in SQLite) and ``journal_mode=WAL`` on a file
  (readers never block the writer), a 30 s busy timeout;
* ``BEGIN IMMEDIATE`` for every transaction: the write lock is taken at the start, so a
  read-then-update can never interleave with another writer and the lock upgrade cannot fail
  with SQLITE_BUSY half-way (SQLAlchemy's documented pysqlite recipe);
* ``sqlite://`` (memory) on one shared connection (StaticPool): the database lives as long as
  the engine;
* :attr:`Database.serialize` on every SQLite database: callers take the in-process lock around
  transactions, so this process's writers queue on a mutex rather than in SQLite's busy handler,
  whose sleeping back-off lets some requests starve for seconds under a room's load (the lock
  took a 20-desk registration load's p99 from about 1.8 s to 0.3 s; other processes, like the
  trainer's commands, still meet the busy timeout).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_S = 30.0


@dataclass
class Database:
    """An engine and its session factory. ``file`` is the SQLite file (None for memory or a
    server database); ``serialize`` is True on SQLite (one writer at a time anyway; one
    connection shared for memory), and ``lock`` is then held around every transaction."""

    engine: Engine
    sessions: sessionmaker[Session]
    file: Path | None
    serialize: bool
    lock: threading.RLock = field(default_factory=threading.RLock)

    def dispose(self) -> None:
        """Close every pooled connection (a memory database is gone after this)."""
        self.engine.dispose()


def _sqlite_pragmas(engine: Engine, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at the driver level: SQLAlchemy's "begin" hook below emits BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
            # With WAL, NORMAL is durable against application crashes and much faster.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def open_database(url: str) -> Database:
    """Create the engine for ``url`` (``sqlite:///PATH``, ``sqlite://`` or a server URL).

    Creates the SQLite file's folder if needed. Does not migrate: call :func:`migrate`.
    Raises ``sqlalchemy.exc.ArgumentError`` for a malformed URL.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # READ COMMITTED (PostgreSQL's default): read-then-write steps take an advisory lock
        # (unit_of_work.Work.serialize); raced inserts and deadlocks are re-run (retry_conflicts).
        # Pool: enough connections for the server's thread pool without waiting on each other.
        engine = create_engine(url, pool_pre_ping=True, pool_size=20, max_overflow=20)
        return Database(engine, sessionmaker(engine, expire_on_commit=False), None, False)
    database = parsed.database or ""
    in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
    connect_args = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S}
    if in_memory:
        engine = create_engine(url, poolclass=StaticPool, connect_args=connect_args)
        file = None
    else:
        file = Path(database).expanduser().resolve()
        file.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args=connect_args)
    _sqlite_pragmas(engine, wal=not in_memory)
    return Database(engine, sessionmaker(engine, expire_on_commit=False), file, True)


def alembic_config(connection: Any = None, script_location: Path = MIGRATIONS_DIR) -> Any:
    """An Alembic ``Config`` for the migrations in ``script_location`` (default
    :data:`MIGRATIONS_DIR`), with no alembic.ini.

    ``connection`` (a SQLAlchemy Connection) is handed to ``env.py`` through
    ``config.attributes`` so a memory database is migrated on its own connection.
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def migrate(db: Database, revision: str = "head", script_location: Path = MIGRATIONS_DIR) -> None:
    """Apply migrations up to ``revision`` (default ``head``) in one transaction.

    Safe to call at every start: an up-to-date database is left untouched and keeps its data.
    ``script_location`` is for tests that rehearse a future migration on a copy.
    """
    from alembic import command

    with db.lock, db.engine.begin() as connection:
        command.upgrade(alembic_config(connection, script_location), revision)


def current_revision(db: Database) -> str | None:
    """The Alembic revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
