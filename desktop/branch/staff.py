"""Staff accounts in the service's database: create, list, disable, authenticate.

Functions take the caller's SQLAlchemy ``Session`` (one transaction) and the time ``now``;
they never commit. Passwords are argon2id (:mod:`desktop.security.hashing`), checked with the
same cost for an unknown name as for a known one, so a name cannot be told by timing; five
wrong passwords in a row lock the account for 15 minutes (OWASP Authentication Cheat Sheet,
"Account lockout").
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.branch.interface import StaffMember, StaffRole
from desktop.security.hashing import HashPolicy, hash_secret, require_phc, verify_secret
from desktop.service.errors import RequestRefused
from desktop.service.simulator.refusals import locked
from models import StaffAccount

#: Login names: ASCII, start with a letter, 3-32 characters (typed on any keyboard layout).
NAME_PATTERN = re.compile(r"[a-z][a-z0-9_.-]{2,31}")
MAX_FAILURES = 5
LOCK_DURATION = dt.timedelta(minutes=15)

_dummy_hash: dict[HashPolicy, str] = {}


def check_name(name: str) -> str:
    """``name`` lower-cased and trimmed. Raises ValueError unless it matches
    :data:`NAME_PATTERN`."""
    cleaned = name.strip().lower()
    if not NAME_PATTERN.fullmatch(cleaned):
        raise ValueError(
            f"staff name {name!r}: 3-32 characters, a-z, 0-9, '_', '.', '-', starting with a letter"
        )
    return cleaned


def to_member(row: StaffAccount) -> StaffMember:
    """The plain view of a staff row (never its hash)."""
    return StaffMember(row.id, row.name, StaffRole(row.role), row.disabled_at is not None)


def add(
    session: Session,
    now: dt.datetime,
    name: str,
    role: StaffRole | str,
    password_hash: str,
    policy: HashPolicy,
) -> StaffMember:
    """Insert a staff account. Raises ValueError (bad name or role), ValidationFailed
    ``password_hash`` (not argon2id or weaker than ``policy``), RequestRefused
    ``already_registered`` (name taken)."""
    name = check_name(name)
    role = StaffRole(role)
    require_phc(password_hash, policy)
    if session.scalar(select(StaffAccount.id).where(StaffAccount.name == name)) is not None:
        raise RequestRefused.because("already_registered")
    row = StaffAccount(
        name=name, role=role.value, password_hash=password_hash, created_at=now, failures=0
    )
    session.add(row)
    session.flush()
    return to_member(row)


def list_all(session: Session) -> list[StaffMember]:
    """Every staff account, by name."""
    return [to_member(r) for r in session.scalars(select(StaffAccount).order_by(StaffAccount.name))]


def by_name(session: Session, name: str) -> StaffAccount | None:
    """The row of ``name`` (any case), or None."""
    return session.scalar(select(StaffAccount).where(StaffAccount.name == name.strip().lower()))


def disable(session: Session, now: dt.datetime, name: str) -> StaffMember:
    """Disable ``name`` (idempotent). Raises RequestRefused ``not_found``."""
    row = by_name(session, name)
    if row is None:
        raise RequestRefused.because("not_found")
    if row.disabled_at is None:
        row.disabled_at = now
    return to_member(row)


def authenticate(
    session: Session, now: dt.datetime, name: str, password: str, policy: HashPolicy
) -> tuple[StaffMember | None, RequestRefused | None]:
    """Check ``password`` for ``name``. Returns ``(member, None)`` on success (failures
    cleared), or ``(member_or_None, refusal)``: RequestRefused ``invalid_credentials`` for an
    unknown name, a wrong password or a disabled account, Locked while locked. The failure
    count is updated in ``session`` either way, so the caller commits before raising."""
    row = by_name(session, name)
    if row is None:
        dummy = _dummy_hash.setdefault(policy, hash_secret("not-a-staff-password", policy))
        verify_secret(dummy, password)
        return None, RequestRefused.because("invalid_credentials")
    if row.locked_until is not None and now < row.locked_until:
        return to_member(row), locked(row.locked_until, now)
    if not verify_secret(row.password_hash, password) or row.disabled_at is not None:
        row.failures = (row.failures or 0) + 1
        if row.failures >= MAX_FAILURES:
            row.locked_until = now + LOCK_DURATION
            row.failures = 0
            return to_member(row), locked(row.locked_until, now)
        return to_member(row), RequestRefused.because("invalid_credentials")
    row.failures = 0
    row.locked_until = None
    return to_member(row), None
