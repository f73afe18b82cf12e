"""Shared style helpers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from desktop.views.widgets.style import make_ltr, set_state, to_persian_digits


def test_to_persian_digits_maps_ascii_and_arabic_indic_only():
    assert to_persian_digits("1403/12/30") == "۱۴۰۳/۱۲/۳۰"
    assert to_persian_digits("٠١٢٣٤٥٦٧٨٩") == "۰۱۲۳۴۵۶۷۸۹"
    assert to_persian_digits("کد 12 abc") == "کد ۱۲ abc"


def test_make_ltr_inside_an_rtl_app(qtbot):
    edit = make_ltr(QLineEdit())
    qtbot.addWidget(edit)
    assert edit.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert edit.alignment() & Qt.AlignmentFlag.AlignLeft


def test_set_state_restyles_by_property(qtbot):
    label = QLabel("x")
    qtbot.addWidget(label)
    label.setStyleSheet('QLabel[check="met"] { color: #00ff00; } QLabel { color: #0000ff; }')
    label.ensurePolished()
    assert label.palette().color(label.foregroundRole()).name() == "#0000ff"
    set_state(label, "check", "met")
    assert label.palette().color(label.foregroundRole()).name() == "#00ff00"
