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


#: Top-level options that take a value (the token after them is not a command name).
_OPTIONS_WITH_VALUE = ("--backend", "--token")


def _may_name_a_command(argv: Sequence[str]) -> bool:
    """False when ``argv`` surely opens the GUI: only top-level options, no help request.

    Then no command module is imported: opening the desk does not pay for them (~20 ms).
    """
    expects_value = False
    for token in argv:
        if expects_value:
            expects_value = False
        elif token in _OPTIONS_WITH_VALUE:
            expects_value = True
        elif token in ("-h", "--help") or not token.startswith("-"):
            return True
    return False


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The argument parser for the GUI options and (``with_commands``) every discovered
    sub-command."""
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
        "--field-mode",
        action="store_true",
        help="field laptop: queue every registration (encrypted) for 'tamin-desk sync'",
    )
    parser.add_argument(
        "--smoke", action="store_true", help="start, show the first page, and exit 0 (bundle test)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules() if with_commands else ():
        cmd = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.configure(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(with_commands=_may_name_a_command(argv))
    args = parser.parse_args(argv)
    if args.command is None:
        from desktop.app import run_gui

        return run_gui(
            backend_url=args.backend,
            token=args.token,
            smoke=args.smoke,
            field_mode=args.field_mode,
        )
    try:
        return int(args._run(args))
    except BrokenPipeError:
        # The reader went away (``tamin-desk simulator people | head``): not an error. Point
        # stdout at devnull so the interpreter's final flush does not fail again (the recipe
        # of Python's signal module documentation, "Note on SIGPIPE").
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
