"""Recovery by the 6-digit SMS code: countdown, validity edge, tries, resend."""

from __future__ import annotations

from desktop.rules.errors import FieldError
from desktop.rules.messages import message
from desktop.security.masking import mask_mobile
from desktop.service.interface import RecoveryMethod
from desktop.views.recovery import Step
from desktop.views.widgets.style import to_persian_digits
from tests.login.conftest import click, latest_code


def wrong(code: str) -> str:
    """A 6-digit code that is not ``code``."""
    return f"{(int(code) + 1) % 10**6:06d}"


def test_sms_recovery_end_to_end(qtbot, recovery, account):
    dialog = recovery.dialog
    assert dialog.step is Step.USERNAME
    assert dialog.form.step_title.text() == "بازیابی گذرواژه - گام اول"

    recovery.start(account.national_code)
    assert dialog.step is Step.METHOD
    assert dialog.form.step_title.text() == "بازیابی گذرواژه - گام دوم"

    recovery.choose(RecoveryMethod.SMS)
    assert dialog.step is Step.CODE
    assert dialog.form.step_title.text() == "بازیابی گذرواژه - گام سوم"
    assert recovery.countdown() == "۲۰:۰۰"  # the frozen clock: exactly 20 minutes left
    assert to_persian_digits(mask_mobile(account.mobile)) in dialog.code.sent_label.text()

    recovery.enter_code(latest_code(recovery.backend, account.mobile))
    assert dialog.step is Step.PASSWORD
    assert dialog.form.step_title.text() == "بازیابی گذرواژه - گام چهارم"
    assert dialog.next_button.text() == "ثبت"

    with qtbot.waitSignal(dialog.recovered) as done:
        recovery.new_password("Novin2025x")
    assert done.args == [account.national_code]
    assert not dialog.isVisible()


def test_countdown_follows_the_service_clock(recovery, account):
    recovery.start(account.national_code)
    recovery.choose(RecoveryMethod.SMS)
    recovery.backend.training.advance_clock(7 * 60 + 30)
    recovery.qtbot.waitUntil(lambda: recovery.countdown() == "۱۲:۳۰")


def test_code_entered_at_19_59_is_accepted(recovery, account):
    recovery.start(account.national_code)
    recovery.choose(RecoveryMethod.SMS)
    recovery.backend.training.advance_clock(20 * 60 - 1)
    recovery.qtbot.waitUntil(lambda: recovery.countdown() == "۰۰:۰۱")
    recovery.enter_code(latest_code(recovery.backend, account.mobile))
    assert recovery.dialog.step is Step.PASSWORD


def test_code_entered_at_20_00_is_refused(recovery, account):
    recovery.start(account.national_code)
    recovery.choose(RecoveryMethod.SMS)
    recovery.backend.training.advance_clock(20 * 60)
    recovery.qtbot.waitUntil(lambda: recovery.countdown() == "۰۰:۰۰")
    expired = message(FieldError("recovery_code", "expired"))
    assert recovery.dialog.code.refusal == expired  # said before anything is typed

    recovery.enter_code(latest_code(recovery.backend, account.mobile))
    assert recovery.dialog.step is Step.CODE
    assert recovery.dialog.code.refusal == expired


def test_three_wrong_codes_end_the_recovery(recovery, account):
    dialog = recovery.dialog
    recovery.start(account.national_code)
    recovery.choose(RecoveryMethod.SMS)
    right = latest_code(recovery.backend, account.mobile)

    recovery.enter_code(wrong(right))
    first = dialog.code.refusal
    assert first == message(FieldError("recovery_code", "invalid", {"remaining": 2}))
    assert first.startswith("شناسه معتبر نیست")
    assert "۲ مرتبه" in first

    recovery.enter_code(wrong(right))
    assert dialog.code.refusal == message(FieldError("recovery_code", "invalid", {"remaining": 1}))
    assert dialog.step is Step.CODE

    recovery.enter_code(wrong(right))
    assert dialog.step is Step.END
    assert dialog.end.heading == message(FieldError("recovery_code", "attempts_exhausted"))
    assert dialog.next_button.text() == "شروع مجدد"

    # Starting over keeps the national code; the exhausted code stays refused.
    recovery.next()
    assert dialog.step is Step.USERNAME
    assert dialog.username.national_code_edit.text() == account.national_code


def test_resend_waits_for_the_throttle_and_voids_the_old_code(recovery, account):
    dialog = recovery.dialog
    recovery.start(account.national_code)
    recovery.choose(RecoveryMethod.SMS)
    old = latest_code(recovery.backend, account.mobile)
    assert not dialog.code.resend_button.isEnabled()
    assert "۰۱:۰۰" in dialog.code.resend_label.text()  # one code a minute

    recovery.backend.training.advance_clock(60)
    recovery.qtbot.waitUntil(dialog.code.resend_button.isEnabled)
    assert dialog.code.resend_label.text() == ""
    sent_before = len(recovery.backend.service.outbox(account.mobile))
    click(recovery.qtbot, dialog.code.resend_button)
    recovery.qtbot.waitUntil(
        lambda: len(recovery.backend.service.outbox(account.mobile)) == sent_before + 1
    )
    recovery.qtbot.waitUntil(lambda: recovery.countdown() == "۲۰:۰۰")
    new = latest_code(recovery.backend, account.mobile)

    if new != old:  # one chance in a million that the new code repeats the old one
        recovery.enter_code(old)  # checked against the new code: refused, a try spent
        assert dialog.step is Step.CODE
        invalid = message(FieldError("recovery_code", "invalid", {"remaining": 2}))
        assert dialog.code.refusal == invalid
    recovery.enter_code(new)
    assert dialog.step is Step.PASSWORD
