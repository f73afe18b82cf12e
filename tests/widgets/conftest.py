"""Widgets are tested inside a right-to-left application, as the desk runs them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt


@pytest.fixture(autouse=True)
def rtl(qapp):
    """The application's layout direction is right-to-left (set once at start by the app)."""
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    yield qapp
