"""Recovery by the three registered security questions."""

from __future__ import annotations

from desktop.rules.errors import REQUEST, FieldError
from desktop.rules.messages import message
from desktop.rules.questions import question_text
from desktop.service.interface import RecoveryMethod
from desktop.views.recovery import Step
from tests.login.conftest import ANSWERS

WRONG = ("سبز", "شیراز", "نانوایی")


def test_questions_are_the_registered_ones_in_order(recovery, account):
    recovery.start(account.national_code)
    recovery.choose(RecoveryMethod.QUESTIONS)
    dialog = recovery.dialog
    assert dialog.step is Step.QUESTIONS
    assert dialog.form.step_title.text() == "بازیابی گذرواژه - گام سوم"
    shown = [label.text() for label in dialog.questions.question_labels]
    assert shown == [question_text(qid) for qid, _ in ANSWERS]


def test_answers_typed_with_arabic_letters_and_extra_spaces_are_accepted(recovery, account):
    # Registered «آبی», «کرمانشاه», «کارخانه کاشی» (Persian ی and ک); typed on an Arabic
    # layout (ي, ك) with stray spaces.
    typed = ("  آبي ", "كرمانشاه", "كارخانه   كاشي")
    recovery.start(account.national_code)
    recovery.choose(RecoveryMethod.QUESTIONS)
    recovery.answer(typed)
    assert recovery.dialog.step is Step.PASSWORD


def test_an_empty_answer_is_refused_on_the_desk_without_spending_a_try(recovery, account):
    dialog = recovery.dialog
    recovery.start(account.national_code)
    recovery.choose(RecoveryMethod.QUESTIONS)
    recovery.answer(("آبی", "", "کارخانه کاشی"))
    # Worded for recovery (answer the three questions), not for registration, whose message
    # asks to choose the questions too.
    shown = dialog.questions.answers_error
    assert shown.isVisible()
    assert shown.text() == "پاسخ پرسش‌های امنیتی کامل نیست؛ لطفاً پاسخ هر سه پرسش را وارد نمائید."
    assert shown.text() == message(FieldError("security_answers", "required"))
    assert "انتخاب" not in shown.text()
    assert dialog.questions.answer_edits[1].hasFocus()
    assert dialog.step is Step.QUESTIONS
    recovery.answer(WRONG)
    # Still three tries before the empty answer: the first wrong set leaves two.
    expected = message(FieldError("security_answers", "invalid", {"remaining": 2}))
    assert dialog.questions.refusal == expected


def test_three_wrong_sets_lock_recovery_by_questions(recovery, account):
    dialog = recovery.dialog
    recovery.start(account.national_code)
    recovery.choose(RecoveryMethod.QUESTIONS)

    recovery.answer(WRONG)
    assert dialog.questions.refusal == message(
        FieldError("security_answers", "invalid", {"remaining": 2})
    )
    recovery.answer(WRONG)
    assert dialog.questions.refusal == message(
        FieldError("security_answers", "invalid", {"remaining": 1})
    )
    recovery.answer(WRONG)
    assert dialog.step is Step.END
    locked = message(FieldError(REQUEST, "locked", {"minutes": 15}))
    assert dialog.end.heading == locked

    # Starting over: the questions stay locked (even with the right answers)...
    recovery.next()
    recovery.start(account.national_code)
    recovery.choose(RecoveryMethod.QUESTIONS)
    assert dialog.step is Step.METHOD
    assert dialog.method.refusal == locked
    # ...while the SMS code still works.
    recovery.choose(RecoveryMethod.SMS)
    assert dialog.step is Step.CODE


def test_the_questions_lock_ends_with_the_simulated_clock(recovery, account):
    dialog = recovery.dialog
    recovery.start(account.national_code)
    recovery.choose(RecoveryMethod.QUESTIONS)
    for _ in range(3):
        recovery.answer(WRONG)
    assert dialog.step is Step.END

    recovery.backend.training.advance_clock(15 * 60)
    recovery.next()
    recovery.start(account.national_code)
    recovery.choose(RecoveryMethod.QUESTIONS)
    recovery.answer(tuple(answer for _, answer in ANSWERS))
    assert dialog.step is Step.PASSWORD
