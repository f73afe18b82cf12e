"""Sending the queue: batches of sealed registrations, resumable, with progress.

:func:`sync_queue` pages through the queued rows in queue order, sends each batch, and
stores the answers in one transaction per batch. Progress lives in the queue file itself (a
row leaves ``queued`` only with its answer), so a sync that is interrupted anywhere (the desk
killed, the network gone, the operator's Stop) resumes where it stopped: rows already answered
are not sent again, and a batch whose answer was lost is sent again and answered from the
server's idempotency keys without creating anything twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from desktop.offline.errors import KeyMismatch
from desktop.offline.queue import Cursor, ItemState, OfflineQueue, ServerAnswer
from desktop.offline.sealing import ServerKey

#: Registrations per request: big enough to amortise the round trip, small enough that an
#: interrupted batch costs little to resend.
DEFAULT_BATCH = 100


class SyncTransport(Protocol):
    """What a sync needs of the server (:class:`desktop.offline.sync_client.SyncClient`)."""

    target: str

    def server_key(self) -> ServerKey:
        """The server's sealing key."""
        ...

    def send_batch(self, items: list[tuple[str, bytes]]) -> list[ServerAnswer]:
        """One answer per ``(local_id, sealed)`` item, in order."""
        ...


@dataclass(frozen=True)
class Progress:
    """A sync's progress: ``sent`` of ``total`` answered so far (accepted + refused +
    superseded), ``elapsed_s`` seconds since it started; ``rate`` in registrations per
    second. ``superseded``: answered superseded (the server keeps a registration of the same
    person captured later)."""

    sent: int
    total: int
    accepted: int
    refused: int
    elapsed_s: float
    superseded: int = 0

    @property
    def rate(self) -> float:
        """Registrations answered per second (0 before the first answer)."""
        return self.sent / self.elapsed_s if self.elapsed_s > 0 else 0.0


def pin_or_check(queue: OfflineQueue, transport: SyncTransport) -> ServerKey:
    """Pin the server's key on the first connection, else check it is the pinned one.

    Raises :class:`KeyMismatch`, or what :meth:`SyncTransport.server_key` raises.
    """
    key = transport.server_key()
    try:
        queue.pin_server_key(key, transport.target)
    except ValueError as exc:
        raise KeyMismatch(str(exc)) from exc
    return key


def sync_queue(
    queue: OfflineQueue,
    transport: SyncTransport,
    *,
    batch_size: int = DEFAULT_BATCH,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Progress:
    """Send every queued registration; returns the final :class:`Progress`.

    ``on_progress`` is called after each batch; ``should_stop`` is asked before each batch
    (True: stop cleanly, the rest stays queued). Items the server answers ``retry`` stay
    queued for the next sync. Raises :class:`KeyMismatch` before sending anything;
    BackendUnavailable (or the server's refusal of the batch) when a batch cannot be sent:
    everything answered so far is already stored.
    """
    pin_or_check(queue, transport)
    started = time.perf_counter()
    total = queue.counts()[ItemState.QUEUED]
    counts = dict.fromkeys((ItemState.ACCEPTED, ItemState.REFUSED, ItemState.SUPERSEDED), 0)
    after: Cursor | None = None
    progress = Progress(0, total, 0, 0, 0.0)
    while not (should_stop and should_stop()):
        batch, after = queue.waiting(batch_size, after)
        if not batch:
            break
        answers = transport.send_batch(batch)
        queue.record_answers(answers)
        for answer in answers:
            if answer.state is not None:
                counts[answer.state] += 1
        sent = sum(counts.values())
        total = max(total, sent)  # registrations queued while syncing are sent too
        progress = Progress(
            sent,
            total,
            counts[ItemState.ACCEPTED],
            counts[ItemState.REFUSED],
            time.perf_counter() - started,
            counts[ItemState.SUPERSEDED],
        )
        if on_progress is not None:
            on_progress(progress)
    return progress
