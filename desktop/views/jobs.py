"""Service calls off the GUI thread: one serial worker thread and job objects with signals.

Every call to the service (building the backend, submitting, polling verification) runs on ONE
private worker thread, in submission order, so the GUI thread never waits for SQLite, HTTP or
argon2 and the service is never entered by two threads at once (the vorta job pattern).

A job reports back on the GUI thread through ``finished(result)`` or ``failed(exception)``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6 import QtCore
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class JobSignals(QObject):
    """Signals of one job; created on the GUI thread so queued slots run there."""

    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: JobSignals):
        super().__init__()
        self._fn = fn
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # every failure must reach the view, never die silently
            log.debug("job failed: %s", type(exc).__name__)
            self._signals.failed.emit(exc)
        else:
            self._signals.finished.emit(result)
        finally:
            # Drop the callable (and whatever secrets its closure holds) as soon as it ran.
            self._fn = None


class JobRunner(QObject):
    """Runs callables on a single worker thread, in order.

    ``run(fn, on_finished, on_failed)`` returns the job's :class:`JobSignals`; the callbacks
    run on the GUI thread with the return value or the raised exception. ``busy`` is True while
    any job is queued or running.
    """

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # Keep the one thread alive: a thread-bound SQLite connection must stay valid.
        self._pool.setExpiryTimeout(-1)
        self._pending: set[JobSignals] = set()

    @property
    def busy(self) -> bool:
        """True while a job is queued or running."""
        return bool(self._pending)

    def run(
        self,
        fn: Callable[[], Any],
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> JobSignals:
        """Queue ``fn`` (no arguments) on the worker thread; see the class docstring."""
        signals = JobSignals(self)
        self._pending.add(signals)

        def done(_value: object, signals: JobSignals = signals) -> None:
            self._pending.discard(signals)
            signals.deleteLater()

        # QtCore.Qt is looked up here, not imported by name: PySide6 builds the whole Qt
        # namespace (about 11 ms) on first access, which the first paint must not wait for.
        queued = QtCore.Qt.ConnectionType.QueuedConnection
        if on_finished is not None:
            signals.finished.connect(on_finished, queued)
        if on_failed is not None:
            signals.failed.connect(on_failed, queued)
        signals.finished.connect(done, queued)
        signals.failed.connect(done, queued)
        self._pool.start(_Job(fn, signals))
        return signals

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every queued job ran (shutdown, tests); True when they all did."""
        return self._pool.waitForDone(msecs)
