"""Consecutive failed logins and the lock they cause, per national code."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class LoginState(Base):
    """Failed logins in a row for a national code, and until when its login is locked.

    Keyed by national code rather than account so an unknown national code locks exactly like
    a real one: the lock message must not reveal which national codes have accounts.
    """

    __tablename__ = "login_states"

    national_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_failure_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
