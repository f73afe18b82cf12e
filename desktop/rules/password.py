"""The password (گذرواژه) and its repeat.

Rules, from the guide ("فرمت مجاز جهت ثبت گذرواژه") and SPEC step 3: Latin letters and digits
plus ``& / $ # !`` only; starts with a letter; at least one uppercase letter, one lowercase
letter and one digit; at least 8 characters; contains neither the first name, the last name
nor the national code; the repeat matches exactly.

A password is never normalised, trimmed or case-folded (SPEC): it is checked as typed. Every
unmet rule is reported at once, in SPEC's order, for the live checklist.
"""

from __future__ import annotations

import re

from desktop.rules.errors import FieldError
from desktop.rules.normalize import normalize_digits, normalize_name, remove_separators
from desktop.rules.result import Parsed
from desktop.rules.transliteration import contains_name

FIELD = "password"
MIN_LENGTH = 8
SYMBOLS = frozenset("&/$#!")

_UPPER = re.compile("[A-Z]")
_LOWER = re.compile("[a-z]")
_DIGIT = re.compile("[0-9]")


def _is_foreign_alnum(ch: str) -> bool:
    """A letter or digit outside ASCII (Persian گ, ۱, Cyrillic а…): ``latin_only``."""
    return not ch.isascii() and ch.isalnum()


def _is_invalid_char(ch: str) -> bool:
    """Any other character outside ``A-Z a-z 0-9 & / $ # !`` (space included): ``invalid_char``."""
    if ch.isascii():
        return not (ch.isalnum() or ch in SYMBOLS)
    return not ch.isalnum()


def _contains_personal_info(password: str, names: tuple[str, ...], national_code: str) -> bool:
    if national_code and national_code in normalize_digits(password):
        return True
    for name in names:
        # A name typed in Persian inside the password (already latin_only) is named too.
        if name and (name in password or contains_name(password, name)):
            return True
    return False


def _personal_code(national_code: str) -> str:
    """The national code as 10 ASCII digits, or "" when it is not one (nothing to look for)."""
    code = remove_separators(national_code)
    return code if len(code) == 10 and code.isascii() and code.isdigit() else ""


def password_codes(
    password: str, *, first_name: str = "", last_name: str = "", national_code: str = ""
) -> tuple[str, ...]:
    """Every unmet password rule, as codes in SPEC's order (``()`` when the password is fine).

    ``required`` alone for an empty password. The names and the national code are the
    applicant's, raw or normalised (they are normalised here); empty ones are not checked.
    """
    if password == "":
        return ("required",)
    unmet = []
    if any(map(_is_foreign_alnum, password)):
        unmet.append("latin_only")
    # "Starts with a letter": any script counts here, so a Persian first letter is reported
    # once, as latin_only, not twice.
    if not password[0].isalpha():
        unmet.append("starts_with_letter")
    if not _UPPER.search(password):
        unmet.append("needs_upper")
    if not _LOWER.search(password):
        unmet.append("needs_lower")
    if not _DIGIT.search(password):
        unmet.append("needs_digit")
    if len(password) < MIN_LENGTH:
        unmet.append("too_short")
    if any(map(_is_invalid_char, password)):
        unmet.append("invalid_char")
    names = (normalize_name(first_name), normalize_name(last_name))
    if _contains_personal_info(password, names, _personal_code(national_code)):
        unmet.append("contains_personal_info")
    return tuple(unmet)


def check_password(
    password: str, *, first_name: str = "", last_name: str = "", national_code: str = ""
) -> Parsed:
    """Check a password against every rule; value: the password exactly as typed.

    Returns ``Parsed`` with ALL unmet codes (``required``, ``latin_only``,
    ``starts_with_letter``, ``needs_upper``, ``needs_lower``, ``needs_digit``, ``too_short``
    (param ``min``), ``invalid_char``, ``contains_personal_info``). ``abc`` gives exactly
    needs_upper, needs_digit, too_short. Personal info: the national code in any digit form,
    and the first and last names spelled in Latin letters (:mod:`desktop.rules.transliteration`).
    """
    codes = password_codes(
        password, first_name=first_name, last_name=last_name, national_code=national_code
    )
    if not codes:
        return Parsed.accept(password)
    errors = tuple(
        FieldError(FIELD, code, {"min": MIN_LENGTH} if code == "too_short" else {})
        for code in codes
    )
    return Parsed(None, errors)


def check_password_confirm(password: str, confirm: str) -> Parsed:
    """The repeat must equal the password exactly (no normalisation). Code: ``mismatch``."""
    if confirm != password:
        return Parsed.refuse("password_confirm", "mismatch")
    return Parsed.accept(confirm)
