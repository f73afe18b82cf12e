"""Registration use cases: submit, look up, verify, and branch activation (SPEC steps 4 and
"Verification outcomes"; the service issue's re-registration rules)."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections import Counter

from sqlalchemy import func, select, update

from desktop.branch.training import claim_forced_outcome, forced_states
from desktop.rules.errors import FieldError
from desktop.rules.normalize import remove_separators
from desktop.security.masking import mask_national_code
from desktop.service.errors import RequestRefused, ValidationFailed
from desktop.service.interface import (
    Gender,
    RegistrationReceipt,
    RegistrationRecord,
    RegistrationRequest,
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
from desktop.service.simulator.refusals import rate_limited
from desktop.service.simulator.sms import OutgoingSms
from desktop.service.simulator.unit_of_work import AuditEntry, Work
from desktop.service.simulator.validation import validate_registration_request
from models import Registration, RegistrationAnswer

log = logging.getLogger(__name__)

#: A new request supersedes these earlier ones of the same national code. identity_mismatch
#: is a final answer already sent by SMS, so it stays in the history as it was.
SUPERSEDABLE = (RegistrationState.PENDING, RegistrationState.BRANCH_VISIT_REQUIRED)
QUOTA_WINDOW = dt.timedelta(hours=24)
TRACKING_ID_DIGITS = 10


def _new_tracking_id(work: Work) -> str:
    """Ten digits (easy to read out over the phone), unique, not starting with 0."""
    while True:
        candidate = str(
            10 ** (TRACKING_ID_DIGITS - 1) + secrets.randbelow(9 * 10 ** (TRACKING_ID_DIGITS - 1))
        )
        taken = work.session.scalar(
            select(Registration.id).where(Registration.tracking_id == candidate)
        )
        if taken is None:
            return candidate


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


def _receipt(reg: Registration) -> RegistrationReceipt:
    return RegistrationReceipt(reg.tracking_id, reg.submitted_at, RegistrationState(reg.state))


def _check_quota(work: Work, national_code: str) -> None:
    """RateLimited ``too_many_requests`` when the national code already made
    ``max_requests_per_day`` requests in the last 24 hours (a rolling day)."""
    since = work.now - QUOTA_WINDOW
    query = select(func.count(), func.min(Registration.submitted_at)).where(
        Registration.national_code == national_code, Registration.submitted_at > since
    )
    count, oldest = work.session.execute(query).one()
    if count >= work.config.max_requests_per_day:
        raise rate_limited(oldest + QUOTA_WINDOW, work.now)


#: :meth:`Work.serialize` topic of every step that changes a registration's state.
REGISTRATIONS_TOPIC = "registrations"


def submit(work: Work, request: RegistrationRequest) -> RegistrationReceipt:
    """Register ``request`` as pending; see ``EnrollmentService.submit_registration``.

    Re-validates every non-secret field with the rules and every hash with ``require_phc``
    (ValidationFailed); refuses a national code with an active account (``already_registered``)
    or over its daily quota (RateLimited ``too_many_requests``); marks the national code's
    pending and branch-visit requests superseded. A repeated ``idempotency_key`` returns the
    first receipt and changes nothing.
    """
    # One registration step at a time (PostgreSQL): the supersede, quota and idempotency
    # checks below read what a concurrent submit or verification would change.
    work.serialize(REGISTRATIONS_TOPIC)
    if request.idempotency_key:
        existing = work.session.scalar(
            select(Registration).where(Registration.idempotency_key == request.idempotency_key)
        )
        if existing is not None:
            return _receipt(existing)
    values = validate_registration_request(request, work.hash_policy, work.now)
    national_code = values["national_code"]
    if national_codes_with_account(work, [national_code]):
        raise RequestRefused.because("already_registered")
    _check_quota(work, national_code)
    superseded = work.session.execute(
        update(Registration)
        .where(
            Registration.national_code == national_code,
            Registration.state.in_([s.value for s in SUPERSEDABLE]),
        )
        .values(state=RegistrationState.SUPERSEDED.value)
    ).rowcount
    reg = Registration(
        tracking_id=_new_tracking_id(work),
        national_code=national_code,
        mobile=values["mobile"],
        first_name=values["first_name"],
        last_name=values["last_name"],
        gender=values["gender"],
        birth_certificate_number=values["birth_certificate_number"],
        birth_date=values["birth_date"],
        email=values.get("email", ""),
        password_hash=request.password_hash,
        state=RegistrationState.PENDING.value,
        submitted_at=work.now,
        due_at=work.now + dt.timedelta(seconds=work.config.verification_delay_s),
        idempotency_key=request.idempotency_key,
        answers=[
            RegistrationAnswer(
                position=position, question_id=answer.question_id, answer_hash=answer.answer_hash
            )
            for position, answer in enumerate(request.security_answers)
        ],
    )
    work.session.add(reg)
    work.session.flush()
    work.audit(
        "registration_submitted", national_code, tracking_id=reg.tracking_id, superseded=superseded
    )
    claim_forced_outcome(work, reg.id)  # training rooms only: a trainer's chosen outcome
    log.info(
        "registration %s submitted for %s (%d superseded)",
        reg.tracking_id,
        mask_national_code(national_code),
        superseded,
    )
    return _receipt(reg)


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
    """
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
