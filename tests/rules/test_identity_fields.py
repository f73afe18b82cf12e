"""National code, mobile, names, gender, birth-certificate number, email: each kind of fault."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.rules.fields import (
    parse_birth_certificate_number,
    parse_email,
    parse_first_name,
    parse_gender,
    parse_last_name,
    parse_mobile,
    parse_national_code,
)
from desktop.rules.national_code import check_digit
from desktop.rules.normalize import ZWNJ

TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
TO_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DIGIT_FORMS = [
    lambda s: s,
    lambda s: s.translate(TO_PERSIAN),
    lambda s: s.translate(TO_ARABIC_INDIC),
]


# --- national code -----------------------------------------------------------------------------
@pytest.mark.parametrize("form", DIGIT_FORMS)
@pytest.mark.parametrize("code", ["0499370899", "7400076205", "0012345679", "0067749828"])
def test_valid_national_codes_in_every_digit_form(form, code):
    assert parse_national_code(form(code)).value == code


@pytest.mark.parametrize(
    "typed",
    ["049-937089-9", " 0499370899 ", "049 937 0899", "\u200f0499370899\u200e", "049–9370899"],
)
def test_national_code_separators_and_marks(typed):
    assert parse_national_code(typed).value == "0499370899"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "required"),
        ("   ", "required"),
        ("\u200f", "required"),
        ("04993708a9", "not_digits"),
        ("0499.370899", "not_digits"),
        ("۰۴۹۹۳۷۰۸۹X", "not_digits"),
        ("499370899", "length"),
        ("04993708990", "length"),
        ("1234567890", "checksum"),
        ("0499370898", "checksum"),
    ],
)
def test_national_code_refusals(typed, code):
    assert parse_national_code(typed).codes == (code,)


@pytest.mark.parametrize("digit", "0123456789")
def test_every_repeated_digit_code_passes_checksum_but_is_refused(digit):
    code = digit * 10
    assert check_digit(code[:9]) == int(digit)  # so the order of the checks matters
    assert parse_national_code(code).codes == ("repeated_digits",)


_nine_digits = st.text(st.sampled_from("0123456789"), min_size=9, max_size=9)


@settings(max_examples=200, deadline=None)
@given(_nine_digits)
def test_only_the_correct_check_digit_is_accepted(first_nine):
    right = check_digit(first_nine)
    for last in range(10):
        parsed = parse_national_code(f"{first_nine}{last}")
        repeated = f"{first_nine}{last}" == first_nine[0] * 10
        if last == right and not repeated:
            assert parsed.value == f"{first_nine}{last}"
        elif last == right:
            assert parsed.codes == ("repeated_digits",)
        else:
            assert parsed.codes == ("checksum",)


def test_check_digit_known_value():
    # 049937089 → s = 0·10+4·9+9·8+9·7+3·6+7·5+0·4+8·3+9·2 = 266, 266 mod 11 = 2, 11 − 2 = 9
    assert check_digit("049937089") == 9


# --- mobile ------------------------------------------------------------------------------------
@pytest.mark.parametrize("form", DIGIT_FORMS)
@pytest.mark.parametrize(
    "typed",
    [
        "09121234567",
        "+989121234567",
        "00989121234567",
        "989121234567",
        "9121234567",
        "0912 123 4567",
        "0912-123-4567",
        "+98 912 123 4567",
        "(0912) 123-4567",
        "\u200e+989121234567\u200e",
    ],
)
def test_every_mobile_form_becomes_09(form, typed):
    assert parse_mobile(form(typed)).value == "09121234567"


@pytest.mark.parametrize("prefix", ["0901", "0910", "0919", "0930", "0990", "0996", "0999"])
def test_mobile_judged_by_structure_not_operator_list(prefix):
    assert parse_mobile(prefix + "1234567").value == prefix + "1234567"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "required"),
        (" - ", "required"),
        ("0912123456", "format"),
        ("091212345678", "format"),
        ("02112345678", "format"),
        ("+982112345678", "format"),
        ("+19121234567", "format"),
        ("0912123456a", "format"),
        ("08121234567", "format"),
    ],
)
def test_mobile_refusals(typed, code):
    assert parse_mobile(typed).codes == (code,)


# --- names -------------------------------------------------------------------------------------
@pytest.mark.parametrize("parse", [parse_first_name, parse_last_name])
def test_names_normalised(parse):
    assert parse("علي").value == "علی"
    assert parse("كاظمي").value == "کاظمی"
    assert parse(f"محمد{ZWNJ}حسین").value == f"محمد{ZWNJ}حسین"
    assert parse("  محمد   حسین ").value == "محمد حسین"
    assert parse("\u202bزهرا\u202c").value == "زهرا"
    assert parse("ﻋﻠﻲ").value == "علی"
    for letter_name in ("آرش", "رئیسی", "مؤمن", "أحمدی", "إلهام", "سپیدۀ", "جزء"):
        assert parse(letter_name).value == letter_name


@pytest.mark.parametrize("parse", [parse_first_name, parse_last_name])
def test_name_length_counts_characters_after_normalisation(parse):
    assert parse("ا" * 30).ok
    assert parse("ا" * 31).codes == ("too_long",)
    assert parse("ا" * 30 + "ـــ" + "\u064e").ok  # tatweel and harakat do not count
    zwnj_name = "ا" * 15 + ZWNJ + "ب" * 14  # 30 with the ZWNJ
    assert parse(zwnj_name).ok
    assert parse(zwnj_name + "ب").codes == ("too_long",)


@pytest.mark.parametrize("parse", [parse_first_name, parse_last_name])
@pytest.mark.parametrize("typed", ["Ali", "علی2", "علی۲", "علی-رضا", "علی.", "عليA", "ة"])
def test_non_persian_names_refused(parse, typed):
    assert parse(typed).codes == ("not_persian",)


@pytest.mark.parametrize("parse", [parse_first_name, parse_last_name])
def test_name_code_order(parse):
    assert parse("").codes == ("required",)
    assert parse("\u200c\u200f ").codes == ("required",)
    assert parse("A" * 31).codes == ("too_long",)  # too_long comes before not_persian
    assert parse("A").errors[0].field == parse.__name__.removeprefix("parse_")


# --- gender ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "value"),
    [("male", "male"), ("FEMALE", "female"), (" m ", "male"), ("f", "female"),
     ("مرد", "male"), ("زن", "female"), ("مؤنث", "female"), ("خانم", "female")],
)  # fmt: skip
def test_gender(typed, value):
    assert parse_gender(typed).value == value


@pytest.mark.parametrize("typed", ["", "x", "unknown", "1"])
def test_gender_refusals(typed):
    assert parse_gender(typed).codes == ("required",)


# --- birth-certificate number ------------------------------------------------------------------
@pytest.mark.parametrize("form", DIGIT_FORMS)
def test_birth_certificate_number_digits(form):
    assert parse_birth_certificate_number(form("12345")).value == "12345"
    assert parse_birth_certificate_number(form("00123")).value == "00123"  # as typed
    assert parse_birth_certificate_number(form("1" * 15)).value == "1" * 15


def test_birth_certificate_number_may_equal_the_national_code():
    parsed = parse_birth_certificate_number("0499370899", national_code="0499370899")
    assert parsed.value == "0499370899"


@pytest.mark.parametrize(
    ("typed", "code"),
    [("", "required"), ("1" * 16, "too_long"), ("12a45", "not_digits"), ("۱۲/ب", "not_digits"),
     ("0", "zero"), ("000", "zero"), ("۰", "zero"), ("0" * 16, "too_long")],
)  # fmt: skip
def test_birth_certificate_number_refusals(typed, code):
    assert parse_birth_certificate_number(typed).codes == (code,)


# --- email -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "value"),
    [("", ""), ("  ", ""), ("user@example.com", "user@example.com"),
     (" user@example.com\u200f", "user@example.com"), ("User@Example.COM", "User@example.com"),
     ("a.b+c@sub.example.ir", "a.b+c@sub.example.ir")],
)  # fmt: skip
def test_email_accepted(typed, value):
    assert parse_email(typed).value == value


@pytest.mark.parametrize(
    "typed", ["user@@example.com", "user", "user@", "@example.com", "user@localhost", "a b@c.com"]
)
def test_email_refused(typed):
    assert parse_email(typed).codes == ("format",)
