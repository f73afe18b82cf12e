"""Driving windows for screenshots without a test framework, and saving them as PNG files.

One helper for the desk's screenshot tool and the login/recovery and branch/trainer picture
stories (``make screenshots``): waits pump the Qt event loop (debounced widgets, queued job
results), and a shot can size a dialog to a width and the height its layout wants there.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget


class Studio:
    """Pumps ``app``'s events and saves grabs under ``folder`` (created if missing);
    ``written`` lists the files saved, in order; ``echo`` prints each path as it is saved."""

    def __init__(self, folder: Path, app: QApplication | None = None, *, echo: bool = False):
        self.app = app or QApplication.instance()
        self.folder = folder
        self.echo = echo
        self.written: list[Path] = []
        folder.mkdir(parents=True, exist_ok=True)

    def pump(self, ms: int = 50) -> None:
        """Process events for ``ms`` milliseconds."""
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.005)

    def wait(self, condition: Callable[[], bool], what: str, timeout_s: float = 30) -> None:
        """Pump events until ``condition()``. Raises TimeoutError naming ``what``."""
        end = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError(f"screenshots: timed out waiting for {what}")
            self.app.processEvents()
            time.sleep(0.005)

    def shot(
        self, widget: QWidget, name: str, width: int | None = None, settle_ms: int = 60
    ) -> Path:
        """Save ``widget`` as ``<folder>/<name>.png`` after ``settle_ms`` ms of events; with
        ``width`` (pixels), first size it to that width and the height its layout prefers
        there (wrapped messages included, no gaps). Raises OSError if the file cannot be
        written; returns its path."""
        if width is not None:
            layout = widget.layout()
            height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
            widget.resize(width, height if height > 0 else widget.sizeHint().height())
        self.pump(settle_ms)
        path = self.folder / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"cannot write {path}")
        self.written.append(path)
        if self.echo:
            print(path)
        return path
