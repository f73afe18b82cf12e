"""The simulator's :class:`~desktop.branch.room.RoomControls`, a trainer's extra controls in
a training room: choose the outcome of the next registration, and create a person whose
account cannot use one recovery method (the guide's "no mobile number was found" and "you
cannot recover through security questions" cases).

The simulator's registration use cases call :func:`claim_forced_outcomes` when requests are
submitted and :func:`forced_states` when requests are verified; without a chosen outcome they
change nothing (the civil registry decides, as in production).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import insert, select

from desktop.branch.room import (
    FORCEABLE,
    TRAINING_ANSWERS,
    TRAINING_PASSWORD,
    MissingMethod,
    TrainingPerson,
)
from desktop.rules.questions import QUESTIONS
from desktop.security.hashing import hash_answer, hash_password
from desktop.service.errors import RequestRefused
from desktop.service.interface import RegistrationState
from desktop.service.simulator.unit_of_work import UnitOfWork, Work, retry_conflicts
from models import Account, AccountAnswer, ForcedOutcome, MobileOwner, Person


def claim_forced_outcomes(work: Work, registration_ids: Sequence[int]) -> None:
    """Give the oldest waiting forced outcomes (if any), one each and in order, to the
    requests just submitted (``registration_ids``, in submission order)."""
    if not registration_ids:
        return
    waiting = work.session.scalars(
        select(ForcedOutcome)
        .where(ForcedOutcome.registration_id.is_(None))
        .order_by(ForcedOutcome.id)
        .limit(len(registration_ids))
    ).all()
    # Fewer outcomes waiting than requests (the usual case: none): the rest get none.
    for waiting_outcome, registration_id in zip(waiting, registration_ids, strict=False):
        waiting_outcome.registration_id = registration_id
        work.audit("training_outcome_applied", outcome=waiting_outcome.outcome)


def forced_states(work: Work, registration_ids: Collection[int]) -> dict[int, RegistrationState]:
    """``{registration id: forced state}`` for those of ``registration_ids`` a trainer decided."""
    if not registration_ids:
        return {}
    rows = work.session.execute(
        select(ForcedOutcome.registration_id, ForcedOutcome.outcome).where(
            ForcedOutcome.registration_id.in_(list(registration_ids))
        )
    )
    return {reg_id: RegistrationState(outcome) for reg_id, outcome in rows}


@retry_conflicts
class SimulatorRoomControls:
    """:class:`~desktop.branch.room.RoomControls` over the simulator's unit of work."""

    def __init__(self, uow: UnitOfWork):
        self._uow = uow

    def force_next_outcome(self, outcome: RegistrationState) -> None:
        """See ``RoomControls.force_next_outcome``."""
        outcome = RegistrationState(outcome)
        if outcome not in FORCEABLE:
            raise ValueError(f"{outcome.value} cannot be forced")
        with self._uow() as work:
            work.session.add(ForcedOutcome(outcome=outcome.value, chosen_at=work.now))
            work.audit("training_outcome_forced", outcome=outcome.value)

    def forced_outcomes(self) -> list[RegistrationState]:
        """See ``RoomControls.forced_outcomes``."""
        with self._uow() as work:
            query = (
                select(ForcedOutcome.outcome)
                .where(ForcedOutcome.registration_id.is_(None))
                .order_by(ForcedOutcome.id)
            )
            return [RegistrationState(o) for o in work.session.scalars(query)]

    def create_person(self, missing: MissingMethod) -> TrainingPerson:
        """See ``RoomControls.create_person``."""
        missing = MissingMethod(missing)
        with self._uow() as work:
            has_account = select(Account.id).where(Account.national_code == Person.national_code)
            query = select(Person).where(~has_account.exists())
            if missing is MissingMethod.NO_QUESTIONS:
                # Recovery by SMS must work for this one: someone who owns a mobile.
                owns = select(MobileOwner.mobile).where(
                    MobileOwner.national_code == Person.national_code
                )
                query = query.where(owns.exists())
            person = work.session.scalar(query.order_by(Person.national_code).limit(1))
            if person is None:
                raise RequestRefused.because("not_found")
            mobile = ""
            if missing is not MissingMethod.NO_MOBILE:
                mobile = (
                    work.session.scalar(
                        select(MobileOwner.mobile)
                        .where(MobileOwner.national_code == person.national_code)
                        .order_by(MobileOwner.mobile)
                        .limit(1)
                    )
                    or ""
                )
            account_id = work.session.execute(
                insert(Account)
                .values(
                    national_code=person.national_code,
                    mobile=mobile or None,
                    first_name=person.first_name,
                    last_name=person.last_name,
                    gender=person.gender,
                    email="",
                    password_hash=hash_password(TRAINING_PASSWORD, work.hash_policy),
                    created_at=work.now,
                    password_changed_at=work.now,
                    activated_by="trainer",
                    question_failures=0,
                )
                .returning(Account.id)
            ).scalar_one()
            question_ids: tuple[str, ...] = ()
            answers: tuple[str, ...] = ()
            if missing is not MissingMethod.NO_QUESTIONS:
                question_ids = tuple(q.id for q in QUESTIONS[: len(TRAINING_ANSWERS)])
                answers = TRAINING_ANSWERS
                work.session.execute(
                    insert(AccountAnswer),
                    [
                        {
                            "account_id": account_id,
                            "position": i,
                            "question_id": qid,
                            "answer_hash": hash_answer(answer, work.hash_policy),
                        }
                        for i, (qid, answer) in enumerate(zip(question_ids, answers, strict=True))
                    ],
                )
            work.audit(
                "training_person_created", person.national_code, account_id, missing=missing.value
            )
            return TrainingPerson(
                person.national_code,
                person.first_name,
                person.last_name,
                TRAINING_PASSWORD,
                mobile,
                question_ids,
                answers,
            )
