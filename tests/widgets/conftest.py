"""Widgets are tested inside a right-to-left application, as the desk runs them.

Also works around a PySide6 6.12.0 defect on CPython 3.11: calls that return ``None``
(``QLabel.setText``, ``QTimer.start``, ``QStyle.polish``, ``QObject.property`` of an unset
name…) drop a reference to ``None`` they never took, and ``Signal.emit()`` drops one to
``True``. Python 3.12+ makes these objects immortal (PEP 683), so the wheels work there; on 3.11
the count drains by one per call until the interpreter aborts with "none_dealloc" /
"bool_dealloc", often at exit after every test passed (``True`` starts near 600 references).
Reproducer: ``sys.getrefcount(None)`` falls by 100 over 100 ``label.setText("x")``, and
``sys.getrefcount(True)`` by 100 over 100 ``signal.emit()``, with 6.12.0; neither moves with
6.11.3. Until the project pins a fixed
PySide6 (or moves to Python 3.12), the three singletons get a huge reference count here, which
is what 3.12 does for them anyway; no test asserts anything about reference counts.
"""

from __future__ import annotations

import ctypes
import sys

import pytest
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt

_AFFECTED = sys.implementation.name == "cpython" and sys.version_info < (3, 12)

if _AFFECTED and pyside_version == "6.12.0":
    for _singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object (a Py_ssize_t).
        ctypes.c_ssize_t.from_address(id(_singleton)).value += 1 << 40


@pytest.fixture(autouse=True)
def rtl(qapp):
    """The application's layout direction is right-to-left (set once at start by the app)."""
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    yield qapp
