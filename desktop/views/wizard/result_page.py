"""After step 4: the request is registered; the result will come by SMS."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.service.interface import RegistrationReceipt
from desktop.views.text import tr
from desktop.views.widgets.jalali import format_jalali_datetime
from desktop.views.wizard.base import FormHostPage


class ResultPage(FormHostPage):
    """The guide's closing message, the tracking id, and what happens next (SMS, 48 hours)."""

    form_name = "wizard_result.ui"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFinalPage(True)

    def show_receipt(self, receipt: RegistrationReceipt) -> None:
        """Show the receipt's tracking id and submission time."""
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
