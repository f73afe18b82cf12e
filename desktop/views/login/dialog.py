"""The login dialog («ورود به سیستم») and the signed-in view, as the guide's login page.

Username (the national code), password (with the on-screen keyboard offered), the captcha
image with a refresh button, «ورود»; links «ثبت نام», «راهنمای ثبت نام», «بازیابی گذرواژه»;
the guide's security tips, adapted to a desk. After a successful login the dialog shows the
person's name with «جناب آقای / سرکار خانم» and «خروج».

Refusals (SPEC "Login"; OWASP Authentication Cheat Sheet): one generic message for a wrong
national code or password; only after the right password do pending, branch-visit and
mismatched requests get a message saying which; a locked login says for how many minutes.
The captcha is single use: a new one is fetched after every attempt. Every service call runs
off the GUI thread (argon2 verification is slow) while the dialog shows it is busy.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout, QWidget

from desktop.rules.errors import FieldError
from desktop.rules.messages import message
from desktop.security.hashing import HashPolicy
from desktop.service.errors import ServiceError
from desktop.service.interface import AccountInfo, Captcha, EnrollmentService
from desktop.views.forms import load_form
from desktop.views.jobs import JobRunner
from desktop.views.login.calls import ServiceCalls
from desktop.views.login.texts import account_line, greeting, refusal_text
from desktop.views.text import tr
from desktop.views.widgets import OnScreenKeyboard
from desktop.views.widgets.field_row import show_error
from desktop.views.widgets.style import make_ltr, set_state
from desktop.views.wizard.base import wipe
from desktop.views.wizard.binding import FieldBinding

log = logging.getLogger(__name__)

#: Shown for an empty password or captcha: checked on the desk, so no captcha is spent.
PASSWORD_MISSING = FieldError("password", "required")
CAPTCHA_MISSING = FieldError("captcha", "invalid")

_SECRET_HINTS = (
    Qt.InputMethodHint.ImhHiddenText
    | Qt.InputMethodHint.ImhSensitiveData
    | Qt.InputMethodHint.ImhNoPredictiveText
    | Qt.InputMethodHint.ImhNoAutoUppercase
)


class LoginDialog(QDialog):
    """Signs a person in through ``service`` (an EnrollmentService).

    ``hash_policy`` (``Backend.hash_policy``) is handed to the recovery dialog, which hashes
    the new password; ``runner`` is the desk's job runner (one is made if None).

    Signals: ``register_requested()`` (the «ثبت نام» link: the main window opens the wizard;
    the dialog closes), ``signed_in(AccountInfo)``, ``signed_out()``.
    """

    register_requested = Signal()
    signed_in = Signal(object)
    signed_out = Signal()

    def __init__(
        self,
        service: EnrollmentService,
        hash_policy: HashPolicy,
        runner: JobRunner | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("login_dialog")
        self.form = form = load_form("login_dialog.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(form.widget)
        self.setWindowTitle(form.widget.windowTitle())
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)

        self._service = service
        self._policy = hash_policy
        self.runner = runner or JobRunner(self)
        self.calls = ServiceCalls(self.runner, self)
        self.calls.busy_changed.connect(self._show_busy)
        self.account: AccountInfo | None = None
        self._captcha: Captcha | None = None
        self.help_dialog: QDialog | None = None
        self.recovery_dialog: QDialog | None = None

        self.national_code_edit = make_ltr(form.national_code_edit)
        self.password_edit = make_ltr(form.password_edit)
        self.password_edit.setInputMethodHints(_SECRET_HINTS)
        self.captcha_edit = make_ltr(form.captcha_edit)
        self.captcha_image = form.captcha_image
        self.message_label = form.message_label
        self.enter_button = form.enter_button
        self.national_code = FieldBinding(
            "national_code",
            self.national_code_edit,
            form.national_code_error,
            self.national_code_edit.text,
            changed=self.national_code_edit.textChanged,
            write_back=self.national_code_edit.setText,
            parent=self,
        )
        self.keyboard = form.place("keyboard_slot", OnScreenKeyboard(self.password_edit))
        self.keyboard.hide()
        # The toggle must not take the focus from the password the keys type into.
        form.keyboard_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        form.keyboard_button.toggled.connect(self._show_keyboard)
        form.busy_bar.setVisible(False)
        for label in (form.password_error, form.captcha_error, self.message_label):
            show_error(label, None)

        self.enter_button.clicked.connect(self.submit)
        form.captcha_refresh_button.clicked.connect(self.refresh_captcha)
        form.register_link.clicked.connect(self._register)
        form.help_link.clicked.connect(self.show_help)
        form.recover_link.clicked.connect(self.open_recovery)
        form.sign_out_button.clicked.connect(self.sign_out)
        # A refusal next to a field goes as soon as the person types there again.
        self.password_edit.textEdited.connect(
            lambda _t: show_error(form.password_error, None, self.password_edit)
        )
        self.captcha_edit.textEdited.connect(
            lambda _t: show_error(form.captcha_error, None, self.captcha_edit)
        )
        self._show_page(form.sign_in_page)

    def _show_keyboard(self, shown: bool) -> None:
        self.keyboard.setVisible(shown)
        self.adjustSize()  # grow for the keys, shrink back without them

    # --- captcha ---------------------------------------------------------------------------
    def refresh_captcha(self) -> None:
        """Fetch a new captcha image (off the GUI thread) and empty the captcha field.
        Does nothing while another call runs (the «تصویر جدید» button is disabled then)."""
        if self.calls.busy:
            return
        self._captcha = None
        wipe(self.captcha_edit)
        self.captcha_image.clear()
        self.captcha_image.setText(tr("در حال دریافت تصویر امنیتی…"))
        self.calls.run(self._service.new_captcha, self._show_captcha, self._captcha_refused)

    def _show_captcha(self, captcha: Captcha) -> None:
        pixmap = QPixmap()
        if not pixmap.loadFromData(captcha.image_png, "PNG"):
            log.warning("captcha image could not be decoded")
        self._captcha = captcha
        self.captcha_image.setPixmap(pixmap)

    def _captcha_refused(self, error: ServiceError) -> None:
        self.captcha_image.setText("")
        self._show_message(refusal_text(error))

    @property
    def captcha_id(self) -> str | None:
        """The id of the captcha shown (None while a new one is being fetched)."""
        return self._captcha.captcha_id if self._captcha else None

    # --- signing in ------------------------------------------------------------------------
    def submit(self) -> None:
        """«ورود»: check the inputs on the desk, then ask the service."""
        if self.calls.busy or self.account is not None:
            return
        self._show_message(None)
        parsed = self.national_code.validate()
        password = self.password_edit.text()
        answer = self.captcha_edit.text().strip()
        captcha = self._captcha
        show_error(
            self.form.password_error,
            None if password else message(PASSWORD_MISSING),
            self.password_edit,
        )
        show_error(
            self.form.captcha_error, None if answer else message(CAPTCHA_MISSING), self.captcha_edit
        )
        if not parsed.ok:
            self.national_code.focus()
            return
        if not password:
            self.password_edit.setFocus()
            return
        if not answer or captcha is None:
            self.captcha_edit.setFocus()
            return
        service, national_code = self._service, parsed.value
        # Single use: whatever the outcome, the next attempt needs a new captcha.
        self._captcha = None
        self.calls.run(
            lambda: service.login(national_code, password, captcha.captcha_id, answer),
            self._signed_in,
            self._refused,
        )

    def _signed_in(self, account: AccountInfo) -> None:
        self.account = account
        wipe(self.password_edit, self.captcha_edit)
        self.form.keyboard_button.setChecked(False)
        self.form.welcome_label.setText(greeting(account))
        self.form.account_label.setText(account_line(account))
        self._show_page(self.form.signed_in_page)
        self.form.sign_out_button.setFocus()
        log.info("signed in")
        self.signed_in.emit(account)

    def _refused(self, error: ServiceError) -> None:
        first = error.first
        if first.field == "captcha":
            show_error(self.form.captcha_error, refusal_text(error), self.captcha_edit)
            focus: QLineEdit = self.captcha_edit
        elif first.field == "national_code":
            self.national_code.show_errors(error.errors)
            focus = self.national_code_edit
        else:
            # Invalid credentials, locked, not activated: the password goes, as on the portal.
            wipe(self.password_edit)
            self._show_message(refusal_text(error))
            focus = self.password_edit
        self.refresh_captcha()
        focus.setFocus()

    @property
    def message(self) -> str:
        """The dialog-level message shown ("" when none)."""
        return self.message_label.text()

    def _show_message(self, text: str | None, role: str = "error") -> None:
        set_state(self.message_label, "role", role)
        show_error(self.message_label, text)

    # --- signing out -----------------------------------------------------------------------
    def sign_out(self) -> None:
        """«خروج»: forget the person and everything typed, back to an empty login."""
        was_signed_in = self.account is not None
        self.account = None
        self._clear_inputs()
        self.form.welcome_label.setText("")
        self.form.account_label.setText("")
        self._show_page(self.form.sign_in_page)
        self.refresh_captcha()
        self.national_code_edit.setFocus()
        if was_signed_in:
            log.info("signed out")
            self.signed_out.emit()

    def _clear_inputs(self) -> None:
        wipe(self.national_code_edit, self.password_edit, self.captcha_edit)
        self.national_code.clear_error()
        show_error(self.form.password_error, None, self.password_edit)
        show_error(self.form.captcha_error, None, self.captcha_edit)
        self._show_message(None)
        self.form.keyboard_button.setChecked(False)

    # --- links -----------------------------------------------------------------------------
    def _register(self) -> None:
        self.register_requested.emit()
        self.reject()

    def show_help(self) -> None:
        """«راهنمای ثبت نام»: the guide's registration steps in a dialog."""
        from desktop.views.help import HelpDialog

        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self)
        self.help_dialog.open()

    def open_recovery(self) -> QDialog:
        """«بازیابی گذرواژه»: the recovery dialog (the national code typed here, if valid,
        is carried over). On success the national code comes back filled in."""
        from desktop.views.recovery import RecoveryDialog

        dialog = RecoveryDialog(self._service, self._policy, self.runner, self)
        parsed = self.national_code.check()
        if parsed.ok and parsed.value:
            dialog.start(parsed.value)
        dialog.recovered.connect(self.show_recovered)
        self.recovery_dialog = dialog
        dialog.open()
        return dialog

    def show_recovered(self, national_code: str) -> None:
        """A new password was set: fill in the national code and say so."""
        self._clear_inputs()
        self.national_code_edit.setText(national_code)
        self._show_message(
            tr("گذرواژه جدید با موفقیت ثبت شد. با گذرواژه جدید وارد شوید."), role="success"
        )
        self.password_edit.setFocus()
        if self._captcha is None:
            self.refresh_captcha()

    def _show_page(self, page: QWidget) -> None:
        """Show the sign-in or the signed-in page (hiding the other), the dialog sized to it."""
        for other in (self.form.sign_in_page, self.form.signed_in_page):
            other.setVisible(other is page)
        self.adjustSize()

    @property
    def current_page(self) -> QWidget:
        """The page shown: ``form.sign_in_page`` or ``form.signed_in_page``."""
        signed_in = self.form.signed_in_page
        return signed_in if not signed_in.isHidden() else self.form.sign_in_page

    # --- busy state and lifetime -----------------------------------------------------------
    def _show_busy(self, busy: bool) -> None:
        form = self.form
        form.busy_bar.setVisible(busy)
        for button in (self.enter_button, form.captcha_refresh_button, form.sign_out_button):
            button.setEnabled(not busy)
        # Read-only rather than disabled: the focused field keeps the focus.
        for edit in (self.national_code_edit, self.password_edit, self.captcha_edit):
            edit.setReadOnly(busy)

    def showEvent(self, event) -> None:  # Qt override
        self.calls.reopen()
        if self._captcha is None and self.account is None:
            self.refresh_captcha()
        super().showEvent(event)

    def done(self, result: int) -> None:  # Qt override: accept, reject, Esc, close
        # Closing the login on a shared desk is leaving it: sign out, forget every input,
        # and a recovery opened from here goes too.
        self.calls.close()
        if self.recovery_dialog is not None and self.recovery_dialog.isVisible():
            self.recovery_dialog.reject()
        if self.account is not None:
            self.account = None
            self._show_page(self.form.sign_in_page)
            self.signed_out.emit()
        self._clear_inputs()
        self._captcha = None
        super().done(result)
