"""Normalisation: every digit form, letter variant, mark; NFKC safety; idempotency."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desktop.rules.normalize import (
    FORMAT_CHARS,
    ZWNJ,
    normalize_answer,
    normalize_digits,
    normalize_name,
    normalize_text,
    remove_separators,
)

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
FULLWIDTH_DIGITS = "０１２３４５６７８９"
BIDI_MARKS = ["\u200e", "\u200f", "\u061c", *map(chr, range(0x202A, 0x202F)),
              *map(chr, range(0x2066, 0x206A))]  # fmt: skip
HARAKAT = [chr(cp) for cp in range(0x064B, 0x0653)]


@pytest.mark.parametrize("digits", [PERSIAN_DIGITS, ARABIC_INDIC_DIGITS, FULLWIDTH_DIGITS])
def test_every_digit_form_becomes_ascii(digits):
    assert normalize_digits(digits) == "0123456789"
    assert normalize_text(digits) == "0123456789"


def test_every_unicode_decimal_digit_becomes_its_ascii_value():
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if unicodedata.category(ch) == "Nd":
            assert normalize_digits(ch) == str(unicodedata.decimal(ch)), hex(cp)


def test_digits_only_change_digits():
    assert normalize_digits("۰۹۱۲-abc علی") == "0912-abc علی"


@pytest.mark.parametrize(
    ("arabic", "persian"),
    [("ي", "ی"), ("ى", "ی"), ("ك", "ک"), ("ڪ", "ک"), ("ە", "ه"), ("ہ", "ه")],
)
def test_arabic_letter_variants_become_persian(arabic, persian):
    assert normalize_text(f"ب{arabic}ب") == f"ب{persian}ب"


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("ﻋﻠﻲ", "علی"),  # isolated/initial/medial/final forms of ع ل ي
        ("ﯼ", "ی"),  # FARSI YEH isolated form
        ("ﮎﮏﮐﮑ", "کککک"),  # KEHEH in its four forms
        ("ﻙ", "ک"),  # ARABIC KAF form, then kaf → keheh
        ("ﻻ", "لا"),  # LAM-ALEF ligature
        ("ﺁ", "آ"),  # ALEF MADDA isolated form stays a madda letter
        ("ﺉ", "ئ"),  # YEH WITH HAMZA isolated form
    ],
)
def test_presentation_forms_are_folded(form, expected):
    assert normalize_text(form) == expected


def test_nfkc_keeps_hamza_and_madda_letters_whole():
    letters = "آأإؤئۀء"
    assert normalize_text(letters) == letters
    assert normalize_name(letters) == letters
    for ch in letters:
        # Still one precomposed code point, never letter + combining mark.
        assert len(normalize_text(ch)) == 1


def test_decomposed_madda_and_hamza_are_composed():
    assert normalize_text("ا\u0653رش") == "آرش"  # alef + combining madda
    assert normalize_text("ا\u0654") == "أ"
    assert normalize_text("ی\u0654") == "ئ"  # Persian keyboard's yeh + hamza above
    assert normalize_text("رئیسی") == normalize_text("ری\u0654یسی") == "رئیسی"
    assert normalize_text("خانه\u0654") == "خانۀ"  # heh + hamza above


def test_madda_survives_a_dropped_tatweel_or_haraka_between():
    assert normalize_text("ا\u0640\u0653") == "آ"
    assert normalize_text("ا\u064e\u0653") == "آ"


def test_nfkc_does_not_break_zwnj_in_names():
    name = f"محمد{ZWNJ}حسین"
    assert unicodedata.normalize("NFKC", name) == name
    assert normalize_name(name) == name


@pytest.mark.parametrize("mark", BIDI_MARKS)
def test_every_bidi_mark_is_removed(mark):
    assert normalize_text(f"{mark}0912{mark}123{mark}") == "0912123"
    assert normalize_name(f"{mark}علی{mark}") == "علی"


def test_every_format_character_but_zwnj_is_removed():
    everything = {cp for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) == "Cf"}
    assert everything == set(FORMAT_CHARS)  # the hard-coded list matches this Python's Unicode
    for cp in everything:
        assert normalize_text(f"ا{chr(cp)}ب") == "اب", hex(cp)
        expected = f"ا{ZWNJ}ب" if cp == ord(ZWNJ) else "اب"
        assert normalize_name(f"ا{chr(cp)}ب") == expected, hex(cp)


@pytest.mark.parametrize("haraka", [*HARAKAT, "\u0670", "\u0656"])
def test_harakat_and_vowel_signs_are_dropped(haraka):
    assert normalize_text(f"م{haraka}حمد") == "محمد"


def test_isolated_haraka_presentation_forms_leave_no_space():
    # NFKC alone turns U+FE70 (fathatan isolated) into " \u064b": a space inside the word.
    assert unicodedata.normalize("NFKC", "\ufe70").startswith(" ")
    assert normalize_text("مح\ufe70مد") == "محمد"
    assert normalize_text("مح\ufc5eمد") == "محمد"  # shadda + dammatan ligature


def test_tatweel_is_dropped():
    assert normalize_text("محـــــمد") == "محمد"


def test_spaces_are_collapsed_and_trimmed():
    assert normalize_text("  علی \t\n  رضا\u00a0\u2003 ") == "علی رضا"


def test_controls_are_dropped():
    assert normalize_text("09\x0012\x7f3") == "09123"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (f"محمد{ZWNJ}{ZWNJ}{ZWNJ}حسین", f"محمد{ZWNJ}حسین"),  # a run becomes one
        (f"{ZWNJ}علی{ZWNJ}", "علی"),  # none at the edges
        (f"محمد {ZWNJ}حسین", "محمد حسین"),  # none next to a space
        (f"محمد{ZWNJ} حسین", "محمد حسین"),
        (f"محمد {ZWNJ}{ZWNJ} حسین", "محمد حسین"),
        (f"{ZWNJ} علی", "علی"),
        (f"{ZWNJ} {ZWNJ}علی", "علی"),  # found by hypothesis: a ZWNJ behind a removed one
        (f"می{ZWNJ}خواهم", f"می{ZWNJ}خواهم"),
    ],
)
def test_names_keep_one_zwnj_where_typed(typed, expected):
    assert normalize_name(typed) == expected


def test_text_drops_zwnj_but_names_keep_it():
    assert normalize_text(f"محمد{ZWNJ}حسین") == "محمدحسین"


def test_answer_is_case_folded_and_normalised():
    assert normalize_answer("  TEHRAN ") == normalize_answer("tehran") == "tehran"
    assert normalize_answer("علي ۱۲") == normalize_answer("علی 12")
    assert normalize_answer("Straße") == normalize_answer("STRASSE")


def test_separators_removed():
    assert remove_separators("۰۴۹-۹۳۷۰۸۹–۹ ") == "0499370899"  # hyphen, en dash, space


_unicode_text = st.text(st.characters(codec="utf-8"), max_size=40)
_persianish = st.text(
    st.sampled_from(list("اآأإؤئۀءبپتیيىكکهە ‌ـ" + "\u064b\u064e\u0651\u0653\u0654\u200f۱٢3 ")),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_unicode_text, _persianish))
@example(f"{ZWNJ} {ZWNJ}3")
def test_normalisation_is_idempotent(s):
    for fn in (normalize_text, normalize_name, normalize_answer, normalize_digits):
        once = fn(s)
        assert fn(once) == once, fn.__name__


@settings(max_examples=200, deadline=None)
@given(st.one_of(_unicode_text, _persianish))
def test_normalised_text_has_no_marks_and_ascii_digits(s):
    out = normalize_text(s)
    assert out == out.strip()
    assert "  " not in out
    for ch in out:
        assert ord(ch) not in FORMAT_CHARS
        assert ch not in "يىك\u0640" and not ("\u064b" <= ch <= "\u0652")
        if unicodedata.category(ch) == "Nd":
            assert ch.isascii()
