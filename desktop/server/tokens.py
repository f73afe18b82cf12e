"""Desk tokens: create, check, revoke and list the bearer tokens that may call the server.

A token is 32 random bytes (256 bits, :func:`secrets.token_urlsafe`), printed once by
``tamin-desk serve create-token`` and kept only as its SHA-256. A fast hash is enough here,
unlike for passwords: guessing a 256-bit random value is hopeless whatever the hash costs, and
a slow hash (argon2id) would be paid on every request of every desk. (OWASP's password storage
advice is about low-entropy human secrets.)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.database import Database
from models.desk_token import DeskToken

#: How long a checked token is remembered, in seconds: a revocation takes effect within this.
CACHE_TTL_S = 2.0
NAME_MAX = 64


@dataclass(frozen=True)
class DeskIdentity:
    """Who is calling: the token's ``name`` and whether it is a trainer's."""

    name: str
    trainer: bool


@dataclass(frozen=True)
class TokenInfo:
    """A row of ``list-tokens`` (never the token itself)."""

    name: str
    trainer: bool
    created_at: dt.datetime
    revoked_at: dt.datetime | None


class TokenError(ValueError):
    """A token command refused: bad name, name taken, or no such token."""


def token_digest(token: str) -> str:
    """Hex SHA-256 of a token's UTF-8 bytes (64 characters)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenStore:
    """Desk tokens in the ``desk_tokens`` table of the service's database.

    ``db`` is the service's migrated database (:func:`models.database.open_database`);
    ``clock`` gives aware UTC times (default: the wall clock; tokens do not follow the simulated
    clock); ``cache_ttl_s`` is how long a checked token is remembered (seconds; a revocation by
    another process takes effect within it). Thread-safe.
    """

    def __init__(
        self,
        db: Database,
        clock: Callable[[], dt.datetime] | None = None,
        cache_ttl_s: float = CACHE_TTL_S,
    ):
        self._db = db
        self._cache_ttl_s = cache_ttl_s
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._cache: dict[str, tuple[float, DeskIdentity | None]] = {}
        self._cache_lock = threading.Lock()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Session]:
        # A memory database is one shared connection: its lock serialises transactions.
        with self._db.lock if self._db.serialize else contextlib.nullcontext():
            with self._db.sessions.begin() as session:
                yield session

    def create(self, name: str, *, trainer: bool = False) -> str:
        """Create a token for ``name`` and return it (the only time it is shown).

        A revoked name may be given a new token. Raises TokenError for an empty or too long
        name, or a name that already has a live token.
        """
        name = name.strip()
        if not name or len(name) > NAME_MAX:
            raise TokenError(f"a token name has 1 to {NAME_MAX} characters")
        token = secrets.token_urlsafe(32)
        with self._transaction() as session:
            row = session.get(DeskToken, name)
            if row is not None and row.revoked_at is None:
                raise TokenError(f"token {name!r} exists; revoke it first")
            if row is None:
                row = DeskToken(name=name)
                session.add(row)
            row.token_sha256 = token_digest(token)
            row.trainer = trainer
            row.created_at = self._clock()
            row.revoked_at = None
            try:
                session.flush()
            except IntegrityError as exc:  # two creates of one name at the same moment
                raise TokenError(f"token {name!r} exists") from exc
        return token

    def revoke(self, name: str) -> None:
        """Refuse ``name``'s token from now on (within :data:`CACHE_TTL_S` on a running
        server). Raises TokenError when no live token has this name."""
        with self._transaction() as session:
            done = session.execute(
                update(DeskToken)
                .where(DeskToken.name == name, DeskToken.revoked_at.is_(None))
                .values(revoked_at=self._clock())
            ).rowcount
        if not done:
            raise TokenError(f"no live token named {name!r}")

    def list(self) -> list[TokenInfo]:
        """Every token, live and revoked, by name."""
        with self._transaction() as session:
            rows = session.scalars(select(DeskToken).order_by(DeskToken.name)).all()
            return [TokenInfo(r.name, r.trainer, r.created_at, r.revoked_at) for r in rows]

    def check_cached(self, token: str | None) -> DeskIdentity | bool | None:
        """What :meth:`check` would answer without touching the database, or False when only
        the database can tell (no recent check of this token). Never blocks, so the server
        calls it on its event loop and moves to a worker thread only on a miss."""
        if not token:
            return None
        with self._cache_lock:
            cached = self._cache.get(token_digest(token))
        if cached is not None and time.monotonic() - cached[0] < self._cache_ttl_s:
            return cached[1]
        return False

    def check(self, token: str | None) -> DeskIdentity | None:
        """The identity of a live token, or None (missing, unknown or revoked)."""
        cached = self.check_cached(token)
        if cached is not False:
            return cached
        assert token  # check_cached answers None for a missing token
        digest = token_digest(token)
        now = time.monotonic()
        with self._transaction() as session:
            row = session.scalars(
                select(DeskToken).where(
                    DeskToken.token_sha256 == digest, DeskToken.revoked_at.is_(None)
                )
            ).first()
            identity = DeskIdentity(row.name, row.trainer) if row is not None else None
        with self._cache_lock:
            # Bounded: unknown tokens are cached too, so a flood of random ones is capped here.
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[digest] = (now, identity)
        return identity
