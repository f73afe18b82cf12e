"""The trainer's extra controls on the simulator: forced outcomes, people missing a recovery
method, and the effect of each as the guide describes it."""

from __future__ import annotations

import pytest

from desktop.branch.room import TRAINING_PASSWORD, MissingMethod
from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.errors import RequestRefused
from desktop.service.interface import RecoveryMethod, RegistrationState
from tests.contract.helpers import login, people, request_for


@pytest.mark.parametrize(
    "outcome",
    [
        RegistrationState.ACTIVATED,
        RegistrationState.BRANCH_VISIT_REQUIRED,
        RegistrationState.IDENTITY_MISMATCH,
    ],
)
def test_the_next_registration_ends_in_the_forced_outcome(backend, outcome):
    person = people(with_mobile=True)[0]
    # A request the registry would answer with a mismatch (wrong certificate number)...
    request = request_for(person, CHEAP_FOR_TESTS, birth_certificate_number="7654321")
    backend.room.force_next_outcome(outcome)
    assert backend.room.forced_outcomes() == [outcome]
    receipt = backend.service.submit_registration(request)
    assert backend.room.forced_outcomes() == []  # taken by this request
    backend.service.run_verification()
    assert backend.service.registration_status(receipt.tracking_id).state is outcome
    assert backend.service.outbox(request.mobile)[-1].kind == outcome.value
    # ...and the one after it is decided by the registry again.
    second = request_for(people(with_mobile=True)[1], CHEAP_FOR_TESTS, birth_certificate_number="1")
    receipt = backend.service.submit_registration(second)
    backend.service.run_verification()
    assert backend.service.registration_status(receipt.tracking_id).state is (
        RegistrationState.IDENTITY_MISMATCH
    )


def test_only_verification_outcomes_can_be_forced(backend):
    with pytest.raises(ValueError):
        backend.room.force_next_outcome(RegistrationState.SUPERSEDED)


def test_a_person_with_no_mobile_gets_the_guides_refusal(backend):
    person = backend.room.create_person(MissingMethod.NO_MOBILE)
    assert person.mobile == "" and len(person.question_ids) == 3
    assert login(backend, person.national_code, TRAINING_PASSWORD).national_code == (
        person.national_code
    )
    ticket = backend.service.start_recovery(person.national_code)
    with pytest.raises(RequestRefused) as refused:
        backend.service.send_recovery_code(ticket.recovery_id)
    assert refused.value.first.code == "no_mobile"
    backend.service.recovery_questions(ticket.recovery_id)  # the other method still works


def test_a_person_with_no_questions_gets_the_guides_refusal(backend):
    person = backend.room.create_person(MissingMethod.NO_QUESTIONS)
    assert person.mobile and person.question_ids == ()
    ticket = backend.service.start_recovery(person.national_code)
    assert RecoveryMethod.SMS in ticket.methods
    with pytest.raises(RequestRefused) as refused:
        backend.service.recovery_questions(ticket.recovery_id)
    assert refused.value.first.code == "no_security_questions"


def test_reset_removes_forced_outcomes_and_created_people(backend):
    person = backend.room.create_person(MissingMethod.NO_MOBILE)
    backend.room.force_next_outcome(RegistrationState.ACTIVATED)
    backend.training.reset()
    assert backend.room.forced_outcomes() == []
    with pytest.raises(RequestRefused):
        backend.service.start_recovery(person.national_code)
