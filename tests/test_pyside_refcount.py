"""Guard against the PySide6 6.12.0 reference leak on CPython 3.11 (see pyproject.toml).

6.12.0 dropped a reference to ``None`` on calls such as ``QLabel.setText`` and to ``True`` on
every Python ``Signal.emit()``; a desk left running aborted with ``bool_dealloc``. This test
fails if an upgrade brings that back, before a branch PC finds it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class _Emitter(QObject):
    fired = Signal(int)


def test_setText_and_emit_keep_singleton_reference_counts(qapp):
    label = QLabel()
    emitter = _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        label.setText("x")
        emitter.fired.emit(1)
    # A little slack for unrelated allocations; the leak loses exactly one per call (200).
    assert sys.getrefcount(None) - none_before > -20
    assert sys.getrefcount(True) - true_before > -20
