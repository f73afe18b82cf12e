"""Step 3a of the guide's recovery: the 6-digit code sent by SMS («شناسه»).

The countdown shows what is left of the code's validity (SPEC: 20 minutes from its creation)
by the service's clock, fed in by the dialog's :class:`~.service_clock.ServiceClock`; "resend"
is offered only once the service's throttle allows it (``CodeSent.resend_at``).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.rules.errors import FieldError
from desktop.rules.messages import message
from desktop.service.interface import CodeSent
from desktop.views.recovery.countdown import format_mm_ss, remaining_seconds
from desktop.views.recovery.step import StepPage
from desktop.views.text import ltr, tr
from desktop.views.widgets.field_row import show_error
from desktop.views.widgets.style import make_ltr, to_persian_digits
from desktop.views.wizard.base import wipe

#: The error shown once the countdown reaches zero.
EXPIRED = FieldError("recovery_code", "expired")


class CodeStep(StepPage):
    """The code field, where it was sent, the countdown, the refusal and "resend".

    Signal ``resend_requested()``: the user asked for a new code (the dialog calls the
    service). Call :meth:`show_sent` with each :class:`CodeSent`, :meth:`update_time` with
    each reading of the service's clock.
    """

    form_name = "recovery_step3_code.ui"
    resend_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = self.form
        self.code_edit = make_ltr(form.code_edit)
        self.countdown_label = form.countdown_label
        self.code_error = form.code_error
        self.resend_button = form.resend_button
        self.resend_label = form.resend_label
        self.sent_label = form.sent_label
        self._sent: CodeSent | None = None
        self._now: dt.datetime | None = None
        self._error: FieldError | None = None
        self._resend_blocked = False
        self.resend_button.clicked.connect(self.resend_requested)
        self.code_edit.textEdited.connect(self._typing)
        self.clear()

    def focus_widget(self) -> QWidget:
        return self.code_edit

    # --- what the dialog feeds in ------------------------------------------------------
    def show_sent(self, sent: CodeSent, now: dt.datetime) -> None:
        """A (new) code went to ``sent.masked_mobile`` at service time ``now``: empty the
        field, forget the last refusal, restart the countdown."""
        self._sent = sent
        wipe(self.code_edit)
        self.show_refusal(None)
        mobile = ltr(to_persian_digits(sent.masked_mobile))
        self.sent_label.setText(
            tr("شناسه به شماره تلفن همراه {mobile} ارسال شد.", mobile=mobile)
        )
        self.update_time(now)

    def update_time(self, now: dt.datetime) -> None:
        """The service's clock reads ``now``: refresh the countdown and "resend"."""
        self._now = now
        sent = self._sent
        if sent is None:
            return
        left = remaining_seconds(sent.expires_at, now)
        self.countdown_label.setText(format_mm_ss(left))
        if left == 0 and self._error is None:
            self.show_refusal(EXPIRED)
        wait = remaining_seconds(sent.resend_at, now)
        self.resend_button.setEnabled(wait == 0 and not self._resend_blocked)
        self.resend_label.setText(
            tr("ارسال مجدد شناسه پس از {time} امکان‌پذیر است.", time=format_mm_ss(wait))
            if wait
            else ""
        )

    def set_resend_blocked(self, blocked: bool) -> None:
        """Keep "resend" disabled (while a call runs), whatever the throttle says."""
        self._resend_blocked = blocked
        if self._now is not None:
            self.update_time(self._now)
        else:
            self.resend_button.setEnabled(False)

    def show_refusal(self, error: FieldError | None) -> None:
        """Show a ``recovery_code`` error («شناسه معتبر نیست» and the tries left), or clear."""
        self._error = error
        show_error(self.code_error, message(error) if error else None, self.code_edit)

    # --- what the dialog reads ---------------------------------------------------------
    def code(self) -> str:
        """The code as typed (the service normalises digits and checks it)."""
        return self.code_edit.text()

    @property
    def remaining(self) -> int | None:
        """Seconds of validity left by the last clock reading (None before a code)."""
        if self._sent is None or self._now is None:
            return None
        return remaining_seconds(self._sent.expires_at, self._now)

    @property
    def refusal(self) -> str:
        """The refusal shown under the field ("" when none)."""
        return self.code_error.text()

    def clear(self) -> None:
        self._sent = None
        self._now = None
        wipe(self.code_edit)
        self.show_refusal(None)
        self.sent_label.setText("")
        self.countdown_label.setText("")
        self.resend_label.setText("")
        self.resend_button.setEnabled(False)

    def _typing(self, _text: str) -> None:
        # A wrong code's message goes as the user types another one, unless the code has
        # expired: then typing cannot help, the message stays until a new code is sent.
        if self._error is not None and self._error.code == "invalid":
            self.show_refusal(None)
