"""Jalali date conversions and display for the widgets, with jdatetime as the source of truth.

``QCalendar(Jalali)`` agrees with the official calendar only up to 1435 (NOTES.md), so a QDate
is never turned into a Jalali triple by Qt's calendar here: the QDate's Gregorian day goes
through jdatetime. Display strings use Persian digits; values for the rules use ints/ASCII.
"""

from __future__ import annotations

import datetime as dt
import re

import jdatetime
from PySide6.QtCore import QDate

from desktop.rules.birth_date import TEHRAN
from desktop.rules.normalize import normalize_text
from desktop.views.widgets.style import to_persian_digits

JalaliTriple = tuple[int, int, int]

# Year first, as Persian users write it; "/", "-", "." or the Arabic decimal separator "٫"
# (typed by the Persian keyboard's "." key) between parts. Compact "14031230" is accepted too.
_TRIPLE = re.compile(r"([0-9]{4})[/\-.\u066b]([0-9]{1,2})[/\-.\u066b]([0-9]{1,2})")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")


def parse_triple(text: str) -> JalaliTriple | None:
    """``"۱۴۰۳/۱۲/۳۰"`` or ``"1403-12-30"`` → ``(1403, 12, 30)``; None when not that shape.

    Any digit script (normalised by :func:`desktop.rules.normalize.normalize_text`), spaces
    ignored. The triple is NOT checked against the calendar: ``1404/12/30`` gives
    ``(1404, 12, 30)`` so the rules can report ``invalid`` instead of a silent correction.
    """
    cleaned = normalize_text(text).replace(" ", "")
    match = _TRIPLE.fullmatch(cleaned) or _COMPACT.fullmatch(cleaned)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    return year, month, day


def format_triple(year: int, month: int, day: int) -> str:
    """``(1403, 12, 30)`` → ``"۱۴۰۳/۱۲/۳۰"``: zero-padded, year first, Persian digits."""
    return to_persian_digits(f"{year:04d}/{month:02d}/{day:02d}")


def jalali_to_qdate(year: int, month: int, day: int) -> QDate:
    """The QDate of a Jalali day, converted by jdatetime. Raises ValueError if it does not exist."""
    gregorian = jdatetime.date(year, month, day).togregorian()
    return QDate(gregorian.year, gregorian.month, gregorian.day)


def qdate_to_jalali(date: QDate) -> JalaliTriple:
    """The Jalali ``(year, month, day)`` of a QDate (a calendar-free day), by jdatetime."""
    # QDate.year()/month()/day() without a calendar are Gregorian (NOTES.md).
    gregorian = dt.date(date.year(), date.month(), date.day())
    jalali = jdatetime.date.fromgregorian(date=gregorian)
    return jalali.year, jalali.month, jalali.day


def format_jalali_datetime(moment: dt.datetime) -> str:
    """An aware datetime as Tehran wall time, ``"۱۴۰۳/۱۲/۳۰ ۱۴:۰۵"`` (Persian digits).

    A naive datetime is taken as UTC (the service's clock is UTC).
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(TEHRAN)
    date = jdatetime.date.fromgregorian(date=local.date())
    time = to_persian_digits(local.strftime("%H:%M"))
    return f"{format_triple(date.year, date.month, date.day)} {time}"
