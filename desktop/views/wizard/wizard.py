"""The registration wizard: the guide's four steps, the submission, and forgetting afterwards."""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard

from desktop.offline.errors import NoServerKey
from desktop.rules.errors import REQUEST, FieldError
from desktop.rules.form import RegistrationForm, ValidatedForm, validate_registration
from desktop.rules.messages import message
from desktop.security.hashing import HashPolicy
from desktop.security.masking import mask_mobile
from desktop.service.errors import BackendUnavailable, ServiceError
from desktop.service.interface import EnrollmentService, RegistrationReceipt, RegistrationState
from desktop.views.jobs import JobRunner
from desktop.views.text import tr
from desktop.views.wizard.base import FormPage
from desktop.views.wizard.civil_page import CivilPage
from desktop.views.wizard.identity_page import IdentityPage
from desktop.views.wizard.ids import PageId
from desktop.views.wizard.result_page import ResultPage
from desktop.views.wizard.review_page import ReviewPage
from desktop.views.wizard.secrets_page import SecretsPage
from desktop.views.wizard.submission import submit_registration

log = logging.getLogger(__name__)

#: Service error fields that belong to a page although no binding carries that name.
_FIELD_ALIASES = {"password_hash": "password", "security_answers": "security_questions"}


class RegistrationWizard(QWizard):
    """The guide's registration steps as a QWizard embedded in the main window.

    The service arrives later (:meth:`set_service`, once the backend is built off the GUI
    thread); a submit before that is refused with a message. Signals:
    ``submitted(mobile)`` when the service accepted a request (the phone panel follows that
    mobile); ``closed()`` when the wizard was finished or cancelled and has forgotten
    everything; ``activity()`` on every edit or page change (the idle clock).
    """

    submitted = Signal(str)
    closed = Signal()
    activity = Signal()

    def __init__(self, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("registration_wizard")
        self._runner = runner
        self._service: EnrollmentService | None = None
        self._hash_policy: HashPolicy | None = None
        self._service_coming = False  # expect_service(): a submit waits for set_service()
        self._submit_waiting = False
        # The offline queue (desktop.offline.desk.OfflineDesk), if this desk has one.
        self._offline = None
        self._receipt: RegistrationReceipt | None = None
        self._idempotency_key = uuid.uuid4().hex
        self._confirm: QMessageBox | None = None

        self.identity_page = IdentityPage()
        self.civil_page = CivilPage()
        self.secrets_page = SecretsPage()
        self.review_page = ReviewPage()
        self.result_page = ResultPage()
        self.result_page.receipt_requested.connect(self.open_receipt)
        self.receipt_dialog = None
        for page_id, page in self._pages():
            self.setPage(page_id, page)
        self.setStartId(PageId.IDENTITY)

        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOptions(
            QWizard.WizardOption.NoBackButtonOnStartPage
            | QWizard.WizardOption.NoBackButtonOnLastPage
            | QWizard.WizardOption.NoCancelButtonOnLastPage
        )
        for button, text in (
            (QWizard.WizardButton.BackButton, tr("مرحله قبل")),
            (QWizard.WizardButton.NextButton, tr("مرحله بعد")),
            (QWizard.WizardButton.CancelButton, tr("انصراف")),
            (QWizard.WizardButton.FinishButton, tr("پایان")),
        ):
            self.setButtonText(button, text)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        # Activity from signals, not an application-wide event filter: such a filter runs
        # Python for every Qt event, so each event would wait for the GIL whenever the job
        # thread holds it (measured: the GUI stalled 100-150 ms during a submit).
        for _, page in self._form_pages():
            for binding in page.bindings:
                binding.edited.connect(self.activity)
        self.currentIdChanged.connect(self.activity)

    def _pages(self):
        return (
            (PageId.IDENTITY, self.identity_page),
            (PageId.CIVIL, self.civil_page),
            (PageId.SECRETS, self.secrets_page),
            (PageId.REVIEW, self.review_page),
            (PageId.RESULT, self.result_page),
        )

    def _form_pages(self) -> list[tuple[PageId, FormPage]]:
        return [(i, p) for i, p in self._pages() if isinstance(p, FormPage)]

    # --- the backend -------------------------------------------------------------------
    def set_service(self, service: EnrollmentService, hash_policy: HashPolicy) -> None:
        """Use ``service`` for submitting, hashing secrets under ``hash_policy`` first; a
        submit that waited for it (:meth:`expect_service`) is sent now."""
        self._service = service
        self._hash_policy = hash_policy
        self._service_coming = False
        if self._submit_waiting:
            self._submit_waiting = False
            self._set_busy(False)
            self._start_submit()

    def expect_service(self) -> None:
        """The backend is being built: a submit before it arrives waits (busy) instead of
        being refused."""
        self._service_coming = True

    def service_failed(self, reason: str) -> None:
        """The backend could not be built: a waiting submit ends with ``reason`` (Persian) on
        the review page; everything typed is kept."""
        self._service_coming = False
        if self._submit_waiting:
            self._submit_waiting = False
            self._set_busy(False)
            self.review_page.show_submit_error(reason)

    def set_offline(self, desk) -> None:
        """Use the offline queue ``desk`` (an OfflineDesk): in field mode every registration
        goes there; otherwise it is offered when the server cannot be reached."""
        self._offline = desk

    # --- values across pages -----------------------------------------------------------
    def _owner(self, field: str) -> FormPage:
        for _, page in self._form_pages():
            if field in page.fields():
                return page
        raise KeyError(field)

    def normalised(self, field: str) -> str | None:
        """The rules' normalised value of ``field`` as typed now, or None when it is refused."""
        parsed = self._owner(field).binding(field).check()
        return parsed.value if parsed.ok else None

    def registration_form(self) -> RegistrationForm:
        """Every input of the three form pages, raw, as the rules take them."""
        values: dict[str, object] = {}
        for _, page in self._form_pages():
            values.update(page.raw_values())
        return RegistrationForm(**values)

    def validated(self) -> ValidatedForm:
        """:func:`desktop.rules.form.validate_registration` of the whole form."""
        return validate_registration(self.registration_form())

    def has_input(self) -> bool:
        """True when anything was typed or chosen on any page."""
        return any(page.has_input() for _, page in self._form_pages())

    # --- page flow -----------------------------------------------------------------------
    def initializePage(self, page_id: int) -> None:  # Qt override
        super().initializePage(page_id)
        if page_id == PageId.REVIEW:
            validated = self.validated()
            self.review_page.show_values(
                validated.values, [qid for qid, _ in self.secrets_page.question_pairs()]
            )
        elif page_id == PageId.RESULT and self._receipt is not None:
            self.result_page.show_receipt(self._receipt)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        page = self.currentPage()
        if isinstance(page, FormPage) and page.isVisible():
            page.field_left(old, new)

    def go_to(self, page_id: PageId) -> None:
        """Go back to an earlier page (to correct a field the service refused)."""
        while self.currentId() > page_id:
            self.back()

    # --- submitting ----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while a request is being sent."""
        return self.review_page.busy

    @property
    def receipt(self) -> RegistrationReceipt | None:
        """The receipt of the request sent from this wizard, until it forgets."""
        return self._receipt

    def commit_requested(self) -> bool:
        """The review page's gate: True once the receipt is in, else start sending once."""
        if self._receipt is not None:
            return True
        if not self.busy:
            self._start_submit()
        return False

    def _start_submit(self, to_queue: bool = False) -> None:
        validated = self.validated()
        if not validated.ok:
            self._route_errors(validated.errors)
            return
        offline = self._offline
        if offline is not None and (to_queue or offline.field_mode):
            # Field mode, or kept after an unreachable server: hashed, sealed and queued.
            self._send(offline, offline.hash_policy, validated)
            return
        if self._service is None or self._hash_policy is None:
            if self._service_coming:
                # The backend is being built (job thread): send as soon as it is plugged in.
                self.review_page.show_submit_error("")
                self._set_busy(True)
                self._submit_waiting = True
                return
            self.review_page.show_submit_error(
                tr("اتصال به سامانه هنوز برقرار نشده است؛ چند لحظه بعد دوباره تلاش کنید.")
            )
            return
        self._send(self._service, self._hash_policy, validated)

    def _send(self, service, policy: HashPolicy, validated: ValidatedForm) -> None:
        secrets = self.secrets_page
        key = self._idempotency_key
        values = dict(validated.values)
        questions = secrets.question_pairs()
        password = secrets.password_field.password()
        self.review_page.show_submit_error("")
        self._set_busy(True)
        log.info("submitting a registration for mobile %s", mask_mobile(values["mobile"]))
        self._runner.run(
            lambda: submit_registration(service, values, questions, password, policy, key),
            on_finished=self._submit_finished,
            on_failed=self._submit_failed,
        )

    def _set_busy(self, busy: bool) -> None:
        self.review_page.set_busy(busy)
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            self.button(which).setEnabled(not busy)

    def _submit_finished(self, receipt: RegistrationReceipt) -> None:
        self._set_busy(False)
        self._receipt = receipt
        mobile = self.normalised("mobile") or ""
        log.info("registration %s: %s", receipt.state, receipt.tracking_id)
        self.next()
        if receipt.state is not RegistrationState.QUEUED:  # no SMS before it is sent
            self.submitted.emit(mobile)

    def _submit_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, BackendUnavailable):
            text = message(exc.first)
            self.review_page.show_submit_error(text)
            box = QMessageBox(QMessageBox.Icon.Warning, tr("ارسال درخواست"), text, parent=self)
            box.setObjectName("submit_failed_dialog")
            if self._offline is not None:
                # Not lost: the operator may keep it in the offline queue, sent by a sync.
                box.setInformativeText(
                    tr("می‌توانید این ثبت نام را در صف ارسال نگه دارید تا پس از اتصال ارسال شود.")
                )
                keep = box.addButton(tr("نگه‌داشتن در صف"), QMessageBox.ButtonRole.AcceptRole)
                keep.setObjectName("keep_in_queue_button")
                keep.clicked.connect(lambda: self._start_submit(to_queue=True))
                box.addButton(tr("بازگشت"), QMessageBox.ButtonRole.RejectRole)
            box.open()
        elif isinstance(exc, ServiceError):
            self._route_errors(exc.errors)
        elif isinstance(exc, NoServerKey):
            self.review_page.show_submit_error(
                tr(
                    "این میز هنوز یک بار به سامانه وصل نشده است، پس نمی‌تواند ثبت نام را "
                    "رمزنگاری‌شده در صف نگه دارد؛ یک بار «ارسال به سامانه» را در حالت برخط بزنید."
                )
            )
        else:
            log.error("submit failed unexpectedly: %s", type(exc).__name__)
            self.review_page.show_submit_error(
                tr(
                    "ارسال درخواست با خطای پیش‌بینی‌نشده روبه‌رو شد؛ اطلاعات وارد شده حفظ شده "
                    "است، دوباره تلاش کنید."
                )
            )

    def _route_errors(self, errors: tuple[FieldError, ...]) -> None:
        """Show each error on the page and field it belongs to; go to the earliest page."""
        by_page: dict[PageId, list[FieldError]] = {}
        request_errors: list[FieldError] = []
        for error in errors:
            field = _FIELD_ALIASES.get(error.field, error.field)
            if error.field == REQUEST:
                request_errors.append(error)
                continue
            try:
                page = self._owner(field)
            except KeyError:
                request_errors.append(error)
                continue
            page_id = next(i for i, p in self._form_pages() if p is page)
            by_page.setdefault(page_id, []).append(FieldError(field, error.code, error.params))
        if request_errors:
            self.review_page.show_submit_error("\n".join(message(e) for e in request_errors))
        if by_page:
            self.go_to(min(by_page))
            # Earliest page last: its first bad field is the one left with the focus.
            for page_id in sorted(by_page, reverse=True):
                self.page(page_id).show_errors(by_page[page_id])

    def open_receipt(self):
        """Show the acknowledgement receipt of the request just registered (print preview or
        PDF; desktop.views.branch.receipt); returns the dialog, None before a receipt."""
        if self._receipt is None:
            return None
        from desktop.branch.receipt import Receipt, ReceiptKind
        from desktop.views.branch.receipt import ReceiptDialog

        receipt = Receipt(
            ReceiptKind.REGISTRATION,
            self._receipt.tracking_id,
            self._receipt.submitted_at,
            self.normalised("national_code") or "",
            self.normalised("mobile") or "",
        )
        self.receipt_dialog = ReceiptDialog(receipt, self)
        self.receipt_dialog.open()
        return self.receipt_dialog

    # --- finishing, cancelling, forgetting -----------------------------------------------
    def forget(self) -> None:
        """Clear every field, secret and receipt and go back to step 1 (a shared desk)."""
        if self._confirm is not None:
            self._confirm.close()
            self._confirm = None
        for _, page in self._form_pages():
            page.clear()
        self.review_page.clear()
        self.result_page.clear()
        if self.receipt_dialog is not None:  # a receipt shows the last applicant's data
            self.receipt_dialog.close()
            self.receipt_dialog = None
        self._receipt = None
        self._idempotency_key = uuid.uuid4().hex
        self.restart()

    def _close(self) -> None:
        self.forget()
        self.closed.emit()

    def accept(self) -> None:  # Qt override: Finish on the result page
        self._close()

    def reject(self) -> None:  # Qt override: Cancel button and Esc
        if self.busy:
            return  # the request is on its way; its outcome must be shown
        if self.currentId() == PageId.RESULT or not self.has_input():
            self._close()
            return
        self._confirm = QMessageBox(
            QMessageBox.Icon.Question,
            tr("انصراف از ثبت نام"),
            tr("اطلاعات وارد شده پاک شود و ثبت نام لغو گردد؟"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        self._confirm.setObjectName("discard_confirm")
        self._confirm.setDefaultButton(QMessageBox.StandardButton.No)
        self._confirm.finished.connect(self._confirm_finished)
        self._confirm.open()

    def _confirm_finished(self, result: int) -> None:
        self._confirm = None
        if result == QMessageBox.StandardButton.Yes:
            self._close()
