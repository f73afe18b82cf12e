"""PasswordField driven by typing: checklist, strength meter, show toggle, wiping, keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from desktop.views.widgets.password_field import (
    MET,
    STRENGTH_DEBOUNCE_MS,
    UNMET,
    PasswordField,
    checklist_items,
)

from .test_jalali_date_edit import type_chars

KEYS = [item.key for item in checklist_items()]


@pytest.fixture
def field(qtbot):
    widget = PasswordField()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def met(field: PasswordField) -> set[str]:
    return {key for key in KEYS if field.is_item_met(key)}


def test_fields_are_hidden_ltr_and_empty(field):
    for edit in (field.password_edit, field.confirm_edit):
        assert edit.echoMode() == QLineEdit.EchoMode.Password
        assert edit.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert edit.text() == ""
    assert met(field) == set()
    assert all(label.text().startswith(UNMET) for label in field.checklist.values())


def test_checklist_ticks_as_the_user_types(field, qtbot):
    qtbot.keyClicks(field.password_edit, "a")
    assert met(field) == {"charset", "starts_with_letter", "needs_lower", "contains_personal_info"}
    qtbot.keyClicks(field.password_edit, "B")
    assert "needs_upper" in met(field)
    qtbot.keyClicks(field.password_edit, "1")
    assert "needs_digit" in met(field)
    assert "too_short" not in met(field)
    qtbot.keyClicks(field.password_edit, "&xyzw")
    assert "too_short" in met(field)
    assert "mismatch" not in met(field)
    qtbot.keyClicks(field.confirm_edit, "aB1&xyzw")
    assert met(field) == set(KEYS)
    assert field.errors() == ()
    assert field.checklist["mismatch"].text().startswith(MET)
    assert field.checklist["mismatch"].property("check") == "met"


def test_checklist_unticks_for_a_persian_letter_and_a_space(field, qtbot):
    qtbot.keyClicks(field.password_edit, "Abcdefg1")
    assert "charset" in met(field)
    type_chars(field.password_edit, "ب")
    assert "charset" not in met(field)
    assert ("password", "latin_only") in {(e.field, e.code) for e in field.errors()}
    QTest.keyClick(field.password_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field.password_edit, " ")
    assert "charset" not in met(field)
    assert "invalid_char" in {e.code for e in field.errors()}


def test_starting_with_a_digit_is_unmet(field, qtbot):
    qtbot.keyClicks(field.password_edit, "1Abcdefg")
    assert "starts_with_letter" not in met(field)


def test_personal_info_is_checked(field, qtbot):
    field.set_personal_info("Ali", "Rezaei", "0499370899", "09121234567")
    qtbot.keyClicks(field.password_edit, "Xy0499370899")
    assert "contains_personal_info" not in met(field)
    field.password_edit.setText("Rezaei2024x")
    assert "contains_personal_info" not in met(field)
    field.password_edit.setText("Tamin2024x")
    assert "contains_personal_info" in met(field)
    # Info given after typing re-checks what is already there.
    field.set_personal_info("Tamin", "", "", "")
    assert "contains_personal_info" not in met(field)


def test_errors_give_every_unmet_code(field, qtbot):
    qtbot.keyClicks(field.password_edit, "abc")
    qtbot.keyClicks(field.confirm_edit, "abd")
    codes = [(e.field, e.code) for e in field.errors()]
    assert codes == [
        ("password", "needs_upper"),
        ("password", "needs_digit"),
        ("password", "too_short"),
        ("password_confirm", "mismatch"),
    ]


def test_strength_label_changes_after_a_pause(field, qtbot):
    assert field.strength_text() == ""
    qtbot.keyClicks(field.password_edit, "Ab1")
    qtbot.waitUntil(lambda: field.strength_text() != "", timeout=2000)
    weak = field.strength_text()
    weak_value = field.strength_bar.value()
    assert weak.endswith(("خیلی ضعیف", "ضعیف"))
    qtbot.keyClicks(field.password_edit, "#kq9Vz!w2Lp$")
    qtbot.waitUntil(lambda: field.strength_text() != weak, timeout=2000)
    assert field.strength_text().endswith("خیلی قوی")
    assert field.strength_bar.value() > weak_value
    assert "٪" in field.strength_text()
    assert not any(ch.isascii() and ch.isdigit() for ch in field.strength_text())


def test_strength_is_scored_once_per_pause(field, qtbot, monkeypatch):
    import desktop.rules.strength as strength

    calls = []
    original = strength.password_strength
    monkeypatch.setattr(
        strength, "password_strength", lambda *a, **k: (calls.append(a[0]), original(*a, **k))[1]
    )
    qtbot.keyClicks(field.password_edit, "Abcdef12")  # 8 keys, no pause between them
    qtbot.waitUntil(lambda: field.strength_text() != "", timeout=2000)
    qtbot.wait(2 * STRENGTH_DEBOUNCE_MS)
    assert calls == ["Abcdef12"]


def test_show_toggle_reveals_both_fields(field, qtbot):
    qtbot.mouseClick(field.show_check, Qt.MouseButton.LeftButton)
    assert field.password_edit.echoMode() == QLineEdit.EchoMode.Normal
    assert field.confirm_edit.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.mouseClick(field.show_check, Qt.MouseButton.LeftButton)
    assert field.password_edit.echoMode() == QLineEdit.EchoMode.Password


def test_clear_wipes_both_fields_and_their_undo_history(field, qtbot):
    qtbot.keyClicks(field.password_edit, "Secret123")
    qtbot.keyClicks(field.confirm_edit, "Secret123")
    field.show_check.setChecked(True)
    field.keyboard_button.setChecked(True)
    with qtbot.waitSignal(field.changed):
        field.clear()
    assert (field.password(), field.confirm()) == ("", "")
    for edit in (field.password_edit, field.confirm_edit):
        edit.undo()
        assert edit.text() == ""
    assert field.password_edit.echoMode() == QLineEdit.EchoMode.Password
    assert not field.keyboard.isVisible()
    assert field.strength_text() == ""
    assert met(field) == set()


def test_keyboard_button_opens_a_keyboard_typing_into_the_focused_field(field, qtbot):
    assert not field.keyboard.isVisible()
    qtbot.mouseClick(field.keyboard_button, Qt.MouseButton.LeftButton)
    assert field.keyboard.isVisible()
    qtbot.mouseClick(field.keyboard.key("x"), Qt.MouseButton.LeftButton)
    assert field.password() == "x"
    field.confirm_edit.setFocus()
    qtbot.waitUntil(field.confirm_edit.hasFocus)
    qtbot.mouseClick(field.keyboard.key("y"), Qt.MouseButton.LeftButton)
    assert (field.password(), field.confirm()) == ("x", "y")


def test_a_keyboard_opened_after_the_focus_moved_types_into_that_field(field, qtbot):
    # The keyboard is made on first use; it must still know which field had focus.
    field.confirm_edit.setFocus()
    qtbot.waitUntil(field.confirm_edit.hasFocus)
    qtbot.mouseClick(field.keyboard_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(field.keyboard.key("z"), Qt.MouseButton.LeftButton)
    assert (field.password(), field.confirm()) == ("", "z")


def test_a_form_repeat_field_can_be_used(qtbot):
    external = QLineEdit()
    qtbot.addWidget(external)
    field = PasswordField(confirm_edit=external)
    qtbot.addWidget(field)
    assert external.echoMode() == QLineEdit.EchoMode.Password
    assert external.layoutDirection() == Qt.LayoutDirection.LeftToRight
    field.password_edit.setText("Abcdef12")
    with qtbot.waitSignal(field.changed):
        qtbot.keyClicks(external, "Abcdef12")
    assert field.confirm() == "Abcdef12"
    assert field.is_item_met("mismatch")
