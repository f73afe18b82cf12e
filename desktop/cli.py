"""The ``tamin-desk`` command: opens the GUI, or runs a sub-command.

Sub-commands live one per module in :mod:`desktop.commands`; each module defines
``NAME``, ``HELP``, ``configure(parser)`` and ``run(args) -> int``. They are discovered, so adding
a command touches no other file. Modules keep heavy imports inside ``run`` so that the GUI's
start-up never pays for them.

Exit codes: 0 success, 1 a refusal or failure the command reports, 2 a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from desktop import __version__


def _command_modules() -> list:
    import desktop.commands as pkg

    modules = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        modules.append(importlib.import_module(f"desktop.commands.{info.name}"))
    return modules


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for the GUI options and every discovered sub-command."""
    parser = argparse.ArgumentParser(
        prog="tamin-desk",
        description="Tamin Desk: registration and password recovery for the SSO e-services portal.",
    )
    parser.add_argument("--version", action="version", version=f"tamin-desk {__version__}")
    parser.add_argument(
        "--backend",
        metavar="URL",
        help="service to use: sqlite:///PATH (embedded simulator, the default) or http(s)://HOST:PORT",
    )
    parser.add_argument("--token", metavar="TOKEN", help="desk token for a remote backend")
    parser.add_argument(
        "--smoke", action="store_true", help="start, show the first page, and exit 0 (bundle test)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules():
        cmd = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.configure(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from desktop.app import run_gui

        return run_gui(backend_url=args.backend, token=args.token, smoke=args.smoke)
    return int(args._run(args))


if __name__ == "__main__":
    raise SystemExit(main())
