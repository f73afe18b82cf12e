"""The simulated SMS gateway's outbox: what each (simulated) phone received."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class OutboxMessage(Base):
    """One SMS. ``body_sealed`` is the text sealed (Fernet) with a key outside the database,
    because a recovery-code SMS holds the code in clear and the database file must not."""

    __tablename__ = "sms_outbox"
    __table_args__ = (Index("ix_sms_outbox_mobile_id", "mobile", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mobile: Mapped[str] = mapped_column(String(11))
    kind: Mapped[str] = mapped_column(String(32))
    body_sealed: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
