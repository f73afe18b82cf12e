"""No Unicode input makes any parser raise (hypothesis), and every code is in the vocabulary."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.rules.errors import CODES
from desktop.rules.fields import FIELD_PARSERS, parse_field, parse_security_questions
from desktop.rules.form import RegistrationForm, validate_registration

from .conftest import CASES_TODAY

TEXT_FIELDS = [f for f in FIELD_PARSERS if f != "security_questions"]
_text = st.one_of(
    st.text(max_size=40),
    st.text(
        st.sampled_from("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩ -+/()@.ابیيكک\u200c\u200f"), max_size=20
    ),
)
_context = st.fixed_dictionaries(
    {"first_name": _text, "last_name": _text, "national_code": _text, "password": _text}
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(TEXT_FIELDS), _text, _context)
def test_no_text_makes_a_parser_raise(field, raw, context):
    parsed = parse_field(field, raw, today=CASES_TODAY, **context)
    assert parsed.ok == (parsed.value is not None)
    for error in parsed.errors:
        assert error.field in CODES and error.code in CODES[error.field]
    if field != "password":
        assert len(parsed.errors) <= 1  # one code: the first that applies


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_text, _text), max_size=3))
def test_no_question_pairs_make_the_parser_raise(pairs):
    parsed = parse_security_questions(pairs)
    assert len(parsed.errors) <= 1
    assert all(e.code in CODES["security_questions"] for e in parsed.errors)


@settings(max_examples=100, deadline=None)
@given(st.lists(_text, min_size=10, max_size=10), st.lists(st.tuples(_text, _text), max_size=3))
def test_no_form_makes_validation_raise(texts, pairs):
    form = RegistrationForm(*texts, questions=tuple(pairs))
    result = validate_registration(form, today=CASES_TODAY)
    for error in result.errors:
        assert error.code in CODES[error.field]


def test_unknown_field_is_refused_by_name():
    import pytest

    from desktop.rules.fields import UnknownField

    with pytest.raises(UnknownField, match="no_such_field"):
        parse_field("no_such_field", "x")
