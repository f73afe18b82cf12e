"""Registration and verification: the three outcomes with their SMS, the delay, re-registration
(supersede, already_registered, too_many_requests), refusals, branch activation."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.security.hashing import HashPolicy, hash_password
from desktop.service.errors import RateLimited, RequestRefused, ValidationFailed
from desktop.service.interface import RegistrationState, SecurityAnswer
from tests.contract.helpers import (
    ACTIVATED_BODY,
    BRANCH_BODY,
    MISMATCH_TEXT,
    TITLE,
    Person,
    last_sms,
    login,
    people,
    request_for,
    seed,
)

DAY_S = 24 * 3600


def _owner_mobile_of_someone_else(person: Person) -> str:
    return next(p.mobiles[0] for p in people(with_mobile=True) if p != person)


def _state(backend, tracking_id: str) -> RegistrationState:
    return backend.service.registration_status(tracking_id).state


@pytest.mark.parametrize("gender", ["male", "female"])
def test_own_mobile_and_matching_identity_activates_with_the_welcome_sms(backend, gender):
    person = people(with_mobile=True, gender=gender)[0]
    receipt = backend.service.submit_registration(request_for(person, backend.hash_policy))
    assert receipt.state is RegistrationState.PENDING

    assert _state(backend, receipt.tracking_id) is RegistrationState.ACTIVATED
    sms = last_sms(backend, person.mobiles[0])
    assert sms.kind == "activated"
    expected = f"{TITLE[gender]} {person.first_name} {person.last_name} {ACTIVATED_BODY}"
    assert sms.text == expected
    assert login(backend, person.national_code, "Sabt1404now").national_code == (
        person.national_code
    )


@pytest.mark.parametrize("whose", ["someone_else", "unknown"])
def test_mobile_not_owned_requires_a_branch_visit(backend, whose):
    person = people(with_mobile=True, gender="female")[1]
    mobile = (
        _owner_mobile_of_someone_else(person) if whose == "someone_else"
        else seed()["unknown_mobiles"][0]
    )  # fmt: skip
    receipt = backend.service.submit_registration(
        request_for(person, backend.hash_policy, mobile=mobile)
    )
    assert _state(backend, receipt.tracking_id) is RegistrationState.BRANCH_VISIT_REQUIRED
    sms = last_sms(backend, mobile)
    assert sms.kind == "branch_visit_required"
    assert sms.text == f"سرکار خانم {person.first_name} {person.last_name} {BRANCH_BODY}"


@pytest.mark.parametrize(
    "change",
    [
        {"birth_date": "1301/01/01"},
        {"birth_certificate_number": "987654321"},
        {"gender": "female"},  # the person is male
        {"first_name": "کیومرث"},
        {"last_name": "ناشناس"},
        {"national_code": "0499370899"},  # a valid code the registry does not know
    ],
    ids=lambda change: next(iter(change)),
)
def test_any_identity_difference_is_a_mismatch(backend, change):
    person = people(with_mobile=True, gender="male")[2]
    request = request_for(person, backend.hash_policy, **change)
    receipt = backend.service.submit_registration(request)
    assert _state(backend, receipt.tracking_id) is RegistrationState.IDENTITY_MISMATCH
    sms = last_sms(backend, person.mobiles[0])
    assert (sms.kind, sms.text) == ("identity_mismatch", MISMATCH_TEXT)


def test_identity_is_compared_after_normalisation(backend):
    person = next(p for p in people(with_mobile=True) if "\u200c" in p.first_name)
    typed = dataclasses.replace(
        person,
        national_code=person.national_code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")),
        first_name=person.first_name.replace("\u200c", " ").replace("ی", "ي").replace("ک", "ك"),
        birth_date=person.birth_date.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
    )
    mobile = "+98" + person.mobiles[0][1:]
    receipt = backend.service.submit_registration(
        request_for(typed, backend.hash_policy, mobile=mobile)
    )
    record = backend.service.registration_status(receipt.tracking_id)
    assert record.state is RegistrationState.ACTIVATED
    assert record.national_code == person.national_code
    assert record.mobile == person.mobiles[0]


@pytest.mark.service_config(verification_delay_s=3600)
def test_verification_waits_for_the_configured_delay(backend):
    person = people(with_mobile=True)[3]
    receipt = backend.service.submit_registration(request_for(person, backend.hash_policy))
    backend.training.advance_clock(3599)
    assert _state(backend, receipt.tracking_id) is RegistrationState.PENDING
    assert backend.service.outbox(person.mobiles[0]) == []
    backend.training.advance_clock(1)
    assert _state(backend, receipt.tracking_id) is RegistrationState.ACTIVATED
    assert len(backend.service.outbox(person.mobiles[0])) == 1


@pytest.mark.service_config(verification_delay_s=3600)
def test_run_verification_reports_each_verified_request(backend):
    person = people(with_mobile=True)[4]
    receipt = backend.service.submit_registration(request_for(person, backend.hash_policy))
    assert backend.service.run_verification() == []
    backend.training.advance_clock(3600)
    results = backend.service.run_verification()
    assert [(r.tracking_id, r.state) for r in results] == [
        (receipt.tracking_id, RegistrationState.ACTIVATED)
    ]
    assert backend.service.run_verification() == []


@pytest.mark.service_config(verification_delay_s=3600)
def test_a_new_request_supersedes_the_earlier_unverified_one(backend):
    person = people(with_mobile=True)[5]
    first = backend.service.submit_registration(
        request_for(person, backend.hash_policy, birth_date="1300/01/01")
    )
    backend.training.advance_clock(60)
    second = backend.service.submit_registration(request_for(person, backend.hash_policy))
    assert _state(backend, first.tracking_id) is RegistrationState.SUPERSEDED
    backend.training.advance_clock(3600)
    assert _state(backend, first.tracking_id) is RegistrationState.SUPERSEDED
    assert _state(backend, second.tracking_id) is RegistrationState.ACTIVATED
    assert [m.kind for m in backend.service.outbox(person.mobiles[0])] == ["activated"]
    found = backend.service.find_registrations(person.national_code)
    assert [r.tracking_id for r in found] == [second.tracking_id, first.tracking_id]


def test_a_new_request_supersedes_one_waiting_for_a_branch_visit(backend):
    person = people(with_mobile=True)[6]
    waiting = backend.service.submit_registration(
        request_for(person, backend.hash_policy, mobile=seed()["unknown_mobiles"][1])
    )
    assert _state(backend, waiting.tracking_id) is RegistrationState.BRANCH_VISIT_REQUIRED
    backend.service.submit_registration(request_for(person, backend.hash_policy))
    assert _state(backend, waiting.tracking_id) is RegistrationState.SUPERSEDED
    with pytest.raises(RequestRefused) as refused:
        backend.service.activate(waiting.tracking_id, "staff-7", ("national_card",))
    assert refused.value.first.code == "already_registered"


def test_an_active_account_refuses_a_new_registration(backend):
    person = people(with_mobile=True)[7]
    backend.service.submit_registration(request_for(person, backend.hash_policy))
    backend.service.run_verification()
    with pytest.raises(RequestRefused) as refused:
        backend.service.submit_registration(request_for(person, backend.hash_policy))
    assert (refused.value.first.field, refused.value.first.code) == (
        "request",
        "already_registered",
    )


@pytest.mark.service_config(verification_delay_s=10 * DAY_S)
def test_a_sixth_request_in_a_rolling_day_is_rate_limited(backend):
    person = people(with_mobile=True)[8]
    for _ in range(5):
        backend.service.submit_registration(request_for(person, backend.hash_policy))
        backend.training.advance_clock(600)
    with pytest.raises(RateLimited) as refused:
        backend.service.submit_registration(request_for(person, backend.hash_policy))
    assert refused.value.first.code == "too_many_requests"
    # The oldest of the five falls out of the window 24 h after it was made.
    assert refused.value.retry_after == pytest.approx(DAY_S - 5 * 600, abs=1)
    backend.training.advance_clock(refused.value.retry_after)
    backend.service.submit_registration(request_for(person, backend.hash_policy))


def test_an_idempotency_key_registers_once(backend):
    person = people(with_mobile=True)[9]
    request = request_for(person, backend.hash_policy, idempotency_key="desk-1/42")
    first = backend.service.submit_registration(request)
    again = backend.service.submit_registration(request)
    assert again.tracking_id == first.tracking_id
    assert len(backend.service.find_registrations(person.national_code)) == 1


def test_a_plaintext_password_is_refused_as_password_hash(backend):
    person = people(with_mobile=True)[10]
    request = request_for(person, backend.hash_policy, password_hash="Sabt1404now")
    with pytest.raises(ValidationFailed) as refused:
        backend.service.submit_registration(request)
    assert [(e.field, e.code) for e in refused.value.errors] == [("password_hash", "invalid")]
    assert backend.service.find_registrations(person.national_code) == []


def test_hashes_weaker_than_the_policy_are_refused(backend):
    person = people(with_mobile=True)[10]
    weak = HashPolicy(time_cost=1, memory_kib=backend.hash_policy.memory_kib // 2)
    weak_hash = hash_password("Sabt1404now", weak)
    request = request_for(
        person,
        backend.hash_policy,
        password_hash=weak_hash,
        security_answers=(SecurityAnswer("favorite_color", weak_hash),) * 3,
    )
    with pytest.raises(ValidationFailed) as refused:
        backend.service.submit_registration(request)
    codes = {(e.field, e.code) for e in refused.value.errors}
    assert ("password_hash", "weak_parameters") in codes
    assert ("security_answers", "weak_parameters") in codes
    assert ("security_questions", "duplicate_question") in codes


def test_every_bad_field_is_reported_and_nothing_is_stored(backend):
    person = people(with_mobile=True)[11]
    request = request_for(
        person,
        backend.hash_policy,
        mobile="02112345678",
        first_name="John",
        birth_certificate_number="0",
        birth_date="1404/12/30",
        email="not-an-email",
    )
    with pytest.raises(ValidationFailed) as refused:
        backend.service.submit_registration(request)
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("mobile", "format"),
        ("first_name", "not_persian"),
        ("birth_certificate_number", "zero"),
        ("birth_date", "invalid"),
        ("email", "format"),
    }
    assert backend.service.find_registrations(person.national_code) == []
    assert backend.service.outbox(person.mobiles[0]) == []


def test_registration_status_of_an_unknown_tracking_id(backend):
    with pytest.raises(RequestRefused) as refused:
        backend.service.registration_status("0000000000")
    assert refused.value.first.code == "not_found"


def test_branch_activation_of_a_branch_visit_request(backend):
    person = people(with_mobile=True, gender="male")[12]
    mobile = seed()["unknown_mobiles"][2]
    receipt = backend.service.submit_registration(
        request_for(person, backend.hash_policy, mobile=mobile)
    )
    assert _state(backend, receipt.tracking_id) is RegistrationState.BRANCH_VISIT_REQUIRED

    with pytest.raises(ValidationFailed) as refused:
        backend.service.activate(receipt.tracking_id, " ", ())
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("staff_id", "required"),
        ("documents", "required"),
    }
    backend.service.activate(receipt.tracking_id, "staff-7", ("national_card", "birth_certificate"))
    assert _state(backend, receipt.tracking_id) is RegistrationState.ACTIVATED
    sms = last_sms(backend, mobile)
    assert sms.text == f"جناب آقای {person.first_name} {person.last_name} {ACTIVATED_BODY}"
    assert login(backend, person.national_code, "Sabt1404now").first_name == person.first_name
    with pytest.raises(RequestRefused) as again:
        backend.service.activate(receipt.tracking_id, "staff-7", ("national_card",))
    assert again.value.first.code == "already_registered"


@pytest.mark.service_config(verification_delay_s=3600)
def test_only_branch_visit_requests_can_be_activated(backend):
    person = people(with_mobile=True)[13]
    pending = backend.service.submit_registration(request_for(person, backend.hash_policy))
    for tracking_id in (pending.tracking_id, "0000000000"):
        with pytest.raises(RequestRefused) as refused:
            backend.service.activate(tracking_id, "staff-7", ("national_card",))
        assert refused.value.first.code == "not_found"


def test_a_resubmit_after_a_due_verification_meets_the_new_account(backend):
    # With no delay the first request is verified before the second is looked at.
    person = people(with_mobile=True)[14]
    backend.service.submit_registration(request_for(person, backend.hash_policy))
    with pytest.raises(RequestRefused) as refused:
        backend.service.submit_registration(request_for(person, backend.hash_policy))
    assert refused.value.first.code == "already_registered"
