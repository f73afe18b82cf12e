"""The branch desk: a staff member logs in, finds a citizen's registrations by national code,
activates a branch-visit request after seeing the original documents, corrects and activates
an identity-mismatch request (supervisor), resets a password at the branch, and prints a
receipt. The desk locks itself after 15 idle minutes; only the same staff member's password
opens it again (or another staff member logs in, which closes the first session).

The view talks to a :class:`~desktop.branch.interface.BranchService` only, through the
:class:`~desktop.views.jobs.JobRunner` (never on the GUI thread); it shows the data given, never
a password or an answer. The new password of a branch reset is typed by the citizen in the
reused :class:`~desktop.views.widgets.password_field.PasswordField` and hashed on the desk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.branch.interface import (
    BranchService,
    Document,
    IdentityCorrection,
    StaffSession,
)
from desktop.branch.receipt import Receipt, ReceiptKind
from desktop.rules.normalize import normalize_digits
from desktop.security.hashing import HashPolicy, hash_password
from desktop.security.masking import mask_national_code
from desktop.service.errors import ServiceError
from desktop.service.interface import AccountInfo, Gender, RegistrationRecord, RegistrationState
from desktop.views.branch.texts import gender_text, refusal_text, role_text, state_text
from desktop.views.forms import load_form
from desktop.views.jobs import JobRunner
from desktop.views.text import ltr, tr
from desktop.views.widgets.jalali import format_jalali_datetime

log = logging.getLogger(__name__)

#: The desk locks after this long without a key press, click or focus move (branch issue).
DEFAULT_IDLE_LOCK_MS = 15 * 60 * 1000
LOGIN_PAGE, WORK_PAGE, LOCKED_PAGE = range(3)
TABLE_COLUMNS = (
    "کد پیگیری",
    "وضعیت",
    "زمان ثبت",
    "نام و نام خانوادگی",
)


def _digits(text: str) -> str:
    return normalize_digits(text).strip()


class BranchDesk(QWidget):
    """The branch desk widget. ``branch``: the BranchService; ``hash_policy``: the argon2
    parameters for a new password; ``runner``: the job runner (one is made if None);
    ``idle_lock_ms``: the idle lock delay (tests shorten it).

    Signals: ``session_changed(object)`` (the StaffSession, or None after logout/lock),
    ``activated(object)`` (the activated RegistrationRecord), ``busy_changed(bool)``.
    """

    session_changed = Signal(object)
    activated = Signal(object)
    busy_changed = Signal(bool)

    def __init__(
        self,
        branch: BranchService,
        hash_policy: HashPolicy,
        runner: JobRunner | None = None,
        *,
        idle_lock_ms: int = DEFAULT_IDLE_LOCK_MS,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("branch_desk")
        self.branch = branch
        self.hash_policy = hash_policy
        self.runner = runner or JobRunner(self)
        self.form = load_form("branch_desk.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form.widget)
        self.setWindowTitle(self.form.widget.windowTitle())
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)

        self.session: StaffSession | None = None
        self._locked_name = ""
        self.records: list[RegistrationRecord] = []
        self.account: AccountInfo | None = None
        self.last_receipt: Receipt | None = None
        self._busy = 0

        from desktop.views.widgets.password_field import PasswordField

        self.password_field = PasswordField(self.form.password_slot)
        self.form.place("password_slot", self.password_field)

        self.idle_timer = QTimer(self)
        self.idle_timer.setObjectName("branch_idle_timer")
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(idle_lock_ms)
        self.idle_timer.timeout.connect(self.lock)

        self._setup_table()
        self._setup_correction()
        self._connect()
        self._show_page(LOGIN_PAGE)

    # --- set-up ----------------------------------------------------------------------------
    def _setup_table(self) -> None:
        table = self.form.registrations_table
        table.setColumnCount(len(TABLE_COLUMNS))
        table.setHorizontalHeaderLabels([tr(c) for c in TABLE_COLUMNS])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)

    def _setup_correction(self) -> None:
        combo = self.form.corr_gender_combo
        for gender in Gender:
            combo.addItem(gender_text(gender), gender.value)

    def _connect(self) -> None:
        form = self.form
        form.login_button.clicked.connect(self.log_in)
        form.staff_password_edit.returnPressed.connect(self.log_in)
        form.unlock_button.clicked.connect(self.unlock)
        form.unlock_password_edit.returnPressed.connect(self.unlock)
        form.switch_user_button.clicked.connect(self.log_out)
        form.lock_button.clicked.connect(self.lock)
        form.logout_button.clicked.connect(self.log_out)
        form.search_button.clicked.connect(self.search)
        form.search_edit.returnPressed.connect(self.search)
        form.registrations_table.currentCellChanged.connect(self._selection_changed)
        form.activate_button.clicked.connect(self.activate_selected)
        form.activate_mismatch_button.clicked.connect(self.activate_mismatch_selected)
        form.receipt_button.clicked.connect(self.open_receipt)
        form.reset_find_button.clicked.connect(self.find_account)
        form.reset_national_code_edit.returnPressed.connect(self.find_account)
        form.reset_button.clicked.connect(self.reset_password)
        # Activity restarts the idle lock: edits, clicks, ticks and focus moves in this desk.
        for edit in self.findChildren(QLineEdit):
            edit.textEdited.connect(self._activity)
        for button in self.findChildren(QPushButton):
            button.clicked.connect(self._activity)
        for box in self.findChildren(QCheckBox):
            box.toggled.connect(self._activity)
        form.reason_edit.textChanged.connect(self._activity)
        QApplication.instance().focusChanged.connect(self._focus_moved)

    # --- pages, activity, busy ---------------------------------------------------------------
    @property
    def page(self) -> int:
        """The page shown: LOGIN_PAGE, WORK_PAGE or LOCKED_PAGE."""
        return self.form.pages.currentIndex()

    def _show_page(self, index: int) -> None:
        self.form.pages.setCurrentIndex(index)
        focus = {
            LOGIN_PAGE: self.form.staff_name_edit,
            WORK_PAGE: self.form.search_edit,
            LOCKED_PAGE: self.form.unlock_password_edit,
        }[index]
        focus.setFocus()

    def _activity(self, *_args: object) -> None:
        if self.session is not None and self.page == WORK_PAGE:
            self.idle_timer.start()

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.isAncestorOf(new):
            self._activity()

    def _call(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Run ``fn`` on the job thread; ``done``/``failed`` run on the GUI thread."""
        self._busy += 1
        self.busy_changed.emit(True)

        def finish(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def run(value: Any) -> None:
                self._busy -= 1
                self.busy_changed.emit(self._busy > 0)
                callback(value)

            return run

        self.runner.run(fn, finish(done), finish(failed))

    @property
    def busy(self) -> bool:
        """True while a call to the service is running."""
        return self._busy > 0

    def _session_failed(self, error: BaseException) -> bool:
        """When ``error`` says the session is gone, go back to the login page (True)."""
        if isinstance(error, ServiceError) and error.first.code == "unauthorized":
            self._forget_session()
            self.form.login_error_label.setText(refusal_text(error))
            self._show_page(LOGIN_PAGE)
            return True
        return False

    # --- login, lock, logout -----------------------------------------------------------------
    def log_in(self) -> None:
        """Log in with the name and password typed on the login page."""
        name = self.form.staff_name_edit.text().strip()
        password = self.form.staff_password_edit.text()
        if not name or not password:
            self.form.login_error_label.setText(tr("نام کاربری و گذرواژه کارمند را وارد کنید."))
            return
        self.form.login_error_label.clear()
        self._call(
            lambda: self.branch.staff_login(name, password),
            self._logged_in,
            lambda error: self.form.login_error_label.setText(refusal_text(error)),
        )

    def _logged_in(self, session: StaffSession) -> None:
        self.session = session
        self._locked_name = ""
        self.form.staff_password_edit.clear()
        self.form.unlock_password_edit.clear()
        member = session.member
        self.form.staff_label.setText(
            tr("کاربر: {name} ({role})", name=member.name, role=role_text(member.role))
        )
        self._clear_work()
        self._show_page(WORK_PAGE)
        self.idle_timer.start()
        self.session_changed.emit(session)
        log.info("staff %d logged in at the branch desk", member.staff_id)

    def lock(self) -> None:
        """Lock the desk: the work page (a citizen's data, a half-typed password) is wiped and
        hidden; the same staff member's password opens a new session."""
        if self.session is None:
            return
        self._locked_name = self.session.member.name
        session = self.session
        self._forget_session()
        self.runner.run(lambda: self.branch.staff_logout(session))
        self.form.locked_label.setText(
            tr(
                "میز پس از مدتی بدون فعالیت یا به درخواست {name} قفل شد. برای ادامه گذرواژه "
                "را وارد کنید.",
                name=self._locked_name,
            )
        )
        self.form.unlock_error_label.clear()
        self._show_page(LOCKED_PAGE)

    def unlock(self) -> None:
        """Open the locked desk with the same staff member's password."""
        password = self.form.unlock_password_edit.text()
        if not password:
            self.form.unlock_error_label.setText(tr("گذرواژه را وارد کنید."))
            return
        name = self._locked_name
        self.form.unlock_password_edit.clear()
        self._call(
            lambda: self.branch.staff_login(name, password),
            self._logged_in,
            lambda error: self.form.unlock_error_label.setText(refusal_text(error)),
        )

    def log_out(self) -> None:
        """End the session (or leave the locked page) and show the login page."""
        session = self.session
        self._forget_session()
        self._locked_name = ""
        if session is not None:
            self.runner.run(lambda: self.branch.staff_logout(session))
        self.form.staff_name_edit.clear()
        self.form.staff_password_edit.clear()
        self.form.unlock_password_edit.clear()
        self.form.login_error_label.clear()
        self._show_page(LOGIN_PAGE)

    def _forget_session(self) -> None:
        self.idle_timer.stop()
        self.session = None
        self._clear_work()
        self.session_changed.emit(None)

    def _clear_work(self) -> None:
        form = self.form
        for edit in (
            form.search_edit,
            form.reset_national_code_edit,
            form.corr_first_name_edit,
            form.corr_last_name_edit,
            form.corr_certificate_edit,
            form.corr_birth_date_edit,
        ):
            edit.clear()
        form.reason_edit.clear()
        self.records = []
        form.registrations_table.setRowCount(0)
        self.account = None
        form.account_label.clear()
        self.password_field.clear()
        self.password_field.set_personal_info()
        self.last_receipt = None
        form.activation_message.clear()
        form.reset_message.clear()
        for box in self._document_checks() + self._reset_document_checks():
            box.setChecked(False)
        self._show_record(None)

    # --- look-up -------------------------------------------------------------------------------
    def search(self) -> None:
        """Find the registrations of the national code typed."""
        if self.session is None:
            return
        code = _digits(self.form.search_edit.text())
        if not code:
            self.form.activation_message.setText(tr("کد ملی را وارد کنید."))
            return
        session = self.session
        self.form.activation_message.clear()
        # The previous citizen's requests go at once: nothing stale can be acted on meanwhile.
        self.records = []
        self.form.registrations_table.setRowCount(0)
        self._show_record(None)
        self._call(
            lambda: self.branch.find_registrations(session, code),
            self._found,
            self._activation_failed,
        )

    def _found(self, records: list[RegistrationRecord]) -> None:
        self.records = list(records)
        table = self.form.registrations_table
        table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            cells = (
                record.tracking_id,
                state_text(record.state),
                format_jalali_datetime(record.submitted_at),
                f"{record.first_name} {record.last_name}",
            )
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        if not self.records:
            self.form.activation_message.setText(tr("درخواستی با این کد ملی ثبت نشده است."))
            self._show_record(None)
        else:
            table.setCurrentCell(0, 0)
            self._show_record(self.selected)  # also when the current cell did not move

    @property
    def selected(self) -> RegistrationRecord | None:
        """The registration selected in the table."""
        row = self.form.registrations_table.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def _selection_changed(self) -> None:
        self._show_record(self.selected)

    def _show_record(self, record: RegistrationRecord | None) -> None:
        form = self.form
        values = {
            "tracking": "",
            "state": "",
            "national_code": "",
            "mobile": "",
            "first_name": "",
            "last_name": "",
            "gender": "",
            "certificate": "",
            "birth_date": "",
            "email": "",
            "submitted": "",
        }
        if record is not None:
            values.update(
                tracking=record.tracking_id,
                state=state_text(record.state),
                national_code=record.national_code,
                mobile=record.mobile,
                first_name=record.first_name,
                last_name=record.last_name,
                gender=gender_text(record.gender),
                certificate=record.birth_certificate_number,
                birth_date=record.birth_date,
                email=record.email or "-",
                submitted=format_jalali_datetime(record.submitted_at),
            )
        for name, text in values.items():
            getattr(form, f"{name}_value").setText(text)
        state = record.state if record is not None else None
        visit = state is RegistrationState.BRANCH_VISIT_REQUIRED
        mismatch = state is RegistrationState.IDENTITY_MISMATCH
        form.documents_box.setEnabled(visit or mismatch)
        form.activate_button.setEnabled(visit)
        form.correction_box.setVisible(mismatch)
        form.activate_mismatch_button.setVisible(mismatch)
        form.receipt_button.setEnabled(
            record is not None and record.state is RegistrationState.ACTIVATED
        )
        if mismatch:
            self._prefill_correction(record)

    def _prefill_correction(self, record: RegistrationRecord) -> None:
        """Start the correction from what the citizen typed (the supervisor edits it)."""
        form = self.form
        form.corr_first_name_edit.setText(record.first_name)
        form.corr_last_name_edit.setText(record.last_name)
        form.corr_gender_combo.setCurrentIndex(
            form.corr_gender_combo.findData(Gender(record.gender).value)
        )
        form.corr_certificate_edit.setText(record.birth_certificate_number)
        form.corr_birth_date_edit.setText(record.birth_date)
        form.reason_edit.clear()

    # --- activation ----------------------------------------------------------------------------
    def _document_checks(self) -> list[QCheckBox]:
        return [self.form.national_card_check, self.form.birth_certificate_check]

    def _reset_document_checks(self) -> list[QCheckBox]:
        return [self.form.reset_national_card_check, self.form.reset_birth_certificate_check]

    @staticmethod
    def _ticked(checks: list[QCheckBox]) -> tuple[Document, ...]:
        documents = (Document.NATIONAL_CARD, Document.BIRTH_CERTIFICATE)
        return tuple(d for d, box in zip(documents, checks, strict=True) if box.isChecked())

    def _need_documents(self, documents: tuple[Document, ...], label) -> bool:
        if documents:
            return False
        label.setText(tr("دست کم یکی از مدارک اصل (کارت ملی یا شناسنامه) را ببینید و علامت بزنید."))
        return True

    def activate_selected(self) -> None:
        """Activate the selected branch-visit request with the documents ticked."""
        record = self.selected
        if self.session is None or record is None:
            return
        documents = self._ticked(self._document_checks())
        if self._need_documents(documents, self.form.activation_message):
            return
        session = self.session
        self._call(
            lambda: self.branch.activate(session, record.tracking_id, documents),
            self._activation_done,
            self._activation_failed,
        )

    def activate_mismatch_selected(self) -> None:
        """Correct the selected identity-mismatch request and activate it (supervisor)."""
        record = self.selected
        if self.session is None or record is None:
            return
        form = self.form
        documents = self._ticked(self._document_checks())
        if self._need_documents(documents, form.activation_message):
            return
        reason = form.reason_edit.toPlainText().strip()
        if not reason:
            form.activation_message.setText(tr("دلیل فعال سازی با وجود عدم تطابق را بنویسید."))
            return
        correction = IdentityCorrection(
            first_name=form.corr_first_name_edit.text(),
            last_name=form.corr_last_name_edit.text(),
            gender=form.corr_gender_combo.currentData(),
            birth_certificate_number=form.corr_certificate_edit.text(),
            birth_date=form.corr_birth_date_edit.text(),
            reason=reason,
        )
        session = self.session
        self._call(
            lambda: self.branch.activate_mismatch(
                session, record.tracking_id, documents, correction
            ),
            self._activation_done,
            self._activation_failed,
        )

    def _activation_done(self, record: RegistrationRecord) -> None:
        for index, known in enumerate(self.records):
            if known.tracking_id == record.tracking_id:
                self.records[index] = record
                self.form.registrations_table.item(index, 1).setText(state_text(record.state))
        self._show_record(record)
        for box in self._document_checks():
            box.setChecked(False)
        operator = self.session.member.name if self.session else ""
        self.last_receipt = Receipt(
            ReceiptKind.ACTIVATION,
            record.tracking_id,
            record.verified_at or record.submitted_at,
            record.national_code,
            record.mobile,
            operator,
        )
        self.form.activation_message.setText(
            tr(
                "حساب کاربری کد ملی {code} فعال شد و پیامک فعال سازی ارسال گردید.",
                code=ltr(mask_national_code(record.national_code)),
            )
        )
        self.activated.emit(record)

    def _activation_failed(self, error: BaseException) -> None:
        if not self._session_failed(error):
            self.form.activation_message.setText(refusal_text(error))

    def open_receipt(self):
        """Show the receipt of the activation just made (or of the selected activated
        request) in a dialog with print preview and PDF; returns the dialog."""
        from desktop.views.branch.receipt import ReceiptDialog

        record = self.selected
        receipt = self.last_receipt
        if receipt is None or (record is not None and record.tracking_id != receipt.tracking_id):
            if record is None:
                return None
            receipt = Receipt(
                ReceiptKind.ACTIVATION,
                record.tracking_id,
                record.verified_at or record.submitted_at,
                record.national_code,
                record.mobile,
            )
        dialog = ReceiptDialog(receipt, self)
        dialog.open()
        return dialog

    # --- branch password reset -------------------------------------------------------------------
    def find_account(self) -> None:
        """Look up the active account of the national code typed on the reset tab."""
        if self.session is None:
            return
        code = _digits(self.form.reset_national_code_edit.text())
        if not code:
            self.form.reset_message.setText(tr("کد ملی را وارد کنید."))
            return
        session = self.session
        self.form.reset_message.clear()
        self._call(
            lambda: self.branch.find_account(session, code),
            self._account_found,
            self._reset_failed,
        )

    def _account_found(self, account: AccountInfo) -> None:
        self.account = account
        self.form.account_label.setText(
            tr(
                "حساب: {first} {last} — کد ملی {code}",
                first=account.first_name,
                last=account.last_name,
                code=ltr(mask_national_code(account.national_code)),
            )
        )
        # The new password must not contain the names or the national code (SPEC).
        self.password_field.set_personal_info(
            account.first_name, account.last_name, account.national_code
        )
        self.password_field.setFocus()

    def reset_password(self) -> None:
        """Store the new password typed by the citizen, after the documents were seen."""
        account = self.account
        form = self.form
        if self.session is None or account is None:
            form.reset_message.setText(tr("ابتدا حساب را با کد ملی پیدا کنید."))
            return
        documents = self._ticked(self._reset_document_checks())
        if self._need_documents(documents, form.reset_message):
            return
        errors = self.password_field.errors()
        if errors:
            from desktop.rules.messages import message

            form.reset_message.setText(message(errors[0]))
            return
        password, policy, session = self.password_field.password(), self.hash_policy, self.session
        self.password_field.clear()
        self._call(
            lambda: self.branch.reset_password(
                session, account.national_code, documents, hash_password(password, policy)
            ),
            self._reset_done,
            self._reset_failed,
        )

    def _reset_done(self, _result: object) -> None:
        for box in self._reset_document_checks():
            box.setChecked(False)
        self.form.reset_message.setText(
            tr("گذرواژه جدید ثبت شد؛ شهروند اکنون می‌تواند با آن وارد سامانه شود.")
        )

    def _reset_failed(self, error: BaseException) -> None:
        if not self._session_failed(error):
            self.form.reset_message.setText(refusal_text(error))
