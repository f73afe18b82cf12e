"""The offline queue as the desk's screens use it: one object the views are handed.

:class:`OfflineDesk` knows the queue file, the server to sync with (URL, desk token,
certificate pin) and whether the desk is in field mode. Views call its methods on the job
thread and never touch the queue's SQLite file or HTTP themselves.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.security.hashing import PRODUCTION, HashPolicy
from desktop.service.errors import BackendUnavailable

# Every desk makes its OfflineDesk at start-up, most never queue or sync: the queue (SQLite),
# the request checks and the sync client are imported by the methods that use them.
if TYPE_CHECKING:
    from desktop.offline.queue import OfflineQueue, QueueItem
    from desktop.offline.sealing import ServerKey
    from desktop.offline.sync import Progress
    from desktop.offline.sync_client import SyncClient
    from desktop.service.interface import RegistrationReceipt, RegistrationRequest
    from desktop.settings import Settings


@dataclass
class OfflineDesk:
    """The desk's offline queue and its server.

    ``queue_path``: the queue file (``Settings.offline_queue_path``); ``server_url``,
    ``token``, ``pin``: the http(s) server to sync with (None: no server configured, sync
    refuses with BackendUnavailable); ``field_mode``: completed registrations go to the queue
    instead of the service; ``hash_policy``: the server's minimum argon2id parameters (the
    desk hashes with it before queueing). Thread-safe.
    """

    queue_path: Path
    server_url: str | None = None
    token: str | None = None
    pin: str | None = None
    field_mode: bool = False
    hash_policy: HashPolicy = PRODUCTION
    _queue: OfflineQueue | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def queue(self) -> OfflineQueue:
        """The open queue (opened on first use)."""
        with self._lock:
            if self._queue is None:
                from desktop.offline.queue import OfflineQueue

                self._queue = OfflineQueue(self.queue_path)
            return self._queue

    def close(self) -> None:
        """Close the queue file (idempotent)."""
        with self._lock:
            if self._queue is not None:
                self._queue.close()
                self._queue = None

    # --- queueing ----------------------------------------------------------------------
    def submit_registration(self, request: RegistrationRequest) -> RegistrationReceipt:
        """Queue ``request`` (see :class:`QueueingSubmitter`): the wizard submits here in
        field mode, or when the operator keeps a registration the server could not take."""
        from desktop.offline.field_service import QueueingSubmitter

        return QueueingSubmitter(self.queue, self.hash_policy).submit_registration(request)

    def items(self) -> list[QueueItem]:
        """Every row of the local index, oldest first."""
        return self.queue.items()

    def dismiss(self, local_ids: Iterable[str]) -> int:
        """Remove answered rows; returns how many."""
        return self.queue.dismiss(local_ids)

    # --- the server --------------------------------------------------------------------
    def _client(self) -> SyncClient:
        if not self.server_url or not self.server_url.startswith(("http://", "https://")):
            raise BackendUnavailable("—", "no server configured for syncing")
        # Imported here: httpx (with the rich/click/pygments its CLI brings, ~12 MiB) is
        # needed only when a desk syncs, not by every desk that starts.
        from desktop.offline.sync_client import SyncClient

        return SyncClient(self.server_url, self.token or "", pin=self.pin)

    def pin_server_key(self) -> ServerKey:
        """Connect and pin the server's sealing key (first connection) or check it.

        Raises BackendUnavailable, :class:`~desktop.offline.sync.KeyMismatch`."""
        from desktop.offline.sync import pin_or_check

        with self._client() as client:
            return pin_or_check(self.queue, client)

    def has_server_key(self) -> bool:
        """True once a key is pinned (queueing is possible)."""
        return self.queue.pinned_key() is not None

    def sync(
        self,
        on_progress: Callable[[Progress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> Progress:
        """Send the queue (:func:`~desktop.offline.sync.sync_queue`)."""
        from desktop.offline.sync import sync_queue

        with self._client() as client:
            return sync_queue(self.queue, client, on_progress=on_progress, should_stop=should_stop)

    def pin_if_connected(self) -> ServerKey | None:
        """Pin the server's key if none is pinned yet and the server answers (the desk's first
        connection); None when there is no server or it cannot be reached now. A key that
        differs from the pinned one raises :class:`~desktop.offline.errors.KeyMismatch`."""
        try:
            return self.pin_server_key()
        except BackendUnavailable:
            return None


def offline_desk_from_settings(
    settings: Settings, backend_url: str | None = None, token: str | None = None
) -> OfflineDesk:
    """The desk's :class:`OfflineDesk`: the queue in the user data folder, the settings'
    server (``backend_url``/``token`` given on the command line win), its certificate pin
    (:meth:`Settings.pin_for`) and field mode.
    Raises SettingsError when the token file cannot be read."""
    url = backend_url or settings.backend_url
    remote = bool(url) and url.startswith(("http://", "https://"))
    return OfflineDesk(
        queue_path=settings.offline_queue_path,
        server_url=url if remote else None,
        token=(token or settings.read_token()) if remote else None,
        pin=settings.pin_for(url),
        field_mode=settings.field_mode,
    )
