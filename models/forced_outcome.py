"""Training: outcomes a trainer chose in advance for the next registrations."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class ForcedOutcome(Base):
    """One chosen outcome (``interface.RegistrationState`` value). ``registration_id`` is None
    while it waits for the next submitted request, then names the request it decides."""

    __tablename__ = "forced_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome: Mapped[str] = mapped_column(String(24))
    chosen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    registration_id: Mapped[int | None] = mapped_column(
        ForeignKey("registrations.id", ondelete="CASCADE"), unique=True, default=None
    )
