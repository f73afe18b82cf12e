"""The screenshot renderer writes one readable PNG per widget."""

from __future__ import annotations

from PySide6.QtGui import QImage

from desktop.views.widgets.demo import SCREENS, render_screenshots


def test_every_widget_is_rendered(qapp, tmp_path):
    style, font = qapp.styleSheet(), qapp.font()
    try:
        written = render_screenshots(tmp_path)
    finally:  # the renderer themes the application; other tests expect it untouched
        qapp.setStyleSheet(style)
        qapp.setFont(font)
    assert [p.name for p in written] == list(SCREENS)
    for path in written:
        image = QImage(str(path))
        assert image.width() > 150 and image.height() > 40, path.name
