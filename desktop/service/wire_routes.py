"""The remote API's routes: one per method of the service Protocols, shared by server and client.

Each :class:`Route` names an :class:`~desktop.service.interface.EnrollmentService` (or
:class:`~desktop.service.interface.TrainingControls`) method and where it lives in HTTP. The
parameters and the result come from the method's type hints, so adding a method to the
interface and a line here is all the server and the client need:

- a parameter named in the path template is a path segment (percent-encoded);
- for GET, every other parameter is a query parameter;
- otherwise they form the JSON body: an object keyed by parameter name, except when the only
  body parameter is a dataclass, whose wire form is then the whole body
  (``POST /v1/registrations`` takes a RegistrationRequest as is).

The result's wire form (:mod:`desktop.service.wire`) is the response body; a method returning
None answers ``204 No Content``.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
import typing
from dataclasses import dataclass
from typing import Any

from desktop.branch.room import RoomControls
from desktop.service.interface import EnrollmentService, TrainingControls

API_PREFIX = "/v1"


@dataclass(frozen=True)
class Route:
    """Where one service method lives in HTTP.

    ``verb`` is GET, POST or PUT; ``path`` a template under :data:`API_PREFIX`; ``status`` the
    success status; ``training`` marks trainer-only routes (registered only on a server started
    with ``--training``); ``room`` marks the trainer routes of
    :class:`~desktop.branch.room.RoomControls` (forced outcomes, training people);
    ``secret_params`` are parameters the client sends only over TLS or to
    a loopback address (a login password, recovery answers, a recovery code).
    """

    name: str
    verb: str
    path: str
    status: int = 200
    training: bool = False
    secret_params: frozenset[str] = frozenset()
    summary: str = ""
    room: bool = False

    @property
    def protocol(self) -> type:
        """The Protocol class whose method this route serves."""
        if self.room:
            return RoomControls
        return TrainingControls if self.training else EnrollmentService

    @property
    def url_path(self) -> str:
        """The full path template, e.g. ``/v1/recoveries/{recovery_id}/code``."""
        return API_PREFIX + self.path

    @functools.cached_property
    def hints(self) -> dict[str, Any]:
        """Resolved type hints of the method: parameter names and ``return``."""
        return typing.get_type_hints(getattr(self.protocol, self.name))

    @property
    def params(self) -> dict[str, Any]:
        """``{parameter name: type}`` in the method's order (``self`` left out)."""
        signature = inspect.signature(getattr(self.protocol, self.name))
        return {n: self.hints[n] for n in signature.parameters if n != "self"}

    @property
    def result_type(self) -> Any:
        """The method's return type (``None`` for a 204 route)."""
        return self.hints["return"]

    @property
    def path_params(self) -> tuple[str, ...]:
        """Parameters that are path segments."""
        return tuple(re.findall(r"{(\w+)}", self.path))

    @property
    def query_params(self) -> tuple[str, ...]:
        """Parameters sent in the query string (GET routes only)."""
        if self.verb != "GET":
            return ()
        return tuple(n for n in self.params if n not in self.path_params)

    @property
    def body_params(self) -> tuple[str, ...]:
        """Parameters sent in the JSON body."""
        if self.verb == "GET":
            return ()
        return tuple(n for n in self.params if n not in self.path_params)

    @property
    def whole_body_param(self) -> str | None:
        """The one dataclass parameter whose wire form is the whole body, if any."""
        body = self.body_params
        if len(body) == 1 and dataclasses.is_dataclass(self.params[body[0]]):
            return body[0]
        return None

    def may_retry(self, args: dict[str, Any]) -> bool:
        """True when sending this call twice cannot act twice, so a client may retry it after
        a lost answer: a GET (safe, RFC 9110 §9.2.1) or a registration carrying an
        ``idempotency_key``. Not the PUT of a new password: the first one ends the recovery,
        so a retry would report ``not_found`` for a call that worked."""
        if self.verb == "GET":
            return True
        request = args.get("request")
        return self.name == "submit_registration" and bool(
            getattr(request, "idempotency_key", None)
        )


ROUTES: tuple[Route, ...] = (
    Route("submit_registration", "POST", "/registrations", 201, summary="Register a request"),
    Route("registration_status", "GET", "/registrations/{tracking_id}", summary="One request"),
    Route("find_registrations", "GET", "/registrations", summary="Requests of a national code"),
    Route(
        "activate",
        "POST",
        "/registrations/{tracking_id}/activation",
        204,
        summary="Branch activation after documents were seen",
    ),
    Route("run_verification", "POST", "/verification-runs", summary="Verify due requests"),
    Route("new_captcha", "POST", "/captchas", 201, summary="A fresh captcha image"),
    Route(
        "login",
        "POST",
        "/sessions",
        secret_params=frozenset({"password"}),
        summary="Sign in (the password travels only over TLS or loopback)",
    ),
    Route("start_recovery", "POST", "/recoveries", 201, summary="Start a password recovery"),
    Route("send_recovery_code", "POST", "/recoveries/{recovery_id}/code", summary="Send a code"),
    Route(
        "check_recovery_code",
        "POST",
        "/recoveries/{recovery_id}/code-check",
        secret_params=frozenset({"code"}),
        summary="Check the 6-digit code (the right one answers the account holder's names)",
    ),
    Route(
        "recovery_questions",
        "GET",
        "/recoveries/{recovery_id}/questions",
        summary="The three registered question ids",
    ),
    Route(
        "check_recovery_answers",
        "POST",
        "/recoveries/{recovery_id}/answers-check",
        secret_params=frozenset({"answers"}),
        summary="Check the three answers (right ones answer the account holder's names)",
    ),
    Route(
        "set_new_password",
        "PUT",
        "/recoveries/{recovery_id}/password",
        204,
        summary="Store the new password's argon2id PHC string",
    ),
    Route("outbox", "GET", "/outbox/{mobile}", summary="SMS sent to one mobile"),
    Route("now", "GET", "/clock", summary="The service's current time"),
    Route(
        "advance_clock",
        "POST",
        "/training/clock",
        training=True,
        summary="Move the simulated clock forward",
    ),
    Route("reset", "POST", "/training/reset", 204, training=True, summary="Back to the seed"),
    Route("all_outbox", "GET", "/training/outbox", training=True, summary="Every SMS of the room"),
    Route(
        "captcha_answer",
        "GET",
        "/training/captchas/{captcha_id}/answer",
        training=True,
        summary="The digits of a live captcha (trainer demonstrations, automated tests)",
    ),
    Route(
        "force_next_outcome",
        "POST",
        "/training/forced-outcomes",
        204,
        training=True,
        room=True,
        summary="The next registration ends in this outcome",
    ),
    Route(
        "forced_outcomes",
        "GET",
        "/training/forced-outcomes",
        training=True,
        room=True,
        summary="Chosen outcomes still waiting for a registration",
    ),
    Route(
        "create_person",
        "POST",
        "/training/people",
        201,
        training=True,
        room=True,
        summary="An account without a mobile or without security questions",
    ),
)

#: Route of each method name.
BY_NAME: dict[str, Route] = {r.name: r for r in ROUTES}

#: Path of the server description (version, training flag, hash policy minimum).
INFO_PATH = API_PREFIX + "/info"
