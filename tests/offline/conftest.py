"""Fixtures of the offline tests: a server key, a pinned queue, a simulator, a live server
with the sync routes, and requests for registry people (cheap hashes)."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.offline.queue import OfflineQueue
from desktop.offline.sealing import public_key_of
from desktop.offline.server_key import load_or_create_server_key
from desktop.security.hashing import CHEAP_FOR_TESTS, hash_answer, hash_password
from desktop.server.app import create_app
from desktop.server.tokens import TokenStore
from desktop.service.bootstrap import Backend, build_service
from desktop.service.interface import RegistrationRequest, SecurityAnswer, ServiceConfig
from models.database import open_database
from tests.api.live_server import LiveServer
from tests.contract.helpers import ANSWERS, PASSWORD, Person, people, request_for


@pytest.fixture
def server_key(tmp_path: Path) -> X25519PrivateKey:
    """The server's sealing key, in a file of the test's folder."""
    return load_or_create_server_key(tmp_path / "server" / "sync-x25519.pem")


@pytest.fixture
def queue(tmp_path: Path, server_key: X25519PrivateKey) -> Iterator[OfflineQueue]:
    """A queue file pinned to ``server_key``."""
    with OfflineQueue(tmp_path / "desk" / "offline-queue.sqlite3") as q:
        q.pin_server_key(public_key_of(server_key), "http://127.0.0.1:0")
        yield q


@pytest.fixture(scope="session")
def registry_people() -> list[Person]:
    """Registry people without an account, with a mobile."""
    return people(with_mobile=True)


@functools.cache
def cheap_hashes() -> tuple[str, tuple[SecurityAnswer, ...]]:
    """One cheap password hash and answer hashes, reused by every request (speed)."""
    answers = tuple(SecurityAnswer(q, hash_answer(a, CHEAP_FOR_TESTS)) for q, a in ANSWERS)
    return hash_password(PASSWORD, CHEAP_FOR_TESTS), answers


@pytest.fixture(scope="session")
def hashes() -> tuple[str, tuple[SecurityAnswer, ...]]:
    """:func:`cheap_hashes`."""
    return cheap_hashes()


def make_request(
    person: Person, hashes: tuple[str, tuple[SecurityAnswer, ...]]
) -> RegistrationRequest:
    """A valid request of ``person`` with the precomputed cheap hashes."""
    password_hash, answers = hashes
    base = request_for(person, CHEAP_FOR_TESTS)
    return dataclasses.replace(base, password_hash=password_hash, security_answers=answers)


@dataclass
class SyncServer:
    """A live API server with the sync routes: ``url``, desk ``token``, the server-side
    ``backend`` (simulator on ``db_url``) and its sealing key."""

    url: str
    token: str
    backend: Backend
    db_url: str
    key: X25519PrivateKey


@contextlib.contextmanager
def sync_server(
    db_url: str,
    key: X25519PrivateKey,
    *,
    verify_every_s: float | None = None,
    verification_delay_s: float = 3600.0,
    port: int = 0,
    token: str | None = None,
) -> Iterator[SyncServer]:
    """Serve the simulator on ``db_url`` (cheap hash policy) with the sync routes.

    Requests stay pending for ``verification_delay_s`` (an hour: tests see them as sent).
    ``token``: a desk token the database already knows (a restarted server); else a new one.
    """
    config = ServiceConfig(verification_delay_s=verification_delay_s)
    backend = build_service(db_url, hash_policy=CHEAP_FOR_TESTS, config=config)
    db = open_database(db_url)
    try:
        tokens = TokenStore(db, cache_ttl_s=0)
        if token is None:
            token = tokens.create(f"field-laptop-{len(tokens.list())}")
        app = create_app(backend, tokens=tokens, verify_every_s=verify_every_s, sync_key=key)
        live = LiveServer(app)
        if port:
            live = _on_port(app, port)
        with live:
            yield SyncServer(live.url, token, backend, db_url, key)
    finally:
        db.dispose()
        backend.close()


def _on_port(app, port: int) -> LiveServer:
    live = LiveServer(app)
    live.port = port
    live.url = f"http://127.0.0.1:{port}"
    live._server.config.port = port
    return live


@pytest.fixture
def server_db(tmp_path: Path) -> str:
    """The server's SQLite URL."""
    return f"sqlite:///{tmp_path / 'server' / 'server.sqlite3'}"


@pytest.fixture
def live(server_db: str, server_key: X25519PrivateKey) -> Iterator[SyncServer]:
    """A running server with sync routes."""
    with sync_server(server_db, server_key) as served:
        yield served
