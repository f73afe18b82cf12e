"""JalaliDateEdit driven like a user: typing, pasting, picking in the popup calendar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCalendarWidget, QTableView

from desktop.rules.birth_date import parse_birth_date, tehran_today
from desktop.views.widgets.jalali_date_edit import JalaliDateEdit

from .test_jalali import DATES, _triple


@pytest.fixture
def edit(qtbot):
    widget = JalaliDateEdit()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def type_chars(widget, text: str) -> None:
    """Type any text one key at a time (keyClicks aborts on non-ASCII, NOTES.md)."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.NoModifier)


def month_cells(calendar: QCalendarWidget) -> dict[int, object]:
    """Day number → model index of the days of the month shown (not the grey neighbours).

    The model lists the grid row by row; the shown month runs from the first 1 to the cell
    before the next 1.
    """
    view = calendar.findChild(QTableView, "qt_calendar_calendarview")
    model = view.model()
    cells = [
        model.index(row, column)
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]
    days = [model.data(index) for index in cells]
    first = days.index(1)
    found = {}
    for index, day in zip(cells[first:], days[first:], strict=True):
        if day == 1 and found:
            break
        found[day] = index
    return found


def click_day(qtbot, calendar: QCalendarWidget, day: int) -> None:
    view = calendar.findChild(QTableView, "qt_calendar_calendarview")
    rect = view.visualRect(month_cells(calendar)[day])
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_latin_digits_typed_show_as_persian(edit, qtbot):
    qtbot.keyClicks(edit.line_edit, "1403/12/30")
    assert edit.raw_text() == "۱۴۰۳/۱۲/۳۰"
    assert edit.jalali() == (1403, 12, 30)


def test_persian_digits_typed_one_by_one(edit):
    type_chars(edit.line_edit, "۱۴۰۳/۱۲/۳۰")
    assert edit.raw_text() == "۱۴۰۳/۱۲/۳۰"
    assert edit.jalali() == (1403, 12, 30)


def test_cursor_stays_where_the_user_types(edit, qtbot):
    qtbot.keyClicks(edit.line_edit, "1403/12/0")
    edit.line_edit.setCursorPosition(5)  # after "۱۴۰۳/"
    qtbot.keyClicks(edit.line_edit, "1")
    assert edit.raw_text() == "۱۴۰۳/۱۱۲/۰"
    assert edit.line_edit.cursorPosition() == 6


@pytest.mark.parametrize(
    ("pasted", "shown"),
    [
        ("1403/12/30", "۱۴۰۳/۱۲/۳۰"),
        ("۱۴۰۳/۱۲/۳۰", "۱۴۰۳/۱۲/۳۰"),
        ("١٤٠٣/١٢/٣٠", "۱۴۰۳/۱۲/۳۰"),
        ("1403-12-30", "۱۴۰۳-۱۲-۳۰"),  # separators are tidied when the field is left
    ],
)
def test_pasted_date_is_read(edit, pasted, shown):
    QGuiApplication.clipboard().setText(pasted)
    edit.line_edit.paste()
    assert edit.jalali() == (1403, 12, 30)
    assert edit.raw_text() == shown


def test_letters_are_refused_and_a_long_paste_is_not_truncated(edit, qtbot):
    qtbot.keyClicks(edit.line_edit, "abc")
    assert edit.raw_text() == ""
    QGuiApplication.clipboard().setText("1403/12/30 1403/12/30")
    edit.line_edit.paste()
    assert edit.raw_text() == ""


def test_impossible_day_is_kept_for_the_rules_to_refuse(edit, qtbot):
    qtbot.keyClicks(edit.line_edit, "1404/12/30")
    edit.line_edit.editingFinished.emit()
    assert edit.jalali() == (1404, 12, 30)
    assert edit.raw_text() == "۱۴۰۴/۱۲/۳۰"
    assert parse_birth_date(edit.jalali()).codes == ("invalid",)


