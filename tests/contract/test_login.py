"""Login: captcha (single use, expiring, burnt by a failure), one generic refusal, lockout and
its end, not-activated states told only after the right password, seeded accounts."""

from __future__ import annotations

import pytest

from desktop.service.errors import Locked, NotActivated, RequestRefused, ValidationFailed
from desktop.service.interface import RegistrationState
from tests.contract.helpers import (
    PASSWORD,
    captcha,
    login,
    people,
    request_for,
    seed,
    training_account,
)

LOCK_S = 15 * 60


def _refusal(backend, national_code: str, password: str) -> Exception:
    with pytest.raises((RequestRefused, ValidationFailed)) as refused:
        login(backend, national_code, password)
    return refused.value


def test_a_seeded_account_logs_in_and_the_captcha_is_a_png(backend):
    account = training_account("complete")
    issued = backend.service.new_captcha()
    assert issued.image_png.startswith(b"\x89PNG\r\n\x1a\n")
    assert issued.expires_at > backend.service.now()
    digits = backend.training.captcha_answer(issued.captcha_id)
    assert len(digits) == 5 and digits.isdigit()
    info = backend.service.login(account.national_code, account.password, issued.captcha_id, digits)
    assert info.national_code == account.national_code


def test_captcha_digits_may_be_typed_in_persian(backend):
    account = training_account("complete")
    captcha_id, digits = captcha(backend)
    persian = digits.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert backend.service.login(account.national_code, account.password, captcha_id, persian)


def test_a_captcha_is_single_use(backend):
    account = training_account("complete")
    captcha_id, digits = captcha(backend)
    backend.service.login(account.national_code, account.password, captcha_id, digits)
    with pytest.raises(ValidationFailed) as refused:
        backend.service.login(account.national_code, account.password, captcha_id, digits)
    assert (refused.value.first.field, refused.value.first.code) == ("captcha", "invalid")


def test_a_wrong_captcha_answer_burns_the_captcha(backend):
    account = training_account("complete")
    captcha_id, digits = captcha(backend)
    wrong = f"{(int(digits) + 1) % 100000:05d}"
    for answer in (wrong, digits):
        with pytest.raises(ValidationFailed) as refused:
            backend.service.login(account.national_code, account.password, captcha_id, answer)
        assert refused.value.first.code == "invalid"


def test_a_failed_login_invalidates_the_captcha(backend):
    account = training_account("complete")
    captcha_id, digits = captcha(backend)
    with pytest.raises(RequestRefused):
        backend.service.login(account.national_code, "Wrong1234", captcha_id, digits)
    with pytest.raises(ValidationFailed) as refused:
        backend.service.login(account.national_code, account.password, captcha_id, digits)
    assert refused.value.first.field == "captcha"


def test_a_captcha_expires(backend):
    account = training_account("complete")
    captcha_id, digits = captcha(backend)
    backend.training.advance_clock(5 * 60)
    with pytest.raises(ValidationFailed) as refused:
        backend.service.login(account.national_code, account.password, captcha_id, digits)
    assert (refused.value.first.field, refused.value.first.code) == ("captcha", "expired")


def test_wrong_password_and_unknown_national_code_get_the_same_refusal(backend):
    account = training_account("complete")
    unknown = people()[0].national_code  # in the registry, but has no account
    for national_code, password in ((account.national_code, "Wrong1234"), (unknown, PASSWORD)):
        refused = _refusal(backend, national_code, password)
        assert type(refused) is RequestRefused
        assert [(e.field, e.code, e.params) for e in refused.errors] == [
            ("request", "invalid_credentials", {})
        ]


def test_five_failures_in_a_row_lock_login_for_15_minutes(backend):
    account = training_account("no_mobile")
    for _ in range(4):
        assert _refusal(backend, account.national_code, "Wrong1234").first.code == (
            "invalid_credentials"
        )
    fifth = _refusal(backend, account.national_code, "Wrong1234")
    assert isinstance(fifth, Locked) and fifth.retry_after == pytest.approx(LOCK_S)
    assert fifth.first.params == {"minutes": 15}
    backend.training.advance_clock(LOCK_S - 1)
    locked = _refusal(backend, account.national_code, account.password)
    assert isinstance(locked, Locked) and locked.retry_after == pytest.approx(1)
    backend.training.advance_clock(1)
    assert login(backend, account.national_code, account.password)
    # The count starts again from zero after the lock.
    assert _refusal(backend, account.national_code, "Wrong1234").first.code == (
        "invalid_credentials"
    )


def test_a_success_resets_the_failure_count(backend):
    account = training_account("complete")
    for _ in range(4):
        _refusal(backend, account.national_code, "Wrong1234")
    login(backend, account.national_code, account.password)
    for _ in range(4):
        assert _refusal(backend, account.national_code, "Wrong1234").first.code == (
            "invalid_credentials"
        )


def test_an_unknown_national_code_locks_like_a_real_one(backend):
    unknown = people()[1].national_code
    refusals = [_refusal(backend, unknown, "Wrong1234") for _ in range(5)]
    assert isinstance(refusals[-1], Locked)


@pytest.mark.service_config(verification_delay_s=3600)
def test_a_pending_request_is_told_only_after_the_right_password(backend):
    person = people(with_mobile=True)[20]
    backend.service.submit_registration(request_for(person, backend.hash_policy))
    assert _refusal(backend, person.national_code, "Wrong1234").first.code == (
        "invalid_credentials"
    )
    refused = _refusal(backend, person.national_code, PASSWORD)
    assert isinstance(refused, NotActivated)
    assert refused.first.code == "not_activated"
    assert refused.state == RegistrationState.PENDING


@pytest.mark.parametrize(
    ("mobile_kind", "change", "state"),
    [
        ("unknown", {}, RegistrationState.BRANCH_VISIT_REQUIRED),
        ("own", {"birth_date": "1300/01/01"}, RegistrationState.IDENTITY_MISMATCH),
    ],
)
def test_verified_but_inactive_requests_say_why_after_the_right_password(
    backend, mobile_kind, change, state
):
    person = people(with_mobile=True)[21]
    mobile = seed()["unknown_mobiles"][3] if mobile_kind == "unknown" else person.mobiles[0]
    backend.service.submit_registration(
        request_for(person, backend.hash_policy, mobile=mobile, **change)
    )
    refused = _refusal(backend, person.national_code, PASSWORD)
    assert isinstance(refused, NotActivated) and refused.state == state
