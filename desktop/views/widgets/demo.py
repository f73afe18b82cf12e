"""Each widget in a typical state, rendered to ``widget_*.png`` for review and the docs.

``python -m desktop.views.widgets.demo docs/screenshots`` (offscreen is fine). The application
theme (bundled Vazirmatn font, style sheet) is applied first so the images show what the desk
shows. The sample data are invented (a checksum-valid test national code, a 0912 mobile).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.service.interface import SmsMessage
from desktop.views.text import tr
from desktop.views.widgets.field_row import FieldErrorLabel
from desktop.views.widgets.jalali import jalali_to_qdate
from desktop.views.widgets.jalali_date_edit import JalaliCalendar, JalaliDateEdit
from desktop.views.widgets.onscreen_keyboard import OnScreenKeyboard
from desktop.views.widgets.password_field import PasswordField
from desktop.views.widgets.sms_panel import SmsPhonePanel
from desktop.views.widgets.style import make_ltr

SAMPLE_MOBILE = "09121234567"
SAMPLE_SMS = (
    SmsMessage(
        SAMPLE_MOBILE,
        "جناب آقای علی رضایی به سیستم های متمرکز سازمان تأمین اجتماعی خوش آمدید. "
        "حساب کاربری شما فعال گردید.",
        "activated",
        dt.datetime(2025, 3, 20, 6, 5, tzinfo=dt.UTC),
    ),
    SmsMessage(
        SAMPLE_MOBILE,
        "شناسه بازیابی گذرواژه شما: 482913 این شناسه ۲۰ دقیقه معتبر است.",
        "recovery_code",
        dt.datetime(2025, 3, 21, 9, 40, tzinfo=dt.UTC),
    ),
)


def _host(title: str, *widgets: QWidget) -> QWidget:
    """A white right-to-left card holding a caption and ``widgets``."""
    host = QWidget()
    host.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    host.setAutoFillBackground(True)
    host.setStyleSheet("QWidget#card { background: white; }")
    host.setObjectName("card")
    layout = QVBoxLayout(host)
    layout.setContentsMargins(16, 12, 16, 16)
    layout.addWidget(QLabel(title))
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return host


def _date_edit() -> QWidget:
    edit = JalaliDateEdit()
    edit.set_jalali(1403, 12, 30)
    host = _host(tr("تاریخ تولد *"), edit)
    host.setMinimumWidth(340)
    return host


def _calendar() -> QWidget:
    calendar = JalaliCalendar()
    calendar.setMaximumDate(jalali_to_qdate(1404, 1, 10))
    calendar.setSelectedDate(jalali_to_qdate(1403, 12, 30))
    calendar.setMinimumSize(420, 280)
    return calendar


def _password_field() -> QWidget:
    field = PasswordField()
    field.set_personal_info("علی", "رضایی", "0499370899", SAMPLE_MOBILE)
    field.password_edit.setText("Ab&1xyz")
    field.confirm_edit.setText("Ab&1xy")
    field.show_check.setChecked(True)
    field.update_strength()
    host = _host(tr("گذرواژه *"), field)
    host.setMinimumWidth(560)
    return host


def _keyboard() -> QWidget:
    target = make_ltr(QLineEdit())
    target.setEchoMode(QLineEdit.EchoMode.Password)
    keyboard = OnScreenKeyboard(target)
    for key in ("A", "b", "&", "1"):
        if key.isupper():
            keyboard.shift_key.click()
        keyboard.key(key.lower()).click()
    keyboard.shift_key.setChecked(True)
    # Digits unshuffled: a shuffled row would change the PNG on every run.
    return _host(tr("صفحه‌کلید مجازی"), target, keyboard)


def _sms_panel() -> QWidget:
    panel = SmsPhonePanel()
    panel.show_messages(SAMPLE_MOBILE, SAMPLE_SMS)
    panel.resize(300, 420)
    return panel


def _field_error() -> QWidget:
    edit = make_ltr(QLineEdit("049937089"))
    error = FieldErrorLabel()
    error.set_error("کد ملی وارد شده معتبر نیست: باید ۱۰ رقم باشد.", edit)
    host = _host(tr("کد ملی *"), edit, error)
    host.setMinimumWidth(340)
    return host


#: PNG name → builder of the widget in its sample state.
SCREENS: dict[str, Callable[[], QWidget]] = {
    "widget_jalali_date_edit.png": _date_edit,
    "widget_jalali_calendar.png": _calendar,
    "widget_password_field.png": _password_field,
    "widget_onscreen_keyboard.png": _keyboard,
    "widget_sms_panel.png": _sms_panel,
    "widget_field_error.png": _field_error,
}


def render_screenshots(folder: Path | str) -> list[Path]:
    """Render every :data:`SCREENS` entry to ``folder/<name>``; returns the written paths.

    Needs a QApplication (one is made, right-to-left and themed, when none exists).
    """
    from desktop.views.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    apply_theme(app)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in SCREENS.items():
        widget = build()
        widget.show()
        widget.adjustSize()
        app.processEvents()
        path = folder / name
        if not widget.grab().save(str(path)):
            raise OSError(f"cannot write {path}")
        widget.close()
        widget.deleteLater()
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m desktop.views.widgets.demo FOLDER``: write the PNGs, print their paths."""
    args = sys.argv[1:] if argv is None else argv
    for path in render_screenshots(args[0] if args else "docs/screenshots"):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
