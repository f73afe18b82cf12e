"""The simulated phone: SMS of one mobile shown as chat bubbles, newest at the bottom.

Pure view: the page that owns it reads the service's outbox and calls
:meth:`SmsPhonePanel.show_messages`; this module never talks to the service. The mobile in the
header is masked (:func:`desktop.security.masking.mask_mobile`) so a screenshot or a screen
share of the desk does not carry a full number.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.security.masking import mask_mobile
from desktop.service.interface import SmsMessage
from desktop.views.text import ltr, tr
from desktop.views.widgets.jalali import format_jalali_datetime
from desktop.views.widgets.style import apply_style, to_persian_digits

RLM = "\u200f"


class SmsBubble(QFrame):
    """One SMS: its text (Persian, word-wrapped, selectable) and its Tehran time, Jalali.

    ``kind`` (the SmsMessage kind) becomes a QSS property that colours the bubble's edge; the
    text itself says what happened, so nothing relies on the colour.
    """

    def __init__(self, message: SmsMessage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "bubble")
        self.setProperty("kind", message.kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.setSpacing(4)
        self.text_label = QLabel(message.text, self)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A right-to-left mark first: digits alone would be laid out left to right, putting
        # the time before the date for a Persian reader.
        self.time_label = QLabel(RLM + format_jalali_datetime(message.sent_at), self)
        self.time_label.setProperty("role", "timestamp")
        # The time sits at the end of the bubble: Qt mirrors "trailing" to the left in RTL.
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignTrailing)
        layout.addWidget(self.text_label)
        layout.addWidget(self.time_label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)


class SmsPhonePanel(QFrame):
    """A phone-shaped panel: masked mobile as the header, SMS bubbles oldest to newest.

    API: :meth:`show_messages` (replace what is shown), :meth:`clear`, :meth:`texts` (the
    texts shown, top to bottom). The list scrolls to the newest message on every update.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "phone")
        self.setMinimumWidth(240)
        self.setAccessibleName(tr("گوشی همراه شبیه‌سازی‌شده"))
        apply_style(self)

        self.header = QLabel(self)
        self.header.setProperty("role", "phone_header")
        self.header.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self._list = QWidget()
        self._list.setObjectName("sms_list")
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(8, 8, 8, 8)
        self._list_layout.setSpacing(8)
        # Stretch first: few messages sit at the bottom, as in a messaging app.
        self._list_layout.addStretch(1)
        self.empty_label = QLabel(tr("پیامکی دریافت نشده است."), self._list)
        self.empty_label.setProperty("role", "hint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._list_layout.addWidget(self.empty_label)

        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self._list)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Transparent so the phone's background shows behind the bubbles.
        self.scroll.viewport().setAutoFillBackground(False)
        self._list.setAutoFillBackground(False)
        bar = self.scroll.verticalScrollBar()
        bar.rangeChanged.connect(lambda _low, high: bar.setValue(high))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 10)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll, 1)
        self.clear()

    def show_messages(self, mobile: str, messages: Sequence[SmsMessage]) -> None:
        """Show ``messages`` of ``mobile`` (``09XXXXXXXXX``), oldest at the top.

        Messages are ordered by ``sent_at`` here (stable, so equal times keep the given order),
        whatever order they come in. Replaces everything shown before.
        """
        self._remove_bubbles()
        self._set_header(mobile)
        ordered = sorted(messages, key=lambda message: message.sent_at)
        for message in ordered:
            self._list_layout.addWidget(SmsBubble(message, self._list))
        self.empty_label.setVisible(not ordered)

    def clear(self) -> None:
        """No mobile, no messages (between applicants)."""
        self._remove_bubbles()
        self._set_header("")
        self.empty_label.show()

    def texts(self) -> list[str]:
        """The SMS texts shown, top (oldest) to bottom (newest)."""
        return [bubble.text_label.text() for bubble in self._bubbles()]

    def _bubbles(self) -> list[SmsBubble]:
        found = []
        for index in range(self._list_layout.count()):
            widget = self._list_layout.itemAt(index).widget()
            if isinstance(widget, SmsBubble):
                found.append(widget)
        return found

    def _remove_bubbles(self) -> None:
        for bubble in self._bubbles():
            self._list_layout.removeWidget(bubble)
            bubble.deleteLater()

    def _set_header(self, mobile: str) -> None:
        title = tr("پیامک‌های تلفن همراه")
        if not mobile:
            self.header.setText(title)
            return
        # The number is wrapped in a left-to-right isolate (U+2066…U+2069) so "0912***4567"
        # keeps its order inside the right-to-left header.
        number = ltr(to_persian_digits(mask_mobile(mobile)))
        self.header.setText(f"{title}\n{number}")
