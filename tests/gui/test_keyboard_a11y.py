"""Keyboard use (Tab, Enter, Esc), accessible names and left-to-right Latin fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox

from desktop.views.wizard.ids import PageId


def test_enter_goes_to_the_next_step(desk):
    page = desk.wizard.identity_page
    desk.enter(page.national_code_edit, "0499370899")
    desk.focus(page.mobile_edit)
    QTest.keyClicks(page.mobile_edit, "09121234567")
    QTest.keyClick(page.mobile_edit, Qt.Key.Key_Return)
    assert desk.page() == PageId.CIVIL


def test_tab_order_follows_the_form(desk):
    wizard = desk.wizard
    desk.focus(wizard.identity_page.national_code_edit)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is wizard.identity_page.mobile_edit

    desk.fill_identity("0499370899", "09121234567")
    desk.next()
    civil = wizard.civil_page
    order = [
        civil.first_name_edit,
        civil.last_name_edit,
        civil.gender_combo,
        civil.birth_certificate_number_edit,
        civil.birth_date_edit.line_edit,
    ]
    desk.focus(order[0])
    for expected in order[1:]:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected


def test_escape_on_an_empty_wizard_goes_home(desk, window):
    desk.focus(desk.wizard.identity_page.national_code_edit)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert window.on_home


def test_escape_with_data_asks_first(qtbot, desk, window):
    edit = desk.wizard.identity_page.national_code_edit
    desk.enter(edit, "0499370899")

    QTest.keyClick(edit, Qt.Key.Key_Escape)
    confirm = desk.wizard.findChild(QMessageBox, "discard_confirm")
    assert confirm is not None and confirm.isVisible()
    qtbot.mouseClick(confirm.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert not window.on_home
    assert edit.text() == "0499370899"

    QTest.keyClick(edit, Qt.Key.Key_Escape)
    confirm = desk.wizard.findChild(QMessageBox, "discard_confirm")
    qtbot.mouseClick(confirm.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert window.on_home
    assert edit.text() == ""


def field_widgets(wizard):
    pages = (wizard.identity_page, wizard.civil_page, wizard.secrets_page)
    widgets = [b.widget for page in pages for b in page.bindings]
    widgets += wizard.secrets_page.question_combos + wizard.secrets_page.answer_edits
    return [w for w in widgets if isinstance(w, QLineEdit | QComboBox)]


def test_every_field_has_an_accessible_name(desk):
    fields = field_widgets(desk.wizard)
    assert len(fields) >= 15
    for widget in fields:
        assert widget.accessibleName().strip(), widget.objectName()
    assert desk.wizard.review_page.form.review_national_code.accessibleName() == "کد ملی"


def test_latin_fields_read_left_to_right_in_the_rtl_form(desk):
    wizard = desk.wizard
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert wizard.layoutDirection() == Qt.LayoutDirection.RightToLeft
    for edit in (
        wizard.identity_page.national_code_edit,
        wizard.identity_page.mobile_edit,
        wizard.civil_page.birth_certificate_number_edit,
        wizard.secrets_page.email_edit,
        wizard.secrets_page.password_field.password_edit,
        wizard.secrets_page.password_confirm_edit,
    ):
        assert edit.layoutDirection() == Qt.LayoutDirection.LeftToRight, edit.objectName()
    assert wizard.civil_page.first_name_edit.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_answers_are_masked_once_left(desk):
    for edit in desk.wizard.secrets_page.answer_edits:
        assert edit.echoMode() == QLineEdit.EchoMode.PasswordEchoOnEdit
