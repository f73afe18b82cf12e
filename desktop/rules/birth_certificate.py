"""The birth-certificate number (شماره شناسنامه).

Guide, note 2: a person whose birth-certificate number equals the national code types the same
value in both fields, and never ``0`` instead of the number.
"""

from __future__ import annotations

from desktop.rules.normalize import remove_separators
from desktop.rules.result import Parsed

FIELD = "birth_certificate_number"
MAX_LENGTH = 15


def parse_birth_certificate_number(raw: str, national_code: str | None = None) -> Parsed:
    """Validate a birth-certificate number; value: ASCII digits as typed (leading zeros kept).

    ``national_code`` is accepted for symmetry with the form: equality with it is explicitly
    allowed (guide note 2), so it never causes a refusal.
    Codes, first that applies: ``required``, ``too_long`` (> 15 digits, param ``max``),
    ``not_digits``, ``zero`` (all zeros: ``0`` instead of the number).
    """
    del national_code  # equal to the national code is allowed; see the docstring
    number = remove_separators(raw)
    if not number:
        return Parsed.refuse(FIELD, "required")
    if len(number) > MAX_LENGTH:
        return Parsed.refuse(FIELD, "too_long", max=MAX_LENGTH)
    if not (number.isascii() and number.isdigit()):
        return Parsed.refuse(FIELD, "not_digits")
    if number.strip("0") == "":
        return Parsed.refuse(FIELD, "zero")
    return Parsed.accept(number)
