"""Jalali conversions and display helpers, checked against /work/shared/cases/dates.json."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from desktop.views.widgets.jalali import (
    format_jalali_datetime,
    format_triple,
    jalali_to_qdate,
    parse_triple,
    qdate_to_jalali,
)

# Copied from cases/dates.json ("from the official Iranian calendar").
DATES = [
    ("1403/12/30", "2025-03-20", "Thursday"),
    ("1404/01/01", "2025-03-21", "Friday"),
    ("1399/12/30", "2021-03-20", "Saturday"),
    ("1403/01/01", "2024-03-20", "Wednesday"),
    ("1404/12/29", "2026-03-20", "Friday"),
]
INVALID = ["1404/12/30", "1402/12/30", "1404/07/31", "1375/13/01"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _triple(text: str) -> tuple[int, int, int]:
    year, month, day = (int(part) for part in text.split("/"))
    return year, month, day


@pytest.mark.parametrize(("jalali", "gregorian", "weekday"), DATES)
def test_conversions_match_the_official_calendar(jalali, gregorian, weekday):
    qdate = jalali_to_qdate(*_triple(jalali))
    assert qdate == QDate.fromString(gregorian, "yyyy-MM-dd")
    assert WEEKDAYS[qdate.dayOfWeek() - 1] == weekday
    assert qdate_to_jalali(qdate) == _triple(jalali)


@pytest.mark.parametrize("jalali", INVALID)
def test_days_that_do_not_exist_are_refused_by_conversion(jalali):
    with pytest.raises(ValueError):
        jalali_to_qdate(*_triple(jalali))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1403/12/30", (1403, 12, 30)),
        ("۱۴۰۳/۱۲/۳۰", (1403, 12, 30)),
        ("١٤٠٣/١٢/٣٠", (1403, 12, 30)),
        (" 1403 / 1 / 9 ", (1403, 1, 9)),
        ("1403-12-30", (1403, 12, 30)),
        ("1403.12.30", (1403, 12, 30)),
        ("۱۴۰۳٫۱۲٫۳۰", (1403, 12, 30)),
        ("14031230", (1403, 12, 30)),
        ("1404/12/30", (1404, 12, 30)),  # kept for the rules to call invalid
        ("1375/13/01", (1375, 13, 1)),
        ("", None),
        ("1403/12", None),
        ("03/12/30", None),
        ("1403/123/1", None),
        ("abcd/ef/gh", None),
    ],
)
def test_parse_triple_reads_any_digits_without_correcting(text, expected):
    assert parse_triple(text) == expected


def test_format_triple_pads_and_uses_persian_digits():
    assert format_triple(1403, 1, 9) == "۱۴۰۳/۰۱/۰۹"
    assert format_triple(1404, 12, 30) == "۱۴۰۴/۱۲/۳۰"


def test_datetime_is_shown_in_tehran_time_and_jalali():
    # 20:35 UTC on 2025-03-20 is 00:05 on Nowruz 1404 in Tehran (UTC+03:30, no DST since 2022).
    moment = dt.datetime(2025, 3, 20, 20, 35, tzinfo=dt.UTC)
    assert format_jalali_datetime(moment) == "۱۴۰۴/۰۱/۰۱ ۰۰:۰۵"
    # A naive time is UTC (the service's clock).
    assert format_jalali_datetime(moment.replace(tzinfo=None)) == "۱۴۰۴/۰۱/۰۱ ۰۰:۰۵"
