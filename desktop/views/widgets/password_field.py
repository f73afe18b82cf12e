"""Password and repeat fields with a live checklist of the rules and a strength meter.

The checklist items are the guide's «شرایط گذرواژه» box (registration step 3), each ticked
from the codes :func:`desktop.rules.password.check_password` returns, so the widget never
re-implements a rule. The strength meter uses :func:`desktop.rules.strength.password_strength`
(zxcvbn): imported on first use and run at most once per pause in typing (150 ms debounce),
because zxcvbn takes long to import and to score.

Nothing typed here is kept anywhere else: :meth:`PasswordField.clear` wipes both fields and
their undo history, and the fields never prefill (SPEC step 3 warning).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.rules.errors import FieldError
from desktop.rules.password import check_password, check_password_confirm
from desktop.views.text import tr
from desktop.views.widgets.onscreen_keyboard import OnScreenKeyboard
from desktop.views.widgets.style import apply_style, make_ltr, set_state, to_persian_digits

if TYPE_CHECKING:  # imported lazily at run time (zxcvbn)
    from desktop.rules.strength import Strength

#: Milliseconds without typing before the strength is scored again.
STRENGTH_DEBOUNCE_MS = 150

MET = "✓"
UNMET = "✗"


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the checklist: ``key``, the error ``codes`` that leave it unmet, its text."""

    key: str
    codes: frozenset[str]
    text: str


def checklist_items() -> tuple[ChecklistItem, ...]:
    """The checklist in the guide's order; texts from the guide («شرایط گذرواژه»).

    ``charset`` covers both ``latin_only`` and ``invalid_char`` (the guide's one rule "only
    Latin letters, digits and & / $ # !"); ``mismatch`` is the repeat's code.
    """

    def item(key: str, text: str, *codes: str) -> ChecklistItem:
        return ChecklistItem(key, frozenset(codes or (key,)), text)

    # tr() at each literal, so Babel's extractor finds every msgid.
    return (
        item(
            "charset",
            tr("فقط حروف و اعداد لاتین و & / $ # !"),
            "latin_only",
            "invalid_char",
        ),
        item("starts_with_letter", tr("با یک حرف آغاز شود.")),
        item("needs_upper", tr("حداقل شامل یک حرف بزرگ باشد.")),
        item("needs_lower", tr("حداقل شامل یک حرف کوچک باشد.")),
        item("needs_digit", tr("شامل عدد باشد.")),
        item("too_short", tr("حداقل هشت حرف باشد.")),
        item("contains_personal_info", tr("شامل نام، نام خانوادگی و شماره ملی نباشد.")),
        item("mismatch", tr("گذرواژه و تکرار آن کاملاً منطبق باشند.")),
    )


def _secure_password_edit(edit: QLineEdit, accessible_name: str) -> None:
    """Password echo, read left to right, no input-method prediction or history."""
    make_ltr(edit)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setInputMethodHints(
        Qt.InputMethodHint.ImhHiddenText
        | Qt.InputMethodHint.ImhSensitiveData
        | Qt.InputMethodHint.ImhNoPredictiveText
        | Qt.InputMethodHint.ImhNoAutoUppercase
    )
    edit.setAccessibleName(accessible_name)


def _wipe(edit: QLineEdit) -> None:
    # setText (not clear()) also drops the undo history: Ctrl+Z must not bring back the
    # previous applicant's password.
    edit.setText("")


class _FocusTracker(QObject):
    """Tells ``focused(edit)`` which password field last had focus (the on-screen keyboard
    types there)."""

    def __init__(self, focused: Callable[[QLineEdit], None], parent: QObject) -> None:
        super().__init__(parent)
        self._focused = focused

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self._focused(watched)
        return False


