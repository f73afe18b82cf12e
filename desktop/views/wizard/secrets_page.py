"""Step 3 of the guide: email, password and its repeat, three security questions."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desktop.rules.errors import FieldError
from desktop.rules.messages import message
from desktop.rules.questions import QUESTIONS
from desktop.views.text import tr
from desktop.views.widgets.field_row import show_error
from desktop.views.widgets.password_field import PasswordField
from desktop.views.widgets.style import set_state
from desktop.views.wizard.base import FormPage, set_tab_chain, wipe
from desktop.views.wizard.binding import FieldBinding

#: Codes of ``security_questions`` that are about the chosen question, not the answer.
_QUESTION_CODES = ("duplicate_question",)


class QuestionsBinding(FieldBinding):
    """``security_questions``: three rows, one rule; the message goes under the row named by
    the error's ``index`` param, on the question picker or the answer it is about."""

    def __init__(self, box: QWidget, shared_label: QLabel, read, rows, parent=None):
        super().__init__("security_questions", box, shared_label, read, parent=parent)
        self._rows: list[tuple[QComboBox, QLineEdit, QLabel]] = rows
        for combo, answer, label in rows:
            label.setVisible(False)
            combo.currentIndexChanged.connect(self._on_changed)
            answer.textChanged.connect(self._on_changed)

    def _target(self, error: FieldError) -> tuple[int, QWidget]:
        index = int(error.params.get("index", 0))
        combo, answer, _ = self._rows[index]
        about_question = error.code in _QUESTION_CODES or (
            error.code == "required" and not combo.currentData()
        )
        return index, combo if about_question else answer

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        self._shown = tuple(errors)
        target_row, target = self._target(errors[0]) if errors else (-1, None)
        for index, (combo, answer, label) in enumerate(self._rows):
            for widget in (combo, answer):
                if widget is not target:
                    set_state(widget, "invalid", "false")
            if index == target_row:
                show_error(label, message(errors[0]), target)
            else:
                show_error(label, None)

    def focus(self) -> None:
        if self._shown:
            self._target(self._shown[0])[1].setFocus(Qt.FocusReason.OtherFocusReason)


class SecretsPage(FormPage):
    """«مرحله سوم ثبت نام»: ``email`` (optional), ``password``, ``password_confirm`` and
    ``security_questions`` (three ``(question_id, answer)`` pairs).

    Nothing here is ever prefilled (the guide's public-place warning) and no secret is shown
    to the operator afterwards: the password stays masked when the page is left, and an answer
    is shown only while it is being typed (``PasswordEchoOnEdit``).
    """

    form_name = "wizard_step3_secrets.ui"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = self.form
        self.email_edit = form.email_edit
        self.password_confirm_edit = form.password_confirm_edit
        self.password_field = form.place(
            "password_slot", PasswordField(confirm_edit=self.password_confirm_edit)
        )
        self.password_field.setAccessibleName(form.password_slot.accessibleName())
        self.question_combos = [getattr(form, f"question_{i}_combo") for i in (1, 2, 3)]
        self.answer_edits = [getattr(form, f"answer_{i}_edit") for i in (1, 2, 3)]

        for combo in self.question_combos:
            combo.addItem(tr("انتخاب کنید"), "")
            for question in QUESTIONS:
                combo.addItem(question.text, question.id)
        for edit in self.answer_edits:
            edit.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)

        edit = self.email_edit
        self.bind("email", edit, edit.text, changed=edit.textChanged, write_back=edit.setText)
        self.bind(
            "password",
            self.password_field.password_edit,
            self.password_field.password,
            context=self.personal_info,
            changed=self.password_field.changed,
        )
        self.bind(
            "password_confirm",
            self.password_confirm_edit,
            self.password_field.confirm,
            context=lambda: {"password": self.password_field.password()},
            changed=self.password_field.changed,
        )
        questions = QuestionsBinding(
            form.questions_box,
            form.security_questions_error,
            self.question_pairs,
            [
                (combo, answer, getattr(form, f"question_{i}_error"))
                for i, (combo, answer) in enumerate(
                    zip(self.question_combos, self.answer_edits, strict=True), start=1
                )
            ],
            parent=self,
        )
        self.bindings.append(questions)

        chain: list[QWidget] = [self.email_edit, self.password_field, self.password_confirm_edit]
        for combo, answer in zip(self.question_combos, self.answer_edits, strict=True):
            chain += [combo, answer]
        set_tab_chain(chain)

    def personal_info(self) -> dict[str, str]:
        """Names and national code (normalised) the password must not contain."""
        wizard = self.registration()
        return {
            "first_name": wizard.normalised("first_name") or "",
            "last_name": wizard.normalised("last_name") or "",
            "national_code": wizard.normalised("national_code") or "",
        }

    def initializePage(self) -> None:  # Qt override: every visit from step 2
        self.password_field.set_personal_info(
            **self.personal_info(), mobile=self.registration().normalised("mobile") or ""
        )

    def validatePage(self) -> bool:  # Qt override
        ok = self.validate_all()
        if ok:
            # Leaving the page: a shown password must not stay on screen for the operator.
            self.password_field.show_check.setChecked(False)
        return ok

    def question_pairs(self) -> tuple[tuple[str, str], ...]:
        """The three ``(question_id, answer)`` pairs as chosen and typed (id "" if none)."""
        return tuple(
            (combo.currentData() or "", answer.text())
            for combo, answer in zip(self.question_combos, self.answer_edits, strict=True)
        )

    def raw_values(self) -> dict[str, object]:
        """The step's inputs as the rules take them (secrets included: handle with care)."""
        return {
            "email": self.email_edit.text(),
            "password": self.password_field.password(),
            "password_confirm": self.password_field.confirm(),
            "questions": self.question_pairs(),
        }

    def clear_inputs(self) -> None:
        wipe(self.email_edit, *self.answer_edits)
        self.password_field.clear()  # both password fields, undo history included
        for combo in self.question_combos:
            combo.setCurrentIndex(0)

    def has_input(self) -> bool:
        return bool(
            self.email_edit.text().strip()
            or self.password_field.password()
            or self.password_field.confirm()
            or any(qid or answer for qid, answer in self.question_pairs())
        )
