"""The whole registration form checked in one call (wizard step 4, the service, the CLI).

:func:`validate_registration` runs every field rule on a :class:`RegistrationForm` of raw
inputs, with the cross-field context the rules need (the names and national code for the
password; the password for its repeat). :func:`validate_identity` is the same without the
secrets, for the service, which receives hashes, never a password or an answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import jdatetime

from desktop.rules.birth_date import JalaliInput
from desktop.rules.errors import FieldError
from desktop.rules.fields import (
    check_password,
    check_password_confirm,
    parse_birth_certificate_number,
    parse_birth_date,
    parse_email,
    parse_first_name,
    parse_gender,
    parse_last_name,
    parse_mobile,
    parse_national_code,
    parse_security_questions,
)
from desktop.rules.result import Parsed

#: Fields whose values are secrets: checked, but never copied into ``ValidatedForm.values``.
SECRET_FIELDS = frozenset({"password", "password_confirm"})


@dataclass(frozen=True)
class RegistrationForm:
    """Raw inputs of registration steps 1-3, exactly as typed (strings; ``""`` when empty).

    ``birth_date``: ``"YYYY/MM/DD"`` Jalali (any digits) or a ``(y, m, d)`` tuple.
    ``questions``: three ``(question_id, answer)`` pairs.
    """

    national_code: str = ""
    mobile: str = ""
    first_name: str = ""
    last_name: str = ""
    gender: str = ""
    birth_certificate_number: str = ""
    birth_date: JalaliInput = ""
    email: str = ""
    password: str = ""
    password_confirm: str = ""
    questions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ValidatedForm:
    """Result of a whole-form check.

    ``values``: field name → normalised value, for every accepted non-secret field
    (``security_questions`` → the three ids joined with ``,``; the password and the answers are
    never copied here). ``errors``: every refusal, in form order (one per field, all of the
    password's).
    """

    values: dict[str, str] = field(default_factory=dict)
    errors: tuple[FieldError, ...] = ()

    @property
    def ok(self) -> bool:
        """True when no field was refused."""
        return not self.errors

    def errors_for(self, field_name: str) -> tuple[FieldError, ...]:
        """The errors of one field (``()`` when it was accepted)."""
        return tuple(e for e in self.errors if e.field == field_name)


def _collect(results: dict[str, Parsed]) -> ValidatedForm:
    values = {
        name: r.value
        for name, r in results.items()
        if r.value is not None and name not in SECRET_FIELDS
    }
    errors = tuple(e for r in results.values() for e in r.errors)
    return ValidatedForm(values, errors)


def _identity_results(
    *,
    national_code: str,
    mobile: str,
    first_name: str,
    last_name: str,
    gender: str,
    birth_certificate_number: str,
    birth_date: JalaliInput,
    email: str,
    today: jdatetime.date | str | None,
) -> dict[str, Parsed]:
    return {
        "national_code": parse_national_code(national_code),
        "mobile": parse_mobile(mobile),
        "first_name": parse_first_name(first_name),
        "last_name": parse_last_name(last_name),
        "gender": parse_gender(gender),
        "birth_certificate_number": parse_birth_certificate_number(
            birth_certificate_number, national_code=national_code
        ),
        "birth_date": parse_birth_date(birth_date, today=today),
        "email": parse_email(email),
    }


def validate_identity(
    *,
    national_code: str,
    mobile: str,
    first_name: str,
    last_name: str,
    gender: str,
    birth_certificate_number: str,
    birth_date: JalaliInput,
    email: str = "",
    today: jdatetime.date | str | None = None,
) -> ValidatedForm:
    """Check every registration field but the secrets (the service's check of a request).

    Keyword arguments are the raw or already normalised values (``gender`` may be a
    :class:`~desktop.service.interface.Gender`); ``today`` as in
    :func:`~desktop.rules.birth_date.parse_birth_date`. Never raises for string input.
    """
    return _collect(
        _identity_results(
            national_code=national_code,
            mobile=mobile,
            first_name=first_name,
            last_name=last_name,
            gender=gender,
            birth_certificate_number=birth_certificate_number,
            birth_date=birth_date,
            email=email,
            today=today,
        )
    )


def validate_registration(
    form: RegistrationForm, today: jdatetime.date | str | None = None
) -> ValidatedForm:
    """Check the whole registration form (steps 1-3) in one call.

    The password is checked against the applicant's national code and names (raw values are
    normalised first, so an Arabic ي in the name does not hide it); ``today`` as in
    :func:`~desktop.rules.birth_date.parse_birth_date`. Budget: under 1 ms
    (``bench/bench_rules.py``). Never raises for string input.
    """
    results = _identity_results(
        national_code=form.national_code,
        mobile=form.mobile,
        first_name=form.first_name,
        last_name=form.last_name,
        gender=form.gender,
        birth_certificate_number=form.birth_certificate_number,
        birth_date=form.birth_date,
        email=form.email,
        today=today,
    )
    results["password"] = check_password(
        form.password,
        first_name=form.first_name,
        last_name=form.last_name,
        national_code=form.national_code,
    )
    results["password_confirm"] = check_password_confirm(form.password, form.password_confirm)
    results["security_questions"] = parse_security_questions(form.questions)
    return _collect(results)
