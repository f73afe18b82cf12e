"""The verification decision, without a database."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.service.interface import Gender, RegistrationState
from desktop.service.simulator.matching import decide, name_key
from desktop.service.simulator.registry import RegistryRecord

PERSON = RegistryRecord(
    national_code="0499370899",
    first_name="محمد\u200cحسین",
    last_name="آقایی",
    gender=Gender.MALE,
    birth_certificate_number="1234",
    birth_date="1360/01/09",
)


@dataclasses.dataclass
class Claim:
    national_code: str = PERSON.national_code
    mobile: str = "09121234567"
    first_name: str = PERSON.first_name
    last_name: str = PERSON.last_name
    gender: str = "male"
    birth_certificate_number: str = "1234"
    birth_date: str = "1360/01/09"


def test_the_three_outcomes():
    owner = PERSON.national_code
    assert decide(Claim(), PERSON, owner) is RegistrationState.ACTIVATED
    assert decide(Claim(), PERSON, "0067749828") is RegistrationState.BRANCH_VISIT_REQUIRED
    assert decide(Claim(), PERSON, None) is RegistrationState.BRANCH_VISIT_REQUIRED
    assert decide(Claim(), None, owner) is RegistrationState.IDENTITY_MISMATCH


@pytest.mark.parametrize(
    "field,value",
    [
        ("first_name", "محمد"),
        ("last_name", "آقائی"),
        ("gender", "female"),
        ("birth_certificate_number", "12345"),
        ("birth_date", "1360/01/10"),
    ],
)
def test_one_different_field_is_a_mismatch(field, value):
    claim = Claim(**{field: value})
    assert decide(claim, PERSON, PERSON.national_code) is RegistrationState.IDENTITY_MISMATCH


@pytest.mark.parametrize(
    "typed", ["محمد\u200cحسین", "محمد حسین", "محمدحسین", "مُحمّد\u200c\u200cحسين", " محمد‌ـحسین "]
)
def test_a_name_matches_however_its_joiner_and_letters_were_typed(typed):
    assert name_key(typed) == name_key(PERSON.first_name)
    claim = Claim(first_name=typed, birth_date="۱۳۶۰/۰۱/۰۹")
    assert decide(claim, PERSON, PERSON.national_code) is RegistrationState.ACTIVATED


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["", " ", "\u200c", "\u200f", "\u0640"]), min_size=7, max_size=7))
def test_name_key_ignores_joiners_spaces_and_marks_between_letters(separators):
    letters = "محمدحسین"
    typed = letters[0] + "".join(sep + ch for sep, ch in zip(separators, letters[1:], strict=True))
    assert name_key(typed) == name_key("محمد\u200cحسین") == letters
