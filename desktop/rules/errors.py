"""The error vocabulary shared by rules, service, API and views (SPEC.md, "Error vocabulary").

Pure Python: no Qt, no SQLAlchemy. A :class:`FieldError` names a field and one stable code;
the Persian (or English) message for it comes from :mod:`desktop.rules.messages`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Field name used for refusals of a whole request rather than one input (SPEC: "(request)").
REQUEST = "request"

#: Every field and its codes, in SPEC's order (the first that applies is reported).
#: ``request`` codes beyond SPEC's list are this project's additions, documented in README.md.
CODES: dict[str, tuple[str, ...]] = {
    "national_code": ("required", "not_digits", "length", "checksum", "repeated_digits"),
    "mobile": ("required", "format"),
    "first_name": ("required", "too_long", "not_persian"),
    "last_name": ("required", "too_long", "not_persian"),
    "gender": ("required",),
    "birth_certificate_number": ("required", "too_long", "not_digits", "zero"),
    "birth_date": ("required", "invalid", "in_future", "too_old"),
    "email": ("format",),
    "password": (
        "required",
        "latin_only",
        "starts_with_letter",
        "needs_upper",
        "needs_lower",
        "needs_digit",
        "too_short",
        "invalid_char",
        "contains_personal_info",
    ),
    "password_confirm": ("mismatch",),
    "security_questions": (
        "duplicate_question",
        "duplicate_answer",
        "answer_too_short",
        "required",
    ),
    # Recovery's answers to the registered questions. required: one left empty (the desk's
    # recovery dialog, or an API body without ``answers``); weak_parameters: an answer hash
    # below the service's argon2 policy (as password_hash).
    "security_answers": ("required", "invalid", "weak_parameters"),
    "recovery_code": ("invalid", "expired", "attempts_exhausted"),
    "captcha": ("invalid", "expired"),
    "password_hash": ("invalid", "weak_parameters"),
    # Branch activation (EnrollmentService.activate): who activated, after seeing what.
    "staff_id": ("required",),
    "documents": ("required",),
    REQUEST: (
        "already_registered",
        "too_many_requests",
        "no_mobile",
        "no_security_questions",
        "locked",
        "not_activated",
        "invalid_credentials",
        "not_found",
        "unavailable",
        # Remote API (README "Remote API"): no or revoked desk token, a trainer-only route,
        # a request body that is not the documented JSON (``params["field"]`` names the key).
        "unauthorized",
        "forbidden",
        "malformed",
        # Offline sync: a queued registration the server keeps only in the history, because
        # one of the same national code captured later is registered (the later supersedes).
        "superseded",
        # The https server's certificate is not the one pinned for the desk (or the desk has
        # no pin for a self-signed one): raised as BackendUnavailable; trying again cannot help.
        "certificate_refused",
    ),
}


@dataclass(frozen=True)
class FieldError:
    """One refused input: ``field`` (a key of :data:`CODES`) and ``code`` (one of its codes).

    ``params`` carries values a message may show (``{"remaining": 2}``, ``{"minutes": 14}``);
    it never holds the refused value itself, so an error can be logged safely.
    """

    field: str
    code: str
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def as_dict(self) -> dict[str, Any]:
        """``{"field", "code", "params"}``: the JSON shape used by the CLI and the API."""
        return {"field": self.field, "code": self.code, "params": dict(self.params)}
