"""Birth date: every month length, leap years, future and 120-year limits, Tehran's today."""

from __future__ import annotations

import datetime as dt

import jdatetime
import pytest

from desktop.rules.birth_date import format_jalali, parse_jalali, tehran_today
from desktop.rules.fields import parse_birth_date

TODAY = jdatetime.date(1405, 9, 9)
MONTH_LENGTHS = [31] * 6 + [30] * 5  # Farvardin..Shahrivar, Mehr..Bahman; Esfand: 29 or 30


@pytest.mark.parametrize("month", range(1, 12))
def test_every_month_length(month):
    length = MONTH_LENGTHS[month - 1]
    assert parse_birth_date(f"1370/{month:02d}/{length}", today=TODAY).ok
    assert parse_birth_date(f"1370/{month:02d}/{length + 1}", today=TODAY).codes == ("invalid",)
    assert parse_birth_date(f"1370/{month:02d}/00", today=TODAY).codes == ("invalid",)


@pytest.mark.parametrize(
    ("year", "leap"),
    [(1395, True), (1396, False), (1398, False), (1399, True), (1400, False), (1402, False),
     (1403, True), (1404, False), (1407, False), (1408, True), (1409, False)],
)  # fmt: skip
def test_esfand_30_only_in_leap_years(year, leap):
    far_today = jdatetime.date(1410, 1, 1)
    assert parse_birth_date(f"{year}/12/29", today=far_today).ok
    parsed = parse_birth_date(f"{year}/12/30", today=far_today)
    assert parsed.ok is leap
    assert parsed.codes == (() if leap else ("invalid",))


@pytest.mark.parametrize(
    "typed",
    ["1365/06/31", "۱۳۶۵/۰۶/۳۱", "١٣٦٥/٠٦/٣١", "1365/6/31", "1365-06-31", " 1365 / 06 / 31 ",
     "\u200f1365/06/31\u200f", (1365, 6, 31), jdatetime.date(1365, 6, 31)],
)  # fmt: skip
def test_every_input_form_gives_the_stored_form(typed):
    assert parse_birth_date(typed, today=TODAY).value == "1365/06/31"


@pytest.mark.parametrize(
    ("typed", "code"),
    [("", "required"), ("  ", "required"), ((), "required"), ("1365/06", "invalid"),
     ("65/06/31", "invalid"), ("1365/13/01", "invalid"), ("1375/00/10", "invalid"),
     ("abcd/ef/gh", "invalid"), ((1365, 6), "invalid"), ((1365, 6, "x"), "invalid"),
     ((0, 1, 1), "invalid"), ((10**20, 1, 1), "invalid")],
)  # fmt: skip
def test_refusals(typed, code):
    assert parse_birth_date(typed, today=TODAY).codes == (code,)


def test_today_is_allowed_and_tomorrow_is_in_future():
    assert parse_birth_date("1405/09/09", today=TODAY).ok
    assert parse_birth_date("1405/09/10", today=TODAY).codes == ("in_future",)
    assert parse_birth_date("1406/01/01", today=TODAY).codes == ("in_future",)


def test_120_years_limit():
    assert parse_birth_date("1285/09/09", today=TODAY).ok
    parsed = parse_birth_date("1285/09/08", today=TODAY)
    assert parsed.codes == ("too_old",)
    assert parsed.errors[0].params == {"years": 120}


def test_120_years_before_esfand_30_of_a_leap_year():
    # 1403/12/30 minus 120 years: 1283 is not leap, so the limit is 1283/12/29.
    today = jdatetime.date(1403, 12, 30)
    assert not jdatetime.date(1283, 1, 1).isleap()
    assert parse_birth_date("1283/12/29", today=today).ok
    assert parse_birth_date("1283/12/28", today=today).codes == ("too_old",)


def test_today_as_text():
    assert parse_birth_date("1405/09/10", today="1405/09/10").ok
    assert parse_birth_date("1405/09/10", today="۱۴۰۵/۰۹/۰۹").codes == ("in_future",)


def test_tehran_today_crosses_midnight_before_utc():
    # 20:45 UTC on 2025-03-20 is 00:15 on 2025-03-21 in Tehran (UTC+3:30): Nowruz 1404.
    utc_evening = dt.datetime(2025, 3, 20, 20, 45, tzinfo=dt.UTC)
    assert tehran_today(utc_evening) == jdatetime.date(1404, 1, 1)
    assert tehran_today(utc_evening - dt.timedelta(hours=1)) == jdatetime.date(1403, 12, 30)


def test_default_today_is_tehran_today():
    today = tehran_today()
    assert parse_birth_date(format_jalali(today)).ok
    tomorrow = jdatetime.date.fromgregorian(date=today.togregorian() + dt.timedelta(days=1))
    assert parse_birth_date(format_jalali(tomorrow)).codes == ("in_future",)


def test_parse_and_format_jalali():
    assert format_jalali(parse_jalali("۱۴۰۳/۱/۵")) == "1403/01/05"
    with pytest.raises(ValueError):
        parse_jalali("1404/12/30")
