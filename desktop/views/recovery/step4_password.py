"""Step 4 of the guide's recovery: «گذرواژه جدید» and «تکرار گذرواژه جدید»."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.views.recovery.step import StepPage
from desktop.views.widgets import PasswordField
from desktop.views.wizard.base import set_tab_chain
from desktop.views.wizard.binding import FieldBinding


class PasswordStep(StepPage):
    """The new password under the same rules as registration: the widgets' ``PasswordField``
    (live checklist, strength bar, show toggle, on-screen keyboard) with the form's repeat
    field, each bound to its rule (:func:`desktop.rules.fields.parse_field`) and inline
    message. Personal info is the account holder's names and national code
    (:meth:`set_personal_info`).
    """

    form_name = "recovery_step4_password.ui"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = self.form
        self.confirm_edit = form.password_confirm_edit
        self.password_field = form.place(
            "password_slot", PasswordField(confirm_edit=self.confirm_edit)
        )
        self.password_field.setAccessibleName(form.password_slot.accessibleName())
        self._personal: dict[str, str] = {}
        self.password = FieldBinding(
            "password",
            self.password_field,
            form.password_error,
            self.password_field.password,
            context=lambda: dict(self._personal),
            changed=self.password_field.changed,
            parent=self,
        )
        self.password_confirm = FieldBinding(
            "password_confirm",
            self.confirm_edit,
            form.password_confirm_error,
            self.password_field.confirm,
            context=lambda: {"password": self.password_field.password()},
            changed=self.password_field.changed,
            parent=self,
        )
        set_tab_chain([self.password_field, self.confirm_edit])

    def focus_widget(self) -> QWidget:
        return self.password_field

    def set_personal_info(self, first_name: str, last_name: str, national_code: str) -> None:
        """What the password must not contain (SPEC: first name, last name, national code)."""
        self._personal = {
            "first_name": first_name,
            "last_name": last_name,
            "national_code": national_code,
        }
        self.password_field.set_personal_info(first_name, last_name, national_code)

    def new_password(self) -> str | None:
        """The new password exactly as typed, or None after showing every refusal (first
        bad field focused)."""
        bad = [b for b in (self.password, self.password_confirm) if not b.validate().ok]
        if bad:
            bad[0].focus()
            return None
        return self.password_field.password()

    def clear(self) -> None:
        self.password_field.clear()
        self.password.clear_error()
        self.password_confirm.clear_error()
