"""The contract suite's remote backends (API engineer): the same tests, unchanged, against

- ``http-sqlite``: the HTTP client talking to a real uvicorn server (a thread, a free loopback
  port) that serves the simulator on a SQLite file;
- ``http-postgres``: the same on PostgreSQL (a private cluster, :mod:`tests.api.pg_cluster`);
- ``simulator-postgres``: the simulator itself on PostgreSQL.

The server runs with training routes and the harness's client holds a trainer token, so the
tests move the server's clock and read captchas through HTTP too. The background verification
is off: the simulator catches up on every read, and the tests decide when time moves.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.server.app import create_app
from desktop.server.tokens import TokenStore
from desktop.service.bootstrap import Backend, build_service
from desktop.service.interface import ServiceConfig
from desktop.service.simulator.clock import SimulatedClock
from models.database import open_database
from tests.api.live_server import LiveServer
from tests.api.pg_cluster import PgUnavailable, shared_cluster
from tests.contract.conftest import START, factory


def _migrate_and_seed(url: str) -> None:
    _server_backend(url, ServiceConfig()).close()


def postgres_url() -> str:
    """A fresh, migrated and seeded database on the session's cluster (a copy of a template
    made once), or skip with the reason."""
    try:
        cluster = shared_cluster()
    except PgUnavailable as exc:
        pytest.skip(f"PostgreSQL unavailable: {exc}")
    template = cluster.template("seeded", _migrate_and_seed)
    return cluster.create_database("contract", template=template)


def _server_backend(url: str, config: ServiceConfig) -> Backend:
    return build_service(
        url, hash_policy=CHEAP_FOR_TESTS, config=config, clock=SimulatedClock(START)
    )


@contextlib.contextmanager
def served(url: str, config: ServiceConfig) -> Iterator[Backend]:
    """The HTTP client backend of a live server over the simulator on ``url``."""
    with _server_backend(url, config) as server_backend:
        db = open_database(url)
        try:
            tokens = TokenStore(db)
            token = tokens.create("contract-trainer", trainer=True)
            app = create_app(server_backend, tokens=tokens, training=True, verify_every_s=None)
            with LiveServer(app) as server:
                with build_service(server.url, token=token, hash_policy=CHEAP_FOR_TESTS) as client:
                    yield client
        finally:
            db.dispose()


@factory("http-sqlite")
def _http_sqlite(tmp_path: Path, config: ServiceConfig) -> contextlib.AbstractContextManager:
    return served(f"sqlite:///{tmp_path / 'server.sqlite3'}", config)


@factory("http-postgres")
def _http_postgres(tmp_path: Path, config: ServiceConfig) -> contextlib.AbstractContextManager:
    return served(postgres_url(), config)


@factory("simulator-postgres")
def _simulator_postgres(tmp_path: Path, config: ServiceConfig) -> contextlib.AbstractContextManager:
    return _server_backend(postgres_url(), config)
