"""Inline field errors and validation on leaving a field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.views.widgets.field_row import FieldErrorLabel, bind_focus_out, show_error

MESSAGE = "کد ملی وارد شده معتبر نیست: باید ۱۰ رقم باشد."


def test_error_label_is_hidden_until_there_is_an_error(qtbot):
    window = QWidget()
    edit = QLineEdit(window)
    label = FieldErrorLabel(window)
    QVBoxLayout(window).addWidget(edit)
    window.layout().addWidget(label)
    qtbot.addWidget(window)
    window.show()
    assert not label.isVisible()
    assert label.property("role") == "error"
    assert label.wordWrap()
    label.set_error(MESSAGE, edit)
    assert label.isVisible()
    assert label.text() == MESSAGE
    assert edit.property("invalid") == "true"
    assert edit.accessibleDescription() == MESSAGE
    label.set_error(None, edit)
    assert not label.isVisible()
    assert edit.property("invalid") == "false"
    assert edit.accessibleDescription() == ""


def test_error_label_is_red(qtbot):
    label = FieldErrorLabel()
    qtbot.addWidget(label)
    label.set_error(MESSAGE)
    label.ensurePolished()
    color = label.palette().color(label.foregroundRole())
    assert color.red() > 150 and color.green() < 60


def test_show_error_works_on_a_designer_label(qtbot):
    label = QLabel("stale")
    qtbot.addWidget(label)
    show_error(label, "")
    assert label.text() == "" and label.isHidden()


def test_focus_out_runs_the_validation(qtbot):
    window = QWidget()
    first, second = QLineEdit(window), QLineEdit(window)
    layout = QVBoxLayout(window)
    layout.addWidget(first)
    layout.addWidget(second)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    calls = []
    bind_focus_out(first, lambda: calls.append(first.text()))
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClicks(first, "123")
    assert calls == []
    QTest.keyClick(first, Qt.Key.Key_Tab)
    qtbot.waitUntil(second.hasFocus)
    assert calls == ["123"]
