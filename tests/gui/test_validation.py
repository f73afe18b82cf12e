"""Each page refuses bad input with the right Persian message, under the right field."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.rules.errors import FieldError
from desktop.rules.messages import field_label, message
from desktop.views.widgets.jalali import jalali_to_qdate
from desktop.views.wizard.ids import PageId
from tests.gui.conftest import PASSWORD


def expected(field: str, code: str, **params) -> str:
    text = message(FieldError(field, code, params))
    assert field_label(field) in text  # every message names its field
    return text


@pytest.mark.parametrize(
    ("field", "typed", "code"),
    [
        ("national_code", "1234567890", "checksum"),
        ("national_code", "۱۱۱۱۱۱۱۱۱۱", "repeated_digits"),
        ("national_code", "499370899", "length"),
        ("national_code", "04993708a9", "not_digits"),
        ("mobile", "0912123456", "format"),
        ("mobile", "02112345678", "format"),
    ],
)
def test_step1_shows_the_message_when_a_field_is_left(desk, field, typed, code):
    page = desk.wizard.identity_page
    desk.enter(getattr(page, f"{field}_edit"), typed)
    binding = page.binding(field)
    assert binding.shown_text == expected(field, code)
    assert binding.error_label.isVisible()
    # Correcting the field removes the message while typing.
    getattr(page, f"{field}_edit").setText(
        "0499370899" if field == "national_code" else "09121234567"
    )
    assert binding.shown_text == ""
    assert not binding.error_label.isVisible()


def test_next_on_an_empty_page_shows_every_message_and_focuses_the_first(desk):
    desk.next()
    page = desk.wizard.identity_page
    assert desk.page() == PageId.IDENTITY
    assert page.binding("national_code").shown_text == expected("national_code", "required")
    assert page.binding("mobile").shown_text == expected("mobile", "required")
    assert QApplication.focusWidget() is page.national_code_edit


def test_pasted_values_with_spaces_and_persian_digits_are_accepted(desk):
    page = desk.wizard.identity_page
    clipboard = QApplication.clipboard()
    for edit, pasted in (
        (page.national_code_edit, " ۰۴۹۹۳۷۰۸۹۹ "),
        (page.mobile_edit, "۰۹۱۲ ۱۲۳ ۴۵۶۷"),
    ):
        desk.focus(edit)
        clipboard.setText(pasted)
        edit.paste()
        assert edit.text() == pasted  # nothing cut by a length limit
    desk.next()

    assert desk.page() == PageId.CIVIL
    # The accepted values are shown as the rules normalised them.
    assert page.national_code_edit.text() == "0499370899"
    assert page.mobile_edit.text() == "09121234567"


def to_civil(desk):
    desk.fill_identity("0499370899", "09121234567")
    desk.next()
    assert desk.page() == PageId.CIVIL
    return desk.wizard.civil_page


@pytest.mark.parametrize(
    ("field", "typed", "code", "params"),
    [
        ("first_name", "Ali", "not_persian", {}),
        ("first_name", "ع" * 31, "too_long", {"max": 30}),
        ("last_name", "Rezaei", "not_persian", {}),
        ("birth_certificate_number", "0", "zero", {}),
        ("birth_certificate_number", "12ab", "not_digits", {}),
    ],
)
def test_step2_refuses_bad_civil_data(desk, field, typed, code, params):
    page = to_civil(desk)
    desk.enter(getattr(page, f"{field}_edit"), typed)
    assert page.binding(field).check().codes == (code,)
    assert page.binding(field).shown_text == message(page.binding(field).check().errors[0])
    assert field_label(field) in page.binding(field).shown_text


def test_step2_requires_gender_and_birth_date(desk):
    page = to_civil(desk)
    desk.next()
    assert desk.page() == PageId.CIVIL
    assert page.binding("gender").shown_text == expected("gender", "required")
    assert page.binding("birth_date").shown_text == expected("birth_date", "required")


def test_date_picker_shows_1403_12_30_and_refuses_1404_12_30(qtbot, desk):
    page = to_civil(desk)
    date_edit = page.birth_date_edit
    # Picked in the calendar: the leap day of 1403 exists.
    date_edit.show_popup()
    date_edit.calendar.setSelectedDate(jalali_to_qdate(1403, 12, 30))
    date_edit.calendar.clicked.emit(jalali_to_qdate(1403, 12, 30))
    assert date_edit.line_edit.text() == "۱۴۰۳/۱۲/۳۰"
    assert page.binding("birth_date").check().ok
    assert page.binding("birth_date").check().value == "1403/12/30"

    # Typed: 1404 is not a leap year, so its 30 Esfand does not exist.
    date_edit.line_edit.setText("")
    desk.enter(date_edit.line_edit, "1404/12/30")
    assert date_edit.line_edit.text() == "۱۴۰۴/۱۲/۳۰"  # kept as typed, not corrected
    assert page.binding("birth_date").shown_text == expected("birth_date", "invalid")


def test_unreadable_birth_date_is_invalid_not_missing(desk):
    page = to_civil(desk)
    desk.enter(page.birth_date_edit.line_edit, "1370/")
    assert page.binding("birth_date").shown_text == expected("birth_date", "invalid")


def to_secrets(desk, person):
    desk.fill_identity(person.national_code, person.mobiles[0])
    desk.next()
    desk.fill_civil(person)
    desk.next()
    assert desk.page() == PageId.SECRETS
    return desk.wizard.secrets_page


def test_step3_refuses_bad_email_password_and_repeat(desk, person):
    page = to_secrets(desk, person)
    desk.enter(page.email_edit, "someone@")
    assert page.binding("email").shown_text == expected("email", "format")

    desk.enter(page.password_field.password_edit, "1abc")
    shown = page.binding("password").shown_text
    codes = page.binding("password").check().codes
    assert {"starts_with_letter", "needs_upper", "too_short"} <= set(codes)
    assert shown == expected("password", codes[0])
    # The live checklist shows the rest at the same time.
    assert not page.password_field.is_item_met("needs_upper")

    page.password_field.password_edit.setText(PASSWORD)
    desk.enter(page.password_confirm_edit, PASSWORD + "x")
    assert page.binding("password_confirm").shown_text == expected("password_confirm", "mismatch")


def test_password_must_not_contain_the_national_code(desk, person):
    page = to_secrets(desk, person)
    desk.enter(page.password_field.password_edit, f"Ab{person.national_code}")
    assert page.binding("password").check().codes == ("contains_personal_info",)
    assert page.binding("password").shown_text == expected("password", "contains_personal_info")


def test_security_questions_messages_go_under_their_row(desk, person):
    page = to_secrets(desk, person)
    desk.enter(page.password_field.password_edit, PASSWORD)
    desk.enter(page.password_confirm_edit, PASSWORD)
    combos, answers = page.question_combos, page.answer_edits
    combos[0].setCurrentIndex(1)
    combos[1].setCurrentIndex(1)  # the same question twice
    combos[2].setCurrentIndex(3)
    for edit, answer in zip(answers, ("آبی", "تبریز", "قند"), strict=True):
        desk.enter(edit, answer)
    desk.next()

    assert desk.page() == PageId.SECRETS
    row_2 = page.form.question_2_error
    assert row_2.isVisible()
    assert row_2.text() == expected("security_questions", "duplicate_question", index=1)
    assert not page.form.question_1_error.isVisible()
    assert QApplication.focusWidget() is combos[1]

    combos[1].setCurrentIndex(2)
    assert not row_2.isVisible()  # corrected: the message goes at once
    answers[2].setText("آبی")  # the same answer twice
    desk.next()
    assert page.form.question_3_error.text() == expected(
        "security_questions", "duplicate_answer", index=2
    )
    answers[2].setText("ق")
    assert page.form.question_3_error.text() == expected(
        "security_questions", "answer_too_short", index=2, min=2
    )
    answers[2].setText("قند")
    assert not page.form.question_3_error.isVisible()
    desk.next()
    assert desk.page() == PageId.REVIEW
