"""The HTTP client backend: EnrollmentService (and TrainingControls) over the remote API.

``build_service("https://host:8765", token=..., pin=...)`` returns this backend; the desk's
screens cannot tell it from the embedded simulator: the same methods, the same dataclasses,
the same typed exceptions (rebuilt from the server's error body by
:mod:`desktop.service.wire_errors`). A server that cannot be reached, answers 5xx or something
not understood becomes :class:`~desktop.service.errors.BackendUnavailable` naming the server.

Policies:

- timeouts on every call (connect 5 s, the rest ``timeout_s``);
- retries (with back-off) only for calls that cannot act twice: GETs and registrations
  carrying an ``idempotency_key`` (:meth:`Route.may_retry`), after a connection failure, a
  timeout or a 502/503/504;
- a login password, a recovery code and recovery answers are sent only over TLS or to a
  loopback address; otherwise the call is refused before anything is sent;
- a training room's self-signed certificate is trusted by pinning
  (:mod:`desktop.service.tls_pinning`), never by switching verification off; a refused
  certificate is not retried and is BackendUnavailable ``certificate_refused``.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx

from desktop.security.hashing import HashPolicy
from desktop.service import wire
from desktop.service.errors import BackendUnavailable
from desktop.service.http_transport import (
    REQUEST_FAILURES,
    certificate_refused,
    open_desk_client,
    request_failure,
)
from desktop.service.interface import (
    AccountInfo,
    Captcha,
    CodeSent,
    RecoveryHolder,
    RecoveryTicket,
    RegistrationReceipt,
    RegistrationRecord,
    RegistrationRequest,
    RegistrationState,
    SmsMessage,
    VerificationResult,
)
from desktop.service.wire_errors import exception_from_response
from desktop.service.wire_routes import BY_NAME, INFO_PATH, Route

if TYPE_CHECKING:
    from desktop.branch.room import MissingMethod, TrainingPerson
    from desktop.service.bootstrap import Backend

#: Statuses worth a retry of a retry-safe call: the server or a proxy is briefly unavailable.
RETRY_STATUSES = frozenset({502, 503, 504})
# Below uvicorn's keep-alive (``tamin-desk serve`` sets 15 s) so the desk never reuses a
# connection the server is closing, which would fail a call that may not be retried.
KEEPALIVE_EXPIRY_S = 5.0


def is_loopback_host(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class ApiClient:
    """Low-level caller of the API's routes, shared by the service and the training controls.

    ``base_url`` is ``http(s)://host:port``; ``token`` the desk token; ``pin`` a certificate
    pin (PEM path or SHA-256 fingerprint) for https; ``timeout_s`` per call in seconds;
    ``retries`` extra tries of a retry-safe call. ``transport`` replaces the network (tests).
    Raises ValueError for a URL that is not http(s) or a pin that is neither form.
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        pin: str | None = None,
        timeout_s: float = 15.0,
        retries: int = 2,
        transport: httpx.BaseTransport | None = None,
    ):
        limits = httpx.Limits(
            max_connections=100, max_keepalive_connections=20, keepalive_expiry=KEEPALIVE_EXPIRY_S
        )
        url, self.target, self._http = open_desk_client(
            base_url, token, pin=pin, timeout_s=timeout_s, transport=transport, limits=limits
        )
        self.secure = url.scheme == "https" or is_loopback_host(url.host)
        self.retries = retries

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def call(self, name: str, **args: Any) -> Any:
        """Call the service method ``name`` remotely and return its decoded result.

        Raises the typed refusal the server reported, or BackendUnavailable.
        """
        route = BY_NAME[name]
        if not self.secure and any(args.get(p) for p in route.secret_params):
            raise BackendUnavailable(
                self.target, "refused to send a secret over plain http to another computer"
            )
        response = self._send(route, args)
        if response.status_code >= 400:
            raise exception_from_response(
                response.status_code, _json_or_none(response), response.headers, self.target
            )
        if response.status_code == 204:
            return None
        try:
            return wire.decode(route.result_type, response.json())
        except (ValueError, wire.WireError) as exc:
            raise BackendUnavailable(self.target, f"answer not understood: {exc}") from exc

    def info(self) -> dict[str, Any]:
        """``GET /v1/info`` (version, training flag, this token's role, hash policy)."""
        response = self._request("GET", INFO_PATH, retry=True)
        if response.status_code >= 400:
            raise exception_from_response(
                response.status_code, _json_or_none(response), response.headers, self.target
            )
        body = _json_or_none(response)
        if not isinstance(body, dict):
            raise BackendUnavailable(self.target, "not a Tamin Desk server")
        return body

    def _send(self, route: Route, args: dict[str, Any]) -> httpx.Response:
        path = route.url_path.format(**{p: quote(str(args[p]), safe="") for p in route.path_params})
        params = {p: wire.encode(args[p]) for p in route.query_params}
        body: Any = None
        if route.whole_body_param:
            body = wire.encode(args[route.whole_body_param])
        elif route.body_params:
            body = {p: wire.encode(args[p]) for p in route.body_params}
        return self._request(
            route.verb, path, params=params, body=body, retry=route.may_retry(args)
        )

    def _request(
        self,
        verb: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        body: Any = None,
        retry: bool,
    ) -> httpx.Response:
        tries = 1 + (self.retries if retry else 0)
        content = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json"} if content is not None else None
        for attempt in range(tries):
            last = attempt == tries - 1
            try:
                response = self._http.request(
                    verb, path, params=params or None, content=content, headers=headers
                )
            except REQUEST_FAILURES as exc:
                # A refused certificate stays refused: no retry.
                if last or certificate_refused(exc):
                    raise request_failure(self.target, exc) from exc
            else:
                if last or response.status_code not in RETRY_STATUSES:
                    return response
            time.sleep(0.2 * 2**attempt)  # back off: give a restarting server a moment
        raise AssertionError("unreachable")  # the last attempt returns or raises


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


