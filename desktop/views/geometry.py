"""Window sizes that fit the operator's screen.

Branch desks and field laptops often have 1366×768 screens: a window asked for at 800 pixels
high would run under the taskbar, its buttons out of reach. Windows are sized to what they
prefer, but never more than a share of the screen's available area (taskbar excluded).
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Share of the available screen area a window may take at most (room for its frame).
SCREEN_SHARE = 0.9


def fit_to_screen(widget: QWidget, width: int, height: int, share: float = SCREEN_SHARE) -> None:
    """Resize ``widget`` to ``width`` × ``height`` pixels, each shrunk to at most ``share`` of
    the available area of its screen (the primary screen before it is shown). Qt keeps the
    widget's minimum size, so a layout that cannot shrink stays usable (scroll areas)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, int(available.width() * share))
        height = min(height, int(available.height() * share))
    widget.resize(width, height)
