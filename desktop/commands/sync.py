"""``tamin-desk sync``: send the offline queue to the server, list it, or dismiss answered rows.

::

    tamin-desk sync [--backend URL] [--token T] [--pin PIN] [--queue FILE] [--batch N]
    tamin-desk sync --pin-only        # first connection: fetch and pin the server's key
    tamin-desk sync --list            # local id, masked national code, state, answer
    tamin-desk sync --dismiss ID ...  # remove answered rows the operator has dealt with

``--backend`` defaults to the settings' ``backend.url`` (it must be the http(s) server),
``--token`` to the settings' token file or ``TAMIN_DESK_TOKEN``, ``--pin`` to
``TAMIN_DESK_PIN`` or the settings' ``backend.pin``, ``--queue`` to the queue in the user data
folder. While sending, a progress line on stderr shows sent/total and the rate.

Exit codes: 0 nothing left queued; 1 the server's key is not the pinned one, or a refusal of
the whole batch (bad token); 2 usage; 3 the server could not be reached (the queue is kept,
run again later: the sync resumes where it stopped).
"""

from __future__ import annotations

import argparse
import os
import sys

NAME = "sync"
HELP = "send the offline registration queue to the server (resumable), or list it"

EXIT_UNREACHABLE = 3


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of the command (``--backend``/``--token`` may also come before ``sync``)."""
    # SUPPRESS keeps a value given before the sub-command (tamin-desk --backend URL sync).
    parser.add_argument(
        "--backend",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="the server, http(s)://HOST:PORT (default: the settings')",
    )
    parser.add_argument(
        "--token",
        metavar="TOKEN",
        default=argparse.SUPPRESS,
        help="desk token (default: the settings' token file, TAMIN_DESK_TOKEN)",
    )
    parser.add_argument(
        "--pin",
        metavar="PIN",
        help="server certificate pin, PEM file or SHA-256 (default: TAMIN_DESK_PIN, the settings')",
    )
    parser.add_argument("--queue", metavar="FILE", help="queue file (default: user data folder)")
    parser.add_argument(
        "--batch",
        type=int,
        default=100,
        metavar="N",
        help="registrations per request (default 100)",
    )
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--list", action="store_true", help="list the queue and exit")
    what.add_argument(
        "--pin-only", action="store_true", help="fetch and pin the server's key, send nothing"
    )
    what.add_argument(
        "--dismiss",
        nargs="+",
        metavar="ID",
        help="remove answered rows (queued rows are never removed)",
    )


def run(args: argparse.Namespace) -> int:
    """Run the chosen action; returns the exit code (see the module docstring)."""
    from desktop.offline.queue import OfflineQueue
    from desktop.settings import SettingsError, load_settings

    if args.batch < 1 or args.batch > 500:
        print("sync: --batch is 1 to 500", file=sys.stderr)
        return 2
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"sync: {exc}", file=sys.stderr)
        return 2
    with OfflineQueue(args.queue or settings.offline_queue_path) as queue:
        if args.list:
            _print_list(queue)
            return 0
        if args.dismiss:
            removed = queue.dismiss(args.dismiss)
            print(f"dismissed {removed} answered row(s)", file=sys.stderr)
            return 0
        url = getattr(args, "backend", None) or settings.backend_url
        if not url or not url.startswith(("http://", "https://")):
            print(
                "sync: --backend http(s)://HOST:PORT is needed (or backend.url in the settings)",
                file=sys.stderr,
            )
            return 2
        try:
            token = (
                getattr(args, "token", None)
                or settings.read_token()
                or os.environ.get("TAMIN_DESK_TOKEN")
            )
        except SettingsError as exc:
            print(f"sync: {exc}", file=sys.stderr)
            return 2
        if not token:
            print("sync: a desk token is needed (--token or TAMIN_DESK_TOKEN)", file=sys.stderr)
            return 2
        return _send(queue, url, token, args.pin or settings.pin_for(url), args)


def _send(queue, url: str, token: str, pin: str | None, args: argparse.Namespace) -> int:
    from desktop.offline.errors import KeyMismatch
    from desktop.offline.sync import Progress, pin_or_check, sync_queue
    from desktop.offline.sync_client import SyncClient
    from desktop.service.errors import BackendUnavailable, ServiceError

    def show(progress: Progress) -> None:
        print(
            f"\rsent {progress.sent}/{progress.total} "
            f"(accepted {progress.accepted}, refused {progress.refused}, "
            f"superseded {progress.superseded}) "
            f"{progress.rate:.0f}/s",
            end="",
            file=sys.stderr,
            flush=True,
        )

    try:
        with SyncClient(url, token, pin=pin) as client:
            if args.pin_only:
                key = pin_or_check(queue, client)
                print(f"server key pinned: {key.fingerprint}")
                return 0
            final = sync_queue(queue, client, batch_size=args.batch, on_progress=show)
    except KeyMismatch as exc:
        print(f"sync: {exc}; nothing was sent", file=sys.stderr)
        return 1
    except BackendUnavailable as exc:
        print(
            f"\nsync: server unavailable ({exc.target} {exc.reason}); the queue is kept, "
            "run again later",
            file=sys.stderr,
        )
        return EXIT_UNREACHABLE
    except ServiceError as exc:
        print(f"\nsync: refused by the server: {exc}", file=sys.stderr)
        return 1
    if final.total:
        print(file=sys.stderr)
    print(
        f"sent {final.sent}: {final.accepted} accepted, {final.refused} refused, "
        f"{final.superseded} superseded ({final.rate:.0f}/s)"
    )
    if final.refused or final.superseded:
        print(
            "refused and superseded rows stay listed until dismissed: tamin-desk sync --list",
            file=sys.stderr,
        )
    return 0


def _print_list(queue) -> None:
    for item in queue.items():
        # A superseded row has both: its tracking id and the notice request:superseded.
        answer = " ".join(
            filter(None, [item.tracking_id, ",".join(f"{e.field}:{e.code}" for e in item.errors)])
        )
        print(
            f"{item.local_id}\t{item.masked_national_code}\t{item.state.value}\t"
            f"{item.queued_at:%Y-%m-%d %H:%M}\t{answer}"
        )
