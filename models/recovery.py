"""Password-recovery sessions and the 6-digit codes sent by SMS (SPEC "Password recovery")."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class RecoverySession(Base):
    """One recovery in progress. ``id`` is a keyed MAC of the opaque recovery id handed to the
    desk (a bearer token, so it is stored hashed like any other secret).

    ``verified_at``/``verified_by`` (``sms``|``questions``) record the passed check;
    ``completed_at`` the new password, after which the session is spent.
    """

    __tablename__ = "recovery_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    verified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
    verified_by: Mapped[str | None] = mapped_column(String(16), default=None)
    completed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)


class RecoveryCode(Base):
    """One sent code: ``code_mac`` is HMAC-SHA256 of the digits under a key kept outside the
    database. ``state``: ``live``, ``voided`` (a newer code was sent), ``used``, ``exhausted``.
    Rows double as the send log the per-account and per-mobile throttle counts.
    """

    __tablename__ = "recovery_codes"
    __table_args__ = (
        Index("ix_recovery_codes_account_id_created_at", "account_id", "created_at"),
        Index("ix_recovery_codes_mobile_created_at", "mobile", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("recovery_sessions.id", ondelete="CASCADE"), index=True
    )
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    mobile: Mapped[str] = mapped_column(String(11))
    code_mac: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(default=0)
    state: Mapped[str] = mapped_column(String(12), default="live")
