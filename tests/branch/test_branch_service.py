"""The simulator's branch service: activation by an operator, mismatch activation by a
supervisor only, staff login refusals and locks, and the branch-side password reset."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desktop.branch.interface import Document, IdentityCorrection, StaffRole
from desktop.security.hashing import CHEAP_FOR_TESTS, hash_password
from desktop.service.errors import Locked, RequestRefused, ValidationFailed
from desktop.service.interface import RegistrationState
from models import AuditEvent
from models.database import open_database
from tests.branch.conftest import STAFF_PASSWORD, submit_outcome
from tests.contract.helpers import PASSWORD, login, training_account

BOTH = (Document.NATIONAL_CARD, Document.BIRTH_CERTIFICATE)


def _events(paths, name: str) -> list[dict]:
    db = open_database(paths.url)
    try:
        with db.sessions() as session:
            rows = session.scalars(select(AuditEvent).where(AuditEvent.event == name)).all()
            return [{"subject": r.subject, **json.loads(r.detail)} for r in rows]
    finally:
        db.dispose()


def test_operator_activates_a_branch_visit_request_and_the_sms_goes_out(backend, staff, paths):
    person, record = submit_outcome(backend, RegistrationState.BRANCH_VISIT_REQUIRED)
    operator = staff["operator"]
    found = backend.branch.find_registrations(operator, person.national_code)
    assert [r.tracking_id for r in found] == [record.tracking_id]

    activated = backend.branch.activate(operator, record.tracking_id, (Document.NATIONAL_CARD,))

    assert activated.state is RegistrationState.ACTIVATED
    assert backend.service.outbox(record.mobile)[-1].kind == "activated"
    (event,) = _events(paths, "branch_activated")
    assert event["staff_id"] == str(operator.member.staff_id)
    assert event["documents"] == ["national_card"]
    assert event["subject"] != person.national_code and event["subject"].startswith(
        person.national_code[:3]
    )


def test_activation_needs_at_least_one_document(backend, staff):
    _, record = submit_outcome(backend, RegistrationState.BRANCH_VISIT_REQUIRED)
    with pytest.raises(ValidationFailed) as refused:
        backend.branch.activate(staff["operator"], record.tracking_id, ())
    assert (refused.value.first.field, refused.value.first.code) == ("documents", "required")
    assert backend.service.registration_status(record.tracking_id).state is (
        RegistrationState.BRANCH_VISIT_REQUIRED
    )


def _correction(person, reason: str = "شناسنامه المثنی دیده شد") -> IdentityCorrection:
    return IdentityCorrection(
        first_name=person.first_name,
        last_name=person.last_name,
        gender=person.gender,
        birth_certificate_number=person.birth_certificate_number,
        birth_date=person.birth_date,
        reason=reason,
    )


def test_an_operator_cannot_activate_a_mismatch_and_the_refusal_is_audited(backend, staff, paths):
    person, record = submit_outcome(backend, RegistrationState.IDENTITY_MISMATCH)
    with pytest.raises(RequestRefused) as refused:
        backend.branch.activate_mismatch(
            staff["operator"], record.tracking_id, BOTH, _correction(person)
        )
    assert refused.value.first.code == "forbidden"
    assert backend.service.registration_status(record.tracking_id).state is (
        RegistrationState.IDENTITY_MISMATCH
    )
    assert _events(paths, "branch_refused")[0]["staff_id"] == staff["operator"].member.staff_id


def test_a_supervisor_corrects_and_activates_a_mismatch(backend, staff, paths):
    person, record = submit_outcome(backend, RegistrationState.IDENTITY_MISMATCH)
    reason = f"شماره شناسنامه اشتباه تایپ شده بود؛ کد ملی {person.national_code}"
    activated = backend.branch.activate_mismatch(
        staff["supervisor"], record.tracking_id, BOTH, _correction(person, reason)
    )
    assert activated.state is RegistrationState.ACTIVATED
    assert activated.birth_certificate_number == person.birth_certificate_number
    assert login(backend, person.national_code, PASSWORD).national_code == (person.national_code)
    assert backend.service.outbox(record.mobile)[-1].kind == "activated"
    (event,) = _events(paths, "mismatch_activated")
    assert event["corrected"] == ["birth_certificate_number"]
    assert event["staff_id"] == staff["supervisor"].member.staff_id
    assert person.national_code not in event["reason"]  # digit runs masked


def test_a_correction_the_rules_refuse_is_not_applied(backend, staff):
    person, record = submit_outcome(backend, RegistrationState.IDENTITY_MISMATCH)
    bad = IdentityCorrection(
        person.first_name, person.last_name, person.gender, "0", person.birth_date, "سند دیده شد"
    )
    with pytest.raises(ValidationFailed) as refused:
        backend.branch.activate_mismatch(staff["supervisor"], record.tracking_id, BOTH, bad)
    assert refused.value.first.field == "birth_certificate_number"
    assert backend.service.registration_status(record.tracking_id).state is (
        RegistrationState.IDENTITY_MISMATCH
    )


def test_staff_login_refusals_lock_and_disable(backend, staff, paths):
    with pytest.raises(RequestRefused) as unknown:
        backend.branch.staff_login("nobody", "Whatever1")
    with pytest.raises(RequestRefused) as wrong:
        backend.branch.staff_login("sara", "Wrong1404x")
    assert unknown.value.first.code == wrong.value.first.code == "invalid_credentials"
    for _ in range(3):
        with pytest.raises(RequestRefused):
            backend.branch.staff_login("sara", "Wrong1404x")
    with pytest.raises(Locked):
        backend.branch.staff_login("sara", "Wrong1404x")
    with pytest.raises(Locked):  # even the right password, while locked
        backend.branch.staff_login("sara", STAFF_PASSWORD["sara"])
    assert len(_events(paths, "staff_login_failed")) == 5
    assert _events(paths, "staff_locked")

    backend.branch.disable_staff("reza")
    with pytest.raises(RequestRefused) as stale:
        backend.branch.find_registrations(staff["supervisor"], "0499370899")
    assert stale.value.first.code == "unauthorized"
    with pytest.raises(RequestRefused):
        backend.branch.staff_login("reza", STAFF_PASSWORD["reza"])


def test_branch_password_reset_for_a_citizen_with_no_recovery_method(backend, staff, paths):
    account = training_account("no_recovery_method")
    operator = staff["operator"]
    info = backend.branch.find_account(operator, account.national_code)
    assert info.national_code == account.national_code
    new_hash = hash_password("Branch#1404", CHEAP_FOR_TESTS)
    with pytest.raises(ValidationFailed):
        backend.branch.reset_password(operator, account.national_code, (), new_hash)
    backend.branch.reset_password(
        operator, account.national_code, (Document.BIRTH_CERTIFICATE,), new_hash
    )
    assert login(backend, account.national_code, "Branch#1404").national_code == (
        account.national_code
    )
    (event,) = _events(paths, "branch_password_reset")
    assert event["staff_id"] == operator.member.staff_id
    assert "Branch#1404" not in json.dumps(event)


def test_a_look_up_is_audited_with_the_masked_code_even_when_nothing_is_found(
    backend, staff, paths
):
    backend.branch.find_registrations(staff["operator"], "0499370899")
    (event,) = _events(paths, "branch_lookup")
    assert event["subject"] == "049****899" and event["found"] == 0
    assert event["staff_id"] == staff["operator"].member.staff_id


def test_staff_names_are_unique_and_roles_listed(backend, staff):
    with pytest.raises(RequestRefused) as taken:
        backend.branch.add_staff(
            "SARA", StaffRole.OPERATOR, hash_password("Other1404x", CHEAP_FOR_TESTS)
        )
    assert taken.value.first.code == "already_registered"
    listed = {m.name: m.role for m in backend.branch.list_staff()}
    assert listed == {"reza": StaffRole.SUPERVISOR, "sara": StaffRole.OPERATOR}


def test_a_session_unused_for_15_minutes_is_over(backend):
    from desktop.branch.simulator import SESSION_IDLE_S, SimulatorBranch

    clock = [1000.0]
    # The same unit of work as the backend's, with a clock the test moves.
    branch = SimulatorBranch(backend.branch._uow, monotonic=lambda: clock[0])
    branch.add_staff("nima", StaffRole.OPERATOR, hash_password("Nima14040x", CHEAP_FOR_TESTS))
    session = branch.staff_login("nima", "Nima14040x")
    clock[0] += SESSION_IDLE_S - 1
    branch.find_registrations(session, "0499370899")  # still alive, and used again now
    clock[0] += SESSION_IDLE_S + 1
    with pytest.raises(RequestRefused) as over:
        branch.find_registrations(session, "0499370899")
    assert over.value.first.code == "unauthorized"
