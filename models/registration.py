"""Registration requests (SPEC step 4) and the hashed security answers they carry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime
from models.registry import GENDER_CHECK


def _submitted_at(context: Any) -> dt.datetime:
    # A request captured online is captured when it is submitted.
    return context.get_current_parameters()["submitted_at"]


class Registration(Base):
    """One submitted request and its verification state (``interface.RegistrationState``).

    ``password_hash`` is the desk's argon2id PHC string; nothing here is a secret in clear.
    ``due_at`` is when the back office may verify it (submit time + the configured delay).
    ``captured_at`` is when it was completed at a desk: ``submitted_at`` online, earlier for
    a field laptop's queued registration; of a national code's requests the one captured last
    is the one kept (``desktop.service.simulator.submission``).
    """

    __tablename__ = "registrations"
    __table_args__ = (
        CheckConstraint(GENDER_CHECK, name="gender"),
        # run_verification's query: pending rows whose delay has passed.
        Index("ix_registrations_state_due_at", "state", "due_at"),
        # the rolling-day quota and the branch look-up, by national code and time.
        Index("ix_registrations_national_code_submitted_at", "national_code", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tracking_id: Mapped[str] = mapped_column(String(16), unique=True)
    national_code: Mapped[str] = mapped_column(String(10))
    mobile: Mapped[str] = mapped_column(String(11))
    first_name: Mapped[str] = mapped_column(String(30))
    last_name: Mapped[str] = mapped_column(String(30))
    gender: Mapped[str] = mapped_column(String(6))
    birth_certificate_number: Mapped[str] = mapped_column(String(15))
    birth_date: Mapped[str] = mapped_column(String(10))
    email: Mapped[str] = mapped_column(String(254), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    state: Mapped[str] = mapped_column(String(24))
    submitted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    verified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    captured_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=_submitted_at)

    answers: Mapped[list[RegistrationAnswer]] = relationship(
        order_by="RegistrationAnswer.position", cascade="all, delete-orphan", lazy="selectin"
    )


class RegistrationAnswer(Base):
    """One of the three questions of a request (``position`` 0-2) and its answer's PHC hash."""

    __tablename__ = "registration_answers"

    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registrations.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[str] = mapped_column(String(32))
    answer_hash: Mapped[str] = mapped_column(String(255))
