"""Refusals on the wire: HTTP status, JSON error body, and back to the same typed exception.

The server answers every refusal with a 4xx (503 when the backend is down) and the body::

    {"kind": "ValidationFailed",
     "errors": [{"field": "national_code", "code": "checksum", "message": "...", "params": {}}],
     "retry_after": 12.0,        # RateLimited and Locked only (also the Retry-After header)
     "state": "pending"}         # NotActivated only

``kind`` names the exception class of :mod:`desktop.service.errors`, so the HTTP client raises
exactly what the simulator would have raised; the status alone decides when a body is missing
or foreign (a proxy's HTML page).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from desktop.rules.errors import CODES, REQUEST, FieldError
from desktop.service.errors import (
    BackendUnavailable,
    Locked,
    NotActivated,
    RateLimited,
    RequestRefused,
    ServiceError,
    ValidationFailed,
)


class ArgumentRefused(ValidationFailed, ValueError):
    """A service method refused an argument with ValueError (``advance_clock(-1)``).

    The server answers it as a 422 of kind ``ArgumentRefused`` (field ``request``, code
    ``malformed``); the client raises it again, so callers catching ValueError, as they would
    around the simulator, still do.
    """


#: Status of a whole-request refusal by its code (409 Conflict for the rest).
_REFUSAL_STATUS: dict[str, int] = {
    "not_found": 404,
    "unauthorized": 401,
    "forbidden": 403,
    "invalid_credentials": 403,
    "malformed": 422,
}

#: Parameter names of the interface that report under another field of the vocabulary.
_PARAM_FIELDS: dict[str, str] = {
    "answers": "security_answers",
    "code": "recovery_code",
    "captcha_id": "captcha",
    "captcha_answer": "captcha",
    "security_answers": "security_questions",
}

#: Codes that say "this value is not acceptable" for a field, preferred in this order.
_SHAPE_CODES = ("invalid", "format", "not_digits")


def status_for(exc: ServiceError) -> int:
    """The HTTP status of a refusal: 422 validation, 429 rate limit or lock (RFC 6585 §4),
    403 not activated, 503 backend unavailable, 404/401/403/409 for other request refusals."""
    if isinstance(exc, ValidationFailed):
        return 422
    if isinstance(exc, RateLimited | Locked):
        return 429
    if isinstance(exc, NotActivated):
        return 403
    if isinstance(exc, BackendUnavailable):
        return 503
    return _REFUSAL_STATUS.get(exc.first.code, 409)


def retry_after_header(exc: ServiceError) -> dict[str, str]:
    """``{"Retry-After": seconds}`` (whole seconds, rounded up, RFC 9110 §10.2.3) or ``{}``."""
    seconds = getattr(exc, "retry_after", None)
    if seconds is None:
        return {}
    return {"Retry-After": str(max(1, math.ceil(seconds)))}


def error_body(exc: ServiceError, render: Callable[[FieldError], str]) -> dict[str, Any]:
    """The JSON body of a refusal; ``render`` gives each error's message in the asked language."""
    body: dict[str, Any] = {
        "kind": type(exc).__name__,
        "errors": [{**e.as_dict(), "message": render(e)} for e in exc.errors],
    }
    if isinstance(exc, RateLimited | Locked):
        body["retry_after"] = exc.retry_after
    if isinstance(exc, NotActivated):
        body["state"] = str(exc.state)
    return body


def structural_error(path: tuple[str | int, ...], *, missing: bool) -> FieldError:
    """The vocabulary error for a body that does not fit the schema (missing key, wrong JSON
    type): the innermost key that is a field of :data:`~desktop.rules.errors.CODES` with
    ``required`` (when missing) or its shape code, else ``request``/``malformed`` naming the key.
    """
    names = [p for p in path if isinstance(p, str) and p != "body"]
    for name in reversed(names):
        field = _PARAM_FIELDS.get(name, name)
        codes = CODES.get(field)
        if not codes or field == REQUEST:
            continue
        shape = next((c for c in _SHAPE_CODES if c in codes), None)
        if missing or shape is None:
            code = "required" if "required" in codes else (shape or codes[0])
        else:
            code = shape
        return FieldError(field, code)
    return FieldError(REQUEST, "malformed", {"field": names[-1] if names else ""})


def exception_from_response(
    status: int,
    body: Any,
    headers: Mapping[str, str],
    target: str,
) -> ServiceError:
    """The typed exception a refusal stands for.

    ``body`` is the decoded JSON (or None when it was not JSON), ``headers`` the response's,
    ``target`` the server's URL (named by BackendUnavailable). Never raises.
    """
    errors = _errors_of(body)
    kind = body.get("kind") if isinstance(body, dict) else None
    retry_after = _retry_after(body, headers)
    if status >= 500 or kind == "BackendUnavailable":
        reason = f"HTTP {status}"
        if errors and errors[0].params.get("target"):
            reason += f" ({errors[0].params['target']})"
        return BackendUnavailable(target, reason)
    if not errors:
        return _from_bare_status(status, retry_after, target)
    if kind == "ArgumentRefused":
        return ArgumentRefused(errors)
    if kind == "ValidationFailed" or (kind is None and status == 422):
        return ValidationFailed(errors)
    if kind == "Locked":
        return Locked(errors, retry_after or 0.0)
    if kind == "RateLimited" or (kind is None and status == 429):
        return RateLimited(errors, retry_after or 0.0)
    if kind == "NotActivated":
        state = body.get("state") if isinstance(body, dict) else None
        return NotActivated(errors, str(state or ""))
    return RequestRefused(errors)


def _errors_of(body: Any) -> list[FieldError]:
    if not isinstance(body, dict) or not isinstance(body.get("errors"), list):
        return []
    found = []
    for item in body["errors"]:
        if isinstance(item, dict) and isinstance(item.get("field"), str):
            params = item.get("params") if isinstance(item.get("params"), dict) else {}
            found.append(FieldError(item["field"], str(item.get("code", "")), params))
    return found


def _retry_after(body: Any, headers: Mapping[str, str]) -> float | None:
    if isinstance(body, dict) and isinstance(body.get("retry_after"), int | float):
        return float(body["retry_after"])
    try:
        return float(headers.get("retry-after", ""))
    except ValueError:
        return None


def _from_bare_status(status: int, retry_after: float | None, target: str) -> ServiceError:
    """A refusal without our JSON body: something else answered (a proxy, an old server)."""
    if status == 429:
        return RateLimited([FieldError(REQUEST, "too_many_requests")], retry_after or 0.0)
    if status == 401:
        return RequestRefused.because("unauthorized")
    if status == 403:
        return RequestRefused.because("forbidden")
    return BackendUnavailable(target, f"HTTP {status} without an error body")
