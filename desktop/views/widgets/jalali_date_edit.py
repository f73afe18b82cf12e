"""A Jalali (Persian calendar) date field: a line edit plus a calendar popup.

Why not QDateEdit: in a right-to-left widget it reverses its sections (day/month/year, NOTES.md)
and it corrects an impossible day silently, while the rules must see what was typed to report
``invalid``. Here the text is what the user sees, year first in Persian digits
(``۱۴۰۳/۱۲/۳۰``, laid out left to right like every number), and :meth:`JalaliDateEdit.jalali`
hands the rules the typed triple unchanged.
"""

from __future__ import annotations

from PySide6.QtCore import QCalendar, QDate, QLocale, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.rules.birth_date import tehran_today
from desktop.views.text import tr
from desktop.views.widgets.jalali import (
    JalaliTriple,
    format_triple,
    jalali_to_qdate,
    parse_triple,
    qdate_to_jalali,
)
from desktop.views.widgets.style import apply_style, make_ltr, to_persian_digits

PERSIAN = QLocale(QLocale.Language.Persian, QLocale.Country.Iran)

# Digits of any script, the separators parse_triple accepts, spaces. At most 12 characters:
# a longer paste is refused whole instead of being truncated into another date (NOTES.md on
# setMaxLength).
_ALLOWED = QRegularExpression(
    r"^[\d/\-.\x{066B} ]{0,12}$", QRegularExpression.PatternOption.UseUnicodePropertiesOption
)