class HttpEnrollmentService:
    """:class:`~desktop.service.interface.EnrollmentService` over the remote API (each method
    is documented on the Protocol; refusals are the same typed exceptions)."""

    def __init__(self, api: ApiClient):
        self._api = api

    def submit_registration(self, request: RegistrationRequest) -> RegistrationReceipt:
        """See ``EnrollmentService.submit_registration``."""
        return self._api.call("submit_registration", request=request)

    def registration_status(self, tracking_id: str) -> RegistrationRecord:
        """See ``EnrollmentService.registration_status``."""
        return self._api.call("registration_status", tracking_id=tracking_id)

    def run_verification(self) -> list[VerificationResult]:
        """See ``EnrollmentService.run_verification``."""
        return self._api.call("run_verification")

    def new_captcha(self) -> Captcha:
        """See ``EnrollmentService.new_captcha``."""
        return self._api.call("new_captcha")

    def login(
        self, national_code: str, password: str, captcha_id: str, captcha_answer: str
    ) -> AccountInfo:
        """See ``EnrollmentService.login``."""
        return self._api.call(
            "login",
            national_code=national_code,
            password=password,
            captcha_id=captcha_id,
            captcha_answer=captcha_answer,
        )

    def start_recovery(self, national_code: str) -> RecoveryTicket:
        """See ``EnrollmentService.start_recovery``."""
        return self._api.call("start_recovery", national_code=national_code)

    def send_recovery_code(self, recovery_id: str) -> CodeSent:
        """See ``EnrollmentService.send_recovery_code``."""
        return self._api.call("send_recovery_code", recovery_id=recovery_id)

    def check_recovery_code(self, recovery_id: str, code: str) -> RecoveryHolder:
        """See ``EnrollmentService.check_recovery_code``."""
        return self._api.call("check_recovery_code", recovery_id=recovery_id, code=code)

    def recovery_questions(self, recovery_id: str) -> tuple[str, ...]:
        """See ``EnrollmentService.recovery_questions``."""
        return self._api.call("recovery_questions", recovery_id=recovery_id)

    def check_recovery_answers(self, recovery_id: str, answers: tuple[str, ...]) -> RecoveryHolder:
        """See ``EnrollmentService.check_recovery_answers``."""
        return self._api.call("check_recovery_answers", recovery_id=recovery_id, answers=answers)

    def set_new_password(self, recovery_id: str, password_hash: str) -> None:
        """See ``EnrollmentService.set_new_password``."""
        self._api.call("set_new_password", recovery_id=recovery_id, password_hash=password_hash)

    def outbox(self, mobile: str) -> list[SmsMessage]:
        """See ``EnrollmentService.outbox``."""
        return self._api.call("outbox", mobile=mobile)

    def find_registrations(self, national_code: str) -> list[RegistrationRecord]:
        """See ``EnrollmentService.find_registrations``."""
        return self._api.call("find_registrations", national_code=national_code)

    def activate(self, tracking_id: str, staff_id: str, documents: tuple[str, ...]) -> None:
        """See ``EnrollmentService.activate``."""
        self._api.call("activate", tracking_id=tracking_id, staff_id=staff_id, documents=documents)

    def now(self) -> dt.datetime:
        """See ``EnrollmentService.now``."""
        return self._api.call("now")


