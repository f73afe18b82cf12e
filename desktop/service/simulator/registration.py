"""Registration use cases: look up, verify, and branch activation (SPEC "Verification
outcomes"); submitting is :mod:`desktop.service.simulator.submission`."""

from __future__ import annotations

import logging
from collections import Counter

from sqlalchemy import select, update

from desktop.branch.training import forced_states
from desktop.rules.errors import FieldError
from desktop.rules.normalize import remove_separators
from desktop.service.errors import RequestRefused, ValidationFailed
from desktop.service.interface import (
    Gender,
    RegistrationRecord,
    RegistrationState,
    VerificationResult,
)
from desktop.service.simulator import texts
from desktop.service.simulator.accounts import (
    AccountSource,
    national_codes_with_account,
    open_accounts,
)
from desktop.service.simulator.matching import decide
from desktop.service.simulator.sms import OutgoingSms
from desktop.service.simulator.unit_of_work import AuditEntry, Work
from models import Registration

log = logging.getLogger(__name__)


def to_record(reg: Registration) -> RegistrationRecord:
    """The operator's view of a request: every field given, no secret."""
    return RegistrationRecord(
        tracking_id=reg.tracking_id,
        national_code=reg.national_code,
        mobile=reg.mobile,
        first_name=reg.first_name,
        last_name=reg.last_name,
        gender=Gender(reg.gender),
        birth_certificate_number=reg.birth_certificate_number,
        birth_date=reg.birth_date,
        email=reg.email,
        state=RegistrationState(reg.state),
        submitted_at=reg.submitted_at,
        verified_at=reg.verified_at,
    )


#: :meth:`Work.serialize` topic of every step that changes a registration's state.
REGISTRATIONS_TOPIC = "registrations"


def status(work: Work, tracking_id: str) -> RegistrationRecord:
    """The request with ``tracking_id``; RequestRefused ``not_found`` when there is none."""
    reg = work.session.scalar(select(Registration).where(Registration.tracking_id == tracking_id))
    if reg is None:
        raise RequestRefused.because("not_found")
    return to_record(reg)


def find(work: Work, national_code: str) -> list[RegistrationRecord]:
    """Every request of ``national_code`` (any digits, dashes allowed), newest first."""
    query = (
        select(Registration)
        .where(Registration.national_code == remove_separators(national_code))
        .order_by(Registration.submitted_at.desc(), Registration.id.desc())
    )
    return [to_record(reg) for reg in work.session.scalars(query)]


def _sms_for(reg: AccountSource, state: RegistrationState) -> OutgoingSms:
    text = texts.verification_text(state, reg.gender, reg.first_name, reg.last_name)
    return OutgoingSms(mobile=reg.mobile, text=text, kind=state.value)


#: Columns verification reads: plain rows, not ORM objects, so 10,000 requests stay cheap.
_DUE_COLUMNS = (
    Registration.id,
    Registration.tracking_id,
    Registration.national_code,
    Registration.mobile,
    Registration.first_name,
    Registration.last_name,
    Registration.gender,
    Registration.birth_certificate_number,
    Registration.birth_date,
    Registration.email,
    Registration.password_hash,
)


def verify_due(work: Work) -> list[VerificationResult]:
    """Verify every pending request whose ``due_at`` has passed, oldest first, in bulk: one
    registry and one mobile-owner look-up per 900 requests, then bulk statements for the new
    states, the accounts and their answers, the SMS and the audit events. Each outcome sends
    the guide's SMS.

    A request whose national code meanwhile got an account (a branch activated an older
    request) is superseded instead, with no SMS.

    Almost every call finds nothing due (each service call catches up first): a look without
    the lock says so, and only when something is due is the lock taken and the look repeated
    under it (on PostgreSQL, calls then do not queue on the lock for nothing).
    """
    anything_due = work.session.scalar(
        select(Registration.id)
        .where(
            Registration.state == RegistrationState.PENDING.value,
            Registration.due_at <= work.now,
        )
        .limit(1)
    )
    if anything_due is None:
        return []
    work.serialize(REGISTRATIONS_TOPIC)
    due = work.session.execute(
        select(*_DUE_COLUMNS)
        .where(
            Registration.state == RegistrationState.PENDING.value,
            Registration.due_at <= work.now,
        )
        .order_by(Registration.submitted_at, Registration.id)
    ).all()
    if not due:
        return []
    people = work.registry.lookup_many({reg.national_code for reg in due})
    owners = work.mobiles.owners({reg.mobile for reg in due})
    taken = national_codes_with_account(work, {reg.national_code for reg in due})
    forced = forced_states(work, [reg.id for reg in due])
    states: list[RegistrationState] = []
    activated = []
    outgoing: list[OutgoingSms] = []
    for reg in due:
        if reg.national_code in taken:
            state = RegistrationState.SUPERSEDED
        else:
            state = forced.get(reg.id) or decide(
                reg, people.get(reg.national_code), owners.get(reg.mobile)
            )
            outgoing.append(_sms_for(reg, state))
            if state is RegistrationState.ACTIVATED:
                activated.append(reg)
                taken.add(reg.national_code)
        states.append(state)
    # ORM bulk UPDATE by primary key: one executemany.
    work.session.execute(
        update(Registration),
        [
            {"id": reg.id, "state": state.value, "verified_at": work.now}
            for reg, state in zip(due, states, strict=True)
        ],
    )
    account_of = open_accounts(work, activated)
    work.sms.send(outgoing)
    work.audit_many(
        AuditEntry(
            "registration_verified",
            reg.national_code,
            account_of.get(reg.id),
            {"tracking_id": reg.tracking_id, "state": state.value},
        )
        for reg, state in zip(due, states, strict=True)
    )
    counts = Counter(state.value for state in states)
    log.info("verified %d registrations: %s", len(due), dict(sorted(counts.items())))
    return [
        VerificationResult(reg.tracking_id, state) for reg, state in zip(due, states, strict=True)
    ]


def activate(work: Work, tracking_id: str, staff_id: str, documents: tuple[str, ...]) -> None:
    """Branch activation of a ``branch_visit_required`` request, after the operator
    ``staff_id`` saw ``documents`` (e.g. ``("national_card", "birth_certificate")``).

    Raises ValidationFailed ``staff_id``/``documents`` ``required`` when either is empty;
    RequestRefused ``already_registered`` when the national code has an account,
    ``not_found`` when no such request is waiting for a branch visit.
    """
    staff_id = staff_id.strip()
    documents = tuple(doc.strip() for doc in documents if doc.strip())
    errors = [
        FieldError(field, "required")
        for field, given in (("staff_id", staff_id), ("documents", documents))
        if not given
    ]
    if errors:
        raise ValidationFailed(errors)
    work.serialize(REGISTRATIONS_TOPIC)
    reg = work.session.scalar(select(Registration).where(Registration.tracking_id == tracking_id))
    if reg is None:
        raise RequestRefused.because("not_found")
    if national_codes_with_account(work, [reg.national_code]):
        raise RequestRefused.because("already_registered")
    if reg.state != RegistrationState.BRANCH_VISIT_REQUIRED.value:
        raise RequestRefused.because("not_found")
    reg.state = RegistrationState.ACTIVATED.value
    work.session.flush()
    account_of = open_accounts(work, [reg], activated_by=staff_id)
    work.sms.send([_sms_for(reg, RegistrationState.ACTIVATED)])
    work.audit(
        "branch_activated",
        reg.national_code,
        account_of[reg.id],
        tracking_id=tracking_id,
        staff_id=staff_id,
        documents=list(documents),
    )
    log.info("registration %s activated at a branch by %s", tracking_id, staff_id)
