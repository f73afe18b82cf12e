"""The one service interface every screen talks to (cosmicpython's abstract service layer).

Two implementations: the embedded SQLite simulator (default) and the HTTP client of the remote
API. Plain, frozen dataclasses go in and out: no ORM objects, no Qt types, nothing that cannot
be turned into JSON. Refusals are the typed exceptions of :mod:`desktop.service.errors`.

Secrets: a registration and a new password carry argon2id PHC strings made on the desk
(:mod:`desktop.security.hashing`), never plaintext. Login passwords and recovery answers are
sent as typed and verified by the service against its stored hashes.

Times are timezone-aware ``datetime`` in UTC; the service's clock is the one that counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol, runtime_checkable


class Gender(StrEnum):
    """Gender as recorded in the civil registry; decides the SMS title (آقای / خانم)."""

    MALE = "male"
    FEMALE = "female"


class RegistrationState(StrEnum):
    """Life cycle of one registration request (SPEC: verification outcomes)."""

    PENDING = "pending"
    ACTIVATED = "activated"
    BRANCH_VISIT_REQUIRED = "branch_visit_required"
    IDENTITY_MISMATCH = "identity_mismatch"
    SUPERSEDED = "superseded"
    #: Field mode only: validated and sealed in the desk's offline queue, not yet sent; the
    #: receipt's tracking id is then the queue's local id (:mod:`desktop.offline`).
    QUEUED = "queued"


class RecoveryMethod(StrEnum):
    """Password recovery methods of the guide: a 6-digit SMS code, or security questions."""

    SMS = "sms"
    QUESTIONS = "questions"


@dataclass(frozen=True)
class SecurityAnswer:
    """One chosen question (an id of :mod:`desktop.rules.questions`) and its answer's PHC hash."""

    question_id: str
    answer_hash: str


@dataclass(frozen=True)
class RegistrationRequest:
    """A complete, desk-validated registration (SPEC steps 1-3).

    Text fields are already normalised by the rules; ``birth_date`` is Jalali ``YYYY/MM/DD``
    with ASCII digits; ``email`` is ``""`` when none was given; ``password_hash`` and every
    ``answer_hash`` are argon2id PHC strings. ``idempotency_key`` lets a retried submit
    (offline sync) create nothing twice.
    """

    national_code: str
    mobile: str
    first_name: str
    last_name: str
    gender: Gender
    birth_certificate_number: str
    birth_date: str
    email: str
    password_hash: str
    security_answers: tuple[SecurityAnswer, ...]
    idempotency_key: str | None = None


@dataclass(frozen=True)
class CapturedRegistration:
    """A registration and when it was captured: completed at a desk and, on a field laptop,
    sealed into the offline queue (aware UTC; None: now, as for a desk online).

    The offline sync submits these in batches (``SimulatorService.submit_registrations``):
    of one national code's requests the one captured last is kept, whatever order the
    laptops sync in (README "Offline field registration").
    """

    request: RegistrationRequest
    captured_at: dt.datetime | None = None


@dataclass(frozen=True)
class RegistrationReceipt:
    """What the desk shows after submit: the tracking id and when it was registered."""

    tracking_id: str
    submitted_at: dt.datetime
    state: RegistrationState = RegistrationState.PENDING


@dataclass(frozen=True)
class RegistrationRecord:
    """A registration as a branch operator sees it: the data given, never a secret."""

    tracking_id: str
    national_code: str
    mobile: str
    first_name: str
    last_name: str
    gender: Gender
    birth_certificate_number: str
    birth_date: str
    email: str
    state: RegistrationState
    submitted_at: dt.datetime
    verified_at: dt.datetime | None = None


@dataclass(frozen=True)
class VerificationResult:
    """One verified request and its outcome (activated, branch visit, or mismatch)."""

    tracking_id: str
    state: RegistrationState


@dataclass(frozen=True)
class Captcha:
    """An image captcha: PNG bytes of ``length`` digits, single use, valid until ``expires_at``."""

    captcha_id: str
    image_png: bytes
    expires_at: dt.datetime


@dataclass(frozen=True)
class AccountInfo:
    """The signed-in person (after a successful login)."""

    national_code: str
    first_name: str
    last_name: str
    gender: Gender


@dataclass(frozen=True)
class RecoveryTicket:
    """A recovery in progress: an opaque id and the methods this account can use.

    It names nobody: step 1 needs only a national code, so anything here would tell a
    stranger who holds that code (the names come with :class:`RecoveryHolder`, after a check).
    """

    recovery_id: str
    methods: tuple[RecoveryMethod, ...]


@dataclass(frozen=True)
class RecoveryHolder:
    """The account holder of a verified recovery (a right code or right answers).

    ``first_name``/``last_name`` as registered (Persian), so the desk can refuse a new password
    that contains them in Latin letters (SPEC password rule; the service only ever sees its
    hash). The desk uses them for that check alone and shows them nowhere.
    """

    first_name: str
    last_name: str


@dataclass(frozen=True)
class CodeSent:
    """A recovery code was sent: to which (masked) mobile, valid until when, resend from when."""

    masked_mobile: str
    expires_at: dt.datetime
    resend_at: dt.datetime
    attempts_left: int = 3


@dataclass(frozen=True)
class SmsMessage:
    """One SMS in the outbox. ``kind``: activated, branch_visit_required, identity_mismatch,
    recovery_code, password_changed. The recovery-code SMS text holds the code only for the
    simulated phone; the simulator's outbox row stores the text sealed with a key kept outside
    the database, so the database file never holds a code in clear."""

    mobile: str
    text: str
    kind: str
    sent_at: dt.datetime


