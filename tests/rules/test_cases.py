"""Every shared acceptance case (copied into tests/rules/data) against the rules."""

from __future__ import annotations

import datetime as dt

import jdatetime
import pytest

from desktop.rules.birth_date import format_jalali, parse_jalali
from desktop.rules.fields import parse_birth_date, parse_field

from .conftest import CASES_TODAY, load_cases

FIELD_CASES = load_cases("fields.json")["cases"]
DATES = load_cases("dates.json")


def _case_id(case: dict) -> str:
    return f"{case['field']}:{case['input']!r}"


@pytest.mark.parametrize("case", FIELD_CASES, ids=[_case_id(c) for c in FIELD_CASES])
def test_field_case(case):
    parsed = parse_field(case["field"], case["input"], **case.get("context", {}))
    expect = case["expect"]
    if "value" in expect:
        assert parsed.errors == ()
        assert parsed.ok
        assert parsed.value == expect["value"]
    else:
        assert parsed.value is None
        assert not parsed.ok
        codes = [e.code for e in parsed.errors]
        assert sorted(codes) == sorted(expect["errors"])  # the exact set, no repeats
        assert {e.field for e in parsed.errors} == {case["field"]}


def test_every_field_case_file_entry_is_run():
    # The suite must not silently shrink if the data file is edited.
    assert len(FIELD_CASES) == 56


@pytest.mark.parametrize("case", DATES["cases"], ids=[c["jalali"] for c in DATES["cases"]])
def test_jalali_gregorian_and_weekday_agree_with_jdatetime(case):
    jalali = parse_jalali(case["jalali"])
    gregorian = dt.date.fromisoformat(case["gregorian"])
    assert jalali.togregorian() == gregorian
    assert jdatetime.date.fromgregorian(date=gregorian) == jalali
    assert gregorian.strftime("%A") == case["weekday"]
    assert jalali.togregorian().weekday() == gregorian.weekday()
    assert parse_birth_date(case["jalali"], today=CASES_TODAY).value == format_jalali(jalali)


@pytest.mark.parametrize("text", DATES["invalid_jalali"])
def test_invalid_jalali_dates_are_refused(text):
    assert parse_birth_date(text, today=CASES_TODAY).codes == ("invalid",)
    with pytest.raises(ValueError):
        parse_jalali(text)
