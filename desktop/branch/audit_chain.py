"""The audit trail as a keyed hash chain: an edited, inserted or deleted row is detectable.

Each ``audit_events`` row carries ``row_hash`` = HMAC-SHA256 (RFC 2104) over the previous
row's ``row_hash`` and this row's canonical JSON (its id, time, event, subject, account id
and detail). The key is the simulator's MAC key (:class:`~desktop.service.simulator.keys.
SimulatorKeys`, purpose ``audit-chain``), derived from the master key file kept OUTSIDE the
database (0600, in the user data or server data folder): whoever can write the database but
not read that file cannot forge a row hash, so

* an edited row no longer matches its hash (the row itself is reported);
* a deleted row breaks the link of the row after it (that row is reported);
* an inserted row has no valid hash (it is reported);
* removing the newest rows (truncation) leaves a valid but shorter chain: compare the head
  hash with one written down earlier (``tamin-desk audit verify --expect-head``).

Rows are appended one writer at a time (SQLite's BEGIN IMMEDIATE; on PostgreSQL an advisory
transaction lock), with explicit ids, so the chain order is the id order.
(OWASP Logging Cheat Sheet, "Event integrity": tamper detection of stored events.)
"""

from __future__ import annotations

import base64
import datetime as dt
import hmac
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from models import AuditEvent

#: MAC purpose of the chain: a MAC made for recovery codes never matches here.
CHAIN_PURPOSE = "audit-chain"
#: The "previous hash" of the first row.
GENESIS = "0" * 64
#: PostgreSQL advisory-lock topic held while appending (one appender at a time).
CHAIN_LOCK_TOPIC = "audit-chain"


class MacKey(Protocol):
    """What the chain needs of a key: ``mac(purpose, value) -> hex`` (SimulatorKeys has it)."""

    def mac(self, purpose: str, value: str) -> str:
        """Hex HMAC-SHA256 of ``value`` bound to ``purpose``."""
        ...


def _iso(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def canonical_json(row: Mapping[str, Any]) -> str:
    """The JSON text a row's hash covers: keys sorted, no spaces, UTF-8 kept, time as ISO 8601
    UTC with microseconds. ``row`` holds ``id``, ``at`` (aware datetime), ``event``,
    ``subject``, ``account_id`` and ``detail`` (the stored JSON text, covered as is)."""
    return json.dumps(
        {
            "id": int(row["id"]),
            "at": _iso(row["at"]),
            "event": row["event"],
            "subject": row["subject"] or "",
            "account_id": row["account_id"],
            "detail": row["detail"],
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


def chain_hash(key: MacKey, previous: str, row: Mapping[str, Any]) -> str:
    """Hex HMAC-SHA256 of ``previous`` (hex, :data:`GENESIS` for the first row) and the row's
    :func:`canonical_json`."""
    return key.mac(CHAIN_PURPOSE, previous + "\n" + canonical_json(row))


def _lock(session: Session) -> None:
    # SQLite: the caller's BEGIN IMMEDIATE already makes this the only writer.
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(:topic))"), {"topic": CHAIN_LOCK_TOPIC}
        )


def _seal_legacy(session: Session, key: MacKey) -> str:
    """Chain the rows written before the chain existed (all ``row_hash`` NULL) and return the
    new head. Only when NO row has a hash yet: once the chain exists, an unhashed row is a
    forgery and stays unhashed, so that verification reports it."""
    previous = GENESIS
    rows = session.execute(
        select(
            AuditEvent.id,
            AuditEvent.at,
            AuditEvent.event,
            AuditEvent.subject,
            AuditEvent.account_id,
            AuditEvent.detail,
        ).order_by(AuditEvent.id)
    ).mappings()
    sealed = []
    for row in rows:
        previous = chain_hash(key, previous, row)
        sealed.append({"id": row["id"], "row_hash": previous})
    if sealed:
        session.execute(update(AuditEvent), sealed)
    return previous


def append_chained(session: Session, key: MacKey, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts of ``at``, ``event``, ``subject``, ``account_id``, ``detail``;
    no ``id``) at the end of the chain, each with its id and ``row_hash``, in one bulk INSERT,
    in the caller's transaction. Adds ``id``/``row_hash`` to the dicts given."""
    if not rows:
        return
    _lock(session)
    last = session.execute(
        select(AuditEvent.id, AuditEvent.row_hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    if last is None:
        next_id, previous = 1, GENESIS
    else:
        next_id, previous = last.id + 1, last.row_hash
        if previous is None:
            hashed = session.scalar(select(func.count()).where(AuditEvent.row_hash.is_not(None)))
            previous = _seal_legacy(session, key) if not hashed else GENESIS
    for row in rows:
        row["id"] = next_id
        previous = row["row_hash"] = chain_hash(key, previous, row)
        next_id += 1
    session.execute(insert(AuditEvent), rows)


@dataclass(frozen=True)
class ChainReport:
    """What :func:`verify_chain` found: ``count`` rows, ``head`` (the last row's hash, or
    :data:`GENESIS` for an empty trail), ``bad_row_id`` (the first row that fails, None when
    every row holds) and ``problem`` (English, for the command's output; "" when ok)."""

    count: int
    head: str
    bad_row_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        """True when every row holds and the head is the one expected (if any)."""
        return not self.problem


def _rows(session: Session) -> Iterator[Mapping[str, Any]]:
    query = select(
        AuditEvent.id,
        AuditEvent.at,
        AuditEvent.event,
        AuditEvent.subject,
        AuditEvent.account_id,
        AuditEvent.detail,
        AuditEvent.row_hash,
    ).order_by(AuditEvent.id)
    yield from session.execute(query.execution_options(yield_per=1000)).mappings()


def verify_chain(session: Session, key: MacKey, expect_head: str | None = None) -> ChainReport:
    """Recompute every row's hash in id order.

    The first row whose stored hash differs is reported (edited, inserted, or the row after a
    deleted one). With ``expect_head`` (a head printed earlier): a chain that holds but whose
    head differs was truncated (if that head is one of its rows' hashes: rows after that one
    were removed) or replaced.
    """
    previous = GENESIS
    count = 0
    seen_expected_at: int | None = None
    for row in _rows(session):
        count += 1
        expected = chain_hash(key, previous, row)
        stored = row["row_hash"] or ""
        if not hmac.compare_digest(stored, expected):
            return ChainReport(
                count,
                previous,
                row["id"],
                f"row {row['id']}: hash does not match (edited, "
                "inserted, or a row before it was deleted)",
            )
        if expect_head and hmac.compare_digest(stored, expect_head):
            seen_expected_at = row["id"]
        previous = stored
    if expect_head and not hmac.compare_digest(previous, expect_head):
        if seen_expected_at is not None:
            return ChainReport(
                count,
                previous,
                None,
                f"the expected head is row {seen_expected_at}, not the last row",
            )
        return ChainReport(
            count, previous, None, "the expected head is not in the chain (rows were removed)"
        )
    return ChainReport(count, previous)


def load_chain_key(path: Path) -> Any:
    """The :class:`MacKey` of the master key file at ``path`` (base64 of 32 bytes, the
    simulator's ``simulator.key``). Never creates one: a missing file raises
    FileNotFoundError, a corrupt one ValueError."""
    from desktop.service.simulator.keys import SimulatorKeys

    return SimulatorKeys(base64.b64decode(path.read_bytes().strip(), validate=True))
