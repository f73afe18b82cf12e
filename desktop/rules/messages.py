"""The user-facing text of every error, and the field labels (Persian first, English too).

Texts come from the gettext catalog ``messages`` (``resources/locale/<lang>/LC_MESSAGES/
messages.po``, Babel; keys in :mod:`desktop.rules.catalog_keys`); the Persian wording follows the
guide. A message names its field (``کد ملی وارد شده معتبر نیست: رقم کنترل نادرست است.``).
Params of the error (``remaining``, ``minutes``…) add a sentence each, with the number written
in Persian digits in ``fa``; base messages never need a param, so an error built without its
params still gets a complete text.
"""

from __future__ import annotations

from typing import Any

from desktop.i18n import DEFAULT_LANG, gettext
from desktop.rules.catalog_keys import error_key, label_key
from desktop.rules.errors import FieldError

DOMAIN = "messages"
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def localize_digits(text: str, lang: str = DEFAULT_LANG) -> str:
    """``text`` with ASCII digits written as Persian digits when ``lang`` is ``fa``."""
    return text.translate(_PERSIAN_DIGITS) if lang == "fa" else text


def _lookup(key: str, lang: str) -> str | None:
    """The catalog text of ``key`` in ``lang``, else in Persian, else None."""
    for candidate in dict.fromkeys((lang, DEFAULT_LANG)):
        text = gettext(DOMAIN, key, candidate)
        if text != key:
            return text
    return None


def _shown(value: Any, lang: str) -> str:
    """A param value as shown: numbers (not booleans) in the language's digits."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        return localize_digits(shown, lang)
    return str(value)


def _param_sentence(error: FieldError, name: str, value: Any, lang: str) -> str | None:
    """The sentence for one param: value-specific key first, then the param's key."""
    base = error_key(error.field, error.code)
    for key in (f"{base}.{name}.{value}", f"{base}.{name}"):
        template = _lookup(key, lang)
        if template is not None:
            try:
                return template.format(**{name: _shown(value, lang)})
            except (KeyError, IndexError, ValueError):  # a catalog typo must not crash a view
                return None
    return None


def field_label(field: str, lang: str = DEFAULT_LANG) -> str:
    """The field's name as shown to the user (``national_code`` → ``کد ملی``).

    Falls back to the Persian label, then to ``field`` itself for a field with no label.
    """
    return _lookup(label_key(field), lang) or field


def message(error: FieldError, lang: str = DEFAULT_LANG) -> str:
    """The text for ``error`` in ``lang`` (``fa`` or ``en``), naming its field.

    Params with a sentence in the catalog (:data:`~desktop.rules.catalog_keys.PARAM_KEYS`) are
    appended in the error's order; others (``index``, ``max``…) are for the view, not the text.
    An unknown (field, code) gives a generic text with the field's label; never raises.
    """
    text = _lookup(error_key(error.field, error.code), lang)
    if text is None:
        generic = _lookup("generic.invalid", lang) or "{label}: {code}"
        text = generic.format(label=field_label(error.field, lang), code=error.code)
    sentences = [text]
    for name, value in error.params.items():
        sentence = _param_sentence(error, name, value, lang)
        if sentence:
            sentences.append(sentence)
    return " ".join(sentences)


def strength_label(level: int, lang: str = DEFAULT_LANG) -> str:
    """The word for a password strength level 0-4 (خیلی ضعیف … خیلی قوی)."""
    return _lookup(f"strength.{level}", lang) or str(level)
