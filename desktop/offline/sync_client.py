"""HTTP client of the sync routes (:mod:`desktop.server.sync_routes`).

Same conventions as the service's client (:mod:`desktop.service.http_client`): a desk token,
a certificate pin for a training room's self-signed certificate, no proxies, timeouts, and
the server's refusals rebuilt as the service's typed exceptions. A batch is safe to resend
(every item carries its idempotency key), so connection failures and 502/503/504 are retried.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Sequence
from typing import Any

import httpx

from desktop.offline.queue import ServerAnswer
from desktop.offline.sealing import ServerKey
from desktop.rules.errors import FieldError
from desktop.service.errors import BackendUnavailable
from desktop.service.http_transport import (
    REQUEST_FAILURES,
    certificate_refused,
    open_desk_client,
    request_failure,
)
from desktop.service.wire_errors import exception_from_response

KEY_PATH = "/v1/sync/key"
BATCH_PATH = "/v1/sync/batches"
RETRY_STATUSES = frozenset({502, 503, 504})


class SyncClient:
    """Talks to the sync routes of the server at ``base_url`` (``http(s)://host:port``).

    ``token``: the desk token; ``pin``: certificate pin (PEM path or SHA-256) for https;
    ``timeout_s``: per call, seconds (a batch of 100 takes well under a second);
    ``retries``: extra tries after a connection failure or 502/503/504.
    ``transport`` replaces the network (tests). Raises ValueError for a bad URL.
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        pin: str | None = None,
        timeout_s: float = 60.0,
        retries: int = 2,
        transport: httpx.BaseTransport | None = None,
    ):
        _, self.target, self._http = open_desk_client(
            base_url, token, pin=pin, timeout_s=timeout_s, transport=transport
        )
        self.retries = retries

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def server_key(self) -> ServerKey:
        """The server's sealing key. Raises BackendUnavailable (unreachable, or not a server
        with sync routes), RequestRefused ``unauthorized``."""
        body = self._call("GET", KEY_PATH)
        try:
            key = ServerKey(base64.b64decode(body["public_key"], validate=True))
        except (KeyError, TypeError, ValueError) as exc:
            raise BackendUnavailable(self.target, "no sealing key in the answer") from exc
        if key.fingerprint != body.get("fingerprint"):
            raise BackendUnavailable(self.target, "sealing key and fingerprint disagree")
        return key

    def send_batch(self, items: Sequence[tuple[str, bytes]]) -> list[ServerAnswer]:
        """Send ``(local_id, sealed)`` pairs; returns one answer per item, in order.

        Raises BackendUnavailable (nothing known about the batch: resend it later), or the
        server's refusal of the whole batch (RequestRefused ``unauthorized``...).
        """
        payload = {
            "items": [
                {"local_id": local_id, "sealed": base64.b64encode(sealed).decode("ascii")}
                for local_id, sealed in items
            ]
        }
        body = self._call("POST", BATCH_PATH, payload)
        try:
            answers = [_answer(a) for a in body["answers"]]
        except (KeyError, TypeError) as exc:
            raise BackendUnavailable(self.target, "answer not understood") from exc
        if [a.local_id for a in answers] != [local_id for local_id, _ in items]:
            raise BackendUnavailable(self.target, "answers do not match the batch")
        return answers

    def _call(self, verb: str, path: str, payload: Any = None) -> Any:
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self._http.request(verb, path, json=payload)
            except REQUEST_FAILURES as exc:
                # A refused certificate stays refused: no retry.
                if last or certificate_refused(exc):
                    raise request_failure(self.target, exc) from exc
            else:
                if last or response.status_code not in RETRY_STATUSES:
                    break
            time.sleep(0.2 * 2**attempt)  # give a restarting server a moment
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code >= 400:
            raise exception_from_response(response.status_code, body, response.headers, self.target)
        if not isinstance(body, dict):
            raise BackendUnavailable(self.target, "not a Tamin Desk server")
        return body


def _answer(body: dict[str, Any]) -> ServerAnswer:
    errors = tuple(
        FieldError(e["field"], e["code"], e.get("params") or {}) for e in body.get("errors", [])
    )
    outcome = body["outcome"]
    if outcome == "retry":
        return ServerAnswer(body["local_id"], retry=True)
    if outcome == "accepted":
        return ServerAnswer(body["local_id"], tracking_id=body["tracking_id"])
    if outcome == "superseded":
        return ServerAnswer(
            body["local_id"],
            tracking_id=body["tracking_id"],
            errors=errors or (FieldError("request", "superseded"),),
            superseded=True,
        )
    return ServerAnswer(body["local_id"], errors=errors or (FieldError("request", "malformed"),))
