"""Never a silent death: unexpected exceptions become a crash dialog with a masked report.

:func:`install_excepthook` replaces ``sys.excepthook`` (and ``threading.excepthook``) so an
exception nobody caught is logged and shown in a message box, and the desk keeps running.
Reports and log records go through :func:`mask_identifiers` first: no national code, mobile or
email ever reaches a log file or a dialog in full (developers' brief; OWASP Logging Cheat Sheet,
"data to exclude").
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from types import TracebackType

from desktop.security.masking import mask_mobile, mask_national_code

log = logging.getLogger(__name__)

_PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# A mobile (09XXXXXXXXX, or +98/0098 and 9XXXXXXXXX) or any other run of 8+ digits (a national
# code, a certificate number): digits are the identifiers a desk handles.
_MOBILE = re.compile(r"(?<!\d)(?:\+98|0098|0)?9\d{9}(?!\d)")
_DIGIT_RUN = re.compile(r"(?<!\d)\d{8,}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def mask_identifiers(text: str) -> str:
    """``text`` with mobiles, long digit runs (national codes) and emails masked.

    Persian and Arabic-Indic digits are read as digits, so a pasted ``۰۹۱۲...`` is masked too.
    """
    ascii_digits = text.translate(_PERSIAN_DIGITS)
    masked = _MOBILE.sub(lambda m: mask_mobile("0" + m.group(0)[-10:]), ascii_digits)
    masked = _DIGIT_RUN.sub(lambda m: mask_national_code(m.group(0)), masked)
    return _EMAIL.sub("***@***", masked)


class MaskingFilter(logging.Filter):
    """A logging filter that masks identifiers in every record's final message."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_identifiers(record.getMessage())
        record.args = None
        return True


def crash_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """A masked, plain-text report: exception type and message, then the stack (code only)."""
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    return mask_identifiers(text)


def show_crash_dialog(report: str) -> None:
    """The crash message box (modal) with the masked ``report`` as its details."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.views.text import tr

    app = QApplication.instance()
    if app is None:
        return
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        tr("خطای پیش‌بینی‌نشده"),
        tr(
            "میز خدمت با خطای پیش‌بینی‌نشده‌ای روبه‌رو شد و به کار ادامه می‌دهد. اگر خطا تکرار "
            "شد، گزارش زیر (بدون اطلاعات شخصی) را برای پشتیبانی بفرستید."
        ),
    )
    box.setObjectName("crash_dialog")
    box.setDetailedText(report)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def install_excepthook() -> None:
    """Route uncaught exceptions to a masked log entry and, on the GUI thread, a dialog.

    An exception on another thread is logged only (a dialog must be made on the GUI thread);
    the job threads report their own failures to the views (:mod:`desktop.views.jobs`).
    """

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report = crash_report(exc_type, exc, tb)
        log.error("uncaught exception:\n%s", report)
        sys.stderr.write(report)
        if threading.current_thread() is threading.main_thread():
            try:
                show_crash_dialog(report)
            except Exception:  # the dialog itself failing must not recurse into the hook
                sys.stderr.write("crash dialog failed\n")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
