"""``tamin-desk serve``: run the remote API server, and manage its desk tokens.

::

    tamin-desk serve --db URL [--host 127.0.0.1] [--port 8765] [--training]
                     [--tls-cert CERT.pem --tls-key KEY.pem]
    tamin-desk serve create-token NAME [--trainer] [--db URL]
    tamin-desk serve revoke-token NAME [--db URL]
    tamin-desk serve list-tokens [--db URL]

``--db`` is a SQLAlchemy URL (``sqlite:///PATH`` or ``postgresql+psycopg://...``), the
simulator's database by default. The server verifies argon2id PHC strings at the PRODUCTION
policy and runs the verification on a timer. With TLS it prints the certificate's SHA-256
fingerprint for the desks' ``--pin``.
"""

from __future__ import annotations

import argparse
import logging
import sys

NAME = "serve"
HELP = "run the remote API server for desks (and manage desk tokens)"

DEFAULT_PORT = 8765


def _add_db(parser: argparse.ArgumentParser, *, sub: bool) -> None:
    # On a sub-command, SUPPRESS keeps the parent's --db when the sub-command's is not given
    # (argparse would otherwise overwrite it with the sub-parser's default).
    parser.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS if sub else None,
        help="database URL (default: the simulator's file in the user data folder)",
    )


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of the server, and the token sub-commands."""
    _add_db(parser, sub=False)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="TCP port")
    parser.add_argument(
        "--training", action="store_true", help="add the trainer routes (reset, clock, outbox)"
    )
    parser.add_argument("--tls-cert", metavar="FILE", help="PEM certificate (enables https)")
    parser.add_argument("--tls-key", metavar="FILE", help="PEM private key of --tls-cert")
    parser.add_argument(
        "--verify-every",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="period of the server's verification runs (default 1)",
    )
    actions = parser.add_subparsers(dest="token_action", metavar="ACTION")
    create = actions.add_parser("create-token", help="create a desk token and print it once")
    create.add_argument("name", help="desk name, e.g. desk-07")
    create.add_argument("--trainer", action="store_true", help="may call the trainer routes")
    _add_db(create, sub=True)
    revoke = actions.add_parser("revoke-token", help="refuse a desk token from now on")
    revoke.add_argument("name")
    _add_db(revoke, sub=True)
    listing = actions.add_parser("list-tokens", help="list desk tokens (never the tokens)")
    _add_db(listing, sub=True)


def run(args: argparse.Namespace) -> int:
    """Run the server (until interrupted) or one token action; returns the exit code."""
    from desktop.paths import default_simulator_url

    url = args.db or default_simulator_url()
    if args.token_action:
        return _token_action(args, url)
    if bool(args.tls_cert) != bool(args.tls_key):
        print("serve: --tls-cert and --tls-key go together", file=sys.stderr)
        return 2
    return _serve(args, url)


def _open_tokens(url: str):  # -> TokenStore
    from desktop.server.tokens import TokenStore
    from models.database import migrate, open_database

    db = open_database(url)
    migrate(db)
    return TokenStore(db)


def _token_action(args: argparse.Namespace, url: str) -> int:
    from desktop.server.tokens import TokenError

    store = _open_tokens(url)
    try:
        if args.token_action == "create-token":
            token = store.create(args.name, trainer=args.trainer)
            print(token)
            print(
                f"token for {args.name!r}{' (trainer)' if args.trainer else ''}: shown once, "
                "stored only as its SHA-256",
                file=sys.stderr,
            )
        elif args.token_action == "revoke-token":
            store.revoke(args.name)
            print(f"revoked {args.name!r}", file=sys.stderr)
        else:
            for info in store.list():
                state = f"revoked {info.revoked_at:%Y-%m-%d %H:%M}" if info.revoked_at else "live"
                role = "trainer" if info.trainer else "desk"
                print(f"{info.name}\t{role}\t{info.created_at:%Y-%m-%d %H:%M}\t{state}")
    except TokenError as exc:
        print(f"serve: {exc}", file=sys.stderr)
        return 1
    return 0


def _serve(args: argparse.Namespace, url: str) -> int:
    import uvicorn

    from desktop.offline.sealing import public_key_of
    from desktop.offline.server_key import default_key_path, load_or_create_server_key
    from desktop.server.app import create_app
    from desktop.service.bootstrap import build_service
    from desktop.service.http_client import is_loopback_host
    from desktop.service.tls_pinning import fingerprint_of_pem

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # Alembic announces each of its plugins at INFO on every start: noise in a server's log.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    tokens = _open_tokens(url)
    backend = build_service(url)
    try:
        # The key that opens desks' sealed offline registrations: a file beside the database.
        key_path = default_key_path(url)
        sync_key = load_or_create_server_key(key_path)
        app = create_app(
            backend,
            tokens=tokens,
            training=args.training,
            verify_every_s=args.verify_every,
            sync_key=sync_key,
        )
        print(f"offline sync key: {key_path} ({public_key_of(sync_key).fingerprint[:16]}…)")
        scheme = "https" if args.tls_cert else "http"
        print(f"serving {backend.description} on {scheme}://{args.host}:{args.port}", flush=True)
        if args.tls_cert:
            print(f"certificate SHA-256 (desks: --pin): {fingerprint_of_pem(args.tls_cert)}")
        elif not is_loopback_host(args.host):
            print(
                "warning: plain http beyond this computer: desks refuse to send passwords, "
                "codes and answers over it; use --tls-cert/--tls-key",
                file=sys.stderr,
            )
        if not any(info.revoked_at is None for info in tokens.list()):
            print("no desk token yet: tamin-desk serve create-token NAME", file=sys.stderr)
        uvicorn.run(
            app,
            host=args.host,
            port=args.port,
            ssl_certfile=args.tls_cert,
            ssl_keyfile=args.tls_key,
            # Uvicorn's access log prints raw paths (mobiles, tracking ids); ours prints routes.
            access_log=False,
            timeout_keep_alive=15,
            log_level="info",
        )
    finally:
        backend.close()
    return 0
