"""The recovery code's remaining validity, as the code step shows it (``۱۹:۵۹``).

Pure Python: the times come from the service's clock (the one that counts: SPEC, a code is
valid 20 minutes from its creation), never from the desk's own clock.
"""

from __future__ import annotations

import datetime as dt
import math

from desktop.views.widgets.style import to_persian_digits


def remaining_seconds(until: dt.datetime, now: dt.datetime) -> int:
    """Whole seconds from ``now`` to ``until`` (both aware), rounded up, never below 0.

    Rounded up so the display never reaches ``00:00`` while the service still accepts the
    code: at 19 min 59.2 s after sending it reads ``00:01``, at exactly 20 min ``00:00``.
    """
    return max(0, math.ceil((until - now).total_seconds()))


def format_mm_ss(seconds: int) -> str:
    """``1200`` → ``"۲۰:۰۰"``; minutes may exceed 59 (``3600`` → ``"۶۰:۰۰"``). Persian digits
    for display only; negative values show as ``۰۰:۰۰``."""
    minutes, rest = divmod(max(0, int(seconds)), 60)
    return to_persian_digits(f"{minutes:02d}:{rest:02d}")