class HttpTrainingControls:
    """:class:`~desktop.service.interface.TrainingControls` of a ``--training`` server
    (needs a trainer token; others get RequestRefused ``forbidden``)."""

    def __init__(self, api: ApiClient):
        self._api = api

    def advance_clock(self, seconds: float) -> dt.datetime:
        """See ``TrainingControls.advance_clock``."""
        return self._api.call("advance_clock", seconds=seconds)

    def reset(self) -> None:
        """See ``TrainingControls.reset``."""
        self._api.call("reset")

    def all_outbox(self) -> list[SmsMessage]:
        """See ``TrainingControls.all_outbox``."""
        return self._api.call("all_outbox")

    def captcha_answer(self, captcha_id: str) -> str:
        """See ``TrainingControls.captcha_answer``."""
        return self._api.call("captcha_answer", captcha_id=captcha_id)


class HttpRoomControls:
    """:class:`~desktop.branch.room.RoomControls` of a ``--training`` server (trainer token)."""

    def __init__(self, api: ApiClient):
        self._api = api

    def force_next_outcome(self, outcome: RegistrationState) -> None:
        """See ``RoomControls.force_next_outcome``."""
        self._api.call("force_next_outcome", outcome=outcome)

    def forced_outcomes(self) -> list[RegistrationState]:
        """See ``RoomControls.forced_outcomes``."""
        return self._api.call("forced_outcomes")

    def create_person(self, missing: MissingMethod) -> TrainingPerson:
        """See ``RoomControls.create_person``."""
        return self._api.call("create_person", missing=missing)


def build_http_backend(
    url: str,
    *,
    token: str | None,
    pin: str | None = None,
    hash_policy: HashPolicy,
    transport: httpx.BaseTransport | None = None,
) -> Backend:
    """Connect to the server at ``url`` and check the token (``GET /v1/info``). ``token`` and
    ``pin`` default to the ``TAMIN_DESK_TOKEN`` and ``TAMIN_DESK_PIN`` environment variables.

    The backend's ``training`` is set when the server has training routes and the token is a
    trainer's; ``hash_policy`` stays the desk's (the server refuses PHC strings weaker than its
    own policy). Raises ValueError for a bad URL, pin or a missing token; BackendUnavailable
    when the server cannot be reached; RequestRefused ``unauthorized`` for an unknown or
    revoked token.
    """
    from desktop.service.bootstrap import Backend

    # The environment keeps a token and a pin off the command line (where `ps` shows them)
    # for desks whose settings cannot name them.
    token = token or os.environ.get("TAMIN_DESK_TOKEN") or None
    pin = pin or os.environ.get("TAMIN_DESK_PIN") or None
    if not token:
        raise ValueError("a remote backend needs a desk token (--token or TAMIN_DESK_TOKEN)")
    api = ApiClient(url, token, pin=pin, transport=transport)
    try:
        info = api.info()
    except Exception:
        api.close()
        raise
    training = HttpTrainingControls(api) if info.get("training") and info.get("trainer") else None
    role = "، مربی" if info.get("trainer") else ""
    description = f"سرور {api.target} (میز {info.get('desk', '?')}{role})"
    room = HttpRoomControls(api) if training is not None else None
    return Backend(
        HttpEnrollmentService(api), training, hash_policy, description, api.close, room=room
    )
