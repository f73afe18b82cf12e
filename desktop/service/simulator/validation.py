"""Server-side re-validation of a registration request: the desk's checks are never trusted.

Every non-secret field goes through the same rules as the desk
(:func:`desktop.rules.form.validate_identity`, with "today" taken from the service's clock in
Asia/Tehran); the question ids through :func:`desktop.rules.fields.parse_question_ids`; the
password and every answer must be argon2id PHC strings at least as strong as the service's
policy (:func:`desktop.security.hashing.require_phc`). That the three answers differ cannot be
checked here (they arrive salted and hashed): the desk checks it before hashing.
"""

from __future__ import annotations

import datetime as dt

from desktop.rules.birth_date import tehran_today
from desktop.rules.errors import FieldError
from desktop.rules.fields import parse_question_ids
from desktop.rules.form import validate_identity
from desktop.rules.security_questions import COUNT
from desktop.security.hashing import HashPolicy, require_phc
from desktop.service.errors import ValidationFailed
from desktop.service.interface import RegistrationRequest


def _hash_errors(phc: str, policy: HashPolicy, field: str) -> list[FieldError]:
    try:
        require_phc(phc, policy, field=field)
    except ValidationFailed as refused:
        return list(refused.errors)
    return []


def validate_registration_request(
    request: RegistrationRequest, policy: HashPolicy, now: dt.datetime
) -> dict[str, str]:
    """The normalised non-secret values of ``request`` (keys as in ``validate_identity``).

    Raises ValidationFailed with every refusal at once: field codes of SPEC's vocabulary,
    ``security_questions`` ``required``/``duplicate_question``, ``password_hash`` and
    ``security_answers`` ``invalid``/``weak_parameters``.
    """
    identity = validate_identity(
        national_code=request.national_code,
        mobile=request.mobile,
        first_name=request.first_name,
        last_name=request.last_name,
        gender=str(request.gender),
        birth_certificate_number=request.birth_certificate_number,
        birth_date=request.birth_date,
        email=request.email,
        today=tehran_today(now),
    )
    errors = list(identity.errors)
    question_ids = [answer.question_id for answer in request.security_answers]
    if len(question_ids) > COUNT:
        errors.append(FieldError("security_questions", "required"))
    else:
        errors.extend(parse_question_ids(question_ids).errors)
    errors.extend(_hash_errors(request.password_hash, policy, "password_hash"))
    answer_errors = {
        error
        for answer in request.security_answers
        for error in _hash_errors(answer.answer_hash, policy, "security_answers")
    }
    errors.extend(sorted(answer_errors, key=lambda e: e.code))
    if errors:
        raise ValidationFailed(errors)
    return identity.values
