"""The trainer panel: make every outcome of the guide happen on demand in a training room.

* the next registration ends in a chosen outcome (activated, branch visit, mismatch);
* create a person whose account has no mobile on file, or no security questions (the
  guide's two recovery refusals);
* move the simulated clock +1 minute, +20 minutes (a recovery code expires), +48 hours (the
  guide's "no SMS within 48 hours: register again");
* reset the simulator to its seed (after a confirmation: it wipes the whole room's work);
* every SMS sent in the room, newest first, refreshed after each action and every few seconds.

It talks to :class:`~desktop.service.interface.TrainingControls` and
:class:`~desktop.branch.training.RoomControls` only, through the job runner. ``room`` is None on
a backend without those extras: their buttons are then disabled, with a tooltip saying why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMessageBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.branch.receipt import persian_digits
from desktop.branch.room import FORCEABLE, MissingMethod, TrainingPerson
from desktop.service.interface import RegistrationState, SmsMessage, TrainingControls
from desktop.views.branch.texts import refusal_text, state_text
from desktop.views.forms import load_form
from desktop.views.jobs import JobRunner
from desktop.views.text import N_, ltr, tr
from desktop.views.widgets.jalali import format_jalali_datetime

#: Clock steps of the panel's buttons, in seconds.
STEPS_S = {"advance_1m_button": 60, "advance_20m_button": 20 * 60, "advance_48h_button": 48 * 3600}
DEFAULT_REFRESH_MS = 3000
SMS_KINDS = {
    "activated": N_("فعال سازی"),
    "branch_visit_required": N_("مراجعه به شعبه"),
    "identity_mismatch": N_("عدم تطابق"),
    "recovery_code": N_("کد بازیابی"),
    "password_changed": N_("تغییر گذرواژه"),
}
SMS_COLUMNS = ("زمان", "شماره همراه", "نوع", "متن پیامک")


class TrainerPanel(QWidget):
    """The panel. ``service_now``: returns the service's current time (the clock shown);
    ``refresh_ms``: how often the SMS list is re-read (0: only after actions).

    Signals: ``refreshed()`` after the SMS list and clock were shown again; ``failed(str)``
    with the Persian text of a failed action.
    """

    refreshed = Signal()
    failed = Signal(str)

    def __init__(
        self,
        training: TrainingControls,
        room: Any | None,
        service_now: Callable[[], dt.datetime],
        runner: JobRunner | None = None,
        *,
        refresh_ms: int = DEFAULT_REFRESH_MS,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("trainer_panel")
        self.training, self.room, self._now = training, room, service_now
        self.runner = runner or JobRunner(self)
        self.form = load_form("trainer_panel.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form.widget)
        self.setWindowTitle(self.form.widget.windowTitle())
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.messages: list[SmsMessage] = []
        self.person: TrainingPerson | None = None
        self.forced: list[RegistrationState] = []
        self.clock: dt.datetime | None = None
        self.confirm_reset: QMessageBox | None = None
        self._setup()
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(max(refresh_ms, 1))
        self.refresh_timer.timeout.connect(self.refresh)
        if refresh_ms > 0:
            self.refresh_timer.start()
        self.refresh()

    def _setup(self) -> None:
        form = self.form
        for outcome in FORCEABLE:
            form.outcome_combo.addItem(state_text(outcome), outcome.value)
        table = form.sms_table
        table.setColumnCount(len(SMS_COLUMNS))
        table.setHorizontalHeaderLabels([tr(c) for c in SMS_COLUMNS])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        form.force_button.clicked.connect(self.force_outcome)
        form.no_mobile_button.clicked.connect(lambda: self.create_person(MissingMethod.NO_MOBILE))
        form.no_questions_button.clicked.connect(
            lambda: self.create_person(MissingMethod.NO_QUESTIONS)
        )
        for name, seconds in STEPS_S.items():
            getattr(form, name).clicked.connect(lambda _=False, s=seconds: self.advance(s))
        form.reset_button.clicked.connect(self.ask_reset)
        form.refresh_button.clicked.connect(self.refresh)
        if self.room is None:
            why = tr("این امکان فقط روی شبیه‌ساز محلی در دسترس است.")
            for widget in (
                form.force_button,
                form.outcome_combo,
                form.no_mobile_button,
                form.no_questions_button,
            ):
                widget.setEnabled(False)
                widget.setToolTip(why)

    # --- plumbing --------------------------------------------------------------------------
    def _call(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        def failed(error: BaseException) -> None:
            text = refusal_text(error) if not isinstance(error, ValueError) else str(error)
            self.form.status_label.setText(text)
            self.failed.emit(text)

        self.runner.run(fn, done, failed)

    def _status(self, text: str) -> None:
        self.form.status_label.setText(text)

    # --- actions -------------------------------------------------------------------------------
    def force_outcome(self) -> None:
        """The next registration ends in the outcome chosen in the combo box."""
        outcome = RegistrationState(self.form.outcome_combo.currentData())
        room = self.room

        def force() -> list[RegistrationState]:
            room.force_next_outcome(outcome)
            return room.forced_outcomes()

        self._call(force, self._forced_shown)

    def _forced_shown(self, forced: list[RegistrationState]) -> None:
        self.forced = list(forced)
        if forced:
            names = "، ".join(state_text(s) for s in forced)
            self.form.forced_label.setText(tr("ثبت نام‌های بعدی: {names}", names=names))
        else:
            self.form.forced_label.setText(
                tr("نتیجه ثبت نام بعدی را پایگاه ثبت احوال تعیین می‌کند.")
            )
        self._status(tr("نتیجه ثبت نام بعدی تعیین شد."))

    def create_person(self, missing: MissingMethod) -> None:
        """Create a training account without ``missing``; show how to log in with it."""
        room = self.room
        self._call(lambda: room.create_person(missing), self._person_shown)

    def _person_shown(self, person: TrainingPerson) -> None:
        self.person = person
        lacks = (
            tr("بدون شماره همراه (بازیابی با پیامک ممکن نیست)")
            if not person.mobile
            else tr("بدون سؤال امنیتی (بازیابی با سؤالات ممکن نیست)")
        )
        self.form.person_label.setText(
            tr(
                "{first} {last} — نام کاربری (کد ملی): {code} — گذرواژه: {password} — {lacks}",
                first=person.first_name,
                last=person.last_name,
                code=ltr(person.national_code),
                password=ltr(person.password),
                lacks=lacks,
            )
        )
        self._status(tr("حساب آموزشی ساخته شد."))

    def advance(self, seconds: float) -> None:
        """Move the simulated clock ``seconds`` forward, then refresh (verifications due run)."""
        self._call(lambda: self.training.advance_clock(seconds), self._advanced)

    def _advanced(self, moment: dt.datetime) -> None:
        self._status(tr("ساعت شبیه‌ساز جلو برده شد."))
        self.refresh()

    def ask_reset(self) -> QMessageBox:
        """Ask before resetting the room to the seed; returns the (open) question box."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("بازگشت به داده‌های اولیه"),
            tr("همه ثبت نام‌ها، حساب‌ها، کدها و پیامک‌های کلاس پاک می‌شوند. ادامه می‌دهید؟"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("confirm_reset_dialog")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.accepted.connect(self.reset)
        self.confirm_reset = box
        box.open()
        return box

    def reset(self) -> None:
        """Back to the seed, without asking (see :meth:`ask_reset`)."""

        def done(_result: object) -> None:
            self.person = None
            self.form.person_label.clear()
            self._forced_shown([])
            self._status(tr("شبیه‌ساز به داده‌های اولیه بازگشت."))
            self.refresh()

        self._call(self.training.reset, done)

    # --- read-outs -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read every SMS of the room and the service's clock."""
        training, now = self.training, self._now
        self._call(lambda: (training.all_outbox(), now()), self._show)

    def _show(self, result: tuple[list[SmsMessage], dt.datetime]) -> None:
        messages, moment = result
        self.clock = moment
        self.form.clock_label.setText(
            tr("زمان شبیه‌ساز: {moment}", moment=format_jalali_datetime(moment))
        )
        if [m.sent_at for m in messages] != [m.sent_at for m in self.messages] or len(
            messages
        ) != self.form.sms_table.rowCount():
            self.messages = list(messages)
            self._fill_sms(list(reversed(messages)))
        self.form.sms_count_label.setText(
            tr("{count} پیامک", count=persian_digits(str(len(messages))))
        )
        self.refreshed.emit()

    def _fill_sms(self, newest_first: list[SmsMessage]) -> None:
        table = self.form.sms_table
        table.setRowCount(len(newest_first))
        for row, sms in enumerate(newest_first):
            kind = SMS_KINDS.get(sms.kind)
            cells = (
                format_jalali_datetime(sms.sent_at),
                sms.mobile,
                tr(kind) if kind else sms.kind,
                sms.text,
            )
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        # The SMS text takes the rest of the width and wraps; the short columns fit their text.
        for column in range(len(SMS_COLUMNS) - 1):
            table.resizeColumnToContents(column)
            # Qt measures a mixed-direction cell a little short; keep its last digit visible.
            table.setColumnWidth(column, table.columnWidth(column) + 12)
        table.resizeRowsToContents()
