"""One service call at a time for a dialog, off the GUI thread, with a busy state.

The login and recovery dialogs never call the service on the GUI thread: argon2 verification
and hashing take tens of milliseconds at the production policy, and a remote backend can take
seconds. :class:`ServiceCalls` queues a call on the shared :class:`~desktop.views.jobs.JobRunner`
(one worker thread for the whole desk, so the service is never entered twice at once), reports
``busy_changed`` so the dialog can disable its inputs and show its progress bar, and splits the
outcome: a refusal of the service (:class:`~desktop.service.errors.ServiceError`) goes to the
dialog, which shows its Persian message; anything else is a bug and goes to ``sys.excepthook``
(the crash dialog), never silently dropped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from desktop.service.errors import ServiceError
from desktop.views.jobs import JobRunner


class ServiceCalls(QObject):
    """Runs a dialog's service calls one at a time on ``runner``.

    Signal ``busy_changed(bool)``: True when a call is queued, False when its outcome arrived
    (emitted before the outcome's callback runs, so the callback may start the next call).
    """

    busy_changed = Signal(bool)

    def __init__(self, runner: JobRunner, parent: QObject | None = None):
        super().__init__(parent)
        self._runner = runner
        self._busy = False
        self._closed = False

    @property
    def busy(self) -> bool:
        """True while a call is queued or running."""
        return self._busy

    @property
    def runner(self) -> JobRunner:
        """The job runner calls go to (for background reads such as the clock)."""
        return self._runner

    def run(
        self,
        call: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_refused: Callable[[ServiceError], None],
    ) -> bool:
        """Queue ``call()`` (no arguments; runs on the worker thread).

        On the GUI thread afterwards: ``on_done(result)``, or ``on_refused(error)`` for a
        :class:`ServiceError`. Returns False (and queues nothing) while another call is
        running, so a double click cannot send a request twice.
        """
        if self._busy or self._closed:
            return False
        self._set_busy(True)

        def finished(result: Any) -> None:
            if not self._listening():
                return
            self._set_busy(False)
            on_done(result)

        def failed(error: BaseException) -> None:
            if not self._listening():
                return
            self._set_busy(False)
            if isinstance(error, ServiceError):
                on_refused(error)
            else:
                sys.excepthook(type(error), error, error.__traceback__)

        self._runner.run(call, finished, failed)
        return True

    def close(self) -> None:
        """Drop the outcome of a call still running (the dialog was closed)."""
        self._closed = True
        self._set_busy(False)

    def reopen(self) -> None:
        """Accept calls again after :meth:`close` (the dialog is shown again)."""
        self._closed = False

    def _listening(self) -> bool:
        # The outcome arrives later, on the GUI thread: by then the dialog may be closed, or
        # deleted with its parent (WA_DeleteOnClose), and nobody must act on it.
        return not self._closed and shiboken6.isValid(self)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
