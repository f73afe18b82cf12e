"""Password strength meter: zxcvbn level, percent in the level's band, Persian label."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.rules.strength import Strength, password_strength

PERSON = ["علی", "رضایی", "0499370899", "09121234567"]
LABELS = ["خیلی ضعیف", "ضعیف", "متوسط", "قوی", "خیلی قوی"]


def test_empty_password():
    assert password_strength("") == Strength(0, 0, "خیلی ضعیف")


@pytest.mark.parametrize(
    ("password", "level"),
    [("abc", 0), ("password1", 0), ("Abcdefg1", 1), ("Zebra2024x", 3), ("xK9#mQ2!vLp7$wR4", 4)],
)
def test_levels_follow_zxcvbn(password, level):
    strength = password_strength(password, PERSON)
    assert strength.level == level
    assert strength.label == LABELS[level]


def test_the_persons_own_data_weakens_the_password():
    assert password_strength("Xq0499370899", PERSON).level < password_strength("Xq0499370899").level
    # A Latin spelling of the Persian last name caps the meter at "weak".
    capped = password_strength("Rezaei1990", PERSON)
    assert capped.level == 1 and capped.percent < 40
    assert password_strength("Rezaei1990").level >= 2


def test_english_labels():
    assert password_strength("xK9#mQ2!vLp7$wR4", lang="en").label == "very strong"


def test_very_long_passwords_are_estimated_not_refused():
    assert password_strength("Ab1!" * 100).percent <= 100


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_percent_lies_in_the_levels_band(password):
    s = password_strength(password, PERSON)
    assert 0 <= s.level <= 4 and 0 <= s.percent <= 100
    assert 20 * s.level <= s.percent <= (100 if s.level == 4 else 20 * s.level + 19)
    assert s.label == LABELS[s.level]
