"""Step 2 of the guide's recovery: «روش بازیابی گذرواژه را تعیین نمائید.»"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.service.interface import RecoveryMethod
from desktop.views.recovery.step import StepPage
from desktop.views.widgets.field_row import show_error


class MethodStep(StepPage):
    """Two radio buttons (SMS code, security questions) and the line where the guide shows a
    refusal («برای این نام کاربری شماره تلفن همراه یافت نشد.», «شما امکان بازیابی گذرواژه از
    طریق سوال امنیتی را ندارید»)."""

    form_name = "recovery_step2_method.ui"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.sms_radio = self.form.sms_radio
        self.questions_radio = self.form.questions_radio
        self.refusal_label = self.form.refusal_label
        show_error(self.refusal_label, None)

    def focus_widget(self) -> QWidget:
        return self.questions_radio if self.questions_radio.isChecked() else self.sms_radio

    def method(self) -> RecoveryMethod:
        """The chosen method."""
        return RecoveryMethod.QUESTIONS if self.questions_radio.isChecked() else RecoveryMethod.SMS

    def choose(self, method: RecoveryMethod) -> None:
        """Check the radio button of ``method``."""
        radio = self.questions_radio if method is RecoveryMethod.QUESTIONS else self.sms_radio
        radio.setChecked(True)

    def show_refusal(self, text: str | None) -> None:
        """Show why the chosen method cannot be used (or clear it with None)."""
        show_error(self.refusal_label, text)

    @property
    def refusal(self) -> str:
        """The refusal shown ("" when none)."""
        return self.refusal_label.text()

    def clear(self) -> None:
        self.sms_radio.setChecked(True)
        self.show_refusal(None)
