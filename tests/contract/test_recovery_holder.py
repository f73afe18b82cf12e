"""Who holds a national code is told only after a right code or right answers.

Step 1 of recovery needs nothing but a national code, so its ticket must name nobody (on the
wire too); a wrong code or a wrong set of answers names nobody either; the right one answers
the holder's names, which the desk needs for the "no name in the password" rule (SPEC).
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from desktop.service import wire
from desktop.service.errors import Locked, ServiceError, ValidationFailed
from desktop.service.interface import RecoveryHolder, RecoveryTicket
from tests.contract.helpers import (
    last_code,
    registry_names,
    training_account,
    training_answers,
    wrong_code,
)

WRONG_ANSWERS = ("قرمز", "تبریز", "کارخانه نساجی")
ROLES = ("complete", "no_mobile", "no_security_questions", "no_recovery_method")


def assert_names_nobody(value: object, names: tuple[str, str]) -> None:
    """Neither name, nor a name field, anywhere in ``value``'s JSON form (a refusal: every
    error's field, code, params and text)."""
    if isinstance(value, ServiceError):
        value = {"errors": [e.as_dict() for e in value.errors], "text": str(value)}
    text = json.dumps(wire.encode(value), ensure_ascii=False)
    for name in names:
        assert name not in text
    assert "first_name" not in text and "last_name" not in text


@pytest.mark.parametrize("role", ROLES)
def test_the_ticket_names_nobody_on_the_wire_either(backend, role):
    account = training_account(role)
    ticket = backend.service.start_recovery(account.national_code)
    assert [f.name for f in dataclasses.fields(RecoveryTicket)] == ["recovery_id", "methods"]
    assert set(wire.encode(ticket)) == {"recovery_id", "methods"}
    assert_names_nobody(ticket, registry_names(account.national_code))


def test_a_wrong_code_names_nobody_and_the_right_one_names_the_holder(backend):
    account = training_account("complete")
    names = registry_names(account.national_code)
    ticket = backend.service.start_recovery(account.national_code)
    sent = backend.service.send_recovery_code(ticket.recovery_id)
    assert_names_nobody(sent, names)
    code = last_code(backend, account.mobile)
    for wrong in ("12a", wrong_code(code)):  # malformed (no try used), then a wrong try
        with pytest.raises(ValidationFailed) as refused:
            backend.service.check_recovery_code(ticket.recovery_id, wrong)
        assert_names_nobody(refused.value, names)

    holder = backend.service.check_recovery_code(ticket.recovery_id, code)
    assert holder == RecoveryHolder(*names)


def test_an_exhausted_code_names_nobody(backend):
    account = training_account("complete")
    names = registry_names(account.national_code)
    ticket = backend.service.start_recovery(account.national_code)
    backend.service.send_recovery_code(ticket.recovery_id)
    code = last_code(backend, account.mobile)
    for k in (1, 2, 3):
        with pytest.raises(ValidationFailed):
            backend.service.check_recovery_code(ticket.recovery_id, wrong_code(code, k))
    # The right code after the third wrong one: refused, and still nobody named.
    with pytest.raises(ValidationFailed) as exhausted:
        backend.service.check_recovery_code(ticket.recovery_id, code)
    assert exhausted.value.first.code == "attempts_exhausted"
    assert_names_nobody(exhausted.value, names)


def test_wrong_answers_name_nobody_and_right_ones_name_the_holder(backend):
    account = training_account("no_mobile")
    names = registry_names(account.national_code)
    ticket = backend.service.start_recovery(account.national_code)
    assert_names_nobody(backend.service.recovery_questions(ticket.recovery_id), names)
    for wrong in (WRONG_ANSWERS, WRONG_ANSWERS[:2]):  # a wrong set, then one of the wrong size
        with pytest.raises(ValidationFailed) as refused:
            backend.service.check_recovery_answers(ticket.recovery_id, wrong)
        assert_names_nobody(refused.value, names)

    holder = backend.service.check_recovery_answers(ticket.recovery_id, training_answers())
    assert holder == RecoveryHolder(*names)


def test_the_lock_after_three_wrong_sets_names_nobody(backend):
    account = training_account("complete")
    names = registry_names(account.national_code)
    ticket = backend.service.start_recovery(account.national_code)
    for _ in range(2):
        with pytest.raises(ValidationFailed):
            backend.service.check_recovery_answers(ticket.recovery_id, WRONG_ANSWERS)
    with pytest.raises(Locked) as locked:
        backend.service.check_recovery_answers(ticket.recovery_id, WRONG_ANSWERS)
    assert_names_nobody(locked.value, names)
    with pytest.raises(Locked) as still:  # right answers while locked
        backend.service.check_recovery_answers(ticket.recovery_id, training_answers())
    assert_names_nobody(still.value, names)
