"""Submitting registrations (SPEC step 4; the service issue's re-registration rules): one, or a
whole batch of the offline sync, in the caller's one transaction.

:func:`submit_many` is the only implementation: the service's one-by-one
``submit_registration`` is a batch of one (:func:`submit`). What can be read once is read once
per batch, not per request: the idempotency keys already used, the national codes with an
account, the earlier requests of the batch's national codes, the uniqueness of new tracking
ids. Each request is then decided in memory, in the batch's order, against what the database
held plus what the batch decided before it, so a batch ends exactly as the same requests
submitted one after another would; then the new requests, their answers and audit events go
in with bulk INSERTs and the superseded ones change with one UPDATE. A refusal writes nothing;
an error of the database rolls the whole batch back (nothing half written, every idempotency
key unused), so the sender may simply send it again.

"The later supersedes" follows capture time (``CapturedRegistration.captured_at``, when the
registration was completed at a desk), not arrival: the same person queued on laptop A at
10:00 and on laptop B at 11:00 ends with B's request live, whichever laptop syncs first. A
request arriving after one of its national code captured later is registered already
superseded (kept in the history as every superseded request is, never verified, no SMS) and
its receipt says ``SUPERSEDED``. Equal capture times (to the microsecond) are ordered by
idempotency key, as text, so both arrival orders end alike (no key: ``""``, first among
equals). A request submitted online (no capture time) is captured as it arrives, so it is
never superseded on arrival, even by an equal time on a frozen training clock. A capture time
later than the service's clock is taken as now (a laptop whose clock runs fast must not
outrank later registrations). Every other rule is
checked first and is the same for a sync as at a desk: an active account refuses
(``already_registered``) whatever the capture times; the daily quota counts requests by
arrival on the service's clock (SPEC: more than 5 requests for one national code in a day;
the laptop's clock is not trusted for a limit), a request that arrives superseded included.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import secrets
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence

from sqlalchemy import insert, select, update

from desktop.branch.training import claim_forced_outcomes
from desktop.security.masking import mask_national_code
from desktop.service.errors import RequestRefused, ServiceError, ValidationFailed
from desktop.service.interface import (
    CapturedRegistration,
    RegistrationReceipt,
    RegistrationRequest,
    RegistrationState,
)
from desktop.service.simulator.accounts import national_codes_with_account
from desktop.service.simulator.batching import chunked
from desktop.service.simulator.refusals import rate_limited
from desktop.service.simulator.registration import REGISTRATIONS_TOPIC
from desktop.service.simulator.unit_of_work import AuditEntry, Work
from desktop.service.simulator.validation import validate_registration_request
from models import Registration, RegistrationAnswer

log = logging.getLogger(__name__)

#: A new request supersedes these earlier ones of the same national code. identity_mismatch
#: is a final answer already sent by SMS, so it stays in the history as it was.
SUPERSEDABLE = (RegistrationState.PENDING, RegistrationState.BRANCH_VISIT_REQUIRED)
QUOTA_WINDOW = dt.timedelta(hours=24)
TRACKING_ID_DIGITS = 10
_LOWEST_TRACKING_ID = 10 ** (TRACKING_ID_DIGITS - 1)

#: What :func:`submit_many` answers for one request: its receipt, or the refusal.
Outcome = RegistrationReceipt | ServiceError
#: A request's place among its national code's requests: (capture time, idempotency key).
CaptureOrder = tuple[dt.datetime, str]


def capture_order(captured_at: dt.datetime, idempotency_key: str | None) -> CaptureOrder:
    """The order "the later supersedes" follows: capture time, then the idempotency key as
    text (no key: ``""``, first among equals); see the module docstring."""
    return (captured_at, idempotency_key or "")


@dataclasses.dataclass
class _NewRequest:
    """A request this batch registers: ``state`` changes if a later one of the batch
    supersedes it before the batch is written; ``arrived_superseded`` when a request captured
    after it was there first."""

    request: RegistrationRequest
    values: dict[str, str]
    tracking_id: str
    captured_at: dt.datetime
    online: bool
    state: RegistrationState = RegistrationState.PENDING
    superseded: int = 0
    arrived_superseded: bool = False

    @property
    def order(self) -> CaptureOrder:
        """Its :func:`capture_order`."""
        return capture_order(self.captured_at, self.request.idempotency_key)

    def receipt(self, now: dt.datetime) -> RegistrationReceipt:
        """Its receipt as of now (the state it has at this point of the batch)."""
        return RegistrationReceipt(self.tracking_id, now, self.state)


@dataclasses.dataclass
class _History:
    """One national code's requests as the batch goes: submission times (for the daily
    quota), the latest :func:`capture_order`, and the ones a new request would supersede
    (rows already in the database by id, requests of this batch by object)."""

    submitted: list[dt.datetime] = dataclasses.field(default_factory=list)
    latest: CaptureOrder | None = None
    live_rows: list[int] = dataclasses.field(default_factory=list)
    live_new: list[_NewRequest] = dataclasses.field(default_factory=list)

    def admit(self, new: _NewRequest, now: dt.datetime, superseded_rows: set[int]) -> None:
        """Add ``new``, submitted ``now``: superseded on arrival when it was captured offline
        before a request already here, else it supersedes every live request."""
        if not new.online and self.latest is not None and new.order < self.latest:
            new.state = RegistrationState.SUPERSEDED
            new.arrived_superseded = True
        else:
            new.superseded = self.supersede_all(superseded_rows)
            self.live_new.append(new)
        self.latest = new.order if self.latest is None else max(self.latest, new.order)
        self.submitted.append(now)

    def quota_refusal(self, work: Work) -> ServiceError | None:
        """RateLimited ``too_many_requests`` when ``max_requests_per_day`` requests were
        submitted in the last 24 hours (a rolling day), else None."""
        recent = [at for at in self.submitted if at > work.now - QUOTA_WINDOW]
        if len(recent) >= work.config.max_requests_per_day:
            return rate_limited(min(recent) + QUOTA_WINDOW, work.now)
        return None

    def supersede_all(self, superseded_rows: set[int]) -> int:
        """Mark every live request superseded (database rows go to ``superseded_rows``);
        returns how many."""
        count = len(self.live_rows) + len(self.live_new)
        superseded_rows.update(self.live_rows)
        for new in self.live_new:
            new.state = RegistrationState.SUPERSEDED
        self.live_rows, self.live_new = [], []
        return count


@dataclasses.dataclass(frozen=True)
class _Replay:
    """A request registered before this batch under an idempotency key now sent again."""

    row_id: int
    receipt: RegistrationReceipt

    def receipt_now(self, superseded_rows: Collection[int]) -> RegistrationReceipt:
        """Its first receipt, with its state as of now (superseded by this batch maybe)."""
        if self.row_id in superseded_rows:
            return dataclasses.replace(self.receipt, state=RegistrationState.SUPERSEDED)
        return self.receipt


def _replays(work: Work, keys: Collection[str]) -> dict[str, _Replay]:
    """``{idempotency key: its request}`` for those of ``keys`` already used."""
    found: dict[str, _Replay] = {}
    for chunk in chunked(keys):
        query = select(
            Registration.id,
            Registration.idempotency_key,
            Registration.tracking_id,
            Registration.submitted_at,
            Registration.state,
        ).where(Registration.idempotency_key.in_(chunk))
        for row_id, key, tracking_id, submitted_at, state in work.session.execute(query):
            receipt = RegistrationReceipt(tracking_id, submitted_at, RegistrationState(state))
            found[key] = _Replay(row_id, receipt)
    return found


def _histories(work: Work, national_codes: Collection[str]) -> defaultdict[str, _History]:
    """The :class:`_History` of each of ``national_codes`` from the database."""
    histories: defaultdict[str, _History] = defaultdict(_History)
    live = {state.value for state in SUPERSEDABLE}
    for chunk in chunked(national_codes):
        rows = work.session.execute(
            select(
                Registration.id,
                Registration.national_code,
                Registration.state,
                Registration.submitted_at,
                Registration.captured_at,
                Registration.idempotency_key,
            ).where(Registration.national_code.in_(chunk))
        )
        for row_id, national_code, state, submitted_at, captured_at, key in rows:
            history = histories[national_code]
            history.submitted.append(submitted_at)
            order = capture_order(captured_at, key)
            history.latest = order if history.latest is None else max(history.latest, order)
            if state in live:
                history.live_rows.append(row_id)
    return histories


def _new_tracking_ids(work: Work, count: int) -> list[str]:
    """``count`` unused tracking ids: ten digits (easy to read out over the phone), not
    starting with 0; one uniqueness query per round, and a second round is rare."""
    found: set[str] = set()
    while len(found) < count:
        candidates = {
            str(_LOWEST_TRACKING_ID + secrets.randbelow(9 * _LOWEST_TRACKING_ID))
            for _ in range(count - len(found))
        } - found
        for chunk in chunked(candidates):
            taken = work.session.scalars(
                select(Registration.tracking_id).where(Registration.tracking_id.in_(chunk))
            )
            candidates.difference_update(taken)
        found |= candidates
    return list(found)


def _validated(work: Work, request: RegistrationRequest) -> dict[str, str] | ServiceError:
    try:
        return validate_registration_request(request, work.hash_policy, work.now)
    except ValidationFailed as refused:
        return refused


def submit_many(work: Work, registrations: Sequence[CapturedRegistration]) -> list[Outcome]:
    """Register ``registrations`` in order; one outcome per registration, in order.

    Each request, as ``EnrollmentService.submit_registration`` says: a repeated
    ``idempotency_key`` (in the database or earlier in the batch) gets the first receipt (its
    state now) and changes nothing; otherwise every non-secret field is re-validated with the
    rules and every hash with ``require_phc`` (ValidationFailed); a national code with an
    active account gets RequestRefused ``already_registered``, one over its daily quota
    RateLimited ``too_many_requests``; then a request captured before one of its national
    code already registered is registered superseded, any other is registered pending and
    marks the national code's pending and branch-visit requests superseded (module
    docstring). Refusals are returned, not raised; errors of the database are raised (the
    caller's transaction then keeps nothing of the batch).
    """
    requests = [registration.request for registration in registrations]
    # One registration step at a time (PostgreSQL): the supersede, quota and idempotency
    # checks below read what a concurrent submit or verification would change.
    work.serialize(REGISTRATIONS_TOPIC)
    replayed = _replays(work, {r.idempotency_key for r in requests if r.idempotency_key})
    checked = [None if r.idempotency_key in replayed else _validated(work, r) for r in requests]
    codes = {values["national_code"] for values in checked if isinstance(values, dict)}
    with_account = national_codes_with_account(work, codes)
    histories = _histories(work, codes)
    # One id per request that may be registered (unused ones are simply dropped).
    tracking_ids = iter(_new_tracking_ids(work, sum(isinstance(v, dict) for v in checked)))
    by_key: dict[str, _NewRequest] = {}
    created: list[_NewRequest] = []
    superseded_rows: set[int] = set()
    outcomes: list[Outcome] = []
    for registration, values in zip(registrations, checked, strict=True):
        request = registration.request
        key = request.idempotency_key
        if key in replayed:
            outcomes.append(replayed[key].receipt_now(superseded_rows))
        elif key in by_key:
            outcomes.append(by_key[key].receipt(work.now))
        elif not isinstance(values, dict):
            outcomes.append(values)
        elif values["national_code"] in with_account:
            outcomes.append(RequestRefused.because("already_registered"))
        elif refusal := histories[values["national_code"]].quota_refusal(work):
            outcomes.append(refusal)
        else:
            # Not after the service's clock: a laptop's fast clock must not outrank later ones.
            online = registration.captured_at is None
            captured_at = work.now if online else min(registration.captured_at, work.now)
            new = _NewRequest(request, values, next(tracking_ids), captured_at, online)
            histories[values["national_code"]].admit(new, work.now, superseded_rows)
            created.append(new)
            if key:
                by_key[key] = new
            outcomes.append(new.receipt(work.now))
    _write(work, created, superseded_rows)
    return outcomes


def _write(work: Work, created: list[_NewRequest], superseded_rows: set[int]) -> None:
    """Bulk statements for what :func:`submit_many` decided."""
    for chunk in chunked(superseded_rows):
        work.session.execute(
            update(Registration)
            .where(Registration.id.in_(chunk))
            .values(state=RegistrationState.SUPERSEDED.value)
        )
    if not created:
        return
    due_at = work.now + dt.timedelta(seconds=work.config.verification_delay_s)
    returned = work.session.execute(
        insert(Registration).returning(Registration.tracking_id, Registration.id),
        [_row(new, work.now, due_at) for new in created],
    )
    id_of = {tracking_id: row_id for tracking_id, row_id in returned}
    work.session.execute(
        insert(RegistrationAnswer),
        [
            {
                "registration_id": id_of[new.tracking_id],
                "position": position,
                "question_id": answer.question_id,
                "answer_hash": answer.answer_hash,
            }
            for new in created
            for position, answer in enumerate(new.request.security_answers)
        ],
    )
    work.audit_many(_audit_entries(created))
    # Training rooms only: a trainer's chosen outcomes go to the new requests registered
    # pending, in order (one that arrived superseded is never verified).
    claim_forced_outcomes(
        work, [id_of[new.tracking_id] for new in created if not new.arrived_superseded]
    )
    for new in created:
        log.info(
            "registration %s submitted for %s (%s; %d superseded)",
            new.tracking_id,
            mask_national_code(new.values["national_code"]),
            "arrived superseded" if new.arrived_superseded else "pending",
            new.superseded,
        )


def _row(new: _NewRequest, now: dt.datetime, due_at: dt.datetime) -> dict[str, object]:
    values = new.values
    return {
        "tracking_id": new.tracking_id,
        "national_code": values["national_code"],
        "mobile": values["mobile"],
        "first_name": values["first_name"],
        "last_name": values["last_name"],
        "gender": values["gender"],
        "birth_certificate_number": values["birth_certificate_number"],
        "birth_date": values["birth_date"],
        "email": values.get("email", ""),
        "password_hash": new.request.password_hash,
        "state": new.state.value,
        "submitted_at": now,
        "due_at": due_at,
        "idempotency_key": new.request.idempotency_key,
        "captured_at": new.captured_at,
    }


def _audit_entries(created: Iterable[_NewRequest]) -> Iterable[AuditEntry]:
    for new in created:
        yield AuditEntry(
            "registration_submitted",
            new.values["national_code"],
            detail={
                "tracking_id": new.tracking_id,
                "superseded": new.superseded,
                "arrived_superseded": new.arrived_superseded,
            },
        )


def submit(work: Work, request: RegistrationRequest) -> RegistrationReceipt:
    """Register one ``request``: :func:`submit_many` of one, its refusal raised
    (ValidationFailed, RequestRefused ``already_registered``, RateLimited
    ``too_many_requests``); see ``EnrollmentService.submit_registration``."""
    [outcome] = submit_many(work, [CapturedRegistration(request)])
    if isinstance(outcome, ServiceError):
        raise outcome
    return outcome
