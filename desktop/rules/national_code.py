"""The national code (کد ملی): ten digits with a check digit.

Source of the algorithm: the standard Iranian national-code check digit (Civil Registration
Organization): with digits d0…d9, s = Σ d_i·(10−i) for i = 0…8, r = s mod 11; valid when
d9 = r if r < 2, else d9 = 11 − r. Codes made of one repeated digit pass the checksum but are
not issued (``repeated_digits``). There is deliberately no city-prefix list: such lists are
incomplete and refuse real codes (case ``7400076205``).
"""

from __future__ import annotations

from desktop.rules.normalize import remove_separators
from desktop.rules.result import Parsed

FIELD = "national_code"
LENGTH = 10


def check_digit(first_nine: str) -> int:
    """The check digit (0-9) for the first nine ASCII digits of a national code."""
    r = sum(int(d) * (LENGTH - i) for i, d in enumerate(first_nine)) % 11
    return r if r < 2 else 11 - r


def parse_national_code(raw: str) -> Parsed:
    """Validate a national code; value: the 10 ASCII digits as a string (leading zeros kept).

    Spaces and dashes are removed and digits normalised first (``"۰۴۹-۹۳۷۰۸۹-۹"`` is fine).
    Codes, first that applies: ``required``, ``not_digits``, ``length`` (not 10 digits: a lost
    leading zero is refused, never guessed), ``checksum``, ``repeated_digits``.
    """
    code = remove_separators(raw)
    if not code:
        return Parsed.refuse(FIELD, "required")
    if not (code.isascii() and code.isdigit()):
        return Parsed.refuse(FIELD, "not_digits")
    if len(code) != LENGTH:
        return Parsed.refuse(FIELD, "length")
    if int(code[9]) != check_digit(code[:9]):
        return Parsed.refuse(FIELD, "checksum")
    if code == code[0] * LENGTH:
        return Parsed.refuse(FIELD, "repeated_digits")
    return Parsed.accept(code)
