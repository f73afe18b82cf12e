"""Shared look of the reusable widgets: one QSS sheet, LTR fields, Persian digits for display.

The sheet styles widgets by dynamic properties (``role``, ``check``, ``invalid``) so a view can
restyle a label by setting a property instead of writing colours; :func:`set_state` re-polishes
after a change because Qt does not re-evaluate property selectors on its own.

Colours: text on white meets WCAG 2.1 AA contrast (4.5:1), and every state also carries a symbol
or a word, never colour alone (WCAG 1.4.1). :mod:`desktop.views.theme` uses the same values.
This module imports only Qt, and the package ``__init__`` loads widgets lazily, so importing it
is cheap (the first paint does not wait for the rules).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

ERROR_COLOR = "#b3261e"  # contrast 6.5:1 on white
OK_COLOR = "#1b6e34"  # contrast 6.3:1 on white
HINT_COLOR = "#595959"  # contrast 7.0:1 on white
ACCENT_COLOR = "#0d5c91"  # contrast 7.1:1 on white

#: Style sheet shared by every widget of this package; each widget installs it on itself so it
#: looks right whether or not the application sets a sheet of its own.
WIDGETS_QSS = f"""
QLabel[role="error"] {{ color: {ERROR_COLOR}; }}
QLabel[role="hint"] {{ color: {HINT_COLOR}; }}
QLineEdit[invalid="true"] {{ border: 1px solid {ERROR_COLOR}; border-radius: 3px; padding: 2px; }}
QLabel[check="met"] {{ color: {OK_COLOR}; }}
QLabel[check="unmet"] {{ color: {ERROR_COLOR}; }}
QProgressBar {{ border: 1px solid #9e9e9e; border-radius: 3px; text-align: center;
    min-height: 16px; max-height: 16px; }}
QProgressBar[level="0"]::chunk, QProgressBar[level="1"]::chunk {{ background: {ERROR_COLOR}; }}
QProgressBar[level="2"]::chunk {{ background: #e6a100; }}
QProgressBar[level="3"]::chunk, QProgressBar[level="4"]::chunk {{ background: {OK_COLOR}; }}
QToolButton[role="key"] {{ min-width: 30px; min-height: 30px; border: 1px solid #9e9e9e;
    border-radius: 4px; background: #fafafa; font-size: 11pt; }}
QToolButton[role="key"]:pressed {{ background: #d6e4f5; }}
QToolButton[role="key"]:checked {{ background: {ACCENT_COLOR}; color: white; }}
QFrame[role="phone"] {{ background: #eceff1; border: 2px solid #37474f; border-radius: 14px; }}
QLabel[role="phone_header"] {{ background: #37474f; color: white; padding: 6px;
    border-top-left-radius: 12px; border-top-right-radius: 12px; }}
QFrame[role="bubble"] {{ background: white; border: 1px solid #cfd8dc; border-radius: 10px; }}
QFrame[role="bubble"][kind="activated"] {{ border-right: 4px solid {OK_COLOR}; }}
QFrame[role="bubble"][kind="identity_mismatch"] {{ border-right: 4px solid {ERROR_COLOR}; }}
QFrame[role="bubble"][kind="branch_visit_required"] {{ border-right: 4px solid #e6a100; }}
QFrame[role="bubble"][kind="recovery_code"] {{ border-right: 4px solid {ACCENT_COLOR}; }}
QLabel[role="timestamp"] {{ color: {HINT_COLOR}; font-size: 8pt; }}
"""

# Persian (U+06F0..) for display; Arabic-Indic (U+0660..) also mapped so mixed input shows one
# script.
_TO_PERSIAN = str.maketrans("0123456789٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹" * 2)


def to_persian_digits(text: str) -> str:
    """``"1403/12/30"`` → ``"۱۴۰۳/۱۲/۳۰"``: ASCII and Arabic-Indic digits become Persian.

    Display only: values handed to the rules or the service stay ASCII (SPEC, normalisation).
    Other characters are kept unchanged.
    """
    return text.translate(_TO_PERSIAN)


def make_ltr(line_edit: QLineEdit) -> QLineEdit:
    """Make a field whose content is Latin or digits read left-to-right inside the RTL app.

    Sets ``Qt.LeftToRight`` and left alignment (STYLE.md: email, password, mobile and national
    code read LTR in the RTL form). Returns the same line edit, for chaining.
    """
    line_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    line_edit.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return line_edit


def set_state(widget: QWidget, name: str, value: object) -> None:
    """Set the dynamic property ``name`` and re-polish so the QSS selectors on it apply now."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def apply_style(widget: QWidget) -> None:
    """Install :data:`WIDGETS_QSS` on ``widget`` (kept if the widget already has it)."""
    if WIDGETS_QSS not in widget.styleSheet():
        widget.setStyleSheet(widget.styleSheet() + WIDGETS_QSS)
