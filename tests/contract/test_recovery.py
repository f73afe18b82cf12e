"""Password recovery: both methods and every refusal, code expiry at exactly 20 minutes, tries,
resend, throttle, questions lockout, and what a new password changes."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.security.hashing import hash_password
from desktop.service.errors import Locked, RateLimited, RequestRefused, ValidationFailed
from desktop.service.interface import RecoveryMethod
from tests.contract.helpers import (
    TITLE,
    last_code,
    last_sms,
    login,
    people,
    request_for,
    seed,
    training_account,
    training_answers,
    wrong_code,
)

NEW_PASSWORD = "Tazeh#2025x"


def _start_sms(backend, role: str = "complete"):
    account = training_account(role)
    ticket = backend.service.start_recovery(account.national_code)
    sent = backend.service.send_recovery_code(ticket.recovery_id)
    return account, ticket, sent


def _code_refusal(backend, recovery_id: str, code: str) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as refused:
        backend.service.check_recovery_code(recovery_id, code)
    assert refused.value.first.field == "recovery_code"
    return refused.value


def test_start_refuses_a_bad_or_inactive_national_code(backend):
    with pytest.raises(ValidationFailed) as invalid:
        backend.service.start_recovery("1234567890")
    assert (invalid.value.first.field, invalid.value.first.code) == ("national_code", "checksum")
    with pytest.raises(RequestRefused) as inactive:
        backend.service.start_recovery(people()[0].national_code)
    assert inactive.value.first.code == "not_activated"


@pytest.mark.parametrize(
    ("role", "methods"),
    [
        ("complete", (RecoveryMethod.SMS, RecoveryMethod.QUESTIONS)),
        ("no_mobile", (RecoveryMethod.QUESTIONS,)),
        ("no_security_questions", (RecoveryMethod.SMS,)),
        ("no_recovery_method", ()),
    ],
)
def test_the_ticket_lists_the_methods_the_account_can_use(backend, role, methods):
    ticket = backend.service.start_recovery(training_account(role).national_code)
    assert ticket.methods == methods and ticket.recovery_id


def test_no_mobile_on_file_refuses_the_sms_method(backend):
    ticket = backend.service.start_recovery(training_account("no_mobile").national_code)
    with pytest.raises(RequestRefused) as refused:
        backend.service.send_recovery_code(ticket.recovery_id)
    assert refused.value.first.code == "no_mobile"


def test_no_security_questions_refuses_the_questions_method(backend):
    ticket = backend.service.start_recovery(training_account("no_security_questions").national_code)
    for call in (
        lambda: backend.service.recovery_questions(ticket.recovery_id),
        lambda: backend.service.check_recovery_answers(ticket.recovery_id, ("a", "b", "c")),
    ):
        with pytest.raises(RequestRefused) as refused:
            call()
        assert refused.value.first.code == "no_security_questions"


def test_recovery_by_sms_code_end_to_end(backend):
    account, ticket, sent = _start_sms(backend)
    now = backend.service.now()
    assert sent.masked_mobile == account.mobile[:4] + "***" + account.mobile[-4:]
    assert sent.expires_at == now + dt.timedelta(minutes=20)
    assert sent.resend_at == now + dt.timedelta(minutes=1)
    assert sent.attempts_left == 3
    sms = last_sms(backend, account.mobile)
    assert sms.kind == "recovery_code" and "۲۰ دقیقه" in sms.text

    backend.service.check_recovery_code(ticket.recovery_id, last_code(backend, account.mobile))
    backend.service.set_new_password(
        ticket.recovery_id, hash_password(NEW_PASSWORD, backend.hash_policy)
    )
    with pytest.raises(RequestRefused) as old:
        login(backend, account.national_code, account.password)
    assert old.value.first.code == "invalid_credentials"
    assert login(backend, account.national_code, NEW_PASSWORD)
    notice = last_sms(backend, account.mobile)
    assert notice.kind == "password_changed"
    assert notice.text.startswith(TITLE["male"]) or notice.text.startswith(TITLE["female"])
    with pytest.raises(RequestRefused) as spent:
        backend.service.set_new_password(
            ticket.recovery_id, hash_password("Another#2025", backend.hash_policy)
        )
    assert spent.value.first.code == "not_found"


def test_a_code_is_accepted_at_19_59(backend):
    account, ticket, _ = _start_sms(backend)
    backend.training.advance_clock(20 * 60 - 1)
    backend.service.check_recovery_code(ticket.recovery_id, last_code(backend, account.mobile))


def test_a_code_is_refused_at_20_00(backend):
    account, ticket, _ = _start_sms(backend)
    backend.training.advance_clock(20 * 60)
    refused = _code_refusal(backend, ticket.recovery_id, last_code(backend, account.mobile))
    assert refused.first.code == "expired"


def test_the_third_wrong_code_exhausts_the_tries(backend):
    account, ticket, _ = _start_sms(backend)
    code = last_code(backend, account.mobile)
    first = _code_refusal(backend, ticket.recovery_id, wrong_code(code, 1))
    second = _code_refusal(backend, ticket.recovery_id, wrong_code(code, 2))
    assert [(r.first.code, r.first.params) for r in (first, second)] == [
        ("invalid", {"remaining": 2}),
        ("invalid", {"remaining": 1}),
    ]
    assert _code_refusal(backend, ticket.recovery_id, wrong_code(code, 3)).first.code == (
        "attempts_exhausted"
    )
    assert _code_refusal(backend, ticket.recovery_id, code).first.code == "attempts_exhausted"
    with pytest.raises(RequestRefused):
        backend.service.set_new_password(
            ticket.recovery_id, hash_password(NEW_PASSWORD, backend.hash_policy)
        )


def test_the_right_code_on_the_third_try_is_accepted(backend):
    account, ticket, _ = _start_sms(backend)
    code = last_code(backend, account.mobile)
    _code_refusal(backend, ticket.recovery_id, wrong_code(code, 1))
    _code_refusal(backend, ticket.recovery_id, wrong_code(code, 2))
    backend.service.check_recovery_code(ticket.recovery_id, code)


def test_a_malformed_code_uses_no_try(backend):
    account, ticket, _ = _start_sms(backend)
    assert _code_refusal(backend, ticket.recovery_id, "12a").first.params == {"remaining": 3}
    code = last_code(backend, account.mobile)
    persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    backend.service.check_recovery_code(ticket.recovery_id, persian)


def test_a_resend_voids_the_old_code(backend):
    account, ticket, _ = _start_sms(backend)
    old = last_code(backend, account.mobile)
    backend.training.advance_clock(60)
    backend.service.send_recovery_code(ticket.recovery_id)
    new = last_code(backend, account.mobile)
    if new != old:  # one chance in a million that the new code is the same digits
        # The old code is now just a wrong code for the new one (it uses one of its tries).
        refused = _code_refusal(backend, ticket.recovery_id, old)
        assert (refused.first.code, refused.first.params) == ("invalid", {"remaining": 2})
    backend.service.check_recovery_code(ticket.recovery_id, new)


def test_codes_are_throttled_one_a_minute_and_five_an_hour(backend):
    account, ticket, _ = _start_sms(backend)
    with pytest.raises(RateLimited) as too_soon:
        backend.service.send_recovery_code(ticket.recovery_id)
    assert too_soon.value.first.code == "too_many_requests"
    assert too_soon.value.retry_after == pytest.approx(60)
    for _ in range(4):
        backend.training.advance_clock(60)
        backend.service.send_recovery_code(ticket.recovery_id)
    backend.training.advance_clock(60)
    with pytest.raises(RateLimited) as hourly:
        backend.service.send_recovery_code(ticket.recovery_id)
    # Five codes went out at minutes 0-4; the first leaves the hour window at minute 60.
    assert hourly.value.retry_after == pytest.approx(55 * 60)
    backend.training.advance_clock(hourly.value.retry_after)
    # The hour also ended that recovery; a new one may send again.
    fresh = backend.service.start_recovery(account.national_code)
    backend.service.send_recovery_code(fresh.recovery_id)


def test_codes_are_throttled_per_mobile_across_accounts(backend):
    # Two accounts share a mobile: one owns it, the other was activated at a branch with it.
    owner, other = people(with_mobile=True)[30], people(with_mobile=True)[31]
    mobile = owner.mobiles[0]
    backend.service.submit_registration(request_for(owner, backend.hash_policy))
    visit = backend.service.submit_registration(
        request_for(other, backend.hash_policy, mobile=mobile)
    )
    backend.service.activate(visit.tracking_id, "staff-7", ("national_card",))
    first = backend.service.start_recovery(owner.national_code)
    backend.service.send_recovery_code(first.recovery_id)
    second = backend.service.start_recovery(other.national_code)
    with pytest.raises(RateLimited):
        backend.service.send_recovery_code(second.recovery_id)
    backend.training.advance_clock(60)
    backend.service.send_recovery_code(second.recovery_id)


def test_recovery_by_questions_end_to_end_with_normalised_answers(backend):
    account = training_account("no_mobile")
    ticket = backend.service.start_recovery(account.national_code)
    assert backend.service.recovery_questions(ticket.recovery_id) == (
        "favorite_color",
        "birth_city",
        "first_workplace",
    )
    # Typed differently: Arabic yeh, extra spaces, a bidi mark.
    typed = tuple(
        " " + a.replace("ی", "ي") + "\u200f " if i != 2 else a.replace(" ", "   ")
        for i, a in enumerate(training_answers())
    )
    backend.service.check_recovery_answers(ticket.recovery_id, typed)
    backend.service.set_new_password(
        ticket.recovery_id, hash_password(NEW_PASSWORD, backend.hash_policy)
    )
    assert login(backend, account.national_code, NEW_PASSWORD)


def test_three_wrong_answer_sets_lock_questions_for_15_minutes(backend):
    account = training_account("complete")
    ticket = backend.service.start_recovery(account.national_code)
    wrong = ("قرمز", "تبریز", "کارخانه نساجی")
    remaining = []
    for _ in range(2):
        with pytest.raises(ValidationFailed) as refused:
            backend.service.check_recovery_answers(ticket.recovery_id, wrong)
        assert (refused.value.first.field, refused.value.first.code) == (
            "security_answers",
            "invalid",
        )
        remaining.append(refused.value.first.params["remaining"])
    assert remaining == [2, 1]
    with pytest.raises(Locked) as third:
        backend.service.check_recovery_answers(ticket.recovery_id, wrong)
    assert third.value.retry_after == pytest.approx(15 * 60)
    with pytest.raises(Locked):
        backend.service.check_recovery_answers(ticket.recovery_id, training_answers())
    # A new recovery does not escape the lock, but SMS still works meanwhile.
    fresh = backend.service.start_recovery(account.national_code)
    with pytest.raises(Locked):
        backend.service.recovery_questions(fresh.recovery_id)
    backend.training.advance_clock(15 * 60)
    backend.service.check_recovery_answers(fresh.recovery_id, training_answers())


def test_a_new_password_needs_a_verified_recovery_and_a_real_hash(backend):
    account = training_account("complete")
    ticket = backend.service.start_recovery(account.national_code)
    with pytest.raises(RequestRefused) as unverified:
        backend.service.set_new_password(
            ticket.recovery_id, hash_password(NEW_PASSWORD, backend.hash_policy)
        )
    assert unverified.value.first.code == "not_found"
    backend.service.check_recovery_answers(ticket.recovery_id, training_answers())
    with pytest.raises(ValidationFailed) as plaintext:
        backend.service.set_new_password(ticket.recovery_id, NEW_PASSWORD)
    assert (plaintext.value.first.field, plaintext.value.first.code) == (
        "password_hash",
        "invalid",
    )


def test_a_password_reset_clears_the_login_lock(backend):
    account = training_account("complete")
    for _ in range(5):
        with pytest.raises(RequestRefused):
            login(backend, account.national_code, "Wrong1234")
    with pytest.raises(Locked):
        login(backend, account.national_code, account.password)
    ticket = backend.service.start_recovery(account.national_code)
    backend.service.check_recovery_answers(ticket.recovery_id, training_answers())
    backend.service.set_new_password(
        ticket.recovery_id, hash_password(NEW_PASSWORD, backend.hash_policy)
    )
    assert login(backend, account.national_code, NEW_PASSWORD)


def test_an_unknown_recovery_id_is_not_found(backend):
    for call in (
        lambda: backend.service.send_recovery_code("nope"),
        lambda: backend.service.check_recovery_code("nope", "123456"),
        lambda: backend.service.recovery_questions("nope"),
    ):
        with pytest.raises(RequestRefused) as refused:
            call()
        assert refused.value.first.code == "not_found"


def test_a_recovery_expires_after_an_hour(backend):
    account = training_account("complete")
    ticket = backend.service.start_recovery(account.national_code)
    backend.training.advance_clock(3600)
    with pytest.raises(RequestRefused) as refused:
        backend.service.recovery_questions(ticket.recovery_id)
    assert refused.value.first.code == "not_found"
    assert seed()  # the seeded account is still there for a new recovery
    assert backend.service.start_recovery(account.national_code).recovery_id
