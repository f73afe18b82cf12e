"""Which language an error message is written in: Persian unless the desk asks for English."""

from __future__ import annotations

SUPPORTED = ("fa", "en")
DEFAULT = "fa"


def language_of(accept_language: str | None) -> str:
    """``"en"`` or ``"fa"`` from an ``Accept-Language`` header (RFC 9110 §12.5.4): the
    supported language with the highest quality, Persian when none is named or on a tie."""
    best, best_q = DEFAULT, 0.0
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in SUPPORTED:
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > best_q or (q == best_q and primary == DEFAULT):
            best, best_q = primary, q
    return best
