"""The simulator's own state: one row holding the clock offset and the seed marker."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class SimulatorState(Base):
    """Row ``id == 1``. ``clock_offset_s`` (seconds) is how far the trainer moved the simulated
    clock; it lives here so ``tamin-desk simulator advance`` in another process takes effect.
    ``seeded_at``/``seed_digest`` mark that the seed file was loaded (and which one)."""

    __tablename__ = "simulator_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    clock_offset_s: Mapped[float] = mapped_column(default=0.0)
    seeded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
    seed_digest: Mapped[str | None] = mapped_column(String(64), default=None)
