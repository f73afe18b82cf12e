"""Step 3b of the guide's recovery: the three registered security questions and answers."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop.rules.errors import FieldError
from desktop.rules.messages import message
from desktop.rules.questions import question_text
from desktop.views.recovery.step import StepPage
from desktop.views.widgets.field_row import show_error
from desktop.views.wizard.base import wipe

#: Shown when an answer is left empty (checked on the desk, so no try is spent on it). Not
#: ``security_questions``/``required``: that one tells a registering person to choose the
#: questions, which recovery does not ask.
MISSING_ANSWER = FieldError("security_answers", "required")


class QuestionsStep(StepPage):
    """«سوال امنیتی ۱…۳» with their texts (:func:`desktop.rules.questions.question_text`) and
    one answer field each. Answers are sent as typed: the service normalises them (Arabic
    ي/ك, digits, case, spaces) exactly as it did before hashing them at registration.
    An answer shows only while it is being typed (``PasswordEchoOnEdit``, like the wizard).
    """

    form_name = "recovery_step3_questions.ui"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = self.form
        rows = (1, 2, 3)
        self.question_labels: list[QLabel] = [getattr(form, f"question_{i}_text") for i in rows]
        self.answer_edits: list[QLineEdit] = [getattr(form, f"answer_{i}_edit") for i in rows]
        self.answers_error = form.answers_error
        self._question_ids: tuple[str, ...] = ()
        for edit in self.answer_edits:
            edit.textEdited.connect(self._typing)
        self.clear()

    def focus_widget(self) -> QWidget:
        return self.answer_edits[0]

    def show_questions(self, question_ids: Sequence[str]) -> None:
        """Show the account's questions (ids of :mod:`desktop.rules.questions`, in order)."""
        self._question_ids = tuple(question_ids)
        for label, question_id in zip(self.question_labels, self._question_ids, strict=False):
            label.setText(question_text(question_id))
        wipe(*self.answer_edits)
        self.show_refusal(None)

    @property
    def question_ids(self) -> tuple[str, ...]:
        """The ids shown, in order."""
        return self._question_ids

    def answers(self) -> tuple[str, ...] | None:
        """The answers as typed, in question order; None after showing that one is empty."""
        answers = tuple(edit.text() for edit in self.answer_edits[: len(self._question_ids)])
        for edit, answer in zip(self.answer_edits, answers, strict=False):
            if not answer.strip():
                self.show_refusal(MISSING_ANSWER, edit)
                edit.setFocus()
                return None
        return answers

    def show_refusal(self, error: FieldError | None, field: QWidget | None = None) -> None:
        """Show a refusal of the answers (wrong set and tries left), or clear it."""
        show_error(self.answers_error, message(error) if error else None, field)
        if error is None:
            for edit in self.answer_edits:
                show_error(self.answers_error, None, edit)

    @property
    def refusal(self) -> str:
        """The refusal shown ("" when none)."""
        return self.answers_error.text()

    def clear(self) -> None:
        self._question_ids = ()
        for label in self.question_labels:
            label.setText("")
        wipe(*self.answer_edits)
        self.show_refusal(None)

    def _typing(self, _text: str) -> None:
        if self.answers_error.text():
            self.show_refusal(None)
