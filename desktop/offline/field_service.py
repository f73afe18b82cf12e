"""Field mode: "submitting" a registration puts it in the offline queue.

:class:`QueueingSubmitter` has the service's ``submit_registration`` signature, so the wizard
submits to it exactly as to a server: the request is validated with the very function the
server uses (:func:`desktop.service.simulator.validation.validate_registration_request`: the
rules for every field, the PHC strings against the hash policy), sealed and stored, and the
receipt says ``QUEUED`` with the local tracking id.
"""

from __future__ import annotations

import datetime as dt

from desktop.offline.queue import OfflineQueue
from desktop.security.hashing import HashPolicy
from desktop.service.interface import (
    RegistrationReceipt,
    RegistrationRequest,
    RegistrationState,
)
from desktop.service.simulator.validation import validate_registration_request


class QueueingSubmitter:
    """Submits into ``queue``; ``hash_policy`` is the server's minimum (PHC strings weaker
    than it would be refused at sync, so they are refused now)."""

    def __init__(self, queue: OfflineQueue, hash_policy: HashPolicy):
        self.queue = queue
        self.hash_policy = hash_policy

    def submit_registration(self, request: RegistrationRequest) -> RegistrationReceipt:
        """Validate, seal and queue ``request``; returns a ``QUEUED`` receipt whose
        ``tracking_id`` is the local id. Raises ValidationFailed (every field error at once),
        :class:`~desktop.offline.queue.NoServerKey` when the desk was never connected."""
        validate_registration_request(request, self.hash_policy, dt.datetime.now(dt.UTC))
        item = self.queue.enqueue(request)
        return RegistrationReceipt(item.local_id, item.queued_at, RegistrationState.QUEUED)
