"""The simulator's :class:`~desktop.service.interface.TrainingControls`, plus the read-outs
the ``tamin-desk simulator`` command needs (the registry's people)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update

from desktop.service.interface import SmsMessage
from desktop.service.simulator import login, registration
from desktop.service.simulator.clock import SimulatedClock
from desktop.service.simulator.seed import STATE_ROW_ID, reseed
from desktop.service.simulator.sms import read_outbox
from desktop.service.simulator.unit_of_work import UnitOfWork, retry_conflicts
from models import MobileOwner, Person, SimulatorState


@dataclass(frozen=True)
class RegistryEntry:
    """One person of the simulated civil registry with the mobiles they own."""

    national_code: str
    first_name: str
    last_name: str
    gender: str
    birth_certificate_number: str
    birth_date: str
    mobiles: tuple[str, ...]

    def as_row(self) -> tuple[str, ...]:
        """Fields in print order, national code first (``simulator people``)."""
        return (
            self.national_code,
            self.first_name,
            self.last_name,
            self.gender,
            self.birth_certificate_number,
            self.birth_date,
            ",".join(self.mobiles),
        )


@retry_conflicts
class SimulatorTraining:
    """Trainer controls over the same unit of work as the service."""

    def __init__(self, uow: UnitOfWork):
        self._uow = uow

    def advance_clock(self, seconds: float) -> dt.datetime:
        """Move the simulated clock forward by ``seconds`` (persisted, so every process on
        this database sees it). Raises ValueError for a negative value."""
        if seconds < 0:
            raise ValueError("the simulated clock only moves forward")
        with self._uow() as work:
            work.session.execute(
                update(SimulatorState)
                .where(SimulatorState.id == STATE_ROW_ID)
                .values(clock_offset_s=SimulatorState.clock_offset_s + float(seconds))
            )
            moved = work.now + dt.timedelta(seconds=seconds)
        if isinstance(self._uow.clock, SimulatedClock):
            self._uow.clock.set_offset(self._uow.clock.offset_s + float(seconds))
        return moved

    def reset(self) -> None:
        """Back to the seed: every registration, account, code, captcha, SMS and audit event
        removed, the clock offset back to zero, the registry and training accounts reloaded."""
        if isinstance(self._uow.clock, SimulatedClock):
            self._uow.clock.set_offset(0.0)
        reseed(self._uow.db, self._uow.clock.now())

    def all_outbox(self) -> list[SmsMessage]:
        """Every SMS sent in the room, oldest first (due verifications run first)."""
        with self._uow() as work:
            registration.verify_due(work)
        with self._uow() as work:
            return read_outbox(work.session, work.keys)

    def captcha_answer(self, captcha_id: str) -> str:
        """See ``TrainingControls.captcha_answer``."""
        with self._uow() as work:
            return login.captcha_answer(work, captcha_id)

    def people(self) -> list[RegistryEntry]:
        """Every person of the civil registry, by national code, with their mobiles."""
        with self._uow() as work:
            owned: dict[str, list[str]] = {}
            for mobile, code in work.session.execute(
                select(MobileOwner.mobile, MobileOwner.national_code).order_by(MobileOwner.mobile)
            ):
                owned.setdefault(code, []).append(mobile)
            return [
                RegistryEntry(
                    national_code=p.national_code,
                    first_name=p.first_name,
                    last_name=p.last_name,
                    gender=p.gender,
                    birth_certificate_number=p.birth_certificate_number,
                    birth_date=p.birth_date,
                    mobiles=tuple(owned.get(p.national_code, ())),
                )
                for p in work.session.scalars(select(Person).order_by(Person.national_code))
            ]
