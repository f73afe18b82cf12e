"""Login use cases: captchas and signing in (SPEC "Login"; OWASP Authentication Cheat Sheet:
one generic refusal, account lockout after repeated failures, captcha on the form)."""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import secrets
from dataclasses import dataclass
from typing import NoReturn

from sqlalchemy import select, update

from desktop.rules.errors import REQUEST, FieldError
from desktop.rules.national_code import parse_national_code
from desktop.rules.normalize import normalize_digits
from desktop.security.hashing import HashPolicy, hash_secret, needs_rehash, verify_secret
from desktop.security.masking import mask_national_code
from desktop.service.errors import NotActivated, RequestRefused, ValidationFailed
from desktop.service.interface import AccountInfo, Captcha, Gender
from desktop.service.simulator.captcha import draw_captcha
from desktop.service.simulator.refusals import locked
from desktop.service.simulator.unit_of_work import Refusal, Work
from models import Account, CaptchaChallenge, LoginState, Registration

log = logging.getLogger(__name__)

_dummy_hashes: dict[object, str] = {}


def new_captcha(work: Work) -> Captcha:
    """Issue a 5-digit captcha valid ``config.captcha_validity_s``; its answer is stored
    sealed. Expired captchas are purged here, so the table stays small."""
    image = draw_captcha()
    captcha_id = secrets.token_urlsafe(16)
    expires_at = work.now + dt.timedelta(seconds=work.config.captcha_validity_s)
    work.session.execute(
        CaptchaChallenge.__table__.delete().where(CaptchaChallenge.expires_at < work.now)
    )
    work.session.add(
        CaptchaChallenge(
            id=captcha_id,
            answer_sealed=work.keys.seal(image.digits),
            created_at=work.now,
            expires_at=expires_at,
        )
    )
    return Captcha(captcha_id=captcha_id, image_png=image.png, expires_at=expires_at)


def captcha_answer(work: Work, captcha_id: str) -> str:
    """The digits of a live captcha (trainers and automated tests only). Raises
    ValidationFailed ``captcha`` ``invalid`` when it is unknown or used, ``expired``."""
    row = work.session.get(CaptchaChallenge, captcha_id)
    if row is None or row.used_at is not None:
        raise ValidationFailed.one("captcha", "invalid")
    if work.now >= row.expires_at:
        raise ValidationFailed.one("captcha", "expired")
    return work.keys.unseal(row.answer_sealed) or ""


def _consume_captcha(work: Work, captcha_id: str, answer: str) -> None:
    """Use the captcha up (whatever the outcome: single use) and check ``answer``.
    Raises Refusal (so the use is committed) with ``captcha`` ``invalid``/``expired``."""
    # One conditional UPDATE ... RETURNING both uses the captcha up and reads it: only the
    # first of two concurrent logins presenting it gets a row back.
    row = work.session.execute(
        update(CaptchaChallenge)
        .where(CaptchaChallenge.id == captcha_id, CaptchaChallenge.used_at.is_(None))
        .values(used_at=work.now)
        .returning(CaptchaChallenge.answer_sealed, CaptchaChallenge.expires_at),
        execution_options={"synchronize_session": False},
    ).first()
    if row is None:
        raise Refusal(ValidationFailed.one("captcha", "invalid"))
    if work.now >= row.expires_at:
        raise Refusal(ValidationFailed.one("captcha", "expired"))
    expected = work.keys.unseal(row.answer_sealed) or ""
    typed = normalize_digits(answer).strip()
    if not expected or not hmac.compare_digest(expected.encode(), typed.encode()):
        raise Refusal(ValidationFailed.one("captcha", "invalid"))


def _login_state(work: Work, national_code: str) -> LoginState:
    state = work.session.get(LoginState, national_code)
    if state is None:
        state = LoginState(national_code=national_code, failures=0)
        work.session.add(state)
        work.session.flush()
    return state


def _check_lock(work: Work, state: LoginState) -> None:
    """Refuse while locked; once the lock has run out, start counting from zero again."""
    if state.locked_until is None:
        return
    if work.now < state.locked_until:
        raise Refusal(locked(state.locked_until, work.now))
    state.failures = 0
    state.locked_until = None


def _record_failure(work: Work, national_code: str) -> NoReturn:
    """Count one failure with an SQL-side increment (no lost update under concurrency) and
    lock at ``login_max_failures`` in a row. Raises Refusal: Locked when this failure locks,
    otherwise the generic ``invalid_credentials``."""
    failures = work.session.execute(
        update(LoginState)
        .where(LoginState.national_code == national_code)
        .values(failures=LoginState.failures + 1, last_failure_at=work.now)
        .returning(LoginState.failures)
    ).scalar_one()
    work.audit("login_failed", national_code, failures=failures)
    if failures >= work.config.login_max_failures:
        until = work.now + dt.timedelta(seconds=work.config.login_lock_s)
        work.session.execute(
            update(LoginState)
            .where(LoginState.national_code == national_code)
            .values(locked_until=until)
        )
        work.audit("login_locked", national_code, minutes=work.config.login_lock_s / 60)
        log.info(
            "login of %s locked after %d failures", mask_national_code(national_code), failures
        )
        raise Refusal(locked(until, work.now))
    raise Refusal(RequestRefused.because("invalid_credentials"))


