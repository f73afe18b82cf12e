"""Processes the crash tests kill: ``python -m tests.offline.workers enqueue|serve ...``.

``enqueue QUEUE FIRST COUNT``: queue registry people ``FIRST .. FIRST+COUNT-1`` one by one,
printing ``<local id> <index>`` after each enqueue has returned (the acknowledgement an
operator sees). ``serve DB KEY PORT``: the API server with the sync routes on that port, cheap
hash policy, printing ``<url> <token>`` once it accepts connections.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def enqueue(queue_path: str, first: int, count: int) -> None:
    """Enqueue people ``first .. first+count-1`` of the registry, acknowledging each."""
    from desktop.offline.queue import OfflineQueue
    from tests.offline.conftest import cheap_hashes, make_request, people

    chosen = people(with_mobile=True)[first : first + count]
    hashes = cheap_hashes()
    with OfflineQueue(queue_path) as queue:
        for index, person in enumerate(chosen, start=first):
            item = queue.enqueue(make_request(person, hashes))
            print(f"{item.local_id} {index}", flush=True)


def serve(db_url: str, key_path: str, port: int) -> None:
    """Serve until killed."""
    from desktop.offline.server_key import load_or_create_server_key
    from tests.offline.conftest import sync_server

    key = load_or_create_server_key(Path(key_path))
    with sync_server(db_url, key, port=port) as served:
        print(f"{served.url} {served.token}", flush=True)
        while True:
            time.sleep(3600)


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "enqueue":
        enqueue(rest[0], int(rest[1]), int(rest[2]))
    elif command == "serve":
        serve(rest[0], rest[1], int(rest[2]))
    else:
        raise SystemExit(f"unknown command {command}")
