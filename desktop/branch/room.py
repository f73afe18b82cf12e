"""What a trainer's room controls are, without their implementation: the outcomes that can be
forced, the people that can be created, and the :class:`RoomControls` Protocol the trainer
panel talks to (the simulator's implementation is :mod:`desktop.branch.training`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable

from desktop.service.interface import RegistrationState

#: Outcomes a trainer may force (SPEC "Verification outcomes").
FORCEABLE = (
    RegistrationState.ACTIVATED,
    RegistrationState.BRANCH_VISIT_REQUIRED,
    RegistrationState.IDENTITY_MISMATCH,
)
#: The password of every person the trainer creates (meets every SPEC password rule); the
#: trainer reads it out to the room, so it is no secret.
TRAINING_PASSWORD = "Amoozesh1404"
#: Answers of a created person's three questions (the first three of the list).
TRAINING_ANSWERS = ("آبی", "تهران", "کارگاه نمونه")


class MissingMethod(StrEnum):
    """Which recovery method the created person's account lacks."""

    NO_MOBILE = "no_mobile"
    NO_QUESTIONS = "no_security_questions"


@dataclass(frozen=True)
class TrainingPerson:
    """A person created for a demonstration: log in with ``national_code`` and
    ``password``; ``mobile`` is "" when none is on file; ``question_ids`` empty when the
    account has no security questions (then ``answers`` is empty too)."""

    national_code: str
    first_name: str
    last_name: str
    password: str
    mobile: str
    question_ids: tuple[str, ...]
    answers: tuple[str, ...]


@runtime_checkable
class RoomControls(Protocol):
    """The trainer's extra controls (simulator; a ``--training`` server's trainer routes)."""

    def force_next_outcome(self, outcome: RegistrationState) -> None:
        """The next submitted registration gets ``outcome`` at verification. Raises
        ValueError for an outcome that is not one of :data:`FORCEABLE`."""
        ...

    def forced_outcomes(self) -> list[RegistrationState]:
        """Chosen outcomes still waiting for a registration, in the order they apply."""
        ...

    def create_person(self, missing: MissingMethod) -> TrainingPerson:
        """An active account, of a registry person who had none, without ``missing``.
        Raises RequestRefused ``not_found`` when every registry person has an account."""
        ...
