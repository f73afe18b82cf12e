"""The password-recovery dialog: the guide's four steps («بازیابی گذرواژه»), in one window.

1. the national code; 2. the method (SMS code or security questions) with the guide's two
refusals; 3a. the 6-digit code with its countdown, tries left and "resend", or 3b. the three
registered questions; 4. the new password and its repeat, hashed on the desk (argon2id) and
stored with ``set_new_password``. When neither method can work, the dialog says to visit a
branch (the guide's last note). Every service call runs off the GUI thread
(:class:`~desktop.views.login.calls.ServiceCalls`); refusals become Persian messages here,
at the edge, through :func:`desktop.rules.messages.message`.
"""

from __future__ import annotations

import datetime as dt
import logging
from enum import IntEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from desktop.rules.errors import REQUEST
from desktop.rules.messages import message
from desktop.security.hashing import HashPolicy, hash_password
from desktop.service.errors import Locked, ServiceError
from desktop.service.interface import (
    CodeSent,
    EnrollmentService,
    RecoveryHolder,
    RecoveryMethod,
    RecoveryTicket,
)
from desktop.views.forms import load_form
from desktop.views.jobs import JobRunner
from desktop.views.login.calls import ServiceCalls
from desktop.views.login.texts import refusal_text
from desktop.views.recovery.end_page import EndPage
from desktop.views.recovery.service_clock import ServiceClock
from desktop.views.recovery.step import StepPage
from desktop.views.recovery.step1_username import UsernameStep
from desktop.views.recovery.step2_method import MethodStep
from desktop.views.recovery.step3_code import CodeStep
from desktop.views.recovery.step3_questions import QuestionsStep
from desktop.views.recovery.step4_password import PasswordStep
from desktop.views.text import tr
from desktop.views.widgets.field_row import show_error

log = logging.getLogger(__name__)

#: The two refusals of step 2 that say a method is not available for this account.
_METHOD_REFUSALS = {
    "no_mobile": RecoveryMethod.SMS,
    "no_security_questions": RecoveryMethod.QUESTIONS,
}


class Step(IntEnum):
    """The dialog's pages, in the order of its stacked widget."""

    USERNAME = 0
    METHOD = 1
    CODE = 2
    QUESTIONS = 3
    PASSWORD = 4
    END = 5


