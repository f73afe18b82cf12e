"""After step 4: the request is registered; the result will come by SMS."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.service.interface import RegistrationReceipt, RegistrationState
from desktop.views.text import N_, tr
from desktop.views.widgets.jalali import format_jalali_datetime
from desktop.views.wizard.base import FormHostPage

#: Success, caption and next-steps texts of a registration kept in the offline queue.
QUEUED_TEXTS = (
    N_("اطلاعات ثبت نام شما روی این میز رمزنگاری و در صف ارسال نگه داشته شد."),
    N_("شناسه محلی:"),
    N_(
        "این ثبت نام پس از اتصال میز به سامانه ارسال می‌شود؛ سپس نتیجه‌ی بررسی اطلاعات از طریق "
        "پیامک به تلفن همراه شما اعلام خواهد شد. شناسه محلی را برای پیگیری نزد خود نگه دارید."
    ),
)


class ResultPage(FormHostPage):
    """The guide's closing message, the tracking id, and what happens next (SMS, 48 hours)."""

    form_name = "wizard_result.ui"

    #: The applicant asked for the receipt (print or PDF) of the request shown.
    receipt_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFinalPage(True)
        self.form.receipt_button.clicked.connect(self.receipt_requested)
        # The form's texts, restored after a queued receipt changed them.
        self._form_texts = self._texts()

    def _labels(self):
        form = self.form
        return (form.success_label, form.tracking_id_caption, form.next_steps_label)

    def _texts(self) -> tuple[str, ...]:
        return tuple(label.text() for label in self._labels())

    def show_receipt(self, receipt: RegistrationReceipt) -> None:
        """Show the receipt's tracking id and submission time; a ``QUEUED`` receipt (field
        mode, or kept while the server was unreachable) says it waits in the offline queue
        under its local tracking id."""
        queued = receipt.state is RegistrationState.QUEUED
        texts = QUEUED_TEXTS if queued else self._form_texts
        for label, text in zip(self._labels(), texts, strict=True):
            label.setText(tr(text) if queued else text)
        self.form.tracking_id_value.setText(receipt.tracking_id)
        self.form.submitted_at_label.setText(
            tr("زمان ثبت: {moment}", moment=format_jalali_datetime(receipt.submitted_at))
        )

    @property
    def tracking_id(self) -> str:
        """The tracking id shown ("" before a receipt)."""
        return self.form.tracking_id_value.text()

    def clear(self) -> None:
        """Forget the receipt shown."""
        self.form.tracking_id_value.clear()
        self.form.submitted_at_label.clear()
        for label, text in zip(self._labels(), self._form_texts, strict=True):
            label.setText(text)
