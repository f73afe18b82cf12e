"""The recovery's dead end: why it cannot go on, and the guide's advice to visit a branch."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.views.recovery.step import StepPage


class EndPage(StepPage):
    """A heading (the refusal, in the error style), an explanation, and the guide's closing
    note «…جهت بازیابی به نزدیکترین شعبه مراجعه نمائید» (always shown, from the form)."""

    form_name = "recovery_end.ui"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.end_title = self.form.end_title
        self.end_text = self.form.end_text

    def show_end(self, heading: str, text: str = "") -> None:
        """Show ``heading`` (Persian, a refusal's message) and ``text`` (what to do now)."""
        self.end_title.setText(heading)
        self.end_text.setText(text)
        self.end_text.setVisible(bool(text))

    @property
    def heading(self) -> str:
        """The heading shown."""
        return self.end_title.text()

    def clear(self) -> None:
        self.show_end("")
