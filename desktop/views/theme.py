"""The desk's look: the bundled Persian font (Vazirmatn, OFL) and one style sheet.

Labels in the Designer forms carry a dynamic ``role`` property (``error``, ``hint``, ``notice``,
``warning``, ``banner``, ``title``, ``value``, ``success``, ``primary``); the style sheet styles
by role, so no form or view sets colours itself.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from desktop.paths import resource

log = logging.getLogger(__name__)

# The same colours as desktop.views.widgets.style (WCAG AA on white). Not imported from there:
# importing the widgets package loads the rules and the date widget, which the first paint
# must not wait for.
ERROR_COLOR = "#b3261e"
OK_COLOR = "#1b6e34"
HINT_COLOR = "#595959"

#: Bundled weights (files under resources/fonts/).
FONT_FILES = ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf")
#: Base point size: Persian script needs a little more than Latin to stay legible on a desk.
FONT_POINT_SIZE = 10

STYLE_SHEET = f"""
QLabel[role="error"] {{ color: {ERROR_COLOR}; }}
QLabel[role="hint"] {{ color: {HINT_COLOR}; }}
QLabel[role="notice"] {{ background: #eef5fb; border: 1px solid #c5dcef; border-radius: 4px;
    padding: 6px; }}
QLabel[role="warning"] {{ background: #fff4e0; border: 1px solid #f0c36d; border-radius: 4px;
    padding: 6px; color: #6b4e00; }}
QLabel[role="banner"] {{ background: #ffe08a; color: #4a3500; font-weight: bold;
    border: 1px solid #d9a400; border-radius: 4px; padding: 6px; }}
QLabel[role="title"] {{ font-size: 15pt; font-weight: bold; color: #0d5c91; }}
QLabel[role="value"] {{ font-weight: bold; }}
QLabel[role="success"] {{ color: {OK_COLOR}; font-size: 12pt; font-weight: bold; }}
QFrame[role="header"] {{ border-bottom: 2px solid #0d5c91; }}
QPushButton[role="primary"] {{ background: #0d5c91; color: white; padding: 8px 18px;
    border-radius: 4px; font-weight: bold; }}
QPushButton[role="primary"]:disabled {{ background: #8aa9c0; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"] {{ border: 1px solid {ERROR_COLOR}; }}
"""


def load_fonts() -> str:
    """Register the bundled Vazirmatn weights; return the family to use.

    Falls back to the platform's default family (and logs it) when no file can be loaded, so
    a damaged install still starts.
    """
    family = None
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource("fonts", name)))
        if font_id >= 0 and family is None:
            families = QFontDatabase.applicationFontFamilies(font_id)
            family = families[0] if families else None
    if family is None:
        log.warning("bundled font not found; using the platform default")
        return QApplication.font().family()
    return family


#: Pixel sizes of the icon's PNG renderings loaded at run time (see
#: :mod:`desktop.tools.render_icons`, which makes them from ``tamin-desk.svg``).
ICON_SIZES = (16, 24, 32, 48, 64, 96, 128, 256)

_icon: QIcon | None = None


def app_icon() -> QIcon:
    """The desk's icon (window, task bar, home page logo), from its PNG renderings: loading
    the SVG would load Qt's SVG module at start-up (~1 MiB) for a picture that never changes."""
    global _icon
    if _icon is None:
        _icon = QIcon()
        for size in ICON_SIZES:
            _icon.addFile(str(resource("icons", f"tamin-desk-{size}.png")))
    return _icon


def apply_theme(app: QApplication) -> None:
    """Font, style sheet and window icon for the whole application."""
    app.setFont(QFont(load_fonts(), FONT_POINT_SIZE))
    app.setStyleSheet(STYLE_SHEET)
    app.setWindowIcon(app_icon())
