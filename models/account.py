"""Active accounts of the portal, their hashed security answers and recovery-by-questions lock."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime
from models.registry import GENDER_CHECK


class Account(Base):
    """An active account (created by verification or a branch activation, or seeded).

    ``mobile`` is None when no mobile is on file (recovery by SMS is then refused).
    ``question_failures`` counts wrong answer sets in a row; at the limit
    ``questions_locked_until`` is set (SPEC: three wrong sets lock recovery by questions).
    """

    __tablename__ = "accounts"
    __table_args__ = (CheckConstraint(GENDER_CHECK, name="gender"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    national_code: Mapped[str] = mapped_column(String(10), unique=True)
    mobile: Mapped[str | None] = mapped_column(String(11), default=None)
    first_name: Mapped[str] = mapped_column(String(30))
    last_name: Mapped[str] = mapped_column(String(30))
    gender: Mapped[str] = mapped_column(String(6))
    email: Mapped[str] = mapped_column(String(254), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    password_changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    registration_id: Mapped[int | None] = mapped_column(
        ForeignKey("registrations.id", ondelete="SET NULL"), default=None
    )
    activated_by: Mapped[str | None] = mapped_column(String(64), default=None)
    question_failures: Mapped[int] = mapped_column(default=0)
    questions_locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)

    answers: Mapped[list[AccountAnswer]] = relationship(
        order_by="AccountAnswer.position", cascade="all, delete-orphan", lazy="selectin"
    )


class AccountAnswer(Base):
    """One registered security question of an account and its answer's PHC hash."""

    __tablename__ = "account_answers"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[str] = mapped_column(String(32))
    answer_hash: Mapped[str] = mapped_column(String(255))
