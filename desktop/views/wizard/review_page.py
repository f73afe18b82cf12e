"""Step 4 of the guide: review every value, then «تایید و ارسال درخواست»."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QWidget, QWizard

from desktop.rules.questions import question_text
from desktop.views.text import N_, tr
from desktop.views.widgets.style import to_persian_digits
from desktop.views.wizard.base import FormHostPage
from desktop.views.wizard.civil_page import gender_text

#: What the review shows instead of a secret (password, answers): never the secret itself.
HIDDEN = "••••••"
#: Review rows in the guide's order (``review_<row>`` labels of the form).
ROWS = (
    "national_code",
    "mobile",
    "last_name",
    "first_name",
    "birth_certificate_number",
    "birth_date",
    "gender",
    "email",
    "password",
    "question_1",
    "question_2",
    "question_3",
)
#: Rows showing the normalised value itself (Latin digits stay left-to-right, as in the form).
_AS_TYPED = ("national_code", "mobile", "first_name", "last_name", "birth_certificate_number")
#: Captions of the three question rows, as in the guide's review screen.
_QUESTION_CAPTIONS = (
    N_("سوال امنیتی اول ({question})"),
    N_("سوال امنیتی دوم ({question})"),
    N_("سوال امنیتی سوم ({question})"),
)


class ReviewPage(FormHostPage):
    """«مرحله چهارم ثبت نام»: every value as the rules normalised it, secrets as ••••••.

    A commit page: once the request is sent, Back is gone. :meth:`validatePage` starts the
    submission (off the GUI thread, by the wizard) and returns False until the service's
    receipt arrived; :meth:`isComplete` is False while sending, which disables the button so
    nothing is sent twice.
    """

    form_name = "wizard_step4_review.ui"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("تایید و ارسال درخواست"))
        self._busy = False
        self.form.busy_panel.setVisible(False)
        self.form.submit_error.setVisible(False)

    # --- what is shown -----------------------------------------------------------------
    def show_values(self, values: Mapping[str, str], question_ids: Sequence[str]) -> None:
        """Fill the review from normalised ``values`` and the three chosen question ids."""
        form = self.form
        for field in _AS_TYPED:
            getattr(form, f"review_{field}").setText(values.get(field, ""))
        form.review_birth_date.setText(to_persian_digits(values.get("birth_date", "")))
        form.review_gender.setText(gender_text(values.get("gender", "")))
        form.review_email.setText(values.get("email") or tr("(وارد نشده)"))
        form.review_password.setText(HIDDEN)
        for index, question_id in enumerate(question_ids, start=1):
            getattr(form, f"review_question_{index}_label").setText(
                tr(_QUESTION_CAPTIONS[index - 1], question=question_text(question_id))
            )
            getattr(form, f"review_question_{index}").setText(HIDDEN)
        self.show_submit_error("")

    def shown_values(self) -> dict[str, str]:
        """``{row name: text shown}`` for every review row (tests, screen readers)."""
        return {name: getattr(self.form, f"review_{name}").text() for name in ROWS}

    def show_submit_error(self, text: str) -> None:
        """Show (or with ``""`` hide) a refusal of the whole request under the review."""
        self.form.submit_error.setText(text)
        self.form.submit_error.setVisible(bool(text))

    def clear(self) -> None:
        """Forget every value shown."""
        for name in ROWS:
            getattr(self.form, f"review_{name}").clear()
        self.show_submit_error("")
        self.set_busy(False)

    # --- sending -----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while the request is being sent."""
        return self._busy

    def set_busy(self, busy: bool) -> None:
        """Show or hide the sending indicator; disables the commit button while sending."""
        self._busy = busy
        self.form.busy_panel.setVisible(busy)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # Qt override: the commit button is enabled only when idle
        return not self._busy

    def validatePage(self) -> bool:  # Qt override: the commit button's gate
        return self.registration().commit_requested()