class JalaliCalendar(QCalendarWidget):
    """A QCalendarWidget in the Jalali calendar: Persian month names and digits, week from
    Saturday, Friday marked as the weekend (red and bold, not colour alone)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendar(QCalendar(QCalendar.System.Jalali))
        # The locale resets the first day of week: set it first (NOTES.md).
        self.setLocale(PERSIAN)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Saturday)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setGridVisible(True)
        # Qt marks Saturday and Sunday as the weekend whatever the locale; in Iran it is Friday.
        normal = QTextCharFormat()
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.setWeekdayTextFormat(day, normal)
        weekend = QTextCharFormat()
        weekend.setForeground(Qt.GlobalColor.darkRed)
        self.setWeekdayTextFormat(Qt.DayOfWeek.Friday, weekend)


class JalaliDateEdit(QWidget):
    """Date field for a Jalali date typed with Persian or Latin digits, or picked in a calendar.

    API: :meth:`jalali` (the typed ``(y, m, d)`` or None), :meth:`set_jalali`, :meth:`clear`,
    :meth:`raw_text`, :meth:`setMaximumJalali`, signal :attr:`changed` (emitted on every edit
    and pick). ``line_edit`` and ``calendar`` are public for layout and tests; the popup opens
    with the button, Alt+Down or F4.

    The maximum defaults to today in Asia/Tehran (recomputed each time the popup opens, so a
    desk left on overnight stays right); typed dates after it are kept for the rules to refuse.
    """

    #: The text or the picked date changed (read :meth:`jalali`).
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._maximum: JalaliTriple | None = None  # None: today in Tehran
        apply_style(self)

        self.line_edit = QLineEdit(self)
        make_ltr(self.line_edit)
        self.line_edit.setValidator(QRegularExpressionValidator(_ALLOWED, self.line_edit))
        self.line_edit.setPlaceholderText(to_persian_digits("1365/06/31"))
        self.line_edit.setAccessibleName(tr("تاریخ تولد"))
        self.line_edit.setToolTip(
            tr("تاریخ را به صورت سال/ماه/روز وارد کنید یا از تقویم انتخاب کنید.")
        )
        self.line_edit.textEdited.connect(self._show_persian_digits)
        self.line_edit.textChanged.connect(self.changed)
        self.line_edit.editingFinished.connect(self._tidy)
        self.line_edit.installEventFilter(self)

        self.popup_button = QToolButton(self)
        self.popup_button.setText(tr("تقویم"))
        self.popup_button.setAccessibleName(tr("انتخاب تاریخ از تقویم"))
        self.popup_button.clicked.connect(self.show_popup)

        # The popup and its calendar (~70 widgets, ~1 MiB) are made when first asked for:
        # most applicants type the date.
        self._popup: QFrame | None = None
        self._calendar: JalaliCalendar | None = None

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line_edit, 1)
        row.addWidget(self.popup_button)
        self.setFocusProxy(self.line_edit)

    # --- public API --------------------------------------------------------------------
    @property
    def popup(self) -> QFrame:
        """The popup frame holding :attr:`calendar` (made on first use)."""
        if self._popup is None:
            self._make_popup()
        return self._popup

    @property
    def calendar(self) -> JalaliCalendar:
        """The popup's Jalali calendar (made on first use, its maximum applied)."""
        if self._calendar is None:
            self._make_popup()
        return self._calendar

    def jalali(self) -> JalaliTriple | None:
        """The typed ``(year, month, day)``, unchecked (``1404/12/30`` stays as typed), or None
        when the field is empty or not of the ``YYYY/MM/DD`` shape."""
        return parse_triple(self.line_edit.text())

    def set_jalali(self, year: int, month: int, day: int) -> None:
        """Show ``year/month/day`` (Persian digits), even a day that does not exist."""
        self.line_edit.setText(format_triple(year, month, day))

    def clear(self) -> None:
        """Empty the field (emits :attr:`changed`)."""
        self.line_edit.clear()

    def raw_text(self) -> str:
        """The text exactly as shown (Persian digits), for error reports and the rules."""
        return self.line_edit.text()

    def setMaximumJalali(self, year: int, month: int, day: int) -> None:
        """Latest day the calendar offers (default today in Tehran). Raises ValueError for a
        day that does not exist."""
        jalali_to_qdate(year, month, day)  # validates before anything changes
        self._maximum = (year, month, day)
        self._apply_maximum()

    def maximumJalali(self) -> JalaliTriple:
        """Latest day the calendar offers."""
        if self._maximum is not None:
            return self._maximum
        today = tehran_today()
        return today.year, today.month, today.day

    def show_popup(self) -> None:
        """Open the calendar under the field, on the typed date when it exists."""
        self._apply_maximum()
        typed = self.jalali()
        try:
            selected = jalali_to_qdate(*typed) if typed else None
        except ValueError:
            selected = None
        if selected is not None and selected <= self.calendar.maximumDate():
            self.calendar.setSelectedDate(selected)
        else:
            self.calendar.setSelectedDate(self.calendar.maximumDate())
        self.popup.adjustSize()
        below = self.mapToGlobal(self.rect().bottomLeft())
        self.popup.move(below)
        self.popup.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    # --- Qt overrides ------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:
        if watched is self.line_edit and isinstance(event, QKeyEvent):
            if event.type() == QKeyEvent.Type.KeyPress and self._is_popup_key(event):
                self.show_popup()
                return True
        return super().eventFilter(watched, event)

    # --- internals ---------------------------------------------------------------------
    @staticmethod
    def _is_popup_key(event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_F4:
            return True
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        return alt and event.key() == Qt.Key.Key_Down

    def _make_popup(self) -> None:
        popup = QFrame(self, Qt.WindowType.Popup)
        popup.setFrameShape(QFrame.Shape.StyledPanel)
        popup.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        calendar = JalaliCalendar(popup)
        calendar.clicked.connect(self._pick)
        calendar.activated.connect(self._pick)
        popup_layout = QVBoxLayout(popup)
        popup_layout.setContentsMargins(0, 0, 0, 0)
        popup_layout.addWidget(calendar)
        self._popup, self._calendar = popup, calendar
        self._apply_maximum()

    def _apply_maximum(self) -> None:
        if self._calendar is not None:  # else applied when the calendar is made
            self._calendar.setMaximumDate(jalali_to_qdate(*self.maximumJalali()))

    def _pick(self, date: QDate) -> None:
        self.set_jalali(*qdate_to_jalali(date))
        self.popup.hide()
        self.line_edit.setFocus(Qt.FocusReason.PopupFocusReason)

    def _show_persian_digits(self, text: str) -> None:
        """Show typed or pasted Latin/Arabic-Indic digits as Persian ones, cursor kept."""
        shown = to_persian_digits(text)
        if shown != text:
            cursor = self.line_edit.cursorPosition()  # same length: one digit for one digit
            self.line_edit.setText(shown)
            self.line_edit.setCursorPosition(cursor)

    def _tidy(self) -> None:
        """On leaving the field: a readable date gets its canonical ``۱۴۰۳/۰۱/۰۹`` form."""
        typed = self.jalali()
        if typed is not None:
            tidy = format_triple(*typed)
            if tidy != self.line_edit.text():
                self.line_edit.setText(tidy)
