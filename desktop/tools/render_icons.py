"""Render the desk's SVG icon to the PNG sizes the running desk loads.

``python -m desktop.tools.render_icons`` (``make icons``) writes
``resources/icons/tamin-desk-<size>.png`` for each of :data:`SIZES` from
``resources/icons/tamin-desk.svg``, the one source to edit. The desk loads the PNGs, not the
SVG: drawing an SVG at start-up loads Qt's SVG module and costs ~1 MiB resident (measured
with ``ru_maxrss``, bench ``memory_ratio``) for an icon that never changes at run time.
"""

from __future__ import annotations

import sys

from desktop.paths import resource

#: Pixel sizes: window icons (16-64), the home page logo (48, 96 on a 2x screen), launchers.
SIZES = (16, 24, 32, 48, 64, 96, 128, 256)
#: Base name of the icon files under ``resources/icons``.
ICON = "tamin-desk"


def png_path(size: int):
    """``resources/icons/tamin-desk-<size>.png`` (a :class:`pathlib.Path`)."""
    return resource("icons", f"{ICON}-{size}.png")


def render_image(size: int):
    """The icon drawn at ``size`` × ``size`` pixels (a QImage, ARGB32 premultiplied, on a
    transparent background). Needs a QGuiApplication."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(resource("icons", f"{ICON}.svg")))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def render(sizes: tuple[int, ...] = SIZES) -> list:
    """Write one PNG per size; returns the paths written. Raises OSError if one cannot be."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0], "-platform", "offscreen"])
    written = []
    for size in sizes:
        path = png_path(size)
        if not render_image(size).save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")
        written.append(path)
    del app
    return written


if __name__ == "__main__":
    for written_path in render():
        print(written_path)
