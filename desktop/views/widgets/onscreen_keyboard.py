"""On-screen keyboard for typing a password with the mouse alone.

The guide's security tips (login page: «به منظور بالا بردن امنیت از صفحه کلید مجازی استفاده
نمائید») tell the user to type the password on an on-screen keyboard, which a hardware key logger
does not see. The keys are exactly the password alphabet of the guide («فقط کاراکترهای لاتین حرف
و عدد و & / $ # ! مجاز می باشند»): Latin letters (with a one-shot Shift), digits and the five
symbols, plus Backspace. The digit row can be shuffled (against click-position logging and
shoulder surfing) with a cryptographic RNG.

Keys never take keyboard focus, so the target field keeps its cursor and the user can mix the
physical and the on-screen keyboard.
"""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.views.text import tr
from desktop.views.widgets.style import apply_style

#: The symbols the guide allows in a password, in the guide's order.
SYMBOLS: tuple[str, ...] = ("&", "/", "$", "#", "!")
DIGITS: tuple[str, ...] = tuple("1234567890")
LETTER_ROWS: tuple[str, ...] = ("qwertyuiop", "asdfghjkl", "zxcvbnm")

# SystemRandom: the shuffled layout must not be predictable from an earlier one.
_rng = random.SystemRandom()


class OnScreenKeyboard(QFrame):
    """A QWERTY keyboard of the password alphabet that types into a target QLineEdit.

    ``target``: the QLineEdit typed into (text goes in at its cursor, replacing a selection,
    through ``QLineEdit.insert`` so validators and ``maxLength`` still apply); change it with
    :meth:`set_target`. Shift is one-shot: it capitalises the next letter, then releases.
    The "shuffle digits" checkbox (:meth:`set_shuffle_digits`) re-orders the digit keys,
    again each time the keyboard is shown.
    """

    def __init__(self, target: QLineEdit | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target = target
        self._letter_keys: list[QToolButton] = []
        self._digit_keys: list[QToolButton] = []
        self.setObjectName("onscreen_keyboard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Keys keep their QWERTY order left to right even inside the right-to-left app.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setAccessibleName(tr("صفحه‌کلید مجازی"))
        apply_style(self)

        rows = QVBoxLayout(self)
        rows.setSpacing(4)
        rows.setContentsMargins(6, 6, 6, 6)

        digit_row = self._row(rows)
        for digit in DIGITS:
            key = self._key(digit, digit_row)
            key.clicked.connect(lambda _=False, k=key: self._type(k.text()))
            self._digit_keys.append(key)

        for letters in LETTER_ROWS:
            row = self._row(rows)
            for letter in letters:
                key = self._key(letter, row)
                key.setProperty("letter", letter)
                key.clicked.connect(lambda _=False, k=key: self._type_letter(k))
                self._letter_keys.append(key)

        bottom = self._row(rows)
        self.shift_key = self._key("Shift", bottom, accessible=tr("حروف بزرگ"))
        self.shift_key.setCheckable(True)
        self.shift_key.toggled.connect(self._show_case)
        self._symbol_keys: list[QToolButton] = []
        for symbol in SYMBOLS:
            key = self._key(symbol, bottom)
            key.clicked.connect(lambda _=False, s=symbol: self._type(s))
            self._symbol_keys.append(key)
        self.backspace_key = self._key("⌫", bottom, accessible=tr("پاک کردن"))
        self.backspace_key.setAutoRepeat(True)
        self.backspace_key.clicked.connect(self._backspace)
        for index in range(rows.count()):
            rows.itemAt(index).layout().addStretch(1)

        self.shuffle_check = QCheckBox(tr("ترتیب تصادفی ارقام"))
        self.shuffle_check.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # The check box carries Persian text: it alone reads right to left.
        self.shuffle_check.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.shuffle_check.toggled.connect(self._arrange_digits)
        # On the right at its own size, where a Persian reader starts. AlignAbsolute: the
        # layout would otherwise mirror "right" by the check box's own RTL direction.
        rows.addWidget(
            self.shuffle_check, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
        )

    # --- public API --------------------------------------------------------------------
    def target(self) -> QLineEdit | None:
        """The QLineEdit keys type into, or None."""
        return self._target

    def set_target(self, line_edit: QLineEdit | None) -> None:
        """Type into ``line_edit`` from now on (None: keys do nothing)."""
        self._target = line_edit

    def set_shuffle_digits(self, shuffled: bool) -> None:
        """Shuffle the digit keys (True) or put them back in 1..9, 0 order (False)."""
        self.shuffle_check.setChecked(shuffled)

    def digit_order(self) -> tuple[str, ...]:
        """The digits as the keys show them, left to right (ten distinct ASCII digits)."""
        return tuple(key.text() for key in self._digit_keys)

    def key(self, char: str) -> QToolButton:
        """The key that types ``char`` (a lowercase letter, a digit or a symbol).

        Raises KeyError for a character the keyboard does not have.
        """
        for key in (*self._letter_keys, *self._digit_keys):
            if key.text().lower() == char:
                return key
        if char in SYMBOLS:
            return self._symbol_keys[SYMBOLS.index(char)]
        raise KeyError(char)

    # --- Qt overrides ------------------------------------------------------------------
    def showEvent(self, event) -> None:
        # A fresh layout on every showing, so positions seen earlier tell nothing.
        if self.shuffle_check.isChecked():
            self._arrange_digits(True)
        super().showEvent(event)

    # --- internals ---------------------------------------------------------------------
    @staticmethod
    def _row(rows: QVBoxLayout) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        rows.addLayout(row)
        # Rows are centred, keys keep their size: a shorter row sits in the middle as on a
        # physical keyboard instead of spreading its keys apart.
        row.addStretch(1)
        return row

    def _key(self, label: str, row: QHBoxLayout, accessible: str | None = None) -> QToolButton:
        key = QToolButton(self)
        # "&" marks a mnemonic in a button text: "&&" shows one ampersand.
        key.setText(label.replace("&", "&&") if label == "&" else label)
        key.setProperty("role", "key")
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setAccessibleName(accessible or label)
        row.addWidget(key)
        return key

    def _type(self, text: str) -> None:
        target = self._target
        if target is None or target.isReadOnly() or not target.isEnabled():
            return
        target.insert(text)

    def _type_letter(self, key: QToolButton) -> None:
        letter = key.property("letter")
        self._type(letter.upper() if self.shift_key.isChecked() else letter)
        self.shift_key.setChecked(False)

    def _backspace(self) -> None:
        target = self._target
        if target is not None and not target.isReadOnly() and target.isEnabled():
            target.backspace()

    def _show_case(self, upper: bool) -> None:
        for key in self._letter_keys:
            letter = key.property("letter")
            key.setText(letter.upper() if upper else letter)

    def _arrange_digits(self, shuffled: bool) -> None:
        order = list(DIGITS)
        if shuffled:
            current = self.digit_order()
            # Re-draw until the order changes: a shuffle that shows the same layout again
            # would look like a broken option.
            while tuple(order) in (DIGITS, current):
                _rng.shuffle(order)
        for key, digit in zip(self._digit_keys, order, strict=True):
            key.setText(digit)
            key.setAccessibleName(digit)
