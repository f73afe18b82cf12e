"""Gender as recorded in the civil registry (جنسیت): ``"male"`` or ``"female"``."""

from __future__ import annotations

from desktop.rules.normalize import normalize_text
from desktop.rules.result import Parsed

FIELD = "gender"

# The stored values and the Persian words an operator or a CSV file may use for them.
_SPELLINGS = {
    "male": "male",
    "m": "male",
    "مرد": "male",
    "مذکر": "male",
    "آقا": "male",
    "female": "female",
    "f": "female",
    "زن": "female",
    "مونث": "female",
    "مؤنث": "female",
    "خانم": "female",
}


def parse_gender(raw: str) -> Parsed:
    """Validate a gender; value ``"male"`` or ``"female"``.

    Accepts those words in any case, ``m``/``f`` and the Persian مرد/زن (مذکر/مؤنث, آقا/خانم).
    Code: ``required`` (empty or anything else: SPEC has no other code for this field).
    """
    value = _SPELLINGS.get(normalize_text(str(raw)).casefold())
    if value is None:
        return Parsed.refuse(FIELD, "required")
    return Parsed.accept(value)
