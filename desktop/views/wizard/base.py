"""What every form page of the wizard shares: its Designer form, its bindings, the Next gate."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from desktop.rules.errors import FieldError
from desktop.views.forms import Form, load_form
from desktop.views.wizard.binding import FieldBinding

if TYPE_CHECKING:
    from desktop.views.wizard.wizard import RegistrationWizard


class FormHostPage(QWizardPage):
    """A wizard page showing the Designer form ``ui/<form_name>``.

    The form's ``windowTitle`` becomes the page title (the wording stays in the ``.ui`` file).
    The form sits in a frameless scroll area so a small screen never clips a field.
    """

    form_name: ClassVar[str]

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.form: Form = load_form(self.form_name)
        self.setTitle(self.form.widget.windowTitle())
        scroll = QScrollArea(self)
        scroll.setObjectName("page_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form.widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def registration(self) -> RegistrationWizard:
        """The wizard this page belongs to (for values of other pages)."""
        return self.wizard()  # type: ignore[return-value]


class FormPage(FormHostPage):
    """A page of inputs: :class:`FieldBinding` objects added with :meth:`bind`.

    Subclasses implement :meth:`clear_inputs` and :meth:`has_input`; :meth:`validatePage` is
    the gate of the Next button.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bindings: list[FieldBinding] = []

    # --- set-up helpers ----------------------------------------------------------------
    def bind(self, field: str, widget: QWidget, read, **kwargs: Any) -> FieldBinding:
        """Add a binding whose error label is the form's ``<field>_error``."""
        binding = FieldBinding(
            field, widget, getattr(self.form, f"{field}_error"), read, parent=self, **kwargs
        )
        self.bindings.append(binding)
        return binding

    # --- validation --------------------------------------------------------------------
    def fields(self) -> set[str]:
        """Names of the rules fields on this page (for routing service errors)."""
        return {b.field for b in self.bindings}

    def binding(self, field: str) -> FieldBinding:
        """The binding of ``field``; raises KeyError if the field is not on this page."""
        for b in self.bindings:
            if b.field == field:
                return b
        raise KeyError(field)

    def validate_all(self) -> bool:
        """Check every field, show every message, focus the first bad field; True if all ok."""
        bad = [b for b in self.bindings if not b.validate().ok]
        if bad:
            bad[0].focus()
        return not bad

    def validatePage(self) -> bool:  # Qt override: the Next button's gate
        return self.validate_all()

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        """Show errors that came back from the service on their fields; focus the first."""
        first: FieldBinding | None = None
        for field in dict.fromkeys(e.field for e in errors):
            binding = self.binding(field)
            binding.show_errors([e for e in errors if e.field == field])
            first = first or binding
        if first is not None:
            first.focus()

    def field_left(self, old: QWidget | None, new: QWidget | None) -> None:
        """Focus moved from ``old`` to ``new``: check each field that was left."""
        if new is None:  # the window lost focus: the user did not leave the field
            return
        if new.window().windowType() == Qt.WindowType.Popup:
            return  # a combo's list or the calendar opened: the user is still choosing
        for binding in self.bindings:
            if binding.contains(old) and not binding.contains(new):
                binding.validate()

    # --- forgetting --------------------------------------------------------------------
    def clear(self) -> None:
        """Empty every input and message (a shared desk forgets between applicants)."""
        self.clear_inputs()
        for binding in self.bindings:
            binding.clear_error()

    def clear_inputs(self) -> None:
        """Empty this page's inputs (subclasses)."""
        raise NotImplementedError

    def has_input(self) -> bool:
        """True when anything was typed or chosen on this page (Cancel asks first)."""
        return False

    def cleanupPage(self) -> None:  # Qt override
        # Going Back keeps what was typed (the guide's "previous step" is for correcting);
        # QWizard's default would reset registered fields, which we do not use.
        pass


def set_tab_chain(widgets: Iterable[QWidget]) -> None:
    """Tab order through ``widgets`` in the given order (after code inserted custom widgets)."""
    previous: QWidget | None = None
    for widget in widgets:
        if previous is not None:
            QWidget.setTabOrder(previous, widget)
        previous = widget


def wipe(*line_edits) -> None:
    """Empty QLineEdits so that even their undo history forgets the old text.

    ``setText`` (unlike ``clear``, which is undoable) resets a QLineEdit's undo stack, so
    Ctrl+Z cannot bring the last applicant's input back.
    """
    for edit in line_edits:
        edit.setText("")
