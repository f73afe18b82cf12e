"""The birth date (تاریخ تولد), a Jalali date.

jdatetime is the source of truth for the calendar (it follows the official calendar: 1399,
1403 and 1408 are leap years, 1404 and 1407 are not; NOTES.md). "Today" is the civil date in
Asia/Tehran (zoneinfo + tzdata), so a desk abroad or a UTC clock near midnight agrees with Iran.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import jdatetime

from desktop.rules.normalize import normalize_text
from desktop.rules.result import Parsed

FIELD = "birth_date"
MAX_AGE_YEARS = 120
TEHRAN = ZoneInfo("Asia/Tehran")

_DATE = re.compile(r"([0-9]{4})[/\-.]([0-9]{1,2})[/\-.]([0-9]{1,2})")

JalaliInput = str | Sequence[int] | jdatetime.date


def tehran_today(now: dt.datetime | None = None) -> jdatetime.date:
    """The Jalali date in Asia/Tehran at ``now`` (an aware datetime; default: the system clock)."""
    moment = dt.datetime.now(TEHRAN) if now is None else now.astimezone(TEHRAN)
    return jdatetime.date.fromgregorian(date=moment.date())


def parse_jalali(text: str) -> jdatetime.date:
    """A ``"YYYY/MM/DD"`` Jalali date (any digits; ``/``, ``-`` or ``.``) as ``jdatetime.date``.

    Raises ValueError when the text is not of that shape or the day does not exist.
    """
    match = _DATE.fullmatch(normalize_text(text).replace(" ", ""))
    if match is None:
        raise ValueError(f"not a Jalali YYYY/MM/DD date: {text!r}")
    return jdatetime.date(*(int(part) for part in match.groups()))


def format_jalali(date: jdatetime.date) -> str:
    """``"YYYY/MM/DD"`` with ASCII digits, zero-padded (the stored form)."""
    return f"{date.year:04d}/{date.month:02d}/{date.day:02d}"


def _as_date(raw: JalaliInput) -> jdatetime.date | None:
    """The date in ``raw``, or None when it is not a real Jalali date."""
    try:
        if isinstance(raw, jdatetime.date):
            return raw
        if isinstance(raw, str):
            return parse_jalali(raw)
        year, month, day = (int(part) for part in raw)
        return jdatetime.date(year, month, day)
    except (ValueError, TypeError, OverflowError):
        return None


def _years_before(date: jdatetime.date, years: int) -> jdatetime.date:
    """The same month and day ``years`` earlier; Esfand 30 becomes 29 in a common year."""
    year = date.year - years
    day = date.day
    if date.month == 12 and day == 30 and not jdatetime.date(year, 1, 1).isleap():
        day = 29
    return jdatetime.date(year, date.month, day)


def _is_blank(raw: JalaliInput) -> bool:
    if isinstance(raw, str):
        return normalize_text(raw) == ""
    return raw is None or (not isinstance(raw, jdatetime.date) and len(raw) == 0)


def parse_birth_date(raw: JalaliInput, today: jdatetime.date | str | None = None) -> Parsed:
    """Validate a Jalali birth date; value ``"YYYY/MM/DD"`` (ASCII digits, zero-padded).

    ``raw``: ``"YYYY/MM/DD"`` in any digit form, a ``(year, month, day)`` tuple or a
    ``jdatetime.date``. ``today``: a ``jdatetime.date`` or ``"YYYY/MM/DD"`` (tests, the CLI's
    ``--today``), default :func:`tehran_today`. Codes, first that applies: ``required``,
    ``invalid`` (not a date that exists: 1404/12/30, 1370/07/31, month 13…), ``in_future``
    (after today), ``too_old`` (before the same day 120 years ago, param ``years``).
    """
    if _is_blank(raw):
        return Parsed.refuse(FIELD, "required")
    date = _as_date(raw)
    if date is None:
        return Parsed.refuse(FIELD, "invalid")
    if today is None:
        today = tehran_today()
    elif isinstance(today, str):
        today = parse_jalali(today)
    if date > today:
        return Parsed.refuse(FIELD, "in_future")
    if date < _years_before(today, MAX_AGE_YEARS):
        return Parsed.refuse(FIELD, "too_old", years=MAX_AGE_YEARS)
    return Parsed.accept(format_jalali(date))
