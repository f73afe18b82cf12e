"""The optional email address (ایمیل).

Syntax only, by email-validator (RFC 5321/5322 and RFC 6531 for internationalised addresses)
with ``check_deliverability=False``: the desk may be offline, and a DNS look-up per keystroke
would leak what is typed.
"""

from __future__ import annotations

from desktop.rules.normalize import FORMAT_CHARS
from desktop.rules.result import Parsed

FIELD = "email"
_STRIP_FORMAT = dict.fromkeys(FORMAT_CHARS)


def parse_email(raw: str) -> Parsed:
    """Validate an optional email; value: email-validator's normalised address, ``""`` if empty.

    Only bidi and other format marks are removed and the ends trimmed before the check (an RTL
    field adds them); letters and digits are left as typed, since the address is the user's.
    Code: ``format``.
    """
    text = raw.translate(_STRIP_FORMAT).strip()
    if not text:
        return Parsed.accept("")
    # Imported on the first address: email-validator brings idna's tables (~1 MiB), which a
    # desk whose applicants leave the optional email empty never needs.
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return Parsed.refuse(FIELD, "format")
    return Parsed.accept(result.normalized)