class PasswordField(QWidget):
    """Password (گذرواژه) and its repeat, show toggle, on-screen keyboard, checklist, strength.

    ``confirm_edit``: a QLineEdit of the page's form to use as the repeat field (it is set to
    password echo and LTR here); None builds one inside the widget, under its own label.

    API: :meth:`password`, :meth:`confirm`, :meth:`clear`, :meth:`errors`,
    :meth:`set_personal_info`, signal :attr:`changed` (on every edit of either field).
    Public children for layout and tests: ``password_edit``, ``confirm_edit``, ``show_check``,
    ``keyboard_button``, ``keyboard``, ``strength_bar``, ``strength_label``, ``checklist``
    (key → QLabel).
    """

    #: Either field changed; read :meth:`errors` or :meth:`password`.
    changed = Signal()

    def __init__(
        self, parent: QWidget | None = None, confirm_edit: QLineEdit | None = None
    ) -> None:
        super().__init__(parent)
        self._first_name = ""
        self._last_name = ""
        self._national_code = ""
        self._mobile = ""
        self._items = checklist_items()
        self._shown_met: dict[str, bool] = {}  # checklist state on screen, by item key
        apply_style(self)

        self.password_edit = QLineEdit(self)
        _secure_password_edit(self.password_edit, tr("گذرواژه"))
        own_confirm = confirm_edit is None
        self.confirm_edit = QLineEdit(self) if confirm_edit is None else confirm_edit
        _secure_password_edit(self.confirm_edit, tr("تکرار گذرواژه"))

        self.show_check = QCheckBox(tr("نمایش گذرواژه"), self)
        self.show_check.toggled.connect(self._show_password)
        self.keyboard_button = QToolButton(self)
        self.keyboard_button.setText(tr("صفحه‌کلید مجازی"))
        self.keyboard_button.setCheckable(True)
        # Clicking it must not take focus from the field the keyboard will type into.
        self.keyboard_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # The keyboard (~50 keys, ~1 MiB) is made the first time it is asked for.
        self._keyboard: OnScreenKeyboard | None = None
        self._keyboard_target = self.password_edit
        self.keyboard_button.toggled.connect(self._toggle_keyboard)
        tracker = _FocusTracker(self._keyboard_focus, self)
        self.password_edit.installEventFilter(tracker)
        self.confirm_edit.installEventFilter(tracker)

        self.strength_bar = QProgressBar(self)
        self.strength_bar.setRange(0, 100)
        # The bar paints its own text left to right; a label lays the Persian out properly.
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setAccessibleName(tr("وضعیت شرایط گذرواژه"))
        self.strength_label = QLabel(self)
        self.strength_label.setMinimumWidth(90)
        self._strength_timer = QTimer(self)
        self._strength_timer.setSingleShot(True)
        self._strength_timer.setInterval(STRENGTH_DEBOUNCE_MS)
        self._strength_timer.timeout.connect(self.update_strength)

        self.checklist: dict[str, QLabel] = {}
        checklist_grid = QGridLayout()
        checklist_grid.setHorizontalSpacing(16)
        checklist_grid.setVerticalSpacing(2)
        for index, item in enumerate(self._items):
            label = QLabel(self)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.checklist[item.key] = label
            checklist_grid.addWidget(label, index // 2, index % 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.password_edit)
        if own_confirm:
            confirm_label = QLabel(tr("تکرار گذرواژه *"), self)
            confirm_label.setBuddy(self.confirm_edit)
            layout.addWidget(confirm_label)
            layout.addWidget(self.confirm_edit)
        tools = QHBoxLayout()
        tools.addWidget(self.show_check)
        tools.addStretch(1)
        tools.addWidget(self.keyboard_button)
        layout.addLayout(tools)
        self._keyboard_slot = QVBoxLayout()
        self._keyboard_slot.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._keyboard_slot)
        strength_row = QHBoxLayout()
        strength_row.addWidget(QLabel(tr("وضعیت شرایط گذرواژه:"), self))
        strength_row.addWidget(self.strength_bar, 1)
        strength_row.addWidget(self.strength_label)
        layout.addLayout(strength_row)
        layout.addLayout(checklist_grid)
        self.setFocusProxy(self.password_edit)

        for edit in (self.password_edit, self.confirm_edit):
            edit.textChanged.connect(self._on_edit)
            # Chained in Qt, after _on_edit (slots run in connection order), so listeners see
            # an up-to-date checklist; no Python-side emit() (see tests/widgets/conftest.py).
            edit.textChanged.connect(self.changed)
        self._refresh_checklist()
        self._show_strength(None)

    # --- public API --------------------------------------------------------------------
    @property
    def keyboard(self) -> OnScreenKeyboard:
        """The on-screen keyboard under the fields (made on first use, hidden until the
        keyboard button is checked); it types into the field that last had focus."""
        if self._keyboard is None:
            self._keyboard = OnScreenKeyboard(self._keyboard_target, self)
            self._keyboard.hide()
            self._keyboard_slot.addWidget(self._keyboard)
        return self._keyboard

    def password(self) -> str:
        """The password exactly as typed (never normalised, SPEC)."""
        return self.password_edit.text()

    def confirm(self) -> str:
        """The repeat exactly as typed."""
        return self.confirm_edit.text()

    def clear(self) -> None:
        """Wipe both fields and their undo history, hide the password and the keyboard."""
        _wipe(self.password_edit)
        _wipe(self.confirm_edit)
        self.show_check.setChecked(False)
        self.keyboard_button.setChecked(False)
        self._strength_timer.stop()
        self._show_strength(None)

    def _toggle_keyboard(self, shown: bool) -> None:
        if shown or self._keyboard is not None:
            self.keyboard.setVisible(shown)

    def _keyboard_focus(self, edit: QLineEdit) -> None:
        self._keyboard_target = edit
        if self._keyboard is not None:
            self._keyboard.set_target(edit)

    def errors(self) -> tuple[FieldError, ...]:
        """Every unmet rule: ``password`` codes (all at once, SPEC order) then the repeat's
        ``password_confirm``/``mismatch``. ``()`` when both fields are acceptable."""
        checked = check_password(
            self.password(),
            first_name=self._first_name,
            last_name=self._last_name,
            national_code=self._national_code,
        )
        return checked.errors + check_password_confirm(self.password(), self.confirm()).errors

    def set_personal_info(
        self, first_name: str = "", last_name: str = "", national_code: str = "", mobile: str = ""
    ) -> None:
        """The applicant's data the password must not contain (names, national code; raw or
        normalised) and that the strength meter treats as guessable (plus the mobile)."""
        self._first_name, self._last_name = first_name, last_name
        self._national_code, self._mobile = national_code, mobile
        self._refresh_checklist()
        self._strength_timer.start()

    def is_item_met(self, key: str) -> bool:
        """Whether the checklist item ``key`` (a :class:`ChecklistItem` key) is ticked."""
        return self.checklist[key].property("check") == "met"

    def update_strength(self) -> None:
        """Score the password now; typing calls this once per 150 ms pause (debounce)."""
        self._strength_timer.stop()
        password = self.password()
        if not password:
            self._show_strength(None)
            return
        from desktop.rules.strength import password_strength  # lazy: zxcvbn imports slowly

        personal = (self._first_name, self._last_name, self._national_code, self._mobile)
        self._show_strength(password_strength(password, tuple(p for p in personal if p)))

    def strength_text(self) -> str:
        """What the strength meter shows (``"۸۰٪ قوی"``), ``""`` before anything is typed."""
        return self.strength_label.text()

    # --- internals ---------------------------------------------------------------------
    def _on_edit(self) -> None:
        self._refresh_checklist()
        self._strength_timer.start()  # restarts: scores once typing pauses

    def _show_password(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.password_edit.setEchoMode(mode)
        self.confirm_edit.setEchoMode(mode)

    def _refresh_checklist(self) -> None:
        codes = {error.code for error in self.errors()}
        # Nothing typed is nothing met: an empty field ticks no rule.
        typed = {"mismatch": bool(self.confirm())}
        for item in self._items:
            met = typed.get(item.key, bool(self.password())) and not (item.codes & codes)
            if self._shown_met.get(item.key) is met:
                continue  # most keys change no item: skip re-texting and re-polishing
            self._shown_met[item.key] = met
            label = self.checklist[item.key]
            label.setText(f"{MET if met else UNMET} {item.text}")
            state = tr("برآورده شده") if met else tr("برآورده نشده")
            label.setAccessibleName(f"{item.text} {state}")
            set_state(label, "check", "met" if met else "unmet")

    def _show_strength(self, strength: Strength | None) -> None:
        """Show a ``Strength`` (percent, level, Persian label), or an empty meter for None."""
        if strength is None:
            self.strength_bar.setValue(0)
            self.strength_label.setText("")
            self.strength_bar.setAccessibleDescription("")
            set_state(self.strength_bar, "level", "")
            return
        text = f"{to_persian_digits(str(strength.percent))}٪ {strength.label}"
        self.strength_bar.setValue(strength.percent)
        self.strength_label.setText(text)
        self.strength_bar.setAccessibleDescription(text)
        set_state(self.strength_bar, "level", str(strength.level))