@runtime_checkable
class EnrollmentService(Protocol):
    """Everything the desk does. Every method may raise
    :class:`~desktop.service.errors.BackendUnavailable`; other refusals are listed per method.
    """

    # --- registration ----------------------------------------------------------------
    def submit_registration(self, request: RegistrationRequest) -> RegistrationReceipt:
        """Register a request (SPEC step 4).

        Raises ValidationFailed (any field, or ``password_hash``/``security_answers`` PHC not
        meeting the policy), RequestRefused ``already_registered`` / ``too_many_requests``.
        A new request supersedes the same national code's earlier unactivated ones.
        """
        ...

    def registration_status(self, tracking_id: str) -> RegistrationRecord:
        """The request and its state. Raises RequestRefused ``not_found``."""
        ...

    def run_verification(self) -> list[VerificationResult]:
        """Verify every pending request whose delay has passed; each outcome sends its SMS."""
        ...

    # --- login -------------------------------------------------------------------------
    def new_captcha(self) -> Captcha:
        """A fresh captcha image (5 digits)."""
        ...

    def login(
        self, national_code: str, password: str, captcha_id: str, captcha_answer: str
    ) -> AccountInfo:
        """Sign in. Raises ValidationFailed ``captcha``/``invalid`` (or ``expired``);
        RequestRefused ``invalid_credentials`` (one generic refusal for an unknown national code
        or a wrong password); Locked (``locked``, ``minutes`` param); NotActivated (only after
        the right password)."""
        ...

    # --- password recovery -------------------------------------------------------------
    def start_recovery(self, national_code: str) -> RecoveryTicket:
        """Step 1: a ticket with the methods the account can use, and no name. Raises
        ValidationFailed ``national_code``; RequestRefused ``not_activated`` when no active
        account has this national code."""
        ...

    def send_recovery_code(self, recovery_id: str) -> CodeSent:
        """Step 3a: send a new 6-digit code (voids the old one). Raises RequestRefused
        ``no_mobile``; RateLimited ``too_many_requests`` (throttle per account and mobile)."""
        ...

    def check_recovery_code(self, recovery_id: str, code: str) -> RecoveryHolder:
        """Step 3a: check the code; a right one verifies the recovery and returns its holder's
        names (never before). Raises ValidationFailed ``recovery_code`` ``invalid``
        (``remaining`` param), ``expired``, ``attempts_exhausted``."""
        ...

    def recovery_questions(self, recovery_id: str) -> tuple[str, ...]:
        """Step 3b: the three registered question ids. Raises RequestRefused
        ``no_security_questions``; Locked while recovery by questions is locked."""
        ...

    def check_recovery_answers(self, recovery_id: str, answers: tuple[str, ...]) -> RecoveryHolder:
        """Step 3b: the three answers as typed (normalised and verified by the service); right
        ones verify the recovery and return its holder's names (never before). Raises
        ValidationFailed ``security_answers``/``invalid`` (``remaining`` param); Locked after
        the third wrong set."""
        ...

    def set_new_password(self, recovery_id: str, password_hash: str) -> None:
        """Step 4, after a checked code or answers: store the new PHC hash, clear failed
        logins and locks. Raises ValidationFailed ``password_hash``; RequestRefused
        ``not_found`` when the recovery was not verified or has expired."""
        ...

    # --- simulated phone and branch operator ------------------------------------------
    def outbox(self, mobile: str) -> list[SmsMessage]:
        """SMS sent to ``mobile`` (normalised ``09XXXXXXXXX``), oldest first."""
        ...

    def find_registrations(self, national_code: str) -> list[RegistrationRecord]:
        """Every request of a national code, newest first (branch look-up)."""
        ...

    def activate(self, tracking_id: str, staff_id: str, documents: tuple[str, ...]) -> None:
        """Branch activation of a ``branch_visit_required`` request after documents were seen.
        Raises RequestRefused ``not_found`` / ``already_registered``."""
        ...

    def now(self) -> dt.datetime:
        """The service's current time (UTC, aware): the clock that counts."""
        ...


@runtime_checkable
class TrainingControls(Protocol):
    """Trainer-only operations (simulator, or a server started with ``--training``)."""

    def advance_clock(self, seconds: float) -> dt.datetime:
        """Move the simulated clock forward; returns the new time."""
        ...

    def reset(self) -> None:
        """Back to the seed: every registration, account, code and SMS removed."""
        ...

    def all_outbox(self) -> list[SmsMessage]:
        """Every SMS sent in the room, oldest first."""
        ...

    def captcha_answer(self, captcha_id: str) -> str:
        """The digits of a live captcha, for a trainer showing the login and for automated
        tests. Raises ValidationFailed ``captcha`` ``invalid`` (unknown or used) / ``expired``."""
        ...


@dataclass(frozen=True)
class ServiceConfig:
    """Policy values (SPEC and the service issue); times in seconds."""

    verification_delay_s: float = 0.0
    code_validity_s: float = 20 * 60
    code_max_attempts: int = 3
    code_resend_min_interval_s: float = 60
    code_max_per_hour: int = 5
    login_max_failures: int = 5
    login_lock_s: float = 15 * 60
    questions_max_failures: int = 3
    questions_lock_s: float = 15 * 60
    max_requests_per_day: int = 5
    captcha_validity_s: float = 5 * 60
    recovery_session_s: float = 60 * 60
    extra: dict[str, object] = field(default_factory=dict)
