"""First and last names (نام، نام خانوادگی) as in the birth certificate.

Rule (SPEC step 2, guide "مرحله دوم"): required; at most 30 characters after normalisation
(the zero-width non-joiner counts, as it does in the registry's field); Persian letters, spaces
and ZWNJ only. Letters with hamza or madda (آ أ إ ؤ ئ ۀ) and the hamza ء are letters.
"""

from __future__ import annotations

from desktop.rules.normalize import ZWNJ, normalize_name
from desktop.rules.result import Parsed

MAX_LENGTH = 30

#: The Persian alphabet (32 letters) plus the hamza forms kept by normalisation.
PERSIAN_LETTERS = frozenset("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی" + "آأإؤئۀء")
_NAME_CHARS = PERSIAN_LETTERS | {" ", ZWNJ}


def _parse_name(field: str, raw: str) -> Parsed:
    name = normalize_name(raw)
    if not name:
        return Parsed.refuse(field, "required")
    if len(name) > MAX_LENGTH:
        return Parsed.refuse(field, "too_long", max=MAX_LENGTH)
    if not _NAME_CHARS.issuperset(name):
        return Parsed.refuse(field, "not_persian")
    return Parsed.accept(name)


def parse_first_name(raw: str) -> Parsed:
    """Validate a first name; value: the name by :func:`normalize_name` (``علي`` → ``علی``).

    Codes, first that applies: ``required``, ``too_long`` (> 30 characters, param ``max``),
    ``not_persian`` (a Latin letter, digit or symbol).
    """
    return _parse_name("first_name", raw)


def parse_last_name(raw: str) -> Parsed:
    """Validate a last name; same rule and codes as :func:`parse_first_name`."""
    return _parse_name("last_name", raw)
