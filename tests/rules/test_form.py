"""The whole registration form in one call, and the identity check for the service."""

from __future__ import annotations

import dataclasses

from desktop.rules.form import RegistrationForm, validate_identity, validate_registration
from desktop.service.interface import Gender

from .conftest import CASES_TODAY

ANSWERS = (("favorite_color", "آبی"), ("birth_city", "تهران"), ("first_workplace", "کارخانه"))
GOOD = RegistrationForm(
    national_code="۰۴۹۹۳۷۰۸۹۹",
    mobile="+98 912 123 4567",
    first_name="علي",
    last_name="رضايي",
    gender="female",
    birth_certificate_number="0499370899",
    birth_date="۱۳۶۵/۰۶/۳۱",
    email="",
    password="Zebra2024x",
    password_confirm="Zebra2024x",
    questions=ANSWERS,
)


def test_a_good_form_gives_normalised_values_and_no_secret():
    result = validate_registration(GOOD, today=CASES_TODAY)
    assert result.ok and result.errors == ()
    assert result.values == {
        "national_code": "0499370899",
        "mobile": "09121234567",
        "first_name": "علی",
        "last_name": "رضایی",
        "gender": "female",
        "birth_certificate_number": "0499370899",
        "birth_date": "1365/06/31",
        "email": "",
        "security_questions": "favorite_color,birth_city,first_workplace",
    }
    flat = repr(result)
    assert "Zebra2024x" not in flat and "تهران" not in flat


def test_every_error_of_an_empty_form():
    result = validate_registration(RegistrationForm(), today=CASES_TODAY)
    assert not result.ok
    assert [(e.field, e.code) for e in result.errors] == [
        ("national_code", "required"),
        ("mobile", "required"),
        ("first_name", "required"),
        ("last_name", "required"),
        ("gender", "required"),
        ("birth_certificate_number", "required"),
        ("birth_date", "required"),
        ("password", "required"),
        ("security_questions", "required"),
    ]
    assert result.values == {"email": ""}


def test_the_password_is_checked_against_this_persons_data():
    form = dataclasses.replace(GOOD, password="Rezaei1990", password_confirm="Rezaei1990")
    result = validate_registration(form, today=CASES_TODAY)
    assert [(e.field, e.code) for e in result.errors] == [("password", "contains_personal_info")]
    assert result.errors_for("password")[0].code == "contains_personal_info"
    assert result.errors_for("mobile") == ()
    # The national code typed in Persian digits is still found in the password.
    form = dataclasses.replace(GOOD, password="Ab0499370899", password_confirm="Ab0499370899")
    assert validate_registration(form, today=CASES_TODAY).errors_for("password")


def test_all_password_codes_and_the_mismatch_together():
    form = dataclasses.replace(GOOD, password="abc", password_confirm="abd")
    result = validate_registration(form, today=CASES_TODAY)
    assert [e.code for e in result.errors] == [
        "needs_upper",
        "needs_digit",
        "too_short",
        "mismatch",
    ]


def test_future_birth_date_uses_the_given_today():
    form = dataclasses.replace(GOOD, birth_date="1405/09/10")
    assert validate_registration(form, today="1405/09/09").errors_for("birth_date")[0].code == (
        "in_future"
    )
    assert validate_registration(form, today="1405/09/10").ok


def test_identity_for_the_service_accepts_stored_values():
    result = validate_identity(
        national_code="0499370899",
        mobile="09121234567",
        first_name="علی",
        last_name="رضایی",
        gender=Gender.MALE,
        birth_certificate_number="12345",
        birth_date="1365/06/31",
        email="user@example.com",
        today=CASES_TODAY,
    )
    assert result.ok
    assert result.values["gender"] == "male"
    assert "password" not in result.values


def test_identity_reports_each_bad_field_once():
    result = validate_identity(
        national_code="1234567890",
        mobile="02112345678",
        first_name="Ali",
        last_name="رضایی",
        gender="x",
        birth_certificate_number="0",
        birth_date="1404/12/30",
        email="user@@example.com",
        today=CASES_TODAY,
    )
    assert [(e.field, e.code) for e in result.errors] == [
        ("national_code", "checksum"),
        ("mobile", "format"),
        ("first_name", "not_persian"),
        ("gender", "required"),
        ("birth_certificate_number", "zero"),
        ("birth_date", "invalid"),
        ("email", "format"),
    ]
