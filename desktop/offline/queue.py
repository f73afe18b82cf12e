"""The offline queue: registrations waiting to be sent, in their own durable SQLite file.

One file in the user data folder (``Settings.offline_queue_path``), opened with the standard
library's ``sqlite3`` (no SQLAlchemy: two small tables, and the desk must start fast):

* ``journal_mode=WAL`` and ``synchronous=FULL``: a commit returns only after the WAL is
  fsync'ed, so :meth:`OfflineQueue.enqueue` returning means the record survives a crash or a
  power cut (SQLite documentation, "PRAGMA synchronous"); ``secure_delete`` overwrites the
  pages of sent records.
* ``items``: one row per queued registration holding only its local id, the masked national
  code (``049****899``), the state, the server's answer (tracking id, or field error codes),
  timestamps, the fingerprint of the key it was sealed to, and the sealed record
  (:mod:`desktop.offline.sealing`) until the server has answered. Nothing else is readable:
  not a name, a mobile or a full national code; the secrets were PHC strings before sealing.
* ``meta``: the pinned server public key (:meth:`OfflineQueue.pin_server_key`).

Safe to use from several threads and processes (each call is one short transaction, and
SQLite's locks serialise writers); one connection per :class:`OfflineQueue`, guarded by a lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from desktop.offline.errors import NoServerKey
from desktop.offline.sealing import ServerKey, seal
from desktop.rules.errors import FieldError
from desktop.security.masking import mask_national_code
from desktop.service import wire
from desktop.service.interface import RegistrationRequest

#: Position in the queue: ``(queued_at ISO text, local_id)`` of the last item read.
Cursor = tuple[str, str]

#: Seconds a writer waits for another process's lock before giving up.
BUSY_TIMEOUT_S = 30.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    local_id TEXT PRIMARY KEY,
    masked_national_code TEXT NOT NULL,
    state TEXT NOT NULL,
    sealed BLOB,
    key_fingerprint TEXT NOT NULL,
    tracking_id TEXT,
    errors TEXT,
    queued_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS items_by_state ON items (state, queued_at);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class ItemState(StrEnum):
    """Where a queued registration is: waiting, accepted by the server, refused by it, or
    superseded: the server keeps a registration of the same person captured later (on
    another laptop or at a desk), so this one is in its history but will not be verified."""

    QUEUED = "queued"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    SUPERSEDED = "superseded"


@dataclass(frozen=True)
class QueueItem:
    """One row of the local index, as the queue view and ``tamin-desk sync --list`` show it.

    ``errors`` are the server's field errors of a refused registration (codes of
    :mod:`desktop.rules.errors`, numeric params only); ``tracking_id`` the server's id of an
    accepted one. Times are aware UTC datetimes.
    """

    local_id: str
    masked_national_code: str
    state: ItemState
    queued_at: dt.datetime
    updated_at: dt.datetime
    tracking_id: str | None = None
    errors: tuple[FieldError, ...] = ()


@dataclass(frozen=True)
class ServerAnswer:
    """The server's answer for one local id: ``tracking_id`` when accepted, ``errors`` when
    refused; ``superseded`` True (with the ``tracking_id`` of this registration on the server
    and the notice ``request``/``superseded`` in ``errors``) when a registration of the same
    person captured later is the one the server keeps; ``retry`` True when nothing was decided
    (the server was briefly unable) and the item stays queued."""

    local_id: str
    tracking_id: str | None = None
    errors: tuple[FieldError, ...] = ()
    retry: bool = False
    superseded: bool = False

    @property
    def state(self) -> ItemState | None:
        """The item's new state (None: unchanged)."""
        if self.retry:
            return None
        if self.superseded:
            return ItemState.SUPERSEDED
        return ItemState.ACCEPTED if self.tracking_id else ItemState.REFUSED


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _safe_params(error: FieldError) -> FieldError:
    # The index keeps codes and numbers only (a limit, a count): a refusal's params must not
    # carry typed text (a name, a mobile) into the unencrypted index.
    kept = {
        k: v
        for k, v in error.params.items()
        if isinstance(v, int | float) and not isinstance(v, bool)
    }
    return FieldError(error.field, error.code, kept)


