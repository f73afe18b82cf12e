"""OnScreenKeyboard used with the mouse alone: typing, Shift, Backspace, shuffle, focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from desktop.views.widgets.onscreen_keyboard import DIGITS, SYMBOLS, OnScreenKeyboard


@pytest.fixture
def setup(qtbot):
    """A window with a password field and a keyboard typing into it; the field has focus."""
    window = QWidget()
    target = QLineEdit(window)
    target.setEchoMode(QLineEdit.EchoMode.Password)
    keyboard = OnScreenKeyboard(target, window)
    layout = QVBoxLayout(window)
    layout.addWidget(target)
    layout.addWidget(keyboard)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    target.setFocus()
    qtbot.waitUntil(target.hasFocus)
    yield keyboard, target
    window.close()  # the window is referenced until here, so Qt does not delete it early


def click(qtbot, key) -> None:
    qtbot.mouseClick(key, Qt.MouseButton.LeftButton)


def test_types_ab_amp_1_with_shift(setup, qtbot):
    keyboard, target = setup
    click(qtbot, keyboard.shift_key)
    assert keyboard.key("a").text() == "A"  # the keys show the case they will type
    click(qtbot, keyboard.key("a"))
    assert not keyboard.shift_key.isChecked()  # one-shot
    assert keyboard.key("a").text() == "a"
    click(qtbot, keyboard.key("b"))
    click(qtbot, keyboard.key("&"))
    click(qtbot, keyboard.key("1"))
    assert target.text() == "Ab&1"


def test_keys_never_take_focus(setup, qtbot):
    keyboard, target = setup
    for char in ("q", "&", "5"):
        click(qtbot, keyboard.key(char))
    click(qtbot, keyboard.shift_key)
    click(qtbot, keyboard.backspace_key)
    click(qtbot, keyboard.shuffle_check)
    assert QApplication.focusWidget() is target
    buttons = [keyboard.shift_key, keyboard.backspace_key, keyboard.shuffle_check]
    buttons += [keyboard.key(c) for c in "qwertyuiopasdfghjklzxcvbnm" + "".join(DIGITS)]
    buttons += [keyboard.key(s) for s in SYMBOLS]
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in buttons)


def test_every_allowed_symbol_is_typed_as_itself(setup, qtbot):
    keyboard, target = setup
    for symbol in SYMBOLS:
        click(qtbot, keyboard.key(symbol))
    assert target.text() == "&/$#!"
    assert keyboard.key("&").text() == "&&"  # escaped: a lone "&" would be a mnemonic


def test_inserts_at_the_cursor_and_backspace_deletes_before_it(setup, qtbot):
    keyboard, target = setup
    target.setText("Abcd")
    target.setCursorPosition(2)
    click(qtbot, keyboard.key("9"))
    assert target.text() == "Ab9cd"
    assert target.cursorPosition() == 3
    click(qtbot, keyboard.backspace_key)
    click(qtbot, keyboard.backspace_key)
    assert target.text() == "Acd"


def test_keys_read_left_to_right_in_the_rtl_app(setup):
    keyboard, _target = setup
    assert keyboard.layoutDirection() == Qt.LayoutDirection.LeftToRight
    q, w, p = (keyboard.key(c).geometry().x() for c in "qwp")
    assert q < w < p
    xs = [keyboard.key(d).geometry().x() for d in keyboard.digit_order()]
    assert xs == sorted(xs)


def test_shuffle_changes_the_digit_order_but_keeps_all_ten_digits(setup, qtbot):
    keyboard, target = setup
    assert keyboard.digit_order() == DIGITS
    click(qtbot, keyboard.shuffle_check)
    shuffled = keyboard.digit_order()
    assert shuffled != DIGITS
    assert sorted(shuffled) == sorted(DIGITS)
    # Each key still types the digit it shows.
    click(qtbot, keyboard._digit_keys[0])
    assert target.text() == shuffled[0]
    # Shown again: a new order.
    keyboard.hide()
    keyboard.show()
    assert keyboard.digit_order() != shuffled
    assert sorted(keyboard.digit_order()) == sorted(DIGITS)
    keyboard.set_shuffle_digits(False)
    assert keyboard.digit_order() == DIGITS


def test_without_target_or_on_read_only_field_nothing_happens(setup, qtbot):
    keyboard, target = setup
    target.setReadOnly(True)
    click(qtbot, keyboard.key("a"))
    assert target.text() == ""
    keyboard.set_target(None)
    click(qtbot, keyboard.key("a"))  # must not raise
    assert keyboard.target() is None


def test_unknown_key_raises():
    with pytest.raises(KeyError):
        OnScreenKeyboard().key("ب")
