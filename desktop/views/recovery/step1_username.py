"""Step 1 of the guide's recovery: «نام کاربری (کد ملی)»."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from desktop.rules.errors import FieldError
from desktop.views.recovery.step import StepPage
from desktop.views.widgets.style import make_ltr
from desktop.views.wizard.base import wipe
from desktop.views.wizard.binding import FieldBinding


class UsernameStep(StepPage):
    """The national code, checked by :func:`desktop.rules.fields.parse_national_code` before
    anything is sent (Persian digits and dashes accepted, shown back normalised)."""

    form_name = "recovery_step1_username.ui"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        edit = make_ltr(self.form.national_code_edit)
        self.national_code_edit = edit
        self.binding = FieldBinding(
            "national_code",
            edit,
            self.form.national_code_error,
            edit.text,
            changed=edit.textChanged,
            write_back=edit.setText,
            parent=self,
        )

    def focus_widget(self) -> QWidget:
        return self.national_code_edit

    def national_code(self) -> str | None:
        """The normalised national code (ASCII digits), or None after showing why not."""
        parsed = self.binding.validate()
        if not parsed.ok:
            self.binding.focus()
            return None
        return parsed.value

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        """Show ``national_code`` errors that came back from the service."""
        self.binding.show_errors(errors)
        self.binding.focus()

    def clear(self) -> None:
        wipe(self.national_code_edit)
        self.binding.clear_error()
