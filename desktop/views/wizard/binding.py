"""One input bound to its rule and to the inline label that shows its Persian message.

The rule itself always comes from :mod:`desktop.rules` (``parse_field``); a binding only knows
how to read the widget, which context the rule needs (the national code for the password...),
and where to show the message. Validation runs when the field is left (focus-out), again while
the user corrects a field that shows an error, and for every field of a page on Next.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtWidgets import QLabel, QWidget

from desktop.rules.errors import FieldError
from desktop.rules.fields import Parsed, parse_field
from desktop.rules.messages import message
from desktop.views.widgets.field_row import show_error


class FieldBinding(QObject):
    """A field of a page: ``field`` (rules name), its input ``widget`` and ``error_label``.

    ``read()`` returns the raw value the rule takes (text, a ``(y, m, d)`` tuple, pairs...).
    ``context()`` returns keyword arguments for :func:`desktop.rules.fields.parse_field`.
    ``changed``: a signal emitted on every edit; while a message is shown, each edit
    re-checks the field so the message goes as soon as the input is right.
    ``write_back(value)``: called with the normalised value after a successful check, e.g. to
    show ``09121234567`` for a pasted ``۰۹۱۲ ۱۲۳ ۴۵۶۷``.
    Signal ``edited()``: the input changed (the desk's idle clock listens to it).
    ``first_only``: show one message even if the rule returned several (the password's
    checklist shows the others).
    """

    edited = Signal()

    def __init__(
        self,
        field: str,
        widget: QWidget,
        error_label: QLabel,
        read: Callable[[], Any],
        *,
        context: Callable[[], dict[str, Any]] | None = None,
        changed: SignalInstance | None = None,
        write_back: Callable[[str], None] | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.field = field
        self.widget = widget
        self.error_label = error_label
        self._read = read
        self._context = context or dict
        self._write_back = write_back
        self._shown: tuple[FieldError, ...] = ()
        error_label.setVisible(False)
        if changed is not None:
            changed.connect(self._on_changed)

    # --- checking ----------------------------------------------------------------------
    def check(self) -> Parsed:
        """Run the field's rule on the current input; shows nothing."""
        return parse_field(self.field, self._read(), **self._context())

    def validate(self) -> Parsed:
        """Run the rule and show its outcome (message or none); returns the :class:`Parsed`."""
        parsed = self.check()
        self.show_errors(parsed.errors)
        if parsed.ok and parsed.value is not None and self._write_back is not None:
            self._write_back(parsed.value)
        return parsed

    def _on_changed(self, *_args: object) -> None:
        self.edited.emit()
        if self._shown:
            self.show_errors(self.check().errors)

    # --- showing -----------------------------------------------------------------------
    @property
    def has_error(self) -> bool:
        """True while a message is shown under the field."""
        return bool(self._shown)

    @property
    def shown_text(self) -> str:
        """The message shown under the field ("" when none)."""
        return self.error_label.text() if self._shown else ""

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        """Show the first of ``errors`` (Persian, naming the field) or clear the label."""
        self._shown = tuple(errors)
        show_error(self.error_label, message(errors[0]) if errors else None, self.widget)

    def clear_error(self) -> None:
        """Remove any shown message."""
        self.show_errors(())

    # --- focus -------------------------------------------------------------------------
    def contains(self, widget: QWidget | None) -> bool:
        """True when ``widget`` is this field's input or inside it (composite widgets)."""
        return widget is not None and (widget is self.widget or self.widget.isAncestorOf(widget))

    def focus(self) -> None:
        """Give the keyboard focus to the input (the first bad field on Next)."""
        self.widget.setFocus(Qt.FocusReason.OtherFocusReason)
