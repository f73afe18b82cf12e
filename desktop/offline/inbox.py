"""The server's side of a sync: open a batch of sealed registrations, then submit them together.

Pure Python (no FastAPI), so the server routes, the tests and the benchmark share it.
Exactly once: the queue's local id is the request's ``idempotency_key``, which the service
stores with a unique constraint, in the same transaction as the request, and answers again
with the first receipt, so a batch resent after a lost answer, a killed desk or a killed
server creates nothing twice. A refusal creates nothing, so answering it again (validating
again) is harmless too. Each record's capture time goes with its request: of one person's
registrations the server keeps the one captured last, whichever laptop syncs first, and
answers the others ``superseded``.
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
from desktop.service.interface import (
    CapturedRegistration,
    RegistrationReceipt,
    RegistrationState,
)


@runtime_checkable
class BatchSubmitter(Protocol):
    """What the inbox needs of the service: the simulator's
    :meth:`~desktop.service.simulator.service.SimulatorService.submit_registrations`."""

    def submit_registrations(
        self, registrations: Sequence[CapturedRegistration]
    ) -> list[RegistrationReceipt | ServiceError]:
        """One receipt or refusal per registration, in order, all in one transaction."""
        ...


log = logging.getLogger("tamin_desk.sync")

MALFORMED = (FieldError(REQUEST, "malformed"),)
#: The notice of a registration superseded by one of the same person captured later.
SUPERSEDED = (FieldError(REQUEST, "superseded"),)


def _open(
    private_key: X25519PrivateKey, local_id: str, sealed: bytes, server_key: ServerKey | None
) -> CapturedRegistration | None:
    """The request sealed in ``sealed`` for ``local_id`` and its capture time, or None when
    it does not open or decode."""
    try:
        request, captured_at = decode_record(
            open_sealed(private_key, local_id, sealed, server_key=server_key)
        )
    except (SealError, ValueError) as exc:
        log.warning("sealed record %s refused: %s", local_id, type(exc).__name__)
        return None
    # The id is authenticated (associated data): it is the idempotency key, whatever the
    # record says.
    return CapturedRegistration(dataclasses.replace(request, idempotency_key=local_id), captured_at)


def _answer(local_id: str, outcome: RegistrationReceipt | ServiceError | None) -> ServerAnswer:
    """The desk's answer for one submitted item (None: the service was unavailable)."""
    if outcome is None:
        return ServerAnswer(local_id, retry=True)
    if isinstance(outcome, ServiceError):
        return ServerAnswer(local_id, errors=outcome.errors)
    if outcome.state is RegistrationState.SUPERSEDED:
        return ServerAnswer(
            local_id, tracking_id=outcome.tracking_id, errors=SUPERSEDED, superseded=True
        )
    return ServerAnswer(local_id, tracking_id=outcome.tracking_id)


def receive_batch(
    service: BatchSubmitter,
    private_key: X25519PrivateKey,
    items: Sequence[tuple[str, bytes]],
    server_key: ServerKey | None = None,
) -> list[ServerAnswer]:
    """Open every ``(local_id, sealed)`` item, submit the requests in one call, and return one
    answer per item, in order, for the desk.

    The service re-validates every field with the rules and the PHC strings against its hash
    policy; a refusal becomes the item's ``errors``. A registration the service keeps as
    superseded (one of the same person captured later is registered) is answered
    ``superseded``, with its tracking id and the notice ``request``/``superseded``. A record
    that does not open or decode is refused with ``request``/``malformed``; a service that is
    unavailable gives ``retry`` to every opened item (nothing of the batch was kept).
    ``server_key``: the public key of ``private_key`` if already known. Never raises a
    ServiceError.
    """
    opened = [_open(private_key, local_id, sealed, server_key) for local_id, sealed in items]
    registrations = [captured for captured in opened if captured is not None]
    try:
        outcomes = iter(service.submit_registrations(registrations) if registrations else [])
    except BackendUnavailable:
        outcomes = iter([None] * len(registrations))
    answers = []
    for (local_id, _sealed), captured in zip(items, opened, strict=True):
        if captured is None:
            answers.append(ServerAnswer(local_id, errors=MALFORMED))
            continue
        outcome = next(outcomes)
        if isinstance(outcome, ServiceError):
            log.info(
                "queued registration %s of %s refused: %s",
                local_id,
                mask_national_code(captured.request.national_code),
                outcome,
            )
        answers.append(_answer(local_id, outcome))
    return answers
