"""From validated wizard values to a submitted registration (runs on the job thread).

Pure Python (no Qt): the secrets are hashed here with argon2id (:mod:`desktop.security.
hashing`) so only PHC strings leave the desk, then the request goes to the service.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from desktop.security.hashing import HashPolicy, hash_registration_secrets
from desktop.service.interface import (
    EnrollmentService,
    Gender,
    RegistrationReceipt,
    RegistrationRequest,
    SecurityAnswer,
)

#: Hashing threads: every core but one, which stays free for the GUI thread (measured on two
#: cores: two argon2 threads doubled the longest GUI stall during a submit, 12 → 25 ms).
_HASH_WORKERS = max(1, (os.cpu_count() or 1) - 1)


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
    typed (the answers are normalised before hashing); ``password`` exactly as typed.
    The four hashes run in parallel on all cores but one (:func:`hash_registration_secrets`),
    about 50 ms each at the PRODUCTION policy: never call it on the GUI thread.
    """
    password_hash, answer_hashes = hash_registration_secrets(
        password, [answer for _, answer in questions], policy, max_workers=_HASH_WORKERS
    )
    return RegistrationRequest(
        national_code=values["national_code"],
        mobile=values["mobile"],
        first_name=values["first_name"],
        last_name=values["last_name"],
        gender=Gender(values["gender"]),
        birth_certificate_number=values["birth_certificate_number"],
        birth_date=values["birth_date"],
        email=values.get("email") or "",
        password_hash=password_hash,
        security_answers=tuple(
            SecurityAnswer(question_id, answer_hash)
            for (question_id, _), answer_hash in zip(questions, answer_hashes, strict=True)
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