class RecoveryDialog(QDialog):
    """Recovers a forgotten password through ``service`` (an EnrollmentService).

    ``hash_policy``: the argon2id parameters the backend requires (``Backend.hash_policy``);
    ``runner``: the desk's job runner (one is made if None); ``clock_interval_ms``: how often
    the code step reads the service's clock.

    Signal ``recovered(national_code)``: a new password was stored; the dialog then closes
    (accepted) so the login can be filled in with ``national_code``.
    """

    recovered = Signal(str)

    def __init__(
        self,
        service: EnrollmentService,
        hash_policy: HashPolicy,
        runner: JobRunner | None = None,
        parent: QWidget | None = None,
        *,
        clock_interval_ms: int = 1000,
    ):
        super().__init__(parent)
        self.setObjectName("recovery_dialog")
        self.form = load_form("recovery_dialog.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.form.widget)
        self.setWindowTitle(self.form.widget.windowTitle())
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.resize(640, 520)

        self._service = service
        self._policy = hash_policy
        self.runner = runner or JobRunner(self)
        self.calls = ServiceCalls(self.runner, self)
        self.calls.busy_changed.connect(self._show_busy)
        self.clock = ServiceClock(service, self.runner, clock_interval_ms, self)

        self.username = UsernameStep()
        self.method = MethodStep()
        self.code = CodeStep()
        self.questions = QuestionsStep()
        self.password = PasswordStep()
        self.end = EndPage()
        self._pages: dict[Step, StepPage] = {
            Step.USERNAME: self.username,
            Step.METHOD: self.method,
            Step.CODE: self.code,
            Step.QUESTIONS: self.questions,
            Step.PASSWORD: self.password,
            Step.END: self.end,
        }
        for step in Step:
            self.form.steps.addWidget(self._pages[step])

        self.next_button = self.form.next_button
        self.cancel_button = self.form.cancel_button
        self.message_label = self.form.message_label
        self.busy_bar = self.form.busy_bar
        self.busy_bar.setVisible(False)
        self.next_button.clicked.connect(self.next)
        self.cancel_button.clicked.connect(self.reject)
        self.code.resend_requested.connect(self.resend_code)
        self.clock.ticked.connect(self.code.update_time)

        self._ticket: RecoveryTicket | None = None
        self._national_code = ""
        self._unavailable: set[RecoveryMethod] = set()
        self.start()

    # --- navigation ------------------------------------------------------------------------
    @property
    def step(self) -> Step:
        """The step shown."""
        return Step(self.form.steps.currentIndex())

    def start(self, national_code: str = "") -> None:
        """Back to step 1 with every input empty (``national_code`` prefilled if given)."""
        self._forget()
        self.calls.reopen()
        self.username.national_code_edit.setText(national_code)
        self._go(Step.USERNAME)

    def next(self) -> None:
        """The «گام بعدی» / «ثبت» button: check the step's input and call the service."""
        if self.calls.busy:
            return
        show_error(self.message_label, None)
        {
            Step.USERNAME: self._submit_username,
            Step.METHOD: self._submit_method,
            Step.CODE: self._submit_code,
            Step.QUESTIONS: self._submit_answers,
            Step.PASSWORD: self._submit_password,
            Step.END: lambda: self.start(self._national_code),
        }[self.step]()

    def _go(self, step: Step) -> None:
        self.form.steps.setCurrentIndex(step)
        self.next_button.setVisible(True)
        page = self._pages[step]
        self.form.step_title.setText(page.title)
        if step is Step.PASSWORD:
            self.next_button.setText(tr("ثبت"))
        elif step is Step.END:
            self.next_button.setText(tr("شروع مجدد"))
        else:
            self.next_button.setText(tr("گام بعدی"))
        self.cancel_button.setText(tr("بستن") if step is Step.END else tr("انصراف"))
        if step is Step.CODE:
            self.clock.start()
        else:
            self.clock.stop()
        page.enter()

    def _end(self, heading: str, text: str = "", *, restart: bool = True) -> None:
        self.end.show_end(heading, text)
        self._go(Step.END)
        # Starting over cannot help an account with no method at all: only a branch can.
        self.next_button.setVisible(restart)

    def _end_visit_branch(self) -> None:
        # The end page's own note says to visit the nearest branch (the guide's last line).
        self._end(
            tr("امکان بازیابی گذرواژه با هیچ یک از دو روش برای این نام کاربری وجود ندارد."),
            restart=False,
        )

    # --- step 1: the national code ---------------------------------------------------------
    def _submit_username(self) -> None:
        national_code = self.username.national_code()
        if national_code is None:
            return
        service = self._service
        self.calls.run(
            lambda: service.start_recovery(national_code),
            lambda ticket: self._started(national_code, ticket),
            self._username_refused,
        )

    def _started(self, national_code: str, ticket: RecoveryTicket) -> None:
        self._national_code = national_code
        self._ticket = ticket
        self._unavailable = set(RecoveryMethod) - set(ticket.methods)
        if not ticket.methods:
            self._end_visit_branch()
            return
        self.method.clear()
        if RecoveryMethod.SMS not in ticket.methods:
            # Pre-select what can work; the other radio stays, so its refusal can be shown.
            self.method.choose(RecoveryMethod.QUESTIONS)
        self._go(Step.METHOD)

    def _username_refused(self, error: ServiceError) -> None:
        if error.first.field == "national_code":
            self.username.show_errors(error.errors)
        else:
            self._show_message(refusal_text(error))

    # --- step 2: the method ----------------------------------------------------------------
    def _submit_method(self) -> None:
        self.method.show_refusal(None)
        service, recovery_id = self._service, self._recovery_id()
        if self.method.method() is RecoveryMethod.SMS:
            self.calls.run(
                lambda: (service.send_recovery_code(recovery_id), service.now()),
                self._code_sent,
                lambda error: self._method_refused(RecoveryMethod.SMS, error),
            )
        else:
            self.calls.run(
                lambda: service.recovery_questions(recovery_id),
                self._questions_loaded,
                lambda error: self._method_refused(RecoveryMethod.QUESTIONS, error),
            )

    def _method_refused(self, method: RecoveryMethod, error: ServiceError) -> None:
        first = error.first
        if first.field == REQUEST and first.code in _METHOD_REFUSALS:
            self._unavailable.add(_METHOD_REFUSALS[first.code])
        elif isinstance(error, Locked):
            self._unavailable.add(method)
        elif self._refused_generic(error):
            return
        if self._unavailable >= set(RecoveryMethod):
            self._end_visit_branch()
            return
        self.method.show_refusal(refusal_text(error))

    # --- step 3a: the code -----------------------------------------------------------------
    def _code_sent(self, result: tuple[CodeSent, dt.datetime]) -> None:
        sent, now = result
        self.clock.set_reading(now)
        self.code.show_sent(sent, now)
        if self.step is not Step.CODE:
            self._go(Step.CODE)

    def resend_code(self) -> None:
        """«ارسال مجدد شناسه»: a new code; the service voids the old one."""
        if self.calls.busy or self._ticket is None:
            return
        service, recovery_id = self._service, self._recovery_id()
        self.calls.run(
            lambda: (service.send_recovery_code(recovery_id), service.now()),
            self._code_sent,
            self._code_refused,
        )

    def _submit_code(self) -> None:
        service, recovery_id, code = self._service, self._recovery_id(), self.code.code()
        self.calls.run(
            lambda: service.check_recovery_code(recovery_id, code),
            self._verified,
            self._code_refused,
        )

    def _code_refused(self, error: ServiceError) -> None:
        first = error.first
        if first.field == "recovery_code" and first.code == "attempts_exhausted":
            self._end(
                message(first),
                tr("برای دریافت شناسه جدید، بازیابی گذرواژه را از ابتدا آغاز نمائید."),
            )
        elif first.field == "recovery_code":
            self.code.show_refusal(first)
            self.code.focus_widget().setFocus()
        elif not self._refused_generic(error):
            self.code.show_refusal(None)
            self._show_message(refusal_text(error))

    # --- step 3b: the questions ------------------------------------------------------------
    def _questions_loaded(self, question_ids: tuple[str, ...]) -> None:
        self.questions.show_questions(question_ids)
        self._go(Step.QUESTIONS)

    def _submit_answers(self) -> None:
        answers = self.questions.answers()
        if answers is None:
            return
        service, recovery_id = self._service, self._recovery_id()
        self.calls.run(
            lambda: service.check_recovery_answers(recovery_id, answers),
            self._verified,
            self._answers_refused,
        )

    def _answers_refused(self, error: ServiceError) -> None:
        if isinstance(error, Locked):
            self._unavailable.add(RecoveryMethod.QUESTIONS)
            self._end(
                refusal_text(error),
                tr("بازیابی گذرواژه از طریق سوالات امنیتی موقتاً مسدود شده است."),
            )
        elif error.first.field == "security_answers":
            self.questions.show_refusal(error.first)
        elif not self._refused_generic(error):
            self._show_message(refusal_text(error))

    # --- step 4: the new password ----------------------------------------------------------
    def _verified(self, holder: RecoveryHolder) -> None:
        # The service names the account holder only now, after a right code or right answers:
        # the names are what the new password must not contain (SPEC password rule).
        self.password.set_personal_info(holder.first_name, holder.last_name, self._national_code)
        self._go(Step.PASSWORD)

    def _submit_password(self) -> None:
        password = self.password.new_password()
        if password is None:
            return
        service, recovery_id, policy = self._service, self._recovery_id(), self._policy
        national_code = self._national_code

        def store() -> None:
            # Hashed here, on the worker thread: argon2id at the production policy is slow,
            # and only the PHC string ever leaves the desk.
            service.set_new_password(recovery_id, hash_password(password, policy))

        self.calls.run(store, lambda _none: self._password_set(national_code), self._stored_refused)

    def _stored_refused(self, error: ServiceError) -> None:
        if not self._refused_generic(error):
            self._show_message(refusal_text(error))

    def _password_set(self, national_code: str) -> None:
        log.info("password recovered")
        self._forget()
        self.recovered.emit(national_code)
        self.accept()

    # --- shared --------------------------------------------------------------------------
    def _recovery_id(self) -> str:
        if self._ticket is None:  # a programming error: steps 2-4 come after step 1
            raise RuntimeError("no recovery in progress")
        return self._ticket.recovery_id

    def _refused_generic(self, error: ServiceError) -> bool:
        """Handle refusals any step can get; True when handled. ``not_found``: the recovery
        expired (or was completed elsewhere): nothing left to do but start again."""
        first = error.first
        if first.field == REQUEST and first.code == "not_found":
            self._end(
                tr("مهلت این بازیابی گذرواژه به پایان رسیده است."),
                tr("لطفاً بازیابی گذرواژه را از ابتدا آغاز نمائید."),
            )
            return True
        return False

    def _show_message(self, text: str | None) -> None:
        show_error(self.message_label, text)

    @property
    def message(self) -> str:
        """The dialog-level message shown ("" when none)."""
        return self.message_label.text()

    def _show_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.next_button.setEnabled(not busy)
        self.code.set_resend_blocked(busy)
        self.method.form.widget.setEnabled(not busy)
        # Read-only rather than disabled: the focused field keeps the focus.
        for edit in (
            self.username.national_code_edit,
            self.code.code_edit,
            *self.questions.answer_edits,
            self.password.password_field.password_edit,
            self.password.confirm_edit,
        ):
            edit.setReadOnly(busy)

    def _forget(self) -> None:
        """Drop the recovery id, the names and everything typed."""
        self.clock.stop()
        self._ticket = None
        self._national_code = ""
        self._unavailable = set()
        for page in self._pages.values():
            page.clear()
        self.password.set_personal_info("", "", "")
        show_error(self.message_label, None)

    # --- Qt overrides ----------------------------------------------------------------------
    def done(self, result: int) -> None:  # Qt override: accept, reject, Esc, close
        # A call still running must not act on a closed dialog; its secrets go now.
        self.calls.close()
        self._forget()
        super().done(result)
