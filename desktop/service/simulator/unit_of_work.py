"""One transaction per service call, with the simulated time fixed for its whole duration.

Every state change of a call (a registration and its superseded predecessors, a verification
batch with its accounts and SMS, a failed login's counter) commits together or not at all.
A refusal that must still leave a trace (a failed login counts, a used captcha stays used)
raises :class:`Refusal`: the work so far is committed, then the refusal reaches the caller.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import logging
import random
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from desktop.branch.audit_chain import append_chained
from desktop.security.hashing import HashPolicy
from desktop.security.masking import mask_national_code
from desktop.service.errors import BackendUnavailable, ServiceError
from desktop.service.interface import ServiceConfig
from desktop.service.simulator.clock import Clock, SimulatedClock
from desktop.service.simulator.keys import SimulatorKeys
from desktop.service.simulator.registry import (
    CivilRegistry,
    MobileOwnership,
    SqlCivilRegistry,
    SqlMobileOwnership,
)
from desktop.service.simulator.sms import OutboxSmsGateway, SmsGateway
from models import SimulatorState
from models.database import Database

log = logging.getLogger(__name__)

STATE_ROW_ID = 1


#: SQLSTATEs after which PostgreSQL has rolled the whole transaction back and running the call
#: again is safe: serialization_failure, deadlock_detected, and unique_violation (a concurrent
#: transaction inserted the same key first, e.g. a first failed login; the rerun sees its row).
#: SQLite never raises them: BEGIN IMMEDIATE already runs one writer at a time.
CONFLICT_SQLSTATES = frozenset({"40001", "40P01", "23505"})
#: Runs of a call that keeps conflicting before it gives up (as BackendUnavailable).
CONFLICT_RUNS = 10


class TransactionConflict(BackendUnavailable):
    """A concurrent transaction won (PostgreSQL): nothing of this one was kept.
    :func:`retry_conflicts` runs the call again; if it never gets through, callers see the
    BackendUnavailable it is."""


def retry_conflicts(cls: type) -> type:
    """Class decorator: each public method of ``cls`` is run again (up to
    :data:`CONFLICT_RUNS` times, after a short random pause) when it ends in
    :class:`TransactionConflict`.

    Sound because every transaction of a method either committed or left no trace, and each
    is safe to repeat (a verification catch-up finds nothing left to do). With
    :meth:`Work.serialize` around read-then-write steps, this is how the simulator stays
    correct under concurrent requests on PostgreSQL, which runs many writers at once where
    SQLite runs one.
    """
    for name, method in list(vars(cls).items()):
        if not name.startswith("_") and callable(method):
            setattr(cls, name, _retrying(method))
    return cls


def _retrying(method: Any) -> Any:
    @functools.wraps(method)
    def run(*args: Any, **kwargs: Any) -> Any:
        for attempt in range(CONFLICT_RUNS):
            try:
                return method(*args, **kwargs)
            except TransactionConflict:
                if attempt == CONFLICT_RUNS - 1:
                    raise
                # Jittered back-off so the racing transactions do not collide again in step.
                time.sleep(random.uniform(0, 0.002 * 2**attempt))
        raise AssertionError("unreachable")

    return run


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


class Refusal(Exception):
    """Commit the transaction, then raise ``error`` (a ServiceError) to the caller."""

    def __init__(self, error: ServiceError):
        super().__init__(str(error))
        self.error = error


@dataclass(frozen=True)
class AuditEntry:
    """One audit event to write: ``national_code`` is masked on the way in; ``detail`` must
    hold no secret and no full identifier (it is stored as JSON)."""

    event: str
    national_code: str = ""
    account_id: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def row(self, at: dt.datetime) -> dict[str, Any]:
        """The ``audit_events`` row for this entry at time ``at``."""
        return {
            "at": at,
            "event": self.event,
            "subject": mask_national_code(self.national_code) if self.national_code else "",
            "account_id": self.account_id,
            "detail": json.dumps(self.detail, ensure_ascii=False, sort_keys=True),
        }


@dataclass
class Work:
    """What a use case gets for one transaction: the ``session``, the simulated ``now`` (aware
    UTC, the same for the whole call), the back office, the keys and the policies."""

    session: Session
    now: dt.datetime
    registry: CivilRegistry
    mobiles: MobileOwnership
    sms: SmsGateway
    keys: SimulatorKeys
    config: ServiceConfig
    hash_policy: HashPolicy

    def serialize(self, topic: str) -> None:
        """Wait until no other transaction holds ``topic``, and hold it to the end of this
        one. Makes a read-then-write step (re-registration, verification) run one at a time
        on PostgreSQL: a transaction-scoped advisory lock (PostgreSQL manual, "Advisory
        Locks"). On SQLite a no-op: BEGIN IMMEDIATE already runs one writer at a time."""
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(
                text("SELECT pg_advisory_xact_lock(hashtext(:topic))"), {"topic": topic}
            )

    def audit(
        self,
        event: str,
        national_code: str = "",
        account_id: int | None = None,
        **detail: Any,
    ) -> None:
        """Append one audit event (see :class:`AuditEntry`)."""
        self.audit_many([AuditEntry(event, national_code, account_id, detail)])

    def audit_many(self, entries: Iterable[AuditEntry]) -> None:
        """Append audit events with one bulk INSERT, chained by a keyed hash
        (:mod:`desktop.branch.audit_chain`)."""
        append_chained(self.session, self.keys, [entry.row(self.now) for entry in entries])


class UnitOfWork:
    """Opens :class:`Work` for one call: ``with uow() as work: ...``.

    Reads the persisted clock offset first (the trainer may have advanced it from another
    process). Maps a database that stays locked or unreachable to BackendUnavailable.
    """

    def __init__(
        self,
        db: Database,
        keys: SimulatorKeys,
        clock: Clock,
        config: ServiceConfig,
        hash_policy: HashPolicy,
    ):
        self.db = db
        self.keys = keys
        self.clock = clock
        self.config = config
        self.hash_policy = hash_policy

    def _target(self) -> str:
        return str(self.db.file) if self.db.file else "sqlite://"

    def _now(self, session: Session) -> dt.datetime:
        if isinstance(self.clock, SimulatedClock):
            offset = session.scalar(
                select(SimulatorState.clock_offset_s).where(SimulatorState.id == STATE_ROW_ID)
            )
            self.clock.set_offset(offset or 0.0)
        return self.clock.now()

    @contextlib.contextmanager
    def __call__(self) -> Iterator[Work]:
        lock = self.db.lock if self.db.serialize else contextlib.nullcontext()
        refusal: Refusal | None = None
        with lock, self.db.sessions() as session:
            try:
                with session.begin():
                    now = self._now(session)
                    work = Work(
                        session=session,
                        now=now,
                        registry=SqlCivilRegistry(session),
                        mobiles=SqlMobileOwnership(session),
                        sms=OutboxSmsGateway(session, self.keys, now),
                        keys=self.keys,
                        config=self.config,
                        hash_policy=self.hash_policy,
                    )
                    try:
                        yield work
                    except Refusal as caught:
                        # Swallowed here so that session.begin() commits the refusal's trace.
                        refusal = caught
            except DBAPIError as exc:
                if _sqlstate(exc) in CONFLICT_SQLSTATES:
                    raise TransactionConflict(self._target(), "concurrent update") from exc
                if not isinstance(exc, OperationalError):
                    raise
                log.warning("simulator database unavailable: %s", exc.orig)
                raise BackendUnavailable(self._target(), str(exc.orig)) from exc
        if refusal is not None:
            raise refusal.error from None