def _dummy_hash(policy: HashPolicy) -> str:
    """A hash of a random secret at ``policy``: checking a password against it costs the same
    argon2 time as a real check, so an unknown national code cannot be told from a wrong
    password by timing (OWASP Authentication Cheat Sheet)."""
    dummy = _dummy_hashes.get(policy)
    if dummy is None:
        dummy = _dummy_hashes[policy] = hash_secret(secrets.token_hex(8), policy)
    return dummy


@dataclass(frozen=True)
class LoginAttempt:
    """What :func:`begin_login` found: the national code, the hash to check the password
    against (the account's, the newest registration's, or a dummy when there is neither),
    and whose it is."""

    national_code: str
    phc: str
    account_id: int | None = None
    registration_state: str | None = None


def begin_login(
    work: Work, national_code: str, captcha_id: str, captcha_answer: str
) -> LoginAttempt:
    """Login step 1 (a short transaction): use the captcha up (whatever the outcome), refuse
    a malformed national code (the generic refusal) or a lock, and pick the hash to check."""
    _consume_captcha(work, captcha_id, captcha_answer)
    parsed = parse_national_code(national_code)
    if not parsed.ok or parsed.value is None:
        raise Refusal(RequestRefused.because("invalid_credentials"))
    code = parsed.value
    _check_lock(work, _login_state(work, code))
    # Only the columns needed: loading the ORM object would also load its answers (a second
    # query, selectin), on every login.
    account = work.session.execute(
        select(Account.id, Account.password_hash).where(Account.national_code == code)
    ).first()
    if account is not None:
        return LoginAttempt(code, account.password_hash, account_id=account.id)
    newest = work.session.execute(
        select(Registration.password_hash, Registration.state)
        .where(Registration.national_code == code)
        .order_by(Registration.submitted_at.desc(), Registration.id.desc())
        .limit(1)
    ).first()
    if newest is None:
        return LoginAttempt(code, _dummy_hash(work.hash_policy))
    return LoginAttempt(code, newest.password_hash, registration_state=newest.state)


def password_matches(attempt: LoginAttempt, password: str) -> bool:
    """Login step 2, outside any transaction: the argon2id check (about 20 ms at the
    production parameters) must not hold the database's write lock, or SQLite's single writer
    would make twenty desks' logins wait for each other's password checks."""
    return verify_secret(attempt.phc, password)


def finish_login(work: Work, attempt: LoginAttempt, password: str, matched: bool) -> AccountInfo:
    """Login step 3 (a short transaction); see ``EnrollmentService.login`` for the refusals.

    A wrong password (or no such person) counts a failure, which may lock. The right one is
    still refused when a lock was set meanwhile by concurrent failures, as it would have been
    had it come after them; otherwise it clears the failure count, re-hashes a password made
    with weaker parameters than the service's policy, and signs in — or, with no account yet,
    says the request is pending, waiting for a branch visit, or mismatched.
    """
    code = attempt.national_code
    if not matched or (attempt.account_id is None and attempt.registration_state is None):
        _record_failure(work, code)
    state = _login_state(work, code)
    _check_lock(work, state)
    state.failures = 0
    if attempt.account_id is None:
        state_name = attempt.registration_state or ""
        raise Refusal(NotActivated([FieldError(REQUEST, "not_activated")], state=state_name))
    # The columns, not the ORM object (which would load its answers too).
    columns = (Account.password_hash, Account.first_name, Account.last_name, Account.gender)
    account = work.session.execute(select(*columns).where(Account.id == attempt.account_id)).first()
    if account is None or account.password_hash != attempt.phc:
        # The password changed (a recovery) between the steps: the one typed was checked
        # against the old hash, so it proves nothing now.
        raise Refusal(RequestRefused.because("invalid_credentials"))
    if needs_rehash(account.password_hash, work.hash_policy):
        work.session.execute(
            update(Account)
            .where(Account.id == attempt.account_id)
            .values(password_hash=hash_secret(password, work.hash_policy)),
            execution_options={"synchronize_session": False},
        )
        work.audit("password_rehashed", code, attempt.account_id)
    work.audit("login", code, attempt.account_id)
    log.info("login of %s", mask_national_code(code))
    return AccountInfo(code, account.first_name, account.last_name, Gender(account.gender))
