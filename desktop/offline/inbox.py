"""The server's side of a sync: open one sealed registration, validate it, submit it once.

Pure Python (no FastAPI), so the server routes, the tests and the benchmark share it.
Exactly once: the queue's local id is the request's ``idempotency_key``, which the service
stores with a unique constraint and answers again with the first receipt, so a batch resent
after a lost answer, a killed desk or a killed server creates nothing twice. A refusal
creates nothing, so answering it again (validating again) is harmless too.
"""

from __future__ import annotations

import dataclasses
import logging

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.offline.queue import ServerAnswer, decode_record
from desktop.offline.sealing import SealError, ServerKey, open_sealed
from desktop.rules.errors import REQUEST, FieldError
from desktop.security.masking import mask_national_code
from desktop.service.errors import BackendUnavailable, ServiceError
from desktop.service.interface import EnrollmentService

log = logging.getLogger("tamin_desk.sync")


def receive(
    service: EnrollmentService,
    private_key: X25519PrivateKey,
    local_id: str,
    sealed: bytes,
    server_key: ServerKey | None = None,
) -> ServerAnswer:
    """Open ``sealed`` (made for ``local_id``), submit it and return the answer for the desk.

    The service re-validates every field with the rules and the PHC strings against its hash
    policy (``submit_registration``); its refusal becomes ``errors``. A record that does not
    open or decode is refused with ``request``/``malformed``; a service that is unavailable
    gives ``retry``. ``server_key``: the public key of ``private_key`` if already known.
    Never raises a ServiceError.
    """
    try:
        request, _queued_at = decode_record(
            open_sealed(private_key, local_id, sealed, server_key=server_key)
        )
    except (SealError, ValueError) as exc:
        log.warning("sealed record %s refused: %s", local_id, type(exc).__name__)
        return ServerAnswer(local_id, errors=(FieldError(REQUEST, "malformed"),))
    # The id is authenticated (associated data): it is the idempotency key, whatever the
    # record says.
    request = dataclasses.replace(request, idempotency_key=local_id)
    try:
        receipt = service.submit_registration(request)
    except BackendUnavailable:
        return ServerAnswer(local_id, retry=True)
    except ServiceError as exc:
        log.info(
            "queued registration %s of %s refused: %s",
            local_id,
            mask_national_code(request.national_code),
            exc,
        )
        return ServerAnswer(local_id, errors=exc.errors)
    return ServerAnswer(local_id, tracking_id=receipt.tracking_id)
