"""From validated wizard values to a submitted registration (runs on the job thread).

Pure Python (no Qt): the secrets are hashed here with argon2id (:mod:`desktop.security.
hashing`) so only PHC strings leave the desk, then the request goes to the service.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from desktop.security.hashing import HashPolicy, hash_answer, hash_password
from desktop.service.interface import (
    EnrollmentService,
    Gender,
    RegistrationReceipt,
    RegistrationRequest,
    SecurityAnswer,
)


def build_request(
    values: Mapping[str, str],
    questions: Sequence[tuple[str, str]],
    password: str,
    policy: HashPolicy,
    idempotency_key: str,
) -> RegistrationRequest:
    """A :class:`RegistrationRequest` with the password and answers hashed under ``policy``.

    ``values``: the normalised values of :func:`desktop.rules.form.validate_registration`
    (``email`` may be absent or ``""``); ``questions``: three ``(question_id, answer)`` as
    typed (:func:`hash_answer` normalises the answer); ``password`` exactly as typed.
    Takes about 50 ms per secret at the PRODUCTION policy (four secrets): never call it on the
    GUI thread.
    """
    return RegistrationRequest(
        national_code=values["national_code"],
        mobile=values["mobile"],
        first_name=values["first_name"],
        last_name=values["last_name"],
        gender=Gender(values["gender"]),
        birth_certificate_number=values["birth_certificate_number"],
        birth_date=values["birth_date"],
        email=values.get("email") or "",
        password_hash=hash_password(password, policy),
        security_answers=tuple(
            SecurityAnswer(question_id, hash_answer(answer, policy))
            for question_id, answer in questions
        ),
        idempotency_key=idempotency_key,
    )


def submit_registration(
    service: EnrollmentService,
    values: Mapping[str, str],
    questions: Sequence[tuple[str, str]],
    password: str,
    policy: HashPolicy,
    idempotency_key: str,
) -> RegistrationReceipt:
    """Hash the secrets and submit; returns the service's receipt.

    Raises what :meth:`EnrollmentService.submit_registration` raises (ValidationFailed,
    RequestRefused, BackendUnavailable).
    """
    request = build_request(values, questions, password, policy, idempotency_key)
    return service.submit_registration(request)
