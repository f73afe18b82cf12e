"""Simulated time: the clock every rule of the simulator (delays, expiries, locks) reads."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Protocol


class Clock(Protocol):
    """Anything with ``now() -> aware UTC datetime``."""

    def now(self) -> dt.datetime:
        """The current time, timezone-aware, in UTC."""
        ...


class SimulatedClock:
    """Real UTC time (or a frozen instant) plus a trainer-controlled offset.

    ``SimulatedClock()`` follows the wall clock; ``SimulatedClock(start)`` is frozen at
    ``start`` (aware) and only moves by :meth:`advance`, so tests can land exactly on
    "19 min 59 s after the code was sent". ``offset_s`` is the total advance in seconds; the
    service keeps it in the database so a trainer's ``simulator advance`` in another process
    takes effect. Thread-safe.
    """

    def __init__(self, start: dt.datetime | None = None, offset_s: float = 0.0):
        if start is not None and start.tzinfo is None:
            raise ValueError("SimulatedClock needs an aware start time")
        self._start = start.astimezone(dt.UTC) if start is not None else None
        self._offset_s = float(offset_s)
        self._lock = threading.Lock()

    @property
    def frozen(self) -> bool:
        """True when time only moves by :meth:`advance`."""
        return self._start is not None

    @property
    def offset_s(self) -> float:
        """Seconds added to the base time so far."""
        return self._offset_s

    def set_offset(self, offset_s: float) -> None:
        """Set the total offset (seconds), e.g. as read back from the database."""
        with self._lock:
            self._offset_s = float(offset_s)

    def advance(self, seconds: float) -> dt.datetime:
        """Move forward by ``seconds`` (≥ 0; raises ValueError when negative, because codes,
        locks and quotas assume time never runs backwards). Returns the new time."""
        if seconds < 0:
            raise ValueError("the simulated clock only moves forward")
        with self._lock:
            self._offset_s += float(seconds)
        return self.now()

    def now(self) -> dt.datetime:
        """Base time (frozen start or wall clock, UTC) plus the offset."""
        base = self._start if self._start is not None else dt.datetime.now(dt.UTC)
        return base + dt.timedelta(seconds=self._offset_s)
