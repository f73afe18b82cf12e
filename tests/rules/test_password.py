"""Password rules: every unmet rule at once, characters, personal info, the repeat."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.rules.errors import CODES
from desktop.rules.fields import check_password, check_password_confirm

PERSON = {"first_name": "علی", "last_name": "رضایی", "national_code": "0499370899"}
ALLOWED = string.ascii_letters + string.digits + "&/$#!"


def codes(password: str, **person: str) -> set[str]:
    return set(check_password(password, **(person or PERSON)).codes)


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("", {"required"}),
        ("abc", {"needs_upper", "needs_digit", "too_short"}),
        ("Abcdef1گ", {"latin_only"}),
        ("Abcdef1@", {"invalid_char"}),
        ("Abcdefg1 ", {"invalid_char"}),
        (" Abcdefg1", {"invalid_char", "starts_with_letter"}),
        ("1Abcdefg", {"starts_with_letter"}),
        ("!Abcdefg1", {"starts_with_letter"}),
        ("ABCDEFG1", {"needs_lower"}),
        ("Abcdefgh", {"needs_digit"}),
        ("12345678", {"starts_with_letter", "needs_upper", "needs_lower"}),
        ("گگگگ", {"latin_only", "needs_upper", "needs_lower", "needs_digit", "too_short"}),
        ("Abcdef۱۲", {"latin_only", "needs_digit"}),  # Persian digits are not ASCII digits
        ("Abcdefgh١", {"latin_only", "needs_digit"}),
        ("Абвгдеж1", {"latin_only", "needs_upper", "needs_lower"}),  # Cyrillic looks Latin
        ("Abcdef1\u200c", {"invalid_char"}),  # ZWNJ is a character, not a letter
        ("Abcdef1\u064e", {"invalid_char"}),  # a haraka
        ("Abc-def1", {"invalid_char"}),
        ("Ab&c/d$e1", set()),
        ("Abc#def1!", set()),
        ("Abcdefg1", set()),
    ],
)
def test_every_unmet_rule_is_reported(password, expected):
    assert codes(password) == expected


def test_codes_come_in_spec_order_without_repeats():
    result = check_password("۱ x", **PERSON).codes
    assert list(result) == [c for c in CODES["password"] if c in result]
    assert len(result) == len(set(result))


def test_too_short_carries_the_minimum():
    (error,) = [e for e in check_password("Ab1", **PERSON).errors if e.code == "too_short"]
    assert error.params == {"min": 8}
    assert error.field == "password"


def test_password_is_kept_exactly_as_typed():
    assert check_password("Abcdefg1", **PERSON).value == "Abcdefg1"
    # Never normalised: a trailing space is refused, not trimmed; case is kept.
    assert check_password("ABCdefg1", **PERSON).value == "ABCdefg1"


@pytest.mark.parametrize(
    "password",
    ["Ab0499370899", "Ab۰۴۹۹۳۷۰۸۹۹", "Ab٠٤٩٩٣٧٠٨٩٩", "X0499370899y", "Ab0499370899!"],
)
def test_national_code_in_any_digit_form(password):
    assert "contains_personal_info" in codes(password)


def test_national_code_given_in_any_form_is_recognised():
    person = dict(PERSON, national_code="۰۴۹-۹۳۷۰۸۹-۹")
    assert "contains_personal_info" in codes("Ab0499370899", **person)


def test_partial_national_code_is_not_personal_info():
    assert "contains_personal_info" not in codes("Ab049937089x")


@pytest.mark.parametrize(
    ("password", "person"),
    [
        ("Rezaei1990", PERSON),
        ("Sara2024x", {"first_name": "سارا", "last_name": "احمدی"}),
        ("xMohammad1", {"first_name": "محمد", "last_name": "کاظمی"}),
        ("Kazemi1990", {"first_name": "محمد", "last_name": "كاظمي"}),  # Arabic letters in the name
        ("Hossein12", {"first_name": "محمد‌حسین", "last_name": "کاظمی"}),
    ],
)
def test_names_in_latin_letters(password, person):
    assert codes(password, **person) == {"contains_personal_info"}


def test_name_typed_in_persian_inside_the_password():
    assert codes("Abcdef1رضایی") == {"latin_only", "contains_personal_info"}


def test_zebra_passes_for_ali_rezaei():
    assert check_password("Zebra2024x", **PERSON).ok


def test_without_personal_data_only_the_form_is_checked():
    assert check_password("Rezaei1990").ok
    assert check_password("Ab0499370899").ok


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_any_text_gives_known_codes_and_never_raises(password):
    parsed = check_password(password, **PERSON)
    assert set(parsed.codes) <= set(CODES["password"])
    assert parsed.ok == (parsed.value == password)
    if password == "":
        assert parsed.codes == ("required",)


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(ALLOWED), min_size=1, max_size=20))
def test_allowed_characters_never_give_character_codes(password):
    assert not {"latin_only", "invalid_char"} & set(check_password(password).codes)


def test_confirm_must_match_exactly():
    assert check_password_confirm("Abcdefg1", "Abcdefg1").ok
    for typed in ("abcdefg1", "Abcdefg1 ", " Abcdefg1", ""):
        parsed = check_password_confirm("Abcdefg1", typed)
        assert parsed.codes == ("mismatch",)
        assert parsed.errors[0].field == "password_confirm"
