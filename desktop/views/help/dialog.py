"""«راهنمای ثبت نام»: the guide's registration steps, in Persian, right to left, in the app.

The text is the guide's own (SSO, «راهنمای ثبت نام کاربران در پرتال غیر حضوری»), adapted to
the desk and kept in ``ui/help_dialog.ui`` so it can be reviewed and edited in Designer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from desktop.views.forms import load_form


class HelpDialog(QDialog):
    """A read-only, scrollable page of the guide's steps and a «بستن» button."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.form = load_form("help_dialog.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.form.widget)
        self.setWindowTitle(self.form.widget.windowTitle())
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.guide_text = self.form.guide_text
        self.form.close_button.clicked.connect(self.accept)
        self.resize(680, 600)

    def text(self) -> str:
        """The help as plain text (for tests and screen readers)."""
        return self.guide_text.toPlainText()
