"""The server's side of a sync: open a batch of sealed registrations, then submit them together.

Pure Python (no FastAPI), so the server routes, the tests and the benchmark share it.
Exactly once: the queue's local id is the request's ``idempotency_key``, which the service
stores with a unique constraint, in the same transaction as the request, and answers again
with the first receipt, so a batch resent after a lost answer, a killed desk or a killed
server creates nothing twice. A refusal creates nothing, so answering it again (validating
again) is harmless too.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.offline.queue import ServerAnswer, decode_record
from desktop.offline.sealing import SealError, ServerKey, open_sealed
from desktop.rules.errors import REQUEST, FieldError
from desktop.security.masking import mask_national_code
from desktop.service.errors import BackendUnavailable, ServiceError
from desktop.service.interface import RegistrationReceipt, RegistrationRequest


@runtime_checkable
class BatchSubmitter(Protocol):
    """What the inbox needs of the service: the simulator's
    :meth:`~desktop.service.simulator.service.SimulatorService.submit_registrations`."""

    def submit_registrations(
        self, requests: Sequence[RegistrationRequest]
    ) -> list[RegistrationReceipt | ServiceError]:
        """One receipt or refusal per request, in order, all in one transaction."""
        ...


log = logging.getLogger("tamin_desk.sync")

MALFORMED = (FieldError(REQUEST, "malformed"),)


def _open(
    private_key: X25519PrivateKey, local_id: str, sealed: bytes, server_key: ServerKey | None
) -> RegistrationRequest | None:
    """The request sealed in ``sealed`` for ``local_id``, or None when it does not open or
    decode."""
    try:
        request, _queued_at = decode_record(
            open_sealed(private_key, local_id, sealed, server_key=server_key)
        )
    except (SealError, ValueError) as exc:
        log.warning("sealed record %s refused: %s", local_id, type(exc).__name__)
        return None
    # The id is authenticated (associated data): it is the idempotency key, whatever the
    # record says.
    return dataclasses.replace(request, idempotency_key=local_id)


def receive_batch(
    service: BatchSubmitter,
    private_key: X25519PrivateKey,
    items: Sequence[tuple[str, bytes]],
    server_key: ServerKey | None = None,
) -> list[ServerAnswer]:
    """Open every ``(local_id, sealed)`` item, submit the requests in one call, and return one
    answer per item, in order, for the desk.

    The service re-validates every field with the rules and the PHC strings against its hash
    policy; a refusal becomes the item's ``errors``. A record that does not open or decode is
    refused with ``request``/``malformed``; a service that is unavailable gives ``retry`` to
    every opened item (nothing of the batch was kept). ``server_key``: the public key of
    ``private_key`` if already known. Never raises a ServiceError.
    """
    opened = [_open(private_key, local_id, sealed, server_key) for local_id, sealed in items]
    requests = [request for request in opened if request is not None]
    try:
        outcomes = iter(service.submit_registrations(requests) if requests else [])
    except BackendUnavailable:
        outcomes = iter([None] * len(requests))
    answers = []
    for (local_id, _sealed), request in zip(items, opened, strict=True):
        if request is None:
            answers.append(ServerAnswer(local_id, errors=MALFORMED))
            continue
        outcome = next(outcomes)
        if outcome is None:
            answers.append(ServerAnswer(local_id, retry=True))
        elif isinstance(outcome, ServiceError):
            log.info(
                "queued registration %s of %s refused: %s",
                local_id,
                mask_national_code(request.national_code),
                outcome,
            )
            answers.append(ServerAnswer(local_id, errors=outcome.errors))
        else:
            answers.append(ServerAnswer(local_id, tracking_id=outcome.tracking_id))
    return answers
