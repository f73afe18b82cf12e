"""Inline field errors: a red, word-wrapped Persian label under a field, hidden when empty.

Validation writes into a label next to the field (the vorta pattern in STYLE.md), not into a
message box. :func:`show_error` works on any QLabel, including the ``role="error"`` labels of
the Designer forms in ``ui/``; :class:`FieldErrorLabel` is the same thing built in code.
:func:`bind_focus_out` runs a page's validation when the user leaves a field.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop.views.widgets.style import apply_style, set_state


def show_error(label: QLabel, text: str | None, field: QWidget | None = None) -> None:
    """Show ``text`` (Persian, naming the field) in ``label``, or hide the label when empty.

    ``field``, when given, gets the ``invalid`` property (a red border in the shared QSS) and
    the message as its accessible description, so a screen reader announces why the field was
    refused. Passing ``None`` or ``""`` clears both.
    """
    text = text or ""
    label.setText(text)
    label.setVisible(bool(text))
    if field is not None:
        set_state(field, "invalid", "true" if text else "false")
        field.setAccessibleDescription(text)


class FieldErrorLabel(QLabel):
    """A QLabel for one field's error: ``role="error"``, red, word-wrapped, hidden when empty.

    Use :meth:`set_error` (or :func:`show_error` with a ``field``) to fill or clear it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        apply_style(self)
        self.hide()

    def set_error(self, text: str | None, field: QWidget | None = None) -> None:
        """Show ``text`` or hide the label when it is empty; see :func:`show_error`."""
        show_error(self, text, field)


_NOT_LEAVING = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)


class _FocusOutFilter(QObject):
    """Calls ``callback`` after its watched widget loses keyboard focus."""

    def __init__(self, watched: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(watched)  # parented to the field: lives and dies with it
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            # A popup (completer, context menu) or another window taking focus is not the
            # user leaving the field: validating then would flag a half-typed value.
            if event.reason() not in _NOT_LEAVING:
                self._callback()
        return False


def bind_focus_out(field: QWidget, callback: Callable[[], None]) -> QObject:
    """Call ``callback()`` each time the user leaves ``field`` (Tab, Shift+Tab, a click elsewhere).

    Focus lost to a popup or to another window does not count.

    Returns the installed event filter (parented to ``field``); remove it with
    ``field.removeEventFilter(filter)`` if ever needed.
    """
    event_filter = _FocusOutFilter(field, callback)
    field.installEventFilter(event_filter)
    return event_filter
