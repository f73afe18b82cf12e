"""The applicant's mobile number (شماره تلفن همراه), normalised to ``09XXXXXXXXX``.

Judged by structure only — ``9`` followed by nine digits, after an optional ``0``, ``98``,
``+98`` or ``0098`` — never by an operator-prefix list, which goes stale (case ``0996…``).
"""

from __future__ import annotations

import re

from desktop.rules.normalize import remove_separators
from desktop.rules.result import Parsed

FIELD = "mobile"

# Parentheses are dropped too: "+98 (912) 123 4567" is a common printed form.
_MOBILE = re.compile(r"(?:\+98|0098|98|0)?(9[0-9]{9})")


def parse_mobile(raw: str) -> Parsed:
    """Validate a mobile number; value ``"09XXXXXXXXX"`` (11 ASCII digits).

    Accepts ``09…``, ``+989…``, ``00989…``, ``989…`` and ``9…`` in any digit form, with spaces,
    dashes or parentheses. Codes: ``required``, ``format`` (anything else, landlines included).
    """
    number = remove_separators(raw).replace("(", "").replace(")", "")
    if not number:
        return Parsed.refuse(FIELD, "required")
    match = _MOBILE.fullmatch(number)
    if match is None:
        return Parsed.refuse(FIELD, "format")
    return Parsed.accept("0" + match.group(1))
