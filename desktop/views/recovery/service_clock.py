"""The service's time as a view sees it: read off the GUI thread once a second.

The code step's countdown must follow the service's clock, not the desk's: a trainer who
fast-forwards the simulated clock (``TrainingControls.advance_clock``) should see the countdown
jump, and a desk whose own clock is wrong must not promise a code the service already refuses.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.service.interface import EnrollmentService
from desktop.views.jobs import JobRunner

log = logging.getLogger(__name__)


class ServiceClock(QObject):
    """Polls ``service.now()`` on ``runner`` every ``interval_ms`` while started.

    Signal ``ticked(datetime)``: a new reading (aware, UTC), on the GUI thread. A reading
    obtained along with another call (e.g. right after sending a code) is fed in with
    :meth:`set_reading`. At most one read is in flight: a slow backend is not flooded.
    """

    ticked = Signal(object)

    def __init__(
        self,
        service: EnrollmentService,
        runner: JobRunner,
        interval_ms: int = 1000,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._reading: dt.datetime | None = None
        self._in_flight = False
        self.timer = QTimer(self)
        self.timer.setObjectName("service_clock_timer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.refresh)

    def now(self) -> dt.datetime | None:
        """The last reading of the service's clock, or None before the first."""
        return self._reading

    def start(self) -> None:
        """Read once a second from now on."""
        self.timer.start()

    def stop(self) -> None:
        """Stop reading (the code step was left)."""
        self.timer.stop()

    def set_reading(self, now: dt.datetime) -> None:
        """Take ``now`` as the current reading and emit ``ticked``."""
        self._reading = now
        self.ticked.emit(now)

    def refresh(self) -> None:
        """Ask the service for its time (skipped while the previous read is still running)."""
        if self._in_flight:
            return
        self._in_flight = True
        self._runner.run(self._service.now, self._read, self._failed)

    def _read(self, now: dt.datetime) -> None:
        self._in_flight = False
        if self.timer.isActive():
            self.set_reading(now)

    def _failed(self, error: BaseException) -> None:
        # A missed tick only delays the countdown by a second; the next tick retries.
        self._in_flight = False
        log.debug("service clock read failed: %s", type(error).__name__)
