"""Reusable Qt widgets of the desk: pure view code (no service, no DB, no HTTP; rules from
:mod:`desktop.rules`). Each sets its own style sheet (:mod:`.style`), so it looks right in any
parent. Put one into a Designer placeholder with ``form.place("birth_date_slot", widget)``.

``JalaliDateEdit`` (:mod:`.jalali_date_edit`) — birth date, typed (Persian or Latin digits,
pasted ``۱۴۰۳/۱۲/۳۰`` or ``1403-12-30``) or picked in a Jalali calendar popup (button, Alt+Down,
F4; week from Saturday; maximum today in Tehran). Shows ``۱۴۰۳/۱۲/۳۰``.
  ``jalali() -> tuple[int, int, int] | None`` (typed triple, NOT corrected: hand it to
  ``parse_birth_date``; None when empty/unreadable), ``set_jalali(y, m, d)``, ``clear()``,
  ``raw_text() -> str``, ``setMaximumJalali(y, m, d)``, signal ``changed()``.

``PasswordField(parent=None, confirm_edit=None)`` (:mod:`.password_field`) — password and repeat
(LTR, hidden), "show password" check box, on-screen keyboard button, live checklist of the
guide's rules (✓/✗ + colour), strength bar (percent + Persian word, 150 ms debounce). Pass the
form's own repeat QLineEdit as ``confirm_edit`` or let the widget build one.
  ``password()``, ``confirm()``, ``clear()`` (wipes both, undo history too),
  ``errors() -> tuple[FieldError, ...]`` (all password codes + ``password_confirm/mismatch``),
  ``set_personal_info(first_name, last_name, national_code, mobile)``, signal ``changed()``.

``OnScreenKeyboard(target=None)`` (:mod:`.onscreen_keyboard`) — mouse-only QWERTY keyboard of
the password alphabet (letters with one-shot Shift, digits, ``& / $ # !``, Backspace) that
inserts at the target QLineEdit's cursor without taking focus; "shuffle digits" check box.
  ``set_target(line_edit)``, ``set_shuffle_digits(bool)``, ``digit_order()``, ``key(char)``.

``SmsPhonePanel`` (:mod:`.sms_panel`) — simulated phone: masked mobile header, SMS bubbles
oldest to newest with Jalali Tehran times. ``show_messages(mobile, messages: Sequence[
SmsMessage])``, ``clear()``, ``texts() -> list[str]``. Feed it from the service's ``outbox``.

Field errors (:mod:`.field_row`) — ``show_error(label, text, field=None)`` fills/hides any
QLabel (the forms' ``role="error"`` labels) and marks ``field`` invalid; ``FieldErrorLabel``
is such a label built in code; ``bind_focus_out(field, callback)`` validates on leaving a field.

Helpers (:mod:`.style`) — ``make_ltr(line_edit)`` for Latin/digit fields,
``to_persian_digits(text)`` for display, ``set_state(widget, prop, value)`` to re-style by a
dynamic property. Dates (:mod:`.jalali`) — ``format_triple``, ``format_jalali_datetime``,
conversions through jdatetime (the source of truth, not QCalendar).

Screenshots: ``python -m desktop.views.widgets.demo docs/screenshots`` (or
:func:`desktop.views.widgets.demo.render_screenshots`) writes ``widget_*.png``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Names are loaded on first use (PEP 562), so ``import desktop.views.widgets.style`` (used before
# the first paint) does not pull in the rules, jdatetime and every widget.
_EXPORTS = {
    "FieldErrorLabel": "field_row",
    "bind_focus_out": "field_row",
    "show_error": "field_row",
    "JalaliCalendar": "jalali_date_edit",
    "JalaliDateEdit": "jalali_date_edit",
    "OnScreenKeyboard": "onscreen_keyboard",
    "PasswordField": "password_field",
    "SmsPhonePanel": "sms_panel",
    "make_ltr": "style",
    "set_state": "style",
    "to_persian_digits": "style",
}

__all__ = [
    "FieldErrorLabel",
    "JalaliCalendar",
    "JalaliDateEdit",
    "OnScreenKeyboard",
    "PasswordField",
    "SmsPhonePanel",
    "bind_focus_out",
    "make_ltr",
    "set_state",
    "show_error",
    "to_persian_digits",
]

if TYPE_CHECKING:
    from desktop.views.widgets.field_row import FieldErrorLabel, bind_focus_out, show_error
    from desktop.views.widgets.jalali_date_edit import JalaliCalendar, JalaliDateEdit
    from desktop.views.widgets.onscreen_keyboard import OnScreenKeyboard
    from desktop.views.widgets.password_field import PasswordField
    from desktop.views.widgets.sms_panel import SmsPhonePanel
    from desktop.views.widgets.style import make_ltr, set_state, to_persian_digits


def __getattr__(name: str) -> Any:
    """Import the submodule that defines ``name`` on first access; AttributeError otherwise."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
