"""Opening accounts from verified (or branch-activated) registrations, in bulk."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol

from sqlalchemy import insert, select

from desktop.service.simulator.batching import CHUNK, chunked
from desktop.service.simulator.unit_of_work import Work
from models import Account, AccountAnswer, RegistrationAnswer


def national_codes_with_account(work: Work, national_codes: Collection[str]) -> set[str]:
    """The subset of ``national_codes`` that already have an active account."""
    found: set[str] = set()
    for chunk in chunked(national_codes):
        query = select(Account.national_code).where(Account.national_code.in_(chunk))
        found.update(work.session.scalars(query))
    return found


class AccountSource(Protocol):
    """What an account is opened from: a ``Registration`` row or an ORM object alike."""

    id: int
    national_code: str
    mobile: str
    first_name: str
    last_name: str
    gender: str
    email: str
    password_hash: str


def _answers_of(work: Work, registration_ids: Collection[int]) -> list[RegistrationAnswer]:
    found: list[RegistrationAnswer] = []
    ordered = sorted(set(registration_ids))
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        query = select(
            RegistrationAnswer.registration_id,
            RegistrationAnswer.position,
            RegistrationAnswer.question_id,
            RegistrationAnswer.answer_hash,
        ).where(RegistrationAnswer.registration_id.in_(chunk))
        found.extend(work.session.execute(query).all())  # type: ignore[arg-type]
    return found


def open_accounts(
    work: Work, registrations: Sequence[AccountSource], activated_by: str | None = None
) -> dict[int, int]:
    """Create one active account per registration (its password hash and answers copied, its
    mobile on file) with bulk INSERTs. ``activated_by`` is the branch staff id, None for the
    automatic verification. Returns ``{registration id: account id}``.

    Raises IntegrityError when a national code already has an account (callers check first).
    """
    if not registrations:
        return {}
    account_rows = [
        {
            "national_code": reg.national_code,
            "mobile": reg.mobile,
            "first_name": reg.first_name,
            "last_name": reg.last_name,
            "gender": reg.gender,
            "email": reg.email,
            "password_hash": reg.password_hash,
            "created_at": work.now,
            "password_changed_at": work.now,
            "registration_id": reg.id,
            "activated_by": activated_by,
            "question_failures": 0,
        }
        for reg in registrations
    ]
    returned = work.session.execute(
        insert(Account).returning(Account.id, Account.registration_id), account_rows
    )
    account_of = {registration_id: account_id for account_id, registration_id in returned}
    answer_rows = [
        {
            "account_id": account_of[answer.registration_id],
            "position": answer.position,
            "question_id": answer.question_id,
            "answer_hash": answer.answer_hash,
        }
        for answer in _answers_of(work, account_of)
    ]
    if answer_rows:
        work.session.execute(AccountAnswer.__table__.insert(), answer_rows)
    return account_of