def new_local_id() -> str:
    """A fresh local tracking id: a random UUID (RFC 9562 version 4), also the registration's
    idempotency key on the server, so unique across every laptop."""
    return str(uuid.uuid4())


def encode_record(request: RegistrationRequest, captured_at: dt.datetime) -> bytes:
    """The plaintext that is sealed: the request's wire form (secrets already PHC strings)
    and its capture time (aware UTC: when the completed registration was queued; the
    server keeps the one captured last of a person's), as UTF-8 JSON."""
    body = {"request": wire.encode(request), "captured_at": captured_at.isoformat()}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_record(plaintext: bytes) -> tuple[RegistrationRequest, dt.datetime]:
    """The inverse of :func:`encode_record`: the request and its capture time (aware UTC).
    A record sealed before capture times had a name has ``queued_at``, the same instant.
    Raises ValueError (``wire.WireError``, JSON or key errors, a time without a zone) for a
    record that is not one."""
    try:
        body = json.loads(plaintext.decode("utf-8"))
        request = wire.decode(RegistrationRequest, body["request"], ("request",))
        captured_at = dt.datetime.fromisoformat(body.get("captured_at") or body["queued_at"])
    except (KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise ValueError(f"not a queued record: {exc}") from exc
    if captured_at.tzinfo is None:
        raise ValueError("not a queued record: capture time without a time zone")
    return request, captured_at.astimezone(dt.UTC)


class OfflineQueue:
    """The queue file at ``path`` (created with its folder when missing).

    ``clock`` gives aware UTC times (tests freeze it). Raises ``sqlite3.Error`` when the file
    cannot be opened or is not a queue.
    """

    def __init__(self, path: Path | str, *, clock: Callable[[], dt.datetime] = _utc_now):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._clock = clock
        self._lock = threading.Lock()
        # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE below).
        self._db = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA secure_delete=ON")
        with self._transaction() as db:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)

    def close(self) -> None:
        """Close the file (idempotent)."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> OfflineQueue:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # --- the server's key --------------------------------------------------------------
    def pin_server_key(self, key: ServerKey, server: str) -> None:
        """Remember ``key`` (and the ``server`` URL it came from) as the key to seal to.

        Pinned once: a different key later raises ValueError (records sealed to the pinned key
        would not open on that server; an operator must look into it).
        """
        pinned = self.pinned_key()
        if pinned is not None:
            if pinned.fingerprint != key.fingerprint:
                raise ValueError(
                    f"server key {key.fingerprint[:16]}… is not the pinned "
                    f"{pinned.fingerprint[:16]}…"
                )
            return
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO meta (name, value) VALUES ('server_key', ?), ('server', ?)",
                (key.public_key.hex(), server),
            )

    def pinned_key(self) -> ServerKey | None:
        """The pinned server key, or None before the desk was first connected."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE name='server_key'").fetchone()
        return ServerKey(bytes.fromhex(row[0])) if row else None

    def pinned_server(self) -> str | None:
        """The URL of the server whose key is pinned, or None."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE name='server'").fetchone()
        return row[0] if row else None

    # --- queueing ----------------------------------------------------------------------
    def enqueue(self, request: RegistrationRequest) -> QueueItem:
        """Seal ``request`` to the pinned key and store it; returns its index row.

        The request must already be validated by the rules and carry PHC strings; its
        ``idempotency_key`` is replaced by the new local id. Now (the queue's clock) is its
        capture time, sealed with it and kept as the index's ``queued_at``. Returns only after
        the row is on disk (WAL fsync'ed). Raises :class:`NoServerKey` when no key is pinned.
        """
        key = self.pinned_key()
        if key is None:
            raise NoServerKey("no server key pinned: connect the desk to its server once")
        local_id = new_local_id()
        now = self._clock()
        record = encode_record(replace(request, idempotency_key=local_id), now)
        sealed = seal(key, local_id, record)
        item = QueueItem(
            local_id, mask_national_code(request.national_code), ItemState.QUEUED, now, now
        )
        with self._transaction() as db:
            db.execute(
                "INSERT INTO items (local_id, masked_national_code, state, sealed, "
                "key_fingerprint, queued_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    local_id,
                    item.masked_national_code,
                    item.state.value,
                    sealed,
                    key.fingerprint,
                    now.isoformat(),
                    now.isoformat(),
                ),
            )
        return item

    # --- reading -----------------------------------------------------------------------
    def items(self, states: Iterable[ItemState] | None = None) -> list[QueueItem]:
        """Index rows, oldest first; ``states`` filters (None: every row)."""
        query = (
            "SELECT local_id, masked_national_code, state, queued_at, updated_at, tracking_id, "
            "errors FROM items"
        )
        wanted = [ItemState(s).value for s in states] if states is not None else None
        args: tuple[str, ...] = ()
        if wanted is not None:
            query += f" WHERE state IN ({','.join('?' * len(wanted))})"
            args = tuple(wanted)
        with self._lock:
            rows = self._db.execute(query + " ORDER BY queued_at, local_id", args).fetchall()
        return [_item(row) for row in rows]

    def counts(self) -> dict[ItemState, int]:
        """Number of rows in each state (every state present, 0 when none)."""
        with self._lock:
            rows = self._db.execute("SELECT state, count(*) FROM items GROUP BY state").fetchall()
        found = {ItemState(state): n for state, n in rows}
        return {state: found.get(state, 0) for state in ItemState}

    def waiting(
        self, limit: int, after: Cursor | None = None
    ) -> tuple[list[tuple[str, bytes]], Cursor | None]:
        """Up to ``limit`` queued ``(local_id, sealed)`` pairs, oldest first, after the cursor
        ``after`` (None: from the start); returns them and the cursor of the last one (None
        when none is left). Queue order, so the same person queued twice is sent in the order
        typed (the later request supersedes); a cursor, so a sync pages through the queue
        without loading it all."""
        queued_at, local_id = after or ("", "")
        with self._lock:
            rows = self._db.execute(
                "SELECT queued_at, local_id, sealed FROM items WHERE state = ? "
                "AND (queued_at, local_id) > (?, ?) ORDER BY queued_at, local_id LIMIT ?",
                (ItemState.QUEUED.value, queued_at, local_id, limit),
            ).fetchall()
        batch = [(local_id, bytes(sealed)) for _, local_id, sealed in rows]
        return batch, ((rows[-1][0], rows[-1][1]) if rows else None)

    # --- answers and dismissal ---------------------------------------------------------
    def record_answers(self, answers: Sequence[ServerAnswer]) -> None:
        """Store the server's answers in one transaction: accepted and refused rows lose their
        sealed record (no longer needed) and keep the answer; ``retry`` answers change nothing.
        Answers for unknown or already answered ids are ignored (a resent batch)."""
        now = self._clock().isoformat()
        rows = []
        for answer in answers:
            if answer.state is None:
                continue
            errors = [_safe_params(e) for e in answer.errors]
            encoded = json.dumps([e.as_dict() for e in errors])
            rows.append(
                (
                    answer.state.value,
                    answer.tracking_id,
                    encoded if errors else None,
                    now,
                    answer.local_id,
                    ItemState.QUEUED.value,
                )
            )
        if not rows:
            return
        with self._transaction() as db:
            db.executemany(
                "UPDATE items SET state = ?, tracking_id = ?, errors = ?, updated_at = ?, "
                "sealed = NULL WHERE local_id = ? AND state = ?",
                rows,
            )

    def dismiss(self, local_ids: Iterable[str]) -> int:
        """Remove answered rows (the operator has seen them); queued rows are kept, since
        dismissing one would lose a registration. Returns how many rows were removed."""
        ids = list(local_ids)
        with self._transaction() as db:
            return sum(
                db.execute(
                    "DELETE FROM items WHERE local_id = ? AND state != ?",
                    (local_id, ItemState.QUEUED.value),
                ).rowcount
                for local_id in ids
            )


def _item(row: tuple) -> QueueItem:
    local_id, masked, state, queued_at, updated_at, tracking_id, errors = row
    decoded = tuple(
        FieldError(e["field"], e["code"], e.get("params", {})) for e in json.loads(errors or "[]")
    )
    return QueueItem(
        local_id,
        masked,
        ItemState(state),
        dt.datetime.fromisoformat(queued_at),
        dt.datetime.fromisoformat(updated_at),
        tracking_id,
        decoded,
    )
