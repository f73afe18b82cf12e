"""Password-recovery use cases (SPEC "Password recovery"; the guide's «بازیابی گذرواژه»).

Security choices, with sources:

* a recovery id is a random bearer token (``secrets``, 192 bits) stored only as a keyed MAC;
* codes are 6 digits from ``secrets``, stored as HMAC-SHA256 under a key outside the database
  (why not argon2: see :mod:`.keys`), valid ``code_validity_s`` from creation, voided by a
  newer code, and allow ``code_max_attempts`` entries (SPEC: 20 minutes, 3 tries);
* every attempt is counted by a conditional ``UPDATE ... SET attempts = attempts + 1 WHERE
  attempts < max`` in the same transaction as the check, so parallel guesses can never get
  more than the allowed tries (NIST SP 800-63B §5.2.2, rate limiting);
* sending is throttled per account and per mobile, 1 a minute and 5 an hour (OWASP Forgot
  Password Cheat Sheet: protect the SMS channel from abuse);
* three wrong answer sets lock recovery by questions for ``questions_lock_s``;
* a new password clears failed logins and locks, voids codes and every open recovery, writes
  an audit event and notifies the mobile.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Sequence

from sqlalchemy import ColumnElement, select, update

from desktop.rules.national_code import parse_national_code
from desktop.rules.normalize import normalize_digits
from desktop.security.hashing import require_phc, verify_answer
from desktop.security.masking import mask_mobile, mask_national_code
from desktop.service.errors import RequestRefused, ValidationFailed
from desktop.service.interface import CodeSent, RecoveryHolder, RecoveryMethod, RecoveryTicket
from desktop.service.simulator import texts
from desktop.service.simulator.refusals import locked, rate_limited
from desktop.service.simulator.sms import OutgoingSms
from desktop.service.simulator.unit_of_work import Refusal, Work
from models import Account, LoginState, RecoveryCode, RecoverySession

log = logging.getLogger(__name__)

SESSION_MAC = "recovery-session"
CODE_MAC = "recovery-code"
CODE_DIGITS = 6
THROTTLE_WINDOW = dt.timedelta(hours=1)

LIVE, VOIDED, USED, EXHAUSTED = "live", "voided", "used", "exhausted"


def start(work: Work, national_code: str) -> RecoveryTicket:
    """Step 1: open a recovery for the active account of ``national_code`` (any digits).

    Returns the opaque recovery id and the methods the account can use: SMS when a mobile is
    on file, questions when answers are; no name (see :func:`_holder`). Raises
    ValidationFailed ``national_code``; RequestRefused ``not_activated`` when no active account
    has this national code.
    """
    parsed = parse_national_code(national_code)
    if not parsed.ok or parsed.value is None:
        raise ValidationFailed(parsed.errors)
    account = work.session.scalar(select(Account).where(Account.national_code == parsed.value))
    if account is None:
        raise RequestRefused.because("not_activated")
    recovery_id = secrets.token_urlsafe(24)
    work.session.add(
        RecoverySession(
            id=work.keys.mac(SESSION_MAC, recovery_id),
            account_id=account.id,
            created_at=work.now,
            expires_at=work.now + dt.timedelta(seconds=work.config.recovery_session_s),
        )
    )
    methods: list[RecoveryMethod] = []
    if account.mobile:
        methods.append(RecoveryMethod.SMS)
    if account.answers:
        methods.append(RecoveryMethod.QUESTIONS)
    work.audit("recovery_started", account.national_code, account.id)
    return RecoveryTicket(recovery_id=recovery_id, methods=tuple(methods))


def _holder(account: Account) -> RecoveryHolder:
    """The names of a verified recovery's account holder: returned only once a code or the
    answers were right, so step 1 cannot be used to learn who holds a national code."""
    return RecoveryHolder(first_name=account.first_name, last_name=account.last_name)


def _open(work: Work, recovery_id: str) -> tuple[RecoverySession, Account]:
    """The live recovery and its account; RequestRefused ``not_found`` when the id is unknown,
    expired, or already used to set a password."""
    row = work.session.get(RecoverySession, work.keys.mac(SESSION_MAC, recovery_id))
    if row is None or row.completed_at is not None or work.now >= row.expires_at:
        raise RequestRefused.because("not_found")
    account = work.session.get(Account, row.account_id)
    if account is None:
        raise RequestRefused.because("not_found")
    return row, account


def _next_send_at(work: Work, sent_to: ColumnElement[bool]) -> dt.datetime:
    """Earliest time another code may go to the account or mobile selected by ``sent_to``:
    ``code_resend_min_interval_s`` after the last one, and no more than
    ``code_max_per_hour`` in any hour."""
    sent = list(
        work.session.scalars(
            select(RecoveryCode.created_at)
            .where(sent_to, RecoveryCode.created_at > work.now - THROTTLE_WINDOW)
            .order_by(RecoveryCode.created_at)
        )
    )
    allowed = work.now
    if sent:
        interval = dt.timedelta(seconds=work.config.code_resend_min_interval_s)
        allowed = max(allowed, sent[-1] + interval)
    per_hour = work.config.code_max_per_hour
    if len(sent) >= per_hour:
        allowed = max(allowed, sent[-per_hour] + THROTTLE_WINDOW)
    return allowed


def _send_allowed_at(work: Work, account: Account, mobile: str) -> dt.datetime:
    return max(
        _next_send_at(work, RecoveryCode.account_id == account.id),
        _next_send_at(work, RecoveryCode.mobile == mobile),
    )


def send_code(work: Work, recovery_id: str) -> CodeSent:
    """Step 3a: send a new 6-digit code to the mobile on file, voiding any earlier one.

    Raises RequestRefused ``not_found`` (see :func:`_open`), ``no_mobile``; RateLimited
    ``too_many_requests`` with ``retry_after`` when the account or mobile is throttled.
    """
    session_row, account = _open(work, recovery_id)
    mobile = account.mobile
    if not mobile:
        raise RequestRefused.because("no_mobile")
    allowed_at = _send_allowed_at(work, account, mobile)
    if allowed_at > work.now:
        raise rate_limited(allowed_at, work.now)
    work.session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.account_id == account.id, RecoveryCode.state == LIVE)
        .values(state=VOIDED)
    )
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    expires_at = work.now + dt.timedelta(seconds=work.config.code_validity_s)
    work.session.add(
        RecoveryCode(
            session_id=session_row.id,
            account_id=account.id,
            mobile=mobile,
            code_mac=work.keys.mac(CODE_MAC, code),
            created_at=work.now,
            expires_at=expires_at,
            attempts=0,
            state=LIVE,
        )
    )
    work.session.flush()
    minutes = round(work.config.code_validity_s / 60)
    work.sms.send([OutgoingSms(mobile, texts.recovery_code_text(code, minutes), "recovery_code")])
    work.audit("recovery_code_sent", account.national_code, account.id)
    log.info("recovery code sent to %s", mask_mobile(mobile))
    return CodeSent(
        masked_mobile=mask_mobile(mobile),
        expires_at=expires_at,
        resend_at=_send_allowed_at(work, account, mobile),
        attempts_left=work.config.code_max_attempts,
    )


def check_code(work: Work, recovery_id: str, code: str) -> RecoveryHolder:
    """Step 3a: check the newest code sent for this recovery; the right one verifies the
    recovery and returns the account holder's names.

    Raises RequestRefused ``not_found`` (no such recovery, or no code sent); ValidationFailed
    ``recovery_code``: ``attempts_exhausted`` (the third wrong entry, and every entry after),
    ``expired`` (at or after ``expires_at``, or voided by a newer code), ``invalid`` with
    ``remaining`` tries. A malformed entry (not 6 digits) is refused without using a try.
    """
    session_row, account = _open(work, recovery_id)
    row = work.session.scalar(
        select(RecoveryCode)
        .where(RecoveryCode.session_id == session_row.id)
        .order_by(RecoveryCode.id.desc())
        .limit(1)
    )
    if row is None:
        raise RequestRefused.because("not_found")
    maximum = work.config.code_max_attempts
    if row.state == EXHAUSTED or row.attempts >= maximum:
        raise ValidationFailed.one("recovery_code", "attempts_exhausted")
    if row.state != LIVE or work.now >= row.expires_at:
        raise ValidationFailed.one("recovery_code", "expired")
    typed = normalize_digits(code).replace(" ", "").strip()
    if len(typed) != CODE_DIGITS or not (typed.isascii() and typed.isdigit()):
        raise ValidationFailed.one("recovery_code", "invalid", remaining=maximum - row.attempts)
    attempts = work.session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.id == row.id,
            RecoveryCode.state == LIVE,
            RecoveryCode.attempts < maximum,
        )
        .values(attempts=RecoveryCode.attempts + 1)
        .returning(RecoveryCode.attempts)
    ).scalar_one_or_none()
    if attempts is None:
        raise ValidationFailed.one("recovery_code", "attempts_exhausted")
    if work.keys.mac_matches(row.code_mac, CODE_MAC, typed):
        row.state = USED
        session_row.verified_at = work.now
        session_row.verified_by = RecoveryMethod.SMS.value
        work.audit("recovery_code_accepted", account.national_code, account.id)
        return _holder(account)
    remaining = maximum - attempts
    work.audit("recovery_code_refused", account.national_code, account.id, remaining=remaining)
    if remaining <= 0:
        row.state = EXHAUSTED
        raise Refusal(ValidationFailed.one("recovery_code", "attempts_exhausted"))
    raise Refusal(ValidationFailed.one("recovery_code", "invalid", remaining=remaining))


def _check_questions_lock(work: Work, account: Account) -> None:
    """Refuse while recovery by questions is locked; clear a lock that has run out."""
    if account.questions_locked_until is None:
        return
    if work.now < account.questions_locked_until:
        raise locked(account.questions_locked_until, work.now)
    account.questions_locked_until = None
    account.question_failures = 0
    work.session.flush()


def questions(work: Work, recovery_id: str) -> tuple[str, ...]:
    """Step 3b: the account's question ids, in registration order.

    Raises RequestRefused ``not_found``, ``no_security_questions``; Locked while locked.
    """
    _, account = _open(work, recovery_id)
    if not account.answers:
        raise RequestRefused.because("no_security_questions")
    _check_questions_lock(work, account)
    return tuple(answer.question_id for answer in account.answers)


def check_answers(work: Work, recovery_id: str, answers: Sequence[str]) -> RecoveryHolder:
    """Step 3b: check the answers as typed (normalised, then argon2-verified), in the order
    of :func:`questions`. One wrong answer fails the set; right ones verify the recovery and
    return the account holder's names.

    Raises RequestRefused ``not_found``, ``no_security_questions``; ValidationFailed
    ``security_answers`` ``invalid`` with ``remaining`` sets (a set of the wrong size uses no
    try); Locked at the ``questions_max_failures``-th wrong set in a row, and while locked.
    """
    session_row, account = _open(work, recovery_id)
    stored = list(account.answers)
    if not stored:
        raise RequestRefused.because("no_security_questions")
    _check_questions_lock(work, account)
    maximum = work.config.questions_max_failures
    if len(answers) != len(stored):
        remaining = maximum - account.question_failures
        raise ValidationFailed.one("security_answers", "invalid", remaining=remaining)
    # Reserve the try first: parallel sets cannot check more than the allowed number.
    failures = work.session.execute(
        update(Account)
        .where(Account.id == account.id, Account.question_failures < maximum)
        .values(question_failures=Account.question_failures + 1)
        .returning(Account.question_failures)
    ).scalar_one_or_none()
    if failures is None:
        until = work.now + dt.timedelta(seconds=work.config.questions_lock_s)
        raise locked(account.questions_locked_until or until, work.now)
    # Every answer is verified (no short-circuit) so timing does not tell which one failed.
    verdicts = [
        verify_answer(s.answer_hash, given) for s, given in zip(stored, answers, strict=True)
    ]
    if all(verdicts):
        account.question_failures = 0
        session_row.verified_at = work.now
        session_row.verified_by = RecoveryMethod.QUESTIONS.value
        work.audit("recovery_answers_accepted", account.national_code, account.id)
        return _holder(account)
    work.audit("recovery_answers_refused", account.national_code, account.id, failures=failures)
    if failures >= maximum:
        until = work.now + dt.timedelta(seconds=work.config.questions_lock_s)
        account.questions_locked_until = until
        work.audit("recovery_questions_locked", account.national_code, account.id)
        log.info("recovery by questions locked for %s", mask_national_code(account.national_code))
        raise Refusal(locked(until, work.now))
    raise Refusal(ValidationFailed.one("security_answers", "invalid", remaining=maximum - failures))


def set_password(work: Work, recovery_id: str, password_hash: str) -> None:
    """Step 4: store the new argon2id ``password_hash`` of a verified recovery.

    Raises ValidationFailed ``password_hash`` (not a PHC string, or weaker than the policy);
    RequestRefused ``not_found`` when the recovery is unknown, expired, spent or not verified.
    """
    require_phc(password_hash, work.hash_policy)
    session_row, account = _open(work, recovery_id)
    if session_row.verified_at is None:
        raise RequestRefused.because("not_found")
    account.password_hash = password_hash
    account.password_changed_at = work.now
    account.question_failures = 0
    account.questions_locked_until = None
    work.session.execute(
        update(LoginState)
        .where(LoginState.national_code == account.national_code)
        .values(failures=0, locked_until=None)
    )
    work.session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.account_id == account.id, RecoveryCode.state == LIVE)
        .values(state=VOIDED)
    )
    work.session.execute(
        update(RecoverySession)
        .where(RecoverySession.account_id == account.id, RecoverySession.completed_at.is_(None))
        .values(completed_at=work.now)
    )
    if account.mobile:
        text = texts.password_changed_text(account.gender, account.first_name, account.last_name)
        work.sms.send([OutgoingSms(account.mobile, text, "password_changed")])
    work.audit("password_reset", account.national_code, account.id, method=session_row.verified_by)
    log.info("password reset for %s", mask_national_code(account.national_code))
