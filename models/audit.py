"""Audit trail of state changes (registrations, verifications, logins, recoveries, resets)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class AuditEvent(Base):
    """One event: ``event`` (e.g. ``password_reset``), ``subject`` (a masked national code),
    ``detail`` (JSON text; never a secret, never a full national code or mobile).

    ``row_hash``: hex HMAC-SHA256 chaining this row to the previous one
    (:mod:`desktop.branch.audit_chain`); None only on rows written before the chain existed."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    event: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(16), default="")
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), index=True, default=None
    )
    detail: Mapped[str] = mapped_column(Text, default="{}")
    row_hash: Mapped[str | None] = mapped_column(String(64), default=None)
