"""Fixtures of the API tests: a live server over the simulator (SQLite file or PostgreSQL),
its desk and trainer tokens, and the session's private PostgreSQL cluster."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.server.app import create_app
from desktop.server.tokens import TokenStore
from desktop.service.bootstrap import Backend, build_service
from desktop.service.interface import ServiceConfig
from desktop.service.simulator.clock import SimulatedClock
from models.database import Database, open_database
from tests.api.live_server import LiveServer
from tests.api.pg_cluster import PgCluster, PgUnavailable, shared_cluster

START = dt.datetime(2025, 5, 1, 6, 30, tzinfo=dt.UTC)


@dataclass
class Served:
    """A running server: its ``url``, the server-side ``backend`` and ``db``, the ``tokens``
    store and two tokens (``desk``, ``trainer``)."""

    url: str
    backend: Backend
    db: Database
    tokens: TokenStore
    desk: str
    trainer: str

    def http(self, token: str | None = None, **headers: str) -> httpx.Client:
        """A raw httpx client for this server (``token`` defaults to the desk's)."""
        auth = {"Authorization": f"Bearer {token or self.desk}"} if token != "" else {}
        return httpx.Client(base_url=self.url, headers={**auth, **headers}, trust_env=False)

    def client(self, token: str | None = None) -> Backend:
        """The desk's backend (HTTP client) for this server."""
        return build_service(self.url, token=token or self.desk, hash_policy=CHEAP_FOR_TESTS)


@contextlib.contextmanager
def serve(
    url: str,
    *,
    training: bool = False,
    verify_every_s: float | None = None,
    config: ServiceConfig | None = None,
    clock: SimulatedClock | None = None,
    sync_key: X25519PrivateKey | None = None,
    **tls: str,
) -> Iterator[Served]:
    """Serve the simulator on database ``url`` (cheap hashes) until the block ends; with
    ``sync_key``, the offline sync routes too."""
    backend = build_service(
        url,
        hash_policy=CHEAP_FOR_TESTS,
        config=config or ServiceConfig(),
        clock=clock if clock is not None else SimulatedClock(START),
    )
    db = open_database(url)
    try:
        tokens = TokenStore(db, cache_ttl_s=0)
        desk = tokens.create("desk-1")
        trainer = tokens.create("trainer", trainer=True)
        app = create_app(
            backend,
            tokens=tokens,
            training=training,
            verify_every_s=verify_every_s,
            sync_key=sync_key,
        )
        with LiveServer(app, ssl_certfile=tls.get("cert"), ssl_keyfile=tls.get("key")) as live:
            yield Served(live.url, backend, db, tokens, desk, trainer)
    finally:
        db.dispose()
        backend.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite file for the server."""
    return f"sqlite:///{tmp_path / 'server.sqlite3'}"


@pytest.fixture(scope="session")
def pg_cluster() -> PgCluster:
    """The session's private PostgreSQL cluster (skips with the reason when unavailable)."""
    try:
        return shared_cluster()
    except PgUnavailable as exc:
        pytest.skip(f"PostgreSQL unavailable: {exc}")


@pytest.fixture
def postgres_url(pg_cluster: PgCluster) -> str:
    """A fresh PostgreSQL database."""
    return pg_cluster.create_database("api")


@pytest.fixture
def server(sqlite_url: str) -> Iterator[Served]:
    """A plain (no training routes) server on a SQLite file."""
    with serve(sqlite_url) as served:
        yield served


@pytest.fixture
def training_server(sqlite_url: str) -> Iterator[Served]:
    """A ``--training`` server on a SQLite file."""
    with serve(sqlite_url, training=True) as served:
        yield served
