"""What every page of the recovery dialog shares: its Designer form and its title."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.views.forms import Form, load_form


class StepPage(QWidget):
    """A page of the recovery dialog showing ``ui/<form_name>``.

    The form's ``windowTitle`` is the step's title («بازیابی گذرواژه - گام اول»), so the
    wording stays in the ``.ui`` file. Subclasses implement :meth:`clear` (a shared desk
    forgets between people) and name the widget that takes the focus in ``focus_widget``.
    """

    form_name: ClassVar[str]

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.form: Form = load_form(self.form_name, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form.widget)

    @property
    def title(self) -> str:
        """The step's title, as the dialog's heading shows it."""
        return self.form.widget.windowTitle()

    def focus_widget(self) -> QWidget:
        """The input that gets the keyboard focus when the step is shown."""
        return self.form.widget

    def enter(self) -> None:
        """The step is shown: focus its first input."""
        self.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        """Empty every input and message of the step."""
        raise NotImplementedError