def test_future_day_typed_is_kept_for_the_rules(edit, qtbot):
    qtbot.keyClicks(edit.line_edit, f"{tehran_today().year + 1}/01/01")
    assert parse_birth_date(edit.jalali()).codes == ("in_future",)


def test_leaving_the_field_pads_the_date(edit, qtbot):
    qtbot.keyClicks(edit.line_edit, "1365-6-9")
    edit.line_edit.editingFinished.emit()
    assert edit.raw_text() == "۱۳۶۵/۰۶/۰۹"


def test_set_clear_and_changed_signal(edit, qtbot):
    with qtbot.waitSignal(edit.changed):
        edit.set_jalali(1370, 7, 1)
    assert edit.raw_text() == "۱۳۷۰/۰۷/۰۱"
    assert edit.jalali() == (1370, 7, 1)
    with qtbot.waitSignal(edit.changed):
        edit.clear()
    assert edit.jalali() is None
    assert edit.raw_text() == ""


def test_calendar_is_jalali_persian_and_starts_on_saturday(edit):
    calendar = edit.calendar
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Saturday
    assert calendar.locale().language() == QLocale.Language.Persian
    assert calendar.calendar().name() == "Jalali"
    edit.set_jalali(1403, 12, 30)
    edit.show_popup()
    # The header shows the month's Persian name (اسفند) and the year in Persian digits.
    assert calendar.calendar().monthName(calendar.locale(), 12) == "اسفند"
    view = calendar.findChild(QTableView, "qt_calendar_calendarview")
    assert view.model().data(view.model().index(0, 0)) == "شنبه"


def test_maximum_is_today_in_tehran(edit, qtbot):
    today = tehran_today()
    assert edit.maximumJalali() == (today.year, today.month, today.day)
    edit.show_popup()
    maximum = edit.calendar.maximumDate()
    gregorian = today.togregorian()
    assert maximum == QDate(gregorian.year, gregorian.month, gregorian.day)


def test_popup_picks_1403_12_30(edit, qtbot):
    edit.set_jalali(1403, 12, 30)
    edit.clear()
    edit.show_popup()
    assert edit.popup.isVisible()
    edit.calendar.setCurrentPage(1403, 12)
    click_day(qtbot, edit.calendar, 30)
    assert edit.jalali() == (1403, 12, 30)
    assert edit.raw_text() == "۱۴۰۳/۱۲/۳۰"
    assert not edit.popup.isVisible()


def test_esfand_1404_has_no_30th_in_the_popup(edit):
    edit.show_popup()
    edit.calendar.setCurrentPage(1404, 12)
    assert max(month_cells(edit.calendar)) == 29
    edit.calendar.setCurrentPage(1403, 12)
    assert max(month_cells(edit.calendar)) == 30


def test_popup_cannot_pick_after_the_maximum(edit, qtbot):
    edit.setMaximumJalali(1403, 12, 29)
    edit.show_popup()
    edit.calendar.setCurrentPage(1403, 12)
    click_day(qtbot, edit.calendar, 30)
    assert edit.jalali() != (1403, 12, 30)


@pytest.mark.parametrize(("jalali", "gregorian", "weekday"), DATES)
def test_popup_opens_on_the_typed_day(edit, jalali, gregorian, weekday):
    edit.setMaximumJalali(1410, 1, 1)
    edit.set_jalali(*_triple(jalali))
    edit.show_popup()
    assert edit.calendar.selectedDate() == QDate.fromString(gregorian, "yyyy-MM-dd")
    assert edit.calendar.selectedDate().dayOfWeek() == [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
    ].index(weekday) + 1  # fmt: skip
    # Enter on the selected day hands back the same triple.
    QTest.keyClick(edit.calendar.findChild(QTableView), Qt.Key.Key_Return)
    assert edit.jalali() == _triple(jalali)


def test_alt_down_opens_the_popup(edit, qtbot):
    edit.line_edit.setFocus()
    QTest.keyClick(edit.line_edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert edit.popup.isVisible()


def test_maximum_must_exist():
    with pytest.raises(ValueError):
        JalaliDateEdit().setMaximumJalali(1404, 12, 30)
