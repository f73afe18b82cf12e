"""One parser per input field, and :func:`parse_field` to call one by its name.

The public face of the rules: views, the service, the CLI and the API import from here. Each
parser takes the raw text as typed and returns a :class:`Parsed` (normalised value, or errors in
SPEC's vocabulary, :data:`desktop.rules.errors.CODES`). No parser raises for any ``str`` input.
The rules themselves live in one small module per field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.rules.birth_certificate import parse_birth_certificate_number
from desktop.rules.birth_date import parse_birth_date
from desktop.rules.email_address import parse_email
from desktop.rules.gender import parse_gender
from desktop.rules.mobile import parse_mobile
from desktop.rules.names import parse_first_name, parse_last_name
from desktop.rules.national_code import parse_national_code
from desktop.rules.password import check_password, check_password_confirm
from desktop.rules.result import Parsed
from desktop.rules.security_questions import parse_question_ids, parse_security_questions

__all__ = [
    "FIELD_PARSERS",
    "Parsed",
    "UnknownField",
    "check_password",
    "check_password_confirm",
    "parse_birth_certificate_number",
    "parse_birth_date",
    "parse_email",
    "parse_field",
    "parse_first_name",
    "parse_gender",
    "parse_last_name",
    "parse_mobile",
    "parse_national_code",
    "parse_question_ids",
    "parse_security_questions",
]


class UnknownField(ValueError):
    """:func:`parse_field` was given a field name it has no parser for."""


def _password(raw: str, **context: Any) -> Parsed:
    return check_password(
        raw,
        first_name=context.get("first_name") or "",
        last_name=context.get("last_name") or "",
        national_code=context.get("national_code") or "",
    )


#: Field name → parser taking ``(raw, **context)``; the context keys each one uses are in
#: :func:`parse_field`'s docstring, the others are ignored.
FIELD_PARSERS: dict[str, Callable[..., Parsed]] = {
    "national_code": lambda raw, **_: parse_national_code(raw),
    "mobile": lambda raw, **_: parse_mobile(raw),
    "first_name": lambda raw, **_: parse_first_name(raw),
    "last_name": lambda raw, **_: parse_last_name(raw),
    "gender": lambda raw, **_: parse_gender(raw),
    "birth_certificate_number": lambda raw, **ctx: parse_birth_certificate_number(
        raw, national_code=ctx.get("national_code")
    ),
    "birth_date": lambda raw, **ctx: parse_birth_date(raw, today=ctx.get("today")),
    "email": lambda raw, **_: parse_email(raw),
    "password": _password,
    "password_confirm": lambda raw, **ctx: check_password_confirm(ctx.get("password", ""), raw),
    "security_questions": lambda raw, **_: parse_security_questions(raw),
}


def parse_field(field: str, raw: Any, **context: Any) -> Parsed:
    """Run the parser of ``field`` (a key of :data:`FIELD_PARSERS`) on ``raw``.

    Context used: ``national_code`` (birth_certificate_number, password), ``first_name`` and
    ``last_name`` (password), ``today`` (birth_date: ``jdatetime.date`` or ``"YYYY/MM/DD"``),
    ``password`` (password_confirm). Other keys are ignored, so a caller may pass one context
    dict for every field. Raises :class:`UnknownField` for an unknown ``field``.
    """
    parser = FIELD_PARSERS.get(field)
    if parser is None:
        raise UnknownField(f"no rule for field {field!r}; known: {', '.join(FIELD_PARSERS)}")
    return parser(raw, **context)
