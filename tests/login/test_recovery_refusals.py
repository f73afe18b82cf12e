"""Step 1 and step 2 refusals: the guide's two messages, and «visit a branch»."""

from __future__ import annotations

from desktop.rules.errors import REQUEST, FieldError
from desktop.rules.messages import message
from desktop.service.interface import RecoveryMethod
from desktop.views.recovery import Step
from desktop.views.widgets.style import to_persian_digits
from tests.login.conftest import people, training_national_code

#: The guide's wording of the two refusals of step 2 (its screenshots).
GUIDE_NO_MOBILE = "برای این نام کاربری شماره تلفن همراه یافت نشد."
GUIDE_NO_QUESTIONS = "شما امکان بازیابی گذرواژه از طریق سوال امنیتی را ندارید"


def test_no_mobile_on_file(recovery):
    dialog = recovery.dialog
    recovery.start(training_national_code("no_mobile"))
    assert dialog.step is Step.METHOD
    recovery.choose(RecoveryMethod.SMS)
    assert dialog.step is Step.METHOD
    assert dialog.method.refusal == GUIDE_NO_MOBILE
    # The other method still works.
    recovery.choose(RecoveryMethod.QUESTIONS)
    assert dialog.step is Step.QUESTIONS


def test_no_security_questions_on_file(recovery):
    dialog = recovery.dialog
    recovery.start(training_national_code("no_security_questions"))
    recovery.choose(RecoveryMethod.QUESTIONS)
    assert dialog.step is Step.METHOD
    assert dialog.method.refusal.startswith(GUIDE_NO_QUESTIONS)
    recovery.choose(RecoveryMethod.SMS)
    assert dialog.step is Step.CODE


def test_neither_method_sends_the_person_to_a_branch(recovery):
    dialog = recovery.dialog
    recovery.start(training_national_code("no_recovery_method"))
    assert dialog.step is Step.END
    assert dialog.end.heading
    assert "نزدیکترین شعبه" in dialog.end.form.branch_hint.text()
    assert not dialog.end.form.branch_hint.isHidden()
    assert dialog.next_button.isHidden()  # starting over cannot help here
    assert dialog.cancel_button.text() == "بستن"


def test_no_active_account_is_said_on_step_one(recovery):
    recovery.start(people(1)[0].national_code)  # a real person who never registered
    assert recovery.dialog.step is Step.USERNAME
    assert recovery.dialog.message == message(FieldError(REQUEST, "not_activated"))


def test_a_malformed_national_code_is_refused_before_any_call(recovery):
    recovery.start("12345")
    assert recovery.dialog.step is Step.USERNAME
    assert recovery.dialog.username.form.national_code_error.text() == message(
        FieldError("national_code", "length")
    )
    assert recovery.dialog.message == ""


def test_persian_digits_are_accepted_and_shown_back_normalised(recovery, account):
    recovery.start(to_persian_digits(account.national_code))
    assert recovery.dialog.step is Step.METHOD
    recovery.dialog.reject()
    # Closing forgets everything typed.
    assert recovery.dialog.username.national_code_edit.text() == ""
