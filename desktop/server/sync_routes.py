"""Offline sync routes of the API server: the sealing key, and batches of sealed registrations.

* ``GET /v1/sync/key``: the server's X25519 public key (raw, base64) and its SHA-256
  fingerprint; a desk pins it the first time it connects and seals every queued registration
  to it (:mod:`desktop.offline.sealing`).
* ``POST /v1/sync/batches``: up to :data:`MAX_BATCH` sealed registrations, each with its local
  id (the idempotency key); the answer lists, in order, each one's outcome: ``accepted`` with
  the tracking id, ``refused`` with field errors, ``superseded`` (the tracking id, and the
  notice ``request``/``superseded``: a registration of the same person captured later is the
  one kept; this one stays in the history unverified), or ``retry``.

Both need a desk token, like every route. Registered by
:func:`desktop.server.app.create_app` when the server has a sealing key.
"""

from __future__ import annotations

import base64
import binascii
import logging
from collections.abc import Callable
from typing import Annotated, Any, Literal

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from fastapi import Depends, FastAPI
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from desktop.offline.inbox import BatchSubmitter, receive_batch
from desktop.offline.queue import ServerAnswer
from desktop.offline.sealing import ALGORITHM, public_key_of
from desktop.server.schemas import ERROR_RESPONSES
from desktop.server.tokens import DeskIdentity

log = logging.getLogger("tamin_desk.server")

KEY_PATH = "/v1/sync/key"
BATCH_PATH = "/v1/sync/batches"
#: Most registrations in one batch (a few hundred KB of JSON).
MAX_BATCH = 500
#: Largest sealed record accepted, in base64 characters (a registration is about 1.5 KB).
MAX_SEALED_CHARS = 64 * 1024


class SyncKey(BaseModel):
    """The server's sealing key."""

    algorithm: str
    public_key: str = Field(description="raw X25519 public key, base64 (RFC 4648 §4)")
    fingerprint: str = Field(description="SHA-256 of the raw key, hex")


class SealedItem(BaseModel):
    """One queued registration: its local id and the sealed record (base64)."""

    local_id: Annotated[str, Field(min_length=1, max_length=64)]
    sealed: Annotated[str, Field(min_length=1, max_length=MAX_SEALED_CHARS)]


class SyncBatch(BaseModel):
    """A batch of sealed registrations."""

    items: Annotated[list[SealedItem], Field(min_length=1, max_length=MAX_BATCH)]


class AnswerError(BaseModel):
    """A field error of a refused registration (vocabulary of SPEC)."""

    field: str
    code: str
    params: dict[str, Any] = Field(default_factory=dict)


class SyncAnswer(BaseModel):
    """The outcome of one item."""

    local_id: str
    outcome: Literal["accepted", "refused", "superseded", "retry"]
    tracking_id: str | None = None
    errors: list[AnswerError] = Field(default_factory=list)


class SyncAnswers(BaseModel):
    """The outcomes of a batch, in the batch's order."""

    answers: list[SyncAnswer]


def answer_body(answer: ServerAnswer) -> dict[str, Any]:
    """The wire form of an answer (a :class:`SyncAnswer` as JSON)."""
    outcome = "retry" if answer.retry else str(answer.state)
    return {
        "local_id": answer.local_id,
        "outcome": outcome,
        "tracking_id": answer.tracking_id,
        "errors": [e.as_dict() for e in answer.errors],
    }


def _decode_sealed(text: str) -> bytes | None:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


def add_sync_routes(
    app: FastAPI,
    service: BatchSubmitter,
    private_key: X25519PrivateKey,
    require_desk: Callable[..., DeskIdentity],
) -> None:
    """Register the two sync routes on ``app``; ``require_desk`` is the token dependency.
    Raises TypeError when ``service`` cannot submit batches (it is not the simulator)."""
    if not isinstance(service, BatchSubmitter):
        raise TypeError(f"{type(service).__name__} cannot submit batches of registrations")
    public = public_key_of(private_key)
    key_body = {
        "algorithm": ALGORITHM,
        "public_key": base64.b64encode(public.public_key).decode("ascii"),
        "fingerprint": public.fingerprint,
    }

    @app.get(
        KEY_PATH,
        response_model=SyncKey,
        responses=ERROR_RESPONSES,
        summary="The key desks seal offline registrations to",
        operation_id="sync_key",
        tags=["sync"],
    )
    def sync_key(_desk: DeskIdentity = Depends(require_desk)) -> dict[str, str]:  # noqa: B008
        return key_body

    def receive_all(items: list[SealedItem]) -> list[dict[str, Any]]:
        # Base64 that does not decode is refused like any record that does not open.
        opened = [(item.local_id, _decode_sealed(item.sealed) or b"") for item in items]
        return [answer_body(a) for a in receive_batch(service, private_key, opened, public)]

    @app.post(
        BATCH_PATH,
        response_model=SyncAnswers,
        responses=ERROR_RESPONSES,
        summary="Submit a batch of sealed offline registrations (idempotent per local id)",
        operation_id="sync_batch",
        tags=["sync"],
    )
    async def sync_batch(
        batch: SyncBatch,
        desk: DeskIdentity = Depends(require_desk),  # noqa: B008
    ) -> dict[str, Any]:
        # Argon2 checks, rules and the database block: run the whole batch off the loop.
        answers = await run_in_threadpool(receive_all, batch.items)
        accepted = sum(a["outcome"] == "accepted" for a in answers)
        log.info("sync from %s: %d item(s), %d accepted", desk.name, len(answers), accepted)
        return {"answers": answers}
