"""The simulator's :class:`~desktop.service.interface.EnrollmentService`: a thin facade that
runs each use case (``registration``, ``login``, ``recovery``) in its own unit of work.

Verification catches up by itself: every call that reads or depends on what verification
changes (submit, registration status and look-up, outbox, login, recovery, branch activation)
first verifies the requests that have become due, as a back office would have done meanwhile
— so a re-submit right after a due request meets its account (``already_registered``) rather
than superseding it. The desk never needs to call :meth:`SimulatorService.run_verification`
(trainers and tests may).
Nothing here depends on SQLite: the same code runs on any database SQLAlchemy supports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from desktop.rules.mobile import parse_mobile
from desktop.service.errors import ServiceError
from desktop.service.interface import (
    AccountInfo,
    Captcha,
    CapturedRegistration,
    CodeSent,
    RecoveryHolder,
    RecoveryTicket,
    RegistrationReceipt,
    RegistrationRecord,
    RegistrationRequest,
    SmsMessage,
    VerificationResult,
)
from desktop.service.simulator import login, recovery, registration, submission
from desktop.service.simulator.sms import read_outbox
from desktop.service.simulator.unit_of_work import UnitOfWork, retry_conflicts


@retry_conflicts
class SimulatorService:
    """EnrollmentService over a SQLAlchemy database; see the Protocol for each method's
    contract and refusals. Thread-safe: every call opens its own session."""

    def __init__(self, uow: UnitOfWork):
        self._uow = uow

    def _catch_up(self) -> None:
        with self._uow() as work:
            registration.verify_due(work)

    # --- registration ----------------------------------------------------------------
    def submit_registration(self, request: RegistrationRequest) -> RegistrationReceipt:
        """See ``EnrollmentService.submit_registration``."""
        self._catch_up()
        with self._uow() as work:
            return submission.submit(work, request)

    def submit_registrations(
        self, registrations: Sequence[CapturedRegistration]
    ) -> list[RegistrationReceipt | ServiceError]:
        """Submit ``registrations`` (a batch of the offline sync) in one transaction: each one
        answered as ``submit_registration`` would answer it, in order, its refusal returned
        rather than raised, and of one national code's requests the one captured last kept
        (:func:`submission.submit_many`). Raises BackendUnavailable (the database): then
        nothing of the batch was kept."""
        self._catch_up()
        with self._uow() as work:
            return submission.submit_many(work, registrations)

    def registration_status(self, tracking_id: str) -> RegistrationRecord:
        """See ``EnrollmentService.registration_status``."""
        self._catch_up()
        with self._uow() as work:
            return registration.status(work, tracking_id)

    def run_verification(self) -> list[VerificationResult]:
        """See ``EnrollmentService.run_verification``."""
        with self._uow() as work:
            return registration.verify_due(work)

    # --- login -------------------------------------------------------------------------
    def new_captcha(self) -> Captcha:
        """See ``EnrollmentService.new_captcha``."""
        with self._uow() as work:
            return login.new_captcha(work)

    def login(
        self, national_code: str, password: str, captcha_id: str, captcha_answer: str
    ) -> AccountInfo:
        """See ``EnrollmentService.login``. Three steps so that the password check runs
        outside any transaction (see :func:`login.password_matches`). The catch-up runs in the
        first step's transaction: a transaction less on every login of a room."""
        with self._uow() as work:
            registration.verify_due(work)
            attempt = login.begin_login(work, national_code, captcha_id, captcha_answer)
        matched = login.password_matches(attempt, password)
        with self._uow() as work:
            return login.finish_login(work, attempt, password, matched)

    # --- password recovery -------------------------------------------------------------
    def start_recovery(self, national_code: str) -> RecoveryTicket:
        """See ``EnrollmentService.start_recovery``."""
        self._catch_up()
        with self._uow() as work:
            return recovery.start(work, national_code)

    def send_recovery_code(self, recovery_id: str) -> CodeSent:
        """See ``EnrollmentService.send_recovery_code``."""
        with self._uow() as work:
            return recovery.send_code(work, recovery_id)

    def check_recovery_code(self, recovery_id: str, code: str) -> RecoveryHolder:
        """See ``EnrollmentService.check_recovery_code``."""
        with self._uow() as work:
            return recovery.check_code(work, recovery_id, code)

    def recovery_questions(self, recovery_id: str) -> tuple[str, ...]:
        """See ``EnrollmentService.recovery_questions``."""
        with self._uow() as work:
            return recovery.questions(work, recovery_id)

    def check_recovery_answers(self, recovery_id: str, answers: tuple[str, ...]) -> RecoveryHolder:
        """See ``EnrollmentService.check_recovery_answers``."""
        with self._uow() as work:
            return recovery.check_answers(work, recovery_id, answers)

    def set_new_password(self, recovery_id: str, password_hash: str) -> None:
        """See ``EnrollmentService.set_new_password``."""
        with self._uow() as work:
            recovery.set_password(work, recovery_id, password_hash)

    # --- simulated phone and branch operator ------------------------------------------
    def outbox(self, mobile: str) -> list[SmsMessage]:
        """See ``EnrollmentService.outbox``; ``mobile`` in any accepted spelling
        (``+98…``, Persian digits); an unparsable one has an empty outbox."""
        parsed = parse_mobile(mobile)
        if parsed.value is None:
            return []
        self._catch_up()
        with self._uow() as work:
            return read_outbox(work.session, work.keys, parsed.value)

    def find_registrations(self, national_code: str) -> list[RegistrationRecord]:
        """See ``EnrollmentService.find_registrations``."""
        self._catch_up()
        with self._uow() as work:
            return registration.find(work, national_code)

    def activate(self, tracking_id: str, staff_id: str, documents: tuple[str, ...]) -> None:
        """See ``EnrollmentService.activate``."""
        self._catch_up()
        with self._uow() as work:
            registration.activate(work, tracking_id, staff_id, documents)

    def now(self) -> dt.datetime:
        """See ``EnrollmentService.now``."""
        with self._uow() as work:
            return work.now
