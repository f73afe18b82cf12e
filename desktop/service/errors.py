"""Typed exceptions every service implementation raises (simulator and HTTP client alike).

Each carries one or more :class:`~desktop.rules.errors.FieldError` so the view can put the
Persian message next to the field it belongs to. Exceptions become user messages only at the
edge (the Qt view, the CLI, the API's JSON body).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from desktop.rules.errors import REQUEST, FieldError


class ServiceError(Exception):
    """Base of every refusal. ``errors`` is a non-empty tuple of :class:`FieldError`."""

    def __init__(self, errors: Iterable[FieldError]):
        self.errors: tuple[FieldError, ...] = tuple(errors)
        if not self.errors:
            raise ValueError("a ServiceError needs at least one FieldError")
        super().__init__(", ".join(f"{e.field}:{e.code}" for e in self.errors))

    @property
    def first(self) -> FieldError:
        """The first error (the one a single-message view shows)."""
        return self.errors[0]

    @classmethod
    def one(cls, field: str, code: str, **params: Any) -> ServiceError:
        """Build an instance of ``cls`` holding one error."""
        return cls([FieldError(field, code, params)])


class ValidationFailed(ServiceError):
    """Input refused by the rules (field codes of SPEC's vocabulary)."""


class RequestRefused(ServiceError):
    """The whole request is refused (field ``request``): already_registered, no_mobile, ..."""

    @classmethod
    def because(cls, code: str, **params: Any) -> RequestRefused:
        """A refusal of the request with ``code`` and message ``params``."""
        return cls([FieldError(REQUEST, code, params)])


class RateLimited(RequestRefused):
    """Too many requests; ``retry_after`` is in seconds (the API's ``Retry-After``)."""

    def __init__(self, errors: Iterable[FieldError], retry_after: float):
        super().__init__(errors)
        self.retry_after = float(retry_after)


class Locked(RequestRefused):
    """Login or recovery by questions is locked; ``retry_after`` in seconds."""

    def __init__(self, errors: Iterable[FieldError], retry_after: float):
        super().__init__(errors)
        self.retry_after = float(retry_after)


class NotActivated(RequestRefused):
    """Right password, but the account is not active; ``state`` says why.

    ``state`` is a :class:`~desktop.service.interface.RegistrationState` value
    (pending, branch_visit_required, identity_mismatch).
    """

    def __init__(self, errors: Iterable[FieldError], state: str):
        super().__init__(errors)
        self.state = state


class BackendUnavailable(ServiceError):
    """The backend cannot be reached (remote server down, database locked too long).

    ``target`` names the server or file so the message can say which; ``reason`` is English
    detail for logs and the command line. ``code`` is ``unavailable``, or
    ``certificate_refused`` when an https server's certificate was refused (not the pinned
    one, or no pin for a self-signed one): the message then says to check the pin, since
    trying again cannot help.
    """

    def __init__(self, target: str, reason: str = "", *, code: str = "unavailable"):
        super().__init__([FieldError(REQUEST, code, {"target": target})])
        self.target = target
        self.reason = reason
